package ratelimit

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestLocalForgetsPassedCells(t *testing.T) {
	lc := newLocal(Limits{Global: 1e6, GlobalBurst: 1}.withDefaults().cells())
	now := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	// 2,000 chats one message each: their chat cells' TATs end a second on.
	for i := range 2000 {
		if r := lc.try(now, cid(int64(i+1)), yield{max: -1}); !r.granted {
			t.Fatalf("chat %d refused", i+1)
		}
	}
	// One chat keeps the horizon far ahead, so the map is not dropped whole.
	for range 3 {
		lc.try(now, cid(-1), yield{max: -1})
	}
	if n := len(lc.tat); n < 2000 {
		t.Fatalf("%d cells before the sweep, want every chat's", n)
	}
	// Once they have passed, new chats grow the map to the next sweep, which drops them.
	later := now.Add(1500 * time.Millisecond)
	before, swept := len(lc.tat), false
	for i := range 200 {
		lc.try(later, cid(int64(5000+i)), yield{max: -1})
		if len(lc.tat) < before {
			swept = true
			break
		}
		before = len(lc.tat)
	}
	if !swept {
		t.Fatalf("no sweep after 200 more chats; %d cells", len(lc.tat))
	}
	if n := len(lc.tat); n > 200+3 {
		t.Errorf("%d cells after the sweep, want only those whose TAT has not passed", n)
	}
	if lc.sweepAt != minSweep {
		t.Errorf("next sweep at %d cells, want %d", lc.sweepAt, minSweep)
	}
	if f := lc.floors(later, cid(7)); f[1] != 0 {
		t.Errorf("floors of a forgotten chat = %v, want none for its chat cell", f)
	}
	if f := lc.floors(later, cid(-1)); f[1] <= 0 || f[2] <= 0 {
		t.Errorf("floors of group -1 = %v, want its chat and group cells ahead", f)
	}
}

func TestWaitSleepsUntilAFutureGlobalSlot(t *testing.T) {
	// 20 messages a second: the third chat's slot is 100 ms away.
	l := New(nil, "", Limits{Global: 20})
	ctx := context.Background()
	for chat := range int64(2) {
		if _, ok, _ := l.Reserve(ctx, cid(chat+1)); !ok {
			t.Fatal("refused")
		}
	}
	start := time.Now()
	if err := l.Wait(ctx, cid(3)); err != nil {
		t.Fatal(err)
	}
	// Not a timing bound: Wait must not return before the slot it was given.
	if el := time.Since(start); el < 90*time.Millisecond {
		t.Errorf("Wait returned after %v, before its slot 100 ms away", el)
	}
}

func TestWaitSleepsUntilItsChatsTurn(t *testing.T) {
	// One message per 100 ms to a chat, no burst: the second waits for the chat's turn.
	l := New(nil, "", Limits{Global: 1000, GlobalBurst: 10, PerChat: 10, ChatBurst: 1})
	ctx := context.Background()
	if _, ok, _ := l.Reserve(ctx, cid(9)); !ok {
		t.Fatal("refused")
	}
	start := time.Now()
	if err := l.Wait(ctx, cid(9)); err != nil {
		t.Fatal(err)
	}
	// Not a timing bound: Wait must not return before the chat's turn.
	if el := time.Since(start); el < 90*time.Millisecond {
		t.Errorf("Wait returned after %v, before the chat's turn 100 ms away", el)
	}
	// And it took the chat's turn: the next message waits for the one after.
	if _, ok, _ := l.Reserve(ctx, cid(9)); ok {
		t.Error("the chat's turn is still free after Wait returned")
	}
}

func TestWaitGivesUpOnAFutureGlobalSlotWhenTheContextEnds(t *testing.T) {
	l := New(nil, "", Limits{Global: 2}) // the second chat's slot is 500 ms away
	if _, ok, _ := l.Reserve(context.Background(), cid(1)); !ok {
		t.Fatal("refused")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := l.Wait(ctx, cid(2)); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Wait = %v, want context.DeadlineExceeded", err)
	}
}
