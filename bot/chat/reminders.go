package chat

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/view"
	"github.com/coordbot/coordbot/scheduler/when"
)

// remind handles /remind WHEN TEXT: a reminder to this chat.
func (b *groups) remind(ctx context.Context, req *Request) error {
	if strings.TrimSpace(req.Args) == "" {
		return userErr(i18n.RemindUsage)
	}
	w, text, err := when.SplitWhen(req.Args, b.cfg.Now(), b.cfg.Loc, whenOpts(false))
	if err != nil {
		return b.acts.whenErr(err)
	}
	if text == "" {
		return userErr(i18n.RemindNoText)
	}
	if b.cfg.Reminders == nil {
		return bot.ErrStoreDown
	}
	r, err := b.cfg.Reminders.AddReminder(ctx, bot.Reminder{ChatID: req.ChatID, Kind: bot.KindText, Text: text, Cron: w.Cron, At: w.At, CreatedBy: req.From.ID})
	if err != nil {
		return err
	}
	return b.reply(ctx, req, i18n.RemindSet.F(req.Lang, view.Esc(r.ID), b.whenText(req.Lang, r)+b.acts.defaultNote(req.Lang, w), view.Esc(text)))
}

// whenText shows a reminder's next time, and its schedule if it repeats.
func (b *groups) whenText(lang string, r bot.Reminder) string {
	s := b.view.Time(r.At)
	if r.Cron != "" {
		s = i18n.RemindEvery.F(lang, view.Esc(schedule(lang, r.Cron)), s)
	}
	return s
}

// schedule is a cron spec in words in lang ("08:00 thứ Hai hằng tuần"): people never see the spec.
func schedule(lang, spec string) string {
	vi, en := when.Describe(spec)
	return programme.Text{VI: vi, EN: en}.In(lang)
}

// reminders lists this chat's pending reminders.
func (b *groups) reminders(ctx context.Context, req *Request) error {
	if b.cfg.Reminders == nil {
		return bot.ErrStoreDown
	}
	rs, err := b.cfg.Reminders.Reminders(ctx, req.ChatID)
	if err != nil {
		return err
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].At.Before(rs[j].At) })
	acts, err := b.groupActivityReminders(ctx, req)
	if err != nil {
		return err
	}
	var sb strings.Builder
	if len(rs) == 0 && len(acts) == 0 {
		sb.WriteString(i18n.RemindNone.F(req.Lang))
		if b.isAdmin(req.From.ID) {
			sb.WriteString(i18n.RemindHowTo.F(req.Lang))
		}
	}
	if len(rs) > 0 {
		sb.WriteString(i18n.RemindList.F(req.Lang))
		for _, r := range rs {
			fmt.Fprintf(&sb, "\n#%s · %s · %s", view.Esc(r.ID), b.whenText(req.Lang, r), view.Esc(view.Truncate(r.Text, 80)))
		}
	}
	if len(acts) > 0 {
		if len(rs) > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(i18n.RemindActs.F(req.Lang))
		sb.WriteString(strings.Join(acts, ""))
	} else {
		sb.WriteString("\n\n" + i18n.RemindAuto.F(req.Lang))
	}
	return b.reply(ctx, req, sb.String())
}

// groupActivityReminders lists, in an approved group, the activity reminders that will go to it
// (those of open activities), one line each.
func (b *groups) groupActivityReminders(ctx context.Context, req *Request) ([]string, error) {
	if !req.ChatKind.IsGroup() {
		return nil, nil
	}
	groups, err := b.cfg.Store.Groups(ctx)
	if err != nil {
		return nil, err
	}
	subscribed := false
	for _, g := range groups {
		subscribed = subscribed || g.ChatID == req.ChatID
	}
	if !subscribed {
		return nil, nil
	}
	rs, err := b.cfg.Reminders.Reminders(ctx, "")
	if err != nil {
		return nil, err
	}
	acts, latest, err := b.programmeState(ctx)
	if err != nil {
		return nil, err
	}
	byCode := map[string]bot.Activity{}
	for _, a := range acts {
		byCode[a.Code] = a
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].At.Before(rs[j].At) })
	var out []string
	now := b.cfg.Now()
	for _, r := range rs {
		a, ok := byCode[r.Meta["code"]]
		if r.Kind != bot.KindActivity || !ok {
			continue
		}
		at, lead := reminderOcc(a, r, r.At)
		if !b.cal.StateAt(a, at, latest, now).Open() {
			continue
		}
		out = append(out, i18n.RemindActRow.F(req.Lang, view.Esc(r.ID), b.view.Time(r.At), b.fires.leadText(req.Lang, lead), view.Esc(a.Code), view.Esc(view.Truncate(view.Title(req.Lang, a), 60))))
	}
	return out, nil
}

// cancelReminder handles /cancel ID for a reminder of this chat.
func (b *groups) cancelReminder(ctx context.Context, req *Request) error {
	id := strings.TrimPrefix(strings.TrimSpace(req.Args), "#")
	if id == "" || strings.ContainsAny(id, " \t") {
		return userErr(i18n.CancelUsage)
	}
	if b.cfg.Reminders == nil {
		return bot.ErrStoreDown
	}
	// Only this chat's reminders: an id typed in one group must not cancel another's.
	r, ok, err := b.cfg.Reminders.Reminder(ctx, id)
	if err != nil {
		return err
	}
	if !ok || r.ChatID != req.ChatID {
		return userErr(i18n.NoReminder, view.Truncate(id, 12))
	}
	if _, _, err := b.cfg.Reminders.CancelReminder(ctx, id); err != nil {
		return err
	}
	return b.reply(ctx, req, i18n.Cancelled.F(req.Lang, view.Esc(id)))
}

// scheduleActivity replaces a's reminders: one per lead time before its next occurrence, to every
// subscribed group; none when it is cancelled, done or past.
func (b *groups) scheduleActivity(ctx context.Context, a bot.Activity) error {
	if b.cfg.Reminders == nil {
		return nil
	}
	return b.cfg.Reminders.ReplaceRef(ctx, "act:"+a.Code, b.activityReminders(a))
}

// activityReminders are the reminders a should have now, for every subscribed group: for a one-off
// activity one per lead time still ahead; for a recurring one one per lead time, due that long
// before the first occurrence it can still be sent for (an activity added at 07:30 for Monday
// 08:00 gets its 1-hour reminder before the next Monday's), and recurring with the activity's
// schedule, so that the scheduler re-arms it for the next occurrence in the same step that
// acknowledges each firing. A done activity keeps them (firing skips what is done), so that
// withdrawing the report that closed it brings them back.
func (b *groups) activityReminders(a bot.Activity) []bot.Reminder {
	if a.IsCancelled() {
		return nil
	}
	now := b.cfg.Now()
	var out []bot.Reminder
	for i, l := range a.LeadTimes() {
		at := a.At
		if a.Every != "" {
			at = b.occurrenceAfter(a, now.Add(l))
		}
		due := at.Add(-l)
		if at.IsZero() || !due.After(now) {
			continue
		}
		// One id per lead time ("A7-1", "A7-2"): replacing the reminders replaces these.
		r := bot.Reminder{ID: fmt.Sprintf("%s-%d", a.Code, i+1), Kind: bot.KindActivity, Ref: "act:" + a.Code, At: due,
			Meta: map[string]string{"code": a.Code, "lead": l.String()}}
		if a.Every != "" {
			r.Cron, r.Lead = a.Every, l
		} else {
			r.Meta["at"] = at.Format(time.RFC3339)
		}
		out = append(out, r)
	}
	return out
}

// occurrenceAfter is the first occurrence of recurring a strictly after t: its first time when
// that is still to come, else the next of its schedule; zero when there is none.
func (b *groups) occurrenceAfter(a bot.Activity, t time.Time) time.Time {
	if !a.At.IsZero() && a.At.After(t) {
		return a.At
	}
	next, ok := (when.When{Cron: a.Every}).Next(t, b.cfg.Loc)
	if !ok {
		return time.Time{}
	}
	return next
}

// reminderOcc is the occurrence of a that activity reminder r announces when due at due: for
// one that re-arms itself (Cron set) its due time plus its lead; for a one-off the time it was
// set for.
func reminderOcc(a bot.Activity, r bot.Reminder, due time.Time) (time.Time, time.Duration) {
	lead, _ := time.ParseDuration(r.Meta["lead"])
	if r.Cron != "" {
		return due.Add(r.Lead), r.Lead
	}
	at, err := time.Parse(time.RFC3339, r.Meta["at"])
	if err != nil {
		at = a.At
	}
	return at, lead
}
