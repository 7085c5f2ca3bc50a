package telegram_test

import (
	"context"
	"errors"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
)

// TestForbiddenByMeaning: a 403 counts as the chat gone (which unsubscribes a group) only when
// its description says the bot left the chat or was removed from it, or the person is out of
// reach for good; any other 403 is an ordinary failure, logged by the caller and retried later
// (a reminder goes back to the queue), and the group stays subscribed. The descriptions are
// Telegram's own, as reported where they were met.
func TestForbiddenByMeaning(t *testing.T) {
	tests := []struct {
		desc string
		gone bool
	}{
		// NOTES.md; TelegramBots/Telegram.Bot#662 (sending to a group the bot was removed from);
		// tucnak/telebot errors.go (PR #659: ErrKickedFromGroup).
		{"Forbidden: bot was kicked from the group chat", true},
		// aiogram/aiogram#445 ("actual message after bot kicked"); teloxide/teloxide#372;
		// eternnoir/pyTelegramBotAPI#2204; bostrot/telegram-support-bot#71.
		{"Forbidden: bot was kicked from the supergroup chat", true},
		// tucnak/telebot PR #659 (ErrKickedFromChannel).
		{"Forbidden: bot was kicked from the channel chat", true},
		// TelegramBots/Telegram.Bot#950 (sending to a supergroup the bot is not in).
		{"Forbidden: bot is not a member of the supergroup chat", true},
		// tucnak/telebot#633 and PR #659; TelegramBots/Telegram.Bot#648; grammyjs/grammY#309.
		{"Forbidden: bot is not a member of the channel chat", true},
		// NOTES.md; tucnak/telebot PR #659 (ErrBlockedByUser).
		{"Forbidden: bot was blocked by the user", true},
		// tucnak/telebot PR #659 (ErrUserIsDeactivated): the account was deleted.
		{"Forbidden: user is deactivated", true},
		// NOTES.md; tucnak/telebot PR #659 (ErrNotStartedByUser): the person never pressed Start;
		// nothing the bot does changes that, and a group never answers it.
		{"Forbidden: bot can't initiate conversation with a user", true},
		// The description's case is Telegram's to change; the meaning is the same.
		{"Forbidden: Bot Was Kicked From The Supergroup Chat", true},

		// yagop/node-telegram-bot-api#1155: usually a basic group upgraded to a supergroup,
		// which the migration (400 with migrate_to_chat_id) moves; unsubscribing here would lose it.
		{"Forbidden: the group chat was deleted", false},
		// A bot may not write to another bot: a wrong id, not a departure.
		{"Forbidden: bot can't send messages to bots", false},
		// A group that restricted the bot: an admin may give the right back.
		{"Forbidden: not enough rights to send text messages to the chat", false},
		// A bare 403 says nothing of why.
		{"Forbidden", false},
		{"", false},
	}
	for _, tt := range tests {
		name := tt.desc
		if name == "" {
			name = "no description"
		}
		t.Run(name, func(t *testing.T) {
			f := setup(t)
			f.srv.FailNext("sendMessage", 1, 403, tt.desc, 0)
			_, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(-100), Text: "Nhắc việc"})
			if err == nil {
				t.Fatal("the 403 was not reported")
			}
			if got := errors.Is(err, chat.ErrChatGone); got != tt.gone {
				t.Errorf("gone = %v, want %v (err %v)", got, tt.gone, err)
			}
		})
	}
}
