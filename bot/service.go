package bot

import (
	"context"
	"errors"
	"time"
)

// ErrUnchanged aborts an activity's step whose change another one already made: a cancel of
// what was cancelled meanwhile, a restore of what is no longer cancelled.
var ErrUnchanged = errors.New("already in that state")

// ActivityChanges is what the activities' service needs of the store.
type ActivityChanges interface {
	ChangeActivity(ctx context.Context, ch ActivityChange) (a Activity, applied bool, err error)
	Latest(ctx context.Context) (map[string]Report, error)
}

// Activities is the service of an activity's changes of state: each is one store step whose
// precondition is checked on the activity as stored, inside the step (ActivityChange.Edit), so
// two coordinators racing never undo each other.
type Activities struct {
	Store ActivityChanges
	Cal   Calendar
	Now   func() time.Time
	// Reminders builds an activity's reminders as stored (nil: the store keeps none).
	Reminders func(Activity) []Reminder
}

// Change applies ch in one step, with the activity's reminders rebuilt from what is stored.
func (s Activities) Change(ctx context.Context, ch ActivityChange) (Activity, bool, error) {
	if s.Reminders != nil {
		ch.Reminders = s.Reminders
	}
	return s.Store.ChangeActivity(ctx, ch)
}

// Cancel cancels a; the audit au says where it stood before ("đang thực hiện → đã hủy").
// ErrUnchanged when it was cancelled meanwhile.
func (s Activities) Cancel(ctx context.Context, a Activity, au Audit, updateID UpdateKey) (Activity, error) {
	before, err := s.StatusNow(ctx, a)
	if err != nil {
		return a, err
	}
	au.Action, au.Before, au.After = ActActivityCancel, string(before), string(Cancelled)
	now := s.Now()
	cancel := func(stored Activity, _ *Audit) (Activity, error) {
		if stored.IsCancelled() {
			return stored, ErrUnchanged
		}
		stored.Status, stored.Updated = Cancelled, now
		return stored, nil
	}
	a, _, err = s.Change(ctx, ActivityChange{Activity: a, Edit: cancel, Audit: au, UpdateID: updateID})
	return a, err
}

// Restore brings cancelled a back, with its future reminders; the audit says the status it
// returns to. ErrUnchanged when it is no longer cancelled.
func (s Activities) Restore(ctx context.Context, a Activity, au Audit, updateID UpdateKey) (Activity, error) {
	restored := a
	restored.Status = Planned
	after, err := s.StatusNow(ctx, restored)
	if err != nil {
		return a, err
	}
	au.Action, au.Before, au.After = ActActivityRestore, string(Cancelled), string(after)
	now := s.Now()
	restore := func(stored Activity, _ *Audit) (Activity, error) {
		if !stored.IsCancelled() {
			return stored, ErrUnchanged
		}
		stored.Status, stored.Updated = Planned, now
		return stored, nil
	}
	a, _, err = s.Change(ctx, ActivityChange{Activity: a, Edit: restore, Audit: au, UpdateID: updateID})
	return a, err
}

// StatusNow is where a stands now, given its latest reports.
func (s Activities) StatusNow(ctx context.Context, a Activity) (Status, error) {
	latest, err := s.Store.Latest(ctx)
	if err != nil {
		return "", err
	}
	return s.Cal.State(a, latest, s.Now()).Status, nil
}
