package telegram

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Telegram's limits, in UTF-16 code units counted after entity parsing.
const (
	maxText    = 4096
	maxCaption = 1024
)

// allowedTags is Telegram's HTML subset.
var allowedTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true,
	"strike": true, "del": true, "a": true, "code": true, "pre": true, "span": true,
	"tg-spoiler": true, "blockquote": true, "tg-emoji": true,
}

// unit is one indivisible piece of an HTML text: a tag, a character or an entity.
type unit struct {
	raw   string
	width int    // UTF-16 units the reader sees; 0 for tags
	tag   string // tag name, for tags
	open  bool   // a start tag
	r     rune   // the character, for text
}

// tokenize cuts s into units, or reports that it is not HTML Telegram would accept: unknown tags,
// bad nesting, or a '<', '>' or '&' that is not part of a tag or an entity.
func tokenize(s string) ([]unit, bool) {
	if !utf8.ValidString(s) {
		return nil, false
	}
	units := make([]unit, 0, len(s))
	var stack []string
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return nil, false
			}
			raw := s[i : i+end+1]
			body := raw[1 : len(raw)-1]
			if strings.ContainsAny(body, "<\"'") && !quotedOK(body) {
				return nil, false
			}
			if rest, ok := strings.CutPrefix(body, "/"); ok {
				name := strings.ToLower(strings.TrimSpace(rest))
				if len(stack) == 0 || stack[len(stack)-1] != name {
					return nil, false
				}
				stack = stack[:len(stack)-1]
				units = append(units, unit{raw: raw, tag: name})
			} else {
				name, attrs, _ := strings.Cut(strings.TrimSpace(body), " ")
				name = strings.ToLower(name)
				if !allowedTags[name] || (name == "span" && !strings.Contains(attrs, "tg-spoiler")) {
					return nil, false
				}
				stack = append(stack, name)
				units = append(units, unit{raw: raw, tag: name, open: true})
			}
			i += end + 1
		case '>':
			return nil, false
		case '&':
			r, n, ok := entity(s[i:])
			if !ok {
				return nil, false
			}
			units = append(units, unit{raw: s[i : i+n], width: width(r), r: r})
			i += n
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			units = append(units, unit{raw: s[i : i+n], width: width(r), r: r})
			i += n
		}
	}
	return units, len(stack) == 0
}

// quotedOK accepts a tag whose quotes are balanced and hold no '<', as in <a href="x?a=1">.
func quotedOK(body string) bool {
	var quote rune
	for _, c := range body {
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case c == '<':
			return false
		}
	}
	return quote == 0 && !strings.ContainsRune(body, '<')
}

// entity decodes the four named entities Telegram knows and numeric ones.
func entity(s string) (rune, int, bool) {
	semi := strings.IndexByte(s, ';')
	if semi < 2 || semi > 10 {
		return 0, 0, false
	}
	switch name := s[1:semi]; name {
	case "lt":
		return '<', semi + 1, true
	case "gt":
		return '>', semi + 1, true
	case "amp":
		return '&', semi + 1, true
	case "quot":
		return '"', semi + 1, true
	default:
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
}

func width(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// prepare returns the units of text as Telegram HTML; text that is not valid HTML is escaped
// whole, so that the reader sees exactly what was written rather than a failure.
func prepare(text string) (units []unit, escaped bool) {
	if u, ok := tokenize(text); ok {
		return u, false
	}
	u, _ := tokenize(html.EscapeString(strings.ToValidUTF8(text, "\uFFFD")))
	return u, true
}

func visibleWidth(units []unit) int {
	n := 0
	for _, u := range units {
		n += u.width
	}
	return n
}

// split cuts units into texts of at most limit visible UTF-16 units: at the last line break that
// fits, else the last space, else anywhere between characters. A tag open at a cut is closed at
// the end of one part and reopened at the start of the next, so every part is valid on its own.
// Parts with nothing visible are dropped, as Telegram refuses them.
func split(units []unit, limit int) []string {
	var parts []string
	var open []unit // start tags open at position i
	for i := 0; i < len(units); {
		w, j, lastNL, lastSP := 0, i, -1, -1
		for j < len(units) && w+units[j].width <= limit {
			w += units[j].width
			switch units[j].r {
			case '\n':
				lastNL = j
			case ' ':
				lastSP = j
			}
			j++
		}
		cut := j
		if j < len(units) {
			if lastNL >= i {
				cut = lastNL + 1
			} else if lastSP >= i {
				cut = lastSP + 1
			}
		}
		var b strings.Builder
		visible := false
		for _, t := range open {
			b.WriteString(t.raw)
		}
		for _, u := range units[i:cut] {
			b.WriteString(u.raw)
			switch {
			case u.open:
				open = append(open, u)
			case u.tag != "":
				open = open[:len(open)-1]
			case !unicode.IsSpace(u.r):
				visible = true
			}
		}
		for k := len(open) - 1; k >= 0; k-- {
			b.WriteString("</" + open[k].tag + ">")
		}
		if visible {
			parts = append(parts, b.String())
		}
		i = cut
	}
	return parts
}

// splitHTML prepares text and splits it into messages Telegram accepts.
func splitHTML(text string, limit int) []string {
	units, _ := prepare(text)
	return split(units, limit)
}
