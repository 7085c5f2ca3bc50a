package chat

import (
	"context"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
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

// groupName writes a group's title in bold, after the word "Nhóm" in Vietnamese unless the title
// already starts with it ("Nhóm thử nghiệm", not "Nhóm Nhóm thử nghiệm").
func groupName(lang, title string) string {
	t := "<b>" + esc(title) + "</b>"
	if f := programme.Fold(title); i18n.English(lang) || f == "nhom" || strings.HasPrefix(f, "nhom ") {
		return t
	}
	return "Nhóm " + t
}

// groupNameMid is groupName inside a sentence: "nhóm <b>Tổ 1</b>", or the title alone when it
// already says it is a group.
func groupNameMid(lang, title string) string {
	n := groupName(lang, title)
	if rest, ok := strings.CutPrefix(n, "Nhóm <b>"); ok {
		return "nhóm <b>" + rest
	}
	return n
}
