package telegram_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/telegram"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/testutil"
)

// redistest keeps a goroutine waiting on the redis-server it started for the whole binary.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("github.com/coordbot/coordbot/internal/redistest.startServer.func1"))
}

const wait = 10 * time.Second

var (
	lan  = telegramtest.User{ID: 42, FirstName: "Lan", LanguageCode: "vi"}
	minh = telegramtest.User{ID: 43, FirstName: "Minh"}
)

// sleeps records the waits the client asks for and returns at once, so tests see the backoff and
// retry_after decisions without spending the time.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

type fixture struct {
	srv    *telegramtest.Server
	client *telegram.Client
	sleeps *sleeps
	log    *syncBuffer
}

// setup starts a test server and dials it through the real tgbotapi client.
func setup(t *testing.T, opts ...telegramtest.Option) *fixture {
	t.Helper()
	f := &fixture{srv: telegramtest.New(opts...), sleeps: &sleeps{}, log: &syncBuffer{}}
	t.Cleanup(f.srv.Close)
	c, err := telegram.Dial(context.Background(), telegram.Config{
		Token: f.srv.Token(), APIURL: f.srv.URL(), PollTimeout: time.Second, HTTPTimeout: 5 * time.Second,
		Logger: slog.New(slog.NewTextHandler(f.log, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Sleep:  f.sleeps.sleep, ShutdownGrace: 2 * time.Second,
	})
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(c.Close)
	f.client = c
	return f
}

// poll runs Poll in the background; the returned stop cancels it and waits for it to return.
func (f *fixture) poll(t *testing.T, handle func(context.Context, chat.Update) error) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.client.Poll(ctx, handle) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			err = <-done
		})
		return err
	}
	t.Cleanup(func() { _ = stop() })
	return stop
}

// recorder collects handled updates.
type recorder struct {
	mu  sync.Mutex
	ups []chat.Update
}

func (r *recorder) add(u chat.Update) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ups = append(r.ups, u)
}

func (r *recorder) get() []chat.Update {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]chat.Update(nil), r.ups...)
}

func (r *recorder) len() int { return len(r.get()) }

func slogTo(w *syncBuffer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// syncBuffer collects log output written from several goroutines.
type syncBuffer = testutil.SyncBuffer
