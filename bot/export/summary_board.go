package export

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The summary sheet's tables use columns A–H; charts start at J, leaving I as a margin, so a
// chart never covers a table.
const (
	chartCol    = 10
	chartWidth  = 560 // pixels
	rowPixels   = 20  // Excel's default row height, 15 pt
	summaryCols = 8
)

// board lays tables out on the summary sheet one below the other, each chart to the right of
// its table, and remembers how wide each column's text is.
type board struct {
	f       *excelize.File
	sheet   string
	ref     string // the sheet's name as a formula writes it: quoted, for its space and diacritics
	st      styles
	sst     summaryStyles
	none    string // the line of an empty table
	row     int    // the next free row
	widths  [summaryCols + 1]int
	indents map[int]int // style by a unit's depth
}

func newBoard(f *excelize.File, sheet string, st styles, none string) (*board, error) {
	sst, err := newSummaryStyles(f)
	if err != nil {
		return nil, err
	}
	return &board{f: f, sheet: sheet, ref: quoteSheet(sheet), st: st, sst: sst, none: none, row: 1, indents: map[int]int{}}, nil
}

// quoteSheet is sheet as a formula or defined name refers to it: 'Tổng hợp', with any ' doubled.
func quoteSheet(sheet string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
}

// placed is where a table landed: its caption and header rows, its data rows first..last
// (last < first when it has none) and the last row it used.
type placed struct{ caption, header, first, last, end int }

// table writes a caption, a bold header row and rows from b.row on. An empty table still shows
// its header, and one line saying there is nothing.
func (b *board) table(caption string, head []string, rows [][]any) (placed, error) {
	if b.row+len(rows)+2 > excelize.TotalRows {
		return placed{}, fmt.Errorf("export: %q: %d lines do not fit on the sheet", caption, len(rows))
	}
	t := placed{caption: b.row, header: b.row + 1, first: b.row + 2, last: b.row + 1 + len(rows)}
	if err := b.f.SetCellValue(b.sheet, cell(1, t.caption), caption); err != nil {
		return t, fmt.Errorf("export: caption: %w", err)
	}
	if err := b.f.SetCellStyle(b.sheet, cell(1, t.caption), cell(1, t.caption), b.sst.caption); err != nil {
		return t, fmt.Errorf("export: caption: %w", err)
	}
	if err := setRow(b.f, b.sheet, t.header, head); err != nil {
		return t, err
	}
	if err := b.f.SetCellStyle(b.sheet, cell(1, t.header), cell(len(head), t.header), b.st.header); err != nil {
		return t, fmt.Errorf("export: header style: %w", err)
	}
	for c, h := range head {
		b.widen(c+1, utf8.RuneCountInString(h))
	}
	for i, r := range rows {
		if err := setRow(b.f, b.sheet, t.first+i, r); err != nil {
			return t, err
		}
		for c, v := range r {
			if s, ok := v.(string); ok {
				b.widen(c+1, longestLine(s))
			}
		}
	}
	t.end = t.last
	if len(rows) == 0 {
		t.end = t.first
		if err := b.f.SetCellValue(b.sheet, cell(1, t.first), b.none); err != nil {
			return t, fmt.Errorf("export: empty table: %w", err)
		}
		if err := b.styleCell(1, t.first, b.sst.none); err != nil {
			return t, err
		}
	}
	return t, nil
}

// chartSpec is a bar chart of a table: the column (from 1) of its category labels and those of
// the series, each named by its header cell.
type chartSpec struct {
	title   string
	cats    int
	vals    []int
	percent bool // values are 0–100: fix the axis there, one decimal in the labels
}

// finish draws t's chart beside it, unless t has no data rows, and moves b.row past both.
func (b *board) finish(t placed, spec chartSpec) error {
	end := t.end
	if t.last >= t.first {
		n := t.last - t.first + 1
		height := max(240, 90+n*(10+14*len(spec.vals)))
		if err := b.f.AddChart(b.sheet, cell(chartCol, t.caption), b.chart(t, spec, height)); err != nil {
			return fmt.Errorf("export: chart %q: %w", spec.title, err)
		}
		end = max(end, t.caption+(height+rowPixels-1)/rowPixels)
	}
	b.row = end + 2
	return nil
}

func (b *board) chart(t placed, spec chartSpec, height int) *excelize.Chart {
	no, yes := false, true
	rng := func(col, from, to int) string {
		c := colName(col)
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", b.ref, c, from, c, to)
	}
	series := make([]excelize.ChartSeries, len(spec.vals))
	for i, col := range spec.vals {
		series[i] = excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", b.ref, colName(col), t.header),
			Categories: rng(spec.cats, t.first, t.last),
			Values:     rng(col, t.first, t.last),
		}
	}
	legend := "none" // one series: the title says what it is
	if len(series) > 1 {
		legend = "bottom"
	}
	// Labels as their cells show them (counts whole, quantities grouped by thousands).
	labels := excelize.ChartNumFmt{CustomNumFmt: "General", SourceLinked: true}
	yAxis := excelize.ChartAxis{MajorGridLines: true}
	if spec.percent {
		lo, hi := 0.0, 100.0
		yAxis.Minimum, yAxis.Maximum = &lo, &hi
		labels = excelize.ChartNumFmt{CustomNumFmt: "0.0"}
	}
	return &excelize.Chart{
		Type:       excelize.Bar,
		Series:     series,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: spec.title}}},
		Legend:     excelize.ChartLegend{Position: legend},
		VaryColors: &no,
		// Categories top to bottom in the table's order.
		XAxis:     excelize.ChartAxis{ReverseOrder: true},
		YAxis:     yAxis,
		PlotArea:  excelize.ChartPlotArea{ShowVal: true, NumFmt: labels},
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: uint(height)},
		Format:    excelize.GraphicOptions{PrintObject: &yes, OffsetY: 2, AltText: spec.title},
	}
}

// styleCol applies style to column col (from 1) of t's data rows.
func (b *board) styleCol(t placed, col, style int) error {
	if t.last < t.first {
		return nil
	}
	if err := b.f.SetCellStyle(b.sheet, cell(col, t.first), cell(col, t.last), style); err != nil {
		return fmt.Errorf("export: summary style: %w", err)
	}
	return nil
}

func (b *board) styleCell(col, row, style int) error {
	if err := b.f.SetCellStyle(b.sheet, cell(col, row), cell(col, row), style); err != nil {
		return fmt.Errorf("export: summary style: %w", err)
	}
	return nil
}

// widen notes that column col (from 1) holds text n runes wide.
func (b *board) widen(col, n int) {
	if col < len(b.widths) {
		b.widths[col] = max(b.widths[col], n)
	}
}

// setWidths sizes columns A–H to their widest text, within minWidth..noteWidth (the title block
// and captions may run on into the next cells).
func (b *board) setWidths() error {
	for col := 1; col <= summaryCols; col++ {
		name := colName(col)
		width := min(max(b.widths[col]+2, minWidth), noteWidth)
		if err := b.f.SetColWidth(b.sheet, name, name, float64(width)); err != nil {
			return fmt.Errorf("export: column width: %w", err)
		}
	}
	return nil
}

// summaryStyles are the summary sheet's own styles, beside the shared ones.
type summaryStyles struct {
	title, caption, none, pct, whole, fraction int
}

func newSummaryStyles(f *excelize.File) (summaryStyles, error) {
	var st summaryStyles
	pct, whole, fraction := "0.0", "#,##0", "#,##0.##"
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.caption, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}}},
		{&st.none, excelize.Style{Font: &excelize.Font{Italic: true, Color: "808080"}}},
		{&st.pct, excelize.Style{CustomNumFmt: &pct}},
		// Excel shows "12." for 12 under #,##0.##, so whole numbers get a format of their own.
		{&st.whole, excelize.Style{CustomNumFmt: &whole}},
		{&st.fraction, excelize.Style{CustomNumFmt: &fraction}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, fmt.Errorf("export: summary style: %w", err)
		}
		*s.id = id
	}
	return st, nil
}

// quantity is the style for a quantity v: thousands grouped, decimals only when it has some.
func (st summaryStyles) quantity(v float64) int {
	if v == math.Trunc(v) {
		return st.whole
	}
	return st.fraction
}

// indent is the style of a unit name at depth d, registered the first time it is needed.
func (b *board) indent(d int) (int, error) {
	d = min(d, 7) // two steps a level; Excel stops at 15
	if id, ok := b.indents[d]; ok {
		return id, nil
	}
	id, err := b.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Indent: 2 * d}})
	if err != nil {
		return 0, fmt.Errorf("export: indent style: %w", err)
	}
	b.indents[d] = id
	return id, nil
}
