package chart

import (
	_ "embed"
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The Go fonts (golang.org/x/image/font/gofont) have no glyph for any of
// U+1EA0–U+1EF9 (ạ ả ấ … ỹ) nor for ơ ư Ơ Ư, checked glyph by glyph, so a
// chart drawn with them would show boxes in most Vietnamese words. DejaVu
// Sans covers every Vietnamese letter as a precomposed glyph; its licence
// (Bitstream Vera, DejaVu changes public domain) is in fonts/LICENSE and
// permits redistribution with that notice. Only the regular weight is
// embedded (~740 KB); the title is set larger instead of bold to save as
// much again in the binary.
//
//go:embed fonts/DejaVuSans.ttf
var dejaVuSans []byte

// parsedFont parses the embedded font once. The *opentype.Font it returns is
// never modified afterwards, and its methods are safe for concurrent use
// (each Face brings its own buffer), so sharing it is not shared state.
var parsedFont = sync.OnceValues(func() (*opentype.Font, error) {
	f, err := opentype.Parse(dejaVuSans)
	if err != nil {
		return nil, fmt.Errorf("chart: parsing embedded DejaVu Sans: %w", err)
	}
	return f, nil
})

// newFace makes a face of the embedded font at px pixels. Faces cache glyph
// data and are not safe for concurrent use, hence one per call.
func newFace(px float64) (font.Face, error) {
	f, err := parsedFont()
	if err != nil {
		return nil, err
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("chart: making %v px face: %w", px, err)
	}
	return &kernedFace{Face: face, f: f, ppem: fixed.Int26_6(0.5 + px*64), hinting: font.HintingFull}, nil
}

// kernedFace corrects the kerning of an opentype.Face: x/image's Face.Kern (v0.48) asks sfnt for
// the pair's kerning at a size of UnitsPerEm/64 pixels (32 px for DejaVu's 2048 units) whatever
// the face's size, so at 15 px "T" was pulled 5 px into the next letter instead of 2. font.Drawer
// and font.MeasureString call Kern between every pair of runes, so drawing and line breaking both
// use the right value once it is computed at the face's own size.
type kernedFace struct {
	font.Face
	f       *opentype.Font
	ppem    fixed.Int26_6
	hinting font.Hinting
	buf     sfnt.Buffer
}

// Kern satisfies font.Face with the pair's kerning at the face's size.
func (k *kernedFace) Kern(r0, r1 rune) fixed.Int26_6 {
	x0, err0 := k.f.GlyphIndex(&k.buf, r0)
	x1, err1 := k.f.GlyphIndex(&k.buf, r1)
	if err0 != nil || err1 != nil || x0 == 0 || x1 == 0 {
		return 0
	}
	v, err := k.f.Kern(&k.buf, x0, x1, k.ppem, k.hinting)
	if err != nil {
		return 0
	}
	return v
}
