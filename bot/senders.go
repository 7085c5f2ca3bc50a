package bot

import (
	"context"
	"fmt"
)

// Senders routes each reply to the transport of its chat's platform ("tg", "zl"), so one bot
// serves Telegram and Zalo together.
type Senders map[string]Sender

// Send delivers r through the sender of r.ChatID's platform.
func (s Senders) Send(ctx context.Context, r Reply) (Sent, error) {
	sender, ok := s[r.ChatID.Platform()]
	if !ok {
		return Sent{}, fmt.Errorf("no transport for chat %q: %w", r.ChatID, ErrChatGone)
	}
	return sender.Send(ctx, r)
}
