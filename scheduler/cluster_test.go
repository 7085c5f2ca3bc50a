package scheduler

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/lease"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/internal/testutil"
)

// TestOnRedisCluster runs the queue on a real three-master Redis Cluster: every script and MULTI
// keeps its keys in the "{sched}" slot, so adding, claiming by two schedulers, the heartbeat,
// cancelling and the once-slots work there, and each reminder fires once. The polling lease runs
// there too.
func TestOnRedisCluster(t *testing.T) {
	c := redistest.StartCluster(t)
	rdb := c.Client(t)
	ctx := context.Background()
	loc := hcm(t)
	e := &env{prefix: "coordbot:", loc: loc, q: NewQueue(rdb, "coordbot:", loc),
		clock: testutil.NewFakeClock(mustTime(t, loc, "2026-11-26 10:00")), logs: &syncBuffer{}}

	const n = 30
	var batch []Reminder
	for i := range n - 1 {
		batch = append(batch, Reminder{ChatID: strconv.Itoa(int(-100 - i%3)), Text: "nhắc " + strconv.Itoa(i), At: e.clock.Now().Add(time.Duration(i) * time.Second)})
	}
	if _, err := e.q.AddBatch(ctx, batch); err != nil {
		t.Fatalf("AddBatch: %v", err)
	}
	weekly := e.add(t, Reminder{Text: "giao ban", Cron: "0 8 * * 1", At: e.clock.Now()})
	doomed := e.add(t, Reminder{Text: "huỷ", At: e.clock.Now().Add(time.Hour)})
	if _, ok, err := e.q.Cancel(ctx, doomed.ID); err != nil || !ok {
		t.Fatalf("Cancel: %v, %v", ok, err)
	}

	rec := newRecorder()
	slowFire := func(ctx context.Context, f Firing) error {
		time.Sleep(15 * time.Millisecond) // long enough for heartbeats to run on the cluster
		return rec.fire(ctx, f)
	}
	a := e.scheduler(slowFire, Options{Heartbeat: 5 * time.Millisecond, Batch: 7})
	b := e.scheduler(slowFire, Options{Heartbeat: 5 * time.Millisecond, Batch: 7})
	for range 8 {
		e.clock.Advance(5 * time.Second)
		done := make(chan error, 2)
		for _, s := range []*Scheduler{a, b} {
			go func() {
				_, err := s.Tick(ctx)
				done <- err
			}()
		}
		for range 2 {
			if err := <-done; err != nil {
				t.Fatalf("Tick on the cluster: %v", err)
			}
		}
	}
	if rec.total() != n {
		t.Errorf("fired %d, want %d", rec.total(), n)
	}
	for id, k := range rec.counts {
		if k != 1 {
			t.Errorf("reminder %s fired %d times", id, k)
		}
	}
	if rec.count(doomed.ID) != 0 {
		t.Error("a cancelled reminder fired")
	}
	if r, ok, err := e.q.Get(ctx, weekly.ID); err != nil || !ok || !r.At.After(e.clock.Now()) {
		t.Errorf("the weekly reminder was not moved to its next occurrence: %+v %v %v", r, ok, err)
	}
	if got, err := e.q.Once(ctx, "digest:2026-W48", time.Hour); err != nil || !got {
		t.Errorf("Once: %v, %v", got, err)
	}
	if l := e.logs.String(); strings.Contains(l, "level=WARN") || strings.Contains(l, "level=ERROR") {
		t.Errorf("the scheduler complained on the cluster:\n%s", l)
	}

	l := lease.New(rdb, "coordbot:poller:123", lease.Options{TTL: time.Second})
	lctx, release, err := l.Lead(ctx)
	if err != nil || lctx.Err() != nil || !l.Leading() {
		t.Fatalf("the polling lease on the cluster: %v", err)
	}
	release()
	if h, err := l.Holder(ctx); err != nil || h != "" {
		t.Errorf("after release the lease is held by %q (%v)", h, err)
	}
}
