package chat

import (
	"context"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
)

// migrate moves a group's subscription and reminders from its old id to its supergroup id.
// Doing it twice (the service message and a refused send both report it) is harmless.
func (b *Bot) migrate(ctx context.Context, from, to bot.ID) error {
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
	_, err := b.cfg.Sender.Send(ctx, Reply{ChatID: req.MigrateTo, Text: i18n.Migrated.F(req.Lang)})
	return err
}
