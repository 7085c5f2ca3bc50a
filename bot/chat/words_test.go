package chat_test

import (
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/testutil"
)

// sayAs sends text from a user whose Telegram client reports langCode, in a private chat.
func (h *harness) sayAs(from bot.ID, langCode, text string) []chat.Reply {
	h.t.Helper()
	return h.handle(chat.Update{ID: h.upd(), ChatID: from, ChatKind: chat.Private,
		From: chat.User{ID: from, FirstName: nameOf(from), LangCode: langCode}, Text: text})
}

func TestLanguageOfTheTelegramClient(t *testing.T) {
	h := newHarness(t)
	t.Run("an English client's first reply is English", func(t *testing.T) {
		got := texts(h.sayAs("tg:501", "en-US", "/start"))
		testutil.MustContain(t, got, "Hello", "This bot helps carry out")
		if strings.Contains(got, "coordination bot") || strings.Contains(got, "Xin chào") {
			t.Errorf("greeting:\n%s", got)
		}
	})
	t.Run("any other client language is English too", func(t *testing.T) {
		testutil.MustContain(t, texts(h.sayAs("tg:502", "fr", "/start")), "Hello")
	})
	t.Run("a Vietnamese client gets Vietnamese", func(t *testing.T) {
		testutil.MustContain(t, texts(h.sayAs("tg:503", "vi", "/start")), "Xin chào")
	})
	t.Run("no client language gets the configured default", func(t *testing.T) {
		testutil.MustContain(t, texts(h.sayAs("tg:504", "", "/start")), "Xin chào")
	})
	t.Run("a choice made with /lang wins over the client", func(t *testing.T) {
		h.sayAs("tg:505", "en", "/lang vi")
		testutil.MustContain(t, texts(h.sayAs("tg:505", "en", "/start")), "Xin chào")
	})
	t.Run("answers to questions follow the client too", func(t *testing.T) {
		testutil.MustContain(t, texts(h.sayAs("tg:506", "en-GB", "how many content areas does the programme have")), "5 content areas", "Source")
	})
}

// A private nudge is in the language the cadre chose, not the group's.
func TestNudgeFollowsLang(t *testing.T) {
	h := setup(t)
	if err := h.b.EnsureDigest(t.Context(), "0 8 * * 1"); err != nil {
		t.Fatal(err)
	}
	h.say(cadre, cadre, "/lang en")
	h.say(cadre, cadre, "/baocao A1 20% bắt đầu")
	h.advance(4*24*time.Hour - time.Minute)
	got := h.advance(7 * 24 * time.Hour)
	var group, private string
	for _, r := range got {
		switch r.ChatID {
		case groupID:
			group = r.Text
		case cadre:
			private = chat.PlainText(r.Text)
		}
	}
	testutil.MustContain(t, group, "Cần cập nhật")
	if private == "" || strings.Contains(private, "ngày") {
		t.Fatalf("private nudge not in English:\n%s", private)
	}
}

func TestRecurrenceInWords(t *testing.T) {
	h := setup(t)
	testutil.MustContain(t, texts(h.say(admin, groupID, "/nhac hằng tuần t2 08:00 Giao ban tuần")), "08:00 thứ Hai hằng tuần")
	list := texts(h.say(admin, groupID, "/dsnhac"))
	testutil.MustContain(t, list, "08:00 thứ Hai hằng tuần", "30/11/2026 08:00")
	if strings.Contains(list, "* * 1") {
		t.Errorf("/dsnhac shows a cron string:\n%s", list)
	}
	h.say(admin, admin, "/lang en")
	testutil.MustContain(t, texts(h.say(admin, groupID, "/reminders")), "08:00 every Monday")
	got := texts(h.say(admin, admin, "/activity add every 0 16 * * 5 Weekly review | nd 5"))
	testutil.MustContain(t, got, "16:00 every Friday")
	if strings.Contains(got, "0 16 * * 5") {
		t.Errorf("activity shows a cron string:\n%s", got)
	}
}

func TestCancelReminderNames(t *testing.T) {
	h := setup(t)
	for _, cmd := range []string{"/huynhac", "/cancelreminder", "/huy", "/cancel"} {
		h.say(admin, groupID, "/nhac +1h Thử "+cmd)
		list := texts(h.say(admin, groupID, "/dsnhac"))
		id := strings.Fields(list[strings.Index(list, "#")+1:])[0]
		testutil.MustContain(t, texts(h.say(admin, groupID, cmd+" "+id)), "Đã hủy lời nhắc #"+id)
	}
	help := texts(h.say(admin, admin, "/trogiup"))
	testutil.MustContain(t, help, "/huynhac")
}

func TestGroupTitleStartingWithNhom(t *testing.T) {
	h := newHarness(t)
	got := texts(h.handle(chat.Update{ID: h.upd(), ChatID: "tg:-5005", ChatKind: chat.Supergroup, ChatTitle: "Nhóm thử nghiệm",
		From: chat.User{ID: admin, FirstName: "Điều phối"}, Text: "/dangky"}))
	testutil.MustContain(t, got, "Nhóm thử nghiệm")
	if strings.Contains(got, "Nhóm Nhóm") {
		t.Errorf("reply: %s", got)
	}
	got = texts(h.handle(chat.Update{ID: h.upd(), ChatID: "tg:-5006", ChatKind: chat.Supergroup, ChatTitle: "Đồn Cần Giờ",
		From: chat.User{ID: admin, FirstName: "Điều phối"}, Text: "/dangky"}))
	testutil.MustContain(t, got, "Nhóm Đồn Cần Giờ")
}
