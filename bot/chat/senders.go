package chat

import (
	"context"
	"errors"
	"fmt"
)

// ErrNoTransport is returned for a chat whose platform this process does not run (Zalo without
// ZALO_BOT_TOKEN). It is not ErrChatGone: the chat still exists, and its subscription must stay.
var ErrNoTransport = errors.New("no transport for the chat's platform")

// Senders routes each reply to the transport of its chat's platform ("tg", "zl"), so one bot
// serves Telegram and Zalo together.
type Senders map[string]Sender

// Send delivers r through the sender of r.ChatID's platform.
func (s Senders) Send(ctx context.Context, r Reply) (Sent, error) {
	sender, ok := s[r.ChatID.Platform()]
	if !ok {
		return Sent{}, fmt.Errorf("chat %q: %w", r.ChatID, ErrNoTransport)
	}
	return sender.Send(ctx, r)
}
