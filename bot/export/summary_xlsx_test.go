package export

import (
	"archive/zip"
	"bytes"
	"html"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// sampleSummary has a line in every table: three areas, a unit with two children, targets
// (one without a target), overdue and stale activities (one recurring, one with no unit),
// reports and a no-report line, and the journal.
func sampleSummary(t testing.TB) Summary {
	loc := hcm(t)
	day := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 0, 0, 0, 0, loc) }
	return Summary{
		Title: "Chương trình phối hợp dân vận 2026",
		From:  day(10, 1), To: day(12, 31),
		Generated: time.Date(2027, 1, 5, 14, 30, 0, 0, loc),
		StaleDays: 14, By: "Nguyễn Thị Thư",
		Status: []Count{{"Hoàn thành", 3}, {"Đang thực hiện", 5}, {"Chưa bắt đầu", 2},
			{"Quá hạn", 3}, {"Chưa báo cáo 14 ngày", 2}, {"Đã huỷ", 1}},
		Areas: []GroupRow{
			{Name: "Nội dung 1: Tuyên truyền", Activities: 6, Done: 2, Overdue: 1, NotReported: 1, Reports: 9, Percent: 62.5},
			{Name: "Nội dung 2: Tập huấn", Activities: 4, Done: 1, Overdue: 2, NotReported: 0, Reports: 3, Percent: 35.25},
			{Name: "Nội dung 3", Activities: 3, Done: 0, Overdue: 0, NotReported: 1, Reports: 0, Percent: 0},
		},
		Units: []GroupRow{
			{Code: "BN", Name: "Phường Bến Nghé", Activities: 13, Done: 3, Overdue: 3, NotReported: 2, Reports: 12, Percent: 48.1},
			{Code: "BN1", Name: "Khu phố 1", Depth: 1, Activities: 8, Done: 2, Overdue: 2, NotReported: 0, Reports: 10, Percent: 55},
			{Code: "BN2", Name: "Khu phố 2", Depth: 1, Activities: 5, Done: 1, Overdue: 1, NotReported: 2, Reports: 2, Percent: 36.8},
		},
		Targets: []TargetRow{
			{Activity: "A7", Title: "Tập huấn nghiệp vụ", Unit: "Khu phố 1", Measure: "buổi", Target: 12, Achieved: 8},
			{Activity: "A7", Title: "Tập huấn nghiệp vụ", Unit: "Khu phố 1", Measure: "lượt người", Target: 1500, Achieved: 1320.5},
			{Activity: "A8", Title: "Họp dân", Unit: "Khu phố 2", Measure: "cuộc", Target: 0, Achieved: 3},
		},
		Overdue: []ActivityRow{
			{Activity: "A9", Title: "=1+1", Unit: "Khu phố 1", Owner: "Lan", Due: time.Date(2026, 11, 1, 8, 0, 0, 0, loc), Percent: 20, Status: "Quá hạn"},
			{Activity: "A10", Title: "Phát tờ rơi", Unit: "Khu phố 2", Due: time.Date(2026, 12, 1, 17, 30, 0, 0, loc), Last: day(11, 20), Percent: 50, Status: "Quá hạn"},
			{Activity: "A11", Title: "Trực hằng tuần", Unit: "Khu phố 1", Percent: 0, Status: "Quá hạn"},
		},
		NotReported: []ActivityRow{
			{Activity: "A12", Title: "Thăm hộ nghèo", Unit: "Khu phố 2", Last: day(12, 1), Percent: 30, Status: "Đang thực hiện"},
			{Activity: "A13", Title: "Chưa giao", Percent: 0, Status: "Chưa bắt đầu"},
		},
		Details: []Row{
			{Activity: "A7", ActivityTitle: "Tập huấn nghiệp vụ", Content: "Nội dung 2: Tập huấn", Reporter: "Nguyễn Văn Ánh",
				Unit: "Khu phố 1", At: time.Date(2026, 12, 1, 0, 30, 0, 0, time.UTC), Percent: 60, Note: "=1+1",
				Quantities: "8 buổi; 1.320 lượt người", Occurrence: "01/12/2026"},
			{Activity: "A10", ActivityTitle: "Phát tờ rơi", Content: "Nội dung 1: Tuyên truyền", Reporter: "Trần Thị Bích",
				Unit: "Khu phố 2", At: time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC), Percent: 50},
			// Reporter, time and percent set by mistake must not show.
			{Activity: "A13", ActivityTitle: "Chưa giao", Content: "Nội dung 3", Reporter: "x",
				At: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), Percent: 30, NoReport: true},
		},
		Journal: []JournalRow{
			{At: time.Date(2026, 10, 2, 1, 0, 0, 0, time.UTC), Who: "Lan", Action: "thêm hoạt động", Activity: "A7", After: "Tập huấn"},
			{At: time.Date(2026, 11, 3, 2, 0, 0, 0, time.UTC), Who: "Minh", Action: "sửa hạn", Activity: "A9", Before: "01/11/2026", After: "15/11/2026", Reason: "mưa bão"},
		},
	}
}

// openSummary renders s and reopens it, returning the file and the raw zip for the charts.
func openSummary(t *testing.T, s Summary, lang string) (*excelize.File, []byte) {
	t.Helper()
	data, err := SummaryXLSX(s, hcm(t), lang)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("re-opening: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, data
}

// table is one table of the summary sheet as read back: where its header is (1-based row),
// the header and the data lines under it (up to the first empty row).
type table struct {
	header int
	head   []string
	rows   [][]string
}

// col is the 1-based column whose header is name.
func (tb table) col(t *testing.T, name string) int {
	t.Helper()
	i := slices.Index(tb.head, name)
	if i < 0 {
		t.Fatalf("no column %q in %q", name, tb.head)
	}
	return i + 1
}

// cell is the raw text of data line i, column col (1-based).
func (tb table) cell(i, col int) string {
	if i >= len(tb.rows) || col > len(tb.rows[i]) {
		return ""
	}
	return tb.rows[i][col-1]
}

// findTable finds the table under the caption in column A.
func findTable(t *testing.T, rows [][]string, caption string) table {
	t.Helper()
	for i, r := range rows {
		if len(r) > 0 && r[0] == caption {
			if i+1 >= len(rows) {
				t.Fatalf("caption %q has no header", caption)
			}
			tb := table{header: i + 2, head: rows[i+1]}
			for _, d := range rows[i+2:] {
				if strings.Join(d, "") == "" {
					break
				}
				tb.rows = append(tb.rows, d)
			}
			return tb
		}
	}
	t.Fatalf("no table %q on the summary sheet", caption)
	return table{}
}

func rawRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// number parses a raw numeric cell, failing the test on text.
func number(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestSummaryXLSXSheets(t *testing.T) {
	for lang, want := range map[string][]string{
		"vi": {"Tổng hợp", "Chi tiết", "Nhật ký"},
		"en": {"Summary", "Details", "Journal"},
		"":   {"Tổng hợp", "Chi tiết", "Nhật ký"},
	} {
		t.Run("named_in_"+lang, func(t *testing.T) {
			f, _ := openSummary(t, sampleSummary(t), lang)
			if got := f.GetSheetList(); !slices.Equal(got, want) {
				t.Fatalf("sheets %q, want %q", got, want)
			}
		})
	}
	t.Run("tables_in_english", func(t *testing.T) {
		f, _ := openSummary(t, sampleSummary(t), "en")
		rows := rawRows(t, f, "Summary")
		for caption, head := range map[string]string{
			"I. Overview": "Activities", "II. By content area": "Mean progress",
			"III. By unit": "No report in 14 days", "IV. Targets": "% of target",
			"V. Overdue": "Last report", "VI. No report in 14 days": "Owner",
			"Overdue activities by unit": "Unit",
		} {
			findTable(t, rows, caption).col(t, head)
		}
		if got := rows[2][0]; got != "From 01/10/2026 to 31/12/2026" {
			t.Errorf("period %q", got)
		}
	})
}

func TestSummaryXLSXTables(t *testing.T) {
	s := sampleSummary(t)
	f, _ := openSummary(t, s, "vi")
	const sheet = "Tổng hợp"
	rows := rawRows(t, f, sheet)

	t.Run("title_block_names_the_period_and_time", func(t *testing.T) {
		want := []string{s.Title, "BÁO CÁO SƠ KẾT", "Từ ngày 01/10/2026 đến ngày 31/12/2026", "Ngày lập: 05/01/2027 14:30 · Người lập: Nguyễn Thị Thư"}
		for i, w := range want {
			if len(rows) <= i || len(rows[i]) == 0 || rows[i][0] != w {
				t.Errorf("row %d: got %q, want %q", i+1, rows[min(i, len(rows)-1)], w)
			}
		}
	})
	t.Run("status_counts", func(t *testing.T) {
		tb := findTable(t, rows, "I. Tổng quan")
		label, n := tb.col(t, "Tình trạng"), tb.col(t, "Số hoạt động")
		if len(tb.rows) != len(s.Status) {
			t.Fatalf("%d lines, want %d", len(tb.rows), len(s.Status))
		}
		for i, c := range s.Status {
			if tb.cell(i, label) != c.Label || number(t, tb.cell(i, n)) != float64(c.N) {
				t.Errorf("line %d: %q, want %+v", i, tb.rows[i], c)
			}
		}
	})
	checkGroups := func(t *testing.T, tb table, name int, groups []GroupRow, nameOf func(GroupRow) string) {
		t.Helper()
		if len(tb.rows) != len(groups) {
			t.Fatalf("%d lines, want %d", len(tb.rows), len(groups))
		}
		for i, g := range groups {
			if got := tb.cell(i, name); got != nameOf(g) {
				t.Errorf("line %d name %q, want %q", i, got, nameOf(g))
			}
			for head, want := range map[string]float64{
				"Số hoạt động": float64(g.Activities), "Hoàn thành": float64(g.Done), "Quá hạn": float64(g.Overdue),
				"Chưa báo cáo 14 ngày": float64(g.NotReported), "Số báo cáo": float64(g.Reports), "Tiến độ TB": g.Percent,
			} {
				if got := number(t, tb.cell(i, tb.col(t, head))); !near(got, want) {
					t.Errorf("line %d %s = %v, want %v", i, head, got, want)
				}
			}
		}
	}
	t.Run("per_content_area", func(t *testing.T) {
		tb := findTable(t, rows, "II. Theo nội dung")
		checkGroups(t, tb, tb.col(t, "Nội dung"), s.Areas, func(g GroupRow) string { return g.Name })
		checkNumFmt(t, f, sheet, tb.col(t, "Tiến độ TB"), tb.header+1, `0"%"`)
	})
	t.Run("per_unit_with_children_indented", func(t *testing.T) {
		tb := findTable(t, rows, "III. Theo đơn vị")
		checkGroups(t, tb, tb.col(t, "Đơn vị"), s.Units, func(g GroupRow) string { return g.Name })
		code, name := tb.col(t, "Mã đơn vị"), tb.col(t, "Đơn vị")
		for i, g := range s.Units {
			if tb.cell(i, code) != g.Code {
				t.Errorf("line %d code %q, want %q", i, tb.cell(i, code), g.Code)
			}
			st := cellStyle(t, f, sheet, name, tb.header+1+i)
			indent := 0
			if st.Alignment != nil {
				indent = st.Alignment.Indent
			}
			if (g.Depth > 0) != (indent > 0) {
				t.Errorf("%s at depth %d has indent %d", g.Name, g.Depth, indent)
			}
		}
	})
	t.Run("targets_against_achieved", func(t *testing.T) {
		tb := findTable(t, rows, "IV. Chỉ tiêu")
		target, achieved, pct := tb.col(t, "Chỉ tiêu"), tb.col(t, "Đạt được"), tb.col(t, "Tỷ lệ đạt")
		if len(tb.rows) != len(s.Targets) {
			t.Fatalf("%d lines, want %d", len(tb.rows), len(s.Targets))
		}
		for i, r := range s.Targets {
			if tb.cell(i, tb.col(t, "Mã hoạt động")) != r.Activity || tb.cell(i, tb.col(t, "Đơn vị tính")) != r.Measure {
				t.Errorf("line %d: %q, want %+v", i, tb.rows[i], r)
			}
			if number(t, tb.cell(i, target)) != r.Target || number(t, tb.cell(i, achieved)) != r.Achieved {
				t.Errorf("line %d: target/achieved %q, want %v/%v", i, tb.rows[i], r.Target, r.Achieved)
			}
		}
		if got := number(t, tb.cell(0, pct)); !near(got, 8.0/12*100) {
			t.Errorf("%% of target %v, want %v", got, 8.0/12*100)
		}
		if got := tb.cell(2, pct); got != "" {
			t.Errorf("%% of a zero target %q, want empty", got)
		}
		checkNumFmt(t, f, sheet, pct, tb.header+1, `0"%"`)
		checkNumFmt(t, f, sheet, target, tb.header+2, "#,##0")      // 1500
		checkNumFmt(t, f, sheet, achieved, tb.header+2, "#,##0.##") // 1320.5
		if got, _ := f.GetCellValue(sheet, cellName(t, achieved, tb.header+2)); got != "1,320.5" {
			t.Errorf("1320.5 shows as %q, want 1,320.5", got)
		}
	})
	t.Run("overdue_list_and_count_per_unit", func(t *testing.T) {
		tb := findTable(t, rows, "V. Quá hạn")
		if len(tb.rows) != len(s.Overdue) {
			t.Fatalf("%d lines, want %d", len(tb.rows), len(s.Overdue))
		}
		code, due, last := tb.col(t, "Mã hoạt động"), tb.col(t, "Thời hạn"), tb.col(t, "Báo cáo gần nhất")
		for i, r := range s.Overdue {
			if tb.cell(i, code) != r.Activity {
				t.Errorf("line %d code %q, want %q", i, tb.cell(i, code), r.Activity)
			}
		}
		// 2026-11-01 08:00 is Excel serial 46327 + 8/24; a recurring one says so; no report yet says so.
		if got := number(t, tb.cell(0, due)); !near(got, 46327+8.0/24) {
			t.Errorf("due serial %v", got)
		}
		if tb.cell(2, due) != "Định kỳ" || tb.cell(0, last) != "Chưa có" {
			t.Errorf("recurring due %q, never reported %q", tb.cell(2, due), tb.cell(0, last))
		}
		if got, _ := f.GetCellValue(sheet, cellName(t, due, tb.header+1)); got != "01/11/2026 08:00" {
			t.Errorf("due shows as %q", got)
		}
		checkCounts(t, findTable(t, rows, "Hoạt động quá hạn theo đơn vị"), map[string]int{"Khu phố 1": 2, "Khu phố 2": 1})
	})
	t.Run("not_reported_list_and_count_per_unit", func(t *testing.T) {
		tb := findTable(t, rows, "VI. Chưa báo cáo trong 14 ngày")
		if len(tb.rows) != len(s.NotReported) || tb.cell(1, 1) != "A13" {
			t.Fatalf("lines %q", tb.rows)
		}
		checkCounts(t, findTable(t, rows, "Hoạt động chưa báo cáo theo đơn vị"), map[string]int{"Khu phố 2": 1, "(chưa có đơn vị)": 1})
	})
	t.Run("formula_text_is_neutralised", func(t *testing.T) {
		tb := findTable(t, rows, "V. Quá hạn")
		// Typed as text: shown as written, never run.
		if got := tb.cell(0, tb.col(t, "Hoạt động")); got != "=1+1" {
			t.Errorf("title %q, want =1+1 as text", got)
		}
		if formula, _ := f.GetCellFormula(sheet, cellName(t, tb.col(t, "Hoạt động"), tb.header+1)); formula != "" {
			t.Errorf("cell holds formula %q", formula)
		}
	})
	t.Run("numbers_are_numbers", func(t *testing.T) {
		tb := findTable(t, rows, "III. Theo đơn vị")
		for _, head := range []string{"Số hoạt động", "Tiến độ TB"} {
			typ, err := f.GetCellType(sheet, cellName(t, tb.col(t, head), tb.header+1))
			if err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
				t.Errorf("%s is stored as %v (%v)", head, typ, err)
			}
		}
	})
}

func checkCounts(t *testing.T, tb table, want map[string]int) {
	t.Helper()
	got := map[string]int{}
	for i := range tb.rows {
		got[tb.cell(i, tb.col(t, "Đơn vị"))] = int(number(t, tb.cell(i, tb.col(t, "Số hoạt động"))))
	}
	if len(got) != len(want) {
		t.Fatalf("counts %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("counts %v, want %v", got, want)
		}
	}
}

func cellName(t *testing.T, col, row int) string {
	t.Helper()
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		t.Fatal(err)
	}
	return name
}

func cellStyle(t *testing.T, f *excelize.File, sheet string, col, row int) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cellName(t, col, row))
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func checkNumFmt(t *testing.T, f *excelize.File, sheet string, col, row int, want string) {
	t.Helper()
	st := cellStyle(t, f, sheet, col, row)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != want {
		t.Errorf("%s number format %v, want %q", cellName(t, col, row), st.CustomNumFmt, want)
	}
}

// chartRefs reads every chart part of the workbook: for each, its category and value ranges.
type chartRefs struct{ cats, vals []string }

var (
	catRef = regexp.MustCompile(`<cat><strRef><f>([^<]*)</f>`)
	valRef = regexp.MustCompile(`<val><numRef><f>([^<]*)</f>`)
	anchor = regexp.MustCompile(`<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>.*?<xdr:to><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>`)
	partNo = regexp.MustCompile(`^xl/charts/chart\d+\.xml$`)
)

func readCharts(t *testing.T, data []byte) (charts []chartRefs, drawings []string) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range z.File {
		isChart, isDrawing := partNo.MatchString(part.Name), strings.HasPrefix(part.Name, "xl/drawings/drawing")
		if !isChart && !isDrawing {
			continue
		}
		rc, err := part.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if isDrawing {
			drawings = append(drawings, string(b))
			continue
		}
		var c chartRefs
		for _, m := range catRef.FindAllStringSubmatch(string(b), -1) {
			c.cats = append(c.cats, html.UnescapeString(m[1]))
		}
		for _, m := range valRef.FindAllStringSubmatch(string(b), -1) {
			c.vals = append(c.vals, html.UnescapeString(m[1]))
		}
		charts = append(charts, c)
	}
	return charts, drawings
}

func TestSummaryXLSXCharts(t *testing.T) {
	s := sampleSummary(t)
	f, data := openSummary(t, s, "vi")
	const sheet = "Tổng hợp"
	rows := rawRows(t, f, sheet)
	charts, drawings := readCharts(t, data)

	// Every numeric table, and the two per-unit counts, has a chart over exactly its data cells.
	colRange := func(tb table, head string) string {
		c, err := excelize.ColumnNumberToName(tb.col(t, head))
		if err != nil {
			t.Fatal(err)
		}
		return "'Tổng hợp'!$" + c + "$" + strconv.Itoa(tb.header+1) + ":$" + c + "$" + strconv.Itoa(tb.header+len(tb.rows))
	}
	want := map[string]string{} // value range → category range
	add := func(caption, cats string, vals ...string) {
		tb := findTable(t, rows, caption)
		for _, v := range vals {
			want[colRange(tb, v)] = colRange(tb, cats)
		}
	}
	// The status chart shows the four statuses only: not "cancelled" nor "not reported", which
	// are no status of the activities counted.
	status := findTable(t, rows, "I. Tổng quan")
	status.rows = status.rows[:4]
	want[colRange(status, "Số hoạt động")] = colRange(status, "Tình trạng")
	add("II. Theo nội dung", "Nội dung", "Tiến độ TB")
	add("III. Theo đơn vị", "Đơn vị", "Tiến độ TB")
	// Targets as a share of their own target, labelled from column L (outside the print area).
	add("IV. Chỉ tiêu", "Hoạt động – đơn vị tính", "Tỷ lệ đạt")
	add("Hoạt động quá hạn theo đơn vị", "Đơn vị", "Số hoạt động")
	add("Hoạt động chưa báo cáo theo đơn vị", "Đơn vị", "Số hoạt động")

	if len(charts) != 6 {
		t.Fatalf("%d chart parts, want 6", len(charts))
	}
	got := map[string]string{}
	for _, c := range charts {
		if len(c.vals) == 0 || len(c.cats) != len(c.vals) {
			t.Fatalf("chart with values %q and categories %q", c.vals, c.cats)
		}
		for i, v := range c.vals {
			got[v] = c.cats[i]
		}
	}
	for v, cats := range want {
		if got[v] != cats {
			t.Errorf("no chart of %s over %s", v, cats)
		}
	}
	if t.Failed() {
		t.Logf("charts (values: categories): %v", got)
	}
	t.Run("charts_read_in_print", func(t *testing.T) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
				continue
			}
			rc, _ := zf.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			xml := string(x)
			// Dark labels, no pale grey; a count axis steps by whole numbers.
			if strings.Contains(xml, `val="595959"`) || strings.Contains(xml, `val="BFBFBF"`) || !strings.Contains(xml, `val="000000"`) {
				t.Errorf("%s: labels not dark", zf.Name)
			}
			if m := regexp.MustCompile(`<(?:c:)?majorUnit val="([0-9.]+)"`).FindStringSubmatch(xml); m == nil || strings.Contains(m[1], ".") {
				t.Errorf("%s: major unit %q, want a whole step", zf.Name, m)
			}
		}
	})
	t.Run("charts_sit_under_their_tables_within_the_printed_columns", func(t *testing.T) {
		if len(drawings) != 1 {
			t.Fatalf("%d drawing parts, want 1", len(drawings))
		}
		anchors := anchor.FindAllStringSubmatch(drawings[0], -1)
		if len(anchors) != 6 {
			t.Fatalf("%d anchors, want 6", len(anchors))
		}
		lastTo := -1
		for _, a := range anchors {
			col, from, to := atoi(t, a[1]), atoi(t, a[2]), atoi(t, a[3])
			if col != 0 {
				t.Errorf("chart starts at column %d, not under its table", col+1)
			}
			if from <= lastTo {
				t.Errorf("chart from row %d overlaps the one above, ending at %d", from+1, lastTo+1)
			}
			for r := from; r <= to; r++ { // no table cell under a chart
				if r < len(rows) && len(rows[r]) > 0 && strings.Join(rows[r], "") != "" {
					t.Errorf("row %d under a chart holds %q", r+1, rows[r])
				}
			}
			lastTo = to
		}
		if ends := regexp.MustCompile(`<xdr:to><xdr:col>(\d+)</xdr:col>`).FindAllStringSubmatch(drawings[0], -1); len(ends) != 6 {
			t.Errorf("%d chart ends", len(ends))
		} else {
			for _, e := range ends {
				if atoi(t, e[1]) > 7 {
					t.Errorf("a chart runs to column %d, past H", atoi(t, e[1])+1)
				}
			}
		}
	})
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSummaryXLSXPrint(t *testing.T) {
	for lang, sheets := range map[string][]string{"vi": {"Tổng hợp", "Chi tiết", "Nhật ký"}, "en": {"Summary", "Details", "Journal"}} {
		f, _ := openSummary(t, sampleSummary(t), lang)
		page := map[string]string{"vi": "Trang &P/&N", "en": "Page &P/&N"}[lang]
		for _, sheet := range sheets {
			t.Run(lang+"_"+sheet, func(t *testing.T) {
				// The tables' sheets repeat their header row on each page; the summary, whose
				// tables each have their own header, prints A–H only (not the charts' labels).
				titles, area := false, ""
				for _, n := range f.GetDefinedName() {
					if n.Name == "_xlnm.Print_Titles" && n.Scope == sheet && n.RefersTo == "'"+sheet+"'!$1:$1" {
						titles = true
					}
					if n.Name == "_xlnm.Print_Area" && n.Scope == sheet {
						area = n.RefersTo
					}
				}
				summary := sheet == sheets[0]
				if titles == summary {
					t.Errorf("print titles %v on %s: %+v", titles, sheet, f.GetDefinedName())
				}
				if summary && !strings.HasPrefix(area, "'"+sheet+"'!$A$1:$H$") {
					t.Errorf("print area of %s is %q", sheet, area)
				}
				pl, err := f.GetPageLayout(sheet)
				if err != nil {
					t.Fatal(err)
				}
				// Never fitted to a number of pages tall: a long sheet prints on as many pages as
				// it takes, in readable print.
				if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || pl.FitToHeight != nil && *pl.FitToHeight != 0 {
					t.Errorf("page layout %+v", pl)
				}
				hf, err := f.GetHeaderFooter(sheet)
				if err != nil || hf == nil || !strings.Contains(hf.OddHeader, "Chương trình phối hợp dân vận 2026") ||
					!strings.Contains(hf.OddFooter, page) || !strings.Contains(hf.OddFooter, "01/10/2026") {
					t.Errorf("header/footer %+v %v", hf, err)
				}
			})
		}
	}
	t.Run("ampersand_in_the_title_is_not_a_code", func(t *testing.T) {
		s := sampleSummary(t)
		s.Title = "Dân vận & phối hợp"
		f, _ := openSummary(t, s, "vi")
		hf, err := f.GetHeaderFooter("Tổng hợp")
		if err != nil || !strings.Contains(hf.OddHeader, "Dân vận && phối hợp") {
			t.Errorf("header %+v %v", hf, err)
		}
	})
}

func TestSummaryXLSXDetailsAndJournal(t *testing.T) {
	s := sampleSummary(t)
	f, _ := openSummary(t, s, "vi")
	rows := rawRows(t, f, "Chi tiết")
	col := func(name string) int {
		i := slices.Index(rows[0], name)
		if i < 0 {
			t.Fatalf("no column %q in %q", name, rows[0])
		}
		return i
	}
	get := func(r, c int) string {
		if c < len(rows[r]) {
			return rows[r][c]
		}
		return ""
	}
	if len(rows) != len(s.Details)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(s.Details)+1)
	}
	t.Run("carries_quantities_and_occurrence", func(t *testing.T) {
		if get(1, col("Khối lượng")) != "8 buổi; 1.320 lượt người" || get(1, col("Ngày diễn ra")) != "01/12/2026" {
			t.Errorf("row %q", rows[1])
		}
	})
	t.Run("no_report_line_is_empty_but_says_so", func(t *testing.T) {
		for _, c := range []string{"Người báo cáo", "Thời gian", "Tiến độ (%)"} {
			if got := get(3, col(c)); got != "" {
				t.Errorf("%s = %q, want empty", c, got)
			}
		}
		if got := get(3, col("Ghi chú")); got != "Chưa có báo cáo trong kỳ" {
			t.Errorf("note %q", got)
		}
		if get(3, col("Mã hoạt động")) != "A13" {
			t.Errorf("row %q", rows[3])
		}
	})
	t.Run("formula_text_is_neutralised", func(t *testing.T) {
		if got := get(1, col("Ghi chú")); got != "=1+1" {
			t.Errorf("note %q, want =1+1 as text", got)
		}
	})
	t.Run("header_frozen_and_filtered", func(t *testing.T) {
		p, err := f.GetPanes("Chi tiết")
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("panes %+v %v", p, err)
		}
		found := false
		for _, n := range f.GetDefinedName() {
			found = found || (n.Name == "_xlnm._FilterDatabase" && n.Scope == "Chi tiết" && strings.HasSuffix(n.RefersTo, "$A$1:$K$4"))
		}
		if !found {
			t.Errorf("no autofilter over A1:K4 in %+v", f.GetDefinedName())
		}
	})
	t.Run("journal_holds_the_entries", func(t *testing.T) {
		j, err := f.GetRows("Nhật ký")
		if err != nil {
			t.Fatal(err)
		}
		if len(j) != 3 || j[0][0] != "Thời gian" || j[1][1] != "Lan" || j[2][6] != "mưa bão" || j[2][0] != "03/11/2026 09:00" {
			t.Errorf("journal %q", j)
		}
	})
}

func TestSummaryXLSXEmpty(t *testing.T) {
	for _, tc := range []struct {
		lang, summary, journal, none string
		s                            Summary
	}{
		{"vi", "Tổng hợp", "Nhật ký", "(không có)", Summary{Title: "Chương trình", From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}},
		{"en", "Summary", "Journal", "(none)", Summary{}},
	} {
		t.Run("valid_without_charts_"+tc.lang, func(t *testing.T) {
			f, data := openSummary(t, tc.s, tc.lang)
			if charts, _ := readCharts(t, data); len(charts) != 0 {
				t.Errorf("%d charts over empty tables", len(charts))
			}
			rows := rawRows(t, f, tc.summary)
			nones := 0
			for i, r := range rows {
				if len(r) > 0 && r[0] == tc.none {
					nones++
					if i == 0 || len(rows[i-1]) < 2 {
						t.Errorf("(none) at row %d is not under a header: %q", i+1, rows[i-1])
					}
				}
			}
			if nones != 6 { // one a table; an empty list has no count per unit under it
				t.Errorf("%d empty-table lines, want 6", nones)
			}
			j, err := f.GetRows(tc.journal)
			if err != nil || len(j) != 1 {
				t.Errorf("journal %q %v, want its header only", j, err)
			}
			st := cellStyle(t, f, tc.journal, 1, 1)
			if st.Font == nil || !st.Font.Bold {
				t.Error("empty journal's header is not bold")
			}
		})
	}
}

func TestSummaryFileName(t *testing.T) {
	loc := hcm(t)
	from, to := time.Date(2026, 10, 1, 0, 0, 0, 0, loc), time.Date(2026, 12, 31, 0, 0, 0, 0, loc)
	for lang, want := range map[string]string{
		"vi": "so-ket-01-10-2026-den-31-12-2026.xlsx", "en": "summary-01-10-2026-to-31-12-2026.xlsx",
		"en-US": "summary-01-10-2026-to-31-12-2026.xlsx", "fr": "so-ket-01-10-2026-den-31-12-2026.xlsx",
	} {
		if got := SummaryFileName(from, to, lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
