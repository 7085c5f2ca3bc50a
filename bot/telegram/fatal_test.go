package telegram_test

import (
	"context"
	"errors"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/telegram"
)

// TestUnauthorizedFromAnyCallIsFatal: a 401 on a send (not only on getUpdates) is reported on
// Fatal, so run can stop the process instead of failing every call forever.
func TestUnauthorizedFromAnyCallIsFatal(t *testing.T) {
	f := setup(t)
	select {
	case err := <-f.client.Fatal():
		t.Fatalf("fatal before any 401: %v", err)
	default:
	}
	f.srv.Revoke()
	if _, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(lan.ID), Text: "xin chào"}); err == nil {
		t.Fatal("a send with a revoked token succeeded")
	}
	select {
	case err := <-f.client.Fatal():
		if !errors.Is(err, telegram.ErrUnauthorized) {
			t.Errorf("fatal %v, want ErrUnauthorized", err)
		}
	default:
		t.Fatal("a 401 on a send was not reported as fatal")
	}
}

// TestRevokedTokenEndsPoll: the long poll in progress when the token is revoked ends Poll with an
// error naming the token.
func TestRevokedTokenEndsPoll(t *testing.T) {
	f := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- f.client.Poll(ctx, func(context.Context, chat.Update) error { return nil }) }()
	if !f.srv.WaitFor(wait, f.srv.Polling) {
		t.Fatal("never polled")
	}
	f.srv.Revoke()
	if err := <-done; err == nil {
		t.Fatal("Poll went on with a revoked token")
	}
}
