package chat_test

import (
	"strings"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/testutil"
)

// TestNudgeButton: a coordinator's "nu:N" press nudges each owner once a day, a nudge names the N
// days asked for, the reply counts persons (not activities), and a second press the same day says
// the owners were already nudged instead of claiming there is nobody to nudge.
func TestNudgeButton(t *testing.T) {
	h := newHarness(t) // now: 26/11/2026 09:00
	// Two activities of one owner, due this week.
	owner := bot.ID("tg:400")
	h.say(admin, admin, "/hoatdong them 28/11/2026 08:00 Tuyên truyền biên giới | nd 2 | mã N1 | phụ trách 400")
	h.say(admin, admin, "/hoatdong them 30/11/2026 08:00 Tập huấn dân vận | nd 4 | mã N2 | phụ trách 400")
	// N1 was reported once, 15 days before the press; N2 never.
	h.say(admin, admin, "/baocao N1 30%")
	h.now = h.now.AddDate(0, 0, 15)
	list := h.say(admin, admin, "/tiendo chuabaocao 14")
	testutil.MustContain(t, texts(list), "Chưa báo cáo trong 14 ngày (2)", "N1", "N2")
	if data := strings.Join(buttonData(list), " "); !strings.Contains(data, "nu:14") {
		t.Fatalf("no nu:14 button: %s", data)
	}
	msgID := h.rec.lastID()

	split := func(rs []chat.Reply) (toOwner, toAdmin []chat.Reply) {
		for _, r := range rs {
			switch {
			case r.AnswerCallback != "":
			case r.ChatID == owner:
				toOwner = append(toOwner, r)
			case r.ChatID == admin:
				toAdmin = append(toAdmin, r)
			}
		}
		return toOwner, toAdmin
	}
	toOwner, toAdmin := split(h.press(admin, admin, msgID, "nu:14"))
	if len(toOwner) != 2 {
		t.Fatalf("the owner got %d nudges, want one per activity: %s", len(toOwner), texts(toOwner))
	}
	testutil.MustContain(t, texts(toOwner), "N1", "N2", "trong 14 ngày qua", "N2 — Tập huấn dân vận chưa có báo cáo tiến độ nào")
	if strings.Contains(texts(toOwner), "7 ngày") {
		t.Errorf("a nu:14 nudge speaks of 7 days:\n%s", texts(toOwner))
	}
	testutil.MustContain(t, texts(toAdmin), "Đã nhắc 1 người phụ trách")

	toOwner, toAdmin = split(h.press(admin, admin, msgID, "nu:14"))
	if len(toOwner) != 0 {
		t.Errorf("a second press the same day nudged again: %s", texts(toOwner))
	}
	testutil.MustContain(t, texts(toAdmin), "Những người phụ trách này đã được nhắc hôm nay rồi (1 người)")
	if strings.Contains(texts(toAdmin), "Không có người phụ trách") {
		t.Errorf("the second press claims there is nobody to nudge:\n%s", texts(toAdmin))
	}
}
