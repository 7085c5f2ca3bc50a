package redisstore

import (
	"context"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/internal/redistest"
)

// TestWithdrawChecksItsSuccessorInsideTheStep: withdrawing the latest report makes the report
// before it the latest. That report is picked by a read before the step; when another
// withdrawal takes it between that read and the step, the step must not make a withdrawn report
// the latest (issue 17): it reads again and finds none left, so the activity has no latest.
// Not parallel: it sets a package hook.
func TestWithdrawChecksItsSuccessorInsideTheStep(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	s := New(rdb, prefix)
	if _, err := s.SaveActivity(ctx, bot.Activity{Code: "A7", Title: "Tập huấn", At: time.Now().Add(48 * time.Hour)}, true); err != nil {
		t.Fatal(err)
	}
	add := func(user int64, pct int) bot.Report {
		r := bot.Report{Code: "A7", UserID: bot.TelegramID(user), Name: "Cán bộ", At: time.Now(), Percent: pct}
		got, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Add: &r, Audit: bot.Audit{Action: bot.ActReportAdd}})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	first := add(1, 40)
	second := add(2, 60)

	hooked := 0
	testHookBeforeReportStep = func() {
		hooked++
		if hooked != 1 {
			return
		}
		// Another coordinator withdraws the first report while this step is between its read
		// (which picked the first report to become the latest) and its script.
		if _, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Withdraw: &first, Audit: bot.Audit{Action: bot.ActReportWithdraw}}); err != nil {
			t.Errorf("the concurrent withdrawal: %v", err)
		}
	}
	defer func() { testHookBeforeReportStep = nil }()
	if _, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Withdraw: &second, Audit: bot.Audit{Action: bot.ActReportWithdraw}}); err != nil {
		t.Fatal(err)
	}
	if hooked < 2 {
		t.Fatalf("the concurrent withdrawal did not land between the read and the step (hook ran %d times)", hooked)
	}
	latest, err := s.Latest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := latest["A7"]; ok {
		still, found, _ := s.ReportByID(ctx, r.ID)
		t.Errorf("the latest of A7 is report %s (%d%%), which exists: %v (%+v); want none, both were withdrawn", r.ID, r.Percent, found, still)
	}
}
