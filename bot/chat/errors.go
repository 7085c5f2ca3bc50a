package chat

import (
	"errors"
	"html"

	"github.com/coordbot/coordbot/bot"
)

// UserError is an error the user caused (a bad argument, a command they may not use). Its text is
// shown to them in their language; nothing is logged above debug level.
type UserError struct {
	m    msg
	args []any
}

func (e *UserError) Error() string { return tr("en", e.m, e.args...) }

// In renders the error in lang.
func (e *UserError) In(lang string) string { return tr(lang, e.m, e.args...) }

// userErr builds a UserError; string arguments are HTML-escaped since the text is sent as HTML.
func userErr(m msg, args ...any) error {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = html.EscapeString(s)
		}
	}
	return &UserError{m: m, args: args}
}

var (
	msgSorry = msg{
		"Xin lỗi, bot gặp lỗi khi xử lý yêu cầu này; lỗi đã được ghi lại để kỹ thuật viên sửa. Nếu cần gấp, xin liên hệ cán bộ điều phối.",
		"Sorry, the bot hit an error handling this; it has been logged for the maintainers. If it is urgent, please contact a coordinator.",
	}
	msgStoreDown = msg{
		"Hệ thống lưu trữ đang tạm gián đoạn, vui lòng thử lại sau ít phút. Các câu hỏi về chương trình vẫn được trả lời bình thường.",
		"Storage is briefly unavailable; please try again shortly. Questions about the programme are still answered.",
	}
)

// errorText turns any handler error into what the user sees, and says whether it must be logged.
func errorText(lang string, err error) (text string, internal bool) {
	var ue *UserError
	switch {
	case errors.As(err, &ue):
		return ue.In(lang), false
	case errors.Is(err, bot.ErrStoreDown):
		return tr(lang, msgStoreDown), true
	default:
		return tr(lang, msgSorry), true
	}
}
