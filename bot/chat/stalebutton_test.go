package chat_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/testutil"
)

// groupApproved says whether chat is among the approved groups.
func (h *harness) groupApproved(chatID bot.ID) bool {
	h.t.Helper()
	gs, err := h.store.Groups(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	for _, g := range gs {
		if g.ChatID == chatID {
			return true
		}
	}
	return false
}

// Two coordinators got the same request. One approves; the other then presses ✖️ Từ chối on his
// own copy. The group stays approved, its reminders stay, and the reply says what happened.
// Before refuse and remove shared one button kind, this removed the approved group.
func TestRefuseAfterApproveLeavesGroupApproved(t *testing.T) {
	second := bot.ID("tg:101")
	h := newHarness(t, func(c *chat.Config) { c.Admins[second] = true })
	h.members[[2]bot.ID{groupID, stranger}] = "administrator"
	got := h.say(stranger, groupID, "/dangky")
	var refuse string
	for _, r := range got {
		for _, d := range buttonData([]chat.Reply{r}) {
			if r.ChatID == second && strings.HasPrefix(d, "gr:") {
				refuse = d
			}
		}
	}
	if refuse == "" {
		t.Fatalf("the second coordinator's copy has no refuse button: %v", buttonData(got))
	}
	testutil.MustContain(t, texts(h.press(admin, admin, 1, "ga:-1001")), "Đã duyệt")
	h.say(admin, groupID, "/nhac +2h Họp giao ban")
	reply := texts(h.press(second, second, 2, refuse))
	testutil.MustContain(t, reply, "đã được xử lý", "đang được duyệt", "Không thay đổi gì")
	if strings.Contains(reply, "Đã gỡ") || strings.Contains(reply, "Đã từ chối") {
		t.Errorf("a stale refuse claims to have acted: %q", reply)
	}
	if !h.groupApproved(groupID) {
		t.Fatal("a stale refuse removed the approved group")
	}
	if rs, _ := h.reminders.Reminders(context.Background(), groupID); len(rs) != 1 {
		t.Errorf("the group's reminders after a stale refuse: %d, want 1", len(rs))
	}
	// And the other way: an approve pressed after a refuse does not approve.
	h.say(admin, groupID, "/huydangky")
	h.say(stranger, groupID, "/dangky")
	testutil.MustContain(t, texts(h.press(second, second, 3, "gr:-1001")), "Đã từ chối")
	testutil.MustContain(t, texts(h.press(admin, admin, 3, "ga:-1001")), "đã được xử lý", "không nhận nhắc việc")
	if h.groupApproved(groupID) {
		t.Fatal("a stale approve subscribed a refused group")
	}
}

// Two coordinators decide the same request at the same instant, one approving and one refusing:
// exactly one decision is applied, and the other is told it came too late.
func TestApproveRefuseRace(t *testing.T) {
	for i := 0; i < 20; i++ {
		second := bot.ID("tg:101")
		h := newHarness(t, func(c *chat.Config) { c.Admins[second] = true })
		h.members[[2]bot.ID{groupID, stranger}] = "administrator"
		h.say(stranger, groupID, "/dangky")
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); h.pressNoTake(admin, "ga:-1001", "1001") }()
		go func() { defer wg.Done(); h.pressNoTake(second, "gr:-1001", "1002") }()
		wg.Wait()
		all := texts(h.rec.take())
		approved, refused := strings.Contains(all, "Đã duyệt"), strings.Contains(all, "Đã từ chối")
		if approved == refused {
			t.Fatalf("round %d: approved %v, refused %v; want exactly one:\n%s", i, approved, refused, all)
		}
		if approved != h.groupApproved(groupID) {
			t.Fatalf("round %d: the reply says approved=%v but the store says %v", i, approved, !approved)
		}
		testutil.MustContain(t, all, "đã được xử lý")
	}
}

// pressNoTake presses a button from a coordinator's private chat with its own update id, leaving
// the replies recorded for the caller to take.
func (h *harness) pressNoTake(from bot.ID, data, upd string) {
	if err := h.b.Handle(context.Background(), chat.Update{ID: bot.UpdateKey(upd), ChatID: from, ChatKind: chat.Private,
		From: chat.User{ID: from, FirstName: "Điều phối"}, Callback: &chat.Callback{ID: "cb" + upd, Data: data, MessageID: 1}}); err != nil {
		h.t.Errorf("Handle: %v", err)
	}
}
