package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// vietnameseLetters is every letter of the Vietnamese alphabet that carries
// a mark, upper and lower case, in NFC: each vowel with each of the five
// tone marks, the bare ă â ê ô ơ ư, and đ.
func vietnameseLetters(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, base := range "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" {
		if strings.ContainsRune("ăâêôơưĂÂÊÔƠƯ", base) {
			out = append(out, string(base))
		}
		for _, tone := range "\u0300\u0301\u0309\u0303\u0323" {
			l := norm.NFC.String(string(base) + string(tone))
			if utf8.RuneCountInString(l) != 1 {
				t.Fatalf("%q has no precomposed form", l)
			}
			out = append(out, l)
		}
	}
	out = append(out, "đ", "Đ")
	if len(out) != 2*(12*5+6)+2 {
		t.Fatalf("built %d letters, want %d", len(out), 2*(12*5+6)+2)
	}
	return out
}

func TestEveryVietnameseLetterHasAGlyph(t *testing.T) {
	f, err := parsedFont()
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	letters := vietnameseLetters(t)
	for r := rune(0x1EA0); r <= 0x1EF9; r++ {
		letters = append(letters, string(r))
	}
	for _, l := range letters {
		r, _ := utf8.DecodeRuneInString(l)
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			t.Errorf("%q (U+%04X): glyph %d, err %v", l, r, i, err)
		}
	}
}

// ink sums how dark the pixels in r are (0 for white, 255 per black
// pixel), so faint anti-aliased marks count too.
func ink(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			n += 255 - int(color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)
		}
	}
	return n
}

func renderText(t *testing.T, face font.Face, s string) *image.RGBA {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 60, 40))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	drawText(img, face, colText, 10, 28, s)
	return img
}

func TestEveryVietnameseLetterDrawsItsMarks(t *testing.T) {
	face, err := newFace(labelPx)
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	// U+E000 is private use: the font has no glyph, so this is the box
	// drawn for a missing letter.
	notdef := renderText(t, face, "\uE000")
	for _, l := range vietnameseLetters(t) {
		base := fold(l)
		with, without := renderText(t, face, l), renderText(t, face, base)
		if bytes.Equal(with.Pix, without.Pix) {
			t.Errorf("%q draws the same pixels as %q: its mark is missing", l, base)
		}
		if bytes.Equal(with.Pix, notdef.Pix) {
			t.Errorf("%q draws the missing-glyph box", l)
		}
		if ink(with, with.Bounds()) == 0 {
			t.Errorf("%q draws nothing", l)
		}
	}
}

// fold strips Vietnamese marks: NFD, drop combining marks, đ→d.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case r >= 0x300 && r <= 0x36F:
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func decode(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decoding PNG: %v", err)
	}
	return img
}

func TestLabelWithDiacriticsDrawsDifferentPixelsThanFolded(t *testing.T) {
	label := "Tuyên truyền, vận động đồng bào dân tộc thiểu số"
	a, err := Progress("Tiến độ", []Bar{{Label: label, Percent: 50}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Progress("Tiến độ", []Bar{{Label: fold(label), Percent: 50}})
	if err != nil {
		t.Fatal(err)
	}
	ia, ib := decode(t, a), decode(t, b)
	labelArea := image.Rect(0, barsTop(1), trackX0, barsTop(1)+rowH)
	if inkA, inkB := ink(ia, labelArea), ink(ib, labelArea); inkA <= inkB {
		t.Fatalf("label with marks has %d dark pixels, folded %d: marks not drawn", inkA, inkB)
	}
	titleArea := image.Rect(0, 0, width, barsTop(1))
	if ink(ia, titleArea) != ink(ib, titleArea) {
		t.Fatal("the title changed although only the label did")
	}
}

func TestProgressSize(t *testing.T) {
	for _, tc := range []struct {
		name string
		bars int
		rows int
	}{
		{"no_bars_leaves_one_row_for_the_no_data_line", 0, 1},
		{"one_bar_is_one_row", 1, 1},
		{"six_bars_are_six_rows", 6, 6},
		{"bars_beyond_the_limit_become_one_summary_row", maxBars + 1, maxBars + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bars := make([]Bar, tc.bars)
			for i := range bars {
				bars[i] = Bar{Label: fmt.Sprintf("Nội dung %d", i+1), Percent: float64(i % 101)}
			}
			data, err := Progress("Tiến độ", bars)
			if err != nil {
				t.Fatal(err)
			}
			b := decode(t, data).Bounds()
			wantH := barsTop(1) + tc.rows*rowH + pad
			if b.Dx() != width || b.Dy() != wantH {
				t.Fatalf("size %dx%d, want %dx%d", b.Dx(), b.Dy(), width, wantH)
			}
			if b.Dx()+b.Dy() > 10000 || b.Dy() > 20*b.Dx() {
				t.Fatalf("%dx%d breaks Telegram's photo limits", b.Dx(), b.Dy())
			}
		})
	}
}

// trackPixels counts, along the middle line of the first bar, how many
// track pixels are filled and how many are not.
func trackPixels(t *testing.T, img image.Image, titleLines int) (filled, empty int) {
	t.Helper()
	y := barsTop(titleLines) + (rowH-barH)/2 + barH/2
	for x := trackX0; x < trackX1; x++ {
		switch c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA); c {
		case colFill, colDone:
			filled++
		case colTrack:
			empty++
		default:
			t.Fatalf("pixel (%d,%d) is %v, neither fill nor track", x, y, c)
		}
	}
	return filled, empty
}

func TestBarFillsItsShareOfTheTrack(t *testing.T) {
	for _, tc := range []struct {
		name    string
		percent float64
		want    float64
		colour  color.RGBA
	}{
		{"sixty_percent_fills_sixty_percent", 60, 0.60, colFill},
		{"fraction_fills_its_share", 62.5, 0.625, colFill},
		{"zero_fills_nothing", 0, 0, colFill},
		{"hundred_fills_all_in_green", 100, 1, colDone},
		{"negative_is_clamped_to_zero", -20, 0, colFill},
		{"over_hundred_is_clamped_to_full", 150, 1, colDone},
		{"nan_counts_as_zero", math.NaN(), 0, colFill},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Progress("Tiến độ", []Bar{{Label: "Nội dung 1", Percent: tc.percent}})
			if err != nil {
				t.Fatal(err)
			}
			img := decode(t, data)
			filled, empty := trackPixels(t, img, 1)
			got := float64(filled) / float64(filled+empty)
			if math.Abs(got-tc.want) > 1.0/float64(trackX1-trackX0) {
				t.Fatalf("filled %d of %d track pixels (%.3f), want %.3f", filled, filled+empty, got, tc.want)
			}
			if filled > 0 {
				y := barsTop(1) + rowH/2
				if c := color.RGBAModel.Convert(img.At(trackX0, y)); c != tc.colour {
					t.Fatalf("fill colour %v, want %v", c, tc.colour)
				}
			}
			pctArea := image.Rect(trackX1, barsTop(1), width, barsTop(1)+rowH)
			if ink(img, pctArea) == 0 {
				t.Fatal("no percent drawn beside the bar")
			}
		})
	}
}

func TestNoDataIsSaid(t *testing.T) {
	empty, err := Progress("Tiến độ", nil)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, empty)
	if ink(img, image.Rect(0, barsTop(1), width, barsTop(1)+rowH)) == 0 {
		t.Fatal("an empty chart draws nothing where the bars would be")
	}
}

func TestFormatPercent(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   float64
		want string
	}{
		{"whole_number_has_no_decimals", 60, "60%"},
		{"zero", 0, "0%"},
		{"hundred", 100, "100%"},
		{"decimal_comma", 62.5, "62,5%"},
		{"rounds_down_so_almost_done_is_not_done", 99.96, "99,9%"},
		{"one_decimal_at_most", 33.333, "33,3%"},
		{"binary_fraction_noise_is_ignored", 57.3, "57,3%"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := formatPercent(tc.in, false); got != tc.want {
				t.Fatalf("formatPercent(%v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
