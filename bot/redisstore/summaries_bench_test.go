package redisstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// countingConn counts the bytes read from Redis.
type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// benchClient is a client to the test Redis that counts what it reads.
func benchClient(b *testing.B) (*redis.Client, *atomic.Int64) {
	opt, err := redis.ParseURL(redistest.URL(b))
	if err != nil {
		b.Fatal(err)
	}
	read := &atomic.Int64{}
	opt.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countingConn{c, read}, nil
	}
	c := redis.NewClient(opt)
	b.Cleanup(func() { c.Close() })
	return c, read
}

// fillProgramme stores, through the store's API, acts activities owned by 300 units and n
// reports spread over them and over five years, with quantities, some corrected or withdrawn.
func fillProgramme(b *testing.B, s *redisstore.Store, acts, n int) []string {
	ctx := context.Background()
	codes := make([]string, acts)
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	work := make(chan int)
	var failed atomic.Value
	worker := func(f func(i int) error) {
		defer wg.Done()
		for i := range work {
			if err := f(i); err != nil {
				failed.Store(err)
			}
		}
	}
	run := func(count int, f func(i int) error) {
		for w := 0; w < 32; w++ {
			wg.Add(1)
			go worker(f)
		}
		for i := 0; i < count; i++ {
			work <- i
		}
		close(work)
		wg.Wait()
		work = make(chan int)
		if err, _ := failed.Load().(error); err != nil {
			b.Fatal(err)
		}
	}
	run(acts, func(i int) error {
		codes[i] = "A" + strconv.Itoa(i+1)
		a := bot.Activity{Code: codes[i], Title: "Hoạt động " + codes[i], Unit: "U" + strconv.Itoa(i%300+1), Content: i%5 + 1,
			At:      start.Add(time.Duration(i) * 8 * time.Hour),
			Targets: []quantity.Amount{{Value: 20, Unit: "buổi"}, {Value: 500, Unit: "lượt người"}}}
		_, _, err := s.ChangeActivity(ctx, bot.ActivityChange{Activity: a, Create: true, Audit: bot.Audit{Action: bot.ActActivityAdd, At: a.At}})
		return err
	})
	span := 5 * 365 * 24 * time.Hour
	run(n, func(i int) error {
		rng := rand.New(rand.NewPCG(uint64(i), 2))
		code := codes[rng.IntN(acts)]
		at := start.Add(time.Duration(rng.Int64N(int64(span))))
		r := bot.Report{Code: code, UserID: bot.ID("tg:" + strconv.Itoa(rng.IntN(3000)+1)), Name: "Cán bộ", Unit: "U1", At: at,
			Percent: rng.IntN(101), Note: "Đã tổ chức buổi sinh hoạt chuyên đề tại cơ sở",
			Qty: []quantity.Amount{{Value: float64(rng.IntN(5) + 1), Unit: "buổi"}, {Value: float64(rng.IntN(80)), Unit: "lượt người"}}}
		r, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Add: &r, Audit: bot.Audit{Action: bot.ActReportAdd, Code: code, At: at, Report: bot.NewReportID}})
		if err != nil || i%50 != 0 {
			return err
		}
		// One report in fifty is corrected: a withdrawal and a recomputed summary.
		c := r
		c.ID, c.Percent = "", min(r.Percent+10, 100)
		_, _, _, err = s.ApplyReport(ctx, bot.ReportStep{Add: &c, Withdraw: &r, Audit: bot.Audit{Action: bot.ActReportCorrect, Code: code, At: at, Report: bot.NewReportID}})
		return err
	})
	return codes
}

// benchSizes are the report counts benchmarked; COORDBOT_BENCH_SIZES=5000,50000 picks others.
func benchSizes() []int {
	sizes := []int{5000, 50000, 200000}
	if v := os.Getenv("COORDBOT_BENCH_SIZES"); v != "" {
		sizes = nil
		for _, f := range strings.Split(v, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
				sizes = append(sizes, n)
			}
		}
	}
	return sizes
}

// pingWhile pings Redis from another client every millisecond while read runs, and returns the
// longest a PING waited.
func pingWhile(b *testing.B, read func()) time.Duration {
	opt, _ := redis.ParseURL(redistest.URL(b))
	other := redis.NewClient(opt)
	defer other.Close()
	ctx := context.Background()
	other.Ping(ctx)
	stop := make(chan struct{})
	done := make(chan time.Duration)
	go func() {
		var worst time.Duration
		for {
			select {
			case <-stop:
				done <- worst
				return
			default:
			}
			t := time.Now()
			other.Ping(ctx)
			worst = max(worst, time.Since(t))
			time.Sleep(time.Millisecond)
		}
	}()
	read()
	close(stop)
	return <-done
}

// BenchmarkHistoryViews measures what the views read at 5k, 50k and 200k reports (5,000
// activities, 300 units): every activity's summary (what /tiendo, the dashboard and the digest
// need of the reports), one activity's history (its reports and audit entries, page by page),
// one quarter's reports, and, for comparison, the whole-stream read the views made before
// (Everything). Each reports ms/op, bytes read from Redis per op and allocations, and the
// longest a PING from another client waited during one more such read (ping-max-ms).
//
//	REDIS_URL=redis://127.0.0.1:6379/0 go test -run '^$' -bench HistoryViews -benchtime 20x ./bot/redisstore/
func BenchmarkHistoryViews(b *testing.B) {
	for _, n := range benchSizes() {
		rdb, read := benchClient(b)
		prefix := redistest.Prefix(b)
		b.Cleanup(func() { deletePrefix(rdb, prefix) })
		s := redisstore.New(rdb, prefix)
		sums := redisstore.NewSummaries(s)
		t0 := time.Now()
		codes := fillProgramme(b, s, 5000, n)
		b.Logf("%d reports stored in %v", n, time.Since(t0).Round(time.Millisecond))
		ctx := context.Background()
		one := codes[len(codes)/2]
		measure := func(name string, f func() error) {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, name), func(b *testing.B) {
				b.ReportAllocs()
				read.Store(0)
				start := time.Now()
				for i := 0; i < b.N; i++ {
					if err := f(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/op")
				b.ReportMetric(float64(read.Load())/float64(b.N), "bytes-read/op")
				b.StopTimer()
				ping := pingWhile(b, func() {
					if err := f(); err != nil {
						b.Error(err)
					}
				})
				b.ReportMetric(float64(ping.Microseconds())/1000, "ping-max-ms")
			})
		}
		measure("all-summaries", func() error {
			all, err := sums.All(ctx)
			if err == nil && len(all) == 0 {
				err = fmt.Errorf("no summaries")
			}
			return err
		})
		measure("activity-history", func() error {
			for after := ""; ; {
				_, next, err := sums.History(ctx, one, after, 50)
				if err != nil {
					return err
				}
				if next == "" {
					return nil
				}
				after = next
			}
		})
		measure("before-everything", func() error {
			_, _, _, err := s.Everything(ctx)
			return err
		})
	}
}
