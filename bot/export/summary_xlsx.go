package export

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/xuri/excelize/v2"
)

// dateLayout is dd/mm/yyyy, for the days of a period.
const dateLayout = "02/01/2006"

// SummaryXLSX renders s, a sơ kết of one period, as a printable workbook with three sheets:
//
//   - "Tổng hợp" ("Summary"): the title block, then one table under another — activities by
//     status, by content area, by unit (indented by depth), targets against what was achieved,
//     overdue activities, activities with no report in s.StaleDays days — each beside a native
//     Excel chart drawn from its cells (a table with no lines gets none: a chart over an empty
//     range is broken);
//   - "Chi tiết" ("Details"): every line of s.Details in the columns of XLSX, a no-report line
//     saying so in its note;
//   - "Nhật ký" ("Journal"): s.Journal, a header alone when there is none.
//
// Every sheet prints on A4 landscape, one page wide, its first row repeated on each page, the
// title and "Trang &P/&N" in the page header and footer. Times are shown in loc (UTC if nil),
// text goes through clean, numbers stay numbers.
func SummaryXLSX(s Summary, loc *time.Location, lang string) (_ []byte, err error) {
	loc = location(loc)
	w := summaryWordsFor(lang, s.StaleDays)
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("export: closing workbook: %w", cerr)
		}
	}()
	if err := f.SetSheetName(f.GetSheetName(0), w.summarySheet); err != nil {
		return nil, fmt.Errorf("export: naming sheet: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	b, err := newBoard(f, w.summarySheet, st, w.none)
	if err != nil {
		return nil, err
	}
	period := ""
	if !s.From.IsZero() || !s.To.IsZero() {
		period = fmt.Sprintf(w.period, formatDay(s.From, loc), formatDay(s.To, loc))
	}
	width, err := b.summary(s, loc, w, period)
	if err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(w.detailsSheet); err != nil {
		return nil, fmt.Errorf("export: details sheet: %w", err)
	}
	detailsWidth, err := reportSheet(f, w.detailsSheet, s.Details, loc, lang, st, w.noReport)
	if err != nil {
		return nil, err
	}
	journalWidth, err := journalSheet(f, s.Journal, loc, lang, st)
	if err != nil {
		return nil, err
	}
	for _, p := range []struct {
		sheet  string
		width  float64
		titles bool
		area   string
	}{
		{w.summarySheet, width, false, "$A$1:$" + colName(summaryCols) + "$" + fmt.Sprint(b.row)},
		{w.detailsSheet, detailsWidth, true, ""},
		{journalSheetName(lang), journalWidth, true, ""},
	} {
		if err := printSetup(f, p.sheet, pageSetup{title: s.Title, period: period, page: w.page, width: p.width, titles: p.titles, area: p.area}); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("export: writing workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// SummaryFileName is the workbook's file name for the period from–to, the days as the times
// carry them (callers pass midnights in the programme's zone): so-ket-01-10-2026-den-31-12-2026.xlsx,
// or summary-01-10-2026-to-31-12-2026.xlsx in English. ASCII only, so every chat client and file
// system keeps it intact.
func SummaryFileName(from, to time.Time, lang string) string {
	const layout = "02-01-2006"
	if i18n.English(lang) {
		return "summary-" + from.Format(layout) + "-to-" + to.Format(layout) + ".xlsx"
	}
	return "so-ket-" + from.Format(layout) + "-den-" + to.Format(layout) + ".xlsx"
}

// formatDay is t's day in loc as dd/mm/yyyy, empty for the zero time.
func formatDay(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(dateLayout)
}

// summary fills the "Tổng hợp" sheet: title block, then the six sections; it says how wide the
// printed columns are.
func (b *board) summary(s Summary, loc *time.Location, w summaryWords, period string) (float64, error) {
	generated, by := "", ""
	if !s.Generated.IsZero() {
		generated = fmt.Sprintf(w.generated, s.Generated.In(loc).Format(timeLayout))
	}
	if s.By != "" {
		by = fmt.Sprintf(w.by, text(s.By))
	}
	for i, line := range []struct {
		text  string
		style int
	}{{text(s.Title), b.sst.title}, {w.heading, b.sst.subtitle}, {period, b.sst.line}, {strings.TrimPrefix(generated+" · "+by, " · "), b.sst.line}} {
		row := i + 1
		if err := b.f.SetCellValue(b.sheet, cell(1, row), strings.TrimSuffix(line.text, " · ")); err != nil {
			return 0, fmt.Errorf("export: title block: %w", err)
		}
		if err := b.f.MergeCell(b.sheet, cell(1, row), cell(summaryCols, row)); err != nil {
			return 0, fmt.Errorf("export: title block: %w", err)
		}
		if err := b.f.SetCellStyle(b.sheet, cell(1, row), cell(summaryCols, row), line.style); err != nil {
			return 0, fmt.Errorf("export: title block: %w", err)
		}
	}
	// The title may take two lines once merged.
	if err := b.f.SetRowHeight(b.sheet, 1, 38); err != nil {
		return 0, fmt.Errorf("export: title block: %w", err)
	}
	b.row = 6

	// I. Overview: the activities by status (they add up to the activities counted), then, apart,
	// the cancelled ones and those not reported; the chart shows the statuses only.
	status := make([][]any, len(s.Status))
	most := 0.0
	for i, c := range s.Status {
		status[i] = []any{text(c.Label), c.N}
		if i < statusRows {
			most = max(most, float64(c.N))
		}
	}
	t, err := b.table(w.statusCaption, w.statusHead, status)
	if err != nil {
		return 0, err
	}
	if err := b.finish(t, chartSpec{title: w.statusChart, cats: 1, vals: []int{2}, max: most, rows: statusRows}); err != nil {
		return 0, err
	}

	// (b) By content area, (c) by unit: the same figures, a unit with its code and depth.
	areas := make([][]any, len(s.Areas))
	for i, g := range s.Areas {
		areas[i] = append([]any{text(g.Name)}, groupFigures(g)...)
	}
	if t, err = b.table(w.areasCaption, append([]string{w.areaHead}, w.groupHead...), areas); err != nil {
		return 0, err
	}
	if err := b.styleCol(t, 7, b.sst.pct); err != nil {
		return 0, err
	}
	if err := b.finish(t, chartSpec{title: w.areasChart, cats: 1, vals: []int{7}, percent: true}); err != nil {
		return 0, err
	}
	units := make([][]any, len(s.Units))
	for i, g := range s.Units {
		units[i] = append([]any{text(g.Code), text(g.Name)}, groupFigures(g)...)
	}
	if t, err = b.table(w.unitsCaption, append([]string{w.unitCodeHead, w.unitHead}, w.groupHead...), units); err != nil {
		return 0, err
	}
	if err := b.styleCol(t, 8, b.sst.pct); err != nil {
		return 0, err
	}
	for i, g := range s.Units {
		if g.Depth > 0 {
			id, err := b.indent(g.Depth)
			if err != nil {
				return 0, err
			}
			if err := b.styleCell(2, t.first+i, id); err != nil {
				return 0, err
			}
			b.widen(2, utf8.RuneCountInString(text(g.Name))+3*g.Depth)
		}
	}
	if err := b.finish(t, chartSpec{title: w.unitsChart, cats: 2, vals: []int{8}, percent: true}); err != nil {
		return 0, err
	}

	// (d) Targets against what the period achieved.
	if err := b.targets(s.Targets, w); err != nil {
		return 0, err
	}
	// (e) Overdue, (f) not reported: the list, then how many per unit, which the chart shows.
	if err := b.activities(s.Overdue, loc, w, w.overdueCaption, w.overdueByUnit); err != nil {
		return 0, err
	}
	if err := b.activities(s.NotReported, loc, w, w.notReportedCaption, w.notReportedByUnit); err != nil {
		return 0, err
	}
	return b.setWidths()
}

// statusRows is how many lines of the status table are statuses of the activities counted; the
// lines after them (cancelled, not reported) are not charted with them.
const statusRows = 4

// groupFigures are a content area's or unit's numbers, in the order of groupHead.
func groupFigures(g GroupRow) []any {
	return []any{g.Activities, g.Done, g.Overdue, g.NotReported, g.Reports, g.Percent}
}

// targets writes the targets table; its chart shows each target's achievement as a percentage
// of that target, so 2 căn and 1,500 lượt người read on one axis. The chart's labels
// ("A7 – buổi") are in column L, outside the print area.
func (b *board) targets(rows []TargetRow, w summaryWords) error {
	cells := make([][]any, len(rows))
	most := 0.0
	for i, r := range rows {
		var pct any // no target, no share of it: an empty cell rather than a division by zero
		if r.Target > 0 {
			p := r.Achieved / r.Target * 100
			pct, most = p, max(most, p)
		}
		cells[i] = []any{text(r.Activity), text(r.Title), text(r.Unit), text(r.Measure), r.Target, r.Achieved, pct}
	}
	t, err := b.table(w.targetsCaption, w.targetHead, cells)
	if err != nil {
		return err
	}
	for i, r := range rows {
		label := r.Activity
		if r.Measure != "" {
			label += " – " + r.Measure
		}
		if err := b.f.SetCellValue(b.sheet, cell(labelCol, t.first+i), text(label)); err != nil {
			return fmt.Errorf("export: chart label: %w", err)
		}
		if err := b.styleCell(5, t.first+i, b.sst.quantity(r.Target)); err != nil {
			return err
		}
		if err := b.styleCell(6, t.first+i, b.sst.quantity(r.Achieved)); err != nil {
			return err
		}
	}
	if err := b.f.SetCellValue(b.sheet, cell(labelCol, t.header), w.targetLabelHead); err != nil {
		return fmt.Errorf("export: chart label: %w", err)
	}
	if err := b.styleCol(t, 7, b.sst.pct); err != nil {
		return err
	}
	return b.finish(t, chartSpec{title: w.targetsChart, cats: labelCol, vals: []int{7}, percent: true, max: most})
}

// activities writes one list of activities and, under it, how many of them each unit has.
func (b *board) activities(rows []ActivityRow, loc *time.Location, w summaryWords, caption, byUnitCaption string) error {
	cells := make([][]any, len(rows))
	for i, r := range rows {
		due, last := dateCell(r.Due, loc), dateCell(r.Last, loc)
		if due == nil {
			due = w.recurring
		}
		if last == nil {
			last = w.never
		}
		cells[i] = []any{text(r.Activity), text(r.Title), text(r.Unit), text(r.Owner), due, last, r.Percent, text(r.Status)}
	}
	list, err := b.table(caption, w.activityHead, cells)
	if err != nil {
		return err
	}
	for _, c := range []int{5, 6} {
		if err := b.styleCol(list, c, b.sst.date); err != nil {
			return err
		}
	}
	if err := b.styleCol(list, 7, b.sst.pct); err != nil {
		return err
	}
	for c := 5; c <= 6; c++ {
		b.widen(c, len(timeLayout))
	}
	if len(rows) == 0 {
		return b.finish(list, chartSpec{}) // nothing to count, nothing to chart
	}
	b.row = list.end + 2
	names, counts := perUnit(rows, w.noUnit)
	tally := make([][]any, len(names))
	for i := range names {
		tally[i] = []any{text(names[i]), counts[i]}
	}
	t, err := b.table(byUnitCaption, w.byUnitHead, tally)
	if err != nil {
		return err
	}
	return b.finish(t, chartSpec{title: byUnitCaption, cats: 1, vals: []int{2}, max: float64(counts[0])})
}

// perUnit counts rows by unit, the most first (ties in the order the units first appear).
func perUnit(rows []ActivityRow, noUnit string) ([]string, []int) {
	var names []string
	count := map[string]int{}
	for _, r := range rows {
		u := r.Unit
		if u == "" {
			u = noUnit
		}
		if count[u] == 0 {
			names = append(names, u)
		}
		count[u]++
	}
	slices.SortStableFunc(names, func(a, b string) int { return cmp.Compare(count[b], count[a]) })
	counts := make([]int, len(names))
	for i, n := range names {
		counts[i] = count[n]
	}
	return names, counts
}

// cell is the A1 name of column col, row row (both from 1); callers pass small positive
// numbers, so the error excelize reserves for out-of-range ones cannot happen.
func cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic("export: " + err.Error())
	}
	return name
}

// colName is the letters of column col (from 1).
func colName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic("export: " + err.Error())
	}
	return name
}
