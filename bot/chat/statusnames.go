package chat

import (
	"unicode"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot"
)

// msgStatus is the one table of status names: /tiendo, the plan, the history, the digest, the sơ
// kết (text and workbook) and the dashboard all name a status from here, so the same status never
// reads "dự kiến" in one view and "Chưa bắt đầu" in another.
var msgStatus = map[bot.Status]msg{
	bot.Planned:   {"chưa bắt đầu", "not started"},
	bot.UnderWay:  {"đang thực hiện", "under way"},
	bot.Done:      {"hoàn thành", "done"},
	bot.Overdue:   {"quá hạn", "overdue"},
	bot.Cancelled: {"đã hủy", "cancelled"},
}

// StatusName is status s in lang, as written inside a sentence ("đang thực hiện"); an unknown
// status is shown as it is kept.
func StatusName(lang string, s bot.Status) string {
	if m, ok := msgStatus[s]; ok {
		return tr(lang, m)
	}
	return string(s)
}

// StatusLabel is status s in lang as a heading or a table cell: StatusName with a capital
// ("Đang thực hiện").
func StatusLabel(lang string, s bot.Status) string { return capitalFirst(StatusName(lang, s)) }

// capitalFirst upper-cases the first letter of s.
func capitalFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
