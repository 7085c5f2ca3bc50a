package bot

import (
	"context"
	"time"
)

// Reminder is a message due at a time, once or on a schedule. ChatID 0 means every subscribed
// group (activity reminders and the weekly digest).
type Reminder struct {
	ID     string
	ChatID ID
	Kind   string // "text", "activity" or "digest"
	Ref    string // "act:CODE" for an activity's reminders
	Text   string
	Cron   string
	// Lead, with Cron, makes the reminder due Lead before each occurrence of Cron (an activity's
	// "1 day before"); after each firing it re-arms itself for the next occurrence.
	Lead      time.Duration
	At        time.Time
	CreatedBy ID
	Meta      map[string]string
}

// Firing is one due occurrence of a reminder.
type Firing struct {
	Reminder
	Occurrence time.Time
	// Late is set when the bot was down when the occurrence fell due.
	Late bool
}

// ReminderStore is the due queue as the bot sees it.
type ReminderStore interface {
	AddReminder(ctx context.Context, r Reminder) (Reminder, error)
	Reminder(ctx context.Context, id string) (Reminder, bool, error)
	CancelReminder(ctx context.Context, id string) (Reminder, bool, error)
	Reminders(ctx context.Context, chatID ID) ([]Reminder, error)
	// ReplaceRef replaces every reminder with ref by rs.
	ReplaceRef(ctx context.Context, ref string, rs []Reminder) error
	// Once is true for the first caller of slot within ttl, across processes.
	Once(ctx context.Context, slot string, ttl time.Duration) (bool, error)
	// ClaimSlot takes slot for one send for ttl (see SlotState); ConfirmSlot marks it sent for
	// ttl once the send went out; ReleaseSlot frees it after a failed send, for a retry.
	ClaimSlot(ctx context.Context, slot string, ttl time.Duration) (token string, st SlotState, err error)
	ConfirmSlot(ctx context.Context, slot string, ttl time.Duration) error
	ReleaseSlot(ctx context.Context, slot, token string) error
}

// SlotState is what ClaimSlot found.
type SlotState int

// States of a once-only send slot.
const (
	// SlotClaimed: the slot is the caller's: send, then confirm or release it.
	SlotClaimed SlotState = iota
	// SlotSent: already sent; skip it.
	SlotSent
	// SlotBusy: another caller is sending it, or died while sending and its claim has not
	// expired yet; try again later.
	SlotBusy
)

// Kinds of reminder.
const (
	KindText     = "text"
	KindActivity = "activity"
	KindDigest   = "digest"
	// DigestID is the one weekly digest reminder's id.
	DigestID = "digest"
)
