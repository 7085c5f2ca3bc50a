package zalo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/internal/vi"
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
	// BotNames are the names users @mention the bot by in groups, besides those getMe gives.
	BotNames []string
}

// Transport is the bot's Zalo side: it turns Zalo messages into bot updates (a typed number
// into the press of the button it numbers, "đã nhận" into acknowledging the last reminder) and
// the bot's replies into Zalo messages (chat.Sender).
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

// Handler adapts the bot's handler to Zalo messages. What the bot cannot read (a sticker, a
// protected user's message, a photo without a caption) gets a short reply saying what it can.
func (t *Transport) Handler(handle func(context.Context, chat.Update) error) Handler {
	return func(ctx context.Context, m Message) error {
		if note := t.unreadable(m); note != "" {
			return t.note(ctx, m, note)
		}
		u, ok, err := t.Update(ctx, m)
		if err != nil || !ok {
			return err
		}
		return handle(withUser(ctx, m.From.ID), u)
	}
}

// unreadable is the reply to a message the bot cannot read, "" for one it can.
func (t *Transport) unreadable(m Message) string {
	if m.From.IsBot || m.Chat.ID == "" {
		return ""
	}
	switch {
	case m.Event == EventUnsupported:
		return i18n.Pick(t.cfg.Lang, msgUnsupported.VI, msgUnsupported.EN)
	case m.Event == EventSticker || (m.Sticker != "" && m.Text == "" && m.Photo == ""):
		return i18n.Pick(t.cfg.Lang, msgSticker.VI, msgSticker.EN)
	case m.Photo != "" && strings.TrimSpace(m.Caption) == "" && strings.TrimSpace(m.Text) == "":
		return i18n.Pick(t.cfg.Lang, msgPhotoNoCaption.VI, msgPhotoNoCaption.EN)
	case m.Event != EventText && m.Event != EventImage && m.Event != "" && strings.TrimSpace(m.Text+m.Caption) == "":
		// An event newer than the docs we follow (a voice message, say).
		return i18n.Pick(t.cfg.Lang, msgOther.VI, msgOther.EN)
	}
	return ""
}

// note sends text to m's chat.
func (t *Transport) note(ctx context.Context, m Message, text string) error {
	if err := t.limit(ctx, string(chat.ZaloID(m.Chat.ID))); err != nil {
		return err
	}
	_, err := t.c.SendMessage(ctx, m.Chat.ID, text)
	return t.failed(err)
}

// Update converts a Zalo message into the bot's update. ok is false for what the bot does not
// serve (messages of bots, stickers and other messages without text).
func (t *Transport) Update(ctx context.Context, m Message) (chat.Update, bool, error) {
	if m.From.IsBot || m.MessageID == "" || m.Chat.ID == "" || m.From.ID == "" {
		return chat.Update{}, false, nil
	}
	// Only a chat Zalo calls a group is one: a private chat is never treated as a group.
	kind := chat.Private
	if strings.EqualFold(m.Chat.ChatType, "GROUP") {
		kind = chat.Group
		if err := t.cfg.Memory.MarkGroup(ctx, m.Chat.ID); err != nil {
			return chat.Update{}, false, err
		}
	}
	u := chat.Update{
		ID:       chat.UpdateKey("zl:" + m.MessageID),
		ChatID:   chat.ZaloID(m.Chat.ID),
		ChatKind: kind,
		From:     chat.User{ID: chat.ZaloID(m.From.ID), FirstName: m.From.Name()},
		Text:     m.Text,
	}
	if u.Text == "" {
		u.Text = m.Caption
	}
	// In a group Zalo delivers only what mentions the bot (or quotes it): "@coordbot 2".
	u.Text = t.stripMention(u.Text, kind == chat.Group)
	if m.Photo != "" {
		u.File = &chat.FileRef{ID: m.Photo, Kind: "photo"}
	}
	if strings.TrimSpace(u.Text) == "" && u.File == nil {
		return chat.Update{}, false, nil
	}
	typed := strings.TrimSpace(u.Text)
	if n, err := strconv.Atoi(typed); err == nil && n > 0 && n < 100 && len(typed) <= 2 {
		// In a group only the choices shown to this person count: a number typed in a group's
		// talk must not press a reminder's button.
		data, msgID, ok, err := t.cfg.Memory.Choice(ctx, m.Chat.ID, m.From.ID, n, kind == chat.Private)
		if err != nil {
			return chat.Update{}, false, err
		}
		if ok {
			u.Text = ""
			u.Callback = &chat.Callback{ID: "zl:" + m.MessageID, Data: data, MessageID: msgID}
		}
		return u, true, nil
	}
	if isAck(typed) {
		msgID, ok, err := t.cfg.Memory.LastAckable(ctx, m.Chat.ID)
		if err != nil {
			return chat.Update{}, false, err
		}
		if ok {
			u.Text = ""
			u.Callback = &chat.Callback{ID: "zl:" + m.MessageID, Data: "ack", MessageID: msgID}
		}
	}
	return u, true, nil
}

// isAck says whether text acknowledges a reminder: "đã nhận" (with or without diacritics, a
// check mark or a full stop), or "ok đã nhận".
func isAck(text string) bool {
	f := strings.Trim(vi.Fold(text), " .!✅")
	f = strings.TrimPrefix(f, "ok ")
	return f == "da nhan" || f == "got it"
}

// Send delivers a reply (chat.Sender): plain text split at 2,000 characters, buttons as numbered
// choices remembered for the chatID, files as links. An edit is sent as a new message (Zalo
// cannot edit), and an edit of buttons alone is dropped.
func (t *Transport) Send(ctx context.Context, r chat.Reply) (chat.Sent, error) {
	chatID, ok := r.ChatID.Zalo()
	if !ok {
		return chat.Sent{}, fmt.Errorf("zalo: %q is not a Zalo chat", r.ChatID)
	}
	if r.Edit != 0 && r.Text == "" && r.AnswerCallback == "" {
		return chat.Sent{MessageID: r.Edit}, nil
	}
	lang := r.Lang
	if lang == "" {
		lang = t.cfg.Lang
	}
	out, choices, err := Render(ctx, r, t.cfg.Publisher, lang)
	if err != nil {
		return chat.Sent{}, err
	}
	if len(choices) > 0 {
		group, err := t.cfg.Memory.IsGroup(ctx, chatID)
		if err != nil {
			return chat.Sent{}, err
		}
		if group {
			// A bot in a Zalo group sees only messages that quote it or @mention it.
			out, choices, err = RenderFor(ctx, r, t.cfg.Publisher, lang, t.mentionName())
			if err != nil {
				return chat.Sent{}, err
			}
		}
	}
	var sent chat.Sent
	if len(choices) > 0 {
		if sent.MessageID, err = t.cfg.Memory.Next(ctx); err != nil {
			return chat.Sent{}, fmt.Errorf("zalo: numbering a message: %w", err)
		}
	}
	for _, o := range out {
		if err := t.limit(ctx, string(r.ChatID)); err != nil {
			return sent, err
		}
		if o.PhotoURL != "" {
			_, err = t.c.SendPhoto(ctx, chatID, o.PhotoURL, o.Text)
		} else {
			_, err = t.c.SendMessage(ctx, chatID, o.Text)
		}
		if err != nil {
			return sent, t.failed(err)
		}
	}
	if r.AnswerCallback != "" {
		return sent, nil // a note on a typed choice: the choices shown stay understood
	}
	user := userOf(ctx)
	if chat.IsBulk(ctx) {
		user = "" // a reminder is for everyone in the chatID
	}
	ackable := false
	for _, c := range choices {
		ackable = ackable || c.Data == "ack"
	}
	if len(out) > 0 || len(choices) > 0 {
		if err := t.cfg.Memory.Remember(ctx, chatID, user, Shown{MessageID: sent.MessageID, Choices: choices}, ackable); err != nil {
			return sent, fmt.Errorf("zalo: remembering the choices: %w", err)
		}
	}
	return sent, nil
}

func (t *Transport) limit(ctx context.Context, chatID string) error {
	if t.cfg.Limiter == nil {
		return nil
	}
	if bl, ok := t.cfg.Limiter.(BulkLimiter); ok && chat.IsBulk(ctx) {
		return bl.WaitBulk(ctx, chatID)
	}
	return t.cfg.Limiter.Wait(ctx, chatID)
}

// failed passes on a send's error: a refused token goes to Fatal as well, and a chat whose
// description says it is gone (blocked, not found) is marked chat.ErrChatGone. Zalo's 403 is an
// internal error (its error table), retried and never "gone": for a subscribed group that would
// unsubscribe it. A 404 without such words is an invalid request, not a gone chat either.
func (t *Transport) failed(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrUnauthorized) {
		select {
		case t.fatal <- err:
		default:
		}
	}
	if ChatGone(err) {
		return fmt.Errorf("%w: %w", err, chat.ErrChatGone)
	}
	return err
}

// names are the names the bot may be @mentioned by, longest first.
func (t *Transport) names() []string {
	me := t.c.Me()
	var ns []string
	for _, n := range append([]string{me.DisplayName, me.Name, me.AccountName}, t.cfg.BotNames...) {
		if n = strings.TrimSpace(strings.TrimPrefix(n, "@")); n != "" {
			ns = append(ns, n)
		}
	}
	slices.SortFunc(ns, func(a, b string) int { return len(b) - len(a) })
	return ns
}

// mentionName is the name the hint in a group tells people to @mention.
func (t *Transport) mentionName() string {
	if len(t.cfg.BotNames) > 0 {
		return strings.TrimPrefix(t.cfg.BotNames[0], "@")
	}
	me := t.c.Me()
	for _, n := range []string{me.DisplayName, me.Name} {
		if n != "" {
			return n
		}
	}
	return "bot"
}

// stripMention removes a leading @mention of the bot: one of its names anywhere; in a group,
// where Zalo delivers only messages that mention or quote the bot, any leading "@word" (the text
// form of a mention is not documented, and getMe's sample gives no display name).
func (t *Transport) stripMention(text string, group bool) string {
	s := strings.TrimSpace(text)
	if !strings.HasPrefix(s, "@") {
		return text
	}
	rest := s[1:]
	for _, n := range t.names() {
		if len(rest) >= len(n) && strings.EqualFold(rest[:len(n)], n) {
			after := rest[len(n):]
			if after == "" || !isWordRune(after) {
				return strings.TrimSpace(strings.TrimLeft(after, ":, "))
			}
		}
	}
	if !group {
		return text
	}
	// A name of unknown length ("@Bot Điều phối 2": Zalo bot names start with "Bot"). In a group
	// the bot reads only a command, a number or an acknowledgement, so find that.
	words := strings.Fields(rest)
	if len(words) <= 1 {
		return ""
	}
	for i, w := range words[1:] {
		if strings.HasPrefix(w, "/") {
			return strings.Join(words[i+1:], " ")
		}
	}
	last := words[len(words)-1]
	if n, err := strconv.Atoi(last); err == nil && n > 0 && len(last) <= 2 {
		return last
	}
	if len(words) >= 3 && isAck(strings.Join(words[len(words)-2:], " ")) {
		return strings.Join(words[len(words)-2:], " ")
	}
	return strings.Join(words[1:], " ")
}

// isWordRune says whether s starts with a letter or digit (a longer name, not the end of ours).
func isWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.'
}
