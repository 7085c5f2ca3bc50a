package redisstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/scheduler"
)

func newQueued(t *testing.T) (*redisstore.Store, *scheduler.Queue) {
	rdb, prefix := redistest.Client(t)
	q := scheduler.NewQueue(rdb, redisstore.ProgrammePrefix(prefix)+"sched:", time.UTC)
	return redisstore.New(rdb, prefix, redisstore.WithQueue(q)), q
}

func remindersFor(at time.Time, leads ...time.Duration) func(bot.Activity) []bot.Reminder {
	return func(a bot.Activity) []bot.Reminder {
		var out []bot.Reminder
		for _, l := range leads {
			out = append(out, bot.Reminder{Kind: bot.KindActivity, Ref: "act:" + a.Code, At: at.Add(-l), Meta: map[string]string{"code": a.Code}})
		}
		return out
	}
}

func TestChangeActivityWithRemindersAndOnce(t *testing.T) {
	s, q := newQueued(t)
	ctx := context.Background()
	at := time.Now().Add(72 * time.Hour).Truncate(time.Minute)
	ch := bot.ActivityChange{Activity: bot.Activity{Title: "Tập huấn", At: at}, Create: true,
		Reminders: remindersFor(at, 24*time.Hour, time.Hour), Audit: bot.Audit{Action: bot.ActActivityAdd, By: "tg:1"}, UpdateID: "77"}
	a, applied, err := s.ChangeActivity(ctx, ch)
	if err != nil || !applied || a.Code != "A1" {
		t.Fatalf("first add = %+v, %v, %v", a, applied, err)
	}
	again, applied, err := s.ChangeActivity(ctx, ch)
	if err != nil || applied || again.Code != "A1" {
		t.Fatalf("redelivered add = %+v, %v, %v; want A1 not applied again", again, applied, err)
	}
	if acts, _ := s.Activities(ctx); len(acts) != 1 {
		t.Fatalf("%d activities after a redelivery, want 1", len(acts))
	}
	rs, err := q.ListRef(ctx, "act:A1")
	if err != nil || len(rs) != 2 || rs[0].ID != "A1-1" {
		t.Fatalf("reminders = %+v, %v; want A1-1 and A1-2", rs, err)
	}
	// An edit with one lead time leaves one reminder; a cancellation none.
	a.Title = "Tập huấn mới"
	if _, _, err := s.ChangeActivity(ctx, bot.ActivityChange{Activity: a, Reminders: remindersFor(at, time.Hour), Audit: bot.Audit{Action: bot.ActActivityEdit}}); err != nil {
		t.Fatal(err)
	}
	if rs, _ := q.ListRef(ctx, "act:A1"); len(rs) != 1 || !rs[0].At.Equal(at.Add(-time.Hour)) {
		t.Fatalf("after the edit: %+v", rs)
	}
	a.Status = bot.Cancelled
	if _, _, err := s.ChangeActivity(ctx, bot.ActivityChange{Activity: a, Audit: bot.Audit{Action: bot.ActActivityCancel}}); err != nil {
		t.Fatal(err)
	}
	if rs, _ := q.ListRef(ctx, "act:A1"); len(rs) != 0 {
		t.Fatalf("after the cancellation: %+v", rs)
	}
	got, ok, _ := s.Activity(ctx, "a1")
	if !ok || got.Title != "Tập huấn mới" || !got.IsCancelled() {
		t.Fatalf("stored = %+v", got)
	}
	hist, err := s.History(ctx, "A1")
	if err != nil || len(hist) != 3 || hist[0].Action != bot.ActActivityAdd || hist[2].Action != bot.ActActivityCancel || hist[0].Code != "A1" {
		t.Fatalf("history = %+v, %v", hist, err)
	}
	if other, _ := s.History(ctx, "B1"); len(other) != 0 {
		t.Fatalf("history of B1 = %+v", other)
	}
	if _, _, err := s.ChangeActivity(ctx, bot.ActivityChange{Activity: bot.Activity{Code: "a1"}, Create: true}); !errors.Is(err, bot.ErrExists) {
		t.Fatalf("adding a taken code: %v", err)
	}
}

func TestApplyReportRefusals(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	r := bot.Report{Code: "Z1", UserID: "tg:1", Percent: 10}
	if _, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Add: &r}); !errors.Is(err, bot.ErrNoActivity) {
		t.Fatalf("report on a missing activity: %v", err)
	}
	if _, err := s.SaveActivity(ctx, bot.Activity{Code: "Z1", Title: "x", Status: bot.Cancelled}, true); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Add: &r}); !errors.Is(err, bot.ErrActivityCancelled) {
		t.Fatalf("report on a cancelled activity: %v", err)
	}
	if _, _, _, err := s.ApplyReport(ctx, bot.ReportStep{}); err == nil {
		t.Fatal("an empty step was accepted")
	}
}

func TestApplyReportCorrectionAndRedelivery(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	addReport(t, s, bot.Report{Code: "A1", UserID: "tg:2", Percent: 10})
	orig := bot.Report{Code: "A1", UserID: "tg:1", Percent: 60, UpdateID: "5"}
	first, _, applied, err := s.ApplyReport(ctx, bot.ReportStep{Add: &orig, UpdateID: "5"})
	if err != nil || !applied {
		t.Fatal(applied, err)
	}
	dup := orig
	r, a, applied, err := s.ApplyReport(ctx, bot.ReportStep{Add: &dup, UpdateID: "5"})
	if err != nil || applied || r.ID != first.ID || a.Code != "A1" {
		t.Fatalf("redelivered report = %+v, %+v, %v, %v; want the first, not applied", r, a, applied, err)
	}
	fixed := bot.Report{Code: "A1", UserID: "tg:1", Percent: 80}
	r, _, applied, err = s.ApplyReport(ctx, bot.ReportStep{Add: &fixed, Withdraw: &first, Audit: bot.Audit{Action: bot.ActReportCorrect, Report: bot.NewReportID}, UpdateID: "6"})
	if err != nil || !applied {
		t.Fatalf("correction: %v, %v", applied, err)
	}
	all, _ := s.Reports(ctx)
	latest, _ := s.Latest(ctx)
	if len(all) != 2 || all[1].Percent != 80 || latest["A1"].ID != r.ID {
		t.Fatalf("after the correction: %+v, latest %+v", all, latest["A1"])
	}
	hist, _ := s.History(ctx, "")
	if last := hist[len(hist)-1]; last.Report != r.ID {
		t.Fatalf("the audit names report %q, want the new id %q", last.Report, r.ID)
	}
	if _, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Add: &fixed, Withdraw: &first, UpdateID: "7"}); !errors.Is(err, bot.ErrReportGone) {
		t.Fatalf("correcting a report already replaced: %v", err)
	}
	if n, _ := s.Reports(ctx); len(n) != 2 {
		t.Fatalf("a refused correction changed the reports: %+v", n)
	}
	// Withdrawing the latest makes the one before it (by anyone) the latest.
	if _, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Withdraw: &r}); err != nil {
		t.Fatal(err)
	}
	if latest, _ := s.Latest(ctx); latest["A1"].UserID != "tg:2" || latest["A1"].Percent != 10 {
		t.Fatalf("latest after withdrawing the latest: %+v", latest)
	}
	only, _, _ := s.FindReport(ctx, "A1", func(bot.Report) bool { return true })
	if _, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Withdraw: &only}); err != nil {
		t.Fatal(err)
	}
	if latest, _ := s.Latest(ctx); len(latest) != 0 {
		t.Fatalf("latest after withdrawing the only report: %+v", latest)
	}
}

func TestOccurrencesHaveTheirOwnLatest(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	addReport(t, s, bot.Report{Code: "GB", UserID: "tg:1", Percent: 100, Occ: "2026-11-30"})
	w := addReport(t, s, bot.Report{Code: "GB", UserID: "tg:1", Percent: 40, Occ: "2026-12-07"})
	latest, _ := s.Latest(ctx)
	if latest[bot.LatestKey("GB", "2026-11-30")].Percent != 100 || latest[bot.LatestKey("GB", "2026-12-07")].Percent != 40 {
		t.Fatalf("latest = %+v", latest)
	}
	if _, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Withdraw: &w}); err != nil {
		t.Fatal(err)
	}
	latest, _ = s.Latest(ctx)
	if _, ok := latest[bot.LatestKey("GB", "2026-12-07")]; ok || latest[bot.LatestKey("GB", "2026-11-30")].Percent != 100 {
		t.Fatalf("withdrawing one occurrence's report touched the other: %+v", latest)
	}
}

func TestGroupSteps(t *testing.T) {
	s, q := newQueued(t)
	ctx := context.Background()
	req := bot.GroupRequest{ChatID: "tg:-100", Title: "Đồn", By: "tg:4", At: time.Now()}
	if approved, err := s.RequestGroup(ctx, req, bot.Audit{Action: bot.ActGroupRequest}); err != nil || approved {
		t.Fatalf("request = %v, %v", approved, err)
	}
	if rqs, _ := s.GroupRequests(ctx); len(rqs) != 1 || rqs[0].Title != "Đồn" {
		t.Fatalf("requests = %+v", rqs)
	}
	if acc, _ := s.Access(ctx, "tg:4", ""); len(acc.Groups) != 0 {
		t.Fatalf("a requested group counts as approved: %+v", acc.Groups)
	}
	if changed, err := s.ApproveGroup(ctx, bot.SubscribedGroup{ChatID: "tg:-100", Title: "Đồn"}, bot.Audit{Action: bot.ActGroupApprove}); err != nil || !changed {
		t.Fatalf("approve = %v, %v", changed, err)
	}
	if changed, _ := s.ApproveGroup(ctx, bot.SubscribedGroup{ChatID: "tg:-100", Title: "Đồn"}, bot.Audit{}); changed {
		t.Fatal("approving twice changed something")
	}
	if approved, _ := s.RequestGroup(ctx, req, bot.Audit{}); !approved {
		t.Fatal("a request of an approved group was recorded")
	}
	if rqs, _ := s.GroupRequests(ctx); len(rqs) != 0 {
		t.Fatalf("requests after approval = %+v", rqs)
	}
	for i := 0; i < 2; i++ {
		if _, err := q.Add(ctx, scheduler.Reminder{ChatID: "-100", Kind: "text", Text: "x", At: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	removed, n, err := s.RemoveGroup(ctx, "tg:-100", bot.Audit{Action: bot.ActGroupRemove})
	if err != nil || !removed || n != 2 {
		t.Fatalf("remove = %v, %d, %v; want removed with 2 reminders", removed, n, err)
	}
	if rs, _ := q.List(ctx, "-100"); len(rs) != 0 {
		t.Fatalf("reminders left: %+v", rs)
	}
	if removed, n, _ := s.RemoveGroup(ctx, "tg:-100", bot.Audit{}); removed || n != 0 {
		t.Fatal("removing twice did something")
	}
	hist, _ := s.History(ctx, "")
	if len(hist) != 3 {
		t.Fatalf("audit has %d entries, want request, approve, remove", len(hist))
	}
}

func TestAccessReadsTheActivity(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.SaveActivity(ctx, bot.Activity{Code: "A1", Title: "x"}, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetReporter(ctx, "tg:9", "Đồn", false, bot.Audit{Action: bot.ActMemberAdd}); err != nil {
		t.Fatal(err)
	}
	acc, err := s.Access(ctx, "tg:9", "a1")
	if err != nil || !acc.Found || acc.Activity.Code != "A1" || !acc.Added || acc.Unit != "Đồn" {
		t.Fatalf("access = %+v, %v", acc, err)
	}
	if acc, _ := s.Access(ctx, "tg:8", "Q1"); acc.Found || acc.Added {
		t.Fatalf("access of a stranger to a missing code = %+v", acc)
	}
	if err := s.SetReporter(ctx, "tg:9", "", true, bot.Audit{Action: bot.ActMemberRemove}); err != nil {
		t.Fatal(err)
	}
	if acc, _ := s.Access(ctx, "tg:9", ""); acc.Added {
		t.Fatal("a removed reporter is still added")
	}
}

func TestActivitiesOrderAndCodes(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	day := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	for _, a := range []bot.Activity{
		{Code: "T5", Title: "given code first", At: day},
		{Title: "auto", At: day},
		{Code: "A10", Title: "a10", At: day},
		{Code: "B2", Title: "earlier", At: day.Add(-time.Hour)},
		{Code: "A3", Title: "a3", At: day},
	} {
		got, err := s.SaveActivity(ctx, a, true)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title == "auto" && got.Code != "A1" {
			t.Fatalf("the first automatic code after a given one is %s, want A1", got.Code)
		}
	}
	acts, err := s.Activities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, a := range acts {
		codes = append(codes, a.Code)
	}
	if got, want := strings.Join(codes, " "), "B2 A1 A3 A10 T5"; got != want {
		t.Fatalf("order = %s, want %s (by time, then codes naturally)", got, want)
	}
	// The counter skips codes taken by hand: A3 and A10 exist, so the next are A2, then A4.
	next := func() string {
		a, err := s.SaveActivity(ctx, bot.Activity{Title: "x", At: day}, true)
		if err != nil {
			t.Fatal(err)
		}
		return a.Code
	}
	if a, b := next(), next(); a != "A2" || b != "A4" {
		t.Fatalf("next automatic codes = %s, %s; want A2, A4", a, b)
	}
}
