package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/export/pdftest"
)

// bigSummary is a programme of 60 activities in 6 content areas and 6 units, with 600 reports
// in the period, 60 targets, 12 overdue and 8 not reported.
func bigSummary(t testing.TB) Summary {
	loc := hcm(t)
	s := Summary{Title: "Chương trình phối hợp dân vận năm 2026", From: time.Date(2026, 10, 1, 0, 0, 0, 0, loc),
		To: time.Date(2026, 12, 31, 0, 0, 0, 0, loc), Generated: time.Date(2026, 12, 4, 9, 30, 0, 0, loc),
		StaleDays: 7, By: "Nguyễn Thị Thư",
		Status: []Count{{"Hoàn thành", 21}, {"Đang thực hiện", 19}, {"Chưa bắt đầu", 8}, {"Quá hạn", 12},
			{"Đã hủy", 2}, {"Chưa báo cáo trong 7 ngày", 8}},
	}
	for i := 1; i <= 6; i++ {
		s.Areas = append(s.Areas, GroupRow{Name: fmt.Sprintf("Nội dung %d: Tuyên truyền, vận động nhân dân", i),
			Activities: 10, Done: i % 4, Overdue: 2, NotReported: i % 3, Reports: 100 + i, Percent: float64(40 + i*7)})
		s.Units = append(s.Units, GroupRow{Code: fmt.Sprintf("DV%d", i), Name: fmt.Sprintf("Đồn Biên phòng số %d", i),
			Depth: min(i-1, 1), Activities: 10, Done: 3, Overdue: 2, NotReported: 1, Reports: 100, Percent: float64(30 + i*5)})
	}
	for i := 1; i <= 60; i++ {
		code := "A" + strconv.Itoa(i)
		title := fmt.Sprintf("Tuyên truyền pháp luật về biên giới quốc gia tại ấp %d", i)
		unit := fmt.Sprintf("Đồn Biên phòng số %d", (i-1)%6+1)
		s.Targets = append(s.Targets, TargetRow{Activity: code, Title: title, Unit: unit, Measure: []string{"buổi", "lượt người", "căn"}[i%3],
			Target: []float64{12, 1500, 2}[i%3], Achieved: []float64{9, 1320, 1}[i%3]})
		row := ActivityRow{Activity: code, Title: title, Unit: unit, Owner: "Lan", Due: time.Date(2026, 11, i%28+1, 8, 0, 0, 0, loc), Percent: 40, Status: "Quá hạn"}
		if i <= 12 {
			s.Overdue = append(s.Overdue, row)
		}
		if i > 52 {
			row.Status = "Đang thực hiện"
			s.NotReported = append(s.NotReported, row)
		}
		for r := 0; r < 10; r++ {
			s.Details = append(s.Details, Row{Activity: code, ActivityTitle: title, Content: "Nội dung 1: Tuyên truyền",
				Reporter: "Trần Văn Một", Unit: unit, At: time.Date(2026, 10, 1+r, 8+i%8, 0, 0, 0, loc), Percent: 10 * r,
				Note: "Đã tổ chức tuyên truyền tại nhà văn hóa ấp, có lãnh đạo xã dự", Quantities: "2 buổi; 120 lượt người"})
		}
		s.Journal = append(s.Journal, JournalRow{At: time.Date(2026, 10, 1, 8, 0, 0, 0, loc), Who: "Lan", Action: "thêm hoạt động", Activity: code, After: title})
	}
	return s
}

// TestSummaryPrints prints the sơ kết of 60 activities and 600 reports, and the /xuat workbook of
// the same reports, through LibreOffice to PDF, as a leader's assistant would, and reads the
// text back: every section title, every table's numbers under their headers, "Trang X/Y", and a
// page count that neither crams a long sheet onto one page nor spreads it one column a page.
func TestSummaryPrints(t *testing.T) {
	s := bigSummary(t)
	data, err := SummaryXLSX(s, hcm(t), "vi")
	if err != nil {
		t.Fatal(err)
	}
	p := pdftest.Print(t, data, "so-ket.xlsx")
	if dir := os.Getenv("COORDBOT_RENDER_DIR"); dir != "" {
		pdftest.FirstPagePNG(t, p, filepath.Join(dir, "so-ket-60.png"), 70)
	}
	for _, title := range []string{"BÁO CÁO SƠ KẾT", "Từ ngày 01/10/2026 đến ngày 31/12/2026", "Ngày lập: 04/12/2026 09:30",
		"Người lập: Nguyễn Thị Thư", "I. Tổng quan", "II. Theo nội dung", "III. Theo đơn vị", "IV. Chỉ tiêu", "V. Quá hạn",
		"VI. Chưa báo cáo trong 7 ngày", "Chi tiết", "Nhật ký", fmt.Sprintf("Trang 1/%d", p.Pages), fmt.Sprintf("Trang %d/%d", p.Pages, p.Pages)} {
		if !strings.Contains(p.Text, title) {
			t.Errorf("the printed sơ kết lacks %q", title)
		}
	}
	pdftest.Table(t, p.Text, "I. Tổng quan", "Đang thực hiện", []string{"Số hoạt động"}, []string{"19"})
	pdftest.Table(t, p.Text, "II. Theo nội dung", "Nội dung 5: Tuyên truyền",
		[]string{"Số hoạt động", "Hoàn thành", "Quá hạn", "Số báo cáo", "Tiến độ TB"}, []string{"10", "1", "2", "105", "75%"})
	pdftest.Table(t, p.Text, "III. Theo đơn vị", "Đồn Biên phòng số 4",
		[]string{"Số hoạt động", "Hoàn thành", "Quá hạn", "Số báo cáo", "Tiến độ TB"}, []string{"10", "3", "2", "100", "50%"})
	pdftest.Table(t, p.Text, "IV. Chỉ tiêu", "A2 ",
		[]string{"Chỉ tiêu", "Đạt được", "Tỷ lệ đạt"}, []string{"2", "1", "50%"})
	pdftest.Table(t, p.Text, "IV. Chỉ tiêu", "A3 ",
		[]string{"Chỉ tiêu", "Đạt được", "Tỷ lệ đạt"}, []string{"12", "9", "75%"})
	pdftest.Table(t, p.Text, "V. Quá hạn", "A7 ", []string{"Tiến độ"}, []string{"40%"})
	pdftest.Table(t, p.Text, "VI. Chưa báo cáo", "A55 ", []string{"Tiến độ"}, []string{"40%"})
	// 600 report lines at up to 60 a page, the summary's tables and charts, 60 journal lines: not
	// crammed onto a few pages, not spread a column a page.
	if p.Pages < 12 || p.Pages > 70 {
		t.Errorf("the sơ kết prints on %d pages, want 12–70", p.Pages)
	}
	if t.Failed() {
		t.Logf("printed text:\n%s", p.Text)
	}

	t.Run("xuat", func(t *testing.T) {
		data, err := XLSXTitled(s.Details, hcm(t), "vi", "Báo cáo tiến độ — "+s.Title, "Từ ngày 01/10/2026 đến ngày 31/12/2026", s.Journal...)
		if err != nil {
			t.Fatal(err)
		}
		p := pdftest.Print(t, data, "bao-cao.xlsx")
		if dir := os.Getenv("COORDBOT_RENDER_DIR"); dir != "" {
			pdftest.FirstPagePNG(t, p, filepath.Join(dir, "bao-cao-60.png"), 70)
		}
		for _, want := range []string{"Báo cáo tiến độ — " + s.Title, "Từ ngày 01/10/2026 đến ngày 31/12/2026",
			"Mã hoạt động", "Ngày diễn ra", fmt.Sprintf("Trang 1/%d", p.Pages), fmt.Sprintf("Trang %d/%d", p.Pages, p.Pages)} {
			if !strings.Contains(p.Text, want) {
				t.Errorf("the printed export lacks %q", want)
			}
		}
		// The header row on every page of the reports.
		pages := strings.Split(p.Text, "\f")
		for i, pg := range pages[:len(pages)-1] {
			if !strings.Contains(pg, "Mã hoạt động") && !strings.Contains(pg, "Thời gian") {
				t.Errorf("page %d has no header row", i+1)
			}
		}
		if p.Pages < 10 || p.Pages > 60 {
			t.Errorf("600 reports print on %d pages, want 10–60", p.Pages)
		}
		if t.Failed() {
			t.Logf("printed text:\n%s", p.Text)
		}
	})
}
