package telegram

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/transport"
)

// max429 bounds how often one call waits out a 429 before giving up.
const max429 = 10

// do runs one Bot API call: a 429 waits retry_after and tries again; 5xx, network errors and
// answers that are not JSON back off exponentially, up to MaxAttempts tries; other failures are
// returned at once: a 403 that says the bot left the chat as chat.ErrChatGone (chatGone), a
// migration as *chat.MigratedError.
func (c *Client) do(ctx context.Context, chatID int64, method string, call func(*tgbotapi.BotAPI) error) error {
	tries, floods := 0, 0
	for {
		err := c.redact(call(c.bound(ctx)))
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		code, e := apiCode(err)
		var wait = transport.Backoff(tries)
		switch {
		case code == http.StatusTooManyRequests && floods < max429:
			floods++
			wait = retryAfter(e)
			c.log.Warn("telegram: flood limit, waiting", "method", method, "chat", chatID, "retry_after", wait)
		case code == 0 || code >= 500:
			tries++
			if tries >= c.cfg.MaxAttempts {
				return fmt.Errorf("telegram %s: giving up after %d tries: %w", method, tries, err)
			}
			c.log.Warn("telegram: call failed, retrying", "method", method, "chat", chatID, "err", err, "wait", wait)
		case code == http.StatusForbidden && chatGone(e.Message):
			return fmt.Errorf("telegram %s to %d: %s: %w", method, chatID, e.Message, chat.ErrChatGone)
		case code == http.StatusForbidden:
			// Not a departure: the caller logs it, a reminder goes back to the queue, and the
			// chat keeps its subscription.
			return fmt.Errorf("telegram %s to %d: refused (403) but the chat is not gone: %w", method, chatID, err)
		case e != nil && e.MigrateToChatID != 0:
			return &chat.MigratedError{From: chat.TelegramID(chatID), To: chat.TelegramID(e.MigrateToChatID)}
		default:
			return fmt.Errorf("telegram %s to %d: %w", method, chatID, err)
		}
		if err := c.cfg.Sleep(ctx, wait); err != nil {
			return err
		}
		// A retry is one more message to Telegram's limits; without a slot of its own it takes
		// one the limiter gave another send, and 429s feed each other.
		if chatID != 0 {
			if err := c.limit(ctx, chatID); err != nil {
				return err
			}
		}
	}
}

// goneMeanings are the parts of Telegram's 403 descriptions that say the bot left or was removed
// from the chat, or that the person is out of its reach for good (blocked it, deleted their
// account, never started it). Only these make a chat gone, which unsubscribes a group; any other
// 403 ("the group chat was deleted", usually a migration; "not enough rights", which an admin can
// give back; "can't send messages to bots") is an ordinary failure. The descriptions, with where
// each was met, are in TestForbiddenByMeaning.
var goneMeanings = []string{
	"bot was kicked from",                         // the group, supergroup or channel chat
	"bot is not a member of",                      // the supergroup or channel chat
	"bot was blocked by the user",                 // a private chat
	"user is deactivated",                         // the account was deleted
	"bot can't initiate conversation with a user", // never pressed Start
}

// chatGone reports whether a 403's description means the chat is gone for the bot.
func chatGone(desc string) bool {
	d := strings.ToLower(desc)
	for _, m := range goneMeanings {
		if strings.Contains(d, m) {
			return true
		}
	}
	return false
}

func retryAfter(e *tgbotapi.Error) time.Duration {
	if e == nil || e.RetryAfter <= 0 {
		return time.Second
	}
	return time.Duration(e.RetryAfter) * time.Second
}

// Send delivers a reply (chat.Sender): a text, an edit, a file, and/or a callback answer.
func (c *Client) Send(ctx context.Context, r chat.Reply) (chat.Sent, error) {
	if _, ok := r.ChatID.Telegram(); !ok && r.AnswerCallback == "" {
		return chat.Sent{}, fmt.Errorf("telegram: %q is not a Telegram chat", r.ChatID)
	}
	more := r.Text != "" || r.Edit != 0 || r.Document != nil || r.Photo != nil || r.Buttons != nil
	if r.AnswerCallback != "" {
		err := c.answer(ctx, r.AnswerCallback, r.CallbackNote)
		if err != nil && !more {
			return chat.Sent{}, err
		}
		if err != nil {
			c.log.Warn("telegram: callback answer failed", "chat", r.ChatID, "err", err)
		}
		if !more {
			return chat.Sent{}, nil
		}
	}
	if hasWebApp(r.Buttons) {
		return c.sendWebApp(ctx, r)
	}
	kb, err := keyboard(r.Buttons)
	if err != nil {
		return chat.Sent{}, err
	}
	switch {
	case r.Document != nil || r.Photo != nil:
		return c.sendFile(ctx, r, kb)
	case r.Edit != 0:
		return c.edit(ctx, r, kb)
	}
	parts := splitHTML(r.Text, maxText)
	if len(parts) == 0 {
		return chat.Sent{}, fmt.Errorf("telegram: the reply to %d has no text", tgChat(r))
	}
	return c.sendParts(ctx, tgChat(r), parts, markup(kb))
}

func keyboard(rows [][]chat.Button) (*tgbotapi.InlineKeyboardMarkup, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	kb := tgbotapi.InlineKeyboardMarkup{InlineKeyboard: make([][]tgbotapi.InlineKeyboardButton, 0, len(rows))}
	for _, row := range rows {
		out := make([]tgbotapi.InlineKeyboardButton, 0, len(row))
		for _, b := range row {
			switch {
			case b.URL != "":
				out = append(out, tgbotapi.NewInlineKeyboardButtonURL(b.Text, b.URL))
			case len(b.Data) < 1 || len(b.Data) > 64:
				return nil, fmt.Errorf("telegram: button %q: callback data must be 1–64 bytes, is %d", b.Text, len(b.Data))
			default:
				out = append(out, tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
			}
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, out)
	}
	return &kb, nil
}

// sendParts sends texts in order, the buttons (reply_markup, nil for none) under the last one.
func (c *Client) sendParts(ctx context.Context, chatID int64, parts []string, kb any) (chat.Sent, error) {
	var last chat.Sent
	for i, p := range parts {
		m := tgbotapi.NewMessage(chatID, p)
		m.ParseMode = tgbotapi.ModeHTML
		if i == len(parts)-1 && kb != nil {
			m.ReplyMarkup = kb
		}
		id, err := c.sendMessage(ctx, chatID, m, true)
		if err != nil {
			return last, err
		}
		last = chat.Sent{MessageID: id}
	}
	return last, nil
}

// sendMessage sends one message; should Telegram still refuse its HTML, the text goes again
// escaped, since a reply shown with its tags beats no reply.
func (c *Client) sendMessage(ctx context.Context, chatID int64, m tgbotapi.MessageConfig, fallback bool) (int, error) {
	if err := c.limit(ctx, chatID); err != nil {
		return 0, err
	}
	var sent tgbotapi.Message
	err := c.do(ctx, chatID, "sendMessage", func(api *tgbotapi.BotAPI) (err error) {
		sent, err = api.Send(m)
		return err
	})
	if fallback && isParseError(err) {
		c.log.Warn("telegram: HTML refused, sending escaped", "chat", chatID, "err", err)
		var last int
		for _, p := range split(mustTokens(html.EscapeString(m.Text)), maxText) {
			esc := m
			esc.Text = p
			if last, err = c.sendMessage(ctx, chatID, esc, false); err != nil {
				return 0, err
			}
		}
		return last, nil
	}
	return sent.MessageID, err
}

func mustTokens(escaped string) []unit {
	u, _ := tokenize(escaped)
	return u
}

func isParseError(err error) bool {
	return err != nil && strings.Contains(err.Error(), "can't parse entities")
}

// limit waits for a send slot for chatID. A bulk send (chat.Bulk: reminders, digests) lets replies
// to people go first when the limiter knows how.
func (c *Client) limit(ctx context.Context, chatID int64) error {
	if c.cfg.Limiter == nil {
		return nil
	}
	if bl, ok := c.cfg.Limiter.(BulkLimiter); ok && chat.IsBulk(ctx) {
		return bl.WaitBulk(ctx, strconv.FormatInt(chatID, 10))
	}
	return c.cfg.Limiter.Wait(ctx, strconv.FormatInt(chatID, 10))
}

// edit replaces the text or buttons of a message. Text too long for one message keeps its first
// part in the edited message and sends the rest as new ones.
func (c *Client) edit(ctx context.Context, r chat.Reply, kb *tgbotapi.InlineKeyboardMarkup) (chat.Sent, error) {
	if err := c.limit(ctx, tgChat(r)); err != nil {
		return chat.Sent{}, err
	}
	var cfg tgbotapi.Chattable
	var rest []string
	if r.Text == "" {
		e := tgbotapi.EditMessageReplyMarkupConfig{BaseEdit: tgbotapi.BaseEdit{ChatID: tgChat(r), MessageID: r.Edit, ReplyMarkup: kb}}
		cfg = e
	} else {
		parts := splitHTML(r.Text, maxText)
		if len(parts) == 0 {
			return chat.Sent{}, fmt.Errorf("telegram: the edit of %d/%d has no text", tgChat(r), r.Edit)
		}
		e := tgbotapi.NewEditMessageText(tgChat(r), r.Edit, parts[0])
		e.ParseMode = tgbotapi.ModeHTML
		if len(parts) == 1 {
			e.ReplyMarkup = kb
		}
		cfg, rest = e, parts[1:]
	}
	err := c.do(ctx, tgChat(r), "edit", func(api *tgbotapi.BotAPI) error {
		_, err := api.Request(cfg)
		return err
	})
	if err != nil && !strings.Contains(err.Error(), "message is not modified") {
		return chat.Sent{}, err
	}
	if len(rest) > 0 {
		return c.sendParts(ctx, tgChat(r), rest, markup(kb))
	}
	return chat.Sent{MessageID: r.Edit}, nil
}

// sendFile uploads a document or photo from memory (FileBytes, so a retry can send it again). A
// caption over Telegram's 1024 goes as a message of its own after a caption-less file.
func (c *Client) sendFile(ctx context.Context, r chat.Reply, kb *tgbotapi.InlineKeyboardMarkup) (chat.Sent, error) {
	units, _ := prepare(r.Text)
	var caption string
	var tail []string
	if visibleWidth(units) > maxCaption {
		tail = split(units, maxText)
	} else if parts := split(units, maxCaption); len(parts) > 0 {
		caption = parts[0]
	}
	fileKB := kb
	if len(tail) > 0 {
		fileKB = nil
	}
	var cfg tgbotapi.Chattable
	if r.Document != nil {
		d := tgbotapi.NewDocument(tgChat(r), tgbotapi.FileBytes{Name: r.Document.Name, Bytes: r.Document.Data})
		d.Caption, d.ParseMode = caption, tgbotapi.ModeHTML
		if fileKB != nil {
			d.ReplyMarkup = fileKB
		}
		cfg = d
	} else {
		p := tgbotapi.NewPhoto(tgChat(r), tgbotapi.FileBytes{Name: r.Photo.Name, Bytes: r.Photo.Data})
		p.Caption, p.ParseMode = caption, tgbotapi.ModeHTML
		if fileKB != nil {
			p.ReplyMarkup = fileKB
		}
		cfg = p
	}
	if err := c.limit(ctx, tgChat(r)); err != nil {
		return chat.Sent{}, err
	}
	var sent tgbotapi.Message
	err := c.do(ctx, tgChat(r), "sendFile", func(api *tgbotapi.BotAPI) (err error) {
		sent, err = api.Send(cfg)
		return err
	})
	if err != nil {
		return chat.Sent{}, err
	}
	if len(tail) > 0 {
		return c.sendParts(ctx, tgChat(r), tail, markup(kb))
	}
	return chat.Sent{MessageID: sent.MessageID}, nil
}

// answer acknowledges a button press; the note, if any, is shown to the presser.
func (c *Client) answer(ctx context.Context, id, note string) error {
	return c.do(ctx, 0, "answerCallbackQuery", func(api *tgbotapi.BotAPI) error {
		_, err := api.Request(tgbotapi.NewCallback(id, note))
		return err
	})
}

// SetCommands sets the command menu for a language ("" is the menu for every other language).
func (c *Client) SetCommands(ctx context.Context, lang string, cmds []Command) error {
	out := make([]tgbotapi.BotCommand, len(cmds))
	for i, cmd := range cmds {
		out[i] = tgbotapi.BotCommand{Command: cmd.Name, Description: cmd.Description}
	}
	cfg := tgbotapi.NewSetMyCommands(out...)
	cfg.LanguageCode = lang
	return c.do(ctx, 0, "setMyCommands", func(api *tgbotapi.BotAPI) error {
		_, err := api.Request(cfg)
		return err
	})
}

// SetWebhook points Telegram at url; Telegram then sends secret in the
// X-Telegram-Bot-Api-Secret-Token header of every request. tgbotapi's WebhookConfig predates
// secret_token, hence the raw request.
func (c *Client) SetWebhook(ctx context.Context, url, secret string) error {
	if secret == "" {
		return errors.New("telegram: a webhook needs a secret token")
	}
	return c.do(ctx, 0, "setWebhook", func(api *tgbotapi.BotAPI) error {
		_, err := api.MakeRequest("setWebhook", tgbotapi.Params{"url": url, "secret_token": secret})
		return err
	})
}

// deleteWebhook switches the bot to polling; pending updates are kept.
func (c *Client) deleteWebhook(ctx context.Context) error {
	return c.do(ctx, 0, "deleteWebhook", func(api *tgbotapi.BotAPI) error {
		_, err := api.Request(tgbotapi.DeleteWebhookConfig{})
		return err
	})
}

// tgChat is the Telegram number of the reply's chat (Send has checked it is one).
func tgChat(r chat.Reply) int64 {
	n, _ := r.ChatID.Telegram()
	return n
}
