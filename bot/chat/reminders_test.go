package chat_test

import (
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/testutil"
)

func TestRemindFiresOnceInTheChat(t *testing.T) {
	h := setup(t)
	testutil.MustContain(t, texts(h.say(admin, groupID, "/nhac +1m Họp giao ban <khẩn>")), "#", "26/11/2026 09:01", "Họp giao ban <khẩn>")
	testutil.MustContain(t, texts(h.say(cadre, groupID, "/nhac +1m Không được")), "cán bộ điều phối")
	testutil.MustContain(t, texts(h.say(cadre, groupID, "/dsnhac")), "Họp giao ban")

	if got := h.advance(30 * time.Second); len(got) != 0 {
		t.Fatalf("fired early: %+v", got)
	}
	got := h.advance(31 * time.Second)
	reminderID := h.rec.lastID()
	if len(got) != 1 || got[0].ChatID != groupID || !strings.Contains(got[0].Text, "Họp giao ban &lt;khẩn&gt;") {
		t.Fatalf("want one escaped reminder in the group, got %+v", got)
	}
	if strings.Contains(got[0].Text, "muộn") {
		t.Errorf("an on-time reminder is marked late: %s", got[0].Text)
	}
	if d := buttonData(got); len(d) != 1 || d[0] != "ack" {
		t.Fatalf("reminder buttons = %v, want ack (and the report link)", d)
	}
	if url := got[0].Buttons[0][1].URL; !strings.Contains(url, "t.me/coordbot_test?start=report") {
		t.Errorf("report button URL = %q", url)
	}
	if again := h.advance(time.Hour); len(again) != 0 {
		t.Fatalf("a one-off fired again: %+v", again)
	}

	t.Run("acknowledgement edits the message, each person once", func(t *testing.T) {
		msgID := reminderID
		r := h.press(cadre, groupID, msgID, "ack")
		if len(r) != 2 || r[1].Edit != msgID || !strings.Contains(chat.PlainText(r[1].Text), "Đã nhận: Nguyễn Văn Tiến") {
			t.Fatalf("first press: want a toast and an edit of message %d, got %+v", msgID, r)
		}
		if !strings.Contains(r[1].Text, "Họp giao ban") || len(buttonData(r[1:])) != 1 {
			t.Errorf("the edit lost the reminder's text or its button: %+v", r[1])
		}
		r = h.press(cadre, groupID, msgID, "ack")
		if len(r) != 1 || !strings.Contains(r[0].CallbackNote, "rồi") {
			t.Fatalf("second press by the same person: %+v", r)
		}
		r = h.press(admin, groupID, msgID, "ack")
		if len(r) != 2 || !strings.Contains(chat.PlainText(r[1].Text), "Nguyễn Văn Tiến, Điều phối") {
			t.Fatalf("second person: %+v", r)
		}
	})
}

func TestCancelledReminderNeverFires(t *testing.T) {
	h := setup(t)
	h.say(admin, groupID, "/nhac 10:00 Gọi điện đồn")
	list := texts(h.say(admin, groupID, "/dsnhac"))
	i := strings.Index(list, "#")
	id := strings.Fields(list[i+1:])[0]
	testutil.MustContain(t, texts(h.say(admin, groupID, "/huy "+id)), "Đã hủy")
	testutil.MustContain(t, texts(h.say(admin, groupID, "/huy 999")), "999")
	if got := h.advance(2 * time.Hour); len(got) != 0 {
		t.Fatalf("cancelled reminder fired: %+v", got)
	}
}

func TestRemindBadWhen(t *testing.T) {
	h := setup(t)
	tests := []struct{ text, want string }{
		{"/nhac 30/02 08:00 X", "không có trong lịch"},
		{"/nhac 01/01/2020 08:00 X", "đã qua"},
		{"/nhac 25h X", "Không hiểu thời gian “25h”"},
		{"/nhac 8h 9h X", "không khớp nhau (“9h”)"},
		{"/nhac 20/11 8h X", "gõ nhầm"},
		{"/nhac +1000000d X", "quá xa"},
		{"/nhac every 99 8 * * 1 X", "không hợp lệ"},
		{"/nhac +1h", "Thiếu nội dung"},
		{"/nhac", "/nhac THỜI_GIAN"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			testutil.MustContain(t, texts(h.say(admin, groupID, tt.text)), tt.want)
		})
	}
}

func TestRecurringReminderRepeats(t *testing.T) {
	h := setup(t)
	// 26/11/2026 is a Thursday; daily 07:00 local is 00:00 UTC.
	h.say(admin, groupID, "/nhac hằng ngày 07:00 Điểm danh")
	for day := 0; day < 3; day++ {
		got := h.advance(24 * time.Hour)
		if len(got) != 1 || !strings.Contains(got[0].Text, "Điểm danh") {
			t.Fatalf("day %d: %d messages", day, len(got))
		}
	}
}

func TestActivityRemindersFollowTheActivity(t *testing.T) {
	h := setup(t) // A1 on 05/12/2026 08:00, the group subscribed
	// Move it to 28/11 10:00: reminders at 27/11 10:00 (1 day) and 28/11 09:00 (1 hour).
	h.say(admin, admin, "/hoatdong sua A1 | lúc 28/11/2026 10:00")
	if got := h.advance(25*time.Hour + 5*time.Minute); len(got) != 1 {
		t.Fatalf("1-day reminder: %d messages", len(got))
	} else {
		testutil.MustContain(t, chat.PlainText(got[0].Text), "Sắp diễn ra", "1 ngày", "A1", "28/11/2026 10:00")
		if got[0].ChatID != groupID {
			t.Errorf("sent to %s, want the subscribed group", got[0].ChatID)
		}
	}
	h.say(admin, admin, "/hoatdong huy A1")
	if got := h.advance(24 * time.Hour); len(got) != 0 {
		t.Fatalf("cancelled activity still reminded: %+v", got)
	}
}

func TestLateReminderIsMarked(t *testing.T) {
	h := setup(t)
	h.say(admin, groupID, "/nhac +10m Trễ")
	got := h.advance(2 * time.Hour) // the bot was "down" for two hours
	if len(got) != 1 || !strings.Contains(got[0].Text, "gửi muộn") {
		t.Fatalf("want one late-marked reminder, got %+v", got)
	}
	h.say(admin, groupID, "/nhac +10m Quá muộn")
	if got := h.advance(7 * time.Hour); len(got) != 0 {
		t.Fatalf("a reminder past the grace window was sent: %+v", got)
	}
}

func TestWeeklyDigestAndNudges(t *testing.T) {
	h := setup(t)
	if err := h.b.EnsureDigest(t.Context(), "0 8 * * 1"); err != nil {
		t.Fatal(err)
	}
	h.say(cadre, cadre, "/baocao A1 20% bắt đầu")
	// The next Monday 08:00 is 30/11/2026; the report is then 4 days old, so no nudge yet.
	got := h.advance(4*24*time.Hour - time.Minute)
	var digest string
	for _, r := range got {
		if r.ChatID == groupID && strings.Contains(r.Text, "Bản tin tuần") {
			digest = chat.PlainText(r.Text)
		}
	}
	if digest == "" {
		t.Fatalf("no digest in the group; sent %+v", got)
	}
	testutil.MustContain(t, digest, "A1", "05/12/2026 08:00", "20%")
	if strings.Contains(digest, "Cần cập nhật") {
		t.Errorf("nudged a fresh report:\n%s", digest)
	}
	// A week later the report is 11 days old: a nudge in the group and privately.
	got = h.advance(7 * 24 * time.Hour)
	var group, private string
	for _, r := range got {
		switch r.ChatID {
		case groupID:
			group = r.Text
		case cadre:
			private = r.Text
		}
	}
	testutil.MustContain(t, group, "Cần cập nhật", "tg://user?id=200")
	testutil.MustContain(t, chat.PlainText(private), "A1", "7 ngày")
}

func TestMigrationMovesSubscriptionAndReminders(t *testing.T) {
	h := setup(t)
	h.say(admin, groupID, "/nhac +1h Sau khi nâng cấp")
	const super = bot.ID("tg:-1009999")
	got := h.handle(chat.Update{ID: h.upd(), ChatID: groupID, ChatKind: chat.Group, From: chat.User{ID: admin}, MigrateTo: super})
	if len(got) != 1 || got[0].ChatID != super {
		t.Fatalf("want a note in the supergroup, got %+v", got)
	}
	groups, err := h.store.Groups(t.Context())
	if err != nil || len(groups) != 1 || groups[0].ChatID != super {
		t.Fatalf("groups after migration = %+v, %v", groups, err)
	}
	fired := h.advance(61 * time.Minute)
	if len(fired) != 1 || fired[0].ChatID != super {
		t.Fatalf("reminder after migration: %+v", fired)
	}
}

func TestCancelOnlyInTheChatThatOwnsTheReminder(t *testing.T) {
	h := setup(t)
	h.say(admin, groupID, "/nhac +1h Của nhóm")
	list := texts(h.say(admin, groupID, "/dsnhac"))
	id := strings.Fields(list[strings.Index(list, "#")+1:])[0]
	testutil.MustContain(t, texts(h.say(admin, admin, "/huy "+id)), "Không có lời nhắc #"+id)
	if got := h.advance(61 * time.Minute); len(got) != 1 {
		t.Fatalf("a reminder cancelled from another chat did not fire: %d messages", len(got))
	}
}

func TestEnsureDigestKeepsAPendingDigest(t *testing.T) {
	h := setup(t)
	ctx := t.Context()
	if err := h.b.EnsureDigest(ctx, "0 8 * * 1"); err != nil {
		t.Fatal(err)
	}
	// The bot is down past Monday 08:00 and starts again at 09:00: the digest is still due, late.
	h.now = time.Date(2026, 11, 30, 9, 0, 0, 0, h.now.Location())
	if err := h.b.EnsureDigest(ctx, "0 8 * * 1"); err != nil {
		t.Fatal(err)
	}
	got := h.advance(time.Second)
	if len(got) != 1 || !strings.Contains(got[0].Text, "Bản tin tuần") || !strings.Contains(got[0].Text, "gửi muộn") {
		t.Fatalf("want the missed digest sent late, got %+v", got)
	}
}

func TestGroupThatRemovedTheBotIsUnsubscribed(t *testing.T) {
	h := setup(t)
	h.say(admin, groupID, "/nhac +1m Không ai nhận")
	h.rec.gone = map[bot.ID]bool{groupID: true}
	h.advance(2 * time.Minute)
	groups, err := h.store.Groups(t.Context())
	if err != nil || len(groups) != 0 {
		t.Fatalf("groups after a 403 = %+v, %v; want none", groups, err)
	}
}

// TestZaloReportersGetRemindersAndDigestPrivately: when the Zalo bot cannot join groups, a Zalo
// reporter who wrote to the bot gets the activity's reminder and the weekly digest privately,
// each once; one who never wrote to the bot gets nothing (Zalo would refuse).
func TestZaloReportersGetRemindersAndDigestPrivately(t *testing.T) {
	h := newHarness(t, func(c *chat.Config) { c.ZaloPrivateReminders = true })
	zaloLan, zaloSilent := bot.ZaloID("lan01"), bot.ZaloID("silent")
	h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn nghiệp vụ dân vận | nd 4")
	h.say(admin, admin, "/thanhvien them zl:lan01")
	h.say(admin, admin, "/thanhvien them zl:silent")
	h.say(zaloLan, zaloLan, "/maso")
	if err := h.b.EnsureDigest(t.Context(), "0 8 * * 1"); err != nil {
		t.Fatal(err)
	}
	count := func(rs []chat.Reply, to bot.ID, text string) int {
		n := 0
		for _, r := range rs {
			if r.ChatID == to && strings.Contains(chat.PlainText(r.Text), text) {
				n++
			}
		}
		return n
	}
	// Monday 30/11 08:00: the digest.
	got := h.advance(4*24*time.Hour - time.Minute)
	if n := count(got, zaloLan, "Bản tin tuần"); n != 1 {
		t.Errorf("the Zalo reporter got the digest %d times, want once; sent %+v", n, got)
	}
	// 04/12 08:00, a day before A1: its reminder.
	got = h.advance(4 * 24 * time.Hour)
	if n := count(got, zaloLan, "A1"); n != 1 {
		t.Errorf("the Zalo reporter got A1's reminder %d times, want once; sent %+v", n, got)
	}
	for _, r := range append(got, h.rec.take()...) {
		if r.ChatID == zaloSilent {
			t.Errorf("a reporter who never wrote to the bot was sent %q", r.Text)
		}
	}
}
