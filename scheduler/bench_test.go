package scheduler

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// Run the SPEC §6 figures with:
//
//	go test -run='^$' -bench=100k -benchtime=1x ./scheduler
const pendingBench = 100_000

// benchQueue gives a queue on a fresh prefix; its keys are unlinked in bulk afterwards (the
// per-key cleanup of redistest is too slow for a hundred thousand reminders).
func benchQueue(b *testing.B, rdb *redis.Client) *Queue {
	b.Helper()
	prefix := redistest.Prefix(b)
	b.Cleanup(func() { unlinkPrefix(rdb, prefix) })
	return NewQueue(rdb, prefix, hcm(b))
}

func unlinkPrefix(rdb *redis.Client, prefix string) {
	ctx := context.Background()
	iter := rdb.Scan(ctx, 0, prefix+"*", 10_000).Iterator()
	var batch []string
	for iter.Next(ctx) {
		if batch = append(batch, iter.Val()); len(batch) == 10_000 {
			rdb.Unlink(ctx, batch...)
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		rdb.Unlink(ctx, batch...)
	}
}

// seedFuture adds n reminders due over the coming weeks, none of them now.
func seedFuture(b *testing.B, q *Queue, n int) {
	b.Helper()
	now := time.Now()
	rs := make([]Reminder, n)
	for i := range rs {
		rs[i] = Reminder{ChatID: strconv.Itoa(int(-1000 - i%1000)), Kind: "text", Text: "Nhắc việc số " + strconv.Itoa(i),
			At: now.Add(time.Hour + time.Duration(i)*10*time.Second), CreatedBy: "42"}
		if i%5 == 0 {
			rs[i].Cron = "0 8 * * 1"
		}
	}
	if _, err := q.AddBatch(context.Background(), rs); err != nil {
		b.Fatal(err)
	}
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// BenchmarkAdd100k: time to store 100,000 reminders with AddBatch (pipelined MULTI per 1,000).
func BenchmarkAdd100k(b *testing.B) {
	rdb, _ := redistest.Client(b)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		q := benchQueue(b, rdb)
		b.StartTimer()
		seedFuture(b, q, pendingBench)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/100k")
	b.ReportMetric(float64(pendingBench*b.N)/b.Elapsed().Seconds(), "reminders/s")
}

// BenchmarkStartup100k: New and a first Tick with 100,000 reminders pending and none due.
func BenchmarkStartup100k(b *testing.B) {
	rdb, _ := redistest.Client(b)
	q := benchQueue(b, rdb)
	seedFuture(b, q, pendingBench)
	fire := func(context.Context, Firing) error { return nil }
	b.ResetTimer()
	for range b.N {
		s := New(q, fire, Options{Logger: quietLogger()})
		if t, err := s.Tick(context.Background()); err != nil || t.Fired != 0 {
			b.Fatalf("Tick = %d, %v", t.Fired, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "startup_ms")
}

// BenchmarkDueLatency100k: with 100,000 reminders pending, a batch of 1,000 falls due at the
// same moment; the real-clock delay from due time to fire is reported (p50, p99, max), with the
// process's Go heap and resident memory. fire does nothing: this is the scheduler's own share.
func BenchmarkDueLatency100k(b *testing.B) {
	const together = 1000
	rdb, _ := redistest.Client(b)
	q := benchQueue(b, rdb)
	seedFuture(b, q, pendingBench-together)
	var (
		mu    sync.Mutex
		lat   []time.Duration
		batch sync.WaitGroup
	)
	fire := func(_ context.Context, f Firing) error {
		d := time.Since(f.Occurrence)
		mu.Lock()
		lat = append(lat, d)
		mu.Unlock()
		batch.Done()
		return nil
	}
	s := New(q, fire, Options{Logger: quietLogger()})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	b.ResetTimer()
	for range b.N {
		due := time.Now().Add(500 * time.Millisecond).Truncate(time.Millisecond)
		rs := make([]Reminder, together)
		for i := range rs {
			rs[i] = Reminder{ChatID: strconv.Itoa(i), Kind: "text", Text: "Đến giờ", At: due}
		}
		batch.Add(together)
		if _, err := q.AddBatch(ctx, rs); err != nil {
			b.Fatal(err)
		}
		batch.Wait()
	}
	b.StopTimer()
	cancel()
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max_ms")
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap_MB")
	b.ReportMetric(rssMB("VmRSS:"), "rss_MB")
	b.ReportMetric(rssMB("VmHWM:"), "peak_rss_MB")
}

// rssMB reads a memory line of /proc/self/status (Linux); 0 elsewhere.
func rssMB(field string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}
