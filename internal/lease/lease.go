// Package lease is a leader lease in Redis: among processes sharing a Redis (single server,
// Sentinel or Cluster), at most one holds a given lease at a time, and when it dies another takes
// over within the lease's TTL. coordbot uses it so that exactly one process polls Telegram.
//
// The lease is a string key holding the holder's random token, taken with SET NX PX, renewed at a
// third of its TTL and released with scripts that compare the token first, so a process can never
// extend or delete a lease another process took after its own ran out (go-co-op/gocron's Elector
// and the Redis documentation's single-instance lock are the models).
//
// Give a lease a client of its own (a pool of two connections is plenty): on a client shared
// with the work, a pool exhausted by that work delays every renewal until the lease runs out in
// Redis, and the process loses its lease while Redis answers.
package lease

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coordbot/coordbot/internal/rediserr"
	"github.com/redis/go-redis/v9"
)

// Options tune a Lease. Zero values take the defaults named on each field.
type Options struct {
	// TTL is how long the lease outlives its holder's last renewal: the longest a dead holder
	// keeps others waiting. Default 6 s.
	TTL time.Duration
	// Renew is the pause between renewals; default TTL/3.
	Renew time.Duration
	// Retry is how often a standby tries to take the lease; default 1 s.
	Retry time.Duration
	// ID names this process in the log and in metrics; default host:pid. A random suffix makes
	// the token unique anyway.
	ID string
	// Logger receives take-overs and losses; nil discards them.
	Logger *slog.Logger
}

// Lease is one process's handle on a lease. It is safe for concurrent use, but one Lead at a time.
type Lease struct {
	rdb   redis.UniversalClient
	key   string
	token string
	opt   Options
	held  atomic.Bool
}

// New returns a handle on the lease stored at key.
func New(rdb redis.UniversalClient, key string, opt Options) *Lease {
	if opt.TTL <= 0 {
		opt.TTL = 6 * time.Second
	}
	if opt.Renew <= 0 {
		opt.Renew = opt.TTL / 3
	}
	if opt.Retry <= 0 {
		opt.Retry = time.Second
	}
	if opt.ID == "" {
		host, _ := os.Hostname()
		opt.ID = fmt.Sprintf("%s:%d", host, os.Getpid())
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	return &Lease{rdb: rdb, key: key, token: opt.ID + "/" + rand.Text()[:10], opt: opt}
}

// ID is this process's name as the lease shows it.
func (l *Lease) ID() string { return l.opt.ID }

// Leading reports whether this process holds the lease now.
func (l *Lease) Leading() bool { return l.held.Load() }

// Holder returns the ID of the process holding the lease, or "" when nobody does.
func (l *Lease) Holder(ctx context.Context) (string, error) {
	v, err := l.rdb.Get(ctx, l.key).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if i := lastSlash(v); i >= 0 {
		v = v[:i]
	}
	return v, nil
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}

// renewScript extends the lease only if it is still ours. KEYS: lease. ARGV: token, ttl ms.
var renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`)

// releaseScript deletes the lease only if it is still ours. KEYS: lease. ARGV: token.
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`)

// Lead blocks until this process holds the lease, or ctx ends (then it returns ctx's error). It
// returns a context that ends when the lease is lost or ctx ends, and a release function that
// stops renewing and gives the lease up at once, so a standby need not wait out the TTL; call it
// when the work done under the lease has stopped.
//
// A renewal that fails because Redis cannot be reached does not end the lease here: nobody else
// can take it while Redis is unreachable to them too, and stopping would only leave nobody
// working. Only Redis answering that the lease is someone else's (or gone) ends it.
func (l *Lease) Lead(ctx context.Context) (context.Context, func(), error) {
	for failures := 0; ; {
		ok, err := l.acquire(ctx)
		if ok {
			break
		}
		if err != nil && ctx.Err() == nil {
			// Said at the first failure and then every 30th, not every second of an outage.
			if failures++; failures%30 == 1 {
				l.opt.Logger.Warn("lease: could not ask Redis for the lease; retrying", "lease", l.key, "failures", failures, "err", err)
			}
		} else {
			failures = 0
		}
		t := time.NewTimer(l.opt.Retry)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, nil, ctx.Err()
		case <-t.C:
		}
	}
	l.held.Store(true)
	l.opt.Logger.Info("lease: took the lease", "lease", l.key, "id", l.opt.ID)
	lctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.renew(lctx, cancel)
	}()
	var once sync.Once
	release := func() {
		once.Do(func() {
			cancel()
			<-done
			l.held.Store(false)
			rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			defer rcancel()
			if err := releaseScript.Run(rctx, l.rdb, []string{l.key}, l.token).Err(); err != nil {
				l.opt.Logger.Warn("lease: could not release the lease; it expires by itself", "lease", l.key, "err", err)
			}
		})
	}
	return lctx, release, nil
}

// acquire takes the lease if it is free.
func (l *Lease) acquire(ctx context.Context) (bool, error) {
	err := l.rdb.SetArgs(ctx, l.key, l.token, redis.SetArgs{Mode: "NX", TTL: l.opt.TTL}).Err()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	return err == nil, err
}

// renew keeps the lease until lctx ends, cancelling it when the lease turns out to be lost.
func (l *Lease) renew(lctx context.Context, cancel context.CancelFunc) {
	t := time.NewTicker(l.opt.Renew)
	defer t.Stop()
	for {
		select {
		case <-lctx.Done():
			return
		case <-t.C:
		}
		rctx, rcancel := context.WithTimeout(lctx, l.opt.Renew)
		n, err := renewScript.Run(rctx, l.rdb, []string{l.key}, l.token, l.opt.TTL.Milliseconds()).Int()
		rcancel()
		switch {
		case err != nil && lctx.Err() == nil && rediserr.PoolExhausted(err):
			l.opt.Logger.Error("lease: a bug: the lease's connection pool is exhausted while Redis may answer; give the lease a client of its own", "lease", l.key, "err", err)
		case err != nil && lctx.Err() == nil:
			l.opt.Logger.Warn("lease: could not renew the lease; keeping it until Redis answers", "lease", l.key, "err", err)
		case err == nil && n == 0:
			l.held.Store(false)
			l.opt.Logger.Warn("lease: lost the lease to another process", "lease", l.key, "id", l.opt.ID)
			cancel()
			return
		}
	}
}
