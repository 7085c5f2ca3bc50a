package telegramtest

import (
	"math"
	"time"
)

// bucket is a token bucket: burst tokens, refilled at rate per second.
type bucket struct {
	tokens float64
	last   time.Time
	rate   float64
	burst  float64
}

func newBucket(rate, burst float64) *bucket { return &bucket{tokens: burst, rate: rate, burst: burst} }

// refill brings the bucket to now and returns how long until one token is there.
func (b *bucket) refill(now time.Time) time.Duration {
	if !b.last.IsZero() && now.After(b.last) {
		b.tokens = math.Min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	}
	if b.last.IsZero() || now.After(b.last) {
		b.last = now
	}
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
}

// limits are Telegram's flood limits for sending messages, as its bot FAQ states them.
type limits struct {
	global *bucket
	chats  map[int64]*bucket
	groups map[int64]*bucket
}

func newLimits() *limits {
	return &limits{global: newBucket(30, 30), chats: map[int64]*bucket{}, groups: map[int64]*bucket{}}
}

// take spends one message for chatID if every limit allows it, and otherwise returns the whole
// seconds to wait (retry_after), spending nothing.
func (l *limits) take(chatID int64, now time.Time) int {
	bs := []*bucket{l.global, getBucket(l.chats, chatID, 1, 3)}
	if chatID < 0 {
		bs = append(bs, getBucket(l.groups, chatID, 20.0/60, 20))
	}
	var wait time.Duration
	for _, b := range bs {
		wait = max(wait, b.refill(now))
	}
	if wait > 0 {
		return int(math.Ceil(wait.Seconds()))
	}
	for _, b := range bs {
		b.tokens--
	}
	return 0
}

func getBucket(m map[int64]*bucket, id int64, rate, burst float64) *bucket {
	b, ok := m[id]
	if !ok {
		b = newBucket(rate, burst)
		m[id] = b
	}
	return b
}
