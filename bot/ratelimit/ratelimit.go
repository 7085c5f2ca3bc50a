// Package ratelimit keeps coordbot's outgoing Telegram messages within Telegram's limits (about 30
// messages/s per bot, about 1/s per chat with short bursts, 20/min per group), shared by every
// process of the bot through Redis.
//
// Each limit is a GCRA (generic cell rate algorithm) cell holding one timestamp. One Lua script
// checks the global, per-chat and per-group cells together and reserves a slot in all of them
// atomically, on the Redis server's clock, so a message costs one round trip and processes with
// skewed clocks still agree. A reservation never fails for being early: it returns how long to
// wait, so callers queue instead of retrying.
//
// If Redis cannot be reached the Limiter keeps the same limits in-process (per process, so N
// processes may together send up to N times the rate until Redis returns), so replies still go
// out; it probes Redis again every retry interval and goes back to it as soon as it answers.
// It imports neither the bot nor Telegram.
package ratelimit

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limiter hands out send slots. It is safe for concurrent use.
type Limiter struct {
	rdb     redis.UniversalClient
	prefix  string
	limits  Limits
	cells   cells
	now     func() time.Time
	log     *slog.Logger
	timeout time.Duration
	retry   time.Duration
	local   *local

	mu        sync.Mutex
	down      bool      // Redis failed and has not answered since
	downSince time.Time // when the outage began, for the recovery log line
	nextProbe time.Time // before this, do not wait on a Redis that just failed
}

// Option configures a Limiter.
type Option func(*Limiter)

// WithClock sets the clock of the in-process fallback and of the outage bookkeeping (default
// time.Now). Reservations through Redis always use the server's clock.
func WithClock(now func() time.Time) Option { return func(l *Limiter) { l.now = now } }

// WithLogger sets where outages are reported (default slog.Default()). One line is logged when
// Redis stops answering and one when it answers again, never one per message.
func WithLogger(log *slog.Logger) Option { return func(l *Limiter) { l.log = log } }

// WithTimeout bounds each Redis round trip (default 500ms), so a hung Redis delays a reply by at
// most this before the in-process fallback takes over. Zero leaves only the caller's context.
func WithTimeout(d time.Duration) Option { return func(l *Limiter) { l.timeout = d } }

// WithRetryInterval sets how long the Limiter stays in-process after Redis failed before it tries
// Redis again (default 1s); in between, messages do not pay for a connection attempt.
func WithRetryInterval(d time.Duration) Option { return func(l *Limiter) { l.retry = d } }

// New returns a Limiter whose cells live in rdb under prefix. Zero fields of lim take their
// defaults (DefaultLimits). A nil rdb gives a purely in-process Limiter, for a single process
// without Redis (the console).
func New(rdb redis.UniversalClient, prefix string, lim Limits, opts ...Option) *Limiter {
	lim = lim.withDefaults()
	l := &Limiter{
		rdb:     rdb,
		prefix:  prefix,
		limits:  lim,
		cells:   lim.cells(),
		now:     time.Now,
		log:     slog.Default(),
		timeout: 500 * time.Millisecond,
		retry:   time.Second,
	}
	for _, o := range opts {
		o(l)
	}
	l.local = newLocal(l.cells)
	return l
}

// Limits returns the limits in force, defaults filled in.
func (l *Limiter) Limits() Limits { return l.limits }

// Reserve takes the next send slot for chatID and returns how long to wait before sending
// (0: send now). The slot is taken even if the caller then gives up, which errs on the side of
// sending less. The only error is ctx's: a failing Redis is replaced by the in-process limiter.
func (l *Limiter) Reserve(ctx context.Context, chatID int64) (time.Duration, error) {
	now, sendAt, err := l.reserve(ctx, chatID)
	if err != nil {
		return 0, err
	}
	return sendAt.Sub(now), nil
}

// reserve takes the slot and returns the clock it was computed on (Redis's or the injected one)
// with the send time on that same clock, which is what tests check the schedule with.
func (l *Limiter) reserve(ctx context.Context, chatID int64) (now, sendAt time.Time, err error) {
	if err := ctx.Err(); err != nil {
		return time.Time{}, time.Time{}, err
	}
	if l.shouldTryRedis() {
		now, at, err := l.reserveRedis(ctx, chatID, l.local.pending(l.now(), chatID))
		if err == nil {
			l.redisAnswered()
			return time.UnixMicro(now), time.UnixMicro(at), nil
		}
		if cerr := ctx.Err(); cerr != nil {
			// The caller gave up; that says nothing about Redis.
			return time.Time{}, time.Time{}, cerr
		}
		l.redisFailed(err)
	}
	now = l.now()
	return now, l.local.reserve(now, chatID), nil
}

// Wait reserves a slot for chatID and sleeps until it comes, or returns ctx's error if ctx ends
// first.
//
// A caller that wakes well after its slot (the process stalled) gives the slot up and reserves
// a fresh one, a few times at most: sending late on an old slot bunches messages that the limiter
// spread, and Telegram answers the bunch with 429s.
func (l *Limiter) Wait(ctx context.Context, chatID int64) error {
	const maxLate, maxRequeue = 150 * time.Millisecond, 3
	for try := 0; ; try++ {
		d, err := l.Reserve(ctx, chatID)
		if err != nil || d <= 0 {
			return err
		}
		due := time.Now().Add(d)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		if time.Since(due) <= maxLate || try >= maxRequeue {
			return nil
		}
	}
}

// shouldTryRedis says whether this reservation goes to Redis. During an outage only one caller
// per retry interval probes, so the others do not each wait for a timeout.
func (l *Limiter) shouldTryRedis() bool {
	if l.rdb == nil {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.down {
		return true
	}
	now := l.now()
	if now.Before(l.nextProbe) {
		return false
	}
	l.nextProbe = now.Add(l.retry)
	return true
}

func (l *Limiter) redisFailed(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.nextProbe = now.Add(l.retry)
	if l.down {
		return
	}
	l.down, l.downSince = true, now
	l.log.Warn("ratelimit: Redis unavailable, limiting messages in this process only", "err", err)
}

func (l *Limiter) redisAnswered() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.down {
		return
	}
	l.down = false
	l.log.Info("ratelimit: Redis answers again, limits shared across processes",
		"outage", l.now().Sub(l.downSince).Round(time.Millisecond))
}
