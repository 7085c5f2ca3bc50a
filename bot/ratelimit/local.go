package ratelimit

import (
	"sync"
	"time"
)

// local is the in-process GCRA used while Redis is unreachable. It computes the same schedule as
// reserveScript, on the injected clock instead of the server's.
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
	id   int64
}

func newLocal(c cells) *local {
	return &local{cells: c, tat: make(map[cellKey]time.Time), sweepAt: minSweep}
}

const minSweep = 1024

// route lists the cells a message to chatID passes through.
func (lc *local) route(chatID int64) ([3]cellKey, [3]cell, int) {
	keys := [3]cellKey{{kindGlobal, 0}, {kindChat, chatID}, {kindGroup, chatID}}
	cs := [3]cell{lc.cells.global, lc.cells.chat, lc.cells.group}
	n := 2
	if isGroup(chatID) {
		n = 3
	}
	return keys, cs, n
}

// earliest is the first instant at or after floor when every cell of chatID conforms.
// The caller holds mu.
func (lc *local) earliest(floor time.Time, keys [3]cellKey, cs [3]cell, n int) time.Time {
	s := floor
	for i := 0; i < n; i++ {
		if e := lc.tat[keys[i]].Add(-cs[i].tolerance); e.After(s) {
			s = e
		}
	}
	return s
}

// reserve takes a slot for chatID at or after now and returns when it may be sent.
func (lc *local) reserve(now time.Time, chatID int64) time.Time {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.expire(now)
	keys, cs, n := lc.route(chatID)
	s := lc.earliest(now, keys, cs, n)
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
	return s
}

// pending returns how long a message to chatID would wait because of slots this process took
// in-process, or 0 when none are still pending. Redis never saw those slots, so after an outage
// they are passed to the script as a floor instead of being sent over again.
func (lc *local) pending(now time.Time, chatID int64) time.Duration {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.expire(now)
	if len(lc.tat) == 0 {
		return 0
	}
	keys, cs, n := lc.route(chatID)
	return lc.earliest(now, keys, cs, n).Sub(now)
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
