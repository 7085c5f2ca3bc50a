package chat

import (
	"context"
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
)

// Languages the bot speaks; the first is the default when nothing else is known.
var languages = []string{"vi", "en"}

// msg is one entry of the catalogue: the Vietnamese text and its English rendering, both
// fmt formats taking the same arguments.
type msg struct{ vi, en string }

// text is m as the programme's bilingual text, so both follow one fallback rule.
func (m msg) text() programme.Text { return programme.Text{VI: m.vi, EN: m.en} }

// tr formats catalogue entry m in lang, falling back to Vietnamese (programme.Text.In).
func tr(lang string, m msg, args ...any) string {
	f := m.text().In(lang)
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// clientLang is the reply language for a user who has not chosen one: Vietnamese for a Telegram
// client in Vietnamese, English for a client in any other language, def when the client says none.
func clientLang(code, def string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	switch {
	case code == "":
		return def
	case code == "vi" || strings.HasPrefix(code, "vi-") || strings.HasPrefix(code, "vi_"):
		return "vi"
	}
	return "en"
}

// normLang maps a user's choice or a client's language tag to a language the bot speaks.
func normLang(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "vi" || s == "vn" || strings.HasPrefix(s, "vi-") || s == "tiếng việt" || s == "tieng viet":
		return "vi", true
	case s == "en" || strings.HasPrefix(s, "en-") || s == "english" || s == "tiếng anh" || s == "tieng anh":
		return "en", true
	}
	return "", false
}

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
	if f := programme.Fold(title); programme.English(lang) || f == "nhom" || strings.HasPrefix(f, "nhom ") {
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
