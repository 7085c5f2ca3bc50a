package telegram

import (
	"strings"
	"testing"
	"unicode"
)

func visibleText(t *testing.T, s string) string {
	t.Helper()
	units, ok := tokenize(s)
	if !ok {
		t.Fatalf("part is not valid Telegram HTML: %q", s)
	}
	var b strings.Builder
	for _, u := range units {
		if u.tag == "" {
			b.WriteRune(u.r)
		}
	}
	return b.String()
}

func TestSplit(t *testing.T) {
	cases := []struct {
		name, text string
		limit      int
		want       []string
	}{
		{"keeps a short text whole", "<b>xin chào</b>", 20, []string{"<b>xin chào</b>"}},
		{"cuts at the last line break", "một hai\nba bốn\nnăm", 15, []string{"một hai\nba bốn\n", "năm"}},
		{"cuts at a space without line breaks", "một hai ba bốn", 9, []string{"một hai ", "ba bốn"}},
		{"closes and reopens a tag across the cut", "<b>aaa\nbbb</b>", 4, []string{"<b>aaa\n</b>", "<b>bbb</b>"}},
		{"reopens nested tags with attributes", `<a href="https://x.y"><i>aa bb</i></a>`, 3, []string{`<a href="https://x.y"><i>aa </i></a>`, `<a href="https://x.y"><i>bb</i></a>`}},
		{"never cuts an entity", "&lt;&lt;&lt;", 2, []string{"&lt;&lt;", "&lt;"}},
		{"never cuts a surrogate pair", "😀😀😀", 4, []string{"😀😀", "😀"}},
		{"escapes invalid HTML before cutting", "a < b\nc", 6, []string{"a &lt; b\n", "c"}},
		{"drops parts with nothing to read", "aaaa\n\n\n\n\nbbbb", 5, []string{"aaaa\n", "bbbb"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := splitHTML(c.text, c.limit)
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// FuzzSplit checks that every part is valid HTML within the limit, and that nothing the reader
// would see is lost or added.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"<b>đậm</b> và <i>nghiêng\ndòng</i>", "a < b & c", "😀 😀\n😀", "<a href=\"x\">l i n k</a>", "&#x1F600;&amp;"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		limit = 2 + abs(limit)%60
		units, _ := prepare(s)
		var want strings.Builder
		for _, u := range units {
			if u.tag == "" && !unicode.IsSpace(u.r) {
				want.WriteRune(u.r)
			}
		}
		var got strings.Builder
		for _, p := range split(units, limit) {
			v := visibleText(t, p)
			if n := utf16Width(v); n > limit {
				t.Fatalf("part %q is %d units, limit %d", p, n, limit)
			}
			got.WriteString(strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return r
			}, v))
		}
		if got.String() != want.String() {
			t.Fatalf("split %q (limit %d) reads %q, want %q", s, limit, got.String(), want.String())
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func utf16Width(s string) int {
	n := 0
	for _, r := range s {
		n += width(r)
	}
	return n
}
