package export

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The summary sheet's tables use columns A–H, each chart sits under its table within them, so
// the sheet prints as wide as its widest table; column L holds the targets chart's labels, outside
// the print area.
const (
	chartWidth  = 600 // pixels: narrower than columns A–H at their least
	rowPixels   = 20  // Excel's default row height, 15 pt
	summaryCols = 8
	labelCol    = 12
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
	// charts wait for the columns' widths: excelize anchors a chart to the cells it covers as
	// they are sized when it is added.
	charts []pendingChart
	// texts are the text cells by row, for the rows' heights once the widths are known.
	texts map[int][]textCell
}

type textCell struct {
	col   int
	runes int
}

type pendingChart struct {
	at    string
	chart *excelize.Chart
}

func newBoard(f *excelize.File, sheet string, st styles, none string) (*board, error) {
	sst, err := newSummaryStyles(f)
	if err != nil {
		return nil, err
	}
	return &board{f: f, sheet: sheet, ref: quoteSheet(sheet), st: st, sst: sst, none: none, row: 1, indents: map[int]int{}, texts: map[int][]textCell{}}, nil
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
			style := b.sst.num // numbers sit centred under their centred header
			if s, ok := v.(string); ok {
				b.widen(c+1, longestLine(s))
				style = b.sst.text
				b.texts[t.first+i] = append(b.texts[t.first+i], textCell{c + 1, utf8.RuneCountInString(s)})
			}
			if err := b.styleCell(c+1, t.first+i, style); err != nil {
				return t, err
			}
		}
	}
	t.end = t.last
	if len(rows) == 0 {
		t.end = t.first
		if err := b.f.SetCellValue(b.sheet, cell(1, t.first), b.none); err != nil {
			return t, fmt.Errorf("export: empty table: %w", err)
		}
		if err := b.f.MergeCell(b.sheet, cell(1, t.first), cell(len(head), t.first)); err != nil {
			return t, fmt.Errorf("export: empty table: %w", err)
		}
		if err := b.f.SetCellStyle(b.sheet, cell(1, t.first), cell(len(head), t.first), b.sst.none); err != nil {
			return t, fmt.Errorf("export: empty table: %w", err)
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
	percent bool // values are 0–100 (or more): the axis starts at 0, labels read "35%"
	// max is the largest value, for a count axis in whole steps or a percent axis past 100.
	max float64
	// rows charts only the table's first rows (0: all of them).
	rows int
}

// finish draws t's chart under it, unless t has no data rows, and moves b.row past both.
func (b *board) finish(t placed, spec chartSpec) error {
	end := t.end
	if t.last >= t.first {
		if spec.rows > 0 && t.first+spec.rows-1 < t.last {
			t.last = t.first + spec.rows - 1
		}
		n := t.last - t.first + 1
		height := max(220, 90+n*(12+16*len(spec.vals)))
		at := t.end + 2
		b.charts = append(b.charts, pendingChart{cell(1, at), b.chart(t, spec, height)})
		end = at + (height+rowPixels-1)/rowPixels
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
	// Labels as their cells show them (counts whole, quantities grouped by thousands); every
	// text dark, for print.
	dark := excelize.Font{Color: "000000", Size: 9}
	labels := excelize.ChartNumFmt{CustomNumFmt: "General", SourceLinked: true}
	lo := 0.0
	yAxis := excelize.ChartAxis{MajorGridLines: true, Font: dark, Minimum: &lo}
	if spec.percent {
		hi := max(100, math.Ceil(spec.max/20)*20)
		yAxis.Maximum = &hi
		yAxis.MajorUnit = 20
		yAxis.NumFmt = excelize.ChartNumFmt{CustomNumFmt: `0"%"`}
		labels = excelize.ChartNumFmt{CustomNumFmt: `0"%"`}
	} else {
		// Counts step by whole numbers: 1 up to 10, then what keeps about ten steps.
		yAxis.MajorUnit = max(1, math.Ceil(spec.max/10))
		yAxis.NumFmt = excelize.ChartNumFmt{CustomNumFmt: "0"}
	}
	return &excelize.Chart{
		Type:       excelize.Bar,
		Series:     series,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: spec.title, Font: &excelize.Font{Bold: true, Color: "000000", Size: 11}}}},
		Legend:     excelize.ChartLegend{Position: legend},
		VaryColors: &no,
		// Categories top to bottom in the table's order.
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: dark},
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

// setWidths sizes columns A–H to their widest text, within minWidth..textWidth (longer text
// wraps), widening the last ones so that charts (chartWidth) fit inside, and says how wide the
// printed columns are, in Excel's character units.
func (b *board) setWidths() (float64, error) {
	widths := make([]float64, summaryCols+1)
	total := 0.0
	for col := 1; col <= summaryCols; col++ {
		widths[col] = float64(min(max(b.widths[col]+2, minWidth), textWidth))
		total += widths[col]
	}
	if need := float64(chartWidth)/7 + 2; total < need {
		widths[summaryCols] += need - total
		total = need
	}
	for col := 1; col <= summaryCols; col++ {
		name := colName(col)
		if err := b.f.SetColWidth(b.sheet, name, name, widths[col]); err != nil {
			return 0, fmt.Errorf("export: column width: %w", err)
		}
	}
	// A row is as tall as its most wrapped text: LibreOffice keeps the heights a workbook gives
	// (none: one line), so a wrapped name would run over the rows below.
	for row, cells := range b.texts {
		lines := 1
		for _, c := range cells {
			per := max(1, int(widths[c.col])-2)
			lines = max(lines, (c.runes+per-1)/per)
		}
		if lines > 1 {
			if err := b.f.SetRowHeight(b.sheet, row, float64(15*lines)); err != nil {
				return 0, fmt.Errorf("export: row height: %w", err)
			}
		}
	}
	for _, c := range b.charts {
		if err := b.f.AddChart(b.sheet, c.at, c.chart); err != nil {
			return 0, fmt.Errorf("export: chart at %s: %w", c.at, err)
		}
	}
	return total, nil
}

// summaryStyles are the summary sheet's own styles, beside the shared ones.
type summaryStyles struct {
	title, subtitle, line, caption, none, text, num, pct, whole, fraction, date int
}

// borders are thin lines round a table cell.
var borders = []excelize.Border{
	{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
	{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
}

func newSummaryStyles(f *excelize.File) (summaryStyles, error) {
	var st summaryStyles
	pct, whole, fraction, date := `0"%"`, "#,##0", "#,##0.##", "dd/mm/yyyy hh:mm"
	// Cells align at the top, so a row's figures print on the line of its name's first line.
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "top"}
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}}},
		{&st.subtitle, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&st.line, excelize.Style{Font: &excelize.Font{Italic: true}, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&st.caption, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}}},
		{&st.none, excelize.Style{Font: &excelize.Font{Italic: true, Color: "404040"}, Border: borders, Alignment: centre}},
		{&st.text, excelize.Style{Border: borders, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.num, excelize.Style{Border: borders, Alignment: centre}},
		{&st.pct, excelize.Style{CustomNumFmt: &pct, Border: borders, Alignment: centre}},
		// Excel shows "12." for 12 under #,##0.##, so whole numbers get a format of their own.
		{&st.whole, excelize.Style{CustomNumFmt: &whole, Border: borders, Alignment: centre}},
		{&st.fraction, excelize.Style{CustomNumFmt: &fraction, Border: borders, Alignment: centre}},
		{&st.date, excelize.Style{CustomNumFmt: &date, Border: borders, Alignment: centre}},
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
	id, err := b.f.NewStyle(&excelize.Style{Border: borders, Alignment: &excelize.Alignment{Indent: 2 * d, Vertical: "top", WrapText: true}})
	if err != nil {
		return 0, fmt.Errorf("export: indent style: %w", err)
	}
	b.indents[d] = id
	return id, nil
}
