package chat_test

import (
	"strings"
	"testing"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/testutil"
)

func TestKnowledgeCommands(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name  string
		text  string
		wants []string
	}{
		{"start greets and names the programme", "/start", []string{"Xin chào", "/chuongtrinh"}},
		{"program shows period, parties and areas", "/chuongtrinh", []string{"2022 – 2026", "Ban Dân vận Thành ủy", "Bộ đội Biên phòng", "19/08/2022", "Dân vận khéo", "1. "}},
		{"english alias works too", "/program", []string{"2022 – 2026"}},
		{"content shows one area", "/noidung 1", []string{"Nội dung 1/5"}},
		{"content out of range names the valid range", "/noidung 99", []string{"99", "từ 1 đến 5"}},
		{"content without a number says the form", "/noidung", []string{"/noidung 1"}},
		{"content with junk echoes it escaped", "/noidung <b>x</b>", []string{"<b>x</b>", "từ 1 đến 5"}},
		{"question without diacritics finds the movement", "dan van kheo", []string{"Dân vận khéo"}},
		{"off-topic question is declined", "giá vàng hôm nay", []string{"Chưa tìm thấy"}},
		{"ask with no question says the form", "/hoi", []string{"/hoi dân vận khéo"}},
		{"unknown command points at help", "/xyz", []string{"/trogiup"}},
		{"help lists the commands", "/trogiup", []string{"/chuongtrinh", "/noidung", "/baocao", "/tiendo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testutil.MustContain(t, texts(h.say(cadre, cadre, tt.text)), tt.wants...)
		})
	}
}

func TestHelpHidesCoordinatorCommandsFromCadres(t *testing.T) {
	h := newHarness(t)
	if got := texts(h.say(cadre, cadre, "/help")); strings.Contains(got, "/hoatdong") {
		t.Errorf("cadre's help lists /hoatdong:\n%s", got)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/help")), "/hoatdong", "/xuat")
	// English help names each command's Vietnamese name, not an old alias.
	h.say(admin, admin, "/lang en")
	testutil.MustContain(t, texts(h.say(admin, admin, "/help")), "/cancelreminder ID — Cancel a reminder (/huynhac)")
}

func TestLanguageIsRemembered(t *testing.T) {
	h := newHarness(t)
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/lang en")), "English")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/help")), "Bot commands", "/program")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/content 42")), "from 1 to 5")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/ngonngu vi")), "tiếng Việt")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/help")), "Các lệnh")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/lang klingon")), "/ngonngu vi")
}

func TestRedeliveredUpdateIsHandledOnce(t *testing.T) {
	h := newHarness(t)
	u := chat.Update{ID: "777", ChatID: cadre, ChatKind: chat.Private, From: chat.User{ID: cadre}, Text: "/chuongtrinh"}
	if got := h.handle(u); len(got) != 1 {
		t.Fatalf("first delivery: %d replies, want 1", len(got))
	}
	if got := h.handle(u); len(got) != 0 {
		t.Fatalf("redelivery: %d replies, want 0", len(got))
	}
}

func TestGroupsOnlyHearCommands(t *testing.T) {
	h := newHarness(t)
	if got := h.say(cadre, groupID, "dan van kheo"); len(got) != 0 {
		t.Errorf("plain group chatter got %d replies", len(got))
	}
	if got := h.say(cadre, groupID, "/chuongtrinh@other_bot"); len(got) != 0 {
		t.Errorf("a command for another bot got %d replies", len(got))
	}
	testutil.MustContain(t, texts(h.say(cadre, groupID, "/chuongtrinh@coordbot_test")), "2022 – 2026")
}

func TestSuggestionButtonShowsPassage(t *testing.T) {
	h := newHarness(t)
	r, _ := h.b.Answer("vi", "dan van kheo")
	if len(r.Buttons) == 0 {
		t.Fatal("the answer offers no further passages to press")
	}
	data := r.Buttons[0][0].Data
	got := h.press(cadre, cadre, 1, data)
	if len(got) < 2 || got[0].AnswerCallback == "" {
		t.Fatalf("button press: want a callback answer and the passage, got %+v", got)
	}
	testutil.MustContain(t, texts(got[1:]), "Nguồn")
}

func TestCommandsMenuComesFromRoutes(t *testing.T) {
	h := newHarness(t)
	vi, en := h.b.Commands("vi"), h.b.Commands("en")
	if len(vi) == 0 || len(vi) != len(en) {
		t.Fatalf("menus: %d vi, %d en", len(vi), len(en))
	}
	names := map[string]bool{}
	for _, c := range vi {
		names[c.Name] = true
		if c.Description == "" {
			t.Errorf("/%s has no description", c.Name)
		}
	}
	for _, want := range []string{"chuongtrinh", "noidung", "kehoach", "hoi", "ngonngu", "baocao"} {
		if !names[want] {
			t.Errorf("vi menu lacks /%s", want)
		}
	}
	if !names["huybo"] {
		t.Error("/huybo, which quits a guided flow, is not in the menu")
	}
}

func TestPlainText(t *testing.T) {
	got := chat.PlainText("<b>A &amp; B</b> &lt;tag&gt;")
	if got != "A & B <tag>" {
		t.Errorf("PlainText = %q", got)
	}
}
