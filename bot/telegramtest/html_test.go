package telegramtest

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseHTML checks that the validator never panics, that escaping any text makes it valid and
// round-trips, and that what it accepts never grows.
func FuzzParseHTML(f *testing.F) {
	for _, s := range []string{"<b>x</b>", "a & b", "<a href=\"x>y\">l</a>", "&#x1F600;", "<b><i></b>", "&#0;", "<span class='tg-spoiler'>s</span>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if visible, err := parseHTML(s); err == nil && utf16Len(visible) > utf16Len(s) {
			t.Errorf("parsing %q grew it to %q", s, visible)
		}
		visible, err := parseHTML(html.EscapeString(s))
		if err != nil {
			t.Fatalf("escaped %q refused: %v", s, err)
		}
		if visible != s {
			t.Errorf("escaped %q came back as %q", s, visible)
		}
		if strings.Contains(s, "<script") {
			if _, err := parseHTML(s); err == nil {
				t.Errorf("%q accepted", s)
			}
		}
	})
}
