package chart

import (
	_ "embed"
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
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
	return face, nil
}
