package chart

import (
	"os"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The embedded font kerns "T" against the next letter by about 0.15 em; x/image's Face.Kern gave
// that at 32 px whatever the size, so at 15 px "T" ran 5 px into "u" ("Tuyên", "Training").
func TestKernAtFaceSize(t *testing.T) {
	f, err := parsedFont()
	if err != nil {
		t.Fatal(err)
	}
	for _, px := range []float64{15, 22} {
		face, err := newFace(px)
		if err != nil {
			t.Fatal(err)
		}
		for _, pair := range []string{"Tu", "Tr", "To", "AV", "Yo"} {
			r := []rune(pair)
			var b sfnt.Buffer
			x0, _ := f.GlyphIndex(&b, r[0])
			x1, _ := f.GlyphIndex(&b, r[1])
			units, err := f.Kern(&b, x0, x1, fixed.Int26_6(f.UnitsPerEm()), font.HintingNone)
			if err != nil {
				t.Fatal(err)
			}
			// The font's value scaled to this size, in 26.6 pixels.
			want := float64(units) * px / float64(f.UnitsPerEm())
			got := float64(face.Kern(r[0], r[1])) / 64
			if got < want-1 || got > want+1 {
				t.Errorf("%v px %q: kern %.2f px, want %.2f±1", px, pair, got, want)
			}
			a0, _ := face.GlyphAdvance(r[0])
			a1, _ := face.GlyphAdvance(r[1])
			if w := font.MeasureString(face, pair); w != a0+a1+face.Kern(r[0], r[1]) {
				t.Errorf("%q measures %v, want advances %v+%v plus kern %v", pair, w, a0, a1, face.Kern(r[0], r[1]))
			}
		}
		face.Close()
	}
}

func TestDecimalMarkByLanguage(t *testing.T) {
	if got := formatPercent(32.5, false); got != "32,5%" {
		t.Errorf("vi: %q", got)
	}
	if got := formatPercent(32.5, true); got != "32.5%" {
		t.Errorf("en: %q", got)
	}
	// English chart renders (and differs from the Vietnamese one only in its words and marks).
	vi, err := ProgressIn("vi", "Progress", []Bar{{Label: "Training", Percent: 32.5}})
	if err != nil {
		t.Fatal(err)
	}
	en, err := ProgressIn("en-US", "Progress", []Bar{{Label: "Training", Percent: 32.5}})
	if err != nil {
		t.Fatal(err)
	}
	if string(vi) == string(en) {
		t.Error("the English chart is drawn with the Vietnamese decimal comma")
	}
	if path := os.Getenv("CHART_SAMPLE_EN"); path != "" {
		_ = os.WriteFile(path, en, 0o644)
	}
}

func TestAverageRoundsDown(t *testing.T) {
	for _, c := range []struct{ total, n, want int }{{65, 2, 32}, {200, 2, 100}, {299, 3, 99}, {0, 0, 0}, {50, 0, 0}} {
		if got := Average(c.total, c.n); got != c.want {
			t.Errorf("Average(%d, %d) = %d, want %d", c.total, c.n, got, c.want)
		}
	}
}
