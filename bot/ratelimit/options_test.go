package ratelimit

import "time"

// WithClock sets the clock of the in-process fallback and of the outage bookkeeping (default
// time.Now). Reservations through Redis always use the server's clock.
func WithClock(now func() time.Time) Option { return func(l *Limiter) { l.now = now } }

// WithRetryInterval sets how long the Limiter stays in-process after Redis failed before it tries
// Redis again (default 1s).
func WithRetryInterval(d time.Duration) Option { return func(l *Limiter) { l.retry = d } }

// waiting is how many messages of chatID are queued or being served.
func (f *fifo) waiting(chatID string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.queues[chatID])
}
