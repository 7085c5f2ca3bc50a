package bot

import (
	"context"
	"errors"
)

var msgMigrated = msg{"Nhóm đã được nâng cấp thành siêu nhóm; đăng ký và lời nhắc của nhóm được giữ nguyên.", "The group became a supergroup; its subscription and reminders carry over."}

// send delivers r and keeps the bot's view of the chat in step with what Telegram answers: a
// group that removed the bot is unsubscribed; when a group became a supergroup, its state moves
// to the new id and r is sent there.
func (b *Bot) send(ctx context.Context, r Reply) (Sent, error) {
	sent, err := b.cfg.Sender.Send(ctx, r)
	var mig *MigratedError
	switch {
	case errors.Is(err, ErrChatGone) && isGroupChat(r.ChatID):
		b.log.Info("group removed the bot; unsubscribing it", "chat", r.ChatID)
		if _, _, uerr := b.cfg.Store.RemoveGroup(ctx, r.ChatID, Audit{At: b.cfg.Now(), ByName: "coordbot", Action: ActGroupRemove, Chat: r.ChatID, Reason: "nhóm đã xóa bot khỏi nhóm"}); uerr != nil {
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

// migrate moves a group's subscription and reminders from its old id to its supergroup id.
// Doing it twice (the service message and a refused send both report it) is harmless.
func (b *Bot) migrate(ctx context.Context, from, to ID) error {
	b.log.Info("group migrated to a supergroup", "from", from, "to", to)
	if err := b.cfg.Store.MigrateGroup(ctx, from, to); err != nil {
		return err
	}
	if b.cfg.Reminders == nil {
		return nil
	}
	rs, err := b.cfg.Reminders.Reminders(ctx, from)
	if err != nil {
		return err
	}
	for _, r := range rs {
		r.ChatID = to
		// Adding with the same id replaces the reminder, indexes included.
		if _, err := b.cfg.Reminders.AddReminder(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// onMigrate handles the service message Telegram puts in the old group.
func (b *Bot) onMigrate(ctx context.Context, req *Request) error {
	if err := b.migrate(ctx, req.ChatID, req.MigrateTo); err != nil {
		return err
	}
	_, err := b.cfg.Sender.Send(ctx, Reply{ChatID: req.MigrateTo, Text: tr(req.Lang, msgMigrated)})
	return err
}

// isGroupChat says whether a chat id is a group's: a Telegram group's id is negative; a Zalo
// chat cannot be told from its id, so only subscribed Zalo groups are treated as groups (the
// store's RemoveGroup of a private chat removes nothing).
func isGroupChat(id ID) bool {
	if n, ok := id.Telegram(); ok {
		return n < 0
	}
	return id.Platform() == PlatformZalo
}
