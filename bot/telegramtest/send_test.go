package telegramtest_test

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/coordbot/coordbot/bot/telegramtest"
)

func htmlMessage(chatID int64, text string) tgbotapi.MessageConfig {
	m := tgbotapi.NewMessage(chatID, text)
	m.ParseMode = tgbotapi.ModeHTML
	return m
}

func TestHTMLIsValidatedLikeTelegram(t *testing.T) {
	accepted := map[string]string{
		"plain text":             "Chương trình phối hợp",
		"bold and italic":        "<b>Dân vận</b> <i>khéo</i>",
		"nested tags":            "<b>a <i>b <u>c</u></i></b>",
		"link":                   `<a href="https://t.me/x?a=1&amp;b=2">liên kết</a>`,
		"spoiler span":           `<span class="tg-spoiler">bí mật</span>`,
		"pre with code language": `<pre><code class="language-go">x := 1</code></pre>`,
		"named entities":         "a &lt; b &gt; c &amp; &quot;d&quot;",
		"numeric entities":       "&#39;&#x1F600;&#7899;",
		"upper-case tags":        "<B>đậm</B>",
		"blockquote":             "<blockquote>trích</blockquote>",
	}
	refused := map[string]string{
		"unknown tag":           "xin<br>chào",
		"unclosed tag":          "<b>đậm",
		"misnested tags":        "<b><i>x</b></i>",
		"stray end tag":         "x</b>",
		"bare less-than":        "a < b",
		"bare greater-than":     "a > b",
		"bare ampersand":        "Biên phòng & Dân vận",
		"unknown named entity":  "a&nbsp;b",
		"span without spoiler":  "<span>x</span>",
		"script tag":            "<script>alert(1)</script>",
		"tag cut by end of msg": "x <b",
	}
	_, api := dial(t)
	for name, text := range accepted {
		t.Run("accepts "+name, func(t *testing.T) {
			if _, err := api.Send(htmlMessage(42, text)); err != nil {
				t.Errorf("%q refused: %v", text, err)
			}
		})
	}
	for name, text := range refused {
		t.Run("refuses "+name, func(t *testing.T) {
			_, err := api.Send(htmlMessage(42, text))
			if e := apiErr(t, err); e.Code != 400 || !strings.HasPrefix(e.Message, "Bad Request: can't parse entities: ") {
				t.Errorf("%q: %d %q", text, e.Code, e.Message)
			}
		})
	}
}

func TestTextLength(t *testing.T) {
	cases := []struct {
		name, text string
		want       string // "" for accepted
	}{
		{"accepts 4096 characters", strings.Repeat("a", 4096), ""},
		{"refuses 4097 characters", strings.Repeat("a", 4097), "Bad Request: message is too long"},
		{"counts Vietnamese letters once", strings.Repeat("ệ", 4096), ""},
		{"accepts 2048 emoji (4096 UTF-16 units)", strings.Repeat("😀", 2048), ""},
		{"refuses 2049 emoji", strings.Repeat("😀", 2049), "Bad Request: message is too long"},
		{"does not count tags", "<b>" + strings.Repeat("a", 4096) + "</b>", ""},
		{"counts entities once", strings.Repeat("&amp;", 4096), ""},
		{"refuses empty text", "", "Bad Request: message text is empty"},
		{"refuses text of only tags", "<b> </b>", "Bad Request: message text is empty"},
	}
	_, api := dial(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := api.Send(htmlMessage(42, c.text))
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if e := apiErr(t, err); e.Message != c.want {
				t.Errorf("got %q, want %q", e.Message, c.want)
			}
		})
	}
}

// frozen is a clock the test moves by hand, so rate limits do not depend on the machine's speed.
type frozen struct{ t time.Time }

func (f *frozen) now() time.Time { return f.t }

func TestFloodLimits(t *testing.T) {
	t.Run("one chat gets a burst then 429 with retry_after", func(t *testing.T) {
		clock := &frozen{t: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)}
		srv, api := dial(t, telegramtest.WithLimits(), telegramtest.WithClock(clock.now))
		for i := range 3 {
			if _, err := api.Send(tgbotapi.NewMessage(42, "x")); err != nil {
				t.Fatalf("message %d of the burst: %v", i, err)
			}
		}
		_, err := api.Send(tgbotapi.NewMessage(42, "x"))
		if e := apiErr(t, err); e.Code != 429 || e.RetryAfter < 1 {
			t.Fatalf("4th message: %d retry_after=%d", e.Code, e.RetryAfter)
		}
		clock.t = clock.t.Add(time.Second)
		if _, err := api.Send(tgbotapi.NewMessage(42, "x")); err != nil {
			t.Errorf("after waiting retry_after: %v", err)
		}
		if srv.Count429() != 1 {
			t.Errorf("Count429 = %d", srv.Count429())
		}
	})
	t.Run("thirty chats per second then 429", func(t *testing.T) {
		clock := &frozen{t: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)}
		_, api := dial(t, telegramtest.WithLimits(), telegramtest.WithClock(clock.now))
		for i := range 30 {
			if _, err := api.Send(tgbotapi.NewMessage(int64(1000+i), "x")); err != nil {
				t.Fatalf("chat %d: %v", i, err)
			}
		}
		_, err := api.Send(tgbotapi.NewMessage(2000, "x"))
		if e := apiErr(t, err); e.Code != 429 {
			t.Errorf("31st chat in one second: %d", e.Code)
		}
	})
	t.Run("a group gets twenty per minute", func(t *testing.T) {
		clock := &frozen{t: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)}
		_, api := dial(t, telegramtest.WithLimits(), telegramtest.WithClock(clock.now))
		sent := 0
		for range 60 {
			clock.t = clock.t.Add(time.Second)
			if _, err := api.Send(tgbotapi.NewMessage(-100, "x")); err != nil {
				if e := apiErr(t, err); e.Code != 429 {
					t.Fatalf("unexpected %v", e)
				}
				continue
			}
			sent++
		}
		if sent < 20 || sent > 41 {
			t.Errorf("%d messages to one group in a minute at 1/s; want about 20 + 20 refilled", sent)
		}
	})
}

func TestInjectedFailures(t *testing.T) {
	srv, api := dial(t)
	srv.FailNext("sendMessage", 1, 429, "Too Many Requests: retry after 3", 3)
	_, err := api.Send(tgbotapi.NewMessage(42, "x"))
	if e := apiErr(t, err); e.Code != 429 || e.RetryAfter != 3 {
		t.Errorf("429: %+v", e)
	}
	srv.FailNext("", 1, 500, "Internal Server Error", 0)
	_, err = api.Send(tgbotapi.NewMessage(42, "x"))
	if e := apiErr(t, err); e.Code != 500 {
		t.Errorf("500: %+v", e)
	}
	srv.FailNextRaw("sendMessage", 1, 502, "")
	if _, err = api.Send(tgbotapi.NewMessage(42, "x")); err == nil || strings.Contains(err.Error(), "Bad Request") {
		t.Errorf("non-JSON 502 must surface as a decoding error, got %v", err)
	}
	if _, err := api.Send(tgbotapi.NewMessage(42, "x")); err != nil {
		t.Errorf("failures must be used up: %v", err)
	}
	if srv.Count429() != 1 || srv.Calls("sendMessage") != 4 {
		t.Errorf("Count429 = %d, calls = %d", srv.Count429(), srv.Calls("sendMessage"))
	}
}

func TestBlockedAndKicked(t *testing.T) {
	srv, api := dial(t)
	srv.Block(42)
	srv.Block(-100)
	_, err := api.Send(tgbotapi.NewMessage(42, "x"))
	if e := apiErr(t, err); e.Code != 403 || e.Message != "Forbidden: bot was blocked by the user" {
		t.Errorf("private: %d %q", e.Code, e.Message)
	}
	_, err = api.Send(tgbotapi.NewMessage(-100, "x"))
	if e := apiErr(t, err); e.Code != 403 || e.Message != "Forbidden: bot was kicked from the group chat" {
		t.Errorf("group: %d %q", e.Code, e.Message)
	}
}

func TestMigration(t *testing.T) {
	srv, api := dial(t)
	srv.SendText(alice, telegramtest.Group(-100, "Tổ công tác"), "xin chào")
	id := srv.Migrate(-100, -1001234567890)
	_, err := api.Send(tgbotapi.NewMessage(-100, "x"))
	if e := apiErr(t, err); e.Code != 400 || e.MigrateToChatID != -1001234567890 {
		t.Errorf("send to old id: %+v", e)
	}
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 2 || ups[1].UpdateID != id || ups[1].Message.MigrateToChatID != -1001234567890 || ups[1].Message.Chat.ID != -100 {
		t.Fatalf("migration update = %+v, %v", ups, err)
	}
	if _, err := api.Send(tgbotapi.NewMessage(-1001234567890, "x")); err != nil {
		t.Errorf("send to new id: %v", err)
	}
}

func TestUploads(t *testing.T) {
	srv, api := dial(t)
	data := []byte("\xEF\xBB\xBFmã,phần trăm\nA7,60\n")
	doc := tgbotapi.NewDocument(42, tgbotapi.FileBytes{Name: "baocao.csv", Bytes: data})
	doc.Caption = "<b>Báo cáo</b>"
	doc.ParseMode = tgbotapi.ModeHTML
	m, err := api.Send(doc)
	if err != nil || m.Document == nil || m.Document.FileName != "baocao.csv" || m.Caption != "Báo cáo" {
		t.Fatalf("sendDocument = %+v, %v", m, err)
	}
	photo := tgbotapi.NewPhoto(42, tgbotapi.FileBytes{Name: "tiendo.png", Bytes: []byte("PNG")})
	if _, err := api.Send(photo); err != nil {
		t.Fatalf("sendPhoto: %v", err)
	}
	sent := srv.Sent()
	if len(sent) != 2 || sent[0].FileName != "baocao.csv" || string(sent[0].File) != string(data) || sent[1].Method != "sendPhoto" || string(sent[1].File) != "PNG" {
		t.Errorf("recorded %+v", sent)
	}
	long := tgbotapi.NewDocument(42, tgbotapi.FileBytes{Name: "x.txt", Bytes: []byte("x")})
	long.Caption = strings.Repeat("c", 1025)
	_, err = api.Send(long)
	if err == nil || !strings.Contains(err.Error(), "message caption is too long") {
		t.Errorf("caption of 1025: %v", err)
	}
}

func TestEditsAndButtons(t *testing.T) {
	srv, api := dial(t)
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("✅ Đã nhận", "ack:1")))
	msg := htmlMessage(42, "Nhắc việc")
	msg.ReplyMarkup = kb
	m, err := api.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Sent()[0].Buttons; len(got) != 1 || got[0][0].Data != "ack:1" {
		t.Errorf("buttons recorded = %+v", got)
	}
	edit := tgbotapi.NewEditMessageText(42, m.MessageID, "Nhắc việc")
	edit.ParseMode = tgbotapi.ModeHTML
	edit.ReplyMarkup = &kb
	_, err = api.Send(edit)
	if err == nil || !strings.Contains(err.Error(), "message is not modified") {
		t.Errorf("identical edit: %v", err)
	}
	edit.Text = "Nhắc việc — <b>Lan</b> đã nhận"
	if _, err := api.Send(edit); err != nil {
		t.Errorf("edit: %v", err)
	}
	_, err = api.Send(tgbotapi.NewEditMessageText(42, 999, "x"))
	if err == nil || err.Error() != "Bad Request: message to edit not found" {
		t.Errorf("edit of unknown message: %v", err)
	}
	if _, err := api.Send(tgbotapi.NewEditMessageReplyMarkup(42, m.MessageID, tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL("Mở", "https://t.me/x"))))); err != nil {
		t.Errorf("edit markup: %v", err)
	}
	bad := tgbotapi.NewMessage(42, "x")
	bad.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("x", strings.Repeat("d", 65))))
	_, err = api.Send(bad)
	if err == nil || err.Error() != "Bad Request: BUTTON_DATA_INVALID" {
		t.Errorf("65-byte callback data: %v", err)
	}
	if _, err := api.Request(tgbotapi.NewDeleteMessage(42, m.MessageID)); err != nil {
		t.Errorf("delete: %v", err)
	}
	if _, err := api.Request(tgbotapi.NewDeleteMessage(42, m.MessageID)); err == nil {
		t.Error("deleting twice must fail")
	}
}

func TestPressButtonAndAnswer(t *testing.T) {
	srv, api := dial(t)
	msg := tgbotapi.NewMessage(-100, "Nhắc việc")
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("✅ Đã nhận", "ack:1")))
	m, err := api.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.PressButton(bob, -100, m.MessageID, "nope"); err == nil {
		t.Error("a press on a button that does not exist must fail")
	}
	id, err := srv.PressButton(bob, -100, m.MessageID, "ack:1")
	if err != nil {
		t.Fatal(err)
	}
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].UpdateID != id || ups[0].CallbackQuery == nil || ups[0].CallbackQuery.Data != "ack:1" || ups[0].CallbackQuery.Message.MessageID != m.MessageID {
		t.Fatalf("callback update = %+v, %v", ups, err)
	}
	if _, err := api.Request(tgbotapi.NewCallback(ups[0].CallbackQuery.ID, "Đã ghi nhận")); err != nil {
		t.Fatal(err)
	}
	if a := srv.Answers(); len(a) != 1 || a[0].Text != "Đã ghi nhận" {
		t.Errorf("answers = %+v", a)
	}
	if _, err := api.Request(tgbotapi.NewCallback(ups[0].CallbackQuery.ID, "")); err == nil {
		t.Error("answering twice must fail")
	}
}

func TestChatsMembersCommands(t *testing.T) {
	srv, api := dial(t)
	srv.SendText(alice, telegramtest.Group(-100, "Tổ công tác"), "x")
	srv.SetChatMember(-100, alice.ID, "administrator")
	cm, err := api.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: -100, UserID: alice.ID}})
	if err != nil || cm.Status != "administrator" || cm.User.FirstName != "Lan" {
		t.Errorf("member = %+v, %v", cm, err)
	}
	cm, err = api.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: -100, UserID: bob.ID}})
	if err != nil || cm.Status != "left" {
		t.Errorf("default member = %+v, %v", cm, err)
	}
	chat, err := api.GetChat(tgbotapi.ChatInfoConfig{ChatConfig: tgbotapi.ChatConfig{ChatID: -100}})
	if err != nil || chat.Title != "Tổ công tác" || chat.Type != "group" {
		t.Errorf("chat = %+v, %v", chat, err)
	}
	if _, err := api.Request(tgbotapi.LeaveChatConfig{ChatID: -100}); err != nil || len(srv.Left()) != 1 {
		t.Errorf("leave: %v %v", err, srv.Left())
	}
	cmds := tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "help", Description: "Hướng dẫn"})
	cmds.LanguageCode = "vi"
	if _, err := api.Request(cmds); err != nil {
		t.Fatal(err)
	}
	if got := srv.Commands("vi"); len(got) != 1 || got[0].Name != "help" || len(srv.Commands("")) != 0 {
		t.Errorf("commands = %+v", got)
	}
	bad := tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "Bad-Name", Description: "x"})
	if _, err := api.Request(bad); err == nil {
		t.Error("an invalid command name must be refused")
	}
}
