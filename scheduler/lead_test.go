package scheduler

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// TestLeadReminderReArmsBeforeEachOccurrence: a reminder due an hour before each Monday 08:00
// fires at 07:00 every Monday, and is pending for the next one after each firing, in the same
// step that acknowledged it.
func TestLeadReminderReArmsBeforeEachOccurrence(t *testing.T) {
	e := newEnv(t, "2026-11-30 06:59") // a Monday
	rec := newRecorder()
	s := e.scheduler(rec.fire, Options{})
	r := e.add(t, Reminder{Kind: "activity", Ref: "act:GB", Cron: "0 8 * * 1", Lead: time.Hour, At: mustTime(t, e.loc, "2026-11-30 07:00")})
	for i, want := range []string{"2026-11-30 07:00", "2026-12-07 07:00", "2026-12-14 07:00"} {
		e.clock.Advance(time.Minute) // to 07:00
		if got := e.tick(t, s); got != 1 {
			t.Fatalf("week %d: fired %d, want 1", i+1, got)
		}
		if got := rec.firings[i].Occurrence.In(e.loc).Format("2006-01-02 15:04"); got != want {
			t.Errorf("week %d: due %s, want %s", i+1, got, want)
		}
		if rec.firings[i].Lead != time.Hour {
			t.Errorf("the firing lost its lead: %v", rec.firings[i].Lead)
		}
		next, ok, err := e.q.Get(context.Background(), r.ID)
		if err != nil || !ok {
			t.Fatalf("week %d: the reminder is gone after its firing (%v)", i+1, err)
		}
		if wantNext := rec.firings[i].Occurrence.AddDate(0, 0, 7); !next.At.Equal(wantNext) {
			t.Errorf("week %d: next due %s, want %s", i+1, next.At, wantNext)
		}
		if rs, _ := e.q.ListRef(context.Background(), "act:GB"); len(rs) != 1 {
			t.Errorf("week %d: %d reminders of the activity pending, want 1", i+1, len(rs))
		}
		e.clock.Advance(7*24*time.Hour - time.Minute)
	}
}

// TestLeadReminderLateGoesToTheNextOccurrenceItCanPrecede: a lead reminder sent late (the bot was
// down) moves to the next occurrence whose lead time is still ahead, not to one whose reminder
// time has already passed.
func TestLeadReminderLateGoesToTheNextOccurrenceItCanPrecede(t *testing.T) {
	e := newEnv(t, "2026-11-29 08:00") // Sunday, one day before Monday 08:00
	rec := newRecorder()
	s := e.scheduler(rec.fire, Options{})
	r := e.add(t, Reminder{Kind: "activity", Cron: "0 8 * * *", Lead: 24 * time.Hour, At: e.clock.Now()})
	e.clock.Advance(2 * time.Hour) // sent late at 10:00 Sunday
	if got := e.tick(t, s); got != 1 || !rec.firings[0].Late {
		t.Fatalf("fired %d (late %v), want one late firing", got, rec.firings)
	}
	next, _, _ := e.q.Get(context.Background(), r.ID)
	// Monday 08:00's 1-day reminder was Sunday 08:00 (just sent); Tuesday's is Monday 08:00.
	if got := next.At.In(e.loc).Format("2006-01-02 15:04"); got != "2026-11-30 08:00" {
		t.Errorf("next due %s, want 2026-11-30 08:00 (a day before Tuesday's)", got)
	}
}

func TestQueueRefusesALeadWithoutASchedule(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	for _, r := range []Reminder{
		{At: e.clock.Now(), Lead: time.Hour},
		{At: e.clock.Now(), Cron: "0 8 * * 1", Lead: -time.Hour},
	} {
		if _, err := e.q.Add(context.Background(), r); err == nil {
			t.Errorf("Add(%+v) took it", r)
		}
	}
}

// afterCmd runs once, after the first command named name whose first key contains key.
type afterCmd struct {
	name, key string
	once      sync.Once
	then      func()
}

func (h *afterCmd) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *afterCmd) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if args := cmd.Args(); cmd.Name() == h.name && len(args) > 1 {
			if k, _ := args[1].(string); strings.Contains(k, h.key) {
				h.once.Do(h.then)
			}
		}
		return err
	}
}
func (h *afterCmd) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// TestAddReplacingAnIDSeesAConcurrentChange: while Add reads the reminder it replaces, another
// client moves that reminder to another chat. The replacement must not leave the id in the other
// chat's list (Add read the old chat, then wrote, without WATCH).
func TestAddReplacingAnIDSeesAConcurrentChange(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	ctx := context.Background()
	e.add(t, Reminder{ID: "A1-1", ChatID: "-1", Text: "x", At: e.clock.Now().Add(time.Hour)})
	oc := redis.NewClient(e.q.rdb.(*redis.Client).Options())
	t.Cleanup(func() { oc.Close() })
	other := NewQueue(oc, e.prefix, e.loc)
	hook := &afterCmd{name: "hmget", key: "r:A1-1", then: func() {
		if _, err := other.Add(ctx, Reminder{ID: "A1-1", ChatID: "-2", Text: "moved", At: e.clock.Now().Add(time.Hour)}); err != nil {
			t.Error(err)
		}
	}}
	e.q.rdb.AddHook(hook)
	if _, err := e.q.Add(ctx, Reminder{ID: "A1-1", ChatID: "-3", Text: "final", At: e.clock.Now().Add(2 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	for chat, want := range map[string]int{"-1": 0, "-2": 0, "-3": 1} {
		ids, err := e.q.rdb.SMembers(ctx, e.q.k.chat(chat)).Result()
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) != want {
			t.Errorf("chat %s lists %v, want %d ids", chat, ids, want)
		}
	}
}

// everyCmd runs then after every command named name whose first key contains key.
type everyCmd struct {
	name, key string
	n         int
	then      func()
}

func (h *everyCmd) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *everyCmd) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if args := cmd.Args(); cmd.Name() == h.name && len(args) > 1 {
			if k, _ := args[1].(string); strings.Contains(k, h.key) {
				h.n++
				h.then()
			}
		}
		return err
	}
}
func (h *everyCmd) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// TestAddGivesUpOnAnIDThatNeverStopsChanging: an Add whose reminder changes under every attempt
// gives up after a bounded number of attempts with TxFailedErr, rather than looping.
func TestAddGivesUpOnAnIDThatNeverStopsChanging(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	ctx := context.Background()
	e.add(t, Reminder{ID: "A1-1", ChatID: "-1", Text: "x", At: e.clock.Now().Add(time.Hour)})
	oc := redis.NewClient(e.q.rdb.(*redis.Client).Options())
	t.Cleanup(func() { oc.Close() })
	hook := &everyCmd{name: "hmget", key: "r:A1-1", then: func() {
		if err := oc.HSet(ctx, e.q.k.reminder("A1-1"), "text", "changed").Err(); err != nil {
			t.Error(err)
		}
	}}
	e.q.rdb.AddHook(hook)
	_, err := e.q.Add(ctx, Reminder{ID: "A1-1", ChatID: "-3", Text: "final", At: e.clock.Now().Add(2 * time.Hour)})
	if !errors.Is(err, redis.TxFailedErr) {
		t.Fatalf("Add = %v, want TxFailedErr", err)
	}
	if hook.n != maxWatchAttempts {
		t.Errorf("%d attempts, want %d", hook.n, maxWatchAttempts)
	}
}

// TestSlotClaimConfirmRelease: a slot is claimed by one caller at a time, sent once confirmed,
// free again once released; a slot written by Once reads as sent; a claim expires by itself.
func TestSlotClaimConfirmRelease(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	ctx := context.Background()
	claim := func(slot string) (string, int) {
		t.Helper()
		tok, st, err := e.q.ClaimSlot(ctx, slot, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		return tok, st
	}
	tok, st := claim("fired:1:100:tg:-1")
	if st != SlotClaimed {
		t.Fatalf("first claim = %d, want claimed", st)
	}
	if _, st := claim("fired:1:100:tg:-1"); st != SlotBusy {
		t.Errorf("second claim while the first is sending = %d, want busy", st)
	}
	if ttl := e.q.rdb.PTTL(ctx, e.q.k.once("fired:1:100:tg:-1")).Val(); ttl <= 0 || ttl > time.Minute {
		t.Errorf("a claim's TTL is %v, want at most its minute: a dead caller's claim must expire", ttl)
	}
	if err := e.q.ReleaseSlot(ctx, "fired:1:100:tg:-1", "sending:someone-else"); err != nil {
		t.Fatal(err)
	}
	if _, st := claim("fired:1:100:tg:-1"); st != SlotBusy {
		t.Errorf("a release with another token freed the slot: %d", st)
	}
	if err := e.q.ReleaseSlot(ctx, "fired:1:100:tg:-1", tok); err != nil {
		t.Fatal(err)
	}
	if _, st := claim("fired:1:100:tg:-1"); st != SlotClaimed {
		t.Errorf("claim after release = %d, want claimed", st)
	}
	if err := e.q.ConfirmSlot(ctx, "fired:1:100:tg:-1", time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, st := claim("fired:1:100:tg:-1"); st != SlotSent {
		t.Errorf("claim after confirm = %d, want sent", st)
	}
	if ok, err := e.q.Once(ctx, "fired:2:100:tg:-1", time.Hour); err != nil || !ok {
		t.Fatal(ok, err)
	}
	if _, st := claim("fired:2:100:tg:-1"); st != SlotSent {
		t.Errorf("a slot taken by Once (an older process) = %d, want sent", st)
	}
}

// TestAddReplacingAnIDMovesItsIndexEntries: replacing a reminder by one with another chat and
// another ref leaves the id in neither old index set.
func TestAddReplacingAnIDMovesItsIndexEntries(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	ctx := context.Background()
	e.add(t, Reminder{ID: "X", ChatID: "-1", Ref: "act:A1", Text: "x", At: e.clock.Now().Add(time.Hour)})
	e.add(t, Reminder{ID: "X", ChatID: "-2", Ref: "act:B1", Text: "y", At: e.clock.Now().Add(time.Hour)})
	for set, want := range map[string]int{e.q.k.chat("-1"): 0, e.q.k.ref("act:A1"): 0, e.q.k.chat("-2"): 1, e.q.k.ref("act:B1"): 1} {
		if n := e.q.rdb.SCard(ctx, set).Val(); n != int64(want) {
			t.Errorf("%s holds %d ids, want %d", set, n, want)
		}
	}
}

// TestPendingCountsDueAndClaimed: Pending counts the reminders waiting and those being sent; List
// orders reminders due at the same time by id as numbers ("9" before "10").
func TestPendingCountsDueAndClaimed(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	ctx := context.Background()
	for _, id := range []string{"10", "9", "11"} {
		at := e.clock.Now().Add(time.Hour)
		if id == "11" {
			at = e.clock.Now()
		}
		e.add(t, Reminder{ID: id, ChatID: "-1", Text: id, At: at})
	}
	if got := e.claimAs(t, time.Minute); len(got) != 1 {
		t.Fatalf("claimed %v, want the one due now", got)
	}
	if n, err := e.q.Pending(ctx); err != nil || n != 3 {
		t.Errorf("Pending = %d, %v; want 3 (two waiting, one being sent)", n, err)
	}
	rs, err := e.q.List(ctx, "-1")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, ",") != "11,9,10" {
		t.Errorf("List order %v, want 11 (soonest), then 9, 10", ids)
	}
}
