package chat_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/internal/testutil"
)

// What people type is what gets stored (issue 19): the finished-phrases mean 100% with no stray
// note, and ';' or a new line stand for the '|' a phone keyboard hides.
func TestTypedAsMeant(t *testing.T) {
	h := newHarness(t)
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tập huấn kỹ năng; nd 1; chỉ tiêu 20 buổi, 500 lượt người")), "A1")
	a := h.activity("A1")
	if a.Content != 1 || len(a.Targets) != 2 || strings.Contains(a.Title, ";") || strings.Contains(a.Title, "nd") {
		t.Fatalf("fields after ';' not read as fields: %+v", a)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong them 11/12/2026 08:00 Giao ban\nnd 2\nđv Ví dụ")), "A2")
	if a := h.activity("A2"); a.Content != 2 || a.Title != "Giao ban" {
		t.Fatalf("fields on new lines not read as fields: %+v", a)
	}
	// A ';' that is not followed by a field stays in the title.
	h.say(admin, admin, "/hoatdong them 12/12/2026 08:00 Họp; bàn kế hoạch quý")
	if a := h.activity("A3"); a.Title != "Họp; bàn kế hoạch quý" {
		t.Fatalf("title cut at a ';' that starts no field: %q", a.Title)
	}

	for _, tc := range []struct{ text, note string }{
		{"/baocao A3 đã xong", ""},
		{"/baocao A3 đã hoàn thành", ""},
		{"/baocao A3 hoàn tất", ""},
		{"/baocao A3 xong rồi", ""},
		{"/baocao A3 đã xong ấp 2", "ấp 2"},
	} {
		got := texts(h.say(admin, admin, tc.text))
		if strings.Contains(got, "không hợp lệ") {
			t.Errorf("%s refused: %s", tc.text, got)
			continue
		}
		rs := h.reports()
		last := rs[len(rs)-1]
		if last.Percent != 100 || last.Note != tc.note {
			t.Errorf("%s stored %d%% note %q, want 100%% note %q", tc.text, last.Percent, last.Note, tc.note)
		}
	}

	// Quantities after ';' or on a new line count against the targets; a note that goes on after
	// a ';' stays the note.
	for _, tc := range []struct {
		text, note string
		qty        int
	}{
		{"/baocao A1 30% ấp 1; 5 buổi, 200 lượt người", "ấp 1", 2},
		{"/baocao A1 40% ấp 2\n3 buổi", "ấp 2", 1},
		{"/baocao A1 45% đã họp; còn chờ ảnh", "đã họp; còn chờ ảnh", 0},
	} {
		got := texts(h.say(admin, admin, tc.text))
		rs := h.reports()
		last := rs[len(rs)-1]
		if last.Note != tc.note || len(last.Qty) != tc.qty {
			t.Errorf("%q stored note %q and %d quantities, want %q and %d; reply:\n%s", tc.text, last.Note, len(last.Qty), tc.note, tc.qty, got)
		}
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo A1")), "8/20 buổi", "200/500 lượt người")
}

// Units are found by name as well as code, diacritics-blind and by part of the name; a name that
// fits two units lists both and changes nothing.
func TestUnitsByName(t *testing.T) {
	h := unitsHarness(t)
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tập huấn | đv đồn cần giờ")), "A1")
	if a := h.activity("A1"); a.Unit != "DCG" {
		t.Fatalf("| đv đồn cần giờ set unit %q, want DCG", a.Unit)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong them 11/12/2026 08:00 Tuần tra | đv hai doi bien phong 2")), "A2")
	if a := h.activity("A2"); a.Unit != "HD" {
		t.Fatalf("| đv without diacritics set unit %q, want HD", a.Unit)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo donvi Đồn Biên phòng Cần Giờ")), "Đồn Biên phòng Cần Giờ", "A1")
	// "Cần Giờ" is in the names of the post and of the team under it: both are offered.
	got := texts(h.say(admin, admin, "/tiendo donvi Cần Giờ"))
	testutil.MustContain(t, got, "nhiều đơn vị", "Đồn Biên phòng Cần Giờ (DCG)", "Tổ công tác Cần Giờ (TCG)")
	testutil.MustContain(t, texts(h.say(admin, groupID, "/dangky hai doi")), "Hải đội Biên phòng 2")
}

// "1,200" is asked about with two buttons, never guessed; the report is stored once the person
// chooses, as typed but for that number. A press on the old question changes nothing.
func TestAmbiguousNumberIsAsked(t *testing.T) {
	h := newHarness(t)
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Trao quà | chỉ tiêu 20 suất quà, 2000 triệu đồng")
	got := h.say(admin, admin, "/baocao A1 40% ấp 3 | 12 suất quà, 1,200 triệu đồng")
	testutil.MustContain(t, texts(got), "1,200", "Chọn một trong hai")
	if n := len(h.reports()); n != 0 {
		t.Fatalf("%d reports stored before the number was chosen", n)
	}
	data := buttonData(got)
	if len(data) != 2 || data[0] != "qa:A1:t" || data[1] != "qa:A1:d" {
		t.Fatalf("buttons %v, want the two readings of 1,200", data)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "mấy giờ rồi")), "chờ bạn chọn số “1,200”")
	testutil.MustContain(t, texts(h.press(admin, admin, 1, "qa:A1:t")), "40%", "1.200 triệu đồng", "12 suất quà")
	rs := h.reports()
	if len(rs) != 1 || rs[0].Note != "ấp 3" || len(rs[0].Qty) != 2 || rs[0].Qty[1].Value != 1200 {
		t.Fatalf("stored %+v, want one report: note ấp 3, 12 suất quà and 1200 triệu đồng", rs)
	}
	// The same question pressed again (or the other button) changes nothing.
	again := h.press(admin, admin, 1, "qa:A1:d")
	if len(again) != 1 || !strings.Contains(again[0].CallbackNote, "đã được trả lời") {
		t.Fatalf("an old question's press: %+v, want only a note that it was answered", again)
	}
	if n := len(h.reports()); n != 1 {
		t.Fatalf("a second press stored another report: %d", n)
	}
	// The decimal reading, chosen the other time.
	h.say(admin, admin, "/baocao A1 50% | 2,500 triệu đồng")
	h.press(admin, admin, 2, "qa:A1:d")
	if rs := h.reports(); len(rs) != 2 || rs[1].Qty[0].Value != 2.5 {
		t.Fatalf("the decimal reading stored %+v, want 2.5", rs[len(rs)-1].Qty)
	}
	// A target typed so is refused with how to write it.
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong sua A1 | chỉ tiêu 1.500 lượt người")), "1.500", "chưa rõ", "1500", "1,5")
	if a := h.activity("A1"); len(a.Targets) != 2 || a.Targets[0].Value != 20 {
		t.Fatalf("an ambiguous target changed the activity: %+v", a.Targets)
	}
}

// A correction changes only what it names (issue 19): "sua A2 35%" after a report with a note and
// quantities keeps them, and /tiendo's target still counts them; "| -" clears the quantities.
// Every correction and withdrawal says what it replaced or removed.
func TestCorrectionKeepsWhatItDoesNotName(t *testing.T) {
	h := newHarness(t)
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tập huấn | chỉ tiêu 20 buổi, 500 lượt người")
	h.say(admin, admin, "/baocao A1 30% ấp 1 | 5 buổi, 200 lượt người")
	got := texts(h.say(admin, admin, "/baocao sua A1 35%"))
	testutil.MustContain(t, got, "35%", "ấp 1", "5 buổi, 200 lượt người", "Thay cho báo cáo trước: 30% ngày 26/11/2026; 5 buổi, 200 lượt người; “ấp 1”")
	rs := h.reports()
	if len(rs) != 1 || rs[0].Percent != 35 || rs[0].Note != "ấp 1" || len(rs[0].Qty) != 2 {
		t.Fatalf("after sua A1 35%%: %+v, want one report at 35%% keeping the note and quantities", rs)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo A1")), "5/20 buổi", "200/500 lượt người")

	// A new note keeps the quantities; new quantities replace them; "| -" clears them.
	h.say(admin, admin, "/baocao sua A1 40% ấp 2")
	if r := h.reports()[0]; r.Note != "ấp 2" || len(r.Qty) != 2 {
		t.Fatalf("a new note: %+v, want note ấp 2 and the quantities kept", r)
	}
	h.say(admin, admin, "/baocao sua A1 40% ấp 2 | 6 buổi")
	if r := h.reports()[0]; len(r.Qty) != 1 || r.Qty[0].Value != 6 {
		t.Fatalf("new quantities: %+v, want 6 buổi alone", r.Qty)
	}
	h.say(admin, admin, "/baocao sua A1 40% ấp 2 | -")
	if r := h.reports()[0]; len(r.Qty) != 0 || r.Note != "ấp 2" {
		t.Fatalf("| - : %+v, want no quantities and the note kept", r)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo A1")), "0/20 buổi")

	// A coordinator's withdrawal naming no report lists the candidates, newest first, a button
	// each; the one picked is withdrawn and the reply says what it removed.
	h.say(admin, admin, "/baocao A1 50% ấp 3 | 2 buổi, 700 lượt người")
	list := h.say(admin, admin, "/baocao rut A1")
	testutil.MustContain(t, texts(list), "Chọn báo cáo cần rút", "1. 50% ngày 26/11/2026; 2 buổi, 700 lượt người", "2. 40% ngày 26/11/2026")
	if n := len(h.reports()); n != 2 {
		t.Fatalf("listing the candidates withdrew something: %d reports", n)
	}
	d := buttonData(list)
	if len(d) != 2 || !strings.HasPrefix(d[0], "wd:A1:") {
		t.Fatalf("candidate buttons %v", d)
	}
	testutil.MustContain(t, texts(h.press(admin, admin, 5, d[0])), "Báo cáo đã rút: 50% ngày 26/11/2026; 2 buổi, 700 lượt người; “ấp 3”")
	if again := h.press(admin, admin, 5, d[0]); len(again) != 1 || !strings.Contains(again[0].CallbackNote, "không còn") {
		t.Fatalf("the same candidate pressed again: %+v", again)
	}
	if rs := h.reports(); len(rs) != 1 || rs[0].Percent != 40 {
		t.Fatalf("after withdrawing the picked one: %+v", rs)
	}
}

// /baocao alone in a group never answers "type /baocao alone": with a username it offers the
// private chat as a button, without one it says to write to the bot privately.
func TestReportAloneInAGroup(t *testing.T) {
	h := setup(t)
	got := h.say(cadre, groupID, "/baocao")
	if !strings.Contains(texts(got), "tin nhắn riêng") || len(got) != 1 || len(got[0].Buttons) != 1 || !strings.Contains(got[0].Buttons[0][0].URL, "start=report") {
		t.Fatalf("/baocao alone in a group: %+v, want one private-chat button", got)
	}
	h2 := newHarness(t, func(c *chat.Config) { c.Username = "" })
	h2.members[[2]bot.ID{groupID, admin}] = "administrator"
	h2.say(admin, groupID, "/dangky")
	msg := texts(h2.say(admin, groupID, "/baocao"))
	testutil.MustContain(t, msg, "nhắn riêng cho bot lệnh /baocao")
	if strings.Contains(msg, "không kèm gì") {
		t.Errorf("the group is told to do what it just did: %s", msg)
	}
}

// The guided report asks for the quantities when the activity has targets, and takes the answer
// (not question answering); "Bỏ qua" stores the report without them.
func TestGuidedReportAsksQuantities(t *testing.T) {
	h := newHarness(t)
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tập huấn cán bộ | chỉ tiêu 2 lớp, 120 lượt cán bộ")
	h.say(admin, admin, "/baocao A1")
	h.press(admin, admin, 1, "rq:A1:60")
	got := h.say(admin, admin, "đã tổ chức lớp đầu")
	testutil.MustContain(t, texts(got), "Khối lượng đã làm", "2 lớp, 120 lượt cán bộ")
	if d := buttonData(got); len(d) != 1 || d[0] != "rs:A1:60" {
		t.Fatalf("quantities step buttons %v, want the skip", d)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "1 lớp, 45 lượt cán bộ")), "Đã ghi nhận", "60%", "1 lớp, 45 lượt cán bộ")
	rs := h.reports()
	if len(rs) != 1 || rs[0].Note != "đã tổ chức lớp đầu" || len(rs[0].Qty) != 2 || rs[0].Qty[1].Value != 45 {
		t.Fatalf("stored %+v, want the note and the two quantities", rs)
	}
	// No note, then skip the quantities.
	h.press(admin, admin, 2, "rq:A1:80")
	testutil.MustContain(t, texts(h.press(admin, admin, 3, "rn:A1:80")), "Khối lượng đã làm")
	testutil.MustContain(t, texts(h.press(admin, admin, 4, "rs:A1:80")), "Đã ghi nhận", "80%")
	if rs := h.reports(); len(rs) != 2 || len(rs[1].Qty) != 0 || rs[1].Note != "" {
		t.Fatalf("skipped quantities stored %+v", rs[len(rs)-1])
	}
}

// WHEN as one grammar, through the handlers (issue 19): the order of the parts does not matter,
// date words never fall into the text, a day without a time takes the default hour and says so.
// The clock is Thursday 26/11/2026 09:00 in Asia/Ho_Chi_Minh.
func TestWhenThroughTheHandlers(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	for i, tc := range []struct{ text, at, body, say string }{
		{"/nhac 15h30 thứ 5 Họp", "26/11/2026 15:30", "Họp", ""},
		{"/nhac 9h ngày 15/12 Họp", "15/12/2026 09:00", "Họp", ""},
		{"/nhac 15/12 lúc 9h Họp", "15/12/2026 09:00", "Họp", ""},
		{"/nhac mai 8 giờ Họp", "27/11/2026 08:00", "Họp", ""},
		{"/nhac chiều mai 3h Họp", "27/11/2026 15:00", "Họp", ""},
		{"/nhac sáng mai 7h Họp", "27/11/2026 07:00", "Họp", ""},
		{"/nhac 25/12/2026 Giáng sinh", "25/12/2026 08:00", "Giáng sinh", "giờ mặc định 08:00"},
		{"/nhac thứ 6 Giao ban", "27/11/2026 08:00", "Giao ban", "giờ mặc định"},
		{"/nhac hằng tháng ngày 1 8h Giao ban tháng", "01/12/2026 08:00", "Giao ban tháng", "ngày 1 hằng tháng"},
	} {
		got := texts(h.say(admin, admin, tc.text))
		testutil.MustContain(t, got, tc.at, tc.say)
		rs, err := h.reminders.Reminders(ctx, admin)
		if err != nil || len(rs) != i+1 {
			t.Fatalf("%s: %d reminders, %v", tc.text, len(rs), err)
		}
		var found bool
		for _, r := range rs {
			found = found || (r.Text == tc.body && r.At.In(h.now.Location()).Format("02/01/2006 15:04") == tc.at)
		}
		if !found {
			t.Errorf("%s: no reminder %q at %s; reply:\n%s", tc.text, tc.body, tc.at, got)
		}
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong them 8h thứ 4 Tập huấn cán bộ")), "02/12/2026 08:00")
	if a := h.activity("A1"); a.Title != "Tập huấn cán bộ" {
		t.Errorf("date words fell into the title: %q", a.Title)
	}
}

// The occurrences of a recurring activity start at its start date, not when the file was loaded
// (issue 19): a monthly briefing on the 1st loaded on 04/12 reports into 01/12, December's can be
// named, and one added in chat on 04/12 refuses a report until its first time.
func TestOccurrencesFromTheStartDate(t *testing.T) {
	p, err := programme.Parse([]byte(`extends: seed
activities:
  - code: GB
    title: {vi: "Ví dụ: Giao ban hằng tháng", en: "Example: monthly briefing"}
    content: 3
    every: 0 8 1 * *
`))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarnessWith(t, p)
	h.now = time.Date(2026, 12, 4, 9, 0, 0, 0, h.now.Location())
	if _, err := h.b.SeedPlan(context.Background()); err != nil {
		t.Fatal(err)
	}
	h.say(admin, admin, "/baocao GB xong")
	if rs := h.reports(); len(rs) != 1 || rs[0].Occ != "2026-12-01" {
		t.Fatalf("a report on 04/12 went to %+v, want the occurrence of 01/12/2026", rs)
	}
	h.say(admin, admin, "/baocao GB 01/11 70%")
	if rs := h.reports(); len(rs) != 2 || rs[1].Occ != "2026-11-01" {
		t.Fatalf("a named past occurrence: %+v, want 01/11/2026", rs)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/baocao GB 29/02 xong")), "không hợp lệ")
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong them hằng tháng ngày 1 8h Họp tháng | mã HT")), "HT")
	testutil.MustContain(t, texts(h.say(admin, admin, "/baocao HT xong")), "chưa diễn ra", "01/01/2027 08:00")
	if n := len(h.reports()); n != 2 {
		t.Fatalf("a report before the first occurrence was stored: %d reports", n)
	}
}

// Every correction and withdrawal has a ↩️ Hoàn tác button that puts the report back for ten
// minutes, once; /tiendo's quantities follow each step.
func TestUndoCorrectionAndWithdrawal(t *testing.T) {
	h := newHarness(t)
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tập huấn | chỉ tiêu 20 buổi")
	h.say(admin, admin, "/baocao A1 30% ấp 1 | 5 buổi")
	got := h.say(admin, admin, "/baocao sua A1 50% ấp 1 | 8 buổi")
	undo := ""
	for _, d := range buttonData(got) {
		if strings.HasPrefix(d, "ud:A1:") {
			undo = d
		}
	}
	if undo == "" {
		t.Fatalf("a correction has no undo button: %v", buttonData(got))
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo A1")), "8/20 buổi")
	testutil.MustContain(t, texts(h.press(admin, admin, 2, undo)), "Đã hoàn tác", "30%")
	rs := h.reports()
	if len(rs) != 1 || rs[0].Percent != 30 || rs[0].Qty[0].Value != 5 || rs[0].Note != "ấp 1" {
		t.Fatalf("after undoing the correction: %+v, want the 30%% report back alone", rs)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo A1")), "5/20 buổi")
	if again := h.press(admin, admin, 2, undo); len(again) != 1 || !strings.Contains(again[0].CallbackNote, "Không còn hoàn tác") {
		t.Fatalf("a second press: %+v", again)
	}
	// A withdrawal, undone: the report comes back with its quantities.
	got = h.say(admin, admin, "/baocao rut A1")
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo A1")), "0/20 buổi")
	undo = ""
	for _, d := range buttonData(got) {
		if strings.HasPrefix(d, "ud:A1:") {
			undo = d
		}
	}
	h.now = h.now.Add(9 * time.Minute)
	testutil.MustContain(t, texts(h.press(admin, admin, 3, undo)), "Đã hoàn tác")
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo A1")), "5/20 buổi", "30%")
	testutil.MustContain(t, texts(h.say(admin, admin, "/lichsu A1")), "hoàn tác")
}

// A report's reply, /tiendo, /tiendo donvi and the sơ kết agree on every quantity after each
// report, correction, withdrawal and undo (issue 19). The expected sums are kept by the test
// itself, step by step, not read back from the store.
func TestQuantitiesAgreeAcrossViews(t *testing.T) {
	h := unitsHarness(t)
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tuyên truyền | đv DCG | chỉ tiêu 20 buổi, 500 lượt người")
	undoOf := func(rs []chat.Reply) string {
		for _, d := range buttonData(rs) {
			if strings.HasPrefix(d, "ud:") {
				return d
			}
		}
		t.Fatalf("no undo button in %v", buttonData(rs))
		return ""
	}
	var lastUndo string
	for i, step := range []struct {
		do           func() []chat.Reply
		buoi, nguoi  string
		replyContain string
	}{
		{func() []chat.Reply {
			return h.say(admin, admin, "/baocao A1 30% ấp 1 | 5 buổi, 200 lượt người")
		}, "5", "200", "5 buổi, 200 lượt người"},
		{func() []chat.Reply {
			return h.say(admin, admin, "/baocao A1 40% ấp 2 | 3 buổi, 150 lượt người")
		}, "8", "350", "3 buổi, 150 lượt người"},
		{func() []chat.Reply { return h.say(admin, admin, "/baocao sua A1 45%") }, "8", "350", "3 buổi, 150 lượt người"},
		{func() []chat.Reply {
			rs := h.say(admin, admin, "/baocao sua A1 45% ấp 2 | 4 buổi, 100 lượt người")
			lastUndo = undoOf(rs)
			return rs
		}, "9", "300", "4 buổi, 100 lượt người"},
		{func() []chat.Reply { return h.press(admin, admin, 1, lastUndo) }, "8", "350", "Đã hoàn tác"},
		{func() []chat.Reply {
			list := buttonData(h.say(admin, admin, "/baocao rut A1"))
			rs := h.press(admin, admin, 3, list[0]) // the newest of the candidates
			lastUndo = undoOf(rs)
			return rs
		}, "5", "200", "3 buổi, 150 lượt người"},
		{func() []chat.Reply { return h.press(admin, admin, 2, lastUndo) }, "8", "350", "Đã hoàn tác"},
	} {
		testutil.MustContain(t, texts(step.do()), step.replyContain)
		want := []string{step.buoi + "/20 buổi", step.nguoi + "/500 lượt người"}
		// The export: the quantities of the reports standing add up to the same.
		if got := exportSums(t, h); got != step.buoi+"/"+step.nguoi {
			t.Errorf("step %d: the export's quantities add up to %s buổi/lượt người, want %s/%s", i+1, got, step.buoi, step.nguoi)
		}
		for _, view := range []string{"/tiendo A1", "/tiendo donvi DCG", "/soket từ 01/11/2026 đến 31/12/2026"} {
			got := texts(h.say(admin, admin, view))
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("step %d: %s lacks %q:\n%s", i+1, view, w, got)
				}
			}
		}
	}
}

// A quantity above the whole activity's target in one report, or 100% with under half a target
// reached where the latest report stands for the whole, is stored as typed but remarked on.
func TestQuantityRemarks(t *testing.T) {
	h := newHarness(t)
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tuyên truyền | chỉ tiêu 500 lượt người")
	got := texts(h.say(admin, admin, "/baocao A1 30% | 1350 lượt người"))
	testutil.MustContain(t, got, "Đã ghi nhận", "1.350/500 lượt người (270% chỉ tiêu", "kiểm tra lại")
	if rs := h.reports(); len(rs) != 1 || rs[0].Qty[0].Value != 1350 {
		t.Fatalf("the report was not stored as typed: %+v", rs)
	}
	if got := texts(h.say(admin, admin, "/baocao A1 40% | 100 lượt người")); strings.Contains(got, "⚠️") {
		t.Errorf("a quantity under its target is remarked on: %s", got)
	}
	h.say(admin, admin, "/hoatdong them 11/12/2026 08:00 Tập huấn | chỉ tiêu 20 buổi | tính mới nhất")
	testutil.MustContain(t, texts(h.say(admin, admin, "/baocao A2 xong | 8 buổi")), "100% nhưng mới đạt 8/20 buổi")
}

// An activity is found by the words of its title where a code is asked, diacritics-blind; a name
// that fits several lists their codes and changes nothing.
func TestActivitiesByName(t *testing.T) {
	h := newHarness(t)
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tập huấn kỹ năng dân vận")
	h.say(admin, admin, "/hoatdong them 11/12/2026 08:00 Tập huấn nghiệp vụ biên phòng")
	testutil.MustContain(t, texts(h.say(admin, admin, "/lichsu tap huan ky nang")), "A1", "Tập huấn kỹ năng dân vận")
	got := texts(h.say(admin, admin, "/lichsu tập huấn"))
	testutil.MustContain(t, got, "nhiều hoạt động", "A1 Tập huấn kỹ năng", "A2 Tập huấn nghiệp vụ")
	testutil.MustContain(t, texts(h.say(admin, admin, "/lichsu họp báo")), "Không có hoạt động nào mang mã hay tên “họp báo”", "/kehoach")
}

// exportSums reads /xuat's CSV and adds up the "Khối lượng" column: "buổi/lượt người".
func exportSums(t *testing.T, h *harness) string {
	t.Helper()
	var data []byte
	for _, r := range h.say(admin, admin, "/xuat") {
		if r.Document != nil && strings.HasSuffix(r.Document.Name, ".csv") {
			data = r.Document.Data
		}
	}
	if data == nil {
		t.Fatal("/xuat sent no CSV")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\uFEFF"))).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("the CSV: %v", err)
	}
	col := slices.Index(rows[0], "Khối lượng")
	if col < 0 {
		t.Fatalf("no Khối lượng column in %q", rows[0])
	}
	sums := map[string]float64{}
	for _, r := range rows[1:] {
		qs, err := quantity.Parse(r[col])
		if err != nil {
			t.Fatalf("the CSV's quantities %q: %v", r[col], err)
		}
		for _, q := range qs {
			sums[q.Key()] += q.Value
		}
	}
	return fmt.Sprintf("%v/%v", sums[quantity.Key("buổi")], sums[quantity.Key("lượt người")])
}

// An ambiguous name is answered with a button per match that runs the same command with that
// match's code, through the router again (so its permission holds).
func TestAmbiguousNameOffersButtons(t *testing.T) {
	h := unitsHarness(t)
	got := h.say(admin, admin, "/tiendo donvi Cần Giờ")
	d := buttonData(got)
	if len(d) != 2 || d[0] != "rc:/progress donvi DCG" || d[1] != "rc:/progress donvi TCG" {
		t.Fatalf("buttons %v, want one per unit the name fits", d)
	}
	testutil.MustContain(t, texts(h.press(admin, admin, 1, d[0])), "Đồn Biên phòng Cần Giờ")
	// A stranger pressing a forged one gets what typing it would give.
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tập huấn A")
	h.say(admin, admin, "/hoatdong them 11/12/2026 08:00 Tập huấn B")
	got = h.say(admin, admin, "/lichsu tập huấn")
	if d := buttonData(got); len(d) != 2 || d[0] != "rc:/history A1" {
		t.Fatalf("activity buttons %v", d)
	}
	testutil.MustContain(t, texts(h.press(stranger, stranger, 1, "rc:/hoatdong huy A1")), "cán bộ điều phối")
	if a := h.activity("A1"); a.IsCancelled() {
		t.Fatal("a forged rc: button cancelled an activity for a stranger")
	}
}

// A content area is found by its number, as an ordinal ("thứ tư", "số 2") or by the words of its
// title; a name that fits several offers each.
func TestContentAreasByName(t *testing.T) {
	h := newHarness(t)
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tuyên truyền | nd 2")
	for _, arg := range []string{"2", "số 2", "thứ hai", "mo hinh dan van kheo", "Tuyên truyền, vận động"} {
		testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo nd "+arg)), "Nội dung 2")
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo nd thứ tư")), "Nội dung 4")
	got := h.say(admin, admin, "/tiendo nd cong tac dan van")
	testutil.MustContain(t, texts(got), "nhiều nội dung")
	if d := buttonData(got); len(d) < 2 || !strings.HasPrefix(d[0], "rc:/progress nd ") {
		t.Fatalf("buttons %v", d)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo nd bóng đá")), "/tiendo nd")
}
