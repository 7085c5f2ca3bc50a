package ratelimit

import (
	"sync"
	"time"
)

// local is the in-process GCRA used while Redis is unreachable. It computes the same schedule as
// tryScript, on the injected clock instead of the server's.
type local struct {
	mu    sync.Mutex
	cells cells
	tat   map[cellKey]time.Time
	// horizon is the latest TAT stored: once it has passed, every cell is as good as fresh and
	// the map can be dropped whole.
	horizon time.Time
	// sweepAt is the map size that triggers dropping expired cells, so a long outage with many
	// chats does not grow the map without bound.
	sweepAt int
}

type cellKind uint8

const (
	kindGlobal cellKind = iota
	kindChat
	kindGroup
)

type cellKey struct {
	kind cellKind
	id   string
}

func newLocal(c cells) *local {
	return &local{cells: c, tat: make(map[cellKey]time.Time), sweepAt: minSweep}
}

const minSweep = 1024

// route lists the cells a message to chatID passes through.
func (lc *local) route(chatID string) ([3]cellKey, [3]cell, int) {
	keys := [3]cellKey{{kindGlobal, ""}, {kindChat, chatID}, {kindGroup, chatID}}
	cs := [3]cell{lc.cells.global, lc.cells.chat, lc.cells.group}
	n := 2
	if isGroup(chatID) {
		n = 3
	}
	return keys, cs, n
}

// earliest is the first instant at or after floor when the first n of the given cells conform.
// The caller holds mu.
func (lc *local) earliest(floor time.Time, keys []cellKey, cs []cell, n int) time.Time {
	s := floor
	for i := 0; i < n; i++ {
		if e := lc.tat[keys[i]].Add(-cs[i].tolerance); e.After(s) {
			s = e
		}
	}
	return s
}

// try is tryScript in-process: a global slot for chatID at or after now if the chat's own cells
// conform now and the caller accepts the wait for it (see yield); otherwise nothing is taken and
// the result says when to try again.
func (lc *local) try(now time.Time, chatID string, y yield) result {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.expire(now)
	keys, cs, n := lc.route(chatID)
	if ready := lc.earliest(now, keys[1:], cs[1:], n-1); ready.After(now) {
		return result{now: now, at: ready}
	}
	s := lc.earliest(now, keys[:1], cs[:1], 1)
	if y.refuses(now, s) {
		return result{now: now, at: s.Add(-y.max), yielding: true}
	}
	for i := 0; i < n; i++ {
		t := lc.tat[keys[i]]
		if s.After(t) {
			t = s
		}
		t = t.Add(cs[i].interval)
		lc.tat[keys[i]] = t
		if t.After(lc.horizon) {
			lc.horizon = t
		}
	}
	return result{now: now, at: s, granted: true}
}

// floors returns, for each cell of chatID, how far its in-process TAT lies ahead of now (0 when
// not ahead). Redis never saw the slots this process took in-process during an outage, so they are
// passed to the script as floors under its cells instead of being handed out over again.
func (lc *local) floors(now time.Time, chatID string) (f [3]time.Duration) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.expire(now)
	if len(lc.tat) == 0 {
		return f
	}
	keys, _, n := lc.route(chatID)
	for i := range n {
		if d := lc.tat[keys[i]].Sub(now); d > 0 {
			f[i] = d
		}
	}
	return f
}

// expire forgets cells whose TAT has passed; they behave exactly like absent ones.
// The caller holds mu.
func (lc *local) expire(now time.Time) {
	switch {
	case len(lc.tat) == 0:
	case !now.Before(lc.horizon):
		clear(lc.tat)
	case len(lc.tat) >= lc.sweepAt:
		for k, t := range lc.tat {
			if !t.After(now) {
				delete(lc.tat, k)
			}
		}
		lc.sweepAt = max(minSweep, 2*len(lc.tat))
	}
}
