package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/telegramtest"
)

// remindWait bounds the wait for a reminder set with +1m: its minute plus the bot's pacing.
const remindWait = 100 * time.Second

// TestRunRemindersEndToEnd drives issue 4's story through `coordbot run` and its scheduler on a
// real Redis and the real clock: a coordinator's /nhac +1m in a subscribed group arrives there
// once, about a minute later, with "✅ Đã nhận"; a member's /nhac is refused and never fires;
// presses on "✅ Đã nhận" edit the message to list each person once.
func TestRunRemindersEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	e := newE2E(t)
	const (
		coordText  = "Họp giao ban lúc 8 giờ"
		memberText = "Việc riêng của thành viên"
	)
	// reminders are the reminder messages the scheduler sent to the group with text: a
	// sendMessage carrying the acknowledge button (the confirmation and /dsnhac carry none).
	reminders := func(text string) []telegramtest.Sent {
		var out []telegramtest.Sent
		for _, s := range e.srv.SentTo(group.ID) {
			if s.Method == "sendMessage" && hasButton(s, "ack") && strings.Contains(s.Plain, text) {
				out = append(out, s)
			}
		}
		return out
	}
	// edits are the edits of message msgID in the group.
	edits := func(msgID int) []telegramtest.Sent {
		var out []telegramtest.Sent
		for _, s := range e.srv.SentTo(group.ID) {
			if s.Method == "editMessageText" && s.MessageID == msgID {
				out = append(out, s)
			}
		}
		return out
	}

	e.srv.SetChatMember(group.ID, coordinator.ID, "administrator")
	e.srv.SetChatMember(group.ID, cadre.ID, "member")
	mustContain(t, plain(e.say(coordinator, group, "/dangky", 1)), "đã đăng ký", group.Title)

	setAt := time.Now() // before the bot reads its clock for +1m
	got := plain(e.say(coordinator, group, "/nhac +1m "+coordText, 1))
	m := regexp.MustCompile(`Đã đặt lời nhắc #(\S+) vào`).FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("the coordinator's /nhac got no confirmation with an id:\n%s", got)
	}
	id := m[1]
	mustContain(t, got, coordText)

	t.Run("a member's reminder is refused as coordinators only", func(t *testing.T) {
		got := plain(e.on(t).say(cadre, group, "/nhac +1m "+memberText, 1))
		mustContain(t, got, "cán bộ điều phối")
		if strings.Contains(got, "Đã đặt lời nhắc") {
			t.Errorf("the member's reminder was confirmed:\n%s", got)
		}
	})
	t.Run("the list has the coordinator's reminder and not the member's", func(t *testing.T) {
		got := plain(e.on(t).say(cadre, group, "/dsnhac", 1))
		mustContain(t, got, "#"+id, coordText)
		if strings.Contains(got, memberText) {
			t.Errorf("the refused reminder is listed:\n%s", got)
		}
	})

	var msg telegramtest.Sent
	t.Run("the reminder arrives once, a minute later, with the acknowledge button", func(t *testing.T) {
		var seen time.Time
		if !e.srv.WaitFor(remindWait, func() bool {
			if seen.IsZero() && len(reminders(coordText)) > 0 {
				seen = time.Now() // WaitFor wakes on each change, so this is right after the send
			}
			return !seen.IsZero()
		}) {
			t.Fatalf("no reminder in the group %v after /nhac +1m", remindWait)
		}
		if after := seen.Sub(setAt); after < 50*time.Second {
			t.Errorf("the reminder arrived %v after /nhac +1m, before its minute", after.Round(time.Second))
		}
		// The scheduler drops a one-off from the pending list only after its fire call returned,
		// so once /dsnhac no longer lists it, any duplicate that call sent is in the count.
		// Each /dsnhac also orders after everything the bot did in the group before it.
		for i := 0; ; i++ {
			if !strings.Contains(plain(e.on(t).say(coordinator, group, "/dsnhac", 1)), "#"+id) {
				break
			}
			if i == 5 {
				t.Fatalf("reminder #%s is still pending after it fired", id)
			}
		}
		rs := reminders(coordText)
		if len(rs) != 1 {
			t.Fatalf("the reminder arrived %d times: %+v", len(rs), rs)
		}
		msg = rs[0]
		mustContain(t, msg.Plain, "Nhắc việc", coordText)
		if strings.Contains(msg.Plain, "gửi muộn") {
			t.Errorf("a reminder sent on time is marked late:\n%s", msg.Plain)
		}
		if b := msg.Buttons; len(b) == 0 || len(b[0]) == 0 || b[0][0].Text != "✅ Đã nhận" || b[0][0].Data != "ack" {
			t.Errorf("the reminder's first button is not “✅ Đã nhận” (ack): %+v", b)
		}
	})
	if msg.MessageID == 0 {
		t.FailNow()
	}
	t.Run("the member's refused reminder never fires", func(t *testing.T) {
		// It would have fallen due with the coordinator's, which has fired.
		for _, s := range e.srv.Sent() {
			if strings.Contains(s.Plain, memberText) {
				t.Errorf("the refused reminder reached chat %d: %q", s.ChatID, s.Plain)
			}
		}
	})

	t.Run("the member's press edits the message with their name", func(t *testing.T) {
		e.on(t).press(cadre, group.ID, msg.MessageID, "ack", 1)
		if a := e.lastAnswer(); !strings.Contains(a.Text, "Đã ghi nhận") {
			t.Errorf("the press was answered %q", a.Text)
		}
		ed := edits(msg.MessageID)
		if len(ed) != 1 {
			t.Fatalf("%d edits of the reminder after one press, want 1", len(ed))
		}
		mustContain(t, ed[0].Plain, coordText, "Đã nhận: "+cadre.FirstName)
		if !hasButton(ed[0], "ack") {
			t.Errorf("the edit dropped the acknowledge button: %+v", ed[0].Buttons)
		}
	})
	t.Run("a second press by the member is answered and edits nothing", func(t *testing.T) {
		e.on(t).press(cadre, group.ID, msg.MessageID, "ack", 0)
		if a := e.lastAnswer(); !strings.Contains(a.Text, "đã xác nhận") {
			t.Errorf("the second press was answered %q, want “already acknowledged”", a.Text)
		}
		e.on(t).barrier(cadre, group) // an edit the press made would be in before the count
		if ed := edits(msg.MessageID); len(ed) != 1 {
			t.Errorf("%d edits after the second press, want still 1: %+v", len(ed), ed)
		}
	})
	t.Run("the coordinator's press lists both names", func(t *testing.T) {
		e.on(t).press(coordinator, group.ID, msg.MessageID, "ack", 1)
		ed := edits(msg.MessageID)
		if len(ed) != 2 {
			t.Fatalf("%d edits after the coordinator's press, want 2", len(ed))
		}
		mustContain(t, ed[1].Plain, "Đã nhận: "+cadre.FirstName+", "+coordinator.FirstName)
		if strings.Count(ed[1].Plain, cadre.FirstName) != 1 {
			t.Errorf("the member is listed more than once:\n%s", ed[1].Plain)
		}
	})

	e.alive()
	e.stop()
	if rs := reminders(coordText); len(rs) != 1 {
		t.Errorf("the reminder went out %d times by shutdown, want once", len(rs))
	}
	if rs := reminders(memberText); len(rs) != 0 {
		t.Errorf("the refused reminder went out %d times", len(rs))
	}
	e.checkAllAccepted()
}
