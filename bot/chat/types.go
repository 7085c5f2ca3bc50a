// Package bot is coordbot's domain and conversation: the types every transport speaks (Update,
// Reply), the small interfaces the bot needs from the outside (a sender, a store), the route table
// of commands, and one file per command family. It imports neither Redis nor Telegram: cmd/coordbot
// wires implementations into these interfaces, so the terminal console, the tests and Telegram drive
// the same handlers.
package chat

import (
	"context"
	"errors"
	"fmt"

	"github.com/coordbot/coordbot/bot"
)

// ChatKind says where a message was written.
type ChatKind string

// The chat kinds coordbot distinguishes; Telegram's "channel" is not served.
const (
	Private    ChatKind = "private"
	Group      ChatKind = "group"
	Supergroup ChatKind = "supergroup"
)

// IsGroup reports whether the chat is a group of either kind.
func (k ChatKind) IsGroup() bool { return k == Group || k == Supergroup }

// User is the person behind an update.
type User struct {
	ID        bot.ID
	FirstName string
	LastName  string
	Username  string
	// LangCode is the client's IETF language tag as Telegram reports it ("vi", "en-US"); a hint only.
	LangCode string
}

// Name is how the user is shown to others.
func (u User) Name() string {
	n := u.FirstName
	if u.LastName != "" {
		n += " " + u.LastName
	}
	if n == "" && u.Username != "" {
		n = "@" + u.Username
	}
	if n == "" {
		n = "#" + u.ID.Native()
	}
	return n
}

// Update is one thing that happened in a chat: a message, a button press, or a chat migration.
type Update struct {
	// ID is the transport's update id, claimed so a redelivery is skipped; empty when the
	// transport has none (the console).
	ID        bot.UpdateKey
	ChatID    bot.ID
	ChatKind  ChatKind
	ChatTitle string
	From      User
	MessageID int
	// Text is the message text or, for a photo or document, its caption.
	Text string
	// File is set when the message carries a photo or a document.
	File *FileRef
	// Callback is set when a button was pressed; Text is then empty.
	Callback *Callback
	// MigrateTo is set when a group became a supergroup with this new chat id.
	MigrateTo bot.ID
}

// FileRef names a file the transport already holds (Telegram's file_id).
type FileRef struct {
	ID   string
	Kind string // "photo" or "document"
	Name string
}

// Callback is a press on an inline button.
type Callback struct {
	ID   string
	Data string
	// MessageID is the message that carries the button.
	MessageID int
}

// Button is an inline button: it sends Data back as a Callback, opens URL, or opens the Mini App
// at WebApp (in a private chat; transports without Mini Apps open it as a link). Command, when
// set, is what to type in a private chat with the bot to the same effect as URL (a t.me deep
// link): platforms without such links (Zalo) show it instead. A button with only a Command is for
// those platforms; Telegram leaves it out.
type Button struct {
	Text    string
	Data    string
	URL     string
	WebApp  string
	Command string
}

// Reply is something the bot says. Text is HTML in Telegram's subset (b, i, u, s, code, pre, a,
// blockquote); every piece of user or programme text in it is escaped with html.EscapeString.
type Reply struct {
	ChatID bot.ID
	Text   string
	// Lang is the reader's language, for words a transport adds itself (Zalo's "Gõ số để
	// chọn"); empty means the transport's default.
	Lang string
	// Buttons are rows of inline buttons under the (last part of the) message.
	Buttons [][]Button
	// Edit, when non-zero, replaces the text and buttons of that earlier message instead.
	Edit int
	// Document or Photo send a file with Text as its caption.
	Document *Upload
	Photo    *Upload
	// AnswerCallback, when set, acknowledges that button press (Text empty: silently; otherwise
	// CallbackNote is shown to the presser).
	AnswerCallback string
	CallbackNote   string
}

// Upload is a file the bot sends.
type Upload struct {
	Name string
	Data []byte
}

// Sent is what the transport reports back about a delivered reply.
type Sent struct {
	// MessageID is the id of the (last) message sent; 0 for callback answers.
	MessageID int
}

// Sender delivers replies. Transports implement it; it must be safe for concurrent use.
type Sender interface {
	Send(ctx context.Context, r Reply) (Sent, error)
}

// ErrChatGone is returned (wrapped) by a Sender when the chat can no longer be written to: the bot
// was blocked, kicked, or never started by the user.
var ErrChatGone = errors.New("chat is gone")

// MigratedError is returned by a Sender when a group became a supergroup under a new id.
type MigratedError struct{ From, To bot.ID }

func (e *MigratedError) Error() string {
	return fmt.Sprintf("chat %s migrated to %s", e.From, e.To)
}

// The domain's ids as the transports write them, so that a transport speaks to the conversation
// alone: a user's or chat's ID (bot.ID) and an update's claim key (bot.UpdateKey).
type (
	ID        = bot.ID
	UpdateKey = bot.UpdateKey
)

// TelegramID is the ID of a Telegram user or chat (bot.TelegramID).
func TelegramID(n int64) ID { return bot.TelegramID(n) }

// ZaloID is the ID of a Zalo user or chat (bot.ZaloID).
func ZaloID(s string) ID { return bot.ZaloID(s) }

// ParseID reads an id as typed or kept (bot.ParseID).
func ParseID(s string) (ID, error) { return bot.ParseID(s) }
