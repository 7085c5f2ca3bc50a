// Package schedstore puts the bot's ReminderStore on the scheduler's Redis due queue. The two
// packages keep their own Reminder types so that bot imports no Redis and scheduler no bot; this
// is the one place that knows both.
package schedstore

import (
	"context"
	"fmt"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/internal/rediserr"
	"github.com/coordbot/coordbot/scheduler"
)

// Store is a bot.ReminderStore on a scheduler.Queue.
type Store struct{ q *scheduler.Queue }

// New wraps q.
func New(q *scheduler.Queue) Store { return Store{q: q} }

// Firer sends a due reminder: the conversation's Bot.
type Firer interface {
	Fire(ctx context.Context, f bot.Firing) error
}

// Fire adapts the bot's Fire to the scheduler's fire function.
func Fire(b Firer) func(context.Context, scheduler.Firing) error {
	return func(ctx context.Context, f scheduler.Firing) error {
		return b.Fire(ctx, bot.Firing{Reminder: FromQueue(f.Reminder), Occurrence: f.Occurrence, Late: f.Late})
	}
}

// ToQueue is the scheduler's form of a bot reminder.
func ToQueue(r bot.Reminder) scheduler.Reminder {
	return scheduler.Reminder{ID: r.ID, ChatID: idKey(r.ChatID), Kind: r.Kind, Ref: r.Ref, Text: r.Text, Cron: r.Cron,
		Lead: r.Lead, At: r.At, CreatedBy: idKey(r.CreatedBy), Meta: r.Meta}
}

// FromQueue is the bot's form of a queued reminder.
func FromQueue(r scheduler.Reminder) bot.Reminder {
	// The key form reads back as it was written; a reminder stored with a numeric chat id (before
	// Zalo) is a Telegram chat's. An unreadable id is left empty rather than losing the reminder.
	chatID, _ := bot.ParseID(r.ChatID)
	by, _ := bot.ParseID(r.CreatedBy)
	return bot.Reminder{ID: r.ID, ChatID: chatID, Kind: r.Kind, Ref: r.Ref, Text: r.Text, Cron: r.Cron,
		Lead: r.Lead, At: r.At, CreatedBy: by, Meta: r.Meta}
}

// AddReminder adds r to the queue.
func (a Store) AddReminder(ctx context.Context, r bot.Reminder) (bot.Reminder, error) {
	out, err := a.q.Add(ctx, ToQueue(r))
	return FromQueue(out), storeErr(err)
}

// Reminder returns one reminder by id.
func (a Store) Reminder(ctx context.Context, id string) (bot.Reminder, bool, error) {
	r, ok, err := a.q.Get(ctx, id)
	return FromQueue(r), ok, storeErr(err)
}

// CancelReminder removes a reminder.
func (a Store) CancelReminder(ctx context.Context, id string) (bot.Reminder, bool, error) {
	r, ok, err := a.q.Cancel(ctx, id)
	return FromQueue(r), ok, storeErr(err)
}

// Reminders lists a chat's pending reminders.
func (a Store) Reminders(ctx context.Context, chatID bot.ID) ([]bot.Reminder, error) {
	rs, err := a.q.List(ctx, idKey(chatID))
	out := make([]bot.Reminder, len(rs))
	for i, r := range rs {
		out[i] = FromQueue(r)
	}
	return out, storeErr(err)
}

// ReplaceRef replaces the reminders with ref, in one step.
func (a Store) ReplaceRef(ctx context.Context, ref string, rs []bot.Reminder) error {
	qs := make([]scheduler.Reminder, len(rs))
	for i, r := range rs {
		qs[i] = ToQueue(r)
	}
	return storeErr(a.q.ReplaceRef(ctx, ref, qs))
}

// Once takes slot for ttl, once across processes.
func (a Store) Once(ctx context.Context, slot string, ttl time.Duration) (bool, error) {
	ok, err := a.q.Once(ctx, slot, ttl)
	return ok, storeErr(err)
}

// ClaimSlot takes slot for one send.
func (a Store) ClaimSlot(ctx context.Context, slot string, ttl time.Duration) (string, bot.SlotState, error) {
	token, st, err := a.q.ClaimSlot(ctx, slot, ttl)
	var out bot.SlotState
	switch st {
	case scheduler.SlotClaimed:
		out = bot.SlotClaimed
	case scheduler.SlotSent:
		out = bot.SlotSent
	default:
		out = bot.SlotBusy
	}
	return token, out, storeErr(err)
}

// ConfirmSlot marks slot sent.
func (a Store) ConfirmSlot(ctx context.Context, slot string, ttl time.Duration) error {
	return storeErr(a.q.ConfirmSlot(ctx, slot, ttl))
}

// ReleaseSlot frees slot after a failed send.
func (a Store) ReleaseSlot(ctx context.Context, slot, token string) error {
	return storeErr(a.q.ReleaseSlot(ctx, slot, token))
}

// storeErr marks queue failures as the store being down, so users are asked to try again.
func storeErr(err error) error {
	if err == nil || !rediserr.Outage(err) {
		// A bug (CROSSSLOT, WRONGTYPE…) is not an outage: people must not be told to try again.
		return err
	}
	return fmt.Errorf("%w: %w", bot.ErrStoreDown, err)
}

// idKey is the queue's form of an id: its Key form, and "0" for none (a reminder for every
// subscribed group), as the queue stored ids when they were numbers.
func idKey(id bot.ID) string {
	if id.IsZero() {
		return "0"
	}
	return id.Key()
}
