package zalo

import (
	"strings"
	"unicode/utf16"

	"golang.org/x/net/html"
)

// PlainText turns the bot's replies (HTML in Telegram's subset) into the plain text Zalo shows:
// tags dropped, entities decoded, a link's address written after its text when they differ.
func PlainText(s string) string {
	var sb strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	var href []string // the address of each open <a>, "" when not worth writing
	var linkText strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(sb.String())
		case html.TextToken:
			t := string(z.Text())
			sb.WriteString(t)
			if len(href) > 0 {
				linkText.WriteString(t)
			}
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "a":
				addr := ""
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						addr = string(v)
					}
				}
				href = append(href, addr)
				linkText.Reset()
			case "br":
				sb.WriteString("\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == "a" && len(href) > 0 {
				addr := href[len(href)-1]
				href = href[:len(href)-1]
				if addr != "" && strings.TrimSpace(linkText.String()) != addr {
					sb.WriteString(" (" + addr + ")")
				}
			}
		case html.SelfClosingTagToken:
			if name, _ := z.TagName(); string(name) == "br" {
				sb.WriteString("\n")
			}
		}
	}
}

// Split cuts text into parts of at most limit characters (counted in UTF-16 code units, the
// stricter of the ways a platform may count), at line breaks where it can, else at spaces, else
// anywhere between characters. Empty parts are dropped.
func Split(text string, limit int) []string {
	var parts []string
	for strings.TrimSpace(text) != "" {
		if units(text) <= limit {
			parts = append(parts, strings.TrimSpace(text))
			break
		}
		cut := prefixWithin(text, limit)
		head := text[:cut]
		if i := strings.LastIndex(head, "\n"); i > 0 {
			head = head[:i]
		} else if i := strings.LastIndex(head, " "); i > 0 {
			head = head[:i]
		}
		if p := strings.TrimSpace(head); p != "" {
			parts = append(parts, p)
		}
		text = text[len(head):]
	}
	return parts
}

// units is the length of s in UTF-16 code units.
func units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// prefixWithin is the byte length of the longest prefix of s within limit UTF-16 units (at least
// one character, so Split always advances).
func prefixWithin(s string, limit int) int {
	n := 0
	for i, r := range s {
		l := utf16.RuneLen(r)
		if n+l > limit {
			if i == 0 {
				return len(string(r))
			}
			return i
		}
		n += l
	}
	return len(s)
}
