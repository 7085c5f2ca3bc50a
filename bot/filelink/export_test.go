package filelink

import "time"

// WithClock replaces the wall clock that expiry is judged by (tests).
func WithClock(now func() time.Time) Option { return func(l *Links) { l.now = now } }
