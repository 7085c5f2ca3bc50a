package chat

import (
	"context"
	"errors"

	"github.com/coordbot/coordbot/bot"
)

// The send path: every message the bot sends goes through send, which keeps the bot's view of
// the chat in step with what the platform answers.

// send delivers r and keeps the bot's view of the chat in step with what Telegram answers: a
// group that removed the bot is unsubscribed; when a group became a supergroup, its state moves
// to the new id and r is sent there.
func (b *Bot) send(ctx context.Context, r Reply) (Sent, error) {
	sent, err := b.cfg.Sender.Send(ctx, r)
	var mig *MigratedError
	switch {
	case errors.Is(err, ErrChatGone) && b.isGroupChat(ctx, r.ChatID):
		b.log.Info("group removed the bot; unsubscribing it", "chat", r.ChatID)
		if _, _, uerr := b.cfg.Store.RemoveGroup(ctx, r.ChatID, bot.Audit{At: b.cfg.Now(), ByName: "coordbot", Action: bot.ActGroupRemove, Chat: r.ChatID, Reason: "nhóm đã xóa bot khỏi nhóm"}); uerr != nil {
			b.log.Warn("could not unsubscribe a gone group", "chat", r.ChatID, "err", uerr)
		}
		return sent, err
	case !errors.As(err, &mig):
		return sent, err
	}
	if err := b.migrate(ctx, mig.From, mig.To); err != nil {
		return sent, err
	}
	r.ChatID = mig.To
	return b.cfg.Sender.Send(ctx, r)
}

// isGroupChat says whether a chat whose send reported it gone was a subscribed group, whose
// subscription must end: a Telegram group's id is negative; a Zalo chat cannot be told from its
// id, so only a Zalo chat among the approved groups counts — a private chat is never treated as
// a group, and its gone-ness cancels nothing.
func (b *Bot) isGroupChat(ctx context.Context, id bot.ID) bool {
	if n, ok := id.Telegram(); ok {
		return n < 0
	}
	if id.Platform() != bot.PlatformZalo {
		return false
	}
	gs, err := b.cfg.Store.Groups(ctx)
	if err != nil {
		b.log.Warn("could not tell whether a gone Zalo chat was a group", "chat", id, "err", err)
		return false
	}
	for _, g := range gs {
		if g.ChatID == id {
			return true
		}
	}
	return false
}
