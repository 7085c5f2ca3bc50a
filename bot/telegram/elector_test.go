package telegram_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/telegram"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/lease"
	"github.com/coordbot/coordbot/internal/redistest"
)

// TestPollersOnOneTokenStandBy: two clients on one token and one lease. Only the leader polls
// (no 409 at all), every update is handled once; when the leader stops, the standby takes over
// and handles what comes next.
func TestPollersOnOneTokenStandBy(t *testing.T) {
	srv := telegramtest.New()
	t.Cleanup(srv.Close)
	rdb, prefix := redistest.Client(t)
	logs := &syncBuffer{}
	rec := &recorder{}
	type poller struct {
		l    *lease.Lease
		stop func()
		done chan error
	}
	start := func(name string) *poller {
		log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})).With("p", name)
		l := lease.New(rdb, prefix+"poller", lease.Options{TTL: 3 * time.Second, Retry: 50 * time.Millisecond, ID: name, Logger: log})
		c, err := telegram.Dial(context.Background(), telegram.Config{
			Token: srv.Token(), APIURL: srv.URL(), PollTimeout: time.Second, HTTPTimeout: 5 * time.Second,
			Logger: log, ShutdownGrace: 2 * time.Second, Elector: l,
		})
		if err != nil {
			t.Fatalf("Dial: %v", err)
		}
		t.Cleanup(c.Close)
		ctx, cancel := context.WithCancel(context.Background())
		p := &poller{l: l, done: make(chan error, 1)}
		go func() {
			p.done <- c.Poll(ctx, func(ctx context.Context, u chat.Update) error { rec.add(u); return nil })
		}()
		p.stop = func() {
			cancel()
			if err := <-p.done; err != nil {
				t.Errorf("%s: Poll returned %v", name, err)
			}
		}
		return p
	}
	a := start("a")
	if !srv.WaitFor(wait, func() bool { return srv.Polling() }) {
		t.Fatal("nobody polls")
	}
	b := start("b")
	defer b.stop()
	for i := range 30 {
		u := telegramtest.User{ID: int64(100 + i), FirstName: "Cán bộ"}
		srv.SendText(u, telegramtest.Private(u), "câu hỏi")
	}
	if !srv.WaitFor(wait, func() bool { return rec.len() >= 30 }) {
		t.Fatalf("handled %d of 30 updates", rec.len())
	}
	if !a.l.Leading() || b.l.Leading() {
		t.Errorf("leading: a %v, b %v; want a only", a.l.Leading(), b.l.Leading())
	}

	a.stop() // releases the lease: b need not wait out the TTL
	srv.SendText(lan, telegramtest.Private(lan), "còn ai không")
	if !srv.WaitFor(wait, func() bool { return rec.len() >= 31 }) {
		t.Fatal("the standby did not take over")
	}
	if !b.l.Leading() {
		t.Error("b handles updates without leading")
	}
	seen := map[bot.UpdateKey]int{}
	for _, u := range rec.get() {
		seen[u.ID]++
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("update %s handled %d times", id, n)
		}
	}
	if l := logs.String(); strings.Contains(l, "another process is polling") || strings.Contains(l, "Conflict") || strings.Contains(l, "level=ERROR") {
		t.Errorf("two pollers met or something failed:\n%s", l)
	}
}
