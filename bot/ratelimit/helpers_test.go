package ratelimit

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"strconv"
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

// msg is a message a simulated sender asks a slot for.
type msg struct {
	proc   int // which limiter (process) sends it
	chat   int64
	bulk   bool
	arrive time.Duration // when it asks, after the start of the simulation
}

// grant is a message of a simulation with the slot it got.
type grant struct {
	msg
	at time.Time
}

// simulate sends msgs through the limiters the way Wait and WaitBulk do, on the fake clock every
// limiter runs on, moving the clock instead of sleeping: each chat's messages of a process ask in
// turn (the next once the previous one's slot comes), and so do a Limiter's bulk messages (a
// simplification: WaitBulk lets another bulk message compete while one waits for its own chat); a
// refused message tries again when the limiter says. It returns the grants in the order made.
func simulate(tb testing.TB, clk *testutil.FakeClock, ls []*Limiter, msgs []msg) []grant {
	tb.Helper()
	type lane struct {
		proc  int
		chat  int64
		bulk  bool
		queue []int // indexes into msgs, in arrival order
		next  time.Time
		try   *attempt
	}
	start := clk.Now()
	lanes := map[[3]int64]*lane{}
	var order []*lane
	for i, m := range msgs {
		k := [3]int64{int64(m.proc), m.chat, 0}
		if m.bulk {
			// WaitBulk admits one bulk message per Limiter at a time.
			k = [3]int64{int64(slices.Index(ls, ls[m.proc])), 0, 1}
		}
		ln := lanes[k]
		if ln == nil {
			ln = &lane{proc: m.proc, chat: m.chat, bulk: m.bulk}
			lanes[k] = ln
			order = append(order, ln)
		}
		ln.queue = append(ln.queue, i)
	}
	for _, ln := range order {
		ln.next = start.Add(msgs[ln.queue[0]].arrive)
	}
	var out []grant
	for steps := 0; ; steps++ {
		if steps > 1000000 {
			tb.Fatal("simulation does not end")
		}
		var cur *lane
		for _, ln := range order {
			if len(ln.queue) > 0 && (cur == nil || ln.next.Before(cur.next)) {
				cur = ln
			}
		}
		if cur == nil {
			return out
		}
		if d := cur.next.Sub(clk.Now()); d > 0 {
			clk.Advance(d)
		}
		m := msgs[cur.queue[0]]
		if cur.try == nil {
			cur.try = &attempt{bulk: m.bulk}
		}
		r, err := ls[m.proc].step(context.Background(), cid(m.chat), cur.try)
		if err != nil {
			tb.Fatalf("step(%d): %v", m.chat, err)
		}
		if !r.granted {
			cur.next = r.at
			if !cur.next.After(clk.Now()) {
				cur.next = clk.Now().Add(time.Microsecond)
			}
			continue
		}
		out = append(out, grant{m, r.at})
		cur.queue, cur.try = cur.queue[1:], nil
		if len(cur.queue) > 0 {
			cur.next = maxTime(r.at, start.Add(msgs[cur.queue[0]].arrive))
		}
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// schedule is the grants as sent messages, for violations and rate.
func schedule(gs []grant) []sent {
	out := make([]sent, len(gs))
	for i, g := range gs {
		out[i] = sent{g.chat, g.at}
	}
	return out
}

// withScriptClock runs the Redis script on now instead of the server's TIME.
func withScriptClock(now func() time.Time) Option { return func(l *Limiter) { l.scriptNow = now } }

// newFakeClock is the clock the limiter tests start on.
func newFakeClock() *testutil.FakeClock {
	return testutil.NewFakeClock(time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC))
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

// cid is the limiter's key of a Telegram chat number, as the transport passes it.
func cid[T ~int | ~int64](n T) string { return strconv.FormatInt(int64(n), 10) }
