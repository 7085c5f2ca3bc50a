package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/coordbot/coordbot/bot/chat"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// tgbotapi v5.5.1 predates Mini Apps (Bot API 6.0): its InlineKeyboardButton has no web_app and
// it has no setChatMenuButton. A message with a web_app button carries this markup instead (the
// library marshals any reply_markup as JSON), and the menu button goes as a raw request.

type webAppInfo struct {
	URL string `json:"url"`
}

type inlineButton struct {
	Text         string      `json:"text"`
	CallbackData *string     `json:"callback_data,omitempty"`
	URL          string      `json:"url,omitempty"`
	WebApp       *webAppInfo `json:"web_app,omitempty"`
}

type inlineMarkup struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

func hasWebApp(rows [][]chat.Button) bool {
	for _, row := range rows {
		for _, b := range row {
			if b.WebApp != "" {
				return true
			}
		}
	}
	return false
}

// markup is kb as a reply_markup, nil (no markup) when kb is nil.
func markup(kb *tgbotapi.InlineKeyboardMarkup) any {
	if kb == nil {
		return nil
	}
	return kb
}

// sendWebApp sends a text message whose buttons include a web_app button. Telegram takes such
// buttons in messages to private chats; edits and files keep tgbotapi's types, so they are not
// offered there.
func (c *Client) sendWebApp(ctx context.Context, r chat.Reply) (chat.Sent, error) {
	if r.Edit != 0 || r.Document != nil || r.Photo != nil {
		return chat.Sent{}, errors.New("telegram: a web_app button goes only with a new text message")
	}
	m := inlineMarkup{InlineKeyboard: make([][]inlineButton, 0, len(r.Buttons))}
	for _, row := range r.Buttons {
		out := make([]inlineButton, 0, len(row))
		for _, b := range row {
			switch {
			case b.WebApp != "":
				out = append(out, inlineButton{Text: b.Text, WebApp: &webAppInfo{URL: b.WebApp}})
			case b.URL != "":
				out = append(out, inlineButton{Text: b.Text, URL: b.URL})
			case b.Data == "" && b.Command != "":
				continue // for platforms without deep links
			case len(b.Data) < 1 || len(b.Data) > 64:
				return chat.Sent{}, fmt.Errorf("telegram: button %q: callback data must be 1–64 bytes, is %d", b.Text, len(b.Data))
			default:
				data := b.Data
				out = append(out, inlineButton{Text: b.Text, CallbackData: &data})
			}
		}
		if len(out) > 0 {
			m.InlineKeyboard = append(m.InlineKeyboard, out)
		}
	}
	parts := splitHTML(r.Text, maxText)
	if len(parts) == 0 {
		return chat.Sent{}, fmt.Errorf("telegram: the reply to %s has no text", r.ChatID)
	}
	return c.sendParts(ctx, tgChat(r), parts, m)
}

// SetMenuButton makes the menu button of the private chat with chatID open the Mini App at url
// under the label text; with url "" it goes back to Telegram's default (the command list).
func (c *Client) SetMenuButton(ctx context.Context, chatID int64, text, url string) error {
	button := map[string]any{"type": "default"}
	if url != "" {
		button = map[string]any{"type": "web_app", "text": text, "web_app": webAppInfo{URL: url}}
	}
	raw, err := json.Marshal(button)
	if err != nil {
		return err
	}
	return c.do(ctx, chatID, "setChatMenuButton", func(api *tgbotapi.BotAPI) error {
		_, err := api.MakeRequest("setChatMenuButton", tgbotapi.Params{"chat_id": strconv.FormatInt(chatID, 10), "menu_button": string(raw)})
		return err
	})
}
