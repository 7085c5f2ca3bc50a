package chat

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/view"
	"github.com/coordbot/coordbot/scheduler/when"
)

// onceTTL is how long a per-group send marker is kept: longer than any retry of one occurrence.
const onceTTL = 7 * 24 * time.Hour

// Fire sends one due reminder occurrence. A reminder for every subscribed group is sent to each
// group at most once per occurrence, even when the send is retried or another process fires it.
func (b *firing) Fire(ctx context.Context, f bot.Firing) error {
	ctx = Bulk(ctx) // replies to people go before reminders
	lang := b.cfg.Lang
	switch f.Kind {
	case bot.KindText:
		text := i18n.Reminder.F(lang, view.Esc(f.Text)) + b.lateNote(lang, f)
		err := b.sendAckable(ctx, f.ChatID, text, "")
		if after := (afterSendError{}); errors.As(err, &after) {
			// Sent: a retry would send it twice.
			b.log.Error("reminder sent but its acknowledgement not kept", "reminder", f.ID, "chat", f.ChatID, "err", after.err)
			return nil
		}
		return err
	case bot.KindActivity:
		return b.fireActivity(ctx, lang, f)
	case bot.KindDigest:
		return b.fireDigest(ctx, lang, f)
	}
	b.log.Warn("unknown reminder kind", "kind", f.Kind, "id", f.ID)
	return nil
}

func (b *firing) lateNote(lang string, f bot.Firing) string {
	if !f.Late {
		return ""
	}
	return i18n.Late.F(lang, b.view.Time(f.Occurrence))
}

// sendAckable sends a reminder message with the acknowledge and report buttons.
func (b *firing) sendAckable(ctx context.Context, chatID bot.ID, text, code string) error {
	sent, err := b.send(ctx, Reply{ChatID: chatID, Text: text, Buttons: b.ackButtons(chatID, b.cfg.Lang, code)})
	if err != nil {
		return err
	}
	if err := b.cfg.Store.SaveAck(ctx, chatID, sent.MessageID, text, code); err != nil {
		return afterSendError{err}
	}
	return nil
}

// ackButtons are "✅ Đã nhận" and "📝 Báo cáo", which opens the report flow in a private chat (a
// bot cannot write to a user first): on Telegram a deep link when the bot has a username, on Zalo
// the command to type.
func (b *firing) ackButtons(chat bot.ID, lang, code string) [][]Button {
	row := []Button{{Text: i18n.AckButton.F(lang), Data: "ack"}}
	payload, cmd := "report", "/baocao"
	if code != "" {
		payload, cmd = payload+"-"+code, cmd+" "+code
	}
	if btn, ok := b.privateButton(chat, i18n.ReportBtn.F(lang), payload, cmd); ok {
		row = append(row, btn)
	}
	return [][]Button{row}
}

// privateButton opens the private chat with the bot at /start payload: a t.me deep link on
// Telegram (none without a username), and command, what to type there, for platforms without
// deep links. ok is false when chat's platform can show neither.
func (b *firing) privateButton(chat bot.ID, text, payload, command string) (Button, bool) {
	btn := Button{Text: text, Command: command}
	if b.cfg.Username != "" {
		btn.URL = "https://t.me/" + b.cfg.Username + "?start=" + payload
	}
	if chat.Platform() == bot.PlatformTelegram || chat.Platform() == "" {
		return btn, btn.URL != ""
	}
	return btn, true
}

// toRecipients sends what fires to every subscribed group and, when the Zalo bot cannot join
// groups (ZaloPrivateReminders), privately to each Zalo reporter who wrote to the bot.
func (b *firing) toRecipients(ctx context.Context, f bot.Firing, send func(chat bot.ID) error) error {
	groups, err := b.cfg.Store.Groups(ctx)
	if err != nil {
		return err
	}
	ids := make([]bot.ID, len(groups))
	for i, g := range groups {
		ids[i] = g.ChatID
	}
	if b.cfg.ZaloPrivateReminders {
		people, err := b.cfg.Store.PrivateRecipients(ctx, bot.PlatformZalo)
		if err != nil {
			return err
		}
		ids = append(ids, people...)
	}
	return b.onceEach(ctx, f, ids, send)
}

// slotClaimTTL is how long a chat's slot of one occurrence says "sending" before it frees itself:
// longer than a send usually takes, and shorter than the scheduler's retries of a failed firing
// (5 + 10 + 15 + 20 s), so that the claim of a process that died while sending has expired before
// the last retry and the chat still gets the occurrence. While the scheduler's lease is held, no
// one else fires the occurrence, so a send slower than this is not sent twice either.
const slotClaimTTL = 30 * time.Second

// errSlotBusy says another firing holds a chat's slot (or held it when it died): the firing is
// retried later, when that claim is confirmed or has expired.
var errSlotBusy = errors.New("another firing is sending this occurrence to the chat")

// afterSendError is a failure after the message went out (keeping its acknowledgement): the send
// counts as done and must not be repeated.
type afterSendError struct{ err error }

func (e afterSendError) Error() string { return "after the send: " + e.err.Error() }
func (e afterSendError) Unwrap() error { return e.err }

// onceEach sends to each chat exactly once per occurrence in the normal path, and at least once
// under a single fault. Each chat's slot is claimed ("sending", for slotClaimTTL) before its send
// and marked sent (for onceTTL) only after it went out; a send that fails releases the slot and
// makes onceEach return an error, so that the scheduler retries the firing (within its grace and
// tries) and the retry skips the chats already served. A chat that removed the bot was
// unsubscribed by send and counts as done; so does a chat of a platform this process has no
// transport for (logged).
func (b *firing) onceEach(ctx context.Context, f bot.Firing, chats []bot.ID, send func(chat bot.ID) error) error {
	var failed error
	for _, chat := range chats {
		slot := fmt.Sprintf("fired:%s:%d:%s", f.ID, f.Occurrence.Unix(), chat.Key())
		token, st, err := b.cfg.Reminders.ClaimSlot(ctx, slot, slotClaimTTL)
		if err != nil {
			return err
		}
		switch st {
		case bot.SlotSent:
			continue
		case bot.SlotBusy:
			failed = cmp.Or(failed, fmt.Errorf("chat %s: %w", chat, errSlotBusy))
			continue
		}
		err = send(chat)
		var after afterSendError
		switch {
		case err == nil, errors.As(err, &after), errors.Is(err, ErrChatGone):
			if after.err != nil {
				b.log.Error("reminder sent but its acknowledgement not kept", "reminder", f.ID, "chat", chat, "err", after.err)
			}
			// The message is out (or the chat is gone): record it even if ctx ended meanwhile.
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			err = b.cfg.Reminders.ConfirmSlot(cctx, slot, onceTTL)
			cancel()
			if err != nil {
				return err
			}
		case errors.Is(err, ErrNoTransport):
			b.log.Warn("reminder not delivered: no transport for the chat's platform", "reminder", f.ID, "chat", chat)
			if err := b.cfg.Reminders.ConfirmSlot(ctx, slot, onceTTL); err != nil {
				return err
			}
		default:
			b.log.Warn("reminder not delivered; the firing will be retried", "reminder", f.ID, "chat", chat, "err", err)
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			rerr := b.cfg.Reminders.ReleaseSlot(rctx, slot, token)
			cancel()
			if rerr != nil {
				return rerr
			}
			failed = cmp.Or(failed, fmt.Errorf("chat %s: %w", chat, err))
		}
	}
	return failed
}

func (b *firing) fireActivity(ctx context.Context, lang string, f bot.Firing) error {
	code := f.Meta["code"]
	a, ok, err := b.cfg.Store.Activity(ctx, code)
	if err != nil {
		return err
	}
	if !ok || a.IsCancelled() {
		return nil
	}
	at, lead := reminderOcc(a, f.Reminder, f.Occurrence)
	latest, err := b.cfg.Store.Latest(ctx)
	if err != nil {
		return err
	}
	var sendErr error
	// A reminder of an occurrence already done is not sent; it stays pending until its time, so
	// that withdrawing the report that closed it brings it back.
	if b.cal.StateAt(a, at, latest, b.cfg.Now()).Open() {
		text := i18n.ActSoon.F(lang, b.leadText(lang, lead), view.Esc(a.Code), view.Esc(view.Title(lang, a)),
			i18n.WhenLine.F(lang, b.view.Time(at)+view.OwnerSuffix(a))) + b.lateNote(lang, f)
		sendErr = b.toRecipients(ctx, f, func(chat bot.ID) error { return b.sendAckable(ctx, chat, text, a.Code) })
	}
	// A recurring activity's reminders re-arm themselves for the next occurrence when the
	// scheduler acknowledges this firing. One stored before they did (no Cron) is replaced, once
	// this occurrence's last one has fired, by reminders that do: also when a group's send
	// failed (that group is then not retried), since the activity must not lose its reminders.
	if a.Every != "" && f.Cron == "" && lead == slices.Min(a.LeadTimes()) {
		return errors.Join(sendErr, b.grps.scheduleActivity(ctx, a))
	}
	return sendErr
}

// leadText writes a lead time the way people say it: "1 ngày", "2 giờ", "30 phút".
func (b *firing) leadText(lang string, d time.Duration) string {
	switch {
	case d >= 24*time.Hour && d%(24*time.Hour) == 0:
		return i18n.LeadDays.F(lang, int(d/(24*time.Hour)))
	case d >= time.Hour && d%time.Hour == 0:
		return i18n.LeadHours.F(lang, int(d/time.Hour))
	}
	return i18n.LeadMinutes.F(lang, int(d/time.Minute))
}

// onAck records a press on "✅ Đã nhận" and shows who acknowledged under the message.
func (b *firing) onAck(ctx context.Context, req *Request, _, _ string) error {
	text, code, names, added, err := b.cfg.Store.Ack(ctx, req.ChatID, req.Callback.MessageID, req.From.ID, req.From.Name())
	if err != nil {
		return err
	}
	switch {
	case text == "":
		return b.ack(ctx, req, i18n.AckExpired.F(req.Lang))
	case !added:
		return b.ack(ctx, req, i18n.AlreadyAck.F(req.Lang))
	}
	if err := b.ack(ctx, req, i18n.AckedToast.F(req.Lang)); err != nil {
		return err
	}
	if req.ChatID.Platform() != bot.PlatformTelegram {
		return nil // no message to edit there: the note above is the answer
	}
	for i, n := range names {
		names[i] = view.Esc(n)
	}
	_, err = b.send(ctx, Reply{ChatID: req.ChatID, Edit: req.Callback.MessageID,
		Text: text + i18n.Acked.F(b.cfg.Lang, strings.Join(names, ", ")), Buttons: b.ackButtons(req.ChatID, b.cfg.Lang, code)})
	return err
}

// EnsureDigest schedules the weekly digest with spec (5-field cron) unless it is already pending.
func (b *firing) EnsureDigest(ctx context.Context, spec string) error {
	if b.cfg.Reminders == nil {
		return nil
	}
	// Re-adding a pending digest would reset it, losing one that fell due while the bot was down.
	r, ok, err := b.cfg.Reminders.Reminder(ctx, bot.DigestID)
	if err != nil || (ok && r.Cron == spec) {
		return err
	}
	next, ok := when.When{Cron: spec}.Next(b.cfg.Now(), b.cfg.Loc)
	if !ok {
		return fmt.Errorf("digest schedule %q never fires", spec)
	}
	_, err = b.cfg.Reminders.AddReminder(ctx, bot.Reminder{ID: bot.DigestID, Kind: bot.KindDigest, Cron: spec, At: next})
	return err
}

// buildDigest computes the digest from the activities, their latest reports and every report at
// now. A recurring activity counts per occurrence: its current occurrence needs an update when
// nobody reported on it. What needs an update is the assessment's "not reported" (assess.go), the
// same as /progress stale shows.
func (b *firing) buildDigest(acts []bot.Activity, latest map[string]bot.Report, reports []bot.Report, now time.Time) bot.Digest {
	as := b.cal.Assess(acts, latest, reports, time.Time{}, time.Time{}, now, bot.DefaultStaleDays)
	return b.cal.DigestOf(as, latest, now, "", b.cfg.Programme.UnitWithin)
}

// fireDigest sends each subscribed group this week's activities and progress, with nudges for
// open activities nobody reported on for 7 days; the last reporter of each also gets a private
// nudge (if they never started the bot, Telegram refuses and that is fine).
func (b *firing) fireDigest(ctx context.Context, lang string, f bot.Firing) error {
	acts, latest, reports, err := b.cfg.Store.Everything(ctx)
	if err != nil {
		return err
	}
	now := b.cfg.Now()
	d := b.buildDigest(acts, latest, reports, now)
	// Each group hears of its own unit and the units under it; a group of no (known) unit, and a
	// person, of the whole programme. One text per unit, computed once.
	groups, err := b.cfg.Store.Groups(ctx)
	if err != nil {
		return err
	}
	unitOf := map[bot.ID]string{}
	for _, g := range groups {
		if _, ok := b.cfg.Programme.Unit(g.Unit); ok && g.Unit != "" {
			unitOf[g.ChatID] = strings.ToUpper(g.Unit)
		}
	}
	textOf := map[string]string{}
	// A group whose send failed makes the firing fail, to be retried; the nudges go out anyway
	// (each once), so that they do not wait for that group or depend on it.
	groupErr := b.toRecipients(ctx, f, func(chat bot.ID) error {
		unit := unitOf[chat]
		text, ok := textOf[unit]
		if !ok {
			dd := d
			if unit != "" {
				dd = b.cal.DigestOf(d.As, latest, now, unit, b.cfg.Programme.UnitWithin)
			}
			text = b.view.Digest(lang, dd) + b.lateNote(lang, f)
			textOf[unit] = text
		}
		_, err := b.send(ctx, Reply{ChatID: chat, Text: text})
		return err
	})
	for _, it := range d.Stale {
		a, st := it.Activity, it.State
		if !st.Reported {
			continue
		}
		r := st.Latest
		first, err := b.cfg.Reminders.Once(ctx, nudgeSlot(strconv.FormatInt(f.Occurrence.Unix(), 10), a.Code, r.UserID), onceTTL)
		if err != nil || !first {
			continue
		}
		b.prog.sendNudge(ctx, r.UserID, bot.Assessed{Activity: a, State: st}, d.As.StaleDays)
	}
	// The owner persons too; one who is also the last reporter shares that slot, so gets one.
	_, _, err = b.prog.nudgeOwners(ctx, d.As, strconv.FormatInt(f.Occurrence.Unix(), 10))
	return errors.Join(groupErr, err)
}

// nudgeSlot names the once-only slot of a nudge to a person on an activity.
func nudgeSlot(slot, code string, id bot.ID) string {
	return "nudge:" + slot + ":" + code + ":" + id.Key()
}
