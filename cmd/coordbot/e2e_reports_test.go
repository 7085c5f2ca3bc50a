package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/xuri/excelize/v2"
)

// TestRunActivitiesAndReports drives issue 3's story through `coordbot run`: a coordinator plans,
// a group subscribes, its member reports, everyone sees progress, the coordinator exports.
func TestRunActivitiesAndReports(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	e := newE2E(t)
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

	got := plain(e.say(coordinator, coordChat, "/hoatdong them +2d Tập huấn nghiệp vụ dân vận | nd 4 | đv Đồn Biên phòng Cần Giờ", 1))
	m := regexp.MustCompile(`Đã thêm hoạt động ([A-Z][0-9]+)`).FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("the coordinator got no activity code:\n%s", got)
	}
	code := m[1]

	t.Run("a cadre may not add activities", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/hoatdong them +1d Việc khác", 1)), "cán bộ điều phối")
	})
	t.Run("the plan lists the activity", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/kehoach", 1)), code, "Tập huấn nghiệp vụ dân vận")
	})
	t.Run("a plain member cannot subscribe the group", func(t *testing.T) {
		e.srv.SetChatMember(group.ID, cadre.ID, "member")
		mustContain(t, plain(e.on(t).say(cadre, group, "/dangky", 1)), "quản trị viên")
	})
	t.Run("the group's admin asks and a coordinator approves", func(t *testing.T) {
		e.srv.SetChatMember(group.ID, groupAdmin.ID, "administrator")
		approveGroup(e.on(t), groupAdmin)
	})
	t.Run("a group member reports 60% privately", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/baocao "+code+" 60% đã tập huấn 2 đợt", 1)), "Đã ghi nhận", "60%", "đã tập huấn 2 đợt")
		if n := reportCount(); n != 1 {
			t.Fatalf("%d reports stored, want 1", n)
		}
	})
	t.Run("progress shows the text bar and sends a chart", func(t *testing.T) {
		got := e.on(t).say(cadre, cadreChat, "/tiendo", 2)
		mustContain(t, plain(got), "▓▓▓▓▓▓░░░░ 60%", "Nguyễn Văn Tiến")
		if got[1].Method != "sendPhoto" || !bytes.HasPrefix(got[1].File, []byte("\x89PNG")) {
			t.Errorf("second message is %s with %d bytes, want a PNG chart", got[1].Method, len(got[1].File))
		}
	})
	t.Run("a stranger is refused politely and not counted", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(stranger, strangerChat, "/baocao "+code+" 90%", 1)), "chưa có quyền", "33333", "/thanhvien")
		if n := reportCount(); n != 1 {
			t.Errorf("%d reports stored after the refusal, want 1", n)
		}
	})
	t.Run("150% is refused and not stored", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/baocao "+code+" 150%", 1)), "150", "từ 0 đến 100")
		if n := reportCount(); n != 1 {
			t.Errorf("%d reports stored after 150%%, want 1", n)
		}
	})
	const htmlish = "<script>alert(1)</script> & <b>"
	t.Run("a note that looks like HTML is echoed as text", func(t *testing.T) {
		got := e.on(t).say(cadre, cadreChat, "/baocao "+code+" 65% "+htmlish, 1)
		mustContain(t, plain(got), htmlish)
	})
	t.Run("a note over 1,000 characters is refused with its length", func(t *testing.T) {
		note := strings.Repeat("Đã tổ chức tuyên truyền tại xã Thạnh An. ", 30) // about 1,250 characters
		before := reportCount()
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/baocao "+code+" 70% "+note, 1)), "tối đa 1000")
		if n := reportCount(); n != before {
			t.Errorf("%d reports stored after the refusal, want %d", n, before)
		}
	})
	t.Run("export sends a CSV with BOM and an XLSX with the same rows", func(t *testing.T) {
		got := e.on(t).say(coordinator, coordChat, "/xuat", 2)
		var csvData, xlsxData []byte
		for _, s := range got {
			switch {
			case s.Method == "sendDocument" && strings.HasSuffix(s.FileName, ".csv"):
				csvData = s.File
			case s.Method == "sendDocument" && strings.HasSuffix(s.FileName, ".xlsx"):
				xlsxData = s.File
			}
		}
		if csvData == nil || xlsxData == nil {
			t.Fatalf("want a CSV and an XLSX document, got %+v", got)
		}
		body, ok := bytes.CutPrefix(csvData, []byte("\xEF\xBB\xBF"))
		if !ok {
			t.Error("the CSV does not start with the UTF-8 BOM")
		}
		csvRows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatalf("CSV: %v", err)
		}
		if len(csvRows) != 1+reportCount() {
			t.Errorf("CSV has %d rows, want a header and %d reports", len(csvRows), reportCount())
		}
		mustContain(t, string(body), code, "Tập huấn nghiệp vụ dân vận", "Nguyễn Văn Tiến", "đã tập huấn 2 đợt", htmlish)
		f, err := excelize.OpenReader(bytes.NewReader(xlsxData))
		if err != nil {
			t.Fatalf("excelize cannot open the XLSX: %v", err)
		}
		defer f.Close()
		xlsxRows, err := f.GetRows(f.GetSheetList()[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(xlsxRows) != len(csvRows) {
			t.Fatalf("XLSX has %d rows, CSV %d", len(xlsxRows), len(csvRows))
		}
		for i := range csvRows {
			if a, b := trimRow(csvRows[i]), trimRow(xlsxRows[i]); strings.Join(a, "|") != strings.Join(b, "|") {
				t.Errorf("row %d differs:\n csv  %q\n xlsx %q", i, a, b)
			}
		}
	})
	t.Run("a cadre may not export", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/xuat", 1)), "cán bộ điều phối")
	})

	t.Run("the guided flow reports through buttons", func(t *testing.T) {
		before := reportCount()
		first := e.on(t).say(cadre, cadreChat, "/baocao", 1)[0]
		if !hasButton(first, "rp:"+code) {
			t.Fatalf("no button for %s: %+v", code, first.Buttons)
		}
		step := e.on(t).press(cadre, cadreChat.ID, first.MessageID, "rp:"+code, 1)
		if !hasButton(step[0], "rq:"+code+":75") {
			t.Fatalf("no 75%% button after picking the activity: %+v", step[0].Buttons)
		}
		step = e.on(t).press(cadre, cadreChat.ID, first.MessageID, "rq:"+code+":75", 1)
		if !hasButton(step[0], "rn:"+code+":75") {
			t.Fatalf("no “no note” button: %+v", step[0].Buttons)
		}
		done := e.on(t).press(cadre, cadreChat.ID, first.MessageID, "rn:"+code+":75", 1)
		mustContain(t, plain(done), "Đã ghi nhận", "75%")
		if n := reportCount(); n != before+1 {
			t.Errorf("%d reports after the guided flow, want %d", n, before+1)
		}
		latest, err := e.store.Latest(ctx)
		if err != nil || latest[code].Percent != 75 || latest[code].UserID != bot.TelegramID(cadre.ID) {
			t.Errorf("latest = %+v, %v; want the cadre's 75%%", latest[code], err)
		}

		t.Run("a forged press by a stranger is refused", func(t *testing.T) {
			before := reportCount()
			sentBefore := len(e.srv.Sent())
			answers := len(e.srv.Answers())
			if _, err := e.srv.PressButton(stranger, cadreChat.ID, first.MessageID, "rn:"+code+":75"); err != nil {
				t.Fatal(err)
			}
			if !e.srv.WaitFor(wait, func() bool { return len(e.srv.Answers()) > answers }) {
				t.Fatal("the forged press was not answered")
			}
			if a := e.lastAnswer(); !strings.Contains(a.Text, "chưa có quyền") {
				t.Errorf("the forged press was answered %q, want the refusal", a.Text)
			}
			e.on(t).barrier(cadre, cadreChat) // the counts below include anything the press did
			if n := reportCount(); n != before {
				t.Errorf("a forged press stored a report: %d reports, want %d", n, before)
			}
			for _, s := range e.srv.Sent()[sentBefore:] {
				if strings.Contains(s.Plain, "Đã ghi nhận") {
					t.Errorf("the forged press was confirmed: %q", s.Plain)
				}
			}
		})
	})
	e.alive()
	e.stop()
	e.checkAllAccepted()
}

// TestRunRedeliveredUpdateHasNoSecondEffect: an update handled but not removed from the inbox
// (the process died after handling it; before the inbox, the same was an update handled but not
// confirmed to Telegram) is taken again after a restart and changes nothing.
func TestRunRedeliveredUpdateHasNoSecondEffect(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	e := newE2E(t)
	ctx := context.Background()
	me := telegramtest.Private(coordinator)
	got := plain(e.say(coordinator, me, "/hoatdong them +2d Hội nghị sơ kết | mã K1", 1))
	mustContain(t, got, "K1")

	// The process is told to stop while the report's handler is held up by a 429; the handler
	// finishes within the shutdown grace.
	n429 := e.srv.Count429()
	e.srv.FailNext("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1)
	before := len(e.srv.SentTo(me.ID))
	text := "/baocao K1 40% họp lần 1"
	id := e.srv.SendText(coordinator, me, text)
	if !e.srv.WaitFor(wait, func() bool { return e.srv.Count429() > n429 }) {
		t.Fatal("the report's handler never sent its confirmation")
	}
	e.stop()
	if got := e.srv.SentTo(me.ID); len(got) != before+1 || !strings.Contains(got[before].Plain, "Đã ghi nhận") {
		t.Fatalf("the handler in flight at shutdown did not finish: %+v", got[before:])
	}
	// As if the process had died between handling the update and removing it from the inbox.
	opt, err := redis.ParseURL(e.env["REDIS_URL"])
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	inbox := redisstore.NewInbox(redisstore.New(rdb, e.env["COORDBOT_PREFIX"], redisstore.WithBotID(botIDOf(e.srv.Token()))), chat.UpdateKeyOf)
	if err := inbox.Enqueue(ctx, []chat.Update{{ID: bot.UpdateKey(strconv.Itoa(id)), ChatID: bot.TelegramID(me.ID),
		ChatKind: chat.Private, From: chat.User{ID: bot.TelegramID(coordinator.ID), FirstName: coordinator.FirstName, LangCode: "vi"}, Text: text}}); err != nil {
		t.Fatal(err)
	}
	sent := len(e.srv.Sent())

	e.start()
	if !e.srv.WaitFor(wait, func() bool {
		left, err := inbox.Inbox(ctx)
		return err == nil && len(left) == 0
	}) {
		t.Fatal("the restarted bot never took the update left in the inbox")
	}
	// A later update of the same chat is handled after the redelivered one.
	mustContain(t, plain(e.say(coordinator, me, "/maso", 1)), "11111")
	if extra := len(e.srv.Sent()) - sent; extra != 1 {
		t.Errorf("the redelivered update sent %d messages", extra-1)
	}
	all, err := e.store.Reports(ctx)
	if err != nil || len(all) != 1 || all[0].Percent != 40 {
		t.Fatalf("reports = %+v, %v; want the one 40%% report", all, err)
	}
	e.stop()
}

func hasButton(s telegramtest.Sent, data string) bool {
	for _, row := range s.Buttons {
		for _, b := range row {
			if b.Data == data {
				return true
			}
		}
	}
	return false
}

// trimRow drops trailing empty cells, which spreadsheets do not keep.
func trimRow(r []string) []string {
	for len(r) > 0 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}
