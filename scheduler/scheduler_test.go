package scheduler

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/scheduler/when"

	"github.com/coordbot/coordbot/internal/redistest"
	"go.uber.org/goleak"
)

func TestOneOffFiresOnceAtItsTime(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	rec := newRecorder()
	s := e.scheduler(rec.fire, Options{})
	r := e.add(t, Reminder{Text: "Họp", At: e.clock.Now().Add(10 * time.Minute)})

	steps := []struct {
		name    string
		advance time.Duration
		fired   int
	}{
		{"not before its time", 0, 0},
		{"not a second before", 10*time.Minute - time.Second, 0},
		{"at its time", time.Second, 1},
		{"not again at the same time", 0, 0},
		{"not again later", time.Hour, 0},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			e.clock.Advance(st.advance)
			if got := e.tick(t, s); got != st.fired {
				t.Errorf("Tick fired %d, want %d", got, st.fired)
			}
		})
	}
	if rec.count(r.ID) != 1 {
		t.Fatalf("fired %d times, want 1", rec.count(r.ID))
	}
	f := rec.firings[0]
	if !f.Occurrence.Equal(r.At) || f.Late || f.Text != "Họp" || f.ChatID != r.ChatID {
		t.Errorf("firing = %+v, want occurrence %v, on time", f, r.At)
	}
	if _, ok, _ := e.q.Get(context.Background(), r.ID); ok {
		t.Error("a fired one-off is still pending")
	}
}

// A daily 07:00 reminder in Hanoi fires at 00:00 UTC and moves to the next day, also across the
// end of a month and a year.
func TestCronAdvancesInLocation(t *testing.T) {
	e := newEnv(t, "2026-12-30 06:59")
	rec := newRecorder()
	s := e.scheduler(rec.fire, Options{})
	w, err := when.ParseWhen("daily 07:00", e.clock.Now(), e.loc)
	if err != nil {
		t.Fatal(err)
	}
	r := e.add(t, Reminder{Text: "Điểm danh", Cron: w.Cron, At: w.At})
	want := []string{"2026-12-30 07:00", "2026-12-31 07:00", "2027-01-01 07:00", "2027-01-02 07:00"}
	for i, occ := range want {
		t.Run("fires at "+occ, func(t *testing.T) {
			e.clock.Advance(time.Minute) // to the occurrence
			if got := e.tick(t, s); got != 1 {
				t.Fatalf("Tick fired %d, want 1", got)
			}
			f := rec.firings[i]
			if got := f.Occurrence.In(e.loc).Format("2006-01-02 15:04"); got != occ {
				t.Errorf("occurrence %s, want %s", got, occ)
			}
			if f.Occurrence.UTC().Hour() != 0 || f.Occurrence.UTC().Minute() != 0 {
				t.Errorf("occurrence %v is not midnight UTC", f.Occurrence.UTC())
			}
			next, ok, _ := e.q.Get(context.Background(), r.ID)
			if !ok || !next.At.Equal(f.Occurrence.AddDate(0, 0, 1)) {
				t.Errorf("next occurrence %v, want the day after %v", next.At, f.Occurrence)
			}
			e.clock.Advance(24*time.Hour - time.Minute) // to 06:59 the next day
			if got := e.tick(t, s); got != 0 {
				t.Errorf("fired %d a minute early", got)
			}
		})
	}
}

func TestWeeklyCronSkipsToNextMonday(t *testing.T) {
	e := newEnv(t, "2026-11-30 08:00") // a Monday
	rec := newRecorder()
	s := e.scheduler(rec.fire, Options{})
	r := e.add(t, Reminder{Cron: "0 8 * * 1", At: e.clock.Now()})
	if got := e.tick(t, s); got != 1 {
		t.Fatalf("fired %d, want 1", got)
	}
	next, _, _ := e.q.Get(context.Background(), r.ID)
	if got := next.At.Format("2006-01-02 15:04"); got != "2026-12-07 08:00" {
		t.Errorf("next = %s, want 2026-12-07 08:00", got)
	}
}

func TestGraceWindow(t *testing.T) {
	tests := []struct {
		name      string
		age       time.Duration
		cron      string
		wantFired bool
		wantLate  bool
		wantNext  string // "" when the reminder must be gone
	}{
		{"on time is not late", 30 * time.Second, "", true, false, ""},
		{"exactly a minute is not late yet", time.Minute, "", true, false, ""},
		{"exactly at grace is still sent, late", 6 * time.Hour, "", true, true, ""},
		{"five minutes late is sent and marked", 5 * time.Minute, "", true, true, ""},
		{"just inside grace is sent late", 6*time.Hour - time.Second, "", true, true, ""},
		{"past grace is skipped", 6*time.Hour + time.Second, "", false, false, ""},
		{"late recurring is sent once and moves past now", 3 * time.Hour, "0 * * * *", true, true, "2026-11-26 11:00"},
		{"recurring past grace advances without sending", 7 * time.Hour, "0 3 * * *", false, false, "2026-11-27 03:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, "2026-11-26 10:00")
			rec := newRecorder()
			s := e.scheduler(rec.fire, Options{})
			occ := e.clock.Now().Add(-tt.age)
			if tt.cron != "" {
				occ = occ.Truncate(time.Hour)
			}
			r := e.add(t, Reminder{Text: "x", Cron: tt.cron, At: occ})
			fired := e.tick(t, s)
			if (fired == 1) != tt.wantFired || rec.count(r.ID) != fired {
				t.Fatalf("fired %d (recorded %d), want fired=%v", fired, rec.count(r.ID), tt.wantFired)
			}
			if tt.wantFired && rec.firings[0].Late != tt.wantLate {
				t.Errorf("Late = %v, want %v", rec.firings[0].Late, tt.wantLate)
			}
			if !tt.wantFired && !strings.Contains(e.logs.String(), "skipped") {
				t.Errorf("no log line for the skip; logs: %s", e.logs.String())
			}
			got, ok, _ := e.q.Get(context.Background(), r.ID)
			switch {
			case tt.wantNext == "" && ok:
				t.Errorf("reminder still pending at %v", got.At)
			case tt.wantNext != "" && (!ok || got.At.Format("2006-01-02 15:04") != tt.wantNext):
				t.Errorf("next = %v (pending %v), want %s", got.At, ok, tt.wantNext)
			}
			if again := e.tick(t, s); again != 0 {
				t.Errorf("a second tick fired %d", again)
			}
		})
	}
}

// Two schedulers on one Redis, a few thousand reminders due at once: each fired exactly once.
func TestTwoSchedulersFireEachOnce(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	ctx := context.Background()
	const n = 3000
	batch := make([]Reminder, n)
	for i := range batch {
		batch[i] = Reminder{ChatID: strconv.Itoa(int(i % 50)), Text: "x", At: e.clock.Now().Add(-time.Duration(i%60) * time.Second)}
		if i%10 == 0 {
			batch[i].Cron = "0 8 * * *"
		}
	}
	if _, err := e.q.AddBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		s := e.scheduler(rec.fire, Options{Batch: 37, Workers: 4})
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				_, claimed, _, err := s.tick(ctx)
				if err != nil {
					errs <- err
					return
				}
				if claimed == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		if c := rec.count(strconv.Itoa(i)); c != 1 {
			t.Errorf("reminder %d fired %d times", i, c)
		}
	}
	if rec.total() != n {
		t.Errorf("fired %d in all, want %d", rec.total(), n)
	}
	if p, _ := e.q.Pending(ctx); p != n/10 {
		t.Errorf("pending after firing = %d, want the %d recurring ones", p, n/10)
	}
}

// A process claims a reminder and dies before sending it: once its lease expires another
// scheduler sends it, once.
func TestClaimedButNeverSentIsSentByAnother(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	rec := newRecorder()
	lease := time.Minute
	s := e.scheduler(rec.fire, Options{Lease: lease})
	r := e.add(t, Reminder{Text: "x", At: e.clock.Now()})
	if claimed := e.claimAs(t, lease); len(claimed) != 1 {
		t.Fatalf("the doomed process claimed %d, want 1", len(claimed))
	}
	steps := []struct {
		name    string
		advance time.Duration
		fired   int
	}{
		{"not while the lease holds", lease - time.Second, 0},
		{"sent once the lease expired", time.Second, 1},
		{"not again", time.Minute, 0},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			e.clock.Advance(st.advance)
			if got := e.tick(t, s); got != st.fired {
				t.Errorf("Tick fired %d, want %d", got, st.fired)
			}
		})
	}
	if rec.count(r.ID) != 1 || !rec.firings[0].Occurrence.Equal(r.At) {
		t.Errorf("fired %d times (%+v), want once for the original occurrence", rec.count(r.ID), rec.firings)
	}
}

// A process whose lease ran out while it was sending still marks the occurrence sent; the one
// that took the reminder over then acknowledges it without sending it again.
func TestLeaseLostDuringSendIsNotSentTwice(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	ctx := context.Background()
	rec := newRecorder()
	s := e.scheduler(rec.fire, Options{Lease: time.Minute})
	r := e.add(t, Reminder{Text: "x", At: e.clock.Now()})
	slow := e.claimAs(t, time.Minute)
	e.clock.Advance(2 * time.Minute)
	taker := e.claimAs(t, time.Minute) // what the second process's claim does
	if taker[r.ID] == "" {
		t.Fatal("the expired lease was not taken over")
	}
	// The slow process finishes its send and acks with its stale claim.
	stale := stored{Reminder: r, ok: true}
	res, err := s.ack(ctx, stale, slow[r.ID], "done", 0, true)
	if err != nil || res != ackLost {
		t.Fatalf("stale ack = %d, %v; want ackLost", res, err)
	}
	// The taker now processes its claim.
	fired, err := s.process(ctx, e.clock.Now(), stale, taker[r.ID])
	if err != nil || fired {
		t.Fatalf("taker fired=%v err=%v; want it to see the sent marker", fired, err)
	}
	if rec.total() != 0 {
		t.Errorf("fired %d times", rec.total())
	}
	if _, ok, _ := e.q.Get(ctx, r.ID); ok {
		t.Error("the reminder is still pending after its occurrence was sent")
	}
}

func TestFireErrorRetries(t *testing.T) {
	e := newEnv(t, "2026-11-26 10:00")
	rec := newRecorder()
	rec.fail = func(call int, _ Firing) error {
		if call <= 2 {
			return errors.New("telegram 502")
		}
		return nil
	}
	s := e.scheduler(rec.fire, Options{RetryDelay: 10 * time.Second})
	r := e.add(t, Reminder{Text: "x", At: e.clock.Now()})
	steps := []struct {
		name         string
		advance      time.Duration
		fired, calls int
	}{
		{"first try fails", 0, 0, 1},
		{"no retry before the delay", 9 * time.Second, 0, 1},
		{"second try fails", time.Second, 0, 2},
		{"the delay grows", 19 * time.Second, 0, 2},
		{"third try succeeds", time.Second, 1, 3},
		{"nothing after success", time.Hour, 0, 3},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			e.clock.Advance(st.advance)
			if got := e.tick(t, s); got != st.fired || rec.calls != st.calls {
				t.Errorf("fired %d after %d calls, want %d after %d", got, rec.calls, st.fired, st.calls)
			}
		})
	}
	if rec.count(r.ID) != 1 || !rec.firings[0].Occurrence.Equal(r.At) {
		t.Errorf("firings %+v, want one for the original occurrence", rec.firings)
	}
}

func TestFireErrorGivesUpAfterMaxTries(t *testing.T) {
	tests := []struct {
		name     string
		cron     string
		wantNext bool
	}{
		{"one-off is dropped", "", false},
		{"recurring moves to its next occurrence", "0 8 * * *", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, "2026-11-26 08:00")
			rec := newRecorder()
			rec.fail = func(int, Firing) error { return errors.New("down") }
			s := e.scheduler(rec.fire, Options{RetryDelay: time.Second, MaxTries: 3})
			r := e.add(t, Reminder{Text: "x", Cron: tt.cron, At: e.clock.Now()})
			for range 10 {
				e.tick(t, s)
				e.clock.Advance(5 * time.Second)
			}
			if rec.calls != 3 {
				t.Errorf("fire called %d times, want 3", rec.calls)
			}
			got, ok, _ := e.q.Get(context.Background(), r.ID)
			if ok != tt.wantNext || (ok && got.At.Format("2006-01-02 15:04") != "2026-11-27 08:00") {
				t.Errorf("after giving up: pending=%v at %v", ok, got.At)
			}
			if !strings.Contains(e.logs.String(), "giving up") {
				t.Errorf("no log line for giving up")
			}
		})
	}
}

func TestCancelledReminderDoesNotFire(t *testing.T) {
	t.Run("cancelled while due", func(t *testing.T) {
		e := newEnv(t, "2026-11-26 10:00")
		rec := newRecorder()
		s := e.scheduler(rec.fire, Options{})
		r := e.add(t, Reminder{Text: "x", At: e.clock.Now().Add(-time.Second)})
		if _, ok, err := e.q.Cancel(context.Background(), r.ID); !ok || err != nil {
			t.Fatalf("Cancel = %v, %v", ok, err)
		}
		if got := e.tick(t, s); got != 0 || rec.total() != 0 {
			t.Errorf("fired %d", rec.total())
		}
	})
	t.Run("cancelled after the claim", func(t *testing.T) {
		e := newEnv(t, "2026-11-26 10:00")
		ctx := context.Background()
		rec := newRecorder()
		s := e.scheduler(rec.fire, Options{})
		r := e.add(t, Reminder{Text: "x", At: e.clock.Now()})
		claim := e.claimAs(t, time.Minute)[r.ID]
		loaded, _ := e.q.load(ctx, []string{r.ID})
		if _, ok, _ := e.q.Cancel(ctx, r.ID); !ok {
			t.Fatal("Cancel of a claimed reminder failed")
		}
		if fired, err := s.process(ctx, e.clock.Now(), loaded[0], claim); fired || err != nil || rec.total() != 0 {
			t.Errorf("process fired=%v err=%v calls=%d", fired, err, rec.total())
		}
		if n, _ := e.q.Pending(ctx); n != 0 {
			t.Errorf("pending = %d after cancel", n)
		}
	})
}

func TestRunFiresAndStops(t *testing.T) {
	redistest.URL(t) // the shared test server and its goroutines outlive this test
	ignore := goleak.IgnoreCurrent()
	// Registered first, so it runs last: after the client of newEnv is closed.
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
	e := newEnv(t, "2026-11-26 10:00")
	got := make(chan Firing, 1)
	s := e.scheduler(func(_ context.Context, f Firing) error { got <- f; return nil }, Options{Poll: time.Millisecond})
	r := e.add(t, Reminder{Text: "x", At: e.clock.Now().Add(time.Second)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	e.clock.Advance(time.Second)
	select {
	case f := <-got:
		if f.ID != r.ID {
			t.Errorf("fired %s, want %s", f.ID, r.ID)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not fire a due reminder")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run returned %v", err)
	}
}
