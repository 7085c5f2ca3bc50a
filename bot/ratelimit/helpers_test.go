package ratelimit

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/testutil"
	"github.com/redis/go-redis/v9"
)

// sent is one reserved message: to whom and when, on the clock of the limiter that reserved it.
type sent struct {
	chat int64
	at   time.Time
}

// window is one rule of a server that enforces Telegram's limits strictly: at most max messages in
// any half-open window of length dur.
type window struct {
	scope string // "global", "chat" or "group"
	dur   time.Duration
	max   int
}

// telegramRules are Telegram's limits as the strictest plausible server counts them.
var telegramRules = []window{
	{"global", time.Second, 30},
	{"chat", time.Second, 3},
	{"chat", 10 * time.Second, 12},
	{"group", time.Minute, 20},
}

// violations lists every rule a schedule breaks, as a server counting sliding windows would see it.
func violations(msgs []sent, rules []window) []string {
	byScope := map[string]map[int64][]time.Time{"global": {}, "chat": {}, "group": {}}
	for _, m := range msgs {
		byScope["global"][0] = append(byScope["global"][0], m.at)
		byScope["chat"][m.chat] = append(byScope["chat"][m.chat], m.at)
		if m.chat < 0 {
			byScope["group"][m.chat] = append(byScope["group"][m.chat], m.at)
		}
	}
	var out []string
	for _, r := range rules {
		for id, ts := range byScope[r.scope] {
			slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
			lo := 0
			for hi := range ts {
				for !ts[hi].Before(ts[lo].Add(r.dur)) {
					lo++
				}
				if n := hi - lo + 1; n > r.max {
					out = append(out, fmt.Sprintf("%s %d: %d messages within %v from %v (max %d)",
						r.scope, id, n, r.dur, ts[lo].Format("15:04:05.000000"), r.max))
					break
				}
			}
		}
	}
	return out
}

// rate is the achieved messages per second of a schedule, first send to last.
func rate(msgs []sent) float64 {
	lo, hi := msgs[0].at, msgs[0].at
	for _, m := range msgs {
		if m.at.Before(lo) {
			lo = m.at
		}
		if m.at.After(hi) {
			hi = m.at
		}
	}
	return float64(len(msgs)-1) / hi.Sub(lo).Seconds()
}

// reserveAll reserves one message per chat id, in order, and returns the schedule.
func reserveAll(tb testing.TB, l *Limiter, chats []int64) []sent {
	tb.Helper()
	out := make([]sent, 0, len(chats))
	for _, c := range chats {
		_, at, err := l.reserve(context.Background(), c)
		if err != nil {
			tb.Fatalf("reserve(%d): %v", c, err)
		}
		out = append(out, sent{c, at})
	}
	return out
}

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// faultHook makes a client fail every command, as a network outage would, while down is set.
type faultHook struct {
	down  atomic.Bool
	calls atomic.Int64
}

func (h *faultHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *faultHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.calls.Add(1)
		if h.down.Load() {
			err := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}

func (h *faultHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// closedPortClient returns a client pointed at a port nothing listens on.
func closedPortClient(t *testing.T) *redis.Client {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c := redis.NewClient(&redis.Options{Addr: addr, DialTimeout: 200 * time.Millisecond, MaxRetries: -1, DialerRetries: 1})
	t.Cleanup(func() { c.Close() })
	return c
}

// logBuffer collects slog output from concurrent goroutines.
type logBuffer struct{ testutil.SyncBuffer }

func (b *logBuffer) count(substr string) int { return b.Count(substr) }
func (b *logBuffer) logger() *slog.Logger    { return slog.New(slog.NewTextHandler(b, nil)) }
