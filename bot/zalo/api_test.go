package zalo_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/zalo"
	"github.com/coordbot/coordbot/bot/zalotest"
	"go.uber.org/goleak"
)

// The redis-server a test may start (without REDIS_URL) is waited for by a goroutine that lives
// as long as the test binary.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("github.com/coordbot/coordbot/internal/redistest.startServer.func1"))
}

// noSleep records backoff waits instead of sleeping.
type noSleep struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (n *noSleep) sleep(ctx context.Context, d time.Duration) error {
	n.mu.Lock()
	n.waits = append(n.waits, d)
	n.mu.Unlock()
	return ctx.Err()
}

func dial(t testing.TB, srv *zalotest.Server, cfg zalo.Config) *zalo.Client {
	t.Helper()
	cfg.APIURL = srv.URL()
	if cfg.Token == "" {
		cfg.Token = srv.Token()
	}
	if cfg.PollTimeout == 0 {
		cfg.PollTimeout = time.Second
	}
	c, err := zalo.Dial(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(c.Close)
	return c
}

func TestDialReadsMe(t *testing.T) {
	srv := zalotest.NewServer(zalotest.WithCanJoinGroups(false))
	defer srv.Close()
	c := dial(t, srv, zalo.Config{})
	if me := c.Me(); me.ID == "" || me.CanJoinGroups {
		t.Fatalf("Me() = %+v, want an id and can_join_groups false", me)
	}
}

func TestRefusedTokenIsUnauthorized(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	var logs bytes.Buffer
	_, err := zalo.Dial(context.Background(), zalo.Config{APIURL: srv.URL(), Token: "1:wrong-secret-token",
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if !errors.Is(err, zalo.ErrUnauthorized) {
		t.Fatalf("Dial with a wrong token: %v, want ErrUnauthorized", err)
	}
	if strings.Contains(err.Error()+logs.String(), "wrong-secret-token") {
		t.Fatalf("the token leaked: %v / %s", err, logs.String())
	}

	c := dial(t, srv, zalo.Config{})
	srv.Revoke()
	if _, err := c.SendMessage(context.Background(), "abc", "xin chào"); !errors.Is(err, zalo.ErrUnauthorized) {
		t.Fatalf("send after revoke: %v, want ErrUnauthorized", err)
	}
}

func TestSendRetriesServerErrorsOnly(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	ns := &noSleep{}
	c := dial(t, srv, zalo.Config{Sleep: ns.sleep, MaxAttempts: 4})
	ctx := context.Background()

	srv.FailNext("sendMessage", 502, 500)
	s, err := c.SendMessage(ctx, "chat1", "Nhắc việc")
	if err != nil || s.MessageID == "" {
		t.Fatalf("send after two 5xx: %+v, %v", s, err)
	}
	if got := srv.SentTo("chat1"); len(got) != 1 || got[0].Text != "Nhắc việc" {
		t.Fatalf("sent = %+v, want the text once", got)
	}
	if len(ns.waits) != 2 {
		t.Fatalf("backoff waits = %v, want 2", ns.waits)
	}

	srv.FailNext("sendMessage", 400)
	_, err = c.SendMessage(ctx, "chat1", "x")
	var ae *zalo.APIError
	if !errors.As(err, &ae) || ae.Code != 400 {
		t.Fatalf("a 400 is not retried and comes back as APIError: %v", err)
	}
	if n := srv.Calls("sendMessage"); n != 4 {
		t.Fatalf("sendMessage calls = %d, want 4 (3 for the first send, 1 for the 400)", n)
	}
}

func TestGetUpdateTimesOutAsNothing(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	c := dial(t, srv, zalo.Config{PollTimeout: time.Second})
	u, err := c.GetUpdate(context.Background())
	if err != nil || u != nil {
		t.Fatalf("empty poll = %v, %v; want nil, nil (408 is not an error)", u, err)
	}
	m := srv.Say("u1", "Lan", "chương trình kéo dài đến năm nào")
	u, err = c.GetUpdate(context.Background())
	if err != nil || u == nil || u.Message == nil {
		t.Fatalf("GetUpdate: %v, %v", u, err)
	}
	got := u.Message
	if got.MessageID != m.MessageID || got.Chat.ID != "u1" || got.Chat.ChatType != "PRIVATE" || got.From.Name() != "Lan" || got.Text != m.Text {
		t.Fatalf("message = %+v, want %+v", got, m)
	}
}

func TestWebhookSetAndDelete(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	c := dial(t, srv, zalo.Config{})
	ctx := context.Background()
	if err := c.DeleteWebhook(ctx); err != nil {
		t.Fatalf("deleteWebhook with none set must not fail: %v", err)
	}
	if err := c.SetWebhook(ctx, "https://bot.example.org/zalo", "short"); err == nil {
		t.Fatal("a secret under 8 characters was accepted")
	}
	if err := c.SetWebhook(ctx, "https://bot.example.org/zalo", "a-long-enough-secret"); err != nil {
		t.Fatal(err)
	}
	if srv.Webhook() == "" {
		t.Fatal("webhook not set on the server")
	}
	if err := c.DeleteWebhook(ctx); err != nil || srv.Webhook() != "" {
		t.Fatalf("deleteWebhook: %v, webhook %q", err, srv.Webhook())
	}
}

func TestSendPhotoNeedsAURL(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	c := dial(t, srv, zalo.Config{})
	ctx := context.Background()
	if _, err := c.SendPhoto(ctx, "chat1", "not a url", "Tiến độ"); err == nil {
		t.Fatal("a photo that is not a URL was accepted")
	}
	if _, err := c.SendPhoto(ctx, "chat1", "https://bot.example.org/f/abc.png", "Tiến độ"); err != nil {
		t.Fatal(err)
	}
	if got := srv.SentTo("chat1"); len(got) != 1 || got[0].Photo != "https://bot.example.org/f/abc.png" || got[0].Text != "Tiến độ" {
		t.Fatalf("sent = %+v", got)
	}
}
