package chat

import (
	"testing"
	"time"
)

// TestPeriodWords reads the periods leaders say, beside the dates, at 26/11/2026 09:00 in
// Hồ Chí Minh City.
func TestPeriodWords(t *testing.T) {
	var now time.Time
	b := fuzzBot(t, &now)
	for _, tc := range []struct{ in, from, to string }{
		{"", "01/10/2026", "31/12/2026"},
		{"quý 4", "01/10/2026", "31/12/2026"},
		{"quy 4", "01/10/2026", "31/12/2026"},
		{"quý 3/2026", "01/07/2026", "30/09/2026"},
		{"quý 1 năm 2026", "01/01/2026", "31/03/2026"},
		{"quý 2/2025", "01/04/2025", "30/06/2025"},
		{"Q3", "01/07/2026", "30/09/2026"},
		{"q1/2026", "01/01/2026", "31/03/2026"},
		{"quarter 2", "01/04/2026", "30/06/2026"},
		{"6 tháng đầu năm", "01/01/2026", "30/06/2026"},
		{"6 thang dau nam", "01/01/2026", "30/06/2026"},
		{"6 tháng cuối năm", "01/07/2026", "31/12/2026"},
		{"6 tháng đầu năm 2025", "01/01/2025", "30/06/2025"},
		{"6 tháng cuối năm 2025", "01/07/2025", "31/12/2025"},
		{"H2", "01/07/2026", "31/12/2026"},
		{"first half 2025", "01/01/2025", "30/06/2025"},
		{"năm 2026", "01/01/2026", "31/12/2026"},
		{"năm 2025", "01/01/2025", "31/12/2025"},
		{"year 2025", "01/01/2025", "31/12/2025"},
		{"tháng 11", "01/11/2026", "30/11/2026"},
		{"tháng 2/2024", "01/02/2024", "29/02/2024"},
		{"tháng 11/2026", "01/11/2026", "30/11/2026"},
		{"tháng 11 năm 2025", "01/11/2025", "30/11/2025"},
		{"month 10", "01/10/2026", "31/10/2026"},
		{"từ tháng 7 đến tháng 9", "01/07/2026", "30/09/2026"},
		{"từ quý 1 đến 15/05/2026", "01/01/2026", "15/05/2026"},
		{"từ 01/10/2026 đến 31/12/2026", "01/10/2026", "31/12/2026"},
		{"từ 01/11/2026", "01/11/2026", "26/11/2026"},
		{"từ 26/11/2026", "26/11/2026", "26/11/2026"},
		{"đến 15/11/2026", "01/10/2026", "15/11/2026"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			p, err := b.recs.parsePeriod(tc.in, false)
			if err != nil {
				t.Fatalf("%q: %v", tc.in, err)
			}
			if got, want := b.view.Date(p.From)+"–"+b.view.Date(p.To), tc.from+"–"+tc.to; got != want {
				t.Errorf("%q is %s, want %s", tc.in, got, want)
			}
			if p.Given != (tc.in != "") {
				t.Errorf("%q: Given %v", tc.in, p.Given)
			}
		})
	}
	// The same words with the export's filters.
	p, err := b.recs.parsePeriod("quý 3/2026 nd 2 đv DCG", true)
	if err != nil || b.view.Date(p.From) != "01/07/2026" || b.view.Date(p.To) != "30/09/2026" || p.Area != 2 || p.Unit != "DCG" {
		t.Errorf("quý 3/2026 nd 2 đv DCG: %+v, %v", p, err)
	}
}

// TestPeriodRefused: a start after today, and words that name no period, are refused in both
// languages with a reason, never turned into an empty period.
func TestPeriodRefused(t *testing.T) {
	var now time.Time
	b := fuzzBot(t, &now)
	for _, tc := range []struct{ in, want string }{
		{"từ 01/01/2027", "sau hôm nay"},
		{"từ 27/11/2026", "sau hôm nay"},
		{"01/12/2026 - 31/12/2026", "sau hôm nay"},
		{"năm 2027", "sau hôm nay"},
		{"quý 1/2027", "sau hôm nay"},
		{"tháng 12", "sau hôm nay"},
		{"quý 5", "không phải một kỳ hợp lệ"},
		{"Q0", "Không hiểu"},
		{"tháng 13", "không phải một kỳ hợp lệ"},
		{"quý 3/26", "không phải một kỳ hợp lệ"},
		{"từ 31/12/2026 đến 01/11/2026", "sau ngày kết thúc"},
		{"từ 15/11/2026 đến 01/11/2026", "sau ngày kết thúc"},
		{"quý tư", "Không hiểu"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			for _, filters := range []bool{false, true} {
				p, err := b.recs.parsePeriod(tc.in, filters)
				if err == nil {
					t.Fatalf("%q (filters %v) is accepted as %s–%s", tc.in, filters, b.view.Date(p.From), b.view.Date(p.To))
				}
				mustUserError(t, tc.in, err)
				if got := err.(*UserError).In("vi"); !contains(got, tc.want) {
					t.Errorf("%q: %q lacks %q", tc.in, got, tc.want)
				}
			}
		})
	}
}
