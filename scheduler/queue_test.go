package scheduler

import (
	"context"
	"strconv"
	"testing"
	"time"
)

func TestQueueAddListCancel(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	ctx := context.Background()
	at := func(s string) time.Time { return mustTime(t, e.loc, s) }
	late := e.add(t, Reminder{ChatID: "1", Kind: "text", Text: "Họp giao ban", At: at("2026-12-01 08:00"), CreatedBy: "7",
		Meta: map[string]string{"lang": "vi"}})
	early := e.add(t, Reminder{ChatID: "1", Kind: "text", Text: "Tập huấn", At: at("2026-11-27 08:00")})
	weekly := e.add(t, Reminder{ChatID: "1", Kind: "text", Text: "Giao ban tuần", Cron: "0 8 * * 1", At: at("2026-11-30 08:00")})
	other := e.add(t, Reminder{ChatID: "2", Kind: "activity", Ref: "A7", At: at("2026-11-28 08:00")})

	t.Run("ids are assigned in order", func(t *testing.T) {
		for i, r := range []Reminder{late, early, weekly, other} {
			if want := []string{"1", "2", "3", "4"}[i]; r.ID != want {
				t.Errorf("reminder %d ID = %q, want %q", i, r.ID, want)
			}
		}
	})
	t.Run("list gives a chat's reminders soonest first", func(t *testing.T) {
		got, err := e.q.List(ctx, "1")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range got {
			ids = append(ids, r.ID)
		}
		if len(ids) != 3 || ids[0] != early.ID || ids[1] != weekly.ID || ids[2] != late.ID {
			t.Errorf("List(1) ids = %v, want [%s %s %s]", ids, early.ID, weekly.ID, late.ID)
		}
	})
	t.Run("get returns every field", func(t *testing.T) {
		got, ok, err := e.q.Get(ctx, late.ID)
		if err != nil || !ok {
			t.Fatalf("Get = %v, %v", ok, err)
		}
		if got.ChatID != "1" || got.Kind != "text" || got.Text != "Họp giao ban" || got.CreatedBy != "7" ||
			!got.At.Equal(late.At) || got.At.Location() != e.loc || got.Meta["lang"] != "vi" {
			t.Errorf("Get = %+v, want %+v", got, late)
		}
	})
	t.Run("cancel removes it once", func(t *testing.T) {
		got, ok, err := e.q.Cancel(ctx, early.ID)
		if err != nil || !ok || got.Text != "Tập huấn" {
			t.Fatalf("Cancel = %+v, %v, %v", got, ok, err)
		}
		if _, ok, _ := e.q.Cancel(ctx, early.ID); ok {
			t.Error("second Cancel reported success")
		}
		if _, ok, _ := e.q.Get(ctx, early.ID); ok {
			t.Error("Get found a cancelled reminder")
		}
		list, _ := e.q.List(ctx, "1")
		if len(list) != 2 {
			t.Errorf("List after cancel has %d reminders, want 2", len(list))
		}
	})
	t.Run("cancel of an unknown id is not found", func(t *testing.T) {
		if _, ok, err := e.q.Cancel(ctx, "999"); ok || err != nil {
			t.Errorf("Cancel(999) = %v, %v", ok, err)
		}
	})
	t.Run("ref lists and cancels an activity's reminders", func(t *testing.T) {
		second := e.add(t, Reminder{ChatID: "3", Kind: "activity", Ref: "A7", At: at("2026-11-29 08:00")})
		got, err := e.q.ListRef(ctx, "A7")
		if err != nil || len(got) != 2 || got[0].ID != other.ID || got[1].ID != second.ID {
			t.Fatalf("ListRef = %+v, %v", got, err)
		}
		n, err := e.q.CancelRef(ctx, "A7")
		if err != nil || n != 2 {
			t.Fatalf("CancelRef = %d, %v; want 2", n, err)
		}
		if got, _ := e.q.ListRef(ctx, "A7"); len(got) != 0 {
			t.Errorf("ListRef after CancelRef = %+v", got)
		}
		if got, _ := e.q.List(ctx, "2"); len(got) != 0 {
			t.Errorf("List(2) after CancelRef = %+v", got)
		}
	})
	t.Run("add with an existing id replaces it and moves its chat", func(t *testing.T) {
		moved := e.add(t, Reminder{ID: late.ID, ChatID: "5", Text: "Đã đổi", At: at("2026-12-02 08:00")})
		if l, _ := e.q.List(ctx, "1"); len(l) != 1 || l[0].ID != weekly.ID {
			t.Errorf("List(1) after replace = %+v, want only %s", l, weekly.ID)
		}
		if l, _ := e.q.List(ctx, "5"); len(l) != 1 || l[0].Text != "Đã đổi" || !l[0].At.Equal(moved.At) {
			t.Errorf("List(5) after replace = %+v", l)
		}
	})
	t.Run("pending counts what is left", func(t *testing.T) {
		if n, err := e.q.Pending(ctx); err != nil || n != 2 {
			t.Errorf("Pending = %d, %v; want 2", n, err)
		}
	})
}

func TestQueueAddRejects(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	tests := []struct {
		name string
		r    Reminder
	}{
		{"no due time", Reminder{ChatID: "1", Text: "x"}},
		{"bad cron", Reminder{ChatID: "1", Cron: "CRON_TZ=UTC", At: e.clock.Now()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := e.q.Add(context.Background(), tt.r); err == nil {
				t.Error("Add accepted it")
			}
			if _, err := e.q.AddBatch(context.Background(), []Reminder{tt.r}); err == nil {
				t.Error("AddBatch accepted it")
			}
		})
	}
}

func TestAddBatchAssignsIDsAndIndexes(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	ctx := context.Background()
	e.add(t, Reminder{ChatID: "1", At: e.clock.Now().Add(time.Hour)}) // takes id 1
	batch := make([]Reminder, 2500)
	for i := range batch {
		batch[i] = Reminder{ChatID: strconv.Itoa(int(i % 3)), Text: "x", At: e.clock.Now().Add(time.Duration(i) * time.Minute)}
	}
	got, err := e.q.AddBatch(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].ID != "2" || got[len(got)-1].ID != "2501" {
		t.Errorf("ids %s…%s, want 2…2501", got[0].ID, got[len(got)-1].ID)
	}
	if l, _ := e.q.List(ctx, "2"); len(l) != 833 {
		t.Errorf("List(2) has %d, want 833", len(l))
	}
	if n, _ := e.q.Pending(ctx); n != 2501 {
		t.Errorf("Pending = %d, want 2501", n)
	}
}

func TestOnceLocksASlot(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	ctx := context.Background()
	steps := []struct {
		name, slot string
		want       bool
	}{
		{"first taker gets it", "digest:2026-W48", true},
		{"second taker does not", "digest:2026-W48", false},
		{"another slot is free", "digest:2026-W49", true},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			got, err := e.q.Once(ctx, s.slot, time.Hour)
			if err != nil || got != s.want {
				t.Errorf("Once(%q) = %v, %v; want %v", s.slot, got, err, s.want)
			}
		})
	}
}
