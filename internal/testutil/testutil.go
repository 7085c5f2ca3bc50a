// Package testutil holds the small helpers several packages' tests share.
package testutil

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// SyncBuffer collects log output written from several goroutines.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String is everything written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Count is how often substr was written.
func (b *SyncBuffer) Count(substr string) int { return strings.Count(b.String(), substr) }

// HCM is Asia/Ho_Chi_Minh, the zone every date of the bot is typed and shown in.
func HCM(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		tb.Fatalf("load location: %v", err)
	}
	return loc
}

// MustTime parses "yyyy-mm-dd HH:MM" in loc.
func MustTime(tb testing.TB, loc *time.Location, s string) time.Time {
	tb.Helper()
	at, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		tb.Fatalf("parse %q: %v", s, err)
	}
	return at
}

// FakeClock is a clock tests move by hand (Advance); safe for concurrent use.
type FakeClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewFakeClock is a clock standing at t.
func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{t: t} }

// Now is the clock's time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Until calls cond every tick until it returns true, or until d has passed; it reports whether
// cond held. For waits whose failure the caller reports itself, or outside a test.
func Until(d, tick time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(tick)
	}
}

// WaitFor polls cond until it holds — every millisecond at first, backing off to every 20 ms —
// and fails the test with Fatalf(format, args...) if it does not within d. A bound for a test that
// would otherwise hang, never a timing assertion.
func WaitFor(tb testing.TB, d time.Duration, cond func() bool, format string, args ...any) {
	tb.Helper()
	deadline := time.Now().Add(d)
	for tick := time.Millisecond; !cond(); tick = min(2*tick, 20*time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatalf(format, args...)
		}
		time.Sleep(tick)
	}
}

// MustContain fails the test (without stopping it) for every want that got lacks, quoting both,
// shortened to 600 characters.
func MustContain(tb testing.TB, got string, wants ...string) {
	tb.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			tb.Errorf("reply lacks %q; got:\n%s", Shorten(w), Shorten(got))
		}
	}
}

// Shorten cuts s to its first 600 characters (runes), marking the cut with "…".
func Shorten(s string) string {
	if r := []rune(s); len(r) > 600 {
		return string(r[:600]) + "…"
	}
	return s
}
