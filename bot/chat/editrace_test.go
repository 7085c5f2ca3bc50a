package chat_test

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/testutil"
)

// An edit racing a cancel (two coordinators, two goroutines, one real Redis) never brings the
// cancelled activity back: whichever comes second sees what the first left. Before, the edit
// wrote back a copy read before the cancel, and the activity came back as planned with its
// reminders queued again.
func TestEditRacingCancelNeverResurrects(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	for i := 1; i <= 25; i++ {
		code := "A" + strconv.Itoa(i)
		testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Hoạt động "+code)), code)
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			h.handleQuiet(chat.Update{ID: bot.UpdateKey("e" + code), ChatID: admin, ChatKind: chat.Private, From: chat.User{ID: admin}, Text: "/hoatdong sua " + code + " | tên Tên mới " + code})
		}()
		go func() {
			defer wg.Done()
			h.handleQuiet(chat.Update{ID: bot.UpdateKey("c" + code), ChatID: admin, ChatKind: chat.Private, From: chat.User{ID: admin}, Text: "/hoatdong huy " + code})
		}()
		wg.Wait()
		h.rec.take()
		a := h.activity(code)
		if !a.IsCancelled() {
			t.Fatalf("%s: the cancel was lost under a racing edit: status %q, title %q", code, a.Status, a.Title)
		}
		rs, err := h.reminders.Reminders(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Meta["code"] == code {
				t.Fatalf("%s: a cancelled activity has reminder %s queued", code, r.ID)
			}
		}
	}
}

// handleQuiet handles u from another goroutine, reporting a failure without stopping the test.
func (h *harness) handleQuiet(u chat.Update) {
	if err := h.b.Handle(context.Background(), u); err != nil {
		h.t.Errorf("Handle(%q): %v", u.Text, err)
	}
}
