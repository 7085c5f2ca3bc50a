package redisstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/scheduler"
	"github.com/redis/go-redis/v9"
)

// TestStepsHoldOneConnection: every WATCH step (an activity with its reminders, a group's removal
// with the reminders set in it, replacing an activity's reminders) runs on a pool of one
// connection. A step that holds its WATCH connection and asks the pool for another waits for
// itself until the pool times out: under load that is every connection held by a step waiting
// for another, and "storage down" while Redis answers (issue 17).
func TestStepsHoldOneConnection(t *testing.T) {
	ctx := context.Background()
	big, prefix := redistest.Client(t) // deletes the test's keys at the end
	opt := *big.Options()
	opt.PoolSize, opt.PoolTimeout = 1, 300*time.Millisecond
	rdb := redis.NewClient(&opt)
	defer rdb.Close()
	q := scheduler.NewQueue(rdb, redisstore.ProgrammePrefix(prefix)+"sched:", time.UTC)
	s := redisstore.New(rdb, prefix, redisstore.WithQueue(q))

	at := time.Now().Add(72 * time.Hour).Truncate(time.Minute)
	a, _, err := s.ChangeActivity(ctx, bot.ActivityChange{Activity: bot.Activity{Title: "Tập huấn", At: at}, Create: true,
		Reminders: remindersFor(at, 24*time.Hour, time.Hour), Audit: bot.Audit{Action: bot.ActActivityAdd}})
	if err != nil {
		t.Fatalf("add: %v", err)
	}
	a.Title = "Tập huấn mới"
	if _, _, err := s.ChangeActivity(ctx, bot.ActivityChange{Activity: a, Reminders: remindersFor(at, time.Hour),
		Audit: bot.Audit{Action: bot.ActActivityEdit}}); err != nil {
		t.Fatalf("edit (reads the reminders it replaces): %v", err)
	}
	if rs, err := q.ListRef(ctx, "act:"+a.Code); err != nil || len(rs) != 1 {
		t.Fatalf("after the edit: %+v, %v; want one reminder", rs, err)
	}
	if err := q.ReplaceRef(ctx, "act:"+a.Code, []scheduler.Reminder{{ID: a.Code + "-9", ChatID: "x", Kind: "activity",
		Ref: "act:" + a.Code, At: at.Add(-2 * time.Hour)}}); err != nil {
		t.Fatalf("ReplaceRef: %v", err)
	}
	grp := bot.TelegramID(-100123)
	if _, err := s.ApproveGroup(ctx, bot.SubscribedGroup{ChatID: grp, Title: "Đồn"}, bot.Audit{Action: bot.ActGroupApprove}); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Add(ctx, scheduler.Reminder{ChatID: grp.Key(), Kind: "text", Text: "họp", At: at}); err != nil {
		t.Fatal(err)
	}
	removed, n, err := s.RemoveGroup(ctx, grp, bot.Audit{Action: bot.ActGroupRemove})
	if err != nil || !removed || n != 1 {
		t.Fatalf("RemoveGroup = %v, %d, %v; want removed with its 1 reminder", removed, n, err)
	}
}
