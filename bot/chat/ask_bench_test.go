package chat_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/internal/redistest"
)

// benchAsk measures free-text questions, through Handle, with 500 activities in the store, and
// reports the p99 of one question in ms (issue 23 keeps it under 2 ms for /ask).
func benchAsk(b *testing.B, qs []string) {
	rdb, prefix := redistest.Client(b)
	store := redisstore.New(rdb, prefix)
	ctx := context.Background()
	p, err := programme.Parse([]byte("extends: seed\nunits:\n  - {code: BDBP, name: Bộ Chỉ huy Bộ đội Biên phòng TPHCM}\n  - {code: CANTHANH, name: Đồn Biên phòng Cần Thạnh, parent: BDBP}\n"))
	if err != nil {
		b.Fatal(err)
	}
	rec := &recorder{}
	bt := chat.New(chat.Config{Programme: p, Store: store, Sender: rec})
	at := time.Now().AddDate(0, 0, 1)
	for i := 0; i < 500; i++ {
		a := bot.Activity{Code: "A" + strconv.Itoa(i+1), Title: "Hoạt động " + strconv.Itoa(i+1), Content: i%5 + 1,
			Unit: []string{"BDBP", "CANTHANH"}[i%2], At: at.Add(time.Duration(i) * time.Hour), Targets: []quantity.Amount{{Value: 10, Unit: "buổi"}}}
		if _, err := store.SaveActivity(ctx, a, true); err != nil {
			b.Fatal(err)
		}
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u := chat.Update{ID: bot.UpdateKey(strconv.Itoa(i + 1)), ChatID: "tg:5", ChatKind: chat.Private, From: chat.User{ID: "tg:5"}, Text: qs[i%len(qs)]}
		start := time.Now()
		if err := bt.Handle(ctx, u); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		if i%64 == 0 {
			rec.take()
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[(len(lat)*99)/100].Nanoseconds())/1e6, "p99-ms")
}

// BenchmarkAsk is /ask's questions about the programme and about the bot, and off-topic ones.
func BenchmarkAsk(b *testing.B) {
	benchAsk(b, []string{"lãnh đạo nào dự lễ ký kết", "nội dung thứ tư nói về gì", "lễ ký diễn ra vào buổi nào",
		"bdbp là viết tắt của gì", "hiến kế là gì trong chương trình", "What must cadres do against hostile propaganda?",
		"chương trình này đến năm nào thì hết", "làm sao để báo cáo tiến độ", "khi nao bao cao", "đăng ký nhóm thế nào",
		"giá vàng hôm nay", "dan van kheo", "ai phụ trách A7"})
}

// BenchmarkAskWorkViews is questions answered with a whole view over the 500 activities (a unit's,
// the not-reported list, a day's plan), which cost what their command costs: they read them all.
func BenchmarkAskWorkViews(b *testing.B) {
	benchAsk(b, []string{"chỉ tiêu của đồn Cần Thạnh là bao nhiêu", "đơn vị nào chưa báo cáo", "A7 đến đâu rồi", "mai có việc gì"})
}
