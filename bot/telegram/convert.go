package telegram

import (
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/coordbot/coordbot/bot/chat"
)

// convert turns a tgbotapi update into the bot's. ok is false for what coordbot does not serve:
// edited messages, channel posts, inline queries, and presses on buttons of inline messages (no
// chat to answer in; tgbotapi's Update.FromChat panics on them).
func convert(u tgbotapi.Update) (chat.Update, bool) {
	switch {
	case u.Message != nil:
		m := u.Message
		kind, ok := chatKind(m.Chat)
		if !ok {
			return chat.Update{}, false
		}
		out := chat.Update{ID: updateKey(u.UpdateID), ChatID: chat.TelegramID(m.Chat.ID), ChatKind: kind, ChatTitle: m.Chat.Title,
			From: user(m.From), MessageID: m.MessageID, Text: m.Text, MigrateTo: chat.TelegramID(m.MigrateToChatID)}
		if out.Text == "" {
			out.Text = m.Caption
		}
		switch {
		case len(m.Photo) > 0:
			out.File = &chat.FileRef{ID: largest(m.Photo).FileID, Kind: "photo"}
		case m.Document != nil:
			out.File = &chat.FileRef{ID: m.Document.FileID, Kind: "document", Name: m.Document.FileName}
		}
		return out, true
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		if q.Message == nil {
			return chat.Update{}, false
		}
		kind, ok := chatKind(q.Message.Chat)
		if !ok {
			return chat.Update{}, false
		}
		return chat.Update{ID: updateKey(u.UpdateID), ChatID: chat.TelegramID(q.Message.Chat.ID), ChatKind: kind,
			ChatTitle: q.Message.Chat.Title, From: user(q.From), MessageID: q.Message.MessageID,
			Callback: &chat.Callback{ID: q.ID, Data: q.Data, MessageID: q.Message.MessageID}}, true
	}
	return chat.Update{}, false
}

// updateKey is Telegram's update id as the bot claims it: the decimal number, so claims keep the
// keys they had before Zalo.
func updateKey(id int) chat.UpdateKey { return chat.UpdateKey(strconv.Itoa(id)) }

// updateNum is the number back from a key updateKey made.
func updateNum(k chat.UpdateKey) int {
	n, _ := strconv.Atoi(string(k))
	return n
}

func chatKind(c *tgbotapi.Chat) (chat.ChatKind, bool) {
	if c == nil {
		return "", false
	}
	switch c.Type {
	case "private":
		return chat.Private, true
	case "group":
		return chat.Group, true
	case "supergroup":
		return chat.Supergroup, true
	}
	return "", false
}

func user(u *tgbotapi.User) chat.User {
	if u == nil {
		return chat.User{}
	}
	return chat.User{ID: chat.TelegramID(u.ID), FirstName: u.FirstName, LastName: u.LastName, Username: u.UserName, LangCode: u.LanguageCode}
}

// largest picks the biggest size of a photo; Telegram lists them smallest first, but the order is
// not promised.
func largest(sizes []tgbotapi.PhotoSize) tgbotapi.PhotoSize {
	best := sizes[0]
	for _, s := range sizes[1:] {
		if s.Width*s.Height > best.Width*best.Height {
			best = s
		}
	}
	return best
}
