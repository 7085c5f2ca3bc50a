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
func withdrawLast(t *testing.T, s *redisstore.Store, code string, user int64) (bot.Report, bool, error) {
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
	add := func(user int64, pct int) {
		addReport(t, s, bot.Report{Code: "A1", UserID: user, Percent: pct, At: at})
	}
	add(1, 10)
	add(2, 20)
	add(1, 30)
	add(2, 40)
	// User 1's last report (30) is not the latest (40): the latest stays.
	if r, ok, err := withdrawLast(t, s, "A1", 1); err != nil || !ok || r.Percent != 30 {
		t.Fatalf("withdraw = %+v, %v, %v", r, ok, err)
	}
	latest, _ := s.Latest(ctx)
	if latest["A1"].Percent != 40 {
		t.Fatalf("latest = %d, want 40", latest["A1"].Percent)
	}
	// User 2's last (40) is the latest: the newest left is user 2's 20.
	if _, _, err := withdrawLast(t, s, "A1", 2); err != nil {
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
	if _, err := s.Begin(context.Background(), 1, 1, 1); !errors.Is(err, bot.ErrStoreDown) {
		t.Fatalf("Begin on a dead Redis: %v, want ErrStoreDown", err)
	}
	if err := s.SetLang(context.Background(), 1, "vi"); !errors.Is(err, bot.ErrStoreDown) {
		t.Fatalf("SetLang on a dead Redis: %v, want ErrStoreDown", err)
	}
}

func TestWithdrawFindsAReportPagesBack(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for _, r := range []bot.Report{{Code: "A1", UserID: 2, Percent: 10}, {Code: "A1", UserID: 1, Percent: 30}} {
		r.At = at
		addReport(t, s, r)
	}
	for i := 0; i < 450; i++ { // more than two pages of other activities' reports
		addReport(t, s, bot.Report{Code: "B1", UserID: 3, Percent: i % 100, At: at})
	}
	r, ok, err := withdrawLast(t, s, "A1", 1)
	if err != nil || !ok || r.Percent != 30 {
		t.Fatalf("withdraw = %+v, %v, %v; want the 30%% report", r, ok, err)
	}
	latest, _ := s.Latest(ctx)
	if latest["A1"].Percent != 10 || latest["A1"].UserID != 2 {
		t.Fatalf("latest of A1 = %+v, want user 2's 10%%", latest["A1"])
	}
}
