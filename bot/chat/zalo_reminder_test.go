package chat_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/zalo"
	"github.com/coordbot/coordbot/bot/zalotest"
	"github.com/coordbot/coordbot/internal/redistest"
)

// zaloHarness is the harness with the real Zalo transport, against the stand-in written from
// Zalo's documents, as the sender for zl: chats.
func zaloHarness(t *testing.T, boss bot.ID) (*harness, *zalotest.Server) {
	t.Helper()
	srv := zalotest.NewServer(zalotest.WithCanJoinGroups(true))
	t.Cleanup(srv.Close)
	c, err := zalo.Dial(context.Background(), zalo.Config{APIURL: srv.URL(), Token: srv.Token(),
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	rdb, prefix := redistest.Client(t)
	tr := zalo.NewTransport(c, zalo.TransportConfig{Memory: zalo.NewMemory(rdb, prefix)})
	h := newHarness(t, func(cfg *chat.Config) {
		cfg.Sender = chat.Senders{bot.PlatformTelegram: cfg.Sender, bot.PlatformZalo: tr}
		cfg.Admins[boss] = true
	})
	return h, srv
}

// TestZalo403OnAReminderKeepsTheGroup: Zalo's error table makes 403 an internal server error. A
// reminder to a subscribed Zalo group that meets a 403 is sent on the transport's retry, and the
// group stays subscribed; a 403 that lasts through every retry loses that reminder but still
// never unsubscribes the group (it used to, as if the group had removed the bot).
func TestZalo403OnAReminderKeepsTheGroup(t *testing.T) {
	boss, group := bot.ZaloID("boss01"), bot.ZaloID("grp01")
	h, srv := zaloHarness(t, boss)
	h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn nghiệp vụ dân vận | nd 4")
	h.say(admin, admin, "/hoatdong them 07/12/2026 08:00 Họp giao ban | nd 4")
	h.nextUpd++
	h.handle(chat.Update{ID: bot.UpdateKey("zl:sub1"), ChatID: group, ChatKind: chat.Group, ChatTitle: "Tổ dân vận",
		From: chat.User{ID: boss, FirstName: "Trưởng nhóm"}, Text: "/dangky"})
	subscribed := func() bool {
		t.Helper()
		gs, err := h.store.Groups(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gs {
			if g.ChatID == group {
				return true
			}
		}
		return false
	}
	if !subscribed() {
		t.Fatalf("the Zalo group did not subscribe; it was sent %+v", srv.SentTo("grp01"))
	}
	before := len(srv.SentTo("grp01"))

	// 04/12 08:00, a day before A1: its reminder meets one 403, then goes through.
	srv.FailNext("sendMessage", 403)
	h.advance(8*24*time.Hour - time.Hour)
	sent := srv.SentTo("grp01")[before:]
	if len(sent) == 0 || !strings.Contains(sent[0].Text, "A1") {
		t.Fatalf("after a 403 the group was sent %+v; want A1's reminder on the retry", sent)
	}
	if !subscribed() {
		t.Fatal("a 403 unsubscribed the Zalo group")
	}

	// 06/12 08:00: A2's reminder meets 403s through every retry; the group stays.
	srv.FailNext("sendMessage", 403, 403, 403, 403, 403, 403, 403, 403, 403, 403)
	h.advance(2 * 24 * time.Hour)
	if !subscribed() {
		t.Fatal("lasting 403s unsubscribed the Zalo group")
	}
}
