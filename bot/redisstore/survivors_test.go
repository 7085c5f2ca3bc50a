package redisstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/scheduler"
)

// These tests were written for mutants that lived (gremlins unleash ./bot/redisstore): each
// checks a result the other tests did not look at.

// Groups are listed Telegram first, by chat id, then Zalo.
func TestGroupsOrderTelegramThenZalo(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	for _, id := range []bot.ID{bot.ZaloID("zzz"), "tg:-1002", bot.ZaloID("aaa"), "tg:-1001", "tg:-1003"} {
		if _, err := s.ApproveGroup(ctx, bot.SubscribedGroup{ChatID: id, Title: string(id)}, bot.Audit{Action: bot.ActGroupApprove}); err != nil {
			t.Fatal(err)
		}
	}
	gs, err := s.Groups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []bot.ID
	for _, g := range gs {
		got = append(got, g.ChatID)
	}
	want := []bot.ID{"tg:-1003", "tg:-1002", "tg:-1001", bot.ZaloID("aaa"), bot.ZaloID("zzz")}
	if len(got) != len(want) {
		t.Fatalf("groups %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("groups %v, want %v", got, want)
		}
	}
}

// Unsubscribing a group cancels the reminders set in it, and says how many, in the same step.
func TestRemoveGroupCancelsItsReminders(t *testing.T) {
	s, q := newQueued(t)
	ctx := context.Background()
	group := bot.ID("tg:-1005")
	if _, err := s.ApproveGroup(ctx, bot.SubscribedGroup{ChatID: group, Title: "Tổ 5"}, bot.Audit{Action: bot.ActGroupApprove}); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(48 * time.Hour).Truncate(time.Minute)
	for _, id := range []string{"1", "2"} {
		if _, err := q.Add(ctx, scheduler.Reminder{ID: id, ChatID: group.Key(), Text: "họp", At: at}); err != nil {
			t.Fatal(err)
		}
	}
	removed, n, err := s.RemoveGroup(ctx, group, bot.Audit{Action: bot.ActGroupRemove})
	if err != nil || !removed || n != 2 {
		t.Fatalf("RemoveGroup = %v, %d, %v; want removed with 2 reminders", removed, n, err)
	}
	if rs, _ := q.List(ctx, group.Key()); len(rs) != 0 {
		t.Errorf("reminders left in the group: %+v", rs)
	}
}

// ApplyReport returns the activity reported on, and withdrawing the latest report makes the one
// before it the latest again.
func TestApplyReportReturnsTheActivityAndWithdrawFallsBack(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.SaveActivity(ctx, bot.Activity{Code: "A1", Title: "Tập huấn"}, true); err != nil {
		t.Fatal(err)
	}
	first := addReport(t, s, bot.Report{Code: "A1", UserID: "tg:1", Name: "Lan", Percent: 30, At: time.Now()})
	r := bot.Report{Code: "A1", UserID: "tg:2", Name: "Minh", Percent: 60, At: time.Now()}
	_, a, applied, err := s.ApplyReport(ctx, bot.ReportStep{Add: &r, Audit: bot.Audit{Action: bot.ActReportAdd, Report: bot.NewReportID}})
	if err != nil || !applied || a.Title != "Tập huấn" {
		t.Fatalf("ApplyReport = %+v, %v, %v; want the activity back", a, applied, err)
	}
	if _, ok, err := withdrawLast(t, s, "A1", "tg:2"); !ok || err != nil {
		t.Fatalf("withdraw: %v %v", ok, err)
	}
	latest, _ := s.Latest(ctx)
	if got := latest["A1"]; got.Percent != 30 || got.ID != first.ID {
		t.Errorf("latest after the withdrawal = %+v, want the first report (%s, 30%%)", got, first.ID)
	}
}
