package scheduler

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/internal/testutil"
)

// recorder is a fire function that counts firings per reminder and can be told to fail.
type recorder struct {
	mu      sync.Mutex
	counts  map[string]int
	firings []Firing
	calls   int
	fail    func(call int, f Firing) error
}

func newRecorder() *recorder { return &recorder{counts: map[string]int{}} }

func (r *recorder) fire(_ context.Context, f Firing) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.fail != nil {
		if err := r.fail(r.calls, f); err != nil {
			return err
		}
	}
	r.counts[f.ID]++
	r.firings = append(r.firings, f)
	return nil
}

func (r *recorder) count(id string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.counts[id]
}

func (r *recorder) total() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.firings)
}

type env struct {
	prefix string
	loc    *time.Location
	q      *Queue
	clock  *testutil.FakeClock
	logs   *syncBuffer
}

func newEnv(t testing.TB, start string) *env {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	loc := hcm(t)
	return &env{prefix: prefix, loc: loc, q: NewQueue(rdb, prefix, loc),
		clock: testutil.NewFakeClock(mustTime(t, loc, start)), logs: &syncBuffer{}}
}

func (e *env) scheduler(fire func(context.Context, Firing) error, opt Options) *Scheduler {
	opt.Now = e.clock.Now
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(io.MultiWriter(e.logs), nil))
	}
	return New(e.q, fire, opt)
}

func (e *env) add(t testing.TB, r Reminder) Reminder {
	t.Helper()
	if r.ChatID == "" {
		r.ChatID = "-100"
	}
	got, err := e.q.Add(context.Background(), r)
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	return got
}

func (e *env) tick(t testing.TB, s *Scheduler) int {
	t.Helper()
	res, err := s.Tick(context.Background())
	n := res.Fired
	if err != nil {
		t.Fatalf("Tick: %v", err)
	}
	return n
}

// claimAs claims what is due now as a process would, without going on to send it.
func (e *env) claimAs(t testing.TB, lease time.Duration) map[string]string {
	t.Helper()
	s := New(e.q, nil, Options{Now: e.clock.Now, Lease: lease, Batch: 1000})
	res, _, err := s.claim(context.Background(), e.clock.Now())
	if err != nil {
		t.Fatalf("claim: %v", err)
	}
	out := map[string]string{}
	for i := 0; i+1 < len(res); i += 2 {
		out[res[i]] = res[i+1]
	}
	return out
}

// syncBuffer collects log output written from several goroutines.
type syncBuffer = testutil.SyncBuffer

var hcm = testutil.HCM

var mustTime = testutil.MustTime
