// Package ratelimit keeps coordbot's outgoing Telegram messages within Telegram's limits (about 30
// messages/s per bot, about 1/s per chat with short bursts, 20/min per group), shared by every
// process of the bot through Redis.
//
// Each limit is a GCRA (generic cell rate algorithm) cell holding one timestamp. One Lua script
// makes an attempt for a message, atomically and on the Redis server's clock (so processes with
// skewed clocks still agree): if the message's own chat and group cells conform now, it takes the
// next global slot and advances all the cells from it; if not, it writes nothing and says when
// the chat's turn comes. Waiting for one's own chat thus never holds or moves the global cell, and
// the global slots go, across processes, to messages that can go now: a chat flooding the bot
// delays only itself. A message usually costs one round trip, one held back by its chat two.
//
// Wait serves replies to people; WaitBulk serves broadcasts, which take a global slot only when
// none is queued for a person (for up to BulkPatience), one at a time per process. Each chat's
// messages get their slots in the order they asked for them.
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
	// scriptNow, when set, is the script's clock instead of the server's TIME (tests only).
	scriptNow func() time.Time
	// order hands slots to one chat's messages in the order they asked.
	order fifo
	// bulk admits one bulk message per process to compete for global slots at a time.
	bulk chan struct{}

	mu        sync.Mutex
	down      bool      // Redis failed and has not answered since
	downSince time.Time // when the outage began, for the recovery log line
	nextProbe time.Time // before this, do not wait on a Redis that just failed
}

// Option configures a Limiter.
type Option func(*Limiter)

// WithLogger sets where outages are reported (default slog.Default()). One line is logged when
// Redis stops answering and one when it answers again, never one per message.
func WithLogger(log *slog.Logger) Option { return func(l *Limiter) { l.log = log } }

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
	l.bulk = make(chan struct{}, 1)
	return l
}

// Limits returns the limits in force, defaults filled in.
func (l *Limiter) Limits() Limits { return l.limits }

// result is one attempt at a send slot, on the clock it was computed on (Redis's or the injected
// one). granted: the slot at `at` is taken. Otherwise nothing was taken and `at` is when to try
// again: when the chat's own turn comes, or, if yielding, when the global queue will be short
// enough for a bulk message.
type result struct {
	now, at  time.Time
	granted  bool
	yielding bool
}

// wait is how long the caller sleeps: until the slot, or until the next attempt.
func (r result) wait() time.Duration { return r.at.Sub(r.now) }

// Reserve makes one attempt at a send slot for chatID. ok: the slot is taken and the message may
// go after d (0: now); the slot stays taken even if the caller then gives up, which errs on the
// side of sending less. !ok: the chat's own limit holds this message back, nothing was taken, and
// the caller tries again after d. The only error is ctx's: a failing Redis is replaced by the
// in-process limiter.
func (l *Limiter) Reserve(ctx context.Context, chatID string) (d time.Duration, ok bool, err error) {
	r, err := l.try(ctx, chatID, yield{max: -1})
	return r.wait(), r.granted, err
}

// yield is how a message lets others go first: it refuses a global slot more than max away
// (max < 0: refuses none) until BulkPatience has passed since its first try (zero: this one).
type yield struct {
	max   time.Duration
	first time.Time
}

// refuses says whether a message asking at now declines the global slot at s.
func (y yield) refuses(now, s time.Time) bool {
	first := y.first
	if first.IsZero() {
		first = now
	}
	return y.max >= 0 && now.Sub(first) < BulkPatience && s.Sub(now) > y.max
}

// try is one attempt.
func (l *Limiter) try(ctx context.Context, chatID string, y yield) (result, error) {
	if err := ctx.Err(); err != nil {
		return result{}, err
	}
	if l.shouldTryRedis() {
		r, err := l.tryRedis(ctx, chatID, y, l.local.floors(l.now(), chatID))
		if err == nil {
			l.redisAnswered()
			return r, nil
		}
		if cerr := ctx.Err(); cerr != nil {
			// The caller gave up; that says nothing about Redis.
			return result{}, cerr
		}
		l.redisFailed(err)
	}
	return l.local.try(l.now(), chatID, y), nil
}

// Wait blocks until one more message may be sent to chatID, or returns ctx's error if ctx ends
// first. It is for replies to people: they take the first global slot free.
//
// A message whose own chat (or group) is at its limit waits for its chat's turn without taking a
// global slot, and then competes for one with the others that can go now; so one chatty chat
// delays nobody else. Messages to one chat leave Wait in the order Wait was called (within this
// process).
//
// A caller that wakes well after its slot (the process stalled) gives the slot up and takes a
// fresh one, a few times at most: sending late on an old slot bunches messages that the limiter
// spread, and Telegram answers the bunch with 429s.
func (l *Limiter) Wait(ctx context.Context, chatID string) error { return l.wait(ctx, chatID, false) }

// WaitBulk is Wait for messages nobody is waiting on right now (a reminder fanned out to many
// groups, a digest): replies to people go first. A bulk message takes a global slot only when
// the global queue is empty, and one bulk message per process competes at a time, so a parallel
// fan-out never fills the queue ahead of people. After BulkPatience it queues like a reply, so
// a broadcast still progresses however busy people keep the bot.
func (l *Limiter) WaitBulk(ctx context.Context, chatID string) error {
	return l.wait(ctx, chatID, true)
}

// BulkPatience is how long a bulk message lets replies to people go first before it takes its
// place in the queue like they do.
const BulkPatience = time.Second

// attempt is the state of one message's wait for a slot.
type attempt struct {
	bulk  bool
	first time.Time // the limiter's clock at the first try
}

// step makes one try for a waiting message. A bulk message accepts a global slot at most one
// interval away, so it takes one only when the queue is about empty, for BulkPatience.
func (l *Limiter) step(ctx context.Context, chatID string, a *attempt) (result, error) {
	y := yield{max: -1}
	if a.bulk {
		y = yield{max: l.cells.global.interval, first: a.first}
	}
	r, err := l.try(ctx, chatID, y)
	if err != nil {
		return r, err
	}
	if a.first.IsZero() {
		a.first = r.now
	}
	return r, nil
}

func (l *Limiter) wait(ctx context.Context, chatID string, bulk bool) error {
	const maxLate, maxRequeue = 150 * time.Millisecond, 3
	leave, err := l.order.enter(ctx, chatID)
	if err != nil {
		return err
	}
	defer leave()
	// A bulk message holds the process's bulk turn while it competes for a global slot, and
	// lets it go while it waits for its own chat, so one group at its limit holds up no other.
	holding := false
	release := func() {
		if holding {
			<-l.bulk
			holding = false
		}
	}
	defer release()
	a := &attempt{bulk: bulk}
	for requeue := 0; ; {
		if bulk && !holding {
			select {
			case l.bulk <- struct{}{}:
				holding = true
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		r, err := l.step(ctx, chatID, a)
		if err != nil {
			return err
		}
		d := r.wait()
		if !r.granted {
			if !r.yielding {
				release()
			}
			// Nothing is held while waiting; a floor keeps a clock glitch from spinning.
			if err := sleep(ctx, max(d, time.Millisecond)); err != nil {
				return err
			}
			continue
		}
		if d <= 0 {
			return nil
		}
		due := time.Now().Add(d)
		if err := sleep(ctx, d); err != nil {
			return err
		}
		if time.Since(due) <= maxLate || requeue >= maxRequeue {
			return nil
		}
		requeue++
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
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
