package scheduler

import (
	"strconv"
	"time"
)

// keys builds every Redis key of the scheduler. All of them carry the hash tag "{sched}" so that,
// on Redis Cluster, they live in one slot and the Lua scripts may touch several of them at once.
type keys struct{ base string }

func newKeys(prefix string) keys { return keys{base: prefix + "{sched}:"} }

// seq is the INCR counter that numbers reminders "1", "2", …
func (k keys) seq() string { return k.base + "seq" }

// reminder is the HASH holding one reminder's fields (see encode).
func (k keys) reminder(id string) string { return k.base + "r:" + id }

// due is the ZSET of waiting reminder ids scored by the Unix ms at which to claim them.
func (k keys) due() string { return k.base + "due" }

// processing is the ZSET of claimed ids scored by the Unix ms at which their lease expires.
func (k keys) processing() string { return k.base + "processing" }

// claims is the HASH id → "token|due score" of the current claim of each processing id.
func (k keys) claims() string { return k.base + "claims" }

// sent marks one occurrence of a reminder as delivered; it expires after sentTTL.
func (k keys) sent(id string, occurrence time.Time) string {
	return k.base + "sent:" + id + ":" + strconv.FormatInt(occurrence.UnixMilli(), 10)
}

// chat is the SET of pending reminder ids of one chat, for /reminders.
func (k keys) chat(chatID string) string { return k.base + "chat:" + chatID }

// ref is the SET of pending reminder ids with one Ref (an activity code), so that editing or
// cancelling the activity finds its reminders.
func (k keys) ref(ref string) string { return k.base + "ref:" + ref }

// once is the lock of one slot (a digest or nudge for a given week), taken with SET NX.
func (k keys) once(slot string) string { return k.base + "once:" + slot }
