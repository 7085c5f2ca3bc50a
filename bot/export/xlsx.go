package export

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/xuri/excelize/v2"
)

// Column widths in Excel character units: at least the header, at most
// maxWidth so one long note does not push the rest of the sheet off screen
// (notes wrap instead).
const (
	minWidth  = 8
	maxWidth  = 60
	noteWidth = 40
	// textWidth bounds a text column for print: longer text wraps in its cell.
	textWidth = 32
)

// XLSXTitled renders rows as a workbook with one sheet ("Báo cáo", or "Reports"
// for English): bold frozen header row with an autofilter, times as real
// date cells shown dd/mm/yyyy hh:mm in loc (so they sort and filter as
// dates), percent as a number, text through clean. Excel caps a cell at
// 32,767 characters; excelize truncates longer text.
//
// Given journal entries, a second sheet "Nhật ký" ("Journal") lists them: every change of
// programme state with who made it, when, and what it was before and after.
//
// Print is set up as the sơ kết's: every sheet on A4, portrait or
// landscape by its width, its header row repeated on each page, title in the page header, period
// and "Trang X/Y" in the footer.
func XLSXTitled(rows []Row, loc *time.Location, lang, title, period string, journal ...JournalRow) (_ []byte, err error) {
	f := excelize.NewFile()
	defer func() {
		// Close removes excelize's temporary files; a failure there is
		// worth knowing about even though the bytes are already built.
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("export: closing workbook: %w", cerr)
		}
	}()
	sheet := sheetName(lang)
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return nil, fmt.Errorf("export: naming sheet: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	loc = location(loc)
	width, err := reportSheet(f, sheet, rows, loc, lang, st, "")
	if err != nil {
		return nil, err
	}
	page := "Trang &P/&N"
	if i18n.English(lang) {
		page = "Page &P/&N"
	}
	if err := printSetup(f, sheet, pageSetup{title: title, period: period, page: page, width: width, titles: true}); err != nil {
		return nil, err
	}
	if len(journal) > 0 {
		width, err := journalSheet(f, journal, loc, lang, st)
		if err != nil {
			return nil, err
		}
		if err := printSetup(f, journalSheetName(lang), pageSetup{title: title, period: period, page: page, width: width, titles: true}); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("export: writing workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// reportSheet writes rows on sheet: bold frozen header row with an autofilter, times as date
// cells in loc, percent as a number. A no-report line leaves reporter, time and percent empty;
// noReportNote, if given, is what its note cell says (before the row's own note, if any).
func reportSheet(f *excelize.File, sheet string, rows []Row, loc *time.Location, lang string, st styles, noReportNote string) (float64, error) {
	h := headers(lang)
	widths := make([]int, numCols)
	for c, title := range h {
		widths[c] = utf8.RuneCountInString(title)
	}
	if err := setRow(f, sheet, 1, h[:]); err != nil {
		return 0, err
	}
	lastHeader, err := excelize.CoordinatesToCellName(numCols, 1)
	if err != nil {
		return 0, fmt.Errorf("export: header style: %w", err)
	}
	if err := f.SetCellStyle(sheet, "A1", lastHeader, st.header); err != nil {
		return 0, fmt.Errorf("export: header style: %w", err)
	}

	lengths := make([][numCols]int, len(rows)) // each text cell's longest line, for the row's height
	for i, r := range rows {
		rowNum := i + 2
		rec := record(r, loc, text)
		if r.NoReport && noReportNote != "" {
			rec[colNote] = strings.TrimSuffix(noReportNote+"\n"+rec[colNote], "\n")
		}
		cells := make([]any, numCols)
		for c, v := range rec {
			cells[c] = v
			widths[c] = max(widths[c], longestLine(v))
			lengths[i][c] = utf8.RuneCountInString(v)
		}
		cells[colPercent] = r.Percent
		cells[colAt] = dateCell(r.At, loc)
		if r.NoReport {
			cells[colPercent], cells[colAt] = nil, nil
		}
		if err := setRow(f, sheet, rowNum, cells); err != nil {
			return 0, err
		}
	}

	last := len(rows) + 1
	if len(rows) > 0 {
		for c := range numCols {
			style := st.wrap
			switch c {
			case colAt:
				style = st.date
			case colPercent:
				style = st.num
			}
			if err := styleColumn(f, sheet, c, last, style); err != nil {
				return 0, err
			}
		}
	}
	width, err := setWidths(f, sheet, widths)
	if err != nil {
		return 0, err
	}
	// LibreOffice keeps the heights a workbook gives (none: one line), so a wrapped note would
	// print over the rows below: each row is as tall as its most wrapped cell.
	for i := range rows {
		lines := 1
		for c, n := range lengths[i] {
			if c == colAt || c == colPercent {
				continue
			}
			w, _ := f.GetColWidth(sheet, colName(c+1))
			per := max(1, int(w)-2)
			lines = max(lines, (n+per-1)/per)
		}
		if lines > 1 {
			if err := f.SetRowHeight(sheet, i+2, float64(15*lines)); err != nil {
				return 0, fmt.Errorf("export: row height: %w", err)
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
	}); err != nil {
		return 0, fmt.Errorf("export: freezing header: %w", err)
	}
	lastCell, err := excelize.CoordinatesToCellName(numCols, last)
	if err != nil {
		return 0, fmt.Errorf("export: filter range: %w", err)
	}
	if err := f.AutoFilter(sheet, "A1:"+lastCell, nil); err != nil {
		return 0, fmt.Errorf("export: autofilter: %w", err)
	}
	return width, nil
}

// dateCell is t as a date cell's value in loc, nil (an empty cell) for the zero time.
// excelize stores the wall clock of the time's own zone. Cut to the minute shown, so a
// reader that rounds (06:34:59 → 06:35) shows what the CSV says.
func dateCell(t time.Time, loc *time.Location) any {
	if t.IsZero() {
		return nil
	}
	return t.In(location(loc)).Truncate(time.Minute)
}

// styles holds the style ids registered in one workbook.
// Every table cell has thin borders, a header is centred over its column and a number under it,
// so that on paper each figure reads under its heading.
type styles struct{ header, date, wrap, num int }

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	if st.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    borders,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	}); err != nil {
		return st, fmt.Errorf("export: header style: %w", err)
	}
	dateFmt := "dd/mm/yyyy hh:mm"
	if st.date, err = f.NewStyle(&excelize.Style{
		CustomNumFmt: &dateFmt,
		Border:       borders,
		Alignment:    &excelize.Alignment{Horizontal: "center", Vertical: "top"},
	}); err != nil {
		return st, fmt.Errorf("export: date style: %w", err)
	}
	if st.wrap, err = f.NewStyle(&excelize.Style{
		Border:    borders,
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	}); err != nil {
		return st, fmt.Errorf("export: note style: %w", err)
	}
	if st.num, err = f.NewStyle(&excelize.Style{
		Border:    borders,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"},
	}); err != nil {
		return st, fmt.Errorf("export: number style: %w", err)
	}
	return st, nil
}

// setRow writes values into row, starting at column A. A []string is
// accepted too, for the header.
func setRow[T any](f *excelize.File, sheet string, row int, values []T) error {
	cell, err := excelize.CoordinatesToCellName(1, row)
	if err != nil {
		return fmt.Errorf("export: row %d: %w", row, err)
	}
	if err := f.SetSheetRow(sheet, cell, &values); err != nil {
		return fmt.Errorf("export: row %d: %w", row, err)
	}
	return nil
}

// styleColumn applies style to column col (0-based) from row 2 to last.
func styleColumn(f *excelize.File, sheet string, col, last, style int) error {
	from, err := excelize.CoordinatesToCellName(col+1, 2)
	if err != nil {
		return fmt.Errorf("export: column style: %w", err)
	}
	to, err := excelize.CoordinatesToCellName(col+1, last)
	if err != nil {
		return fmt.Errorf("export: column style: %w", err)
	}
	if err := f.SetCellStyle(sheet, from, to, style); err != nil {
		return fmt.Errorf("export: column style: %w", err)
	}
	return nil
}

// setWidths sizes the columns to their content, text at most textWidth (a note noteWidth) wide
// since it wraps, and says their total width.
func setWidths(f *excelize.File, sheet string, widths []int) (float64, error) {
	total := 0.0
	for c, w := range widths {
		name, err := excelize.ColumnNumberToName(c + 1)
		if err != nil {
			return 0, fmt.Errorf("export: column width: %w", err)
		}
		width := min(max(w+2, minWidth), textWidth)
		if c == colNote {
			width = min(max(w+2, minWidth), noteWidth)
		}
		if c == colAt {
			width = len(timeLayout) + 2
		}
		total += float64(width)
		if err := f.SetColWidth(sheet, name, name, float64(width)); err != nil {
			return 0, fmt.Errorf("export: column width: %w", err)
		}
	}
	return total, nil
}

// longestLine is the width in runes of the longest line of s, since a
// wrapped cell is only as wide as its longest line.
func longestLine(s string) int {
	longest, cur := 0, 0
	for _, r := range s {
		if r == '\n' {
			cur = 0
			continue
		}
		cur++
		longest = max(longest, cur)
	}
	return longest
}

// JournalRow is one audit entry for the "Nhật ký" sheet.
type JournalRow struct {
	At       time.Time
	Who      string
	Action   string
	Activity string
	Before   string
	After    string
	Reason   string
}

// journalSheetName is the journal sheet's name in lang.
func journalSheetName(lang string) string {
	if i18n.English(lang) {
		return "Journal"
	}
	return "Nhật ký"
}

// journalSheet writes the audit entries, text cells through clean, times as date cells.
func journalSheet(f *excelize.File, journal []JournalRow, loc *time.Location, lang string, st styles) (float64, error) {
	sheet, head := journalSheetName(lang), []string{"Thời gian", "Người thực hiện", "Thao tác", "Hoạt động", "Trước", "Sau", "Lý do"}
	if i18n.English(lang) {
		head = []string{"Time", "By", "Action", "Activity", "Before", "After", "Reason"}
	}
	if _, err := f.NewSheet(sheet); err != nil {
		return 0, fmt.Errorf("export: journal sheet: %w", err)
	}
	if err := setRow(f, sheet, 1, head); err != nil {
		return 0, err
	}
	last, _ := excelize.CoordinatesToCellName(len(head), 1)
	if err := f.SetCellStyle(sheet, "A1", last, st.header); err != nil {
		return 0, fmt.Errorf("export: journal header: %w", err)
	}
	for i, j := range journal {
		cells := []any{dateCell(j.At, loc), text(j.Who), text(j.Action), text(j.Activity), text(j.Before), text(j.After), text(j.Reason)}
		if err := setRow(f, sheet, i+2, cells); err != nil {
			return 0, err
		}
	}
	// With no entries the range would run backwards onto the header and restyle it.
	if len(journal) > 0 {
		for c := range head {
			style := st.wrap
			if c == 0 {
				style = st.date
			}
			if err := styleColumn(f, sheet, c, len(journal)+1, style); err != nil {
				return 0, err
			}
		}
	}
	total := 0.0
	for c, w := range []float64{17, 20, 18, 12, 30, 30, 20} {
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, name, name, w); err != nil {
			return 0, fmt.Errorf("export: journal widths: %w", err)
		}
		total += w
	}
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
	}); err != nil {
		return 0, fmt.Errorf("export: freezing header: %w", err)
	}
	return total, nil
}
