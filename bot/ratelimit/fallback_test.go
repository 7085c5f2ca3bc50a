package ratelimit

import (
	"context"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/redis/go-redis/v9"
)

func TestFallbackWhenRedisIsDown(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		lim   Limits
		chats []int64
		want  []time.Duration // delay of each reservation, the clock standing still
		ok    []bool          // whether each got a slot (else: try again after its delay)
	}{
		{"different chats are spaced by the global rate", Limits{}, []int64{1, 2, 3, 4},
			[]time.Duration{0, 33899 * time.Microsecond, 67798 * time.Microsecond, 101697 * time.Microsecond},
			[]bool{true, true, true, true}},
		{"one chat gets its burst, then waits a second without a slot", Limits{Global: 1000, GlobalBurst: 100},
			[]int64{42, 42, 42, 42, 42}, []time.Duration{0, 0, 0, time.Second, time.Second},
			[]bool{true, true, true, false, false}},
		{"one group gets its burst, then waits 3.33 s without a slot", Limits{Global: 1000, GlobalBurst: 100},
			[]int64{-42, -42, -42, -42}, []time.Duration{0, 0, 0, 3333334 * time.Microsecond},
			[]bool{true, true, true, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clk := newFakeClock()
			var logs logBuffer
			l := New(closedPortClient(t), "x:", tc.lim, WithClock(clk.Now), WithLogger(logs.logger()))
			for i, c := range tc.chats {
				d, ok, err := l.Reserve(ctx, cid(c))
				if err != nil {
					t.Fatalf("Reserve with Redis down = %v, want the local limiter to answer", err)
				}
				if d != tc.want[i] || ok != tc.ok[i] {
					t.Errorf("reservation %d: wait %v, slot %v; want %v, %v", i+1, d, ok, tc.want[i], tc.ok[i])
				}
			}
			if n := logs.count("Redis unavailable"); n != 1 {
				t.Errorf("outage logged %d times, want once", n)
			}
		})
	}
	t.Run("slots free up as the clock moves", func(t *testing.T) {
		clk := newFakeClock()
		var logs logBuffer
		l := New(closedPortClient(t), "x:", Limits{}, WithClock(clk.Now), WithLogger(logs.logger()))
		for range 3 {
			if _, _, err := l.Reserve(ctx, cid(5)); err != nil {
				t.Fatal(err)
			}
		}
		clk.Advance(time.Second)
		if d, ok, _ := l.Reserve(ctx, cid(5)); d != 0 || !ok {
			t.Errorf("after a second the chat waits %v (slot %v), want a slot now", d, ok)
		}
		if d, ok, _ := l.Reserve(ctx, cid(5)); d != time.Second || ok {
			t.Errorf("the next message: wait %v, slot %v; want to try again in 1s", d, ok)
		}
	})
	t.Run("a nil client limits in-process without logging an outage", func(t *testing.T) {
		var logs logBuffer
		l := New(nil, "", Limits{}, WithLogger(logs.logger()))
		if _, _, err := l.Reserve(ctx, cid(1)); err != nil {
			t.Fatal(err)
		}
		if d, _, _ := l.Reserve(ctx, cid(2)); d <= 0 {
			t.Errorf("second message waits %v, want the global spacing", d)
		}
		if logs.count("ratelimit") != 0 {
			t.Error("a Limiter without Redis logged an outage")
		}
	})
}

func TestReturnsToRedisWhenItAnswersAgain(t *testing.T) {
	ctx := context.Background()
	base, prefix := redistest.Client(t)
	opt, err := redis.ParseURL(redistest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opt)
	t.Cleanup(func() { c.Close() })
	hook := &faultHook{}
	c.AddHook(hook)
	clk := newFakeClock()
	var logs logBuffer
	l := New(c, prefix, Limits{}, WithClock(clk.Now), withScriptClock(clk.Now), WithLogger(logs.logger()), WithRetryInterval(time.Second))

	exists := func(key string) bool {
		t.Helper()
		n, err := base.Exists(ctx, key).Result()
		if err != nil {
			t.Fatal(err)
		}
		return n == 1
	}

	if _, _, err := l.Reserve(ctx, cid(1)); err != nil || !exists(chatKey(prefix, cid(1))) {
		t.Fatalf("with Redis up: err %v, chat cell in Redis %v; want the slot taken in Redis", err, exists(chatKey(prefix, cid(1))))
	}

	hook.down.Store(true)
	var afterProbe int64
	for i := range 5 {
		if _, _, err := l.Reserve(ctx, cid(7)); err != nil {
			t.Fatalf("Reserve during the outage = %v, want the local limiter to answer", err)
		}
		if i == 0 {
			afterProbe = hook.calls.Load()
		}
	}
	if exists(chatKey(prefix, cid(7))) {
		t.Error("a slot taken during the outage reached Redis")
	}
	if n := hook.calls.Load(); n != afterProbe {
		t.Errorf("Redis was called %d more times after the failed probe, want none until the retry interval", n-afterProbe)
	}
	if n := logs.count("Redis unavailable"); n != 1 {
		t.Errorf("outage logged %d times, want once", n)
	}

	// Within the retry interval the Limiter stays local even though Redis is back.
	hook.down.Store(false)
	clk.Advance(999 * time.Millisecond)
	if _, _, err := l.Reserve(ctx, cid(8)); err != nil || exists(chatKey(prefix, cid(8))) {
		t.Errorf("within the retry interval: err %v, chat cell in Redis %v; want a local slot", err, exists(chatKey(prefix, cid(8))))
	}

	// Chat 7 took its burst of three locally at +0 (the other two were refused), so one more
	// fits at +1s and the next a second later. Redis never saw the local ones and must not hand
	// out the burst again.
	clk.Advance(time.Millisecond)
	_, ok, err := l.Reserve(ctx, cid(7))
	if err != nil || !ok || !exists(chatKey(prefix, cid(7))) {
		t.Fatalf("after the retry interval: err %v, slot %v, chat cell in Redis %v; want the slot taken in Redis", err, ok, exists(chatKey(prefix, cid(7))))
	}
	if d, ok, _ := l.Reserve(ctx, cid(7)); ok || d != time.Second {
		t.Errorf("second Redis try after the outage: wait %v, slot %v; want to try again in 1s (after the local ones)", d, ok)
	}
	if n := logs.count("Redis answers again"); n != 1 {
		t.Errorf("recovery logged %d times, want once", n)
	}

	// A second outage is a new outage, and is logged again.
	hook.down.Store(true)
	if _, _, err := l.Reserve(ctx, cid(9)); err != nil {
		t.Fatal(err)
	}
	if n := logs.count("Redis unavailable"); n != 2 {
		t.Errorf("after a second outage the outage is logged %d times, want 2", n)
	}
	hook.down.Store(false)
}

func TestCallerCancellingIsNotAnOutage(t *testing.T) {
	c, prefix := redistest.Client(t)
	var logs logBuffer
	l := New(c, prefix, Limits{}, WithLogger(logs.logger()))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := l.Reserve(ctx, cid(1)); err == nil {
		t.Error("Reserve with a cancelled context succeeded")
	}
	if logs.count("Redis unavailable") != 0 {
		t.Error("a cancelled caller was logged as a Redis outage")
	}
}
