package telegram_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/telegram"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/redistest"
)

// inboxClient dials srv with a durable inbox in a fresh Redis prefix.
func inboxClient(t *testing.T, srv *telegramtest.Server, backlog int, inbox bool) (*telegram.Client, *redisstore.Store) {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	store := redisstore.New(rdb, prefix, redisstore.WithBotID(1))
	cfg := telegram.Config{Token: srv.Token(), APIURL: srv.URL(), PollTimeout: time.Second, HTTPTimeout: 5 * time.Second,
		ShutdownGrace: 300 * time.Millisecond, Logger: slog.New(slog.DiscardHandler), ChatBacklog: backlog}
	if inbox {
		cfg.Inbox = redisstore.NewInbox(store, chat.UpdateKeyOf)
	}
	c, err := telegram.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c, store
}

// TestPollDoesNotWaitForAFloodingChat: while one group has more updates waiting than a getUpdates
// batch holds, a private question sent after them is handled (before, the offset stayed at the
// group's oldest update in flight, so the question was never even fetched until the group's
// backlog was done).
func TestPollDoesNotWaitForAFloodingChat(t *testing.T) {
	srv := telegramtest.New()
	t.Cleanup(srv.Close)
	c, _ := inboxClient(t, srv, 500, true)
	group := telegramtest.Group(-100, "Tổ công tác")
	for i := range 150 {
		srv.SendText(minh, group, "/tiendo "+strings.Repeat("x", i%3))
	}
	srv.SendText(lan, telegramtest.Private(lan), "Hạn nộp báo cáo là khi nào?")
	release := make(chan struct{})
	private := make(chan chat.Update, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- c.Poll(ctx, func(ctx context.Context, u chat.Update) error {
			if u.ChatID == bot.TelegramID(lan.ID) {
				private <- u
				return nil
			}
			select { // the group is slow: each of its commands waits for the group's send limit
			case <-release:
			case <-ctx.Done():
			}
			return nil
		})
	}()
	defer func() { cancel(); <-done }()
	defer close(release)
	select {
	case <-private:
	case <-time.After(wait):
		t.Fatal("the private question waited behind the group's backlog")
	}
	if !srv.WaitFor(wait, func() bool { return srv.Confirmed() > 151 }) {
		t.Errorf("offset %d: updates stored in the inbox must be confirmed at once", srv.Confirmed())
	}
}

// TestPollRefusesAFloodPolitelyOnce: a chat past its backlog is told once, in Vietnamese, that
// it sends too fast, and what it sent past the bound is not handled.
func TestPollRefusesAFloodPolitelyOnce(t *testing.T) {
	srv := telegramtest.New()
	t.Cleanup(srv.Close)
	c, store := inboxClient(t, srv, 10, true)
	group := telegramtest.Group(-100, "Tổ công tác")
	for range 30 {
		srv.SendText(lan, group, "/kehoach")
	}
	release := make(chan struct{})
	rec := &recorder{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- c.Poll(ctx, func(ctx context.Context, u chat.Update) error {
			select {
			case <-release:
			case <-ctx.Done():
				return ctx.Err()
			}
			rec.add(u)
			return store.Finish(ctx, u.ID)
		})
	}()
	defer func() { cancel(); <-done }()
	sent, ok := srv.WaitSentTo(wait, -100, 1)
	if !ok {
		t.Fatal("the flooding group was not told")
	}
	if !strings.Contains(sent[0].Plain, "Bạn gửi nhanh quá") {
		t.Errorf("refusal %q", sent[0].Plain)
	}
	close(release)
	if !srv.WaitFor(wait, func() bool { return rec.len() >= 10 }) {
		t.Fatalf("handled %d", rec.len())
	}
	// The chat's backlog drains; nothing beyond the bound (10 waiting, 1 running) was kept.
	if !srv.WaitFor(wait, func() bool {
		in, _ := redisstore.NewInbox(store, chat.UpdateKeyOf).Inbox(context.Background())
		return len(in) == 0
	}) {
		t.Error("the inbox kept updates after they were handled")
	}
	if n := rec.len(); n > 11 {
		t.Errorf("handled %d of the flood, want at most the backlog (10) and the one running", n)
	}
	if n := len(srv.SentTo(-100)); n != 1 {
		t.Errorf("%d refusals, want one per flood", n)
	}
}

// downInbox is an inbox whose Redis is unreachable.
type downInbox struct{}

func (downInbox) Enqueue(context.Context, []chat.Update) error {
	return errors.New("dial tcp 127.0.0.1:6379: connect: connection refused")
}
func (downInbox) Inbox(context.Context) ([]chat.Update, error) { return nil, nil }

// TestPollWithoutItsInboxConfirmsAfterHandling: when a batch cannot be stored, its updates are
// still handled, and confirmed only once handled, as without an inbox (confirming them unstored
// would lose them on a crash).
func TestPollWithoutItsInboxConfirmsAfterHandling(t *testing.T) {
	srv := telegramtest.New()
	t.Cleanup(srv.Close)
	c, err := telegram.Dial(context.Background(), telegram.Config{Token: srv.Token(), APIURL: srv.URL(), PollTimeout: time.Second,
		HTTPTimeout: 5 * time.Second, ShutdownGrace: 300 * time.Millisecond, Logger: slog.New(slog.DiscardHandler), Inbox: downInbox{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	id := srv.SendText(lan, telegramtest.Private(lan), "xin chào")
	release := make(chan struct{})
	started := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- c.Poll(ctx, func(ctx context.Context, u chat.Update) error {
			close(started)
			select {
			case <-release:
			case <-ctx.Done():
			}
			return nil
		})
	}()
	defer func() { cancel(); <-done }()
	<-started
	// The loop polls again meanwhile (and gets the same update back): the unstored update in
	// flight holds the offset.
	if !srv.WaitFor(wait, func() bool { return srv.Calls("getUpdates") >= 2 }) {
		t.Fatal("the loop stopped polling")
	}
	if got := srv.Confirmed(); got > id {
		t.Fatalf("offset %d confirmed update %d, neither stored nor handled", got, id)
	}
	close(release)
	if !srv.WaitFor(wait, func() bool { return srv.Confirmed() > id }) {
		t.Errorf("offset %d after the update was handled", srv.Confirmed())
	}
}
