package chat_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/schedstore"
	"github.com/coordbot/coordbot/scheduler"
)

// remindersOf counts, per chat, the activity reminders of code among rs, and lists their texts.
func remindersOf(rs []chat.Reply, code string) (map[bot.ID]int, []string) {
	n := map[bot.ID]int{}
	var texts []string
	for _, r := range rs {
		p := chat.PlainText(r.Text)
		if strings.Contains(p, "Sắp diễn ra") && strings.Contains(p, code) {
			n[r.ChatID]++
			texts = append(texts, p)
		}
	}
	return n, texts
}

// walk moves the clock to until in steps of step, ticking the scheduler at each, and returns
// everything sent on the way.
func (h *harness) walk(until time.Time, step time.Duration) []chat.Reply {
	h.t.Helper()
	var out []chat.Reply
	for h.now.Before(until) {
		out = append(out, h.advance(min(step, until.Sub(h.now)))...)
	}
	return out
}

// pendingOf lists the pending reminders of activity code.
func (h *harness) pendingOf(code string) []bot.Reminder {
	h.t.Helper()
	rs, err := h.reminders.Reminders(context.Background(), "")
	if err != nil {
		h.t.Fatal(err)
	}
	var out []bot.Reminder
	for _, r := range rs {
		if r.Meta["code"] == code {
			out = append(out, r)
		}
	}
	return out
}

// TestWeeklyActivityRemindedAtEveryOccurrence: a weekly activity with lead times of 1 day and
// 1 hour gets all six reminders over three weeks, each naming its own occurrence, and has the
// fourth week's pending afterwards.
func TestWeeklyActivityRemindedAtEveryOccurrence(t *testing.T) {
	h := setup(t) // Thursday 26/11/2026 09:00, the group subscribed
	loc := h.now.Location()
	h.say(admin, admin, "/hoatdong them hằng tuần t2 08:00 Giao ban | mã GB")
	got := h.walk(time.Date(2026, 12, 14, 9, 0, 0, 0, loc), time.Hour)
	n, texts := remindersOf(got, "GB")
	if n[groupID] != 6 {
		t.Fatalf("the group got %d reminders of GB over three weeks, want 6:\n%s", n[groupID], strings.Join(texts, "\n---\n"))
	}
	for i, day := range []string{"30/11/2026", "30/11/2026", "07/12/2026", "07/12/2026", "14/12/2026", "14/12/2026"} {
		if !strings.Contains(texts[i], day+" 08:00") {
			t.Errorf("reminder %d names the wrong occurrence, want %s:\n%s", i+1, day, texts[i])
		}
		lead := "1 ngày"
		if i%2 == 1 {
			lead = "1 giờ"
		}
		if !strings.Contains(texts[i], lead) {
			t.Errorf("reminder %d should say %q:\n%s", i+1, lead, texts[i])
		}
	}
	pending := h.pendingOf("GB")
	if len(pending) == 0 {
		t.Fatal("no reminder of GB pending after the third week")
	}
	for _, r := range pending {
		if !r.At.After(h.now) || r.At.After(time.Date(2026, 12, 21, 8, 0, 0, 0, loc)) {
			t.Errorf("pending reminder %s at %s, want one before the meeting of 21/12", r.ID, r.At)
		}
	}
}

// TestRecurringActivityAddedLateIsRemindedFromTheNextOccurrence: a weekly Monday 08:00 briefing
// added on Monday at 07:30, after both its lead times, is reminded before next Monday's.
func TestRecurringActivityAddedLateIsRemindedFromTheNextOccurrence(t *testing.T) {
	h := setup(t)
	loc := h.now.Location()
	h.now = time.Date(2026, 11, 30, 7, 30, 0, 0, loc) // Monday
	h.say(admin, admin, "/hoatdong them hằng tuần t2 08:00 Giao ban | mã GB")
	got := h.walk(time.Date(2026, 12, 7, 9, 0, 0, 0, loc), time.Hour)
	n, texts := remindersOf(got, "GB")
	if n[groupID] != 2 {
		t.Fatalf("the group got %d reminders of GB, want 2 (before the meeting of 07/12):\n%s", n[groupID], strings.Join(texts, "\n---\n"))
	}
	for _, s := range texts {
		if !strings.Contains(s, "07/12/2026 08:00") {
			t.Errorf("a reminder names the wrong occurrence:\n%s", s)
		}
	}
}

// TestEveryTwoMinutesAddedJustBeforeAnOccurrence is the issue's own case: an activity every two
// minutes with a one-minute lead, added 30 s before an occurrence, is reminded before each of
// the following occurrences.
func TestEveryTwoMinutesAddedJustBeforeAnOccurrence(t *testing.T) {
	h := setup(t)
	loc := h.now.Location()
	h.now = time.Date(2026, 11, 26, 9, 1, 30, 0, loc) // 30 s before 09:02
	h.say(admin, admin, "/hoatdong them every */2 * * * * Trực ban | mã TB | nhắc 1m")
	got := h.walk(time.Date(2026, 11, 26, 9, 8, 30, 0, loc), 10*time.Second)
	// Occurrences 09:04, 09:06, 09:08: reminders at 09:03, 09:05, 09:07.
	if n, texts := remindersOf(got, "TB"); n[groupID] != 3 {
		t.Fatalf("the group got %d reminders in 7 minutes, want 3:\n%s", n[groupID], strings.Join(texts, "\n---\n"))
	}
}

// flaky is a Sender whose sends to some chats fail (as a send still failing after the
// transport's retries does) a given number of times before they go through.
type flaky struct {
	chat.Sender
	mu    sync.Mutex
	fails map[bot.ID]int
}

var errFlaky = errors.New("502 Bad Gateway (after retries)")

func (f *flaky) Send(ctx context.Context, r chat.Reply) (chat.Sent, error) {
	f.mu.Lock()
	if f.fails[r.ChatID] > 0 {
		f.fails[r.ChatID]--
		f.mu.Unlock()
		return chat.Sent{}, fmt.Errorf("send to %s: %w", r.ChatID, errFlaky)
	}
	f.mu.Unlock()
	return f.Sender.Send(ctx, r)
}

// TestFailedGroupSendIsSentOnRetry: the send to one group fails after its slot was taken; the
// firing is retried and that group gets the reminder once, the group served the first time is
// not sent it again.
func TestFailedGroupSendIsSentOnRetry(t *testing.T) {
	fl := &flaky{fails: map[bot.ID]int{}}
	h := newHarness(t, func(c *chat.Config) { fl.Sender = c.Sender; c.Sender = fl })
	const other = bot.ID("tg:-1002")
	h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn | mã A1")
	h.say(admin, groupID, "/dangky")
	h.say(admin, other, "/dangky")
	fl.fails[groupID] = 1
	// 04/12 08:00: the 1-day reminder; the send to groupID fails once.
	got := h.walk(time.Date(2026, 12, 4, 8, 0, 0, 0, h.now.Location()), time.Hour)
	got = append(got, h.walk(h.now.Add(time.Minute), 5*time.Second)...)
	n, _ := remindersOf(got, "A1")
	if n[groupID] != 1 || n[other] != 1 {
		t.Fatalf("reminders sent = %v, want one to each group", n)
	}
}

// TestTwoBotsOnOneRedisRemindEachGroupOnce runs two bots, each with its own scheduler, on one
// Redis: each group gets each reminder of a recurring activity exactly once.
func TestTwoBotsOnOneRedisRemindEachGroupOnce(t *testing.T) {
	h := setup(t)
	q := scheduler.NewQueue(h.rdb, redisstore.ProgrammePrefix(h.prefix)+"sched:", h.now.Location())
	rec2 := &recorder{}
	b2 := chat.New(chat.Config{Programme: programme.Default(), Store: h.store, Sender: rec2, Reminders: schedstore.New(q),
		Admins: map[bot.ID]bool{admin: true}, Loc: h.now.Location(), Now: func() time.Time { return h.now }})
	s2 := scheduler.New(q, schedstore.Fire(b2), scheduler.Options{Now: func() time.Time { return h.now }, Workers: 4})
	h.say(admin, admin, "/hoatdong them hằng ngày 08:00 Điểm danh | mã DD")
	var got []chat.Reply
	end := time.Date(2026, 11, 30, 9, 0, 0, 0, h.now.Location())
	for h.now.Before(end) {
		h.now = h.now.Add(30 * time.Minute)
		var wg sync.WaitGroup
		for _, s := range []*scheduler.Scheduler{h.sched, s2} {
			wg.Go(func() {
				if _, err := s.Tick(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		got = append(got, h.rec.take()...)
		got = append(got, rec2.take()...)
	}
	// 1 hour before the meetings of 27, 28, 29 and 30/11, and 1 day before those of 28, 29,
	// 30/11 and 01/12 (the 1-day reminder of 27/11 was due before the activity was added).
	if n, texts := remindersOf(got, "DD"); n[groupID] != 8 {
		t.Fatalf("the group got %d reminders, want 8:\n%s", n[groupID], strings.Join(texts, "\n---\n"))
	}
}

// TestGroupSlotOfADeadSenderIsSentOnceItExpires: a process claimed a group's copy of a reminder
// and died before sending it. The firing does not skip that group: it is retried, and once the
// dead claim has expired the group gets the reminder, once.
func TestGroupSlotOfADeadSenderIsSentOnceItExpires(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	loc := h.now.Location()
	h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn | mã A1")
	h.say(admin, groupID, "/dangky")
	due := time.Date(2026, 12, 4, 8, 0, 0, 0, loc) // A1-1, one day before
	slot := fmt.Sprintf("fired:A1-1:%d:%s", due.Unix(), groupID.Key())
	if _, st, err := h.reminders.ClaimSlot(ctx, slot, time.Hour); err != nil || st != bot.SlotClaimed {
		t.Fatalf("the dead process's claim: %v, %v", st, err)
	}
	got := h.walk(due, time.Hour)
	if n, _ := remindersOf(got, "A1"); n[groupID] != 0 {
		t.Fatalf("sent while another process held the group's slot: %v", n)
	}
	// The dead claim expires (Redis drops the key at its TTL).
	if err := h.rdb.Del(ctx, redisstore.ProgrammePrefix(h.prefix)+"sched:{sched}:once:"+slot).Err(); err != nil {
		t.Fatal(err)
	}
	got = h.walk(h.now.Add(2*time.Minute), 5*time.Second)
	if n, _ := remindersOf(got, "A1"); n[groupID] != 1 {
		t.Fatalf("after the dead claim expired the group got %d reminders, want 1", n[groupID])
	}
}

// TestStoredRemindersOfARecurringActivityAreUpgraded: reminders of a recurring activity stored
// before they re-armed themselves (one-off, no schedule) are replaced after their occurrence's
// last one fired by reminders that do, and the next occurrence is reminded.
func TestStoredRemindersOfARecurringActivityAreUpgraded(t *testing.T) {
	h := setup(t)
	ctx := context.Background()
	loc := h.now.Location()
	h.say(admin, admin, "/hoatdong them hằng tuần t2 08:00 Giao ban | mã GB")
	// As they were stored: one-off, the occurrence in Meta.
	occ := time.Date(2026, 11, 30, 8, 0, 0, 0, loc)
	var old []bot.Reminder
	for i, l := range []time.Duration{24 * time.Hour, time.Hour} {
		old = append(old, bot.Reminder{ID: fmt.Sprintf("GB-%d", i+1), Kind: bot.KindActivity, Ref: "act:GB", At: occ.Add(-l),
			Meta: map[string]string{"code": "GB", "lead": l.String(), "at": occ.Format(time.RFC3339)}})
	}
	if err := h.reminders.ReplaceRef(ctx, "act:GB", old); err != nil {
		t.Fatal(err)
	}
	got := h.walk(time.Date(2026, 12, 7, 9, 0, 0, 0, loc), time.Hour)
	if n, texts := remindersOf(got, "GB"); n[groupID] != 4 {
		t.Fatalf("the group got %d reminders of GB over two weeks, want 4:\n%s", n[groupID], strings.Join(texts, "\n---\n"))
	}
	for _, r := range h.pendingOf("GB") {
		if r.Cron == "" {
			t.Errorf("reminder %s is still one-off", r.ID)
		}
	}
}
