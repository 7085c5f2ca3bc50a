package zalo_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/zalo"
	"github.com/coordbot/coordbot/bot/zalotest"
)

// collector records handled messages per chat.
type collector struct {
	mu   sync.Mutex
	seen map[string][]string
	msgs []zalo.Message
	n    int
	got  chan struct{} // a value per message handled
}

func newCollector() *collector { return &collector{got: make(chan struct{}, 1000)} }

func (c *collector) handle(_ context.Context, m zalo.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil {
		c.seen = map[string][]string{}
	}
	c.seen[m.Chat.ID] = append(c.seen[m.Chat.ID], m.Text)
	c.msgs = append(c.msgs, m)
	c.n++
	if c.got != nil {
		c.got <- struct{}{}
	}
	return nil
}

// wait waits until n messages were handled (failing the test after a generous bound).
func (c *collector) wait(t testing.TB, n int) []zalo.Message {
	t.Helper()
	bound := time.NewTimer(10 * time.Second)
	defer bound.Stop()
	for c.count() < n {
		select {
		case <-c.got:
		case <-bound.C:
			t.Fatalf("handled %d messages, want %d", c.count(), n)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.msgs)
}

func (c *collector) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func TestPollKeepsEachChatsOrder(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	c := dial(t, srv, zalo.Config{PollTimeout: time.Second})
	var col collector
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Poll(ctx, 4, 5*time.Second, col.handle) }()

	want := map[string][]string{}
	for i := range 30 {
		chat := []string{"a", "b", "c"}[i%3]
		text := string(rune('0' + i/3))
		srv.Say(chat, "u", text)
		want[chat] = append(want[chat], text)
	}
	if !srv.WaitFor(10*time.Second, func() bool { return col.count() == 30 }) {
		t.Fatalf("handled %d of 30", col.count())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Poll: %v", err)
	}
	for chat, texts := range want {
		if !slices.Equal(col.seen[chat], texts) {
			t.Errorf("chat %s handled %v, want %v", chat, col.seen[chat], texts)
		}
	}
}

func TestPollStopsOnRevokedToken(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	c := dial(t, srv, zalo.Config{PollTimeout: time.Second})
	srv.Revoke()
	var col collector
	if err := c.Poll(context.Background(), 1, time.Second, col.handle); err == nil {
		t.Fatal("Poll went on with a revoked token")
	}
}

func TestWebhookChecksTheSecret(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	c := dial(t, srv, zalo.Config{})
	col := newCollector()
	h := c.NewWebhook("the-webhook-secret", 1, col.handle)
	body := `{"event_name":"message.text.received","message":{"message_id":"m1","date":1,"text":"xin chào","chat":{"id":"u1","chat_type":"PRIVATE"},"from":{"id":"u1","display_name":"Lan"}}}`
	for _, tc := range []struct {
		name, secret string
		want         int
	}{
		{"no secret", "", http.StatusUnauthorized},
		{"wrong secret", "the-webhook-secreT", http.StatusUnauthorized},
		{"right secret", "the-webhook-secret", http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/zalo", bytes.NewBufferString(body))
			if tc.secret != "" {
				req.Header.Set("X-Bot-Api-Secret-Token", tc.secret)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d", rec.Code, tc.want)
			}
		})
	}
	h.Close(5 * time.Second)
	if col.count() != 1 {
		t.Fatalf("handled %d messages, want 1 (only the signed request)", col.count())
	}
	// An empty configured secret refuses everything.
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/zalo", bytes.NewBufferString(body))
	empty := c.NewWebhook("", 1, col.handle)
	defer empty.Close(time.Second)
	empty.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("empty secret: status %d, want 401", rec.Code)
	}
}

func TestServerPushesToTheWebhook(t *testing.T) {
	srv, wh, col := webhookServer(t)
	m := srv.Say("u1", "Lan", "/tiendo")
	srv.Redeliver(m)
	wh.Close(5 * time.Second)
	if col.count() != 2 || len(srv.WebhookErrors()) != 0 {
		t.Fatalf("handled %d, errors %v; want the message twice (deduplication is the bot's job)", col.count(), srv.WebhookErrors())
	}
}

// webhookServer is a Zalo test server pushing to a webhook of a client on it (the secret set
// with setWebhook, two workers) whose handled messages col collects; everything is closed when
// the test ends.
func webhookServer(t *testing.T) (*zalotest.Server, *zalo.Webhook, *collector) {
	t.Helper()
	srv := zalotest.NewServer()
	t.Cleanup(srv.Close)
	c := dial(t, srv, zalo.Config{})
	col := newCollector()
	wh := c.NewWebhook("the-webhook-secret", 2, col.handle)
	hook := httptest.NewServer(wh)
	t.Cleanup(hook.Close)
	if err := c.SetWebhook(context.Background(), hook.URL, "the-webhook-secret"); err != nil {
		t.Fatal(err)
	}
	return srv, wh, col
}
