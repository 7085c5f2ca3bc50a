package view

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
)

// Esc escapes programme or user text for Telegram HTML.
func Esc(s string) string { return html.EscapeString(s) }

// Truncate keeps the first n runes of s and marks the cut with "…", for echoing input back.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// PlainText turns a reply's HTML into the text a reader sees: tags dropped, entities decoded.
func PlainText(h string) string {
	var sb strings.Builder
	for {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			sb.WriteString(h)
			break
		}
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			sb.WriteString(h)
			break
		}
		sb.WriteString(h[:i])
		h = h[i+j+1:]
	}
	return html.UnescapeString(sb.String())
}

// Bar draws percent as ten cells: ▓▓▓▓▓▓░░░░ 60%.
func Bar(percent int) string {
	n := (percent + 5) / 10
	n = max(0, min(10, n))
	return strings.Repeat("▓", n) + strings.Repeat("░", 10-n) + fmt.Sprintf(" %d%%", percent)
}

// GroupName writes a group's title in bold, after the word "Nhóm" in Vietnamese unless the title
// already starts with it ("Nhóm thử nghiệm", not "Nhóm Nhóm thử nghiệm").
func GroupName(lang, title string) string {
	t := "<b>" + Esc(title) + "</b>"
	if f := programme.Fold(title); i18n.English(lang) || f == "nhom" || strings.HasPrefix(f, "nhom ") {
		return t
	}
	return "Nhóm " + t
}

// GroupNameMid is GroupName inside a sentence: "nhóm <b>Tổ 1</b>", or the title alone when it
// already says it is a group.
func GroupNameMid(lang, title string) string {
	n := GroupName(lang, title)
	if rest, ok := strings.CutPrefix(n, "Nhóm <b>"); ok {
		return "nhóm <b>" + rest
	}
	return n
}

func OwnerSuffix(a bot.Activity) string {
	if a.Owner == "" {
		return ""
	}
	return " · " + Esc(a.Owner)
}

// Mention links to a user by id, which notifies them in a group even without a username.
func Mention(id bot.ID, name string) string {
	n, ok := id.Telegram()
	if !ok {
		return "<b>" + Esc(name) + "</b>" // Zalo has no Mention link
	}
	return `<a href="tg://user?id=` + strconv.FormatInt(n, 10) + `">` + Esc(name) + `</a>`
}

// PersonText shows the owner person: "@lan" as given, a Telegram id as "#123", a Zalo one as
// "zl:…".
func PersonText(p string) string {
	if p == "" || strings.HasPrefix(p, "@") {
		return p
	}
	if id, err := bot.ParseID(p); err == nil && id.Platform() == bot.PlatformTelegram {
		return "#" + id.Native()
	}
	return p
}

// TitleMax bounds an activity's title in the bounded views, so that ten lines always fit a screen.
const TitleMax = 60

// DigestMax is how many activities each list of the weekly digest shows before "… và N khác".
const DigestMax = 10
