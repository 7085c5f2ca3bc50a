package chat

import (
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
)

// An activity counts in a period by its time, or by a report made in the period; what it
// achieved counts only the period's reports.
func TestAssessPeriodCountsActivitiesByTimeOrReport(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, loc)
	b := New(Config{Programme: programme.Default(), Loc: loc, Now: func() time.Time { return now }})
	day := func(d, m int) time.Time { return time.Date(2026, time.Month(m), d, 8, 0, 0, 0, loc) }
	buoi := []quantity.Amount{{Value: 10, Unit: "buổi"}}
	acts := []bot.Activity{
		{Code: "IN", Title: "trong kỳ", At: day(15, 11)},
		{Code: "LATER", Title: "sau kỳ, có báo cáo trong kỳ", At: day(10, 12), Targets: buoi},
		{Code: "AFTER", Title: "sau kỳ, không báo cáo", At: day(12, 12)},
		{Code: "CXL", Title: "đã hủy", At: day(16, 11), Status: bot.Cancelled},
	}
	reports := []bot.Report{
		{Code: "LATER", At: day(20, 10), Percent: 10, Qty: []quantity.Amount{{Value: 4, Unit: "buổi"}}},
		{Code: "LATER", At: day(20, 11), Percent: 30, Qty: []quantity.Amount{{Value: 3, Unit: "buổi"}}},
		{Code: "AFTER", At: day(2, 12), Percent: 5},
	}
	latest := map[string]bot.Report{"LATER": reports[1], "AFTER": reports[2]}
	start, end := b.prog.dayBounds(day(1, 11), day(30, 11))
	as := b.cal.Assess(acts, latest, reports, start, end, now, 7)
	got := map[string]bot.Assessed{}
	for _, it := range as.Items {
		got[it.Activity.Code] = it
	}
	if len(got) != 2 || got["IN"].Activity.Code == "" || got["LATER"].Activity.Code == "" {
		t.Fatalf("items %v, want IN (by its time) and LATER (by its report)", got)
	}
	if as.Cancelled != 1 {
		t.Errorf("cancelled %d, want 1", as.Cancelled)
	}
	if a := got["LATER"].Achieved; len(a) != 1 || a[0].Value != 3 {
		t.Errorf("LATER achieved %+v, want 3 buổi (the October report is outside the period)", a)
	}
	if len(as.Reports) != 1 || as.Reports[0].Code != "LATER" {
		t.Errorf("period's reports %+v", as.Reports)
	}
	// All time: everything but the cancelled one, and every report's quantities.
	all := b.cal.Assess(acts, latest, reports, time.Time{}, time.Time{}, now, 7)
	if len(all.Items) != 3 || len(all.Reports) != 3 {
		t.Errorf("all time: %d items, %d reports", len(all.Items), len(all.Reports))
	}
	for _, it := range all.Items {
		if it.Activity.Code == "LATER" && it.Achieved[0].Value != 7 {
			t.Errorf("all time LATER achieved %v, want 7", it.Achieved[0].Value)
		}
	}
}
