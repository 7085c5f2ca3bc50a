package telegram_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/telegramtest"
)

func TestWebhookHandler(t *testing.T) {
	f := setup(t)
	f.srv.SendText(lan, telegramtest.Private(lan), "xin chào")
	f.srv.SendText(lan, telegramtest.Private(lan), "lỗi")
	body := f.srv.PendingJSON()
	rec := &recorder{}
	h := f.client.WebhookHandler("s3cret", func(ctx context.Context, u chat.Update) error {
		rec.add(u)
		if u.Text == "lỗi" {
			return errors.New("store down")
		}
		return nil
	})
	cases := []struct {
		name   string
		method string
		secret string
		body   []byte
		want   int
	}{
		{"refuses a missing secret", "POST", "", body[0], 401},
		{"refuses a wrong secret", "POST", "s3cre", body[0], 401},
		{"refuses GET", "GET", "s3cret", nil, 405},
		{"refuses a body that is not an update", "POST", "s3cret", []byte("{"), 400},
		{"handles an update", "POST", "s3cret", body[0], 200},
		{"asks for redelivery when the handler fails", "POST", "s3cret", body[1], 500},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(c.method, "/telegram", bytes.NewReader(c.body))
			if c.secret != "" {
				r.Header.Set("X-Telegram-Bot-Api-Secret-Token", c.secret)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != c.want {
				t.Errorf("status %d, want %d", w.Code, c.want)
			}
		})
	}
	if got := rec.get(); len(got) != 2 || got[0].Text != "xin chào" {
		t.Errorf("handled %+v; only authenticated updates may reach the handler", got)
	}
	open := f.client.WebhookHandler("", func(context.Context, chat.Update) error { return nil })
	r := httptest.NewRequest("POST", "/telegram", bytes.NewReader(body[0]))
	w := httptest.NewRecorder()
	open.ServeHTTP(w, r)
	if w.Code != http.StatusUnauthorized {
		t.Errorf("an empty secret must refuse, got %d", w.Code)
	}
}
