package main

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/scheduler"
)

type fakeSender struct{ err error }

func (f fakeSender) Send(context.Context, chat.Reply) (chat.Sent, error) { return chat.Sent{}, f.err }

func TestMetricsCountWhatHappens(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	q := scheduler.NewQueue(rdb, prefix, loc)
	if _, err := q.Add(context.Background(), scheduler.Reminder{ChatID: "1", Kind: "text", Text: "x", At: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	m := newMetrics(q)
	handle := m.handle(func(ctx context.Context, u chat.Update) error {
		if u.Text == "bad" {
			return errors.New("boom")
		}
		return nil
	})
	handle(context.Background(), chat.Update{Text: "ok"})
	handle(context.Background(), chat.Update{Text: "ok"})
	handle(context.Background(), chat.Update{Text: "bad"})
	countingSender{fakeSender{fmtErr(chat.ErrChatGone)}, m}.Send(context.Background(), chat.Reply{})
	m.fire(func(context.Context, scheduler.Firing) error { return nil })(context.Background(), scheduler.Firing{Reminder: scheduler.Reminder{Kind: "text"}})

	rec := httptest.NewRecorder()
	m.handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`coordbot_updates_total{result="ok"} 2`,
		`coordbot_updates_total{result="error"} 1`,
		`coordbot_replies_total{result="gone"} 1`,
		`coordbot_reminders_fired_total{kind="text",result="ok"} 1`,
		`coordbot_reminders_pending 1`,
		`coordbot_update_seconds_count 3`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func fmtErr(err error) error { return errors.Join(errors.New("telegram 403"), err) }
