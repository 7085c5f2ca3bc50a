package scheduler

import (
	"context"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/testutil"
)

// TestDeadProcessReminderIsSentWithin15s: with the default options, a reminder claimed by a
// process that died before sending it is sent by another at most 15 s after its time, once.
func TestDeadProcessReminderIsSentWithin15s(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	rec := newRecorder()
	s := e.scheduler(rec.fire, Options{})
	lease := s.opt.Lease
	if lease+s.opt.Poll > 15*time.Second {
		t.Fatalf("default lease %v: a dead process's reminder would be more than 15 s late", lease)
	}
	r := e.add(t, Reminder{Text: "x", At: e.clock.Now()})
	if claimed := e.claimAs(t, lease); len(claimed) != 1 {
		t.Fatalf("the doomed process claimed %d, want 1", len(claimed))
	}
	e.clock.Advance(lease - time.Millisecond)
	if got := e.tick(t, s); got != 0 {
		t.Fatalf("fired %d while the dead process's lease held", got)
	}
	e.clock.Advance(time.Millisecond)
	if got := e.tick(t, s); got != 1 {
		t.Fatalf("fired %d once the lease expired, want 1", got)
	}
	e.clock.Advance(time.Minute)
	if got := e.tick(t, s); got != 0 || rec.count(r.ID) != 1 {
		t.Fatalf("fired again: %d, total %d", got, rec.count(r.ID))
	}
	if late := rec.firings[0].Occurrence.Sub(r.At); late != 0 {
		t.Errorf("the occurrence moved by %v", late)
	}
}

// TestHeartbeatKeepsASlowFiresClaim: a fire that takes longer than the lease keeps its claim
// through heartbeats, so another scheduler does not send the same reminder meanwhile — also the
// reminders of the batch still waiting for a worker.
func TestHeartbeatKeepsASlowFiresClaim(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	ctx := context.Background()
	const lease = 10 * time.Second
	started, release := make(chan string, 2), make(chan struct{})
	slow := newRecorder()
	slowFire := func(ctx context.Context, f Firing) error {
		started <- f.ID
		<-release
		return slow.fire(ctx, f)
	}
	a := e.scheduler(slowFire, Options{Lease: lease, Heartbeat: 5 * time.Millisecond, Workers: 1})
	other := newRecorder()
	b := e.scheduler(other.fire, Options{Lease: lease, Heartbeat: time.Hour})
	r1 := e.add(t, Reminder{Text: "một", At: e.clock.Now()})
	r2 := e.add(t, Reminder{Text: "hai", At: e.clock.Now()})

	done := make(chan int, 1)
	go func() {
		res, err := a.Tick(ctx)
		n := res.Fired
		if err != nil {
			t.Errorf("Tick: %v", err)
		}
		done <- n
	}()
	<-started // one reminder is in fire, the other waits for the only worker
	proc := e.prefix + "{sched}:processing"
	for range 3 {
		e.clock.Advance(8 * time.Second) // 24 s in all: the first lease is long gone
		want := float64(e.clock.Now().Add(lease).UnixMilli())
		renewed := func() bool {
			for _, id := range []string{r1.ID, r2.ID} {
				if sc, err := e.q.rdb.ZScore(ctx, proc, id).Result(); err != nil || sc != want {
					return false
				}
			}
			return true
		}
		testutil.WaitFor(t, 5*time.Second, renewed, "the heartbeat did not renew the batch's leases")
		if got := e.tick(t, b); got != 0 {
			t.Fatalf("another scheduler fired %d reminders still being fired", got)
		}
	}
	close(release)
	if n := <-done; n != 2 {
		t.Errorf("the slow tick fired %d, want 2", n)
	}
	e.clock.Advance(time.Minute)
	e.tick(t, b)
	if slow.total() != 2 || other.total() != 0 {
		t.Errorf("fired %d by the slow scheduler and %d by the other; want 2 and 0", slow.total(), other.total())
	}
}
