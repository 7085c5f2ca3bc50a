package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// allowedTags is Telegram's HTML subset for parse_mode=HTML.
var allowedTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true,
	"strike": true, "del": true, "a": true, "code": true, "pre": true, "span": true,
	"tg-spoiler": true, "blockquote": true, "tg-emoji": true,
}

// parseHTML checks s the way Telegram does for parse_mode=HTML and returns the text that remains
// after entity parsing (tags removed, entities decoded). The error is the part of the description
// that follows "can't parse entities: ". It is deliberately stricter than Telegram about bare '>'
// and '&', so that a bot which passes here escapes everything it must.
func parseHTML(s string) (string, error) {
	var out strings.Builder
	var stack []string
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '<':
			end := tagEnd(s, i)
			if end < 0 {
				//lint:ignore ST1005 Telegram's own description, capitalised as it sends it
				return "", fmt.Errorf("Unclosed start tag at byte offset %d", i)
			}
			body := s[i+1 : end]
			if strings.HasPrefix(body, "/") {
				name := strings.ToLower(strings.TrimSpace(body[1:]))
				if len(stack) == 0 {
					//lint:ignore ST1005 Telegram's own description, capitalised as it sends it
					return "", fmt.Errorf("Unexpected end tag at byte offset %d", i)
				}
				if top := stack[len(stack)-1]; top != name {
					//lint:ignore ST1005 Telegram's own description, capitalised as it sends it
					return "", fmt.Errorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", i, top, name)
				}
				stack = stack[:len(stack)-1]
			} else {
				name, attrs := splitTag(body)
				if !allowedTags[name] {
					//lint:ignore ST1005 Telegram's own description, capitalised as it sends it
					return "", fmt.Errorf("Unsupported start tag \"%s\" at byte offset %d", name, i)
				}
				if name == "span" && attrs["class"] != "tg-spoiler" {
					//lint:ignore ST1005 Telegram's own description, capitalised as it sends it
					return "", fmt.Errorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", i)
				}
				stack = append(stack, name)
			}
			i = end + 1
		case '>':
			//lint:ignore ST1005 Telegram's own description, capitalised as it sends it
			return "", fmt.Errorf("Character '>' is reserved and must be escaped with \"&gt;\" at byte offset %d", i)
		case '&':
			r, n, ok := decodeEntity(s[i:])
			if !ok {
				//lint:ignore ST1005 Telegram's own description, capitalised as it sends it
				return "", fmt.Errorf("Character '&' is reserved and must be escaped with \"&amp;\" at byte offset %d", i)
			}
			out.WriteRune(r)
			i += n
		default:
			out.WriteByte(c)
			i++
		}
	}
	if len(stack) > 0 {
		//lint:ignore ST1005 Telegram's own description, capitalised as it sends it
		return "", fmt.Errorf("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1])
	}
	return out.String(), nil
}

// tagEnd finds the '>' closing the tag that starts at s[i], skipping quoted attribute values.
func tagEnd(s string, i int) int {
	var quote byte
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j
		case c == '<':
			return -1
		}
	}
	return -1
}

// splitTag splits the inside of a start tag into its lower-cased name and attributes.
func splitTag(body string) (string, map[string]string) {
	body = strings.TrimSuffix(strings.TrimSpace(body), "/")
	name, rest, _ := strings.Cut(body, " ")
	attrs := map[string]string{}
	rest = strings.TrimSpace(rest)
	for rest != "" {
		key, after, hasValue := strings.Cut(rest, "=")
		if sp := strings.IndexAny(key, " \t\n"); sp >= 0 {
			attrs[strings.ToLower(key[:sp])] = ""
			rest = strings.TrimSpace(rest[sp:])
			continue
		}
		if !hasValue {
			attrs[strings.ToLower(key)] = ""
			break
		}
		after = strings.TrimLeft(after, " ")
		var value string
		if after != "" && (after[0] == '"' || after[0] == '\'') {
			q := after[0]
			end := strings.IndexByte(after[1:], q)
			if end < 0 {
				value, after = after[1:], ""
			} else {
				value, after = after[1:end+1], after[end+2:]
			}
		} else {
			value, after, _ = strings.Cut(after, " ")
		}
		attrs[strings.ToLower(strings.TrimSpace(key))] = value
		rest = strings.TrimSpace(after)
	}
	return strings.ToLower(name), attrs
}

// decodeEntity decodes the entity at the start of s: the four named ones Telegram knows, and
// numeric ones.
func decodeEntity(s string) (rune, int, bool) {
	semi := strings.IndexByte(s, ';')
	if semi < 2 || semi > 10 {
		return 0, 0, false
	}
	name := s[1:semi]
	switch name {
	case "lt":
		return '<', semi + 1, true
	case "gt":
		return '>', semi + 1, true
	case "amp":
		return '&', semi + 1, true
	case "quot":
		return '"', semi + 1, true
	}
	if name[0] != '#' {
		return 0, 0, false
	}
	var n uint64
	var err error
	if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
		n, err = strconv.ParseUint(name[2:], 16, 32)
	} else {
		n, err = strconv.ParseUint(name[1:], 10, 32)
	}
	if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
		return 0, 0, false
	}
	return rune(n), semi + 1, true
}

// utf16Len counts UTF-16 code units, the unit of Telegram's length limits.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
