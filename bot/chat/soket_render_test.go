package chat_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordbot/coordbot/bot/export/pdftest"
)

// TestSoketPrintsOnTheSeedProgramme prints the sơ kết a coordinator draws with /soket quý 4 on
// the seed programme with units, and /xuat of the same quarter, through LibreOffice, and reads
// them back as a leader would: every section, the figures under their headings, no machine
// values in the journal, and a sensible number of pages. With COORDBOT_RENDER_DIR set it keeps
// the first pages as PNG there (docs/so-ket-trang-1.png is one).
func TestSoketPrintsOnTheSeedProgramme(t *testing.T) {
	h := soketSetup(t)
	doc := document(t, h.say(admin, admin, "/soket quý 4"), ".xlsx")
	if doc.Name != "so-ket-01-10-2026-den-31-12-2026.xlsx" {
		t.Errorf("file name %q", doc.Name)
	}
	p := pdftest.Print(t, doc.Data, doc.Name)
	if dir := os.Getenv("COORDBOT_RENDER_DIR"); dir != "" {
		pdftest.FirstPagePNG(t, p, filepath.Join(dir, "so-ket-trang-1.png"), 80)
	}
	for _, want := range []string{"BÁO CÁO SƠ KẾT", "Từ ngày 01/10/2026 đến ngày 31/12/2026", "Ngày lập: 26/11/2026",
		"I. Tổng quan", "II. Theo nội dung", "III. Theo đơn vị", "IV. Chỉ tiêu", "V. Quá hạn", "VI. Chưa báo cáo",
		"Trang 1/"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("the printed sơ kết lacks %q", want)
		}
	}
	// DCG (under BDBP) holds A1 (60 %, 3 reports) and, through TCG, A4 (0 %); A1 reached 15 of
	// its 20 buổi.
	pdftest.Table(t, p.Text, "III. Theo đơn vị", "DCG ", []string{"Số hoạt động", "Số báo cáo", "Tiến độ TB"}, []string{"2", "3", "30%"})
	pdftest.Table(t, p.Text, "IV. Chỉ tiêu", "A1 ", []string{"Chỉ tiêu", "Đạt được", "Tỷ lệ đạt"}, []string{"20", "15", "75%"})
	// No machine values anywhere in print: ids, @dates, emoji.
	for _, bad := range []string{"tg:", "@2026", "🗓", "🎯", "📅"} {
		if strings.Contains(p.Text, bad) {
			t.Errorf("the printed sơ kết shows %q", bad)
		}
	}
	if p.Pages < 2 || p.Pages > 12 {
		t.Errorf("the seed's sơ kết prints on %d pages, want 2–12", p.Pages)
	}
	if t.Failed() {
		t.Logf("printed text:\n%s", p.Text)
	}
}
