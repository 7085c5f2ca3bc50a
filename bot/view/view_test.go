package view_test

import (
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/view"
	"github.com/coordbot/coordbot/internal/testutil"
)

// The views render plain domain values: no store, no bot, no Redis.

func TestDigestFromPlainValues(t *testing.T) {
	loc := testutil.HCM(t)
	v := view.View{Programme: programme.Default(), Loc: loc}
	at := time.Date(2026, 12, 7, 7, 0, 0, 0, loc)
	a := bot.Activity{Code: "A7", Title: "Tuần tra <chung>", TitleEN: "Joint patrol", At: at.Add(26 * time.Hour), Owner: "Đồn Cần Giờ"}
	stale := bot.Activity{Code: "B2", Title: "Tuyên truyền", Person: "Lan"}
	d := bot.Digest{At: at, Open: 2, Average: 35,
		Week:  []bot.DigestItem{{Activity: a, State: bot.OccState{Status: bot.UnderWay, Occ: a.At, Latest: bot.Report{Percent: 40}, Reported: true}}},
		Stale: []bot.DigestItem{{Activity: stale, State: bot.OccState{Status: bot.Overdue}}},
	}
	vi := v.Digest("vi", d)
	testutil.MustContain(t, vi, "Bản tin tuần</b> — 07/12/2026", "<b>A7</b> Tuần tra &lt;chung&gt; — 08/12/2026 09:00",
		"40%", "2 hoạt động đang mở, trung bình 35%", "Cần cập nhật", "<b>B2</b> Tuyên truyền")
	if !strings.Contains(vi, "Lan") {
		t.Errorf("the stale activity's person is not named:\n%s", vi)
	}
	en := v.Digest("en", d)
	testutil.MustContain(t, en, "Weekly digest</b> — 07/12/2026", "<b>A7</b> Joint patrol", "2 open activities, average 35%")
	empty := v.Digest("vi", bot.Digest{At: at})
	testutil.MustContain(t, empty, "Không có hoạt động nào trong tuần này.")
	if strings.Contains(empty, "Cần cập nhật") || strings.Contains(empty, "trung bình") {
		t.Errorf("an empty digest lists what it has not:\n%s", empty)
	}
}

func TestDatesAndTimesInTheBotsZone(t *testing.T) {
	v := view.View{Loc: testutil.HCM(t)}
	utc := time.Date(2026, 12, 14, 17, 30, 0, 0, time.UTC) // 00:30 on the 15th in Hồ Chí Minh City
	if got := v.Date(utc); got != "15/12/2026" {
		t.Errorf("Date = %q, want 15/12/2026", got)
	}
	if got := v.Time(utc); got != "15/12/2026 00:30" {
		t.Errorf("Time = %q, want 15/12/2026 00:30", got)
	}
	if got := v.Time(time.Time{}); got != "—" {
		t.Errorf("Time of no time = %q, want —", got)
	}
}

func TestFormatting(t *testing.T) {
	if got := view.PlainText("<b>A&amp;B</b> &lt;x&gt;"); got != "A&B <x>" {
		t.Errorf("PlainText = %q", got)
	}
	if got := view.Amounts("vi", []quantity.Amount{{Value: 1234.5, Unit: "lượt người"}, {Value: 12, Unit: "buổi"}}); got != "1.234,5 lượt người, 12 buổi" {
		t.Errorf("Amounts vi = %q", got)
	}
	if got := view.Amounts("en", []quantity.Amount{{Value: 1234.5, Unit: "people"}}); got != "1,234.5 people" {
		t.Errorf("Amounts en = %q", got)
	}
	if got := view.GroupName("vi", "Tổ 1"); got != "Nhóm <b>Tổ 1</b>" {
		t.Errorf("GroupName = %q", got)
	}
	if got := view.GroupName("vi", "Nhóm thử nghiệm"); got != "<b>Nhóm thử nghiệm</b>" {
		t.Errorf("GroupName of a title saying Nhóm = %q", got)
	}
	if a, b := view.Bar(0), view.Bar(100); a == b || !strings.Contains(b, "100%") {
		t.Errorf("Bar(0) = %q, Bar(100) = %q", a, b)
	}
	if got := view.Truncate("Tuần tra", 8); got != "Tuần tra" {
		t.Errorf("Truncate of a short text = %q", got)
	}
	if got := view.Truncate("Tuần tra biên giới", 8); got != "Tuần tra…" {
		t.Errorf("Truncate = %q", got)
	}
}
