package chat

import (
	"context"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
)

// msg is a catalogue entry (i18n.Text), the type of the help texts written in the route table.
type msg = i18n.Text

// userLang is the language a user chose with /lang, or def: for messages to a person outside a
// request of theirs (private nudges).
func (b *Bot) userLang(ctx context.Context, userID bot.ID, def string) string {
	lang, err := b.cfg.Store.Lang(ctx, userID)
	if err != nil || lang == "" {
		return def
	}
	return lang
}
