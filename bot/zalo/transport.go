package zalo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
)

// Limiter paces outgoing messages (bot/ratelimit with Zalo's limits); the key is the qualified
// chat id ("zl:…").
type Limiter interface {
	Wait(ctx context.Context, chatID string) error
}

// BulkLimiter lets replies to people go before bulk sends (reminders), as on Telegram.
type BulkLimiter interface {
	Limiter
	WaitBulk(ctx context.Context, chatID string) error
}

// TransportConfig configures a Transport. Memory is required.
type TransportConfig struct {
	// Memory remembers numbered choices and acknowledgeable reminders.
	Memory *Memory
	// Publisher turns charts and files into links; nil when COORDBOT_PUBLIC_URL is not set.
	Publisher Publisher
	// Limiter paces sends; nil sends at once.
	Limiter Limiter
	// Lang is the language of the few words the transport adds ("Gõ số để chọn."); default "vi".
	Lang string
}

// Transport is the bot's Zalo side: it turns Zalo messages into bot updates (a typed number
// into the press of the button it numbers, "đã nhận" into acknowledging the last reminder) and
// the bot's replies into Zalo messages (bot.Sender).
type Transport struct {
	c     *Client
	cfg   TransportConfig
	fatal chan error
}

// NewTransport wraps c.
func NewTransport(c *Client, cfg TransportConfig) *Transport {
	if cfg.Lang == "" {
		cfg.Lang = "vi"
	}
	return &Transport{c: c, cfg: cfg, fatal: make(chan error, 1)}
}

// Fatal delivers the first send the API refused for the token (ErrUnauthorized): the bot cannot
// go on, and the process should exit, as when polling is refused.
func (t *Transport) Fatal() <-chan error { return t.fatal }

// Client is the wire client under the transport.
func (t *Transport) Client() *Client { return t.c }

type userKey struct{}

// withUser marks ctx as handling a message of user, so the choices shown in the reply are
// remembered for that user.
func withUser(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, userKey{}, user)
}

func userOf(ctx context.Context) string {
	u, _ := ctx.Value(userKey{}).(string)
	return u
}

// Handler adapts the bot's handler to Zalo messages.
func (t *Transport) Handler(handle func(context.Context, bot.Update) error) Handler {
	return func(ctx context.Context, m Message) error {
		u, ok, err := t.Update(ctx, m)
		if err != nil || !ok {
			return err
		}
		return handle(withUser(ctx, m.From.ID), u)
	}
}

// Update converts a Zalo message into the bot's update. ok is false for what the bot does not
// serve (messages of bots, stickers and other messages without text).
func (t *Transport) Update(ctx context.Context, m Message) (bot.Update, bool, error) {
	if m.From.IsBot || m.MessageID == "" || m.Chat.ID == "" || m.From.ID == "" {
		return bot.Update{}, false, nil
	}
	kind := bot.Private
	if strings.EqualFold(m.Chat.ChatType, "GROUP") {
		kind = bot.Group
	}
	u := bot.Update{
		ID:       bot.UpdateKey("zl:" + m.MessageID),
		ChatID:   bot.ZaloID(m.Chat.ID),
		ChatKind: kind,
		From:     bot.User{ID: bot.ZaloID(m.From.ID), FirstName: m.From.Name()},
		Text:     m.Text,
	}
	if u.Text == "" {
		u.Text = m.Caption
	}
	if m.Photo != "" {
		u.File = &bot.FileRef{ID: m.Photo, Kind: "photo"}
	}
	if strings.TrimSpace(u.Text) == "" && u.File == nil {
		return bot.Update{}, false, nil
	}
	typed := strings.TrimSpace(u.Text)
	if n, err := strconv.Atoi(typed); err == nil && n > 0 && n < 100 && len(typed) <= 2 {
		// In a group only the choices shown to this person count: a number typed in a group's
		// talk must not press a reminder's button.
		data, msgID, ok, err := t.cfg.Memory.Choice(ctx, m.Chat.ID, m.From.ID, n, kind == bot.Private)
		if err != nil {
			return bot.Update{}, false, err
		}
		if ok {
			u.Text = ""
			u.Callback = &bot.Callback{ID: "zl:" + m.MessageID, Data: data, MessageID: msgID}
		}
		return u, true, nil
	}
	if isAck(typed) {
		msgID, ok, err := t.cfg.Memory.LastAckable(ctx, m.Chat.ID)
		if err != nil {
			return bot.Update{}, false, err
		}
		if ok {
			u.Text = ""
			u.Callback = &bot.Callback{ID: "zl:" + m.MessageID, Data: "ack", MessageID: msgID}
		}
	}
	return u, true, nil
}

// isAck says whether text acknowledges a reminder: "đã nhận" (with or without diacritics, a
// check mark or a full stop), or "ok đã nhận".
func isAck(text string) bool {
	f := strings.Trim(programme.Fold(text), " .!✅")
	f = strings.TrimPrefix(f, "ok ")
	return f == "da nhan" || f == "got it"
}

// Send delivers a reply (bot.Sender): plain text split at 2,000 characters, buttons as numbered
// choices remembered for the chat, files as links. An edit is sent as a new message (Zalo
// cannot edit), and an edit of buttons alone is dropped.
func (t *Transport) Send(ctx context.Context, r bot.Reply) (bot.Sent, error) {
	chat, ok := r.ChatID.Zalo()
	if !ok {
		return bot.Sent{}, fmt.Errorf("zalo: %q is not a Zalo chat", r.ChatID)
	}
	if r.Edit != 0 && r.Text == "" && r.AnswerCallback == "" {
		return bot.Sent{MessageID: r.Edit}, nil
	}
	lang := r.Lang
	if lang == "" {
		lang = t.cfg.Lang
	}
	out, choices, err := Render(ctx, r, t.cfg.Publisher, lang)
	if err != nil {
		return bot.Sent{}, err
	}
	var sent bot.Sent
	if len(choices) > 0 {
		if sent.MessageID, err = t.cfg.Memory.Next(ctx); err != nil {
			return bot.Sent{}, fmt.Errorf("zalo: numbering a message: %w", err)
		}
	}
	for _, o := range out {
		if err := t.limit(ctx, string(r.ChatID)); err != nil {
			return sent, err
		}
		if o.PhotoURL != "" {
			_, err = t.c.SendPhoto(ctx, chat, o.PhotoURL, o.Text)
		} else {
			_, err = t.c.SendMessage(ctx, chat, o.Text)
		}
		if err != nil {
			if errors.Is(err, ErrUnauthorized) {
				select {
				case t.fatal <- err:
				default:
				}
			}
			return sent, classify(err)
		}
	}
	if r.AnswerCallback != "" {
		return sent, nil // a note on a typed choice: the choices shown stay understood
	}
	user := userOf(ctx)
	if bot.IsBulk(ctx) {
		user = "" // a reminder is for everyone in the chat
	}
	ackable := false
	for _, c := range choices {
		ackable = ackable || c.Data == "ack"
	}
	if len(out) > 0 || len(choices) > 0 {
		if err := t.cfg.Memory.Remember(ctx, chat, user, Shown{MessageID: sent.MessageID, Choices: choices}, ackable); err != nil {
			return sent, fmt.Errorf("zalo: remembering the choices: %w", err)
		}
	}
	return sent, nil
}

func (t *Transport) limit(ctx context.Context, chat string) error {
	if t.cfg.Limiter == nil {
		return nil
	}
	if bl, ok := t.cfg.Limiter.(BulkLimiter); ok && bot.IsBulk(ctx) {
		return bl.WaitBulk(ctx, chat)
	}
	return t.cfg.Limiter.Wait(ctx, chat)
}

// classify marks a chat the bot may not write to (403: the user blocked the bot or never wrote
// to it; 404: no such chat) as bot.ErrChatGone.
func classify(err error) error {
	var ae *APIError
	if errors.As(err, &ae) && (ae.Code == http.StatusForbidden || ae.Code == http.StatusNotFound) {
		return fmt.Errorf("%w: %w", err, bot.ErrChatGone)
	}
	return err
}
