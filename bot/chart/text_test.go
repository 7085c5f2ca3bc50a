package chart

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

func labelFace(t testing.TB) font.Face {
	t.Helper()
	face, err := newFace(labelPx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { face.Close() })
	return face
}

// checkWrap states what any wrapping must keep: few enough lines, each
// within the width unless it is one letter too wide for any line, no line
// starting with a mark torn from its letter, and the text in order — all
// of it, or a prefix ended by "…".
func checkWrap(t *testing.T, face font.Face, text string, lines []string, width fixed.Int26_6, maxLines int) {
	t.Helper()
	if len(lines) > maxLines {
		t.Fatalf("%d lines, max %d: %q", len(lines), maxLines, lines)
	}
	if text != "" && len(lines) == 0 {
		t.Fatalf("%q wrapped to nothing", text)
	}
	for i, l := range lines {
		if l == "" {
			t.Fatalf("line %d empty in %q", i, lines)
		}
		if font.MeasureString(face, l) > width && len(clusters(strings.TrimSuffix(l, ellipsis))) > 1 {
			t.Fatalf("line %d %q is %v wide, max %v", i, l, font.MeasureString(face, l), width)
		}
		// A mark may open a line only where a word of the text opens with
		// one (typed after a space); one torn from its letter may not.
		if first := clusters(l)[0]; unicode.Is(unicode.M, []rune(first)[0]) && !opensWord(text, first) {
			t.Fatalf("line %d %q starts with a mark cut from its letter", i, l)
		}
	}
	squash := func(s string) string { return strings.ReplaceAll(s, " ", "") }
	joined := strings.Join(lines, "")
	if squash(joined) != squash(text) {
		cut := strings.TrimSuffix(joined, ellipsis)
		if cut == joined || !strings.HasPrefix(squash(text), squash(cut)) {
			t.Fatalf("lines %q are neither %q nor a prefix of it ended by …", lines, text)
		}
	}
}

func opensWord(text, prefix string) bool {
	for _, w := range strings.Fields(text) {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}

func TestWrap(t *testing.T) {
	face := labelFace(t)
	w := fixed.I(labelW)
	for _, tc := range []struct {
		name, text string
		lines      int
		ellipsis   bool
	}{
		{"short_label_is_one_line", "Kỹ năng dân vận khéo", 1, false},
		{"medium_label_wraps_at_a_space", "Nội dung 2: Xây dựng hệ thống chính trị cơ sở vững mạnh", 2, false},
		{"long_label_is_ellipsised", strings.Repeat("Tuyên truyền phổ biến pháp luật ", 6), 2, true},
		{"long_word_is_cut_between_letters", strings.Repeat("đườngngườiợ", 12), 2, true},
		{"marks_without_precomposed_form_stay_with_their_letter", strings.Repeat("q\u0323\u0301", 80), 2, true},
		{"empty_label_has_no_lines", "", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := normalize(tc.text)
			lines := wrap(face, text, w, labelLines)
			checkWrap(t, face, text, lines, w, labelLines)
			if len(lines) != tc.lines {
				t.Fatalf("%d lines %q, want %d", len(lines), lines, tc.lines)
			}
			if got := len(lines) > 0 && strings.HasSuffix(lines[len(lines)-1], ellipsis); got != tc.ellipsis {
				t.Fatalf("ellipsis %v in %q, want %v", got, lines, tc.ellipsis)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"decomposed_becomes_precomposed", norm.NFD.String("Tiến độ đạt"), "Tiến độ đạt"},
		{"line_breaks_and_tabs_become_single_spaces", "Nội dung\r\n1:\t  A", "Nội dung 1: A"},
		{"invalid_utf8_is_replaced", "a\xffb", "a\uFFFDb"},
		{"outer_space_is_trimmed", "  x  ", "x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := normalize(tc.in); got != tc.want {
				t.Fatalf("normalize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzWrap checks the wrapping invariants on arbitrary labels, which come
// from the programme file and from coordinators typing in chat.
func FuzzWrap(f *testing.F) {
	for _, s := range []string{
		"", "Nội dung 1: Tuyên truyền", strings.Repeat("ạ", 200), "q\u0323\u0301 x", "\u0301abc",
		"a b", strings.Repeat("W", 100), "𝕏𝕏𝕏 😀 中文", "\t\n", "…", "00 \u07330", "##…",
	} {
		f.Add(s, 2)
	}
	face := labelFace(f)
	f.Fuzz(func(t *testing.T, s string, maxLines int) {
		maxLines = 1 + (maxLines%3+3)%3
		text := normalize(s)
		for _, w := range []int{labelW, 40} {
			checkWrap(t, face, text, wrap(face, text, fixed.I(w), maxLines), fixed.I(w), maxLines)
		}
	})
}
