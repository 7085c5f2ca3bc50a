package scheduler

import (
	"context"
	"testing"
	"time"
)

// TestReplaceRefIsOneStep replaces an activity's reminders: the old ones go (a claim on one
// ends), the new ones fire, and other reminders are untouched.
func TestReplaceRefIsOneStep(t *testing.T) {
	e := newEnv(t, "2026-11-26 09:00")
	ctx := context.Background()
	at := e.clock.Now().Add(time.Hour)
	e.add(t, Reminder{ID: "A1-1", Ref: "act:A1", Kind: "activity", At: at})
	e.add(t, Reminder{ID: "A1-2", Ref: "act:A1", Kind: "activity", At: at.Add(time.Hour)})
	e.add(t, Reminder{ID: "B1-1", Ref: "act:B1", Kind: "activity", At: at})
	if err := e.q.ReplaceRef(ctx, "act:A1", []Reminder{{ID: "A1-1", Ref: "act:A1", Kind: "activity", At: at.Add(3 * time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	rs, err := e.q.ListRef(ctx, "act:A1")
	if err != nil || len(rs) != 1 || !rs[0].At.Equal(at.Add(3*time.Hour)) {
		t.Fatalf("A1's reminders = %+v, %v; want the one new reminder", rs, err)
	}
	if rs, _ := e.q.ListRef(ctx, "act:B1"); len(rs) != 1 {
		t.Fatalf("B1's reminders were touched: %+v", rs)
	}
	if err := e.q.ReplaceRef(ctx, "act:A1", []Reminder{{Ref: "act:A1", At: at}}); err == nil {
		t.Fatal("a reminder without an id was accepted")
	}
	if err := e.q.ReplaceRef(ctx, "act:A1", nil); err != nil {
		t.Fatal(err)
	}
	if rs, _ := e.q.ListRef(ctx, "act:A1"); len(rs) != 0 {
		t.Fatalf("A1 still has %+v", rs)
	}
	if n, _ := e.q.Pending(ctx); n != 1 {
		t.Fatalf("%d pending, want B1's one", n)
	}
}
