package bot_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
)

// memChanges keeps activities in a map and applies each change's Edit to what it stores, as the
// Redis step does under WATCH; it records the audit written.
type memChanges struct {
	acts   map[string]bot.Activity
	latest map[string]bot.Report
	audit  []bot.Audit
}

func (m *memChanges) ChangeActivity(_ context.Context, ch bot.ActivityChange) (bot.Activity, bool, error) {
	stored, ok := m.acts[ch.Activity.Code]
	if !ok {
		return ch.Activity, false, bot.ErrNoActivity
	}
	au := ch.Audit
	a, err := ch.Edit(stored, &au)
	if err != nil {
		return stored, false, err
	}
	m.acts[a.Code] = a
	m.audit = append(m.audit, au)
	return a, true, nil
}

func (m *memChanges) Latest(context.Context) (map[string]bot.Report, error) { return m.latest, nil }

func TestCancelAndRestoreAreFunctionsOfWhatIsStored(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, loc)
	a := bot.Activity{Code: "A1", Title: "Tuần tra", At: now.Add(48 * time.Hour)}
	st := &memChanges{acts: map[string]bot.Activity{"A1": a},
		latest: map[string]bot.Report{bot.LatestKey("A1", ""): {Code: "A1", Percent: 80, At: now}}}
	svc := bot.Activities{Store: st, Cal: bot.Calendar{Loc: loc}, Now: func() time.Time { return now }}
	ctx := context.Background()

	got, err := svc.Cancel(ctx, a, bot.Audit{Reason: "trùng lịch"}, "")
	if err != nil || !got.IsCancelled() {
		t.Fatalf("Cancel = %+v, %v", got, err)
	}
	if au := st.audit[0]; au.Action != bot.ActActivityCancel || au.Before != string(bot.UnderWay) || au.After != string(bot.Cancelled) || au.Reason != "trùng lịch" {
		t.Errorf("the cancel's audit = %+v; want underway → cancelled with its reason", au)
	}
	// A second cancel from a stale copy (the handler read it before the first) changes nothing.
	if _, err := svc.Cancel(ctx, a, bot.Audit{}, ""); !errors.Is(err, bot.ErrUnchanged) || len(st.audit) != 1 {
		t.Errorf("a cancel of what is cancelled: %v, %d audit entries", err, len(st.audit))
	}
	got, err = svc.Restore(ctx, st.acts["A1"], bot.Audit{}, "")
	if err != nil || got.IsCancelled() {
		t.Fatalf("Restore = %+v, %v", got, err)
	}
	if au := st.audit[1]; au.Action != bot.ActActivityRestore || au.Before != string(bot.Cancelled) || au.After != string(bot.UnderWay) {
		t.Errorf("the restore's audit = %+v; want cancelled → underway", au)
	}
	if _, err := svc.Restore(ctx, got, bot.Audit{}, ""); !errors.Is(err, bot.ErrUnchanged) {
		t.Errorf("a restore of what is not cancelled: %v", err)
	}
}
