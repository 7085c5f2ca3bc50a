package chart

import (
	"image"
	"image/color"
	"image/draw"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

const ellipsis = "…"

// normalize prepares text for drawing: NFC, so a letter typed as base +
// combining marks is drawn with the font's precomposed glyph rather than
// marks the font positions without GPOS support (x/image does none), and
// control characters (line breaks included) turned into spaces, since the
// layout does its own line breaking.
func normalize(s string) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// clusters splits s into letters as a reader sees them: a rune with the
// combining marks after it. Cutting text only between clusters is what
// keeps a mark from being separated from its letter (NFC leaves marks
// unattached where no precomposed character exists).
func clusters(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if i > start && !unicode.Is(unicode.M, r) {
			out = append(out, s[start:i])
			start = i
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// wrap breaks normalised text into at most maxLines lines no wider than
// width, breaking at spaces where it can and between letters where a word
// alone is too wide. Text that does not fit ends its last line with "…".
func wrap(face font.Face, text string, width fixed.Int26_6, maxLines int) []string {
	if text == "" || maxLines < 1 {
		return nil
	}
	fits := func(s string) bool { return font.MeasureString(face, s) <= width }
	var lines []string
	line := ""
	words := strings.Split(text, " ")
	for wi := 0; wi < len(words); wi++ {
		w := words[wi]
		candidate := w
		if line != "" {
			candidate = line + " " + w
		}
		if fits(candidate) {
			line = candidate
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
			if len(lines) == maxLines {
				return ellipsise(face, lines, strings.Join(words[wi:], " "), width)
			}
			wi-- // retry the word on a fresh line
			continue
		}
		// A single word wider than the line: cut it between letters.
		head, tail := splitToFit(face, w, width)
		lines = append(lines, head)
		if len(lines) == maxLines {
			return ellipsise(face, lines, tail+" "+strings.Join(words[wi+1:], " "), width)
		}
		words[wi] = tail
		wi--
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// splitToFit returns the longest prefix of word (whole letters, at least
// one) that fits in width, and the rest.
func splitToFit(face font.Face, word string, width fixed.Int26_6) (head, tail string) {
	cs := clusters(word)
	n := 1
	for n < len(cs) && font.MeasureString(face, strings.Join(cs[:n+1], "")) <= width {
		n++
	}
	return strings.Join(cs[:n], ""), strings.Join(cs[n:], "")
}

// ellipsise marks that rest did not fit after lines: it trims the last line
// letter by letter until the line and "…" fit within width.
func ellipsise(face font.Face, lines []string, rest string, width fixed.Int26_6) []string {
	if strings.TrimSpace(rest) == "" {
		return lines
	}
	last := clusters(lines[len(lines)-1])
	for len(last) > 0 {
		s := strings.TrimRight(strings.Join(last, ""), " ")
		if font.MeasureString(face, s+ellipsis) <= width {
			lines[len(lines)-1] = s + ellipsis
			return lines
		}
		last = last[:len(last)-1]
	}
	lines[len(lines)-1] = ellipsis
	return lines
}

// drawText draws s with its baseline at (x, y).
func drawText(dst draw.Image, face font.Face, c color.Color, x, y int, s string) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
}
