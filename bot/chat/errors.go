package chat

import (
	"errors"
	"html"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
)

// UserError is an error the user caused (a bad argument, a command they may not use). Its text is
// shown to them in their language; nothing is logged above debug level.
type UserError struct {
	m    msg
	args []any
}

func (e *UserError) Error() string { return e.m.F("en", e.args...) }

// In renders the error in lang.
func (e *UserError) In(lang string) string { return e.m.F(lang, e.args...) }

// userErr builds a UserError; string arguments are HTML-escaped since the text is sent as HTML.
func userErr(m msg, args ...any) error {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = html.EscapeString(s)
		}
	}
	return &UserError{m: m, args: args}
}

// errorText turns any handler error into what the user sees, and says whether it must be logged.
func errorText(lang string, err error) (text string, internal bool) {
	var ue *UserError
	switch {
	case errors.As(err, &ue):
		return ue.In(lang), false
	case errors.Is(err, bot.ErrStoreDown):
		return i18n.StoreDown.F(lang), true
	default:
		return i18n.Sorry.F(lang), true
	}
}
