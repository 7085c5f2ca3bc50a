package chat_test

import (
	"context"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/testutil"
)

// A Zalo private chat whose send is refused as gone is never treated as a group: the reminders
// set in it are not cancelled (issue 22: a 403 or "not found" from a private chat cancels
// nothing). A subscribed Zalo group that is gone is unsubscribed, as on Telegram.
func TestGoneZaloPrivateChatCancelsNothing(t *testing.T) {
	zadmin := bot.ID("zl:a1b2c3")
	h := newHarness(t, func(c *chat.Config) { c.Admins[zadmin] = true })
	ctx := context.Background()
	testutil.MustContain(t, texts(h.say(zadmin, zadmin, "/nhac hằng ngày 10h Gọi điện đồn")), "Đã đặt lời nhắc")
	h.rec.gone = map[bot.ID]bool{zadmin: true}
	h.advance(2 * time.Hour) // 11:00: the 10:00 of tomorrow is not due; fire nothing yet
	h.now = time.Date(2026, 11, 27, 10, 0, 0, 0, h.now.Location())
	h.advance(time.Minute)
	rs, err := h.reminders.Reminders(ctx, zadmin)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("a gone Zalo private chat lost its reminders: %d left, want 1", len(rs))
	}
}
