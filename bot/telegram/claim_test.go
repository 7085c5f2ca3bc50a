package telegram_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/telegram"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/redistest"
)

// stallingSender passes replies to the client, except the first one, which it holds until the
// handler's context is cancelled: a handler cut off mid-way by the end of the shutdown grace.
type stallingSender struct {
	next    chat.Sender
	once    sync.Once
	stalled chan struct{}
}

func (s *stallingSender) Send(ctx context.Context, r chat.Reply) (chat.Sent, error) {
	first := false
	s.once.Do(func() { first = true })
	if first {
		close(s.stalled)
		<-ctx.Done()
		return chat.Sent{}, ctx.Err()
	}
	return s.next.Send(ctx, r)
}

// pollerWith dials srv as one bot process over store: the real tgbotapi client, the real bot.
func pollerWith(t *testing.T, srv *telegramtest.Server, store *redisstore.Store, inbox bool, wrap func(chat.Sender) chat.Sender) (*telegram.Client, *chat.Bot) {
	t.Helper()
	cfg := telegram.Config{Token: srv.Token(), APIURL: srv.URL(), PollTimeout: time.Second, HTTPTimeout: 5 * time.Second,
		ShutdownGrace: 300 * time.Millisecond, Logger: slog.New(slog.DiscardHandler)}
	if inbox {
		cfg.Inbox = redisstore.NewInbox(store, chat.UpdateKeyOf)
	}
	c, err := telegram.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	var out chat.Sender = c
	if wrap != nil {
		out = wrap(c)
	}
	b := chat.New(chat.Config{Programme: programme.Default(), Store: store, Sender: out, Username: "coordbot_test_bot"})
	return c, b
}

// TestCutOffUpdateHandledOnceByNextPoller: a handler cut off by the end of the shutdown grace
// leaves its update to the next poller, which handles it exactly once (before: the update's
// claim stayed, and the redelivery was skipped as already seen — the update was lost).
func TestCutOffUpdateHandledOnceByNextPoller(t *testing.T) {
	for _, mode := range []struct {
		name  string
		inbox bool
	}{{"confirmed after handling", false}, {"durable inbox", true}} {
		t.Run(mode.name, func(t *testing.T) {
			srv := telegramtest.New()
			t.Cleanup(srv.Close)
			rdb, prefix := redistest.Client(t)
			store := redisstore.New(rdb, prefix, redisstore.WithBotID(1))
			chatID := telegramtest.Private(lan)
			srv.SendText(lan, chatID, "/help")

			stall := &stallingSender{stalled: make(chan struct{})}
			c1, b1 := pollerWith(t, srv, store, mode.inbox, func(next chat.Sender) chat.Sender { stall.next = next; return stall })
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- c1.Poll(ctx, b1.Handle) }()
			select {
			case <-stall.stalled:
			case <-time.After(wait):
				t.Fatal("the first poller never handled the update")
			}
			cancel() // shutdown: the grace runs out while the handler is still sending
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if n := len(srv.SentTo(lan.ID)); n != 0 {
				t.Fatalf("the cut-off handler sent %d messages", n)
			}

			c2, b2 := pollerWith(t, srv, store, mode.inbox, nil)
			ctx2, cancel2 := context.WithCancel(context.Background())
			done2 := make(chan error, 1)
			go func() { done2 <- c2.Poll(ctx2, b2.Handle) }()
			t.Cleanup(func() { cancel2(); <-done2 })
			help, ok := srv.WaitSentTo(wait, lan.ID, 1)
			if !ok {
				t.Fatal("the next poller did not handle the update the first one was cut off in")
			}
			// A later update of the same chat is handled after it (one chat, in order): once its
			// answer is in, a second handling of /help would have shown.
			srv.SendText(lan, chatID, "/lang en")
			sent, ok := srv.WaitSentTo(wait, lan.ID, 2)
			if !ok {
				t.Fatalf("the second update was not answered: %+v", sent)
			}
			n := 0
			for _, s := range srv.SentTo(lan.ID) {
				if s.Text == help[0].Text {
					n++
				}
			}
			if n != 1 {
				t.Errorf("/help answered %d times, want exactly once", n)
			}
		})
	}
}
