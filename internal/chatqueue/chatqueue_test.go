package chatqueue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/coordbot/coordbot/internal/testutil"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// bound is how long a test waits for something that must happen before failing rather than hang.
const bound = 10 * time.Second

// item is a message of a chat: n counts the chat's messages in the order pushed.
type item struct {
	chat string
	n    int
}

func key(it item) string { return it.chat }

// handled records handled items and the error each ended with.
type handled struct {
	mu   sync.Mutex
	seen []item
	errs []error
}

func (l *handled) done(_ context.Context, it item, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seen = append(l.seen, it)
	l.errs = append(l.errs, err)
}

func (l *handled) items() []item {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.seen)
}

func (l *handled) len() int { return len(l.items()) }

// recv fails the test unless ch yields within the bound.
func recv[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(bound):
		t.Fatalf("%s never happened", what)
		var zero T
		return zero
	}
}

// One chat's items are handled one at a time in the order pushed, while another chat's item is
// handled meanwhile: chat b finishes while chat a's first item is still held.
func TestOneChatInOrderChatsInParallel(t *testing.T) {
	gate := make(chan struct{})
	started := make(chan item, 10)
	var running atomic.Int32
	var overlap atomic.Bool
	var l handled
	p := New(context.Background(), Config[string, item]{Key: key, Workers: 4, Done: l.done,
		Handle: func(_ context.Context, it item) error {
			if it.chat == "a" {
				if running.Add(1) > 1 {
					overlap.Store(true)
				}
				defer running.Add(-1)
			}
			started <- it
			if it == (item{"a", 1}) {
				<-gate
			}
			return nil
		}})
	defer p.Stop(bound)
	for n := 1; n <= 3; n++ {
		p.Push(item{"a", n})
	}
	p.Push(item{"b", 1})
	got := map[item]bool{}
	for !got[item{"a", 1}] || !got[item{"b", 1}] {
		got[recv(t, started, "the first items of a and b starting")] = true
	}
	// b ran to the end while a's first item was held; a's second could not start meanwhile.
	testutil.WaitFor(t, bound, func() bool { return l.len() == 1 }, "chat b was not handled beside chat a")
	if len(started) != 0 {
		t.Fatalf("%v started while a's first item ran", <-started)
	}
	close(gate)
	testutil.WaitFor(t, bound, func() bool { return l.len() == 4 }, "handled %v, want 4 items", l.items())
	var order []int
	for _, it := range l.items() {
		if it.chat == "a" {
			order = append(order, it.n)
		}
	}
	if !slices.Equal(order, []int{1, 2, 3}) || overlap.Load() {
		t.Errorf("chat a handled in order %v (overlapping: %v), want [1 2 3] one at a time", order, overlap.Load())
	}
}

// Many chats' items interleaved: each chat's come out in the order pushed.
func TestEveryChatKeepsItsOrder(t *testing.T) {
	var l handled
	p := New(context.Background(), Config[string, item]{Key: key, Workers: 3, Done: l.done,
		Handle: func(context.Context, item) error { return nil }})
	const chats, each = 7, 50
	for n := range each {
		for c := range chats {
			p.Push(item{fmt.Sprint(c), n})
		}
	}
	testutil.WaitFor(t, bound, func() bool { return l.len() == chats*each }, "handled %d of %d", l.len(), chats*each)
	p.Stop(bound)
	next := map[string]int{}
	for _, it := range l.items() {
		if it.n != next[it.chat] {
			t.Fatalf("chat %s: item %d handled when %d was next", it.chat, it.n, next[it.chat])
		}
		next[it.chat]++
	}
}

// At most Workers handlers run at once, whatever the number of chats.
func TestWorkersBoundTheHandlersRunning(t *testing.T) {
	gate := make(chan struct{})
	started := make(chan struct{}, 10)
	var running, most atomic.Int32
	var l handled
	p := New(context.Background(), Config[string, item]{Key: key, Workers: 2, Done: l.done,
		Handle: func(context.Context, item) error {
			n := running.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			started <- struct{}{}
			<-gate
			running.Add(-1)
			return nil
		}})
	defer p.Stop(bound)
	for c := range 5 {
		p.Push(item{fmt.Sprint(c), 0})
	}
	recv(t, started, "a first handler")
	recv(t, started, "a second handler")
	close(gate)
	testutil.WaitFor(t, bound, func() bool { return l.len() == 5 }, "handled %d of 5", l.len())
	if m := most.Load(); m != 2 {
		t.Errorf("%d handlers ran at once, want 2", m)
	}
}

// Admit keeps what a chat's backlog has room for (counting the batch itself, not the item
// running) and refuses the rest, marking the first refusal of each flood; once the chat's backlog
// drained, the next flood is marked again.
func TestBacklogRefusesPastTheBoundOncePerFlood(t *testing.T) {
	gate := make(chan struct{})
	started := make(chan item, 10)
	var l handled
	p := New(context.Background(), Config[string, item]{Key: key, Workers: 4, Backlog: 2, Done: l.done,
		Handle: func(_ context.Context, it item) error {
			started <- it
			if it.n == 0 {
				<-gate
			}
			return nil
		}})
	defer p.Stop(bound)
	flood := func(from int) ([]item, []Refused[item]) {
		p.Push(item{"a", 0})
		recv(t, started, "the running item")
		batch := []item{{"a", from}, {"a", from + 1}, {"b", 1}, {"a", from + 2}, {"a", from + 3}}
		keep, drop := p.Admit(batch)
		for _, it := range keep {
			p.Push(it)
		}
		return keep, drop
	}
	keep, drop := flood(1)
	if want := []item{{"a", 1}, {"a", 2}, {"b", 1}}; !slices.Equal(keep, want) {
		t.Errorf("kept %v, want %v", keep, want)
	}
	if want := []Refused[item]{{item{"a", 3}, true}, {item{"a", 4}, false}}; !slices.Equal(drop, want) {
		t.Errorf("refused %v, want %v", drop, want)
	}
	if _, again := p.Admit([]item{{"a", 5}}); len(again) != 1 || again[0].First {
		t.Errorf("a later batch of the same flood: refused %v, want one, not first", again)
	}
	if q := p.Queued(); q != 3 {
		t.Errorf("%d queued, want 3", q)
	}
	gate <- struct{}{}
	testutil.WaitFor(t, bound, func() bool { return l.len() == 4 && p.Queued() == 0 && p.idle("a") },
		"the backlog did not drain: handled %v", l.items())
	for len(started) > 0 {
		<-started // the first flood's
	}
	_, drop = flood(11)
	close(gate)
	if len(drop) != 2 || !drop[0].First {
		t.Errorf("the next flood: refused %v, want two, the first marked", drop)
	}
}

// idle reports whether key has no worker.
func (p *Pool[K, T]) idle(key K) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, ok := p.queues[key]
	return !ok
}

// Without Drain, Stop lets the running handler finish and leaves the rest; with it, the rest
// is handled too. Either way nothing is pushed after Stop.
func TestStopDrainsOnlyWhenAsked(t *testing.T) {
	for _, drain := range []bool{false, true} {
		t.Run(fmt.Sprintf("drain=%v", drain), func(t *testing.T) {
			gate := make(chan struct{})
			started := make(chan struct{}, 3)
			var l handled
			p := New(context.Background(), Config[string, item]{Key: key, Drain: drain, Done: l.done,
				Handle: func(_ context.Context, it item) error {
					started <- struct{}{}
					if it.n == 1 {
						<-gate
					}
					return nil
				}})
			for n := 1; n <= 3; n++ {
				p.Push(item{"a", n})
			}
			recv(t, started, "the first handler")
			stopped := make(chan struct{})
			go func() { p.Stop(bound); close(stopped) }()
			testutil.WaitFor(t, bound, p.Stopping, "Stop did not start stopping")
			if p.Push(item{"a", 4}) {
				t.Error("Push after Stop queued an item")
			}
			close(gate)
			recv(t, stopped, "Stop returning")
			want := []item{{"a", 1}}
			if drain {
				want = []item{{"a", 1}, {"a", 2}, {"a", 3}}
			}
			if got := l.items(); !slices.Equal(got, want) {
				t.Errorf("handled %v, want %v", got, want)
			}
		})
	}
}

// A handler still running after the grace sees its context cancelled, and Stop says so.
func TestStopCancelsHandlersAfterTheGrace(t *testing.T) {
	var logs testutil.SyncBuffer
	started := make(chan struct{})
	var l handled
	p := New(context.Background(), Config[string, item]{Key: key, Done: l.done, Name: "test",
		Log: slog.New(slog.NewTextHandler(&logs, nil)),
		Handle: func(ctx context.Context, _ item) error {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		}})
	p.Push(item{"a", 1})
	<-started
	p.Stop(time.Millisecond)
	if l.len() != 1 || !errors.Is(l.errs[0], context.Canceled) {
		t.Errorf("handler ended with %v, want context.Canceled", l.errs)
	}
	if !strings.Contains(logs.String(), "test: handlers still running after the shutdown grace") {
		t.Errorf("log %q", logs.String())
	}
}

// The handlers' context carries New's values but outlives its cancellation.
func TestHandlersOutliveTheParentContext(t *testing.T) {
	type ctxKey struct{}
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "v"))
	cancel()
	got := make(chan context.Context, 1)
	p := New(parent, Config[string, item]{Key: key, Handle: func(ctx context.Context, _ item) error {
		got <- ctx
		return nil
	}})
	defer p.Stop(bound)
	p.Push(item{"a", 1})
	ctx := recv(t, got, "the handler")
	if ctx.Err() != nil || ctx.Value(ctxKey{}) != "v" {
		t.Errorf("handler's context: err %v, value %v", ctx.Err(), ctx.Value(ctxKey{}))
	}
}

var errBusy = errors.New("busy")

// An error Retry asks to retry is tried again; Done sees only the last attempt.
func TestRetryTriesAgain(t *testing.T) {
	var calls atomic.Int32
	var l handled
	p := New(context.Background(), Config[string, item]{Key: key, Done: l.done,
		Retry: func(err error) time.Duration {
			if errors.Is(err, errBusy) {
				return time.Microsecond
			}
			return 0
		},
		Handle: func(context.Context, item) error {
			if calls.Add(1) < 3 {
				return errBusy
			}
			return errors.New("failed")
		}})
	p.Push(item{"a", 1})
	testutil.WaitFor(t, bound, func() bool { return l.len() == 1 }, "never done")
	p.Stop(bound)
	if n := calls.Load(); n != 3 || l.errs[0] == nil || l.errs[0].Error() != "failed" {
		t.Errorf("%d calls ending with %v, want 3 ending with failed", n, l.errs)
	}
}

// Stop cuts a retry's wait short: the item ends with the error it had.
func TestStopEndsARetry(t *testing.T) {
	tried := make(chan struct{}, 1)
	var l handled
	p := New(context.Background(), Config[string, item]{Key: key, Done: l.done,
		Retry: func(error) time.Duration { return time.Hour },
		Handle: func(context.Context, item) error {
			select {
			case tried <- struct{}{}:
			default:
			}
			return errBusy
		}})
	p.Push(item{"a", 1})
	recv(t, tried, "the first try")
	p.Stop(time.Millisecond)
	if l.len() != 1 || !errors.Is(l.errs[0], errBusy) {
		t.Errorf("ended with %v, want busy", l.errs)
	}
}

// A panicking handler becomes an error; the chat's next item is still handled.
func TestPanicBecomesAnError(t *testing.T) {
	var l handled
	p := New(context.Background(), Config[string, item]{Key: key, Done: l.done,
		Handle: func(_ context.Context, it item) error {
			if it.n == 1 {
				panic("boom")
			}
			return nil
		}})
	p.Push(item{"a", 1})
	p.Push(item{"a", 2})
	testutil.WaitFor(t, bound, func() bool { return l.len() == 2 }, "handled %v", l.items())
	p.Stop(bound)
	if l.errs[0] == nil || !strings.Contains(l.errs[0].Error(), "handler panicked: boom") || l.errs[1] != nil {
		t.Errorf("errors %v", l.errs)
	}
}

// Stop waits for what Go started, which gets the handlers' context.
func TestStopWaitsForGo(t *testing.T) {
	p := New(context.Background(), Config[string, item]{Key: key, Handle: func(context.Context, item) error { return nil }})
	release := make(chan struct{})
	var finished atomic.Bool
	p.Go(func(ctx context.Context) {
		<-release
		finished.Store(ctx.Err() == nil)
	})
	stopped := make(chan struct{})
	go func() { p.Stop(bound); close(stopped) }()
	testutil.WaitFor(t, bound, p.Stopping, "Stop did not start stopping")
	select {
	case <-stopped:
		t.Fatal("Stop returned before what Go started")
	default:
	}
	close(release)
	recv(t, stopped, "Stop returning")
	if !finished.Load() {
		t.Error("Go's function did not finish with a live context")
	}
}
