package telegram_test

import (
	"context"
	"errors"
	"fmt"
	"html"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/telegram"
	"github.com/coordbot/coordbot/bot/telegramtest"
)

func TestSendDelivers(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	sent, err := f.client.Send(ctx, chat.Reply{ChatID: bot.TelegramID(42), Text: "<b>Chương trình</b> phối hợp",
		Buttons: [][]chat.Button{{{Text: "Kế hoạch", Data: "plan"}, {Text: "Mở", URL: "https://t.me/x"}}}})
	if err != nil {
		t.Fatal(err)
	}
	got := f.srv.Sent()
	if len(got) != 1 || got[0].MessageID != sent.MessageID || got[0].ParseMode != "HTML" || got[0].Plain != "Chương trình phối hợp" {
		t.Fatalf("sent %+v", got)
	}
	if b := got[0].Buttons; len(b) != 1 || b[0][0].Data != "plan" || b[0][1].URL != "https://t.me/x" {
		t.Errorf("buttons %+v", b)
	}
}

func TestInvalidHTMLIsSentEscaped(t *testing.T) {
	cases := map[string]string{
		"stray less-than":   "2 < 3 và 5 > 4",
		"ampersand":         "Biên phòng & Dân vận",
		"unknown tag":       "<script>alert(1)</script>",
		"unclosed tag":      "<b>đậm",
		"user typed markup": "<i>nghiêng</b>",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			f := setup(t)
			if _, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(42), Text: text}); err != nil {
				t.Fatal(err)
			}
			if got := f.srv.Sent(); len(got) != 1 || got[0].Plain != text {
				t.Errorf("reader sees %+v, want %q", got, text)
			}
		})
	}
}

// longReply is a reply of about n characters with tags that cross the split points.
func longReply(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		if i%20 == 0 {
			b.WriteString("<i>")
		}
		fmt.Fprintf(&b, "Dòng %d: <b>hoạt động</b> của &lt;tổ&gt; công tác dân vận\n", i)
		if i%20 == 19 {
			b.WriteString("</i>")
		}
	}
	b.WriteString("</i>")
	return b.String()
}

func TestLongReplyIsSplit(t *testing.T) {
	f := setup(t)
	text := longReply(9800) // over 6,000 characters the reader sees
	if _, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(42), Text: text,
		Buttons: [][]chat.Button{{{Text: "Tiếp", Data: "next"}}}}); err != nil {
		t.Fatal(err)
	}
	got := f.srv.Sent()
	if len(got) < 2 {
		t.Fatalf("%d messages, want a split", len(got))
	}
	var joined strings.Builder
	for i, m := range got {
		if n := len(utf16.Encode([]rune(m.Plain))); n > 4096 {
			t.Errorf("part %d has %d UTF-16 units", i, n)
		}
		if i < len(got)-1 && (m.Buttons != nil || !strings.HasSuffix(m.Plain, "\n")) {
			t.Errorf("part %d: buttons %v, must end at a line break: %q", i, m.Buttons, m.Plain[len(m.Plain)-20:])
		}
		joined.WriteString(m.Plain)
	}
	if got[len(got)-1].Buttons == nil {
		t.Error("the buttons must be under the last part")
	}
	want := strings.NewReplacer("<i>", "", "</i>", "", "<b>", "", "</b>", "").Replace(html.UnescapeString(text))
	if joined.String() != want {
		t.Error("the parts together do not read as the whole reply")
	}
	if len([]rune(want)) < 6000 {
		t.Errorf("test text is only %d characters", len([]rune(want)))
	}
}

func TestRetries(t *testing.T) {
	t.Run("429 waits retry_after and resends", func(t *testing.T) {
		f := setup(t)
		f.srv.FailNext("sendMessage", 1, 429, "Too Many Requests: retry after 7", 7)
		if _, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(42), Text: "x"}); err != nil {
			t.Fatal(err)
		}
		if s := f.sleeps.all(); len(s) != 1 || s[0] != 7*time.Second || len(f.srv.Sent()) != 1 {
			t.Errorf("sleeps %v, sent %d", s, len(f.srv.Sent()))
		}
	})
	t.Run("5xx is retried with growing backoff", func(t *testing.T) {
		f := setup(t)
		f.srv.FailNext("sendMessage", 3, 500, "Internal Server Error", 0)
		if _, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(42), Text: "x"}); err != nil {
			t.Fatal(err)
		}
		s := f.sleeps.all()
		if len(s) != 3 || s[2] < s[0] || len(f.srv.Sent()) != 1 {
			t.Errorf("sleeps %v, sent %d", s, len(f.srv.Sent()))
		}
	})
	t.Run("a non-JSON 502 is retried", func(t *testing.T) {
		f := setup(t)
		f.srv.FailNextRaw("sendMessage", 1, 502, "")
		if _, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(42), Text: "x"}); err != nil {
			t.Fatal(err)
		}
		if len(f.srv.Sent()) != 1 {
			t.Error("not delivered")
		}
	})
	t.Run("tries are bounded", func(t *testing.T) {
		f := setup(t)
		f.srv.FailNext("sendMessage", 100, 502, "Bad Gateway", 0)
		if _, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(42), Text: "x"}); err == nil {
			t.Fatal("want an error")
		}
		if n := f.srv.Calls("sendMessage"); n != 5 {
			t.Errorf("%d calls, want MaxAttempts = 5", n)
		}
	})
	t.Run("a cancelled context stops retrying", func(t *testing.T) {
		f := setup(t)
		f.srv.FailNext("sendMessage", 100, 500, "Internal Server Error", 0)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := f.client.Send(ctx, chat.Reply{ChatID: bot.TelegramID(42), Text: "x"}); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestPermanentFailures(t *testing.T) {
	t.Run("blocked private chat is gone", func(t *testing.T) {
		f := setup(t)
		f.srv.Block(42)
		_, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(42), Text: "x"})
		if !errors.Is(err, chat.ErrChatGone) || !strings.Contains(err.Error(), "blocked") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("kicked from group is gone, uploads too", func(t *testing.T) {
		f := setup(t)
		f.srv.Block(-100)
		_, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(-100), Text: "x", Document: &chat.Upload{Name: "a.csv", Data: []byte("a")}})
		if !errors.Is(err, chat.ErrChatGone) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("migrated group names its new id", func(t *testing.T) {
		f := setup(t)
		f.srv.Migrate(-100, -1009999)
		_, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(-100), Text: "x"})
		var m *chat.MigratedError
		if !errors.As(err, &m) || m.From != "tg:-100" || m.To != "tg:-1009999" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("other bad requests are not retried", func(t *testing.T) {
		f := setup(t)
		_, err := f.client.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(42), Edit: 77, Text: "x"})
		if err == nil || !strings.Contains(err.Error(), "message to edit not found") || len(f.sleeps.all()) != 0 {
			t.Errorf("err = %v, sleeps %v", err, f.sleeps.all())
		}
	})
}

func TestEdits(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	sent, err := f.client.Send(ctx, chat.Reply{ChatID: bot.TelegramID(42), Text: "Nhắc việc", Buttons: [][]chat.Button{{{Text: "✅ Đã nhận", Data: "ack"}}}})
	if err != nil {
		t.Fatal(err)
	}
	same := chat.Reply{ChatID: bot.TelegramID(42), Edit: sent.MessageID, Text: "Nhắc việc", Buttons: [][]chat.Button{{{Text: "✅ Đã nhận", Data: "ack"}}}}
	if _, err := f.client.Send(ctx, same); err != nil {
		t.Errorf("an edit that changes nothing is a success: %v", err)
	}
	if _, err := f.client.Send(ctx, chat.Reply{ChatID: bot.TelegramID(42), Edit: sent.MessageID, Text: "Nhắc việc — Lan đã nhận"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.client.Send(ctx, chat.Reply{ChatID: bot.TelegramID(42), Edit: sent.MessageID, Buttons: [][]chat.Button{{{Text: "Xem", Data: "view"}}}}); err != nil {
		t.Fatal(err)
	}
	got := f.srv.SentTo(42)
	if len(got) != 3 || got[1].Method != "editMessageText" || got[1].Plain != "Nhắc việc — Lan đã nhận" || got[2].Method != "editMessageReplyMarkup" || got[2].Buttons[0][0].Data != "view" {
		t.Errorf("recorded %+v", got)
	}
}

func TestFiles(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	data := []byte("\xEF\xBB\xBFmã,%\nA7,60\n")
	if _, err := f.client.Send(ctx, chat.Reply{ChatID: bot.TelegramID(42), Text: "<b>Báo cáo</b>", Document: &chat.Upload{Name: "baocao.csv", Data: data}}); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Tiến độ chung. ", 100)
	if _, err := f.client.Send(ctx, chat.Reply{ChatID: bot.TelegramID(42), Text: long, Photo: &chat.Upload{Name: "tiendo.png", Data: []byte("PNG")},
		Buttons: [][]chat.Button{{{Text: "Chi tiết", Data: "more"}}}}); err != nil {
		t.Fatal(err)
	}
	got := f.srv.Sent()
	if len(got) != 3 {
		t.Fatalf("sent %+v", got)
	}
	if got[0].FileName != "baocao.csv" || string(got[0].File) != string(data) || got[0].Plain != "Báo cáo" {
		t.Errorf("document %+v", got[0])
	}
	if got[1].Method != "sendPhoto" || got[1].Text != "" || got[1].Buttons != nil || got[2].Plain != long || got[2].Buttons == nil {
		t.Errorf("a caption over 1024 must follow the photo as a message with the buttons: %+v", got[1:])
	}
}

func TestCommandsAndWebhookSetup(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	if err := f.client.SetCommands(ctx, "vi", []telegram.Command{{Name: "trogiup", Description: "Hướng dẫn"}}); err != nil {
		t.Fatal(err)
	}
	if err := f.client.SetCommands(ctx, "", []telegram.Command{{Name: "help", Description: "Help"}}); err != nil {
		t.Fatal(err)
	}
	if vi, def := f.srv.Commands("vi"), f.srv.Commands(""); len(vi) != 1 || vi[0].Name != "trogiup" || len(def) != 1 || def[0].Name != "help" {
		t.Errorf("menus vi=%v default=%v", vi, def)
	}
	if err := f.client.SetWebhook(ctx, "https://bot.example.org/hook", "s3cret"); err != nil {
		t.Fatal(err)
	}
	if url, secret := f.srv.Webhook(); url != "https://bot.example.org/hook" || secret != "s3cret" {
		t.Errorf("webhook %q %q", url, secret)
	}
}

// countingLimiter records the chats it was asked about.
type countingLimiter struct {
	mu    sync.Mutex
	chats []string
}

func (l *countingLimiter) Wait(_ context.Context, chatID string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.chats = append(l.chats, chatID)
	return nil
}

func TestLimiterIsAskedBeforeEachMessage(t *testing.T) {
	srv := telegramtest.New()
	defer srv.Close()
	lim := &countingLimiter{}
	c, err := telegram.Dial(context.Background(), telegram.Config{Token: srv.Token(), APIURL: srv.URL(), Limiter: lim})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(-7), Text: longReply(9000)}); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Sent()); len(lim.chats) != n || lim.chats[0] != "-7" {
		t.Errorf("limiter asked %v for %d messages", lim.chats, n)
	}
}

// bulkLimiter records which of Wait and WaitBulk each message asked.
type bulkLimiter struct {
	mu    sync.Mutex
	calls []string
}

func (l *bulkLimiter) Wait(context.Context, string) error { return l.add("Wait") }

func (l *bulkLimiter) WaitBulk(context.Context, string) error { return l.add("WaitBulk") }

func (l *bulkLimiter) add(m string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, m)
	return nil
}

func TestBulkSendsLetRepliesGoFirst(t *testing.T) {
	srv := telegramtest.New()
	defer srv.Close()
	lim := &bulkLimiter{}
	c, err := telegram.Dial(context.Background(), telegram.Config{Token: srv.Token(), APIURL: srv.URL(), Limiter: lim})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Send(context.Background(), chat.Reply{ChatID: bot.TelegramID(5), Text: "trả lời"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Send(chat.Bulk(context.Background()), chat.Reply{ChatID: bot.TelegramID(-5), Text: "nhắc việc"}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"Wait", "WaitBulk"}; !slices.Equal(lim.calls, want) {
		t.Errorf("a reply then a reminder asked %v, want %v", lim.calls, want)
	}
}

func TestDial(t *testing.T) {
	t.Run("retries getMe without logging the token", func(t *testing.T) {
		f := setup(t) // a working server, to borrow its token and a second client
		f.srv.FailNextRaw("getMe", 2, 502, "")
		s := &sleeps{}
		log := &syncBuffer{}
		c, err := telegram.Dial(context.Background(), telegram.Config{Token: f.srv.Token(), APIURL: f.srv.URL(), Sleep: s.sleep,
			Logger: slogTo(log)})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if c.Username() != "coordbot_test_bot" || len(s.all()) != 2 {
			t.Errorf("username %q after %d waits", c.Username(), len(s.all()))
		}
		if strings.Contains(log.String(), f.srv.Token()) || !strings.Contains(log.String(), "getMe failed") {
			t.Errorf("log: %s", log)
		}
	})
	t.Run("network errors are logged without the token", func(t *testing.T) {
		srv := telegramtest.New()
		url, token := srv.URL(), srv.Token()
		srv.Close()
		log := &syncBuffer{}
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		_, err := telegram.Dial(ctx, telegram.Config{Token: token, APIURL: url, Logger: slogTo(log),
			Sleep: func(context.Context, time.Duration) error {
				if n++; n == 3 {
					cancel()
					return context.Canceled
				}
				return nil
			}})
		if err == nil || strings.Contains(err.Error(), token) || strings.Contains(log.String(), token) || !strings.Contains(log.String(), "<token>") {
			t.Errorf("err %v; log %s", err, log)
		}
	})
	t.Run("a refused token fails at once", func(t *testing.T) {
		srv := telegramtest.New(telegramtest.WithToken("1:right"))
		defer srv.Close()
		if _, err := telegram.Dial(context.Background(), telegram.Config{Token: "1:wrong", APIURL: srv.URL()}); err == nil {
			t.Error("want an error")
		}
	})
	t.Run("an HTTP timeout shorter than the poll is refused", func(t *testing.T) {
		if _, err := telegram.Dial(context.Background(), telegram.Config{Token: "1:x", PollTimeout: time.Minute, HTTPTimeout: time.Second}); err == nil {
			t.Error("want an error")
		}
	})
}
