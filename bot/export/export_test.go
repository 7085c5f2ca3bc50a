package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/testutil"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// sampleRows covers the awkward cases once: separators and quotes in notes,
// multi-line notes, decomposed Vietnamese, formula-looking text, no time.
func sampleRows() []Row {
	return []Row{
		{
			Activity: "A7", ActivityTitle: "Tập huấn nghiệp vụ dân vận",
			Content: "Nội dung 1: Tuyên truyền", Reporter: "Nguyễn Văn Ánh", Unit: "Phường Bến Nghé",
			At: time.Date(2026, 12, 1, 0, 30, 59, 0, time.UTC), Percent: 60, // 59 s: a rounding reader would show 07:31
			Note: `đã tập huấn 2 đợt, "đợt 3" tuần sau`, File: "bien-ban.pdf",
			Quantities: "12 buổi; 1.320 lượt người", Occurrence: "01/12/2026",
		},
		{
			Activity: "A8", ActivityTitle: norm.NFD.String("Họp dân khu phố"),
			Content: "Nội dung 2", Reporter: "Trần Thị Bích", Unit: "Xã An Phú",
			At: time.Date(2026, 12, 2, 10, 5, 0, 0, time.UTC), Percent: 100,
			Note: "dòng 1\r\ndòng 2\nđã xong",
		},
		{
			Activity: "A9", ActivityTitle: "=HYPERLINK(\"http://evil\",\"x\")",
			Content: "+cmd", Reporter: "@admin", Unit: "-2+3",
			At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Percent: 0,
			Note: "\t=1+1", File: "\rfile",
		},
		{Activity: "A10", ActivityTitle: "Chưa có thời gian", Percent: 5, Quantities: "=2*3"},
		// A no-report line: whatever the caller left in reporter, time and percent stays out.
		{Activity: "A11", ActivityTitle: "Chưa báo cáo", Unit: "Xã An Phú", Reporter: "x",
			At: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), Percent: 40, NoReport: true},
	}
}

// wantRecords is what a reader of either file must see for sampleRows.
func wantRecords(lang string) [][]string {
	h := headers(lang)
	return [][]string{
		h[:],
		{"A7", "Tập huấn nghiệp vụ dân vận", "Nội dung 1: Tuyên truyền", "Nguyễn Văn Ánh", "Phường Bến Nghé",
			"01/12/2026 07:30", "60", `đã tập huấn 2 đợt, "đợt 3" tuần sau`, "bien-ban.pdf",
			"12 buổi; 1.320 lượt người", "01/12/2026"},
		{"A8", "Họp dân khu phố", "Nội dung 2", "Trần Thị Bích", "Xã An Phú",
			"02/12/2026 17:05", "100", "dòng 1\ndòng 2\nđã xong", "", "", ""},
		{"A9", "'=HYPERLINK(\"http://evil\",\"x\")", "'+cmd", "'@admin", "'-2+3",
			"01/01/2026 07:00", "0", "'\t=1+1", "'\nfile", "", ""},
		{"A10", "Chưa có thời gian", "", "", "", "", "5", "", "", "'=2*3", ""},
		{"A11", "Chưa báo cáo", "", "", "Xã An Phú", "", "", "", "", "", ""},
	}
}

func parseCSV(t testing.TB, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(bom)) {
		t.Fatalf("CSV does not start with the UTF-8 BOM: % x", data[:min(len(data), 8)])
	}
	recs, err := csv.NewReader(bytes.NewReader(data[len(bom):])).ReadAll()
	if err != nil {
		t.Fatalf("re-reading CSV: %v", err)
	}
	return recs
}

func equalRecords(t *testing.T, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d:\n%q", len(got), len(want), got)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("row %d: got %d cells %q, want %q", i, len(got[i]), got[i], want[i])
			continue
		}
		for c := range want[i] {
			if got[i][c] != want[i][c] {
				t.Errorf("row %d col %d: got %q, want %q", i, c, got[i][c], want[i][c])
			}
		}
	}
}

func TestCSV(t *testing.T) {
	loc := hcm(t)
	for _, lang := range []string{"vi", "en"} {
		t.Run("round_trips_"+lang, func(t *testing.T) {
			equalRecords(t, parseCSV(t, CSV(sampleRows(), loc, lang)), wantRecords(lang))
		})
	}
	t.Run("empty_export_has_only_the_header", func(t *testing.T) {
		got := parseCSV(t, CSV(nil, loc, "vi"))
		if len(got) != 1 || got[0][0] != "Mã hoạt động" || got[0][6] != "Tiến độ (%)" {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("uses_crlf_line_ends_for_excel", func(t *testing.T) {
		if !bytes.Contains(CSV(nil, loc, "vi"), []byte("Ngày diễn ra\r\n")) {
			t.Fatal("header line does not end in CRLF")
		}
	})
	t.Run("unknown_language_falls_back_to_vietnamese", func(t *testing.T) {
		if got := parseCSV(t, CSV(nil, loc, "fr"))[0][0]; got != "Mã hoạt động" {
			t.Fatalf("header %q", got)
		}
	})
	t.Run("nil_location_means_utc", func(t *testing.T) {
		rows := []Row{{Activity: "A1", At: time.Date(2026, 12, 1, 0, 30, 0, 0, time.UTC)}}
		if got := parseCSV(t, CSV(rows, nil, "vi"))[1][colAt]; got != "01/12/2026 00:30" {
			t.Fatalf("time %q", got)
		}
	})
}

func TestXLSX(t *testing.T) {
	loc := hcm(t)
	for _, lang := range []string{"vi", "en"} {
		t.Run("reopens_with_the_same_rows_"+lang, func(t *testing.T) {
			data, err := XLSX(sampleRows(), loc, lang)
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("re-opening: %v", err)
			}
			defer f.Close()
			if got := f.GetSheetList(); len(got) != 1 || got[0] != sheetName(lang) {
				t.Fatalf("sheets %q, want [%q]", got, sheetName(lang))
			}
			got, err := f.GetRows(sheetName(lang))
			if err != nil {
				t.Fatal(err)
			}
			// GetRows drops trailing empty cells; pad to compare like for like.
			for i := range got {
				for len(got[i]) < numCols {
					got[i] = append(got[i], "")
				}
			}
			// An XLSX cell is typed as text: it holds what was typed, with no ' before a
			// formula-looking text (the CSV needs one), and no cell is a formula.
			want := wantRecords(lang)
			for i := range want {
				for j, c := range want[i] {
					want[i][j] = strings.TrimPrefix(c, "'")
				}
			}
			equalRecords(t, got, want)
			for i := range got {
				for j := range got[i] {
					cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if formula, _ := f.GetCellFormula(sheetName(lang), cell); formula != "" {
						t.Errorf("%s holds the formula %q", cell, formula)
					}
				}
			}
		})
	}

	data, err := XLSX(sampleRows(), loc, "vi")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Báo cáo"

	t.Run("percent_is_a_number", func(t *testing.T) {
		typ, err := f.GetCellType(sheet, "G2")
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := f.GetCellValue(sheet, "G2", excelize.Options{RawCellValue: true})
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || raw != "60" {
			t.Fatalf("G2 type %v raw %q, want a number 60", typ, raw)
		}
	})
	t.Run("time_is_a_date_serial_in_loc", func(t *testing.T) {
		raw, _ := f.GetCellValue(sheet, "F2", excelize.Options{RawCellValue: true})
		// 2026-12-01 07:30 is Excel serial 46357 + 7.5/24.
		if !strings.HasPrefix(raw, "46357.3125") {
			t.Fatalf("F2 raw %q, want serial 46357.3125", raw)
		}
	})
	t.Run("header_is_bold", func(t *testing.T) {
		id, err := f.GetCellStyle(sheet, "H1")
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Font == nil || !st.Font.Bold {
			t.Fatal("header cell is not bold")
		}
	})
	t.Run("header_row_is_frozen", func(t *testing.T) {
		p, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.YSplit != 1 || p.XSplit != 0 {
			t.Fatalf("panes %+v", p)
		}
	})
	t.Run("autofilter_covers_every_row", func(t *testing.T) {
		names := f.GetDefinedName()
		found := false
		for _, n := range names {
			if n.Name == "_xlnm._FilterDatabase" && strings.HasSuffix(n.RefersTo, "$A$1:$K$6") {
				found = true
			}
		}
		if !found {
			t.Fatalf("no autofilter over A1:K6 in %+v", names)
		}
	})
	t.Run("columns_are_readable_widths", func(t *testing.T) {
		for col, lo := range map[string]float64{"B": 20, "F": 16, "H": 20} {
			w, err := f.GetColWidth(sheet, col)
			if err != nil {
				t.Fatal(err)
			}
			if w < lo || w > maxWidth {
				t.Errorf("column %s width %v, want %v–%v", col, w, lo, float64(maxWidth))
			}
		}
	})
	t.Run("empty_export_is_a_valid_workbook", func(t *testing.T) {
		data, err := XLSX(nil, loc, "en")
		if err != nil {
			t.Fatal(err)
		}
		g, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		rows, err := g.GetRows("Reports")
		if err != nil || len(rows) != 1 || rows[0][0] != "Activity code" {
			t.Fatalf("rows %q err %v", rows, err)
		}
	})
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain_text_is_unchanged", "đã tập huấn", "đã tập huấn"},
		{"decomposed_vietnamese_becomes_nfc", norm.NFD.String("Tiến độ"), "Tiến độ"},
		{"equals_is_neutralised", "=1+1", "'=1+1"},
		{"plus_is_neutralised", "+84 90", "'+84 90"},
		{"minus_is_neutralised", "-5", "'-5"},
		{"at_is_neutralised", "@SUM(A1)", "'@SUM(A1)"},
		{"tab_is_neutralised", "\tx", "'\tx"},
		{"leading_cr_is_neutralised_as_a_line_break", "\rx", "'\nx"},
		{"formula_later_in_text_is_left_alone", "a=1", "a=1"},
		{"crlf_becomes_lf", "a\r\nb", "a\nb"},
		{"invalid_utf8_is_replaced", "a\xffb", "a\uFFFDb"},
		{"equals_with_combining_slash_composes_to_not_equal", "=\u0338", "≠"},
		{"empty_stays_empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := clean(tc.in); got != tc.want {
				t.Fatalf("clean(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

var hcm = testutil.HCM
