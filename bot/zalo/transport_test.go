package zalo_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/zalo"
	"github.com/coordbot/coordbot/bot/zalotest"
	"github.com/coordbot/coordbot/internal/redistest"
)

type transportEnv struct {
	srv *zalotest.Server
	tr  *zalo.Transport
}

func newTransport(t testing.TB, pub zalo.Publisher) transportEnv {
	t.Helper()
	srv := zalotest.NewServer()
	t.Cleanup(srv.Close)
	rdb, prefix := redistest.Client(t)
	c := dial(t, srv, zalo.Config{Sleep: (&noSleep{}).sleep})
	return transportEnv{srv: srv, tr: zalo.NewTransport(c, zalo.TransportConfig{Memory: zalo.NewMemory(rdb, prefix), Publisher: pub})}
}

func msg(chatID, chatType, from, name, text string) zalo.Message {
	return zalo.Message{MessageID: zalotest.NewID(), Text: text, Chat: zalo.Chat{ID: chatID, ChatType: chatType}, From: zalo.From{ID: from, DisplayName: name}}
}

func TestUpdateFromAZaloMessage(t *testing.T) {
	e := newTransport(t, nil)
	m := msg("u1", "PRIVATE", "u1", "Lan", "/baocao A1 50%")
	u, ok, err := e.tr.Update(context.Background(), m)
	if err != nil || !ok {
		t.Fatalf("Update: %v, %v", ok, err)
	}
	if u.ID != bot.UpdateKey("zl:"+m.MessageID) || u.ChatID != "zl:u1" || u.ChatKind != chat.Private ||
		u.From.ID != "zl:u1" || u.From.Name() != "Lan" || u.Text != "/baocao A1 50%" {
		t.Errorf("update = %+v", u)
	}
	g, _, _ := e.tr.Update(context.Background(), msg("g1", "GROUP", "u1", "Lan", "/dangky"))
	if g.ChatID != "zl:g1" || g.ChatKind != chat.Group {
		t.Errorf("group update = %+v", g)
	}
	if _, ok, _ := e.tr.Update(context.Background(), zalo.Message{MessageID: "x", Chat: zalo.Chat{ID: "u1"}, From: zalo.From{ID: "u1"}}); ok {
		t.Error("a message without text (a sticker) became an update")
	}
}

// A reply's buttons become numbered lines; typing a number is pressing that button, for the person
// it was shown to, and a later reply without buttons makes numbers plain text again.
func TestTypedNumberPressesTheButton(t *testing.T) {
	e := newTransport(t, nil)
	ctx := context.Background()
	var got []chat.Update
	var mu sync.Mutex
	h := e.tr.Handler(func(ctx context.Context, u chat.Update) error {
		mu.Lock()
		got = append(got, u)
		mu.Unlock()
		if u.Text == "/baocao" {
			_, err := e.tr.Send(ctx, chat.Reply{ChatID: u.ChatID, Text: "<b>Chọn hoạt động</b>",
				Buttons: [][]chat.Button{{{Text: "A1 Tập huấn", Data: "rp:A1"}, {Text: "A2 Họp", Data: "rp:A2"}}}})
			return err
		}
		return nil
	})
	if err := h(ctx, msg("u1", "PRIVATE", "u1", "Lan", "/baocao")); err != nil {
		t.Fatal(err)
	}
	sent := e.srv.SentTo("u1")
	if len(sent) != 1 || !strings.Contains(sent[0].Text, "1. A1 Tập huấn\n2. A2 Họp") || strings.Contains(sent[0].Text, "<b>") {
		t.Fatalf("sent %+v", sent)
	}
	if err := h(ctx, msg("u1", "PRIVATE", "u1", "Lan", "2")); err != nil {
		t.Fatal(err)
	}
	if err := h(ctx, msg("u1", "PRIVATE", "u1", "Lan", "7")); err != nil {
		t.Fatal(err)
	}
	// Another person in another chat typing 2 presses nothing.
	if err := h(ctx, msg("u2", "PRIVATE", "u2", "Minh", "2")); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("%d updates", len(got))
	}
	if c := got[1].Callback; c == nil || c.Data != "rp:A2" || c.MessageID == 0 || got[1].Text != "" {
		t.Errorf("typing 2 gave %+v", got[1])
	}
	if got[2].Callback != nil || got[2].Text != "7" {
		t.Errorf("a number with no choice behind it should stay text: %+v", got[2])
	}
	if got[3].Callback != nil {
		t.Errorf("another user's 2 pressed a button: %+v", got[3])
	}
	if _, err := e.tr.Send(withUserCtx(ctx, e, "u1"), chat.Reply{ChatID: "zl:u1", Text: "Cảm ơn"}); err != nil {
		t.Fatal(err)
	}
	u, _, _ := e.tr.Update(ctx, msg("u1", "PRIVATE", "u1", "Lan", "1"))
	if u.Callback != nil {
		t.Errorf("a choice outlived the reply after it: %+v", u)
	}
}

// withUserCtx is the context the transport's handler gives the bot for user's message.
func withUserCtx(ctx context.Context, e transportEnv, user string) context.Context {
	var out context.Context
	h := e.tr.Handler(func(c context.Context, _ chat.Update) error { out = c; return nil })
	if err := h(ctx, msg(user, "PRIVATE", user, "x", "hello")); err != nil {
		panic(err)
	}
	return out
}

// A reminder sent to a chat can be acknowledged by typing "đã nhận", by anyone in the chat.
func TestTypingDaNhanAcknowledgesTheLastReminder(t *testing.T) {
	e := newTransport(t, nil)
	ctx := context.Background()
	sent, err := e.tr.Send(chat.Bulk(ctx), chat.Reply{ChatID: "zl:g1", Text: "⏰ Nhắc việc", Buttons: [][]chat.Button{{
		{Text: "✅ Đã nhận", Data: "ack"}, {Text: "📝 Báo cáo", URL: "https://t.me/coordbot?start=report-A1", Command: "/baocao A1"}}}})
	if err != nil || sent.MessageID == 0 {
		t.Fatalf("Send = %+v, %v", sent, err)
	}
	text := e.srv.SentTo("g1")[0].Text
	if !strings.Contains(text, "1. ✅ Đã nhận") || !strings.Contains(text, "/baocao A1") || strings.Contains(text, "t.me") {
		t.Errorf("reminder reads %q", text)
	}
	for _, typed := range []string{"đã nhận", "Đã nhận.", "da nhan", "✅ Đã nhận"} {
		u, ok, err := e.tr.Update(ctx, msg("g1", "GROUP", "u9", "Hùng", typed))
		if err != nil || !ok || u.Callback == nil || u.Callback.Data != "ack" || u.Callback.MessageID != sent.MessageID {
			t.Errorf("%q gave %+v, %v, %v", typed, u, ok, err)
		}
	}
	// In a group a bare number is the group's talk, not a press on the reminder's button.
	if u, _, _ := e.tr.Update(ctx, msg("g1", "GROUP", "u9", "Hùng", "1")); u.Callback != nil {
		t.Errorf("a number in a group pressed the reminder's button: %+v", u)
	}
	if u, _, _ := e.tr.Update(ctx, msg("g2", "GROUP", "u9", "Hùng", "đã nhận")); u.Callback != nil {
		t.Errorf("đã nhận in a chat with no reminder became a press: %+v", u)
	}
}

func TestSendSplitsLongTextAndLinksFiles(t *testing.T) {
	pub := &fakeLinks{}
	e := newTransport(t, pub)
	ctx := context.Background()
	long := strings.Repeat("Dòng báo cáo tiến độ khá dài của đơn vị.\n", 120)
	if _, err := e.tr.Send(ctx, chat.Reply{ChatID: "zl:u1", Text: long}); err != nil {
		t.Fatal(err)
	}
	parts := e.srv.SentTo("u1")
	if len(parts) < 3 {
		t.Fatalf("%d parts", len(parts))
	}
	for _, p := range parts {
		if n := utf8.RuneCountInString(p.Text); n > 2000 || n == 0 {
			t.Errorf("part of %d characters", n)
		}
	}
	if _, err := e.tr.Send(ctx, chat.Reply{ChatID: "zl:u2", Text: "Biểu đồ tiến độ", Photo: &chat.Upload{Name: "tiendo.png", Data: []byte("png")}}); err != nil {
		t.Fatal(err)
	}
	ph := e.srv.SentTo("u2")
	if len(ph) != 1 || ph[0].Method != "sendPhoto" || !strings.HasPrefix(ph[0].Photo, "https://") || ph[0].Text != "Biểu đồ tiến độ" {
		t.Errorf("photo sent as %+v", ph)
	}
}

// Zalo's error table makes 403 an internal error: a send is retried, and the chat is never called
// gone (which would unsubscribe a group). Only a description saying so makes a chat gone.
func TestSend403IsRetriedNotGone(t *testing.T) {
	e := newTransport(t, nil)
	e.srv.FailNext("sendMessage", http.StatusForbidden)
	if _, err := e.tr.Send(context.Background(), chat.Reply{ChatID: "zl:u1", Text: "x"}); err != nil {
		t.Fatalf("a 403 then a success: %v, want the message sent on retry", err)
	}
	if got := e.srv.SentTo("u1"); len(got) != 1 {
		t.Fatalf("sent %+v", got)
	}
	e.srv.FailNext("sendMessage", 403, 403, 403, 403, 403)
	_, err := e.tr.Send(context.Background(), chat.Reply{ChatID: "zl:u1", Text: "x"})
	if err == nil || errors.Is(err, chat.ErrChatGone) {
		t.Fatalf("five 403s: %v, want an error that is not ErrChatGone", err)
	}
	e.srv.FailNextWith("sendMessage", 403, 403, "User has blocked the bot")
	if _, err := e.tr.Send(context.Background(), chat.Reply{ChatID: "zl:u1", Text: "x"}); !errors.Is(err, chat.ErrChatGone) {
		t.Errorf("blocked: %v, want ErrChatGone", err)
	}
	if _, err := e.tr.Send(context.Background(), chat.Reply{ChatID: "tg:5", Text: "x"}); err == nil {
		t.Error("a Telegram chat was sent through Zalo")
	}
}

type fakeLinks struct{}

func (fakeLinks) Publish(_ context.Context, name string, _ []byte) (string, error) {
	return "https://bot.example.org/f/1/" + name + "?exp=1&sig=x", nil
}

// FuzzUpdate types anything on Zalo after a choice was shown: nothing panics, and only a number
// or "đã nhận" ever becomes a button press.
func FuzzUpdate(f *testing.F) {
	for _, s := range []string{"1", "2", "01", "99", "đã nhận", "Da nhan.", "65", "/baocao A1 50%", "", " 1 ", "١"} {
		f.Add(s, "PRIVATE")
		f.Add(s, "GROUP")
	}
	e := newTransport(f, nil)
	ctx := context.Background()
	if _, err := e.tr.Send(chat.Bulk(ctx), chat.Reply{ChatID: "zl:c", Text: "x", Buttons: [][]chat.Button{{{Text: "✅", Data: "ack"}, {Text: "b", Data: "p:1"}}}}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, chatType string) {
		u, ok, err := e.tr.Update(ctx, msg("c", chatType, "u", "Lan", text))
		if err != nil {
			t.Fatal(err)
		}
		if !ok || u.Callback == nil {
			return
		}
		if u.Text != "" || (u.Callback.Data != "ack" && u.Callback.Data != "p:1") {
			t.Fatalf("%q became %+v", text, u)
		}
	})
}

// The words the transport adds itself follow the reader's language, not the bot's default.
func TestAddedWordsFollowTheReadersLanguage(t *testing.T) {
	e := newTransport(t, nil)
	ctx := context.Background()
	buttons := [][]chat.Button{{{Text: "A1", Data: "rp:A1"}}}
	if _, err := e.tr.Send(ctx, chat.Reply{ChatID: "zl:u1", Text: "Pick an activity", Buttons: buttons, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.tr.Send(ctx, chat.Reply{ChatID: "zl:u2", Text: "Chọn hoạt động", Buttons: buttons}); err != nil {
		t.Fatal(err)
	}
	if en := e.srv.SentTo("u1"); len(en) != 1 || !strings.Contains(en[0].Text, "Type a number") || strings.Contains(en[0].Text, "Gõ số") {
		t.Errorf("English reader got %+v", en)
	}
	if vi := e.srv.SentTo("u2"); len(vi) != 1 || !strings.Contains(vi[0].Text, "Gõ số để chọn") {
		t.Errorf("reader without a language got %+v", vi)
	}
}
