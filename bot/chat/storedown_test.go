package chat_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/internal/testutil"
	"github.com/redis/go-redis/v9"
)

// newStoreDownHarness builds a bot whose Redis is a closed port: every store call fails at once
// (one dial, no retries, so the test does not wait out go-redis's dial backoff).
func newStoreDownHarness(t *testing.T, lang string) *harness {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 200 * time.Millisecond, DialerRetries: 1})
	t.Cleanup(func() { rdb.Close() })
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, rec: &recorder{}, store: redisstore.New(rdb, "down:"), members: members{},
		now: time.Date(2026, 11, 26, 9, 0, 0, 0, loc)}
	h.members[[2]bot.ID{groupID, cadre}] = "member"
	h.b = chat.New(chat.Config{
		Programme: programme.Default(), Store: h.store, Sender: h.rec, Members: h.members,
		Admins: map[bot.ID]bool{admin: true}, Loc: loc, Lang: lang, Username: "coordbot_test",
		Now: func() time.Time { return h.now },
	})
	return h
}

func TestStoreDownStillAnswersTheProgramme(t *testing.T) {
	h := newStoreDownHarness(t, "")
	tests := []struct {
		name, text string
		wants      []string
	}{
		{"overview", "/chuongtrinh", []string{"2022 – 2026", "Ban Dân vận Thành ủy TPHCM", "Bộ Chỉ huy Bộ đội Biên phòng TPHCM"}},
		{"question without diacritics", "dan van kheo", []string{"Dân vận khéo"}},
		{"ask command", "/hoi phong trào thi đua", []string{"Dân vận khéo"}},
		{"content area", "/noidung 4", []string{"Nội dung 4/5"}},
		{"bad content area", "/noidung 99", []string{"từ 1 đến 5"}},
		{"start", "/start", []string{"Xin chào"}},
		{"help", "/trogiup", []string{"/chuongtrinh", "/baocao"}},
		{"id", "/maso", []string{"200"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(h.say(cadre, cadre, tt.text))
			testutil.MustContain(t, got, tt.wants...)
			if strings.Contains(got, "thử lại sau") {
				t.Errorf("a programme question was refused while the store is down:\n%s", got)
			}
		})
	}
}

func TestStoreDownActionsSayTryAgain(t *testing.T) {
	h := newStoreDownHarness(t, "")
	tests := []struct {
		name         string
		from, chatID bot.ID
		text         string
	}{
		{"report", cadre, cadre, "/baocao A1 60% đã tập huấn"},
		{"report done", cadre, cadre, "/baocao A1 xong"},
		{"guided report", cadre, cadre, "/baocao"},
		{"withdraw", cadre, cadre, "/baocao rut A1"},
		{"language", cadre, cadre, "/lang en"},
		{"progress", cadre, cadre, "/tiendo"},
		{"plan", cadre, cadre, "/kehoach"},
		{"add activity", admin, admin, "/hoatdong them +2d Tập huấn nghiệp vụ"},
		{"guided activity", admin, admin, "/hoatdong"},
		{"cancel activity", admin, admin, "/hoatdong huy A1"},
		{"add member", admin, admin, "/thanhvien them 300 Ban Dân vận"},
		{"export", admin, admin, "/xuat"},
		{"subscribe", admin, groupID, "/dangky"},
		{"report in a group", cadre, groupID, "/baocao A1 50%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := h.say(tt.from, tt.chatID, tt.text)
			if len(got) != 1 {
				t.Fatalf("want one reply, got %d: %+v", len(got), got)
			}
			testutil.MustContain(t, texts(got), "thử lại sau")
			if got[0].ChatID != tt.chatID {
				t.Errorf("reply went to chat %s, want %s", got[0].ChatID, tt.chatID)
			}
		})
	}
	t.Run("a button press is answered with try again", func(t *testing.T) {
		got := h.press(cadre, cadre, 1, "rq:A1:60")
		var notes []string
		for _, r := range got {
			if r.AnswerCallback != "" {
				notes = append(notes, r.CallbackNote)
			}
		}
		if len(notes) == 0 || !strings.Contains(notes[0], "thử lại sau") {
			t.Fatalf("want the press answered with try again, got %+v", got)
		}
		if strings.Contains(notes[0], "<") {
			t.Errorf("a toast is plain text, got %q", notes[0])
		}
	})
	t.Run("plain text in a flow is a question while the flow cannot be read", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(cadre, cadre, "75")), "/chuongtrinh")
	})
}

func TestStoreDownSaysTryAgainInTheDefaultLanguage(t *testing.T) {
	h := newStoreDownHarness(t, "en")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/report A1 60%")), "try again shortly")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/program")), "Period", "2022 – 2026")
}

// TestStoreDownHandleReturnsNil: the bot answered, so the transport must not redeliver the update
// (it would only get the same answer again).
func TestStoreDownHandleReturnsNil(t *testing.T) {
	h := newStoreDownHarness(t, "")
	for i, text := range []string{"/baocao A1 60%", "/chuongtrinh", "/lang en"} {
		u := chat.Update{ID: bot.UpdateKey(strconv.Itoa(100 + i)), ChatID: cadre, ChatKind: chat.Private, From: chat.User{ID: cadre}, Text: text}
		if err := h.b.Handle(context.Background(), u); err != nil {
			t.Errorf("Handle(%q) = %v, want nil once the user was answered", text, err)
		}
	}
	if n := len(h.rec.take()); n != 3 {
		t.Errorf("%d replies, want one per update", n)
	}
}
