package zalo

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"tags dropped", "<b>Tiến độ</b> <i>A7</i>: 60%", "Tiến độ A7: 60%"},
		{"entities decoded", "Ban Dân vận &amp; BĐBP &lt;TP&gt;", "Ban Dân vận & BĐBP <TP>"},
		{"link address kept", `Mở <a href="https://t.me/bot?start=r">báo cáo</a>`, "Mở báo cáo (https://t.me/bot?start=r)"},
		{"bare link not doubled", `<a href="https://x.vn/a">https://x.vn/a</a>`, "https://x.vn/a"},
		{"line breaks", "a<br>b<br/>c\nd", "a\nb\nc\nd"},
		{"nested", "<blockquote><b>đậm</b> và <code>mã</code></blockquote>", "đậm và mã"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := PlainText(tc.in); got != tc.want {
				t.Fatalf("PlainText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSplitAtLineBreaks(t *testing.T) {
	line := strings.Repeat("ậ", 99) // 99 characters + newline = 100
	text := strings.Repeat(line+"\n", 50)
	parts := Split(text, MaxText)
	if len(parts) != 3 {
		t.Fatalf("%d parts, want 3", len(parts))
	}
	for i, p := range parts {
		if n := utf8.RuneCountInString(p); n > MaxText {
			t.Fatalf("part %d has %d characters", i, n)
		}
		if strings.HasPrefix(p, "\n") || strings.HasSuffix(p, "\n") {
			t.Fatalf("part %d is not cut at a line break", i)
		}
	}
	if got := strings.Join(parts, "\n"); got != strings.TrimSpace(text) {
		t.Fatal("joining the parts does not give the text back")
	}
}

func TestSplitLongWordAndEmoji(t *testing.T) {
	text := strings.Repeat("😀", 1500) // 3,000 UTF-16 units
	parts := Split(text, MaxText)
	if len(parts) != 2 || units(parts[0]) > MaxText || strings.Join(parts, "") != text {
		t.Fatalf("parts %d, first %d units", len(parts), units(parts[0]))
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("xin chào\nthế giới", 5)
	f.Add("😀😀😀", 1)
	f.Add("", 3)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit < 2 || limit > 5000 || !utf8.ValidString(s) {
			return
		}
		var joined strings.Builder
		for _, p := range Split(s, limit) {
			if p == "" || units(p) > limit {
				t.Fatalf("bad part %q (limit %d)", p, limit)
			}
			joined.WriteString(p)
		}
		// Split drops only white space: nothing else is lost or reordered.
		if noSpace(joined.String()) != noSpace(s) {
			t.Fatalf("Split(%q, %d) lost text", s, limit)
		}
	})
}

func FuzzPlainText(f *testing.F) {
	f.Add("<b>a</b> &amp; <a href=\"x\">y</a>")
	f.Add("<<>>&&;")
	f.Fuzz(func(t *testing.T, s string) {
		out := PlainText(s)
		if !strings.ContainsAny(s, "<&\r\x00") && out != strings.TrimSpace(s) {
			t.Fatalf("text without markup changed: %q -> %q", s, out)
		}
	})
}

func noSpace(s string) string {
	return strings.Join(strings.Fields(s), "")
}
