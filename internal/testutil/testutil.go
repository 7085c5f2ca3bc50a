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
