package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"net/http"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/chatqueue"
)

// WebhookHandler serves Telegram's webhook requests. A request without the secret (compared in
// constant time) gets 401; an empty secret refuses every request, since a webhook anyone can call
// lets anyone speak as any user. Updates of one chat are handled one at a time, as when polling;
// Telegram may send them on parallel connections. The answer is sent after the handler returns: 200, or 500 when
// it failed, so that Telegram delivers the update again.
func (c *Client) WebhookHandler(secret string, handle func(context.Context, chat.Update) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		var u tgbotapi.Update
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&u); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		up, ok := convert(u)
		if !ok {
			w.WriteHeader(http.StatusOK)
			return
		}
		unlock := c.webhookChats.Lock(up.ChatID)
		err := chatqueue.Run(r.Context(), handle, up)
		unlock()
		if err != nil {
			c.log.Error("telegram: webhook update failed", "update", up.ID, "chat", up.ChatID, "err", err)
			http.Error(w, "handler failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
