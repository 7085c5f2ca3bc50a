package chat

import (
	"errors"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/view"
	"github.com/coordbot/coordbot/scheduler/when"
)

// parseLeads reads "1d,1h,30m".
func parseLeads(s string) ([]time.Duration, error) {
	var out []time.Duration
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		d, err := programme.ParseLead(f)
		if err != nil {
			return nil, userErr(i18n.BadLead, view.Truncate(f, 20))
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, userErr(i18n.BadLead, s)
	}
	return out, nil
}

// setWhen copies a parsed WHEN onto an activity.
func setWhen(a *bot.Activity, w when.When) {
	a.At, a.Every = w.At, w.Cron
}

// whenErr explains a WHEN error in the user's language.
func (b *activities) whenErr(err error) error {
	var we *when.WhenError
	if !errors.As(err, &we) {
		return err
	}
	in := view.Truncate(we.Input, 40)
	examples := strings.Join(when.Examples(), ", ")
	switch we.Kind {
	case when.Conflict:
		return userErr(i18n.WhenConflict, in, view.Truncate(we.Word, 20), examples)
	case when.Past:
		return userErr(i18n.WhenPast, in)
	case when.ImpossibleDate:
		return userErr(i18n.WhenImpossible, in)
	case when.BadCron:
		return userErr(i18n.WhenBadCron, in)
	case when.TooFar:
		return userErr(i18n.WhenTooFar, in)
	}
	if we.Word != "" && we.Word != we.Input {
		return userErr(i18n.WhenWord, view.Truncate(we.Word, 20), in, examples)
	}
	return userErr(i18n.WhenMalformed, in, examples)
}

// whenOpts are the WHEN options of the bot's commands: a day without a time takes the default
// hour (and the reply says so); past lets a coordinator enter work already done.
func whenOpts(past bool) when.Opts {
	return when.Opts{AllowNoTime: true, AllowPast: past, DefaultHour: when.DefaultHour}
}

// defaultNote says, after a time shown, that it is the default hour because none was typed.
func (b *activities) defaultNote(lang string, w when.When) string {
	if !w.DefaultTime {
		return ""
	}
	return i18n.WhenDefault.F(lang, w.At.In(b.cfg.Loc).Format("15:04"))
}
