package zalo_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/zalo"
	"github.com/coordbot/coordbot/bot/zalotest"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/internal/testutil"
)

// TestTransportAgainstEveryFixture runs every payload of bot/zalotest/testdata — documented bodies
// and what integrations report of real ones, each naming its source — through the transport:
// deliveries by webhook (both body shapes) or getUpdates must reach the handler once with every
// field read, and reach the bot (or get a reply saying what the bot can read); answers must be
// read as the docs' error table says (retried, chat gone, fatal).
func TestTransportAgainstEveryFixture(t *testing.T) {
	fixtures, err := zalotest.Fixtures()
	if err != nil {
		t.Fatal(err)
	}
	if len(fixtures) < 20 {
		t.Fatalf("only %d fixtures", len(fixtures))
	}
	for _, f := range fixtures {
		t.Run(f.Name, func(t *testing.T) {
			t.Logf("source: %s", f.Source)
			switch f.Kind {
			case "webhook":
				checkWebhookFixture(t, f)
			case "getUpdates":
				checkPollFixture(t, f)
			case "answer":
				checkAnswerFixture(t, f)
			default:
				t.Fatalf("unknown kind %q", f.Kind)
			}
		})
	}
}

func checkMessage(t *testing.T, f zalotest.Fixture, m zalo.Message) {
	t.Helper()
	w := f.Want
	if m.Event != w.Event || m.MessageID != w.MessageID || m.Chat.ID != w.Chat || m.Chat.ChatType != w.ChatType ||
		m.From.ID != w.From || m.From.Name() != w.Name || m.Text != w.Text || m.Caption != w.Caption ||
		m.Photo != w.Photo || m.Sticker != w.Sticker || m.Date != w.Date {
		t.Errorf("read %+v, want %+v", m, w)
	}
}

// checkBot hands the message to the transport's handler: text and captions reach the bot (a
// leading mention stripped, a photo as the report's file); what the bot cannot read gets a reply.
func checkBot(t *testing.T, f zalotest.Fixture, m zalo.Message) {
	t.Helper()
	e := newTransport(t, nil)
	var got []chat.Update
	h := e.tr.Handler(func(_ context.Context, u chat.Update) error { got = append(got, u); return nil })
	if err := h(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	w := f.Want
	text := w.Text
	if text == "" {
		text = w.Caption
	}
	if strings.HasPrefix(text, "@") {
		_, text, _ = strings.Cut(text, " ")
	}
	if text == "" {
		sent := e.srv.SentTo(w.Chat)
		if len(got) != 0 || len(sent) != 1 || !strings.Contains(sent[0].Text, "Bot") {
			t.Errorf("an event the bot cannot read: bot got %+v, replies %+v; want no update and one reply", got, sent)
		}
		return
	}
	if len(got) != 1 || got[0].Text != text || got[0].ChatID != bot.ZaloID(w.Chat) || got[0].From.ID != bot.ZaloID(w.From) {
		t.Fatalf("bot got %+v, want one update with text %q", got, text)
	}
	if (w.ChatType == "GROUP") != got[0].ChatKind.IsGroup() {
		t.Errorf("chat kind %v for chat_type %s", got[0].ChatKind, w.ChatType)
	}
	if w.Photo != "" && (got[0].File == nil || got[0].File.ID != w.Photo) {
		t.Errorf("the photo was lost: %+v", got[0].File)
	}
}

func checkWebhookFixture(t *testing.T, f zalotest.Fixture) {
	srv, wh, col := webhookServer(t)
	srv.DeliverRaw(f.RawBody())
	if errs := srv.WebhookErrors(); len(errs) != 0 {
		t.Fatalf("webhook answered %v", errs)
	}
	wh.Close(5 * time.Second)
	msgs := col.wait(t, 1)
	if len(msgs) != 1 {
		t.Fatalf("handled %d times, want once", len(msgs))
	}
	checkMessage(t, f, msgs[0])
	checkBot(t, f, msgs[0])
}

func checkPollFixture(t *testing.T, f zalotest.Fixture) {
	srv := zalotest.NewServer()
	defer srv.Close()
	c := dial(t, srv, zalo.Config{})
	srv.AnswerNext("getUpdates", http.StatusOK, f.RawBody())
	u, err := c.GetUpdate(context.Background())
	if err != nil || u == nil || u.Message == nil {
		t.Fatalf("GetUpdate: %+v, %v", u, err)
	}
	checkMessage(t, f, *u.Message)
	checkBot(t, f, *u.Message)
}

func checkAnswerFixture(t *testing.T, f zalotest.Fixture) {
	srv := zalotest.NewServer()
	defer srv.Close()
	w := f.Want
	ctx := context.Background()
	switch f.Method {
	case "getMe":
		srv.AnswerNext("getMe", f.Status, f.RawBody())
		ns := &noSleep{}
		c, err := zalo.Dial(ctx, zalo.Config{APIURL: srv.URL(), Token: srv.Token(), Sleep: ns.sleep})
		switch {
		case w.Fatal:
			if !errors.Is(err, zalo.ErrUnauthorized) {
				t.Fatalf("Dial: %v, want ErrUnauthorized", err)
			}
		case err != nil:
			t.Fatalf("Dial: %v", err)
		case w.OK && (c.Me().ID != w.ID || c.Me().CanJoinGroups != w.CanJoinGroups):
			t.Errorf("Me = %+v, want %+v", c.Me(), w)
		}
		if want := map[bool]int{true: 2, false: 1}[w.Retried]; srv.Calls("getMe") != want {
			t.Errorf("getMe called %d times, want %d", srv.Calls("getMe"), want)
		}
	case "getUpdates":
		c := dial(t, srv, zalo.Config{})
		srv.AnswerNext("getUpdates", f.Status, f.RawBody())
		if u, err := c.GetUpdate(ctx); u != nil || err != nil {
			t.Errorf("an idle poll: %+v, %v; want nothing and no error", u, err)
		}
	case "sendMessage":
		c := dial(t, srv, zalo.Config{Sleep: (&noSleep{}).sleep, MaxAttempts: 2})
		srv.AnswerNext("sendMessage", f.Status, f.RawBody())
		s, err := c.SendMessage(ctx, "e4ea2cd5189df1c3a88c", "Nhắc việc")
		if w.OK {
			if err != nil || s.MessageID != "82599fa32f56d00e8941" {
				t.Fatalf("send: %+v, %v", s, err)
			}
			return
		}
		calls := srv.Calls("sendMessage")
		if w.Retried {
			if err != nil || calls != 2 {
				t.Errorf("retried: err %v after %d calls; want sent on the 2nd", err, calls)
			}
			return
		}
		var ae *zalo.APIError
		if !errors.As(err, &ae) || ae.Code != w.Code || calls != 1 {
			t.Fatalf("err %v after %d calls; want code %d, not retried", err, calls, w.Code)
		}
		if got := errors.Is(err, zalo.ErrUnauthorized); got != w.Fatal {
			t.Errorf("fatal = %v, want %v", got, w.Fatal)
		}
		if got := zalo.ChatGone(err); got != w.ChatGone {
			t.Errorf("chat gone = %v, want %v", got, w.ChatGone)
		}
	default:
		t.Fatalf("no check for %s", f.Method)
	}
}

// A delivery in the documented shape ({"ok":true,"result":{…}}) is handled exactly once: not
// dropped (as when only the bare shape was read), not handled as two.
func TestWebhookDocumentedShapeIsHandledOnce(t *testing.T) {
	srv, wh, col := webhookServer(t) // the documented shape is the server's default
	m := srv.Say("u1", "Lan", "/tiendo")
	wh.Close(5 * time.Second)
	got := col.wait(t, 1)
	if len(got) != 1 || got[0].MessageID != m.MessageID || got[0].Text != "/tiendo" {
		t.Fatalf("handled %+v, want /tiendo once", got)
	}
}

// The webhook answers 200 before the message is handled: the platform marks slow endpoints
// unreachable. The handler runs after, and its message is not lost.
func TestWebhookAnswersBeforeHandling(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	c := dial(t, srv, zalo.Config{})
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	var mu sync.Mutex
	var handled []string
	wh := c.NewWebhook("the-webhook-secret", 1, func(_ context.Context, m zalo.Message) error {
		started <- struct{}{}
		<-release
		mu.Lock()
		handled = append(handled, m.Text)
		mu.Unlock()
		return nil
	})
	body := `{"ok":true,"result":{"event_name":"message.text.received","message":{"message_id":"m1","date":1,"text":"/tiendo","chat":{"id":"u1","chat_type":"PRIVATE"},"from":{"id":"u1","display_name":"Lan"}}}}`
	req := httptest.NewRequest(http.MethodPost, "/zalo/webhook", strings.NewReader(body))
	req.Header.Set("X-Bot-Api-Secret-Token", "the-webhook-secret")
	rec := httptest.NewRecorder()
	answered := make(chan struct{})
	go func() { wh.ServeHTTP(rec, req); close(answered) }()
	<-started
	bound := time.NewTimer(10 * time.Second) // a bound, not a measure: the answer must not wait for the handler
	defer bound.Stop()
	select {
	case <-answered:
	case <-bound.C:
		close(release)
		<-answered
		t.Fatal("the webhook answered only after the handler finished")
	}
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, want 200", rec.Code)
	}
	mu.Lock()
	n := len(handled)
	mu.Unlock()
	if n != 0 {
		t.Fatal("handled before the answer")
	}
	close(release)
	wh.Close(5 * time.Second)
	if len(handled) != 1 || handled[0] != "/tiendo" {
		t.Fatalf("handled %v after the answer, want /tiendo", handled)
	}
	// Once closed, deliveries are refused (Zalo may deliver them to another instance).
	rec = httptest.NewRecorder()
	req = httptest.NewRequest(http.MethodPost, "/zalo/webhook", strings.NewReader(body))
	req.Header.Set("X-Bot-Api-Secret-Token", "the-webhook-secret")
	wh.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("after Close: %d, want 503", rec.Code)
	}
}

// fakeClock is a clock that moves only when the poll loop (its one sleeper) sleeps; it ends ctx at
// limit.
type fakeClock struct {
	*testutil.FakeClock
	start  time.Time
	limit  time.Duration
	cancel context.CancelFunc
}

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	f.Advance(d)
	if f.Now().Sub(f.start) >= f.limit {
		f.cancel()
	}
	return ctx.Err()
}

// An idle poll loop against a platform answering 408 at once waits between polls: at most 5
// getUpdates in 10 s of (fake) time, where it used to poll again at once.
func TestIdlePollDoesNotSpin(t *testing.T) {
	srv := zalotest.NewServer(zalotest.WithImmediateIdle())
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	t0 := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	clk := &fakeClock{FakeClock: testutil.NewFakeClock(t0), start: t0, limit: 10 * time.Second, cancel: cancel}
	c := dial(t, srv, zalo.Config{PollTimeout: 30 * time.Second, Sleep: clk.Sleep, Now: clk.Now})
	// A bound in real time, in case the loop never sleeps (the bug): it would spin until then.
	stop := time.AfterFunc(5*time.Second, cancel)
	defer stop.Stop()
	col := newCollector()
	if err := c.Poll(ctx, 1, time.Second, col.handle); err != nil {
		t.Fatal(err)
	}
	if n := srv.Calls("getUpdates"); n > 5 || n < 2 {
		t.Fatalf("getUpdates called %d times in 10 s of idle time, want 2 to 5", n)
	}
	t.Logf("%d getUpdates in %v of fake time against an immediate 408", srv.Calls("getUpdates"), clk.Now().Sub(t0))
	if clk.Now().Sub(t0) < 10*time.Second {
		t.Fatalf("the loop stopped at %v of fake time", clk.Now().Sub(t0))
	}
}

// An empty answer (ok with no message) counts as idle too.
func TestEmptyPollAnswerWaits(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	t0 := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	clk := &fakeClock{FakeClock: testutil.NewFakeClock(t0), start: t0, limit: 10 * time.Second, cancel: cancel}
	c := dial(t, srv, zalo.Config{Sleep: clk.Sleep, Now: clk.Now})
	for range 50 {
		srv.AnswerNext("getUpdates", http.StatusOK, []byte(`{"ok":true,"result":{}}`))
	}
	stop := time.AfterFunc(5*time.Second, cancel)
	defer stop.Stop()
	if err := c.Poll(ctx, 1, time.Second, newCollector().handle); err != nil {
		t.Fatal(err)
	}
	if n := srv.Calls("getUpdates"); n > 5 {
		t.Fatalf("getUpdates called %d times in 10 s of empty answers, want at most 5", n)
	}
}

// In a group Zalo delivers only what mentions the bot: "@coordbot 2" picks choice 2, and the
// choices shown in a group say to quote the bot or mention it.
func TestMentionedNumberPicksTheChoiceInAGroup(t *testing.T) {
	srv := zalotest.NewServer()
	t.Cleanup(srv.Close)
	rdb, prefix := redistest.Client(t)
	c := dial(t, srv, zalo.Config{Sleep: (&noSleep{}).sleep})
	tr := zalo.NewTransport(c, zalo.TransportConfig{Memory: zalo.NewMemory(rdb, prefix), BotNames: []string{srv.BotName()}})
	ctx := context.Background()
	var got []chat.Update
	h := tr.Handler(func(ctx context.Context, u chat.Update) error {
		got = append(got, u)
		if u.Text == "/nhacviec" {
			_, err := tr.Send(ctx, chat.Reply{ChatID: u.ChatID, Text: "Chọn hoạt động",
				Buttons: [][]chat.Button{{{Text: "A1 Tập huấn", Data: "rp:A1"}, {Text: "A2 Họp", Data: "rp:A2"}}}})
			return err
		}
		return nil
	})
	// A typed "2" without a mention never reaches the bot.
	if _, delivered := srv.SayInGroup("g1", "u1", "Lan", "2"); delivered {
		t.Fatal("the server delivered a group message without a mention")
	}
	first, _ := srv.SayInGroup("g1", "u1", "Lan", "@coordbot /nhacviec")
	second, _ := srv.SayInGroup("g1", "u1", "Lan", "@coordbot 2")
	for _, m := range []zalotest.Message{first, second} {
		if err := h(ctx, zalo.Message{Event: zalo.EventText, MessageID: m.MessageID, Text: m.Text,
			Chat: zalo.Chat{ID: m.Chat.ID, ChatType: m.Chat.ChatType}, From: zalo.From{ID: m.From.ID, DisplayName: m.From.DisplayName}}); err != nil {
			t.Fatal(err)
		}
	}
	if len(got) != 2 || got[0].Text != "/nhacviec" || got[1].Callback == nil || got[1].Callback.Data != "rp:A2" {
		t.Fatalf("updates %+v; want /nhacviec, then the press of choice 2", got)
	}
	sent := srv.SentTo("g1")
	if len(sent) != 1 || !strings.Contains(sent[0].Text, "trích dẫn") || !strings.Contains(sent[0].Text, "@coordbot") || strings.Contains(sent[0].Text, "Gõ số để chọn") {
		t.Errorf("the choices in a group: %+v; want them to say to quote or mention @coordbot", sent)
	}
	// Without the bot's name known, a leading mention in a group is still stripped.
	bare := zalo.NewTransport(c, zalo.TransportConfig{Memory: zalo.NewMemory(rdb, prefix)})
	u, ok, err := bare.Update(ctx, zalo.Message{MessageID: zalotest.NewID(), Text: "@Bot Điều phối /tiendo",
		Chat: zalo.Chat{ID: "g1", ChatType: "GROUP"}, From: zalo.From{ID: "u1"}})
	if err != nil || !ok || u.Text != "/tiendo" {
		t.Errorf("update %+v, %v, %v; want /tiendo", u, ok, err)
	}
	for text, want := range map[string]string{"@Bot Điều phối 2": "2", "@Bot Điều phối đã nhận": "đã nhận", "@coordbot /baocao A1 50%": "/baocao A1 50%"} {
		u, _, err := bare.Update(ctx, zalo.Message{MessageID: zalotest.NewID(), Text: text,
			Chat: zalo.Chat{ID: "g2", ChatType: "GROUP"}, From: zalo.From{ID: "u1"}})
		if err != nil || u.Text != want {
			t.Errorf("%q read as %q (%v), want %q", text, u.Text, err, want)
		}
	}
	// In a private chat nothing is a group: the hint stays "Gõ số", and a leading @word is kept.
	p, _, _ := bare.Update(ctx, zalo.Message{MessageID: zalotest.NewID(), Text: "@Nam đã xong", Chat: zalo.Chat{ID: "u1", ChatType: "PRIVATE"}, From: zalo.From{ID: "u1"}})
	if p.Text != "@Nam đã xong" || p.ChatKind.IsGroup() {
		t.Errorf("private update %+v", p)
	}
}

// What the bot cannot read gets a short reply in Vietnamese saying what it can: a sticker, a
// protected user's message, a photo without a caption. A photo with a caption reaches the bot
// with its file, whether the link comes as photo (docs) or photo_url (integrations).
func TestEveryEventIsAnswered(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	rdb, prefix := redistest.Client(t)
	c := dial(t, srv, zalo.Config{PollTimeout: time.Second})
	tr := zalo.NewTransport(c, zalo.TransportConfig{Memory: zalo.NewMemory(rdb, prefix)})
	var mu sync.Mutex
	var got []chat.Update
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- c.Poll(ctx, 2, 5*time.Second, tr.Handler(func(_ context.Context, u chat.Update) error {
			mu.Lock()
			got = append(got, u)
			mu.Unlock()
			return nil
		}))
	}()
	srv.Sticker("s1", "Lan")
	srv.Unsupported("p1", "Minh")
	srv.Photo("n1", "Hà", "https://photo-stal.zadn.vn/x/1.jpg", "", false)
	srv.Photo("c1", "Hà", "https://photo-stal.zadn.vn/x/2.jpg", "/baocao A1 50%", false)
	srv.Photo("c2", "Hà", "https://photo-stal.zadn.vn/x/3.jpg", "/baocao A1 60%", true)
	for chatID, want := range map[string]string{"s1": "nhãn dán", "p1": "chưa đọc được", "n1": "chú thích"} {
		sent, ok := srv.WaitSentTo(10*time.Second, chatID, 1)
		if !ok || !strings.Contains(sent[0].Text, want) {
			t.Errorf("%s: replies %+v, want one saying %q", chatID, sent, want)
		}
	}
	ok := srv.WaitFor(10*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return len(got) == 2 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatalf("bot got %+v, want the two captioned photos", got)
	}
	for _, u := range got {
		if u.File == nil || !strings.HasPrefix(u.File.ID, "https://photo-stal.zadn.vn/x/") || !strings.HasPrefix(u.Text, "/baocao A1") {
			t.Errorf("a captioned photo reached the bot as %+v", u)
		}
	}
}

// A protected user's event that carries no message id (the docs show no sample) is still answered.
func TestUnsupportedWithoutAnIDIsAnswered(t *testing.T) {
	srv := zalotest.NewServer()
	defer srv.Close()
	rdb, prefix := redistest.Client(t)
	c := dial(t, srv, zalo.Config{})
	tr := zalo.NewTransport(c, zalo.TransportConfig{Memory: zalo.NewMemory(rdb, prefix)})
	wh := c.NewWebhook("the-webhook-secret", 1, tr.Handler(func(context.Context, chat.Update) error {
		t.Error("the bot was handed an unreadable message")
		return nil
	}))
	hook := httptest.NewServer(wh)
	defer hook.Close()
	if err := c.SetWebhook(context.Background(), hook.URL, "the-webhook-secret"); err != nil {
		t.Fatal(err)
	}
	srv.DeliverRaw([]byte(`{"ok":true,"result":{"event_name":"message.unsupported.received","message":{"from":{"id":"p9","display_name":"Minh"},"chat":{"id":"p9","chat_type":"PRIVATE"},"date":1750316131602}}}`))
	wh.Close(5 * time.Second)
	if sent := srv.SentTo("p9"); len(sent) != 1 || !strings.Contains(sent[0].Text, "chưa đọc được") {
		t.Fatalf("replies %+v, want one", sent)
	}
}
