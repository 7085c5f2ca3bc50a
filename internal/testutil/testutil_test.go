package testutil

import (
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// failures is a testing.TB that records failures instead of reporting them; Fatalf ends the
// goroutine calling it, as the real one does.
type failures struct {
	testing.TB
	errs  []string
	fatal bool
}

func (f *failures) Helper() {}
func (f *failures) Errorf(format string, args ...any) {
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}
func (f *failures) Fatalf(format string, args ...any) {
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
	f.fatal = true
	runtime.Goexit()
}

// run calls fn with a recording TB in its own goroutine, so a Fatalf ends only that goroutine.
func run(fn func(tb testing.TB)) *failures {
	f := &failures{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	return f
}

func TestFakeClockMovesOnlyWhenAdvanced(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c := NewFakeClock(t0)
	if !c.Now().Equal(t0) {
		t.Fatalf("Now %v, want %v", c.Now(), t0)
	}
	c.Advance(90 * time.Second)
	if got := c.Now().Sub(t0); got != 90*time.Second {
		t.Errorf("advanced by %v, want 90s", got)
	}
}

func TestUntil(t *testing.T) {
	var n atomic.Int32
	if !Until(time.Minute, time.Microsecond, func() bool { return n.Add(1) == 3 }) {
		t.Error("a condition that comes true: Until gave up")
	}
	if Until(0, time.Microsecond, func() bool { return false }) {
		t.Error("a condition that never holds: Until reported it held")
	}
}

func TestWaitFor(t *testing.T) {
	var n atomic.Int32
	if f := run(func(tb testing.TB) { WaitFor(tb, time.Minute, func() bool { return n.Add(1) == 3 }, "never") }); len(f.errs) != 0 {
		t.Errorf("a condition that comes true failed the test: %v", f.errs)
	}
	f := run(func(tb testing.TB) { WaitFor(tb, 0, func() bool { return false }, "no %s", "luck") })
	if !f.fatal || len(f.errs) != 1 || f.errs[0] != "no luck" {
		t.Errorf("a condition that never holds: fatal %v, %q", f.fatal, f.errs)
	}
}

func TestMustContain(t *testing.T) {
	if f := run(func(tb testing.TB) { MustContain(tb, "Đã ghi nhận K1", "Đã ghi", "K1") }); len(f.errs) != 0 {
		t.Errorf("everything there: %v", f.errs)
	}
	long := strings.Repeat("x", 700)
	f := run(func(tb testing.TB) { MustContain(tb, long, "a", "x", "b") })
	if f.fatal || len(f.errs) != 2 || !strings.Contains(f.errs[0], `lacks "a"`) || !strings.Contains(f.errs[1], `lacks "b"`) {
		t.Fatalf("two missing: fatal %v, %q", f.fatal, f.errs)
	}
	if !strings.HasSuffix(f.errs[0], strings.Repeat("x", 600)+"…") || strings.Contains(f.errs[0], strings.Repeat("x", 601)) {
		t.Errorf("got is not shortened to 600 characters: %d bytes", len(f.errs[0]))
	}
}
