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
	n    int
}

func (c *collector) handle(_ context.Context, m zalo.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil {
		c.seen = map[string][]string{}
	}
	c.seen[m.Chat.ID] = append(c.seen[m.Chat.ID], m.Text)
	c.n++
	return nil
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
	var col collector
	h := c.WebhookHandler("the-webhook-secret", col.handle)
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
	if col.count() != 1 {
		t.Fatalf("handled %d messages, want 1 (only the signed request)", col.count())
	}
	// An empty configured secret refuses everything.
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/zalo", bytes.NewBufferString(body))
	c.WebhookHandler("", col.handle).ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("empty secret: status %d, want 401", rec.Code)
	}
}

func TestServerPushesToTheWebhook(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	c := dial(t, srv, zalo.Config{})
	var col collector
	hook := httptest.NewServer(c.WebhookHandler("the-webhook-secret", col.handle))
	defer hook.Close()
	if err := c.SetWebhook(context.Background(), hook.URL, "the-webhook-secret"); err != nil {
		t.Fatal(err)
	}
	m := srv.Say("u1", "Lan", "/tiendo")
	srv.Redeliver(m)
	if col.count() != 2 || len(srv.WebhookErrors()) != 0 {
		t.Fatalf("handled %d, errors %v; want the message twice (deduplication is the bot's job)", col.count(), srv.WebhookErrors())
	}
}
