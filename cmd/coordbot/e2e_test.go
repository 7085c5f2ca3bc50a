package main

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot/telegramtest"
)

// TestRunAnswersAboutTheProgramme drives `coordbot run` through tgbotapi against the test server
// and a real Redis: what a cadre asks in the first minutes, and input meant to break it.
func TestRunAnswersAboutTheProgramme(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	e := newE2E(t)
	me := telegramtest.Private(cadre)

	t.Run("command menus are set for vi and en from the route table", func(t *testing.T) {
		names := func(lang string) string {
			var sb strings.Builder
			for _, c := range e.srv.Commands(lang) {
				sb.WriteString("/" + c.Name + " ")
			}
			return sb.String()
		}
		mustContain(t, names("vi"), "/chuongtrinh ", "/noidung ", "/baocao ", "/tiendo ")
		mustContain(t, names("en"), "/program ", "/content ", "/report ", "/progress ")
		mustContain(t, names(""), "/chuongtrinh ")
	})
	t.Run("start greets by name in Vietnamese", func(t *testing.T) {
		got := plain(e.on(t).say(cadre, me, "/start", 1))
		mustContain(t, got, "Xin chào Nguyễn Văn Tiến", "/chuongtrinh")
	})
	t.Run("program shows period and both parties", func(t *testing.T) {
		got := plain(e.on(t).say(cadre, me, "/chuongtrinh", 1))
		mustContain(t, got, "2022 – 2026", "Ban Dân vận Thành ủy TPHCM", "Bộ Chỉ huy Bộ đội Biên phòng TPHCM", "19/08/2022")
	})
	t.Run("a question without diacritics finds Dân vận khéo", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, me, "dan van kheo", 1)), "Dân vận khéo")
	})
	t.Run("ask command with decomposed (NFD) input", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, me, "/hoi D\u00e2n v\u00e2\u0323n kh\u00e9o", 1)), "Dân vận khéo")
	})
	t.Run("gold price is declined, not answered with a passage", func(t *testing.T) {
		got := plain(e.on(t).say(cadre, me, "giá vàng hôm nay bao nhiêu", 1))
		mustContain(t, got, "/chuongtrinh")
		if strings.Contains(got, "Nguồn:") {
			t.Errorf("an out-of-scope question got a passage:\n%s", got)
		}
	})
	t.Run("content 99 is a clear error with the valid range", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, me, "/noidung 99", 1)), "99", "từ 1 đến 5")
	})
	t.Run("content 2 in full", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, me, "/noidung 2", 1)), "Nội dung 2/5", "Dân vận khéo")
	})
	const htmlish = "<script>alert(1)</script> & <b>"
	t.Run("HTML-looking input is echoed as text", func(t *testing.T) {
		got := e.on(t).say(cadre, me, "/noidung "+htmlish, 1)
		mustContain(t, plain(got), "<script>alert(1)</sc")
		if strings.Contains(got[0].Text, "<script>") {
			t.Errorf("the user's tags went out as HTML: %q", got[0].Text)
		}
	})
	t.Run("HTML-looking question gets a valid reply", func(t *testing.T) {
		e.on(t).say(cadre, me, htmlish, 1)
	})
	t.Run("a name that looks like HTML is escaped in the greeting", func(t *testing.T) {
		odd := telegramtest.User{ID: 55555, FirstName: "<i>Lan", LastName: "& Co</i>"}
		mustContain(t, plain(e.on(t).say(odd, telegramtest.Private(odd), "/start", 1)), "Xin chào <i>Lan & Co</i>")
	})
	t.Run("a 6000-character question gets a valid reply", func(t *testing.T) {
		long := string([]rune(strings.Repeat("dân vận khéo là gì ", 316))[:6000])
		if n := utf8.RuneCountInString(long); n != 6000 {
			t.Fatalf("built a %d-character question", n)
		}
		got := e.on(t).say(cadre, me, long, 1)
		if strings.TrimSpace(got[0].Plain) == "" {
			t.Errorf("empty reply to a long question")
		}
	})
	t.Run("unknown command names itself and help", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, me, "/khongco", 1)), "/khongco", "/trogiup")
	})
	t.Run("lang en then help is in English", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, me, "/lang en", 1)), "English")
		got := plain(e.on(t).say(cadre, me, "/help", 1))
		mustContain(t, got, "Bot commands", "/program", "/report")
		if strings.Contains(got, "Danh sách lệnh") {
			t.Errorf("help after /lang en is Vietnamese:\n%s", got)
		}
	})
	t.Run("the language is remembered across a restart", func(t *testing.T) {
		e.stop()
		e.start()
		mustContain(t, plain(e.on(t).say(cadre, me, "/noidung 99", 1)), "Invalid content number")
	})
	t.Run("groups chatter is not answered, commands are", func(t *testing.T) {
		before := len(e.srv.SentTo(group.ID))
		e.srv.SendText(cadre, group, "dan van kheo")
		mustContain(t, plain(e.on(t).say(cadre, group, "/chuongtrinh@coordbot_test_bot", 1)), "2022 – 2026")
		if n := len(e.srv.SentTo(group.ID)) - before; n != 1 {
			t.Errorf("group got %d messages, want only the reply to the command", n)
		}
	})
	e.alive()
	e.stop()
	e.checkAllAccepted()
}

// TestRunSurvivesBlockedChat: a user who blocked the bot (403) does not stop it serving others.
func TestRunSurvivesBlockedChat(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	e := newE2E(t)
	e.srv.Block(stranger.ID)
	calls := e.srv.Calls("sendMessage")
	e.srv.SendText(stranger, telegramtest.Private(stranger), "/start")
	if !e.srv.WaitFor(wait, func() bool { return e.srv.Calls("sendMessage") > calls }) {
		t.Fatal("the bot never tried to answer the blocked user")
	}
	mustContain(t, plain(e.say(cadre, telegramtest.Private(cadre), "/chuongtrinh", 1)), "Giai đoạn")
	if got := e.srv.SentTo(stranger.ID); len(got) != 0 {
		t.Errorf("the server delivered %d messages to a chat that blocked the bot", len(got))
	}
	e.alive()
}
