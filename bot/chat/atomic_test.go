package chat_test

import (
	"context"
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/redis/go-redis/v9"
)

// failNth is a wrapper around the store's Redis client that fails its Nth round trip (a command,
// a pipeline or a MULTI) from the moment it is armed, as a connection dropping between two
// halves of a change would.
type failNth struct {
	mu    sync.Mutex
	armed bool
	n     int
	calls int
	hit   bool
}

// The inner error is one Outage knows on its own: go-redis may hand the cause on without the
// *net.OpError around it (a pipeline read inside a transaction does).
var errInjected = &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}

func (f *failNth) arm(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.armed, f.n, f.calls, f.hit = true, n, 0, false
}

func (f *failNth) disarm() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.armed = false
	return f.hit
}

func (f *failNth) fail() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.armed {
		return false
	}
	f.calls++
	if f.calls == f.n {
		f.hit = true
		return true
	}
	return false
}

func (f *failNth) DialHook(next redis.DialHook) redis.DialHook { return next }
func (f *failNth) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if f.fail() {
			cmd.SetErr(errInjected)
			return errInjected
		}
		return next(ctx, cmd)
	}
}
func (f *failNth) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if f.fail() {
			for _, c := range cmds {
				c.SetErr(errInjected)
			}
			return errInjected
		}
		return next(ctx, cmds)
	}
}

// snapshot is the programme state a person could see: activities, reports, latest reports,
// pending reminders, groups and the audit, without store ids.
func snapshot(t *testing.T, h *harness) string {
	t.Helper()
	ctx := context.Background()
	var sb strings.Builder
	acts, err := h.store.Activities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range acts {
		fmt.Fprintf(&sb, "act %s %q %s %s %v\n", a.Code, a.Title, a.Status, a.At.Format("02/01 15:04"), a.Lead)
	}
	rs, err := h.store.Reports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		fmt.Fprintf(&sb, "report %s %s %d %q %s\n", r.Code, r.UserID, r.Percent, r.Note, r.Occ)
	}
	latest, err := h.store.Latest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k, r := range latest {
		keys = append(keys, fmt.Sprintf("latest %s %s %d", k, r.UserID, r.Percent))
	}
	sort.Strings(keys)
	sb.WriteString(strings.Join(keys, "\n") + "\n")
	for _, chatID := range []bot.ID{"", groupID} {
		rems, err := h.rec2reminders(chatID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rems {
			fmt.Fprintf(&sb, "reminder %s %s %s %s\n", chatID, r.ID, r.Ref, r.At.Format("02/01 15:04"))
		}
	}
	gs, err := h.store.Groups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		fmt.Fprintf(&sb, "group %s %s\n", g.ChatID, g.Title)
	}
	hist, err := h.store.History(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range hist {
		fmt.Fprintf(&sb, "audit %s %s %s %q %q\n", e.Action, e.Code, e.By, e.Before, e.After)
	}
	return sb.String()
}

func (h *harness) rec2reminders(chatID bot.ID) ([]bot.Reminder, error) {
	return h.reminders.Reminders(context.Background(), chatID)
}

// TestInjectedFailureLeavesStateBefore fails each Redis round trip of a change in turn: the person
// is told to try again and the state is exactly what it was, or the change is confirmed and the
// state is exactly what a clean run leaves — never half of it.
func TestInjectedFailureLeavesStateBefore(t *testing.T) {
	cases := []struct {
		name   string
		setup  func(h *harness)
		from   bot.ID
		chatID bot.ID
		action string
	}{
		{"correction", func(h *harness) {
			setupOn(h)
			h.say(cadre, cadre, "/baocao A1 60% lần đầu")
		}, cadre, cadre, "/baocao sua A1 80% sửa lại"},
		{"activity add with its reminders", func(h *harness) {
			h.members[[2]bot.ID{groupID, admin}] = "administrator"
			h.say(admin, groupID, "/dangky")
		}, admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn nghiệp vụ | nd 4 | nhắc 1d,2h"},
		{"edit with moved reminders", setupOn, admin, admin, "/hoatdong sua A1 | lúc 06/12/2026 14:00"},
		{"cancel with its reminders", setupOn, admin, admin, "/hoatdong huy A1"},
		{"restore with its reminders", func(h *harness) {
			setupOn(h)
			h.say(admin, admin, "/hoatdong huy A1")
		}, admin, admin, "/hoatdong mo A1"},
		{"unsubscribe with the group's reminders", func(h *harness) {
			setupOn(h)
			h.say(admin, groupID, "/nhac 01/12 08:00 Họp giao ban")
		}, admin, groupID, "/huydangky"},
		{"withdraw", func(h *harness) {
			setupOn(h)
			h.say(cadre, cadre, "/baocao A1 60%")
			h.say(cadre, cadre, "/baocao A1 xong")
		}, cadre, cadre, "/baocao rut A1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clean := newHarness(t)
			c.setup(clean)
			clean.say(c.from, c.chatID, c.action)
			want := snapshot(t, clean)
			for n := 1; n < 60; n++ {
				h := newHarness(t)
				fail := &failNth{}
				h.rdb.AddHook(fail)
				c.setup(h)
				before := snapshot(t, h)
				if before == want {
					t.Fatal("the action changes nothing: the test would prove nothing")
				}
				fail.arm(n)
				got := texts(h.say(c.from, c.chatID, c.action))
				hit := fail.disarm()
				after := snapshot(t, h)
				if !hit {
					if after != want {
						t.Fatalf("without a failure the state is\n%s\nwant\n%s", after, want)
					}
					t.Logf("%d round trips failed in turn", n-1)
					return // every round trip of the action has been failed once
				}
				switch after {
				case before:
					if !strings.Contains(got, "thử lại") {
						t.Errorf("round trip %d failed, nothing changed, but the reply does not say to try again:\n%s", n, got)
					}
				case want:
					if strings.Contains(got, "thử lại") {
						t.Errorf("round trip %d failed after the change was made, yet the reply says to try again:\n%s", n, got)
					}
				default:
					t.Fatalf("round trip %d failed and left half a change:\n%s\nbefore:\n%s\nwant:\n%s", n, after, before, want)
				}
			}
		})
	}
}

// setupOn adds activity A1 and an approved group whose member is the cadre.
func setupOn(h *harness) {
	h.t.Helper()
	h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn nghiệp vụ dân vận | nd 4")
	h.members[[2]bot.ID{groupID, admin}] = "administrator"
	h.members[[2]bot.ID{groupID, cadre}] = "member"
	h.say(admin, groupID, "/dangky")
}

// TestRedeliveredUpdateAppliesOnce handles an update again after its claim was released (as
// after a failure late in handling): the activity and the report are not added twice.
func TestRedeliveredUpdateAppliesOnce(t *testing.T) {
	h := newHarness(t)
	setupOn(h)
	ctx := context.Background()
	for _, u := range []chat.Update{
		{ID: "9001", ChatID: admin, ChatKind: chat.Private, From: chat.User{ID: admin}, Text: "/hoatdong them 06/12/2026 08:00 Họp"},
		{ID: "9002", ChatID: cadre, ChatKind: chat.Private, From: chat.User{ID: cadre}, Text: "/baocao A1 40%"},
	} {
		h.handle(u)
		if err := h.store.Forget(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		h.handle(u)
	}
	acts, _ := h.store.Activities(ctx)
	rs, _ := h.store.Reports(ctx)
	if len(acts) != 2 || len(rs) != 1 {
		t.Fatalf("%d activities and %d reports after redeliveries, want 2 and 1", len(acts), len(rs))
	}
}
