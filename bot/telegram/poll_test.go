package telegram_test

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/telegramtest"
)

func TestPollKeepsChatOrderAndRunsChatsConcurrently(t *testing.T) {
	f := setup(t)
	group := telegramtest.Group(-100, "Tổ công tác")
	for _, text := range []string{"a1", "a2", "a3"} {
		f.srv.SendText(lan, telegramtest.Private(lan), text)
	}
	for _, text := range []string{"b1", "b2", "b3"} {
		f.srv.SendText(minh, group, text)
	}
	// The first update of Lan's chat waits until Minh's chat is done: with one chat at a time,
	// this would never finish.
	groupDone := make(chan struct{})
	var once sync.Once
	rec := &recorder{}
	f.poll(t, func(ctx context.Context, u chat.Update) error {
		if u.Text == "a1" {
			<-groupDone
		}
		rec.add(u)
		if u.Text == "b3" {
			once.Do(func() { close(groupDone) })
		}
		return nil
	})
	if !f.srv.WaitFor(wait, func() bool { return rec.len() == 6 }) {
		t.Fatalf("handled %v", rec.get())
	}
	var a, b []string
	for _, u := range rec.get() {
		if u.ChatID == bot.TelegramID(42) {
			a = append(a, u.Text)
		} else {
			b = append(b, u.Text)
		}
	}
	if strings.Join(a, ",") != "a1,a2,a3" || strings.Join(b, ",") != "b1,b2,b3" {
		t.Errorf("order per chat: %v %v", a, b)
	}
	if rec.get()[0].Text != "b1" {
		t.Error("Minh's chat should have gone first while Lan's waited")
	}
}

func TestPollConfirmsOnlyHandledUpdates(t *testing.T) {
	f := setup(t)
	chatID := telegramtest.Private(lan)
	first := f.srv.SendText(lan, chatID, "đầu tiên")
	f.srv.SendText(lan, chatID, "thứ hai")
	other := f.srv.SendText(minh, telegramtest.Private(minh), "khác")

	started := make(chan struct{})
	rec := &recorder{}
	stop := f.poll(t, func(ctx context.Context, u chat.Update) error {
		if u.ID == bot.UpdateKey(strconv.Itoa(first)) {
			close(started)
			<-ctx.Done() // the process dies before this update is handled
			return ctx.Err()
		}
		rec.add(u)
		return nil
	})
	<-started
	if !f.srv.WaitFor(wait, func() bool { return rec.len() == 1 }) {
		t.Fatalf("the other chat was not handled: %v", rec.get())
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if got := f.srv.Confirmed(); got > first {
		t.Fatalf("offset %d confirmed update %d, which was never handled", got, first)
	}
	// A restart gets the unhandled update again, in order with the one queued behind it.
	rec2 := &recorder{}
	f.poll(t, func(ctx context.Context, u chat.Update) error { rec2.add(u); return nil })
	if !f.srv.WaitFor(wait, func() bool { return rec2.len() >= 2 }) {
		t.Fatalf("redelivered %v", rec2.get())
	}
	// Telegram's offset cannot skip the unhandled update, so Minh's, though handled, comes again
	// too: delivery is at least once, and the bot's handlers are idempotent on the update id.
	var lans []chat.Update
	for _, u := range rec2.get() {
		if u.ChatID == bot.TelegramID(lan.ID) {
			lans = append(lans, u)
		}
	}
	if len(lans) != 2 || lans[0].ID != bot.UpdateKey(strconv.Itoa(first)) || lans[1].Text != "thứ hai" {
		t.Errorf("redelivered %v", lans)
	}
	if got := f.srv.Confirmed(); !f.srv.WaitFor(wait, func() bool { return f.srv.Confirmed() > other }) {
		t.Errorf("after the restart handled everything, offset %d", got)
	}
}

func TestPollHandlerFailures(t *testing.T) {
	f := setup(t)
	chatID := telegramtest.Private(lan)
	boom := f.srv.SendText(lan, chatID, "lỗi")
	panics := f.srv.SendText(lan, chatID, "hoảng")
	last := f.srv.SendText(lan, chatID, "bình thường")
	rec := &recorder{}
	f.poll(t, func(ctx context.Context, u chat.Update) error {
		rec.add(u)
		switch u.ID {
		case bot.UpdateKey(strconv.Itoa(boom)):
			return errors.New("store down")
		case bot.UpdateKey(strconv.Itoa(panics)):
			panic("bug")
		}
		return nil
	})
	if !f.srv.WaitFor(wait, func() bool { return f.srv.Confirmed() > last }) {
		t.Fatalf("confirmed %d, handled %v", f.srv.Confirmed(), rec.get())
	}
	if n := rec.len(); n != 3 {
		t.Errorf("handled %d updates, want each once", n)
	}
	if log := f.log.String(); !strings.Contains(log, "store down") || !strings.Contains(log, "panicked") {
		t.Errorf("failures not logged: %s", log)
	}
}

func TestPollConvertsUpdates(t *testing.T) {
	f := setup(t)
	group := telegramtest.Group(-100, "Đồn Biên phòng")
	sent, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(-100), Text: "Nhắc việc", Buttons: [][]chat.Button{{{Text: "✅", Data: "ack:A7"}}}})
	if err != nil {
		t.Fatal(err)
	}
	f.srv.SendText(lan, group, "/baocao@coordbot_test_bot A7 60%")
	f.srv.EditText(lan, group, 1, "sửa") // ignored
	f.srv.SendPhoto(lan, group, "/baocao A7 xong")
	f.srv.SendDocument(lan, group, "bienban.pdf", "")
	if _, err := f.srv.PressButton(minh, -100, sent.MessageID, "ack:A7"); err != nil {
		t.Fatal(err)
	}
	f.srv.SendText(lan, telegramtest.Group(-200, "Tổ cũ"), "x")
	f.srv.Migrate(-200, -1001234)
	rec := &recorder{}
	f.poll(t, func(ctx context.Context, u chat.Update) error {
		rec.add(u)
		if u.Callback != nil {
			_, err := f.client.Send(ctx, chat.Reply{ChatID: u.ChatID, AnswerCallback: u.Callback.ID, CallbackNote: "Đã ghi nhận",
				Edit: u.Callback.MessageID, Text: "Nhắc việc — " + u.From.Name() + " đã nhận"})
			return err
		}
		return nil
	})
	if !f.srv.WaitFor(wait, func() bool { return rec.len() == 6 && len(f.srv.SentTo(-100)) == 2 }) {
		t.Fatalf("handled %+v", rec.get())
	}
	u := rec.get()
	slices.SortFunc(u, func(a, b chat.Update) int { return cmp.Compare(a.ID, b.ID) })
	if u[0].Text != "/baocao@coordbot_test_bot A7 60%" || u[0].ChatKind != chat.Group || u[0].ChatTitle != "Đồn Biên phòng" || u[0].From.LangCode != "vi" {
		t.Errorf("text %+v", u[0])
	}
	if u[1].File == nil || u[1].File.Kind != "photo" || !strings.HasSuffix(u[1].File.ID, "-1280") || u[1].Text != "/baocao A7 xong" {
		t.Errorf("photo must carry the largest size and the caption: %+v", u[1])
	}
	if u[2].File == nil || u[2].File.Kind != "document" || u[2].File.Name != "bienban.pdf" {
		t.Errorf("document %+v", u[2])
	}
	if u[3].Callback == nil || u[3].Callback.Data != "ack:A7" || u[3].Callback.MessageID != sent.MessageID || u[3].From.ID != bot.TelegramID(minh.ID) {
		t.Errorf("callback %+v", u[3])
	}
	if a := f.srv.Answers(); len(a) != 1 || a[0].Text != "Đã ghi nhận" {
		t.Errorf("answers %+v", a)
	}
	if u[5].MigrateTo != "tg:-1001234" || u[5].ChatID != "tg:-200" {
		t.Errorf("migration %+v", u[5])
	}
	if last := f.srv.SentTo(-100); last[len(last)-1].Plain != "Nhắc việc — Minh đã nhận" {
		t.Errorf("edit %+v", last)
	}
}

func TestPollSurvivesAPIFailures(t *testing.T) {
	f := setup(t)
	f.srv.FailNext("getUpdates", 1, 429, "Too Many Requests: retry after 4", 4)
	f.srv.FailNext("getUpdates", 1, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", 0)
	f.srv.FailNext("getUpdates", 1, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", 0)
	f.srv.FailNextRaw("getUpdates", 1, 502, "")
	f.srv.FailNext("getUpdates", 1, 500, "Internal Server Error", 0)
	f.srv.SendText(lan, telegramtest.Private(lan), "xin chào")
	rec := &recorder{}
	f.poll(t, func(ctx context.Context, u chat.Update) error { rec.add(u); return nil })
	if !f.srv.WaitFor(wait, func() bool { return rec.len() == 1 }) {
		t.Fatal("no update after the failures")
	}
	s := f.sleeps.all()
	if len(s) != 5 || s[0].Seconds() != 4 {
		t.Errorf("waits %v: want retry_after first, then four backoffs", s)
	}
	if n := f.srv.Calls("deleteWebhook"); n != 2 {
		t.Errorf("deleteWebhook called %d times: at start and on the webhook conflict", n)
	}
	if !strings.Contains(f.log.String(), "level=WARN msg=\"telegram: another process is polling") {
		t.Errorf("a second poller must be logged at WARN:\n%s", f.log)
	}
}

// TestPollConflictLoggedOnceWithBackoff: a poller that keeps meeting another one (409) says so
// once at WARN, not at ERROR every few seconds, and waits longer each time.
func TestPollConflictLoggedOnceWithBackoff(t *testing.T) {
	f := setup(t)
	const conflict = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	f.srv.FailNext("getUpdates", 4, 409, conflict, 0)
	f.srv.SendText(lan, telegramtest.Private(lan), "xin chào")
	rec := &recorder{}
	f.poll(t, func(ctx context.Context, u chat.Update) error { rec.add(u); return nil })
	if !f.srv.WaitFor(wait, func() bool { return rec.len() == 1 }) {
		t.Fatal("no update after the conflicts")
	}
	s := f.sleeps.all()
	if len(s) != 4 {
		t.Fatalf("waits %v: want one per 409", s)
	}
	for i := 1; i < len(s); i++ {
		if s[i] <= s[i-1] {
			t.Errorf("waits %v: the backoff must grow", s)
		}
	}
	if s[0] < time.Second {
		t.Errorf("first wait %v: two pollers would still terminate each other every second", s[0])
	}
	logs := f.log.String()
	if n := strings.Count(logs, "another process is polling"); n != 1 {
		t.Errorf("the conflict was logged %d times, want once:\n%s", n, logs)
	}
	if strings.Contains(logs, "level=ERROR") {
		t.Errorf("a conflict is not an error:\n%s", logs)
	}
}
