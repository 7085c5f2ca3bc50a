// Package chart draws the progress chart /progress (/tiendo) sends as a
// photo: one horizontal bar per content area, with Vietnamese labels drawn
// correctly. It uses only the standard image packages and x/image's
// OpenType rasteriser, with DejaVu Sans embedded (see font.go for why).
package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot/i18n"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// Bar is one content area's progress.
type Bar struct {
	Label   string  // content area title, any Unicode; drawn NFC
	Percent float64 // 0–100; values outside are clamped, NaN counts as 0
}

// Layout in pixels. The image is a fixed 800 px wide, which Telegram shows
// without scaling on phones, and grows downwards by rowH per bar.
const (
	width      = 800
	pad        = 24
	titlePx    = 22
	titleLineH = 30
	titleLines = 2
	labelPx    = 15
	labelLineH = 19
	labelLines = 2
	labelW     = 290 // label column
	gap        = 14
	pctW       = 64 // room for "100%" or "62,5%"
	rowH       = 2*labelLineH + 16
	barH       = 22
	trackX0    = pad + labelW + gap
	trackX1    = width - pad - pctW
	// maxBars keeps the image within Telegram's photo limits (width +
	// height ≤ 10,000, ratio ≤ 20); the rest are summarised in one line.
	maxBars = 150
)

// Colours: dark grey text on white, a light grey track, blue progress that
// turns green when an area is complete.
var (
	colBackground = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	colText       = color.RGBA{0x22, 0x22, 0x22, 0xFF}
	colMuted      = color.RGBA{0x6B, 0x72, 0x80, 0xFF}
	colTrack      = color.RGBA{0xE5, 0xE7, 0xEB, 0xFF}
	colFill       = color.RGBA{0x2F, 0x80, 0xED, 0xFF}
	colDone       = color.RGBA{0x27, 0xAE, 0x60, 0xFF}
)

// noData is drawn in place of bars when there are none.
const noData = "Chưa có dữ liệu"

// Average is the percent shown for a group of activities whose latest percents add up to total:
// their mean, rounded down to a whole percent, so an area is never shown as done before it is.
// The progress text and the chart both use it, so they always agree.
func Average(total, n int) int {
	if n <= 0 || total <= 0 {
		return 0
	}
	return total / n
}

// ProgressIn renders a PNG of bars under title, its own words and numbers in lang ("vi", or "en…"
// for English). Labels that do not fit in two lines end in "…"; each bar is followed by its
// percent with the language's decimal mark ("62,5%" in Vietnamese, "62.5%" in English). With no
// bars it says so; beyond 150 bars the rest are counted in a last line.
func ProgressIn(lang, title string, bars []Bar) ([]byte, error) {
	en := i18n.English(lang)
	titleFace, err := newFace(titlePx)
	if err != nil {
		return nil, err
	}
	defer titleFace.Close()
	labelFace, err := newFace(labelPx)
	if err != nil {
		return nil, err
	}
	defer labelFace.Close()

	titleText := wrap(titleFace, normalize(title), fixed.I(width-2*pad), titleLines)
	shown := bars
	hidden := 0
	if len(shown) > maxBars {
		shown, hidden = bars[:maxBars], len(bars)-maxBars
	}
	top := barsTop(len(titleText))
	rows := max(len(shown), 1) // room for the "no data" line
	if hidden > 0 {
		rows++
	}
	img := image.NewRGBA(image.Rect(0, 0, width, top+rows*rowH+pad))
	draw.Draw(img, img.Bounds(), image.NewUniform(colBackground), image.Point{}, draw.Src)

	for i, line := range titleText {
		drawText(img, titleFace, colText, pad, pad+titlePx+i*titleLineH, line)
	}
	if len(shown) == 0 {
		drawText(img, labelFace, colMuted, pad, top+rowH/2+labelPx/3, i18n.Pick(lang, noData, "No data yet"))
	}
	for i, b := range shown {
		drawBar(img, labelFace, top+i*rowH, b, en)
	}
	if hidden > 0 {
		drawText(img, labelFace, colMuted, pad, top+len(shown)*rowH+rowH/2+labelPx/3,
			fmt.Sprintf(i18n.Pick(lang, "… và %d mục khác", "… and %d more"), hidden))
	}

	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("chart: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// barsTop is the y where the first bar row starts, below the title.
func barsTop(titleLinesUsed int) int {
	return pad + titleLinesUsed*titleLineH + pad/2
}

// drawBar draws one row starting at y: label, track, fill, percent.
func drawBar(img *image.RGBA, face font.Face, y int, b Bar, en bool) {
	p := clamp(b.Percent)
	m := face.Metrics()
	// Baseline that centres a line of text in a box of height h at top.
	baseline := func(top, h int) int { return top + (h+m.Ascent.Ceil()-m.Descent.Ceil())/2 }

	lines := wrap(face, normalize(b.Label), fixed.I(labelW), labelLines)
	top := y + (rowH-len(lines)*labelLineH)/2
	for i, line := range lines {
		drawText(img, face, colText, pad, baseline(top+i*labelLineH, labelLineH), line)
	}

	barY := y + (rowH-barH)/2
	draw.Draw(img, image.Rect(trackX0, barY, trackX1, barY+barH), image.NewUniform(colTrack), image.Point{}, draw.Src)
	fill := colFill
	if p >= 100 {
		fill = colDone
	}
	if w := fillWidth(p); w > 0 {
		draw.Draw(img, image.Rect(trackX0, barY, trackX0+w, barY+barH), image.NewUniform(fill), image.Point{}, draw.Src)
	}
	drawText(img, face, colText, trackX1+8, baseline(barY, barH), formatPercent(p, en))
}

// clamp keeps a percent within 0–100 so a bad aggregate cannot draw
// outside its track; NaN is treated as no progress.
func clamp(p float64) float64 {
	if math.IsNaN(p) || p < 0 {
		return 0
	}
	return min(p, 100)
}

// fillWidth is the filled part of the track, in pixels, for percent p.
func fillWidth(p float64) int {
	return int(math.Round(p / 100 * float64(trackX1-trackX0)))
}

// formatPercent shows p with at most one decimal, rounded down so that
// 99.96 reads "99,9%" rather than claiming completion, with the decimal
// comma Vietnamese readers use, or the point English readers use.
func formatPercent(p float64, en bool) string {
	p = math.Floor(p*10+1e-9) / 10
	s := strconv.FormatFloat(p, 'f', -1, 64)
	if !en {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + "%"
}
