package zalo

import (
	"context"
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/i18n"
)

// Publisher turns a file into a link Zalo can fetch (bot/filelink).
type Publisher interface {
	Publish(ctx context.Context, name string, data []byte) (string, error)
}

// Outgoing is one Zalo call a reply becomes: a text, or a photo by URL with a caption.
type Outgoing struct {
	Text     string
	PhotoURL string
}

// Choice is a button offered as a numbered line: typing Number sends Data back to the bot.
type Choice struct {
	Number int
	Data   string
}

// Render turns a platform-neutral reply into what Zalo can show: plain text split at 2,000
// characters; buttons that answer the bot as numbered lines (returned as choices, to be remembered
// for the chat); link buttons as their address; a photo as a link fetched by sendPhoto; a document
// as a link in the text. Without a publisher (no COORDBOT_PUBLIC_URL) a file is replaced by a line
// saying where to get it. lang is the reader's language ("vi" or "en").
func Render(ctx context.Context, r chat.Reply, pub Publisher, lang string) ([]Outgoing, []Choice, error) {
	return RenderFor(ctx, r, pub, lang, "")
}

// RenderFor is Render for a group when mention is not "": there the bot sees only messages that
// quote it or @mention it, so the choices say to answer that way (mention is the bot's name).
func RenderFor(ctx context.Context, r chat.Reply, pub Publisher, lang, mention string) ([]Outgoing, []Choice, error) {
	if r.AnswerCallback != "" {
		// Zalo has no button presses to acknowledge; a note for the presser becomes a message.
		if r.CallbackNote == "" {
			return nil, nil, nil
		}
		return []Outgoing{{Text: PlainText(r.CallbackNote)}}, nil, nil
	}
	text := PlainText(r.Text)
	var choices []Choice
	var lines []string
	for _, row := range r.Buttons {
		for _, b := range row {
			switch {
			case b.Data != "":
				n := len(choices) + 1
				choices = append(choices, Choice{Number: n, Data: b.Data})
				lines = append(lines, fmt.Sprintf("%d. %s", n, PlainText(b.Text)))
			case b.Command != "":
				// A deep link into the private chat: Zalo has none, so say what to type there.
				lines = append(lines, PlainText(b.Text)+": "+i18n.Pick(lang, "nhắn riêng cho bot lệnh ", "send the bot privately ")+b.Command)
			case b.URL != "" && !strings.HasPrefix(b.URL, "https://t.me/"):
				lines = append(lines, PlainText(b.Text)+": "+b.URL)
			}
		}
	}
	switch {
	case len(choices) > 0 && mention != "":
		lines = append(lines, i18n.Pick(lang,
			"Để chọn, trả lời (trích dẫn) tin nhắn này hoặc nhắc @"+mention+" kèm số, ví dụ: @"+mention+" 1.",
			"To choose, reply to (quote) this message or mention @"+mention+" with the number, e.g. @"+mention+" 1."))
	case len(choices) > 0:
		lines = append(lines, i18n.Pick(lang, "Gõ số để chọn.", "Type a number to choose."))
	}
	if len(lines) > 0 {
		text = strings.TrimSpace(text + "\n\n" + strings.Join(lines, "\n"))
	}
	var out []Outgoing
	switch {
	case r.Photo != nil && pub != nil:
		link, err := pub.Publish(ctx, r.Photo.Name, r.Photo.Data)
		if err != nil {
			return nil, nil, err
		}
		caption, rest := text, ""
		if units(caption) > MaxText {
			caption, rest = "", text
		}
		out = append(out, Outgoing{PhotoURL: link, Text: caption})
		text = rest
	case r.Document != nil && pub != nil:
		link, err := pub.Publish(ctx, r.Document.Name, r.Document.Data)
		if err != nil {
			return nil, nil, err
		}
		text = strings.TrimSpace(text + "\n📎 " + r.Document.Name + ": " + link)
	case r.Photo != nil || r.Document != nil:
		f := r.Document
		if r.Photo != nil {
			f = r.Photo
		}
		name := f.Name
		text = strings.TrimSpace(text + "\n" + i18n.Pick(lang,
			"(Tệp “"+name+"” chưa gửi được qua Zalo vì bot chưa có địa chỉ công khai; xem trên Telegram, hoặc nhờ cán bộ điều phối gửi lại sau.)",
			"(The file “"+name+"” cannot be sent on Zalo because the bot has no public address; see it on Telegram, or ask a coordinator to send it later.)"))
	}
	for _, p := range Split(text, MaxText) {
		out = append(out, Outgoing{Text: p})
	}
	return out, choices, nil
}
