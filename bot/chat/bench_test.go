package chat_test

import (
	"context"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// roundTrips counts Redis round trips: one per command or pipeline sent.
type roundTrips struct{ n atomic.Int64 }

func (r *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }
func (r *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error { r.n.Add(1); return next(ctx, cmd) }
}
func (r *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error { r.n.Add(1); return next(ctx, cmds) }
}

// BenchmarkHandleQuestion measures a cadre's question handled end to end through the bot on a
// real Redis (SPEC §6: /ask p99 under 5 ms, at most 2 Redis round trips per handled update).
// The sender is in-memory, so the figure is the bot's own share.
func BenchmarkHandleQuestion(b *testing.B) {
	rdb, prefix := redistest.Client(b)
	rt := &roundTrips{}
	rdb.AddHook(rt)
	bt := chat.New(chat.Config{Programme: programme.Default(), Store: redisstore.New(rdb, prefix), Sender: &recorder{}})
	questions := []string{"dan van kheo la gi", "Ai tham dự lễ ký kết?", "nội dung tập huấn bồi dưỡng", "giá vàng hôm nay", "what is the period of the programme"}
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	rt.n.Store(0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u := chat.Update{ID: bot.UpdateKey(strconv.Itoa(i + 1)), ChatID: "tg:5", ChatKind: chat.Private, From: chat.User{ID: "tg:5"}, Text: questions[i%len(questions)]}
		start := time.Now()
		if err := bt.Handle(ctx, u); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(rt.n.Load())/float64(b.N), "redis-roundtrips/update")
}

// BenchmarkHandleReport measures a report by a coordinator-added reporter (the common case in
// private chat) and the Redis round trips it costs.
func BenchmarkHandleReport(b *testing.B) {
	rdb, prefix := redistest.Client(b)
	rt := &roundTrips{}
	store := redisstore.New(rdb, prefix)
	ctx := context.Background()
	bt := chat.New(chat.Config{Programme: programme.Default(), Store: store, Sender: &recorder{}})
	if _, err := store.SaveActivity(ctx, bot.Activity{Code: "A1", Title: "x", Status: bot.UnderWay}, true); err != nil {
		b.Fatal(err)
	}
	if err := store.SetReporter(ctx, "tg:5", "Đồn", false, bot.Audit{}); err != nil {
		b.Fatal(err)
	}
	rdb.AddHook(rt)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u := chat.Update{ID: bot.UpdateKey(strconv.Itoa(i + 1)), ChatID: "tg:5", ChatKind: chat.Private, From: chat.User{ID: "tg:5"}, Text: "/baocao A1 50% tiến triển"}
		if err := bt.Handle(ctx, u); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rt.n.Load())/float64(b.N), "redis-roundtrips/update")
}

// BenchmarkHandleProgressByUnit measures /tiendo donvi over 50 activities with 500 reports with
// quantities: the assessment reads everything in one round trip after the session's.
func BenchmarkHandleProgressByUnit(b *testing.B) {
	rdb, prefix := redistest.Client(b)
	rt := &roundTrips{}
	store := redisstore.New(rdb, prefix)
	ctx := context.Background()
	p, err := programme.Parse([]byte("extends: seed\nunits:\n  - {code: BCH, name: Bộ Chỉ huy}\n  - {code: DCG, name: Đồn Cần Giờ, parent: BCH}\n"))
	if err != nil {
		b.Fatal(err)
	}
	bt := chat.New(chat.Config{Programme: p, Store: store, Sender: &recorder{}, Admins: map[bot.ID]bool{"tg:5": true}})
	at := time.Now().AddDate(0, 0, 3)
	for i := 0; i < 50; i++ {
		code := "A" + strconv.Itoa(i+1)
		a := bot.Activity{Code: code, Title: "x", Unit: []string{"BCH", "DCG"}[i%2], At: at, Targets: []quantity.Amount{{Value: 100, Unit: "buổi"}}}
		if _, err := store.SaveActivity(ctx, a, true); err != nil {
			b.Fatal(err)
		}
		for j := 0; j < 10; j++ {
			r := bot.Report{Code: code, UserID: "tg:5", At: time.Now(), Percent: j * 10, Qty: []quantity.Amount{{Value: 1, Unit: "buổi"}}}
			if _, _, _, err := store.ApplyReport(ctx, bot.ReportStep{Add: &r, Audit: bot.Audit{Action: bot.ActReportAdd}}); err != nil {
				b.Fatal(err)
			}
		}
	}
	rdb.AddHook(rt)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u := chat.Update{ID: bot.UpdateKey(strconv.Itoa(i + 1)), ChatID: "tg:5", ChatKind: chat.Private, From: chat.User{ID: "tg:5"}, Text: "/tiendo donvi BCH"}
		if err := bt.Handle(ctx, u); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rt.n.Load())/float64(b.N), "redis-roundtrips/update")
}
