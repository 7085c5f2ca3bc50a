package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/internal/testutil"
	"github.com/redis/go-redis/v9"
)

func TestLimitsWithDefaults(t *testing.T) {
	d := DefaultLimits()
	tests := []struct {
		name string
		in   Limits
		want Limits
	}{
		{"zero value takes Telegram's limits", Limits{}, d},
		{"negative and NaN fields take defaults",
			Limits{Global: -1, GlobalBurst: -2, PerChat: math.NaN(), ChatBurst: -3, PerGroupPerMinute: -4, GroupBurst: -5}, d},
		{"infinite rates take defaults", Limits{Global: math.Inf(1), PerChat: math.Inf(1)}, d},
		{"explicit fields are kept",
			Limits{Global: 10, GlobalBurst: 2, PerChat: 0.5, ChatBurst: 1, PerGroupPerMinute: 5, GroupBurst: 2},
			Limits{Global: 10, GlobalBurst: 2, PerChat: 0.5, ChatBurst: 1, PerGroupPerMinute: 5, GroupBurst: 2}},
		{"the smallest explicit values are kept",
			Limits{Global: 0.5, GlobalBurst: 1, PerChat: 0.1, ChatBurst: 1, PerGroupPerMinute: 1, GroupBurst: 1},
			Limits{Global: 0.5, GlobalBurst: 1, PerChat: 0.1, ChatBurst: 1, PerGroupPerMinute: 1, GroupBurst: 1}},
		{"group burst is capped at the per-minute limit",
			Limits{PerGroupPerMinute: 4, GroupBurst: 9},
			Limits{Global: 29.5, GlobalBurst: 1, PerChat: 1, ChatBurst: 3, PerGroupPerMinute: 4, GroupBurst: 4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.withDefaults(); got != tc.want {
				t.Errorf("withDefaults() = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestCells(t *testing.T) {
	c := DefaultLimits().cells()
	tests := []struct {
		name          string
		got           cell
		wantInterval  time.Duration
		wantTolerance time.Duration
	}{
		{"global is 29.5/s rounded up to whole microseconds, no burst", c.global, 33899 * time.Microsecond, 0},
		{"chat is 1/s with room for two more at once", c.chat, time.Second, 2 * time.Second},
		{"group sustains 18/min so a burst of 3 still fits 20 in a minute", c.group, 3333334 * time.Microsecond, 6666668 * time.Microsecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got.interval != tc.wantInterval || tc.got.tolerance != tc.wantTolerance {
				t.Errorf("cell = %+v, want interval %v tolerance %v", tc.got, tc.wantInterval, tc.wantTolerance)
			}
		})
	}
}

func TestViolationsCatchesAnUnlimitedSchedule(t *testing.T) {
	at := time.Unix(0, 0)
	var burst []sent
	for i := range 31 {
		burst = append(burst, sent{int64(i + 1), at})
	}
	tests := []struct {
		name string
		msgs []sent
	}{
		{"31 chats at once breaks the global limit", burst},
		{"4 messages to one chat at once breaks the chat limit",
			[]sent{{5, at}, {5, at}, {5, at}, {5, at.Add(999 * time.Millisecond)}}},
		{"21 messages to a group within a minute breaks the group limit", func() []sent {
			var m []sent
			for i := range 21 {
				m = append(m, sent{-5, at.Add(time.Duration(i) * 2900 * time.Millisecond)})
			}
			return m
		}()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if v := violations(tc.msgs, telegramRules); len(v) == 0 {
				t.Error("violations() found nothing in a schedule that breaks a limit")
			}
		})
	}
}

// backend gives Limiters whose schedules are checked the same way, on a fake clock they share.
type backend struct {
	name string
	pair func(t *testing.T, lim Limits) (*testutil.FakeClock, *Limiter, *Limiter)
}

// backends are two processes sharing a real Redis (the script on the fake clock instead of the
// server's TIME), and the in-process fallback of one process whose Redis is gone.
func backends() []backend {
	return []backend{
		{"two processes sharing Redis", func(t *testing.T, lim Limits) (*testutil.FakeClock, *Limiter, *Limiter) {
			c1, prefix := redistest.Client(t)
			opt, err := redis.ParseURL(redistest.URL(t))
			if err != nil {
				t.Fatal(err)
			}
			c2 := redis.NewClient(opt)
			t.Cleanup(func() { c2.Close() })
			clk := newFakeClock()
			return clk, New(c1, prefix, lim, WithClock(clk.Now), withScriptClock(clk.Now)),
				New(c2, prefix, lim, WithClock(clk.Now), withScriptClock(clk.Now))
		}},
		{"in-process fallback", func(t *testing.T, lim Limits) (*testutil.FakeClock, *Limiter, *Limiter) {
			clk := newFakeClock()
			var logs logBuffer
			l := New(closedPortClient(t), "x:", lim, WithClock(clk.Now), WithLogger(logs.logger()))
			return clk, l, l
		}},
	}
}

// allGranted fails the test unless every message of msgs got a slot.
func allGranted(t *testing.T, msgs []msg, got []grant) {
	t.Helper()
	if len(got) != len(msgs) {
		t.Fatalf("%d of %d messages got a slot", len(got), len(msgs))
	}
}

func TestSchedulesKeepTelegramLimits(t *testing.T) {
	// A mixed load: a hot group, a hot private chat, and many quiet chats of both kinds, from two
	// processes, some of it bulk.
	var load []msg
	for i := range 400 {
		m := msg{proc: i % 2, arrive: time.Duration(i) * 5 * time.Millisecond, bulk: i%3 == 0}
		switch {
		case i%5 == 0:
			m.chat = -1001
		case i%7 == 0:
			m.chat = 42
		case i%2 == 0:
			m.chat = int64(-(i % 37) - 1)
		default:
			m.chat = int64(i%41 + 100)
		}
		load = append(load, m)
	}
	for _, b := range backends() {
		t.Run(b.name+" never exceeds any limit", func(t *testing.T) {
			clk, l1, l2 := b.pair(t, Limits{})
			got := simulate(t, clk, []*Limiter{l1, l2}, load)
			allGranted(t, load, got)
			for _, v := range violations(schedule(got), telegramRules) {
				t.Error(v)
			}
		})
	}
}

func TestBroadcastTo1000GroupsRunsNearTheGlobalLimit(t *testing.T) {
	var groups []msg
	for i := range 1000 {
		groups = append(groups, msg{proc: i % 2, chat: int64(-1000 - i)})
	}
	for _, b := range backends() {
		for _, bulk := range []bool{false, true} {
			for i := range groups {
				groups[i].bulk = bulk
			}
			t.Run(fmt.Sprintf("%s, bulk %v: 95%% of 30 msg/s with no violation", b.name, bulk), func(t *testing.T) {
				clk, l1, l2 := b.pair(t, Limits{})
				got := simulate(t, clk, []*Limiter{l1, l2}, groups)
				allGranted(t, groups, got)
				all := schedule(got)
				for _, v := range violations(all, telegramRules) {
					t.Error(v)
				}
				if r := rate(all); r < 0.95*30 || r > 30 {
					t.Errorf("broadcast rate %.2f msg/s, want between 28.5 and 30", r)
				}
			})
		}
	}
}

func TestPerChatSpacing(t *testing.T) {
	tests := []struct {
		name string
		chat int64
		// want[k] is when message k+1 goes, after the first.
		want []time.Duration
	}{
		{"private chat sends three at once then one a second", 42,
			[]time.Duration{0, 0, 0, time.Second, 2 * time.Second, 3 * time.Second}},
		{"group sends three at once then one every 3.33 s", -42,
			[]time.Duration{0, 0, 0, 3333334 * time.Microsecond, 6666668 * time.Microsecond}},
	}
	for _, b := range backends() {
		for _, tc := range tests {
			t.Run(b.name+": "+tc.name, func(t *testing.T) {
				// A roomy global limit, so only the chat's own cells space the messages.
				clk, l, _ := b.pair(t, Limits{Global: 1000, GlobalBurst: 100})
				msgs := make([]msg, len(tc.want))
				for i := range msgs {
					msgs[i] = msg{chat: tc.chat}
				}
				got := simulate(t, clk, []*Limiter{l}, msgs)
				allGranted(t, msgs, got)
				for k, g := range got {
					if d := g.at.Sub(got[0].at); d != tc.want[k] {
						t.Errorf("message %d at +%v, want +%v", k+1, d, tc.want[k])
					}
				}
			})
		}
	}
}

func TestGroupNeverGetsMoreThan20PerMinute(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name+" spreads 60 messages over more than two minutes", func(t *testing.T) {
			clk, l, _ := b.pair(t, Limits{})
			msgs := make([]msg, 60)
			for i := range msgs {
				msgs[i] = msg{chat: -777}
			}
			got := simulate(t, clk, []*Limiter{l}, msgs)
			allGranted(t, msgs, got)
			all := schedule(got)
			for _, v := range violations(all, []window{{"group", time.Minute, 20}}) {
				t.Error(v)
			}
			if span := got[59].at.Sub(got[0].at); span < 2*time.Minute {
				t.Errorf("60 group messages span %v, want at least 2m (20/min)", span)
			}
		})
	}
}

func TestKeysLiveUnderThePrefixAndExpire(t *testing.T) {
	ctx := context.Background()
	c, prefix := redistest.Client(t)
	l := New(c, prefix, Limits{})
	var last time.Duration
	for range 3 {
		d, ok, err := l.Reserve(ctx, cid(-9))
		if err != nil || !ok {
			t.Fatalf("Reserve = %v, %v; want a slot within the group's burst", ok, err)
		}
		last = d
	}
	keys, err := c.Keys(ctx, prefix+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	// A send at s needs TAT-tolerance <= s and moves TAT one interval on, so no cell's TAT (and
	// so no key's life) reaches past the last send by more than tolerance+interval.
	cs := l.cells
	want := map[string]time.Duration{
		globalKey(prefix):         last + cs.global.tolerance + cs.global.interval,
		chatKey(prefix, cid(-9)):  last + cs.chat.tolerance + cs.chat.interval,
		groupKey(prefix, cid(-9)): last + cs.group.tolerance + cs.group.interval,
	}
	if len(keys) != len(want) {
		t.Errorf("keys under the prefix = %q, want the global, chat and group cells", keys)
	}
	for _, k := range keys {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected key %q", k)
		}
	}
	for k, bound := range want {
		t.Run(k+" expires when its TAT passes", func(t *testing.T) {
			ttl, err := c.PTTL(ctx, k).Result()
			if err != nil {
				t.Fatal(err)
			}
			if ttl <= 0 || ttl > bound+time.Millisecond {
				t.Errorf("PTTL = %v, want in (0, %v]", ttl, bound+time.Millisecond)
			}
		})
	}
}

func TestContextIsHonoured(t *testing.T) {
	t.Run("a cancelled context reserves nothing", func(t *testing.T) {
		c, prefix := redistest.Client(t)
		l := New(c, prefix, Limits{})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, _, err := l.Reserve(ctx, cid(1)); !errors.Is(err, context.Canceled) {
			t.Errorf("Reserve = %v, want context.Canceled", err)
		}
		if n, _ := c.Exists(context.Background(), globalKey(prefix)).Result(); n != 0 {
			t.Error("a cancelled Reserve wrote the global cell")
		}
	})
	t.Run("Wait returns at once within the burst", func(t *testing.T) {
		l := New(nil, "", Limits{})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if err := l.Wait(ctx, cid(1)); err != nil {
			t.Errorf("Wait = %v, want nil", err)
		}
	})
	t.Run("Wait gives up when the context ends before the slot", func(t *testing.T) {
		l := New(nil, "", Limits{})
		for range 3 {
			if _, _, err := l.Reserve(context.Background(), cid(1)); err != nil {
				t.Fatal(err)
			}
		}
		// The fourth slot is a second away; the deadline comes first.
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		if err := l.Wait(ctx, cid(1)); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Wait = %v, want context.DeadlineExceeded", err)
		}
	})
}
