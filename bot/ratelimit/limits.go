package ratelimit

import (
	"math"
	"strings"
	"time"
)

// Limits are the rates the Limiter keeps to. A zero field takes its default (DefaultLimits).
type Limits struct {
	// Global is messages per second across all chats. Telegram allows about 30; the default 29.5
	// leaves a hair of room (17 ms a second) for clock granularity and network jitter on Telegram's
	// side, while a broadcast to 300 groups with 20 replies to people among it still ends within
	// 10% of 300/30 s.
	Global float64
	// GlobalBurst is how many messages may leave at once when the bot has been quiet. The default
	// 1 keeps every one-second window at or under Global, which is what a strict server counts.
	GlobalBurst int
	// PerChat is messages per second to one chat (default 1).
	PerChat float64
	// ChatBurst is how many messages one chat may receive at once after a quiet spell (default 3).
	ChatBurst int
	// PerGroupPerMinute caps messages to one group (negative chat id) in any 60-second window
	// (default 20).
	PerGroupPerMinute int
	// GroupBurst is how many of those may leave at once (default 3). The sustained group rate is
	// lowered to make room for the burst, so no 60-second window ever holds more than
	// PerGroupPerMinute: 20/min with a burst of 3 sustains 18/min.
	GroupBurst int
}

// DefaultLimits returns Telegram's published limits with the safety margins described on Limits.
func DefaultLimits() Limits {
	return Limits{Global: 29.5, GlobalBurst: 1, PerChat: 1, ChatBurst: 3, PerGroupPerMinute: 20, GroupBurst: 3}
}

// withDefaults fills zero or nonsensical fields, so a Limiter can never be configured into
// sending without limit.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if !(l.Global > 0) || math.IsInf(l.Global, 0) {
		l.Global = d.Global
	}
	if l.GlobalBurst < 1 {
		l.GlobalBurst = d.GlobalBurst
	}
	if !(l.PerChat > 0) || math.IsInf(l.PerChat, 0) {
		l.PerChat = d.PerChat
	}
	if l.ChatBurst < 1 {
		l.ChatBurst = d.ChatBurst
	}
	if l.PerGroupPerMinute < 1 {
		l.PerGroupPerMinute = d.PerGroupPerMinute
	}
	if l.GroupBurst < 1 {
		l.GroupBurst = d.GroupBurst
	}
	if l.GroupBurst > l.PerGroupPerMinute {
		l.GroupBurst = l.PerGroupPerMinute
	}
	return l
}

// cell is one GCRA cell: a message may go at time s when s >= TAT-tolerance, and then
// TAT becomes max(TAT, s)+interval. Both are whole microseconds, because the Redis script works in
// the microseconds of the server's TIME and the in-process limiter must compute the same schedule.
type cell struct {
	interval  time.Duration
	tolerance time.Duration
}

// cells are the three cells a message may pass through; group applies to negative chat ids only.
type cells struct {
	global, chat, group cell
}

func newCell(interval time.Duration, burst int) cell {
	// Rounding the interval up keeps the rate at or under the configured one.
	iv := (interval + time.Microsecond - 1).Truncate(time.Microsecond)
	if iv < time.Microsecond {
		iv = time.Microsecond
	}
	return cell{interval: iv, tolerance: time.Duration(burst-1) * iv}
}

func (l Limits) cells() cells {
	perSecond := func(rate float64) time.Duration {
		return time.Duration(math.Ceil(float64(time.Second) / rate))
	}
	// A GCRA cell with interval T and burst B lets at most B-1+ceil(W/T) messages into any window
	// of length W, so the group interval is stretched until a full burst plus the sustained flow
	// fits in PerGroupPerMinute per minute.
	group := time.Minute / time.Duration(l.PerGroupPerMinute-l.GroupBurst+1)
	return cells{
		global: newCell(perSecond(l.Global), l.GlobalBurst),
		chat:   newCell(perSecond(l.PerChat), l.ChatBurst),
		group:  newCell(group, l.GroupBurst),
	}
}

// isGroup reports whether chatID is a group: Telegram gives groups and supergroups negative ids.
func isGroup(chatID string) bool { return strings.HasPrefix(chatID, "-") }
