package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/scheduler"
	"github.com/redis/go-redis/v9"
)

// TestRunProgrammeStateIsTrusted drives issue 7's story through `coordbot run`, the Bot API test
// server and a real Redis: only coordinators change the programme, a group admin's /dangky is a
// request, a coordinator withdraws a stranger's report, withdrawing the 100% report reopens the
// activity and its reminder fires, "xong" on a weekly activity closes one week, a guided flow
// asked for in a group continues in private and leaks nowhere, unsubscribing cancels the
// group's /nhac reminders, and /lichsu shows every step in order with who did it.
func TestRunProgrammeStateIsTrusted(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	// The weekly briefing comes from the programme file, with no first time: its occurrences are
	// its schedule's, so this week's has taken place and can be reported (one added in chat now
	// would have none yet, and a report before it is refused).
	prog := filepath.Join(t.TempDir(), "plan.yaml")
	if err := os.WriteFile(prog, []byte("extends: seed\nactivities:\n  - code: GB\n    title: {vi: Giao ban tuần, en: Weekly briefing}\n    content: 3\n    every: 0 8 * * 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e := newE2E(t, map[string]string{"COORDBOT_PROGRAM": prog})
	ctx := context.Background()
	coordChat, cadreChat, strangerChat := telegramtest.Private(coordinator), telegramtest.Private(cadre), telegramtest.Private(stranger)
	reportCount := func() int {
		t.Helper()
		all, err := e.store.Reports(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return len(all)
	}
	e.srv.SetChatMember(group.ID, groupAdmin.ID, "administrator")
	e.srv.SetChatMember(group.ID, cadre.ID, "member")
	e.srv.SetChatMember(group.ID, stranger.ID, "member")

	// An activity about a minute ahead whose reminder is due 40 s before it.
	got := plain(e.say(coordinator, coordChat, "/hoatdong them +1m Tuyên truyền biên giới | nd 1 | nhắc 40s", 1))
	m := regexp.MustCompile(`Đã thêm hoạt động ([A-Z][0-9]+)`).FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("no activity code in:\n%s", got)
	}
	code := m[1]

	t.Run("a member of a group that only asked cannot report", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(groupAdmin, group, "/dangky", 1)), "Đã gửi yêu cầu")
		// The coordinator's copy of the request goes out after the group's reply: wait for it, so
		// that it is not taken for the answer to the coordinator's next command.
		if !e.srv.WaitFor(wait, func() bool {
			for _, s := range e.srv.SentTo(coordChat.ID) {
				if strings.Contains(s.Plain, "Yêu cầu đăng ký nhóm") {
					return true
				}
			}
			return false
		}) {
			t.Fatal("the coordinator never got the group's request")
		}
		mustContain(t, plain(e.on(t).say(stranger, strangerChat, "/baocao "+code+" 100%", 1)), "chưa có quyền")
		if n := reportCount(); n != 0 {
			t.Fatalf("%d reports stored from an unapproved group", n)
		}
	})
	t.Run("approval lets the members report", func(t *testing.T) {
		// The pending request is listed for the coordinator, who approves it with the button.
		mustContain(t, plain(e.on(t).say(coordinator, coordChat, "/nhom", 1)), "Đang chờ duyệt", group.Title)
		reqs := e.srv.SentTo(coordChat.ID)
		var msgID int
		for _, s := range reqs {
			if hasButton(s, "ga:-100777") && strings.Contains(s.Plain, "Yêu cầu đăng ký nhóm") {
				msgID = s.MessageID
			}
		}
		if msgID == 0 {
			t.Fatal("the coordinator never got the request with its Duyệt button")
		}
		mustContain(t, plain(e.on(t).press(coordinator, coordChat.ID, msgID, "ga:-100777", 1)), "Đã duyệt")
		mustContain(t, plain(e.on(t).say(stranger, strangerChat, "/baocao "+code+" 100%", 1)), "Đã ghi nhận", "100%")
	})
	t.Run("a coordinator withdraws a stranger's report, with a reason", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(coordinator, coordChat, "/baocao rut "+code+" 33333 lý do: báo nhầm", 1)), "Đã rút", "Người lạ")
		if n := reportCount(); n != 0 {
			t.Fatalf("%d reports left after the withdrawal, want 0", n)
		}
	})
	t.Run("withdrawing the 100% report reopens the activity and its reminder fires", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/baocao "+code+" xong", 1)), "Đã ghi nhận", "100%")
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/tiendo "+code, 1)), "(hoàn thành)")
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/baocao rut "+code, 1)), "Đã rút", "100%")
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/kehoach", 1)), code)
		ok := e.srv.WaitFor(90*time.Second, func() bool {
			for _, s := range e.srv.SentTo(group.ID) {
				if hasButton(s, "ack") && strings.Contains(s.Plain, "Tuyên truyền biên giới") {
					return true
				}
			}
			return false
		})
		if !ok {
			t.Fatal("the reminder of the reopened activity never reached the group")
		}
	})
	t.Run("xong on a weekly activity closes only this week", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(coordinator, coordChat, "/hoatdong them hằng tuần t2 08:00 Giao ban tuần | mã GC", 1)), "GC")
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/baocao GC xong", 1)), "chưa diễn ra lần nào")
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/baocao GB xong", 1)), "Đã ghi nhận", "buổi")
		got := plain(e.on(t).say(cadre, cadreChat, "/tiendo GB", 1))
		mustContain(t, got, "Buổi", "100%")
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/kehoach", 1)), "GB", "Giao ban tuần")
		if data := buttonsOf(e.on(t).say(cadre, cadreChat, "/baocao", 1)); strings.Contains(data, "rp:GB") {
			t.Errorf("this week's occurrence is done, yet the picker offers GB: %s", data)
		}
		q := scheduler.NewQueue(e.storeClient(), redisstore.ProgrammePrefix(e.env["COORDBOT_PREFIX"])+"sched:", time.UTC)
		rs, err := q.ListRef(ctx, "act:GB")
		if err != nil || len(rs) == 0 {
			t.Errorf("the series lost its reminders: %v, %v", rs, err)
		}
	})
	t.Run("a guided flow asked for in a group continues in private and leaks nowhere", func(t *testing.T) {
		got := e.on(t).say(coordinator, group, "/hoatdong", 1)[0]
		if !hasURL(got, "start=activity") {
			t.Fatalf("no deep link to the private chat: %+v", got.Buttons)
		}
		mustContain(t, plain(e.on(t).say(coordinator, coordChat, "/start activity", 1)), "tên hoạt động")
		// Talk in the group is not the title.
		before := len(e.srv.SentTo(group.ID))
		e.srv.SendText(coordinator, group, "Chiều nay họp nhé")
		e.on(t).barrier(coordinator, group)
		if extra := e.srv.SentTo(group.ID)[before:]; len(extra) != 1 {
			t.Errorf("the group's talk got a reply: %+v", extra)
		}
		mustContain(t, plain(e.on(t).say(coordinator, coordChat, "Hội nghị sơ kết", 1)), "Hội nghị sơ kết", "nội dung nào")
		mustContain(t, plain(e.on(t).say(coordinator, coordChat, "/huybo", 1)), "Đã dừng")
		// A question afterwards is a question, not a title.
		got2 := plain(e.on(t).say(coordinator, coordChat, "dân vận khéo là gì", 1))
		if strings.Contains(got2, "Đã thêm hoạt động") {
			t.Errorf("the question became an activity:\n%s", got2)
		}
	})
	t.Run("unsubscribing cancels the group's /nhac reminders and says how many", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(coordinator, group, "/nhac +1h Họp giao ban", 1)), "Đã đặt lời nhắc")
		mustContain(t, plain(e.on(t).say(groupAdmin, group, "/huydangky", 1)), "đã hủy đăng ký", "1 lời nhắc")
		q := scheduler.NewQueue(e.storeClient(), redisstore.ProgrammePrefix(e.env["COORDBOT_PREFIX"])+"sched:", time.UTC)
		rs, err := q.List(ctx, strconv.FormatInt(group.ID, 10))
		if err != nil || len(rs) != 0 {
			t.Errorf("the group still has reminders: %+v, %v", rs, err)
		}
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/baocao "+code+" 10%", 1)), "chưa có quyền")
	})
	t.Run("the history shows every step in order with who did it", func(t *testing.T) {
		got := plain(e.on(t).say(cadre, cadreChat, "/lichsu "+code, 1))
		steps := []string{"Điều phối đã thêm hoạt động", "Người lạ đã báo cáo", "Điều phối đã rút báo cáo", "báo nhầm",
			"Nguyễn Văn Tiến đã báo cáo", "Nguyễn Văn Tiến đã rút báo cáo"}
		pos := 0
		for _, s := range steps {
			i := strings.Index(got[pos:], s)
			if i < 0 {
				t.Fatalf("history lacks %q after position %d:\n%s", s, pos, got)
			}
			pos += i
		}
	})
	e.alive()
	e.stop()
	e.checkAllAccepted()
}

func buttonsOf(sent []telegramtest.Sent) string {
	var sb strings.Builder
	for _, s := range sent {
		for _, row := range s.Buttons {
			for _, b := range row {
				sb.WriteString(b.Data + " ")
			}
		}
	}
	return sb.String()
}

func hasURL(s telegramtest.Sent, part string) bool {
	for _, row := range s.Buttons {
		for _, b := range row {
			if strings.Contains(b.URL, part) {
				return true
			}
		}
	}
	return false
}

// storeClient is a client to the test's Redis.
func (e *e2e) storeClient() *redis.Client {
	rdb, _ := redistest.Client(e.t)
	return rdb
}
