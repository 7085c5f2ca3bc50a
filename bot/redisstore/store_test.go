package redisstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/redis/go-redis/v9"
)

func newStore(t *testing.T) *redisstore.Store {
	rdb, prefix := redistest.Client(t)
	return redisstore.New(rdb, prefix)
}

// addReport stores r on its activity, adding the activity first if needed.
func addReport(t *testing.T, s *redisstore.Store, r bot.Report) bot.Report {
	t.Helper()
	ctx := context.Background()
	if _, ok, _ := s.Activity(ctx, r.Code); !ok {
		if _, err := s.SaveActivity(ctx, bot.Activity{Code: r.Code, Title: "x"}, true); err != nil {
			t.Fatal(err)
		}
	}
	r, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Add: &r, Audit: bot.Audit{Action: bot.ActReportAdd, Report: bot.NewReportID}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// withdrawLast withdraws user's last report on code.
func withdrawLast(t *testing.T, s *redisstore.Store, code string, user bot.ID) (bot.Report, bool, error) {
	t.Helper()
	ctx := context.Background()
	r, ok, err := s.FindReport(ctx, code, func(r bot.Report) bool { return r.UserID == user })
	if err != nil || !ok {
		return r, ok, err
	}
	_, _, _, err = s.ApplyReport(ctx, bot.ReportStep{Withdraw: &r, Audit: bot.Audit{Action: bot.ActReportWithdraw}})
	return r, err == nil, err
}

func TestConcurrentAddsGetDistinctCodes(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := s.SaveActivity(ctx, bot.Activity{Title: "x", Status: bot.Planned}, true)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if seen[a.Code] {
				t.Errorf("code %s given twice", a.Code)
			}
			seen[a.Code] = true
		}()
	}
	wg.Wait()
	all, err := s.Activities(ctx)
	if err != nil || len(all) != 40 {
		t.Fatalf("stored %d activities, %v; want 40", len(all), err)
	}
	if _, err := s.SaveActivity(ctx, bot.Activity{Code: all[0].Code}, true); !errors.Is(err, bot.ErrExists) {
		t.Fatalf("re-adding %s: %v, want ErrExists", all[0].Code, err)
	}
}

func TestWithdrawKeepsOthersLatest(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	add := func(user bot.ID, pct int) {
		addReport(t, s, bot.Report{Code: "A1", UserID: user, Percent: pct, At: at})
	}
	add("tg:1", 10)
	add("tg:2", 20)
	add("tg:1", 30)
	add("tg:2", 40)
	// User 1's last report (30) is not the latest (40): the latest stays.
	if r, ok, err := withdrawLast(t, s, "A1", "tg:1"); err != nil || !ok || r.Percent != 30 {
		t.Fatalf("withdraw = %+v, %v, %v", r, ok, err)
	}
	latest, _ := s.Latest(ctx)
	if latest["A1"].Percent != 40 {
		t.Fatalf("latest = %d, want 40", latest["A1"].Percent)
	}
	// User 2's last (40) is the latest: the newest left is user 2's 20.
	if _, _, err := withdrawLast(t, s, "A1", "tg:2"); err != nil {
		t.Fatal(err)
	}
	latest, _ = s.Latest(ctx)
	if latest["A1"].Percent != 20 {
		t.Fatalf("latest = %d, want 20", latest["A1"].Percent)
	}
	all, _ := s.Reports(ctx)
	if len(all) != 2 {
		t.Fatalf("%d reports left, want 2", len(all))
	}
}

func TestStoreDownIsReported(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 100 * time.Millisecond})
	defer rdb.Close()
	s := redisstore.New(rdb, "x:")
	if _, err := s.Begin(context.Background(), "1", "tg:1", "tg:1", ""); !errors.Is(err, bot.ErrStoreDown) {
		t.Fatalf("Begin on a dead Redis: %v, want ErrStoreDown", err)
	}
	if err := s.SetLang(context.Background(), "tg:1", "vi"); !errors.Is(err, bot.ErrStoreDown) {
		t.Fatalf("SetLang on a dead Redis: %v, want ErrStoreDown", err)
	}
}

func TestWithdrawFindsAReportPagesBack(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, r := range []bot.Report{{Code: "A1", UserID: "tg:2", Percent: 10}, {Code: "A1", UserID: "tg:1", Percent: 30}} {
		r.At = at
		addReport(t, s, r)
	}
	for i := 0; i < 450; i++ { // more than two pages of other activities' reports
		addReport(t, s, bot.Report{Code: "B1", UserID: "tg:3", Percent: i % 100, At: at})
	}
	r, ok, err := withdrawLast(t, s, "A1", "tg:1")
	if err != nil || !ok || r.Percent != 30 {
		t.Fatalf("withdraw = %+v, %v, %v; want the 30%% report", r, ok, err)
	}
	latest, _ := s.Latest(ctx)
	if latest["A1"].Percent != 10 || latest["A1"].UserID != "tg:2" {
		t.Fatalf("latest of A1 = %+v, want user 2's 10%%", latest["A1"])
	}
}

func TestMigrateKeysMovesOldNames(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	ctx := context.Background()
	// Data as an earlier version wrote it.
	rdb.HSet(ctx, prefix+"act", "A1", `{"code":"A1","title":"Cũ","status":"planned","updated":"2026-11-01T00:00:00Z"}`)
	rdb.HSet(ctx, prefix+"groups", "-100", "Nhóm cũ")
	rdb.HSet(ctx, prefix+"sched:{sched}:r:7", "chat", "-100", "kind", "text", "at", "1")
	rdb.ZAdd(ctx, prefix+"sched:{sched}:due", redis.Z{Score: 1, Member: "7"})
	moved, err := redisstore.MigrateKeys(ctx, rdb, prefix)
	if err != nil || moved != 4 {
		t.Fatalf("MigrateKeys = %d, %v; want 4 keys moved", moved, err)
	}
	s := redisstore.New(rdb, prefix)
	if a, ok, err := s.Activity(ctx, "A1"); err != nil || !ok || a.Title != "Cũ" {
		t.Fatalf("activity after the move: %+v %v %v", a, ok, err)
	}
	if gs, _ := s.Groups(ctx); len(gs) != 1 || gs[0].Title != "Nhóm cũ" {
		t.Fatalf("groups after the move: %+v", gs)
	}
	if n, _ := rdb.ZCard(ctx, redisstore.ProgrammePrefix(prefix)+"sched:{sched}:due").Result(); n != 1 {
		t.Fatalf("the due queue was not moved: %d", n)
	}
	if n, _ := rdb.Exists(ctx, prefix+"act", prefix+"sched:{sched}:due").Result(); n != 0 {
		t.Fatalf("%d old keys left", n)
	}
	if moved, err := redisstore.MigrateKeys(ctx, rdb, prefix); err != nil || moved != 0 {
		t.Fatalf("a second run moved %d, %v", moved, err)
	}
}

func TestUpdateClaimsArePerBot(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	ctx := context.Background()
	a, b := redisstore.New(rdb, prefix, redisstore.WithBotID(111)), redisstore.New(rdb, prefix, redisstore.WithBotID(222))
	if s, err := a.Begin(ctx, "5", "tg:1", "tg:1", ""); err != nil || s.Seen {
		t.Fatalf("bot A: %+v %v", s, err)
	}
	if s, err := b.Begin(ctx, "5", "tg:1", "tg:1", ""); err != nil || s.Seen {
		t.Fatalf("bot B skipped update 5 that only bot A had: %+v %v", s, err)
	}
	if err := a.Finish(ctx, "5"); err != nil {
		t.Fatal(err)
	}
	if s, _ := a.Begin(ctx, "5", "tg:1", "tg:1", ""); !s.Seen {
		t.Fatal("bot A handled its update 5 twice")
	}
}
