package ratelimit

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/internal/testutil"
)

// The global cell's interval under the default limits (29.5/s).
var globalIv = DefaultLimits().cells().global.interval

func TestHeldBackMessageDoesNotDelayOtherChats(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends() {
		t.Run(b.name+": a refused message takes no global slot", func(t *testing.T) {
			_, l, _ := b.pair(t, Limits{})
			for i := range 3 {
				if _, ok, err := l.Reserve(ctx, cid(42)); err != nil || !ok {
					t.Fatalf("message %d of chat 42: slot %v, err %v; want its burst", i+1, ok, err)
				}
			}
			d, ok, err := l.Reserve(ctx, cid(42))
			if err != nil || ok || d != time.Second {
				t.Fatalf("4th message of chat 42: wait %v, slot %v, err %v; want no slot, its turn in 1s", d, ok, err)
			}
			// The clock stands still: chat 43 comes right after chat 42's three, not after its
			// fourth a second later.
			d, ok, err = l.Reserve(ctx, cid(43))
			if err != nil || !ok || d != 3*globalIv {
				t.Errorf("chat 43: wait %v, slot %v, err %v; want a slot after 3 global intervals (%v)", d, ok, err, 3*globalIv)
			}
		})
		t.Run(b.name+": 20 chats asking during a flood wait only for each other", func(t *testing.T) {
			clk, l, _ := b.pair(t, Limits{})
			var msgs []msg
			for range 40 {
				msgs = append(msgs, msg{chat: 7})
			}
			for i := range 20 {
				msgs = append(msgs, msg{chat: int64(100 + i), arrive: 500 * time.Millisecond})
			}
			got := simulate(t, clk, []*Limiter{l}, msgs)
			allGranted(t, msgs, got)
			start := got[0].at
			var worst time.Duration
			for _, g := range got {
				if g.chat != 7 {
					worst = max(worst, g.at.Sub(start.Add(g.arrive)))
				}
			}
			// 20 answers, and at most one message of the flooding chat per second among them.
			if limit := 22 * globalIv; worst > limit {
				t.Errorf("worst wait of the 20 chats %v on the limiter's clock, want at most %v", worst, limit)
			}
			for _, v := range violations(schedule(got), telegramRules) {
				t.Error(v)
			}
		})
	}
}

func TestRefusedTryWritesNothingInRedis(t *testing.T) {
	ctx := context.Background()
	c, prefix := redistest.Client(t)
	clk := newFakeClock()
	l := New(c, prefix, Limits{}, WithClock(clk.Now), withScriptClock(clk.Now))
	for range 3 {
		if _, _, err := l.Reserve(ctx, cid(-5)); err != nil {
			t.Fatal(err)
		}
	}
	before, err := c.MGet(ctx, l.scriptKeys(cid(-5))...).Result()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := l.Reserve(ctx, cid(-5)); err != nil || ok {
		t.Fatalf("4th message of the group: slot %v, err %v; want none", ok, err)
	}
	after, err := c.MGet(ctx, l.scriptKeys(cid(-5))...).Result()
	if err != nil {
		t.Fatal(err)
	}
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("%s moved from %v to %v on a refused try", l.scriptKeys(cid(-5))[i], before[i], after[i])
		}
	}
}

func TestEachChatsMessagesGetSlotsInTheOrderAsked(t *testing.T) {
	// A chat whose messages are spaced 10 ms apart, so most of them wait for its turn.
	l := New(nil, "", Limits{Global: 1000, GlobalBurst: 10, PerChat: 100, ChatBurst: 1})
	ctx := context.Background()
	// Hold the chat's turn while the others line up, one after the other.
	leave, err := l.order.enter(ctx, cid(5))
	if err != nil {
		t.Fatal(err)
	}
	const n = 12
	var mu sync.Mutex
	var got []int
	var wg sync.WaitGroup
	cancelled, cancel := context.WithCancel(ctx)
	for i := range n {
		c := ctx
		if i == 4 {
			c = cancelled // one gives up while waiting; the others must not be stuck behind it
		}
		wg.Go(func() {
			if err := l.Wait(c, cid(5)); err != nil {
				return
			}
			mu.Lock()
			got = append(got, i)
			mu.Unlock()
		})
		waitUntil(t, func() bool { return l.order.waiting(cid(5)) == i+2 })
	}
	cancel()
	waitUntil(t, func() bool { return l.order.waiting(cid(5)) == n })
	leave()
	wg.Wait()
	want := []int{0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11}
	if len(got) != len(want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
	if n := l.order.waiting(cid(5)); n != 0 {
		t.Errorf("%d entries left in the chat's queue, want none", n)
	}
}

// waitUntil polls cond until it holds, and fails the test if it does not within 10 s.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	testutil.WaitFor(t, 10*time.Second, cond, "condition not reached within 10 s")
}

func TestRepliesGoBeforeABroadcastThatStillProgresses(t *testing.T) {
	// broadcast fans a reminder out to groups from procs processes at once.
	broadcast := func(groups, procs int) []msg {
		var out []msg
		for i := range groups {
			out = append(out, msg{proc: i % procs, chat: int64(-5000 - i), bulk: true})
		}
		return out
	}
	for _, b := range backends() {
		t.Run(b.name+": 20 people asking during a broadcast wait only for each other", func(t *testing.T) {
			clk, l, l2 := b.pair(t, Limits{})
			// Both processes fan the broadcast out (each one bulk message at a time, as WaitBulk
			// admits them).
			ls := []*Limiter{l, l2}
			msgs := broadcast(300, len(ls))
			for i := range 20 {
				msgs = append(msgs, msg{chat: int64(200 + i), arrive: 2 * time.Second})
			}
			got := simulate(t, clk, ls, msgs)
			allGranted(t, msgs, got)
			start := got[0].at
			var worst time.Duration
			var last time.Time
			for _, g := range got {
				if g.bulk {
					last = maxTime(last, g.at)
				} else {
					worst = max(worst, g.at.Sub(start.Add(g.arrive)))
				}
			}
			// The 20 replies, behind at most the broadcast messages already given a slot when
			// they asked: a bulk message takes one only when the queue holds at most one.
			if limit := 22 * globalIv; worst > limit {
				t.Errorf("worst wait of the 20 people %v, want at most %v", worst, limit)
			}
			// The broadcast loses only the 20 slots the replies took.
			if span, want := last.Sub(start), time.Duration(300+20)*globalIv; span > want {
				t.Errorf("broadcast took %v on the limiter's clock, want at most %v", span, want)
			}
			for _, v := range violations(schedule(got), telegramRules) {
				t.Error(v)
			}
		})
		t.Run(b.name+": a broadcast progresses while replies exceed the global limit", func(t *testing.T) {
			clk, l, _ := b.pair(t, Limits{})
			msgs := broadcast(30, 1)
			// 40 replies a second for 10 s: more than Telegram lets out.
			for i := range 400 {
				msgs = append(msgs, msg{chat: int64(1000 + i), arrive: time.Duration(i) * 25 * time.Millisecond})
			}
			got := simulate(t, clk, []*Limiter{l}, msgs)
			allGranted(t, msgs, got)
			start := got[0].at
			during := 0
			for _, g := range got {
				if g.bulk && g.at.Before(start.Add(10*time.Second)) {
					during++
				}
			}
			// Each broadcast message yields for BulkPatience, then queues like a reply; the queue
			// grows by 11 replies a second, so a few get through during the flood.
			if during < 3 {
				t.Errorf("%d broadcast messages went during 10 s of heavy replies, want at least 3", during)
			}
			for _, v := range violations(schedule(got), telegramRules) {
				t.Error(v)
			}
		})
	}
}

func TestBulkYieldsToQueuedRepliesForAWhile(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			clk, l, _ := b.pair(t, Limits{})
			start := clk.Now()
			for i := range 20 {
				if _, ok, err := l.Reserve(ctx, cid(int64(300+i))); err != nil || !ok {
					t.Fatalf("reply %d: slot %v, err %v", i, ok, err)
				}
			}
			a := &attempt{bulk: true}
			r, err := l.step(ctx, cid(-1), a)
			if err != nil || r.granted || !r.at.Equal(start.Add(19*globalIv)) {
				t.Fatalf("bulk behind 20 replies: slot %v at +%v, err %v; want none, try again at +%v (one slot left)",
					r.granted, r.at.Sub(start), err, 19*globalIv)
			}
			// A reply asking now is not behind the broadcast message.
			if d, ok, err := l.Reserve(ctx, cid(400)); err != nil || !ok || d != 20*globalIv {
				t.Errorf("reply after the refused bulk message: wait %v, slot %v, err %v; want a slot at +%v", d, ok, err, 20*globalIv)
			}
			// Replies keep coming; after BulkPatience the bulk message queues like them.
			for i := 0; clk.Now().Add(globalIv).Sub(start) < BulkPatience; i++ {
				clk.Advance(globalIv)
				if _, _, err := l.Reserve(ctx, cid(int64(500+i))); err != nil {
					t.Fatal(err)
				}
				if r, err = l.step(ctx, cid(-1), a); err != nil || r.granted {
					t.Fatalf("bulk at +%v: slot %v, err %v; want it to keep yielding", clk.Now().Sub(start), r.granted, err)
				}
			}
			clk.Advance(start.Add(BulkPatience).Sub(clk.Now()))
			if r, err = l.step(ctx, cid(-1), a); err != nil || !r.granted {
				t.Errorf("bulk after %v of yielding: slot %v, err %v; want one in the queue", BulkPatience, r.granted, err)
			}
		})
	}
}

// keySlot is Redis Cluster's slot of a key: CRC16 (XMODEM) of its hash tag, or of the whole key
// when it has none, modulo 16384.
func keySlot(key string) uint16 {
	if i := strings.IndexByte(key, '{'); i >= 0 {
		if j := strings.IndexByte(key[i+1:], '}'); j > 0 {
			key = key[i+1 : i+1+j]
		}
	}
	var crc uint16
	for k := 0; k < len(key); k++ {
		crc ^= uint16(key[k]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc % 16384
}

func TestKeySlotMatchesRedisCluster(t *testing.T) {
	// CLUSTER KEYSLOT answers, as documented by Redis.
	for key, want := range map[string]uint16{"foo": 12182, "bar": 5061, "hello": 866, "{user1000}.following": 3443, "user1000": 3443} {
		if got := keySlot(key); got != want {
			t.Errorf("keySlot(%q) = %d, want %d", key, got, want)
		}
	}
}

func TestEveryScriptsKeysShareOneClusterSlot(t *testing.T) {
	for _, prefix := range []string{"", "coordbot:", "test:1:2:", "app{tenant}:", "a}b:"} {
		l := New(nil, prefix, Limits{})
		for _, chat := range []int64{1, 42, -1, -1001234567890} {
			keys := l.scriptKeys(cid(chat))
			for _, k := range keys[1:] {
				if keySlot(k) != keySlot(keys[0]) {
					t.Errorf("prefix %q, chat %d: %s in slot %d, %s in slot %d", prefix, chat, k, keySlot(k), keys[0], keySlot(keys[0]))
				}
			}
		}
	}
}

func TestBulkMessageWaitingForItsGroupHoldsUpNoOtherGroup(t *testing.T) {
	l := New(nil, "", Limits{Global: 1000, GlobalBurst: 100})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for range 3 {
		if _, ok, _ := l.Reserve(ctx, cid(-1)); !ok {
			t.Fatal("the group's burst was refused")
		}
	}
	// Group -1's next turn is 3.3 s away.
	held := make(chan error, 1)
	go func() { held <- l.WaitBulk(ctx, cid(-1)) }()
	waitUntil(t, func() bool { return l.order.waiting(cid(-1)) == 1 })
	other := make(chan error, 1)
	go func() { other <- l.WaitBulk(context.Background(), cid(-2)) }()
	select {
	case err := <-other:
		if err != nil {
			t.Fatal(err)
		}
	case err := <-held:
		t.Fatalf("group -1's message (err %v) went before group -2's, which waited behind it", err)
	case <-time.After(10 * time.Second):
		t.Fatal("group -2's bulk message is stuck behind group -1's")
	}
	cancel()
	<-held
}

func TestBulkTakesTheSlotRightAfterOneQueuedMessage(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			clk, l, _ := b.pair(t, Limits{})
			start := clk.Now()
			if _, ok, err := l.Reserve(ctx, cid(300)); err != nil || !ok {
				t.Fatalf("reply: slot %v, err %v", ok, err)
			}
			r, err := l.step(ctx, cid(-1), &attempt{bulk: true})
			if err != nil || !r.granted || !r.at.Equal(start.Add(globalIv)) {
				t.Errorf("bulk behind one reply: slot %v at +%v, err %v; want the next slot, +%v", r.granted, r.at.Sub(start), err, globalIv)
			}
			r, err = l.step(ctx, cid(-2), &attempt{bulk: true})
			if err != nil || r.granted || !r.yielding {
				t.Errorf("bulk behind two: slot %v, yielding %v, err %v; want it to yield", r.granted, r.yielding, err)
			}
		})
	}
}
