package telegram_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/ratelimit"
	"github.com/coordbot/coordbot/bot/telegram"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/redistest"
)

const (
	// broadcastGroups is SPEC §6's broadcast size.
	broadcastGroups = 1000
	// broadcastWorkers is the bounded pool a reminder fans out with: enough that the 20 ms round
	// trips never hold the limiter back (29.5/s × 20 ms ≈ 1 call in flight), few enough to be a
	// realistic connection count.
	broadcastWorkers = 32
	// telegramRate is Telegram's documented limit across chats, the yardstick for %of30/s.
	telegramRate = 30.0
	reminderText = "⏰ Nhắc việc: nộp <b>báo cáo tuần</b> trước 17:00 thứ Sáu, 06/06/2025."
)

// broadcastResult is what one broadcast achieved.
type broadcastResult struct {
	delivered int // distinct groups the server accepted a message for
	n429      int // 429 answers the server gave during the broadcast
	elapsed   time.Duration
	err       error // the first Send that failed, if any
}

// broadcast sends one reminder to each of groups distinct groups from workers goroutines, through
// a client paced by the Redis-backed limiter, against a server that enforces Telegram's limits.
// Everything is fresh per call (server, client, key prefix), so iterations do not share budget.
func broadcast(b *testing.B, groups, workers int) broadcastResult {
	b.Helper()
	srv := telegramtest.New(telegramtest.WithLimits(), telegramtest.WithLatency(latency))
	defer srv.Close()
	rdb, prefix := redistest.Client(b)
	lim := ratelimit.New(rdb, prefix, ratelimit.DefaultLimits())
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	c, err := telegram.Dial(ctx, telegram.Config{Token: srv.Token(), APIURL: srv.URL(), PollTimeout: time.Second, Limiter: lim})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()

	ids := make(chan int64)
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	before := srv.Count429()
	start := time.Now()
	for range workers {
		wg.Go(func() {
			for id := range ids {
				if _, err := c.Send(ctx, chat.Reply{ChatID: bot.TelegramID(id), Text: reminderText}); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = fmt.Errorf("send to %d: %w", id, err)
					}
					mu.Unlock()
				}
			}
		})
	}
	for i := range groups {
		ids <- -1_000_000_000_000 - int64(i) // supergroup-style ids, all distinct
	}
	close(ids)
	wg.Wait()
	elapsed := time.Since(start)

	seen := map[int64]bool{}
	for _, s := range srv.Sent() {
		if s.Method == "sendMessage" && s.ChatID < 0 {
			seen[s.ChatID] = true
		}
	}
	return broadcastResult{delivered: len(seen), n429: srv.Count429() - before, elapsed: elapsed, err: firstErr}
}

// BenchmarkBroadcast1000Groups sends a reminder to 1,000 groups the way the scheduler fans one
// out, through Send and the shared Redis limiter, against a Bot API with 20 ms calls that answers
// 429 over Telegram's limits. SPEC §6 asks for ≥ 95% of 30 msg/s and no 429s; the figures are
// reported, not asserted, but an undelivered message fails the run.
//
// One iteration takes about 35 s (1,000 messages at 29.5/s), so run it on its own:
//
//	go test -run='^$' -bench=Broadcast1000 -benchtime=1x ./bot/telegram
func BenchmarkBroadcast1000Groups(b *testing.B) {
	b.Logf("redis: %s", redistest.Kind(b))
	var delivered, n429 int
	var elapsed time.Duration
	for range b.N {
		r := broadcast(b, broadcastGroups, broadcastWorkers)
		if r.err != nil || r.delivered != broadcastGroups {
			b.Fatalf("delivered %d of %d groups (first error: %v)", r.delivered, broadcastGroups, r.err)
		}
		delivered += r.delivered
		n429 += r.n429
		elapsed += r.elapsed
	}
	rate := float64(delivered) / elapsed.Seconds()
	b.ReportMetric(rate, "msg/s")
	b.ReportMetric(100*rate/telegramRate, "%of30/s")
	b.ReportMetric(float64(n429)/float64(b.N), "429s")
	b.ReportMetric(float64(delivered)/float64(b.N), "delivered")
}
