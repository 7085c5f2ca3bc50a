package scheduler

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coordbot/coordbot/internal/rediserr"
	"github.com/coordbot/coordbot/scheduler/when"
)

// Firing is one occurrence of a reminder handed to the fire function.
type Firing struct {
	Reminder
	// Occurrence is the time this send was due (Reminder.At as stored when it was claimed). For
	// a reminder with a Lead, the occurrence of its schedule it announces is Occurrence + Lead.
	Occurrence time.Time
	// Late is set when the occurrence is older than Options.LateAfter: the bot was down or
	// behind, and the message should say so.
	Late bool
}

// Options tune a Scheduler. Zero values take the defaults named on each field.
type Options struct {
	// Now is the clock; time.Now by default. Tests pass a fake one.
	Now func() time.Time
	// Grace is how old an occurrence may be and still be sent (late); older ones are skipped
	// with a log line. Default 6 h.
	Grace time.Duration
	// Lease is how long a claimed reminder belongs to this process without a heartbeat before
	// another may take it over: a reminder held by a process that died is sent by another about
	// Lease after its time. It is renewed right before each fire and every Heartbeat while the
	// batch is being fired. Default 10 s.
	Lease time.Duration
	// Heartbeat is the pause between renewals of the leases of a batch being fired; default
	// Lease/3. Tests that drive the clock by hand set it short.
	Heartbeat time.Duration
	// Poll is the pause between ticks of Run when nothing more is due. Default 200 ms.
	Poll time.Duration
	// Batch is how many reminders one tick claims. Default 200.
	Batch int
	// Logger receives skips, retries and Redis errors; slog.Default() by default.
	Logger *slog.Logger
	// LateAfter is the age from which a firing is marked Late. Default 1 min.
	LateAfter time.Duration
	// RetryDelay is the wait before the first retry of a failed fire; the n-th waits n times
	// as long. Default 5 s.
	RetryDelay time.Duration
	// MaxTries bounds the sends of one occurrence; after the last failure the occurrence is
	// dropped (a recurring reminder moves on to its next one). Default 5.
	MaxTries int
	// SentTTL is how long the per-occurrence sent marker is kept. Default 72 h.
	SentTTL time.Duration
	// Workers is how many fire calls of one tick run at once; fire must then be safe for
	// concurrent use. Default 8.
	Workers int
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	def(&o.Grace, 6*time.Hour)
	def(&o.Lease, 10*time.Second)
	def(&o.Heartbeat, o.Lease/3)
	def(&o.Poll, 200*time.Millisecond)
	def(&o.LateAfter, time.Minute)
	def(&o.RetryDelay, 5*time.Second)
	def(&o.SentTTL, 72*time.Hour)
	if o.Batch <= 0 {
		o.Batch = 200
	}
	if o.MaxTries <= 0 {
		o.MaxTries = 5
	}
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Scheduler fires the due reminders of a Queue. Any number of schedulers, in one process or many,
// may run on the same Redis: each occurrence is fired once (see the design note in queue.go).
type Scheduler struct {
	q    *Queue
	fire func(context.Context, Firing) error
	opt  Options
}

// New returns a scheduler that hands each due occurrence to fire. A nil error from fire means
// the message went out; an error makes the occurrence retry later.
func New(q *Queue, fire func(context.Context, Firing) error, opt Options) *Scheduler {
	return &Scheduler{q: q, fire: fire, opt: opt.withDefaults()}
}

// Run ticks until ctx ends: at once again while a tick finds a full batch, else after Poll or
// when the next reminder falls due, whichever is sooner. A
// Redis error is logged and retried with a growing pause; Run returns nil when ctx ends.
func (s *Scheduler) Run(ctx context.Context) error {
	pause := s.opt.Poll
	for {
		t, err := s.Tick(ctx)
		claimed, next := t.Claimed, t.Next
		wait := s.opt.Poll
		if !next.IsZero() {
			// Sleep only until the next reminder is due, so it is not up to a Poll late.
			wait = min(wait, max(next.Sub(s.opt.Now()), time.Millisecond))
		}
		switch {
		case err != nil && ctx.Err() == nil:
			if rediserr.Outage(err) {
				// Redis unreachable or failing over: it comes back by itself.
				s.opt.Logger.Warn("scheduler: Redis unavailable; retrying", "err", err, "retry_in", pause)
			} else {
				s.opt.Logger.Error("scheduler: tick failed (a bug, not an outage)", "err", err, "retry_in", pause)
			}
			wait = pause
			pause = min(pause*2, 10*time.Second)
		case err == nil:
			pause = s.opt.Poll
			if claimed == s.opt.Batch {
				wait = 0
			}
		}
		if wait == 0 {
			if ctx.Err() != nil {
				return nil
			}
			continue
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case <-timer.C:
		}
	}
}

// TickResult is what one Tick did: how many occurrences it claimed and fired, and when the next
// pending one falls due (zero when none is pending).
type TickResult struct {
	Fired, Claimed int
	Next           time.Time
}

// Tick claims the reminders due now (at most Batch) and fires them; Run calls it in a loop, and
// tests call it once with a fake clock.
func (s *Scheduler) Tick(ctx context.Context) (TickResult, error) {
	fired, claimed, next, err := s.tick(ctx)
	return TickResult{Fired: fired, Claimed: claimed, Next: next}, err
}

func (s *Scheduler) tick(ctx context.Context) (fired, claimed int, next time.Time, err error) {
	now := s.opt.Now()
	res, next, err := s.claim(ctx, now)
	if err != nil {
		return 0, 0, next, err
	}
	n := len(res) / 2
	if n == 0 {
		return 0, 0, next, nil
	}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = res[2*i]
	}
	rs, err := s.q.load(ctx, ids)
	if err != nil {
		// The claims stay in processing; their leases expire and they are claimed again.
		return 0, n, next, err
	}
	var (
		count    atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		sem      = make(chan struct{}, s.opt.Workers)
	)
	hb := s.heartbeat(ctx, res)
	defer hb.stop()
	for i := range rs {
		rs[i].ID = ids[i]
		sem <- struct{}{}
		wg.Add(1)
		go func(st stored, claim string) {
			defer func() { <-sem; wg.Done() }()
			ok, err := s.process(ctx, now, st, claim)
			hb.done(st.ID)
			if ok {
				count.Add(1)
			}
			if err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}(rs[i], res[2*i+1])
	}
	wg.Wait()
	return int(count.Load()), n, next, firstErr
}

// heartbeat renews, every Heartbeat until stopped, the leases of the claims of a batch (the flat
// list id, claim, …) whose firing has not finished, so that a slow batch keeps its claims and a
// dead process's claims expire one Lease after its last heartbeat.
func (s *Scheduler) heartbeat(ctx context.Context, claims []string) *heartbeat {
	hctx, cancel := context.WithCancel(ctx)
	h := &heartbeat{left: make(map[string]string, len(claims)/2), cancel: cancel, stopped: make(chan struct{})}
	for i := 0; i+1 < len(claims); i += 2 {
		h.left[claims[i]] = claims[i+1]
	}
	go func() {
		defer close(h.stopped)
		t := time.NewTicker(s.opt.Heartbeat)
		defer t.Stop()
		for {
			select {
			case <-hctx.Done():
				return
			case <-t.C:
			}
			args := []any{s.opt.Now().Add(s.opt.Lease).UnixMilli()}
			h.mu.Lock()
			for id, claim := range h.left {
				args = append(args, id, claim)
			}
			h.mu.Unlock()
			if len(args) == 1 {
				continue
			}
			k := s.q.k
			if err := heartbeatScript.Run(hctx, s.q.rdb, []string{k.processing(), k.claims()}, args...).Err(); err != nil && hctx.Err() == nil {
				s.opt.Logger.Warn("scheduler: heartbeat failed; claims may be taken over", "err", err)
			}
		}
	}()
	return h
}

// heartbeat is the renewal of one batch's leases.
type heartbeat struct {
	mu      sync.Mutex
	left    map[string]string // id → claim, not yet finished
	cancel  context.CancelFunc
	stopped chan struct{}
}

// done takes a finished id out of the renewals.
func (h *heartbeat) done(id string) {
	h.mu.Lock()
	delete(h.left, id)
	h.mu.Unlock()
}

func (h *heartbeat) stop() {
	h.cancel()
	<-h.stopped
}

// claim runs claimScript: the flat list id, claim, … and the earliest due time left, if any.
func (s *Scheduler) claim(ctx context.Context, now time.Time) ([]string, time.Time, error) {
	k := s.q.k
	raw, err := claimScript.Run(ctx, s.q.rdb, []string{k.due(), k.processing(), k.claims()},
		now.UnixMilli(), now.Add(s.opt.Lease).UnixMilli(), s.opt.Batch, newClaimToken()).Slice()
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("scheduler: claim: %w", err)
	}
	if len(raw) != 2 {
		return nil, time.Time{}, fmt.Errorf("scheduler: claim: unexpected reply %v", raw)
	}
	list, _ := raw[0].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		str, ok := v.(string)
		if !ok {
			return nil, time.Time{}, fmt.Errorf("scheduler: claim: unexpected item %v", v)
		}
		out = append(out, str)
	}
	var next time.Time
	if score, ok := raw[1].(string); ok {
		if ms, err := strconv.ParseFloat(score, 64); err == nil {
			next = time.UnixMilli(int64(ms))
		}
	}
	return out, next, nil
}

// process handles one claimed reminder and reports whether fire was called and succeeded.
func (s *Scheduler) process(ctx context.Context, now time.Time, st stored, claim string) (bool, error) {
	log := s.opt.Logger.With("reminder", st.ID, "chat", st.ChatID)
	if !st.ok {
		// Cancelled between claim and load: only the claim is left to clear.
		_, err := s.ack(ctx, st, claim, "done", 0, false)
		return false, err
	}
	occ := st.At
	age := now.Sub(occ)
	if age > s.opt.Grace {
		log.Warn("scheduler: skipped an occurrence older than the grace window",
			"occurrence", occ, "age", age.Round(time.Second), "grace", s.opt.Grace)
		_, err := s.ack(ctx, st, claim, "done", s.nextAfter(st, now), false)
		return false, err
	}
	k := s.q.k
	begin, err := beginScript.Run(ctx, s.q.rdb, []string{k.processing(), k.claims(), k.reminder(st.ID),
		k.sent(st.ID, occ)}, st.ID, claim, s.opt.Now().Add(s.opt.Lease).UnixMilli()).Int()
	if err != nil {
		return false, fmt.Errorf("scheduler: begin %s: %w", st.ID, err)
	}
	switch begin {
	case beginLost, beginGone:
		return false, nil
	case beginIsSent:
		log.Info("scheduler: occurrence already sent by a previous owner; acknowledging", "occurrence", occ)
		_, err := s.ack(ctx, st, claim, "done", s.nextAfter(st, now), true)
		return false, err
	}
	if err := s.fire(ctx, Firing{Reminder: st.Reminder, Occurrence: occ, Late: age > s.opt.LateAfter}); err != nil {
		tries := st.tries + 1
		if tries >= s.opt.MaxTries {
			log.Error("scheduler: giving up on an occurrence", "occurrence", occ, "tries", tries, "err", err)
			_, aerr := s.ack(ctx, st, claim, "done", s.nextAfter(st, now), false)
			return false, aerr
		}
		retry := now.Add(time.Duration(tries) * s.opt.RetryDelay)
		log.Warn("scheduler: fire failed; will retry", "occurrence", occ, "tries", tries, "retry_at", retry, "err", err)
		_, aerr := s.ack(ctx, st, claim, "retry", retry.UnixMilli(), false)
		return false, aerr
	}
	// The message is out: record it even if ctx was cancelled meanwhile (shutdown), or it could
	// be sent again by whoever takes the lease over.
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	res, err := s.ack(actx, st, claim, "done", s.nextAfter(st, now), true)
	if err == nil && res == ackLost {
		log.Warn("scheduler: lease expired during fire; marked sent for the new owner", "occurrence", occ)
	}
	return true, err
}

// nextAfter is the Unix ms of the next due time of a recurring reminder after both its current
// one and now (missed occurrences collapse into the one just handled), or 0 for none. A reminder
// with a Lead is due Lead before each occurrence of its schedule: its next due time is the first
// occurrence after both (current due time + Lead) and (now + Lead), minus Lead, so each lead time
// of an activity re-arms itself for the next occurrence it can still be sent for.
func (s *Scheduler) nextAfter(st stored, now time.Time) int64 {
	if st.Cron == "" {
		return 0
	}
	from := st.At
	if now.After(from) {
		from = now
	}
	next, ok := when.When{Cron: st.Cron}.Next(from.Add(st.Lead), s.q.loc)
	if !ok {
		return 0
	}
	return next.Add(-st.Lead).UnixMilli()
}

func (s *Scheduler) ack(ctx context.Context, st stored, claim, mode string, next int64, mark bool) (int, error) {
	k := s.q.k
	m := "0"
	if mark {
		m = "1"
	}
	res, err := ackScript.Run(ctx, s.q.rdb, []string{k.processing(), k.claims(), k.reminder(st.ID), k.due(),
		k.sent(st.ID, st.At), k.chat(st.ChatID), k.ref(st.Ref)},
		st.ID, claim, mode, s.opt.SentTTL.Milliseconds(), strconv.FormatInt(next, 10), m).Int()
	if err != nil {
		return 0, fmt.Errorf("scheduler: ack %s: %w", st.ID, err)
	}
	return res, nil
}

// newClaimToken tells one claim from another, also across processes.
func newClaimToken() string { return rand.Text() }
