package chat_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/testutil"
)

func TestStatusOf(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	at := time.Date(2026, 12, 5, 8, 0, 0, 0, loc)
	before, sameDay, dayAfter := at.Add(-time.Hour), at.Add(10*time.Hour), at.Add(17*time.Hour)
	open, cxl := bot.Activity{Code: "A1", At: at}, bot.Activity{Code: "A1", At: at, Status: bot.Cancelled}
	r60, r100 := bot.Report{Percent: 60}, bot.Report{Percent: 100}
	tests := []struct {
		name     string
		a        bot.Activity
		r        bot.Report
		reported bool
		now      time.Time
		want     bot.Status
	}{
		{"no report, not yet due", open, bot.Report{}, false, before, bot.Planned},
		{"no report, later the same day", open, bot.Report{}, false, sameDay, bot.Planned},
		{"no report, the day is over", open, bot.Report{}, false, dayAfter, bot.Overdue},
		{"below 100%", open, r60, true, before, bot.UnderWay},
		{"below 100% and the day is over", open, r60, true, dayAfter, bot.Overdue},
		{"100%", open, r100, true, dayAfter, bot.Done},
		{"cancelled wins", cxl, r100, true, before, bot.Cancelled},
		{"stored 'done' of older data means nothing", bot.Activity{Code: "A1", At: at, Status: bot.Done}, bot.Report{}, false, before, bot.Planned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bot.StatusOf(tt.a, tt.r, tt.reported, tt.a.At, tt.now, loc); got != tt.want {
				t.Errorf("StatusOf = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCancelRestoreAndEditOfCancelled(t *testing.T) {
	h := setup(t)
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong huy A1 trùng lịch")), "Đã hủy", "A1")
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong huy A1")), "đã bị hủy từ trước")
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong sua A1 | tên Tên mới")), "đã bị hủy", "không sửa được")
	plan := texts(h.say(cadre, cadre, "/kehoach"))
	if strings.Contains(plan, "Đã qua hoặc đã xong") {
		t.Errorf("a cancelled activity is counted as past or done:\n%s", plan)
	}
	testutil.MustContain(t, plan, "Đã hủy: 1")
	if rs, _ := h.reminders.Reminders(context.Background(), ""); len(rs) != 0 {
		t.Errorf("the cancelled activity kept %d reminders", len(rs))
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong mo A1")), "Đã khôi phục", "A1")
	if rs, _ := h.reminders.Reminders(context.Background(), ""); len(rs) != 2 {
		t.Errorf("the restored activity has %d reminders, want its 2", len(rs))
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong mo A1")), "không bị hủy")
	hist := texts(h.say(cadre, cadre, "/lichsu A1"))
	for _, w := range []string{"thêm hoạt động", "hủy hoạt động", "trùng lịch", "khôi phục hoạt động", "chưa bắt đầu → đã hủy", "đã hủy → chưa bắt đầu"} {
		testutil.MustContain(t, hist, w)
	}
	if strings.Contains(hist, "planned") || strings.Contains(hist, "cancelled") {
		t.Errorf("the Vietnamese history shows a status in English:\n%s", hist)
	}
	if strings.Index(hist, "hủy hoạt động") > strings.Index(hist, "khôi phục") {
		t.Errorf("history out of order:\n%s", hist)
	}
}

func TestOverdueIsShown(t *testing.T) {
	h := setup(t)
	h.now = time.Date(2026, 12, 6, 9, 0, 0, 0, h.now.Location())
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/tiendo A1")), "(quá hạn)")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/kehoach")), "quá hạn")
}

func TestDoneActivityReminderSkippedThenBackAfterWithdraw(t *testing.T) {
	h := setup(t) // A1 on 05/12 08:00, reminded 1 day and 1 hour before
	h.say(cadre, cadre, "/baocao A1 xong")
	if got := texts(h.advance(8*24*time.Hour + 23*time.Hour - time.Hour*9)); strings.Contains(got, "Sắp diễn ra") {
		t.Fatalf("a done activity was reminded:\n%s", got)
	}
	h.say(cadre, cadre, "/baocao rut A1")
	if got := texts(h.advance(8 * time.Hour)); !strings.Contains(got, "Sắp diễn ra") {
		t.Fatalf("after the withdrawal the reminder did not come back:\n%s", got)
	}
}

func TestCoordinatorWithdrawsOrCorrectsAnyonesReport(t *testing.T) {
	h := setup(t)
	h.say(cadre, cadre, "/baocao A1 60%")
	testutil.MustContain(t, texts(h.say(stranger, stranger, "/baocao rut A1")), "chưa có quyền")
	testutil.MustContain(t, texts(h.say(admin, admin, "/baocao sua A1 200 70% số liệu mới")), "Đã sửa báo cáo", "70%", "Nguyễn Văn Tiến")
	latest, _ := h.store.Latest(context.Background())
	if r := latest["A1"]; r.Percent != 70 || r.UserID != cadre {
		t.Fatalf("latest after the correction = %+v, want the cadre's report at 70%%", r)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/baocao rut A1")), "Đã rút", "Nguyễn Văn Tiến")
	if rs, _ := h.store.Reports(context.Background()); len(rs) != 0 {
		t.Fatalf("%d reports left, want 0", len(rs))
	}
	// A cadre who may no longer report cannot withdraw either.
	h.say(cadre, cadre, "/baocao A1 50%")
	testutil.MustContain(t, texts(h.say(admin, groupID, "/huydangky")), "đã hủy đăng ký")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao rut A1")), "chưa có quyền")
}

func TestGroupAdminRequestNeedsApproval(t *testing.T) {
	h := newHarness(t)
	h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn")
	h.members[[2]bot.ID{groupID, stranger}] = "administrator"
	h.members[[2]bot.ID{groupID, cadre}] = "member"
	got := h.say(stranger, groupID, "/dangky")
	testutil.MustContain(t, texts(got), "Đã gửi yêu cầu")
	var toAdmin chat.Reply
	for _, r := range got {
		if r.ChatID == admin {
			toAdmin = r
		}
	}
	if !strings.Contains(chat.PlainText(toAdmin.Text), "Yêu cầu đăng ký nhóm") {
		t.Fatalf("the coordinator got no request: %+v", got)
	}
	testutil.MustContain(t, texts(h.say(cadre, groupID, "/baocao A1 50%")), "chưa có quyền")
	// A forged approval by the group admin is refused by the route table.
	testutil.MustContain(t, texts(h.press(stranger, stranger, 1, "ga:-1001")), "cán bộ điều phối")
	testutil.MustContain(t, texts(h.press(admin, admin, 1, "ga:-1001")), "Đã duyệt")
	testutil.MustContain(t, texts(h.say(cadre, groupID, "/baocao A1 50%")), "Đã ghi nhận")
	// Removing an approved group says so (not "refused"), in one clean sentence.
	h.say(admin, groupID, "/nhac +2h Họp giao ban")
	removed := texts(h.press(admin, admin, 2, "gx:-1001"))
	testutil.MustContain(t, removed, "Đã gỡ", "Đã hủy 1 lời nhắc")
	if strings.Contains(removed, "từ chối") || strings.Contains(removed, "/") || strings.Contains(removed, "..") {
		t.Errorf("removal reply: %q", removed)
	}
	// A request refused says it was refused.
	h.say(stranger, groupID, "/dangky")
	testutil.MustContain(t, texts(h.press(admin, admin, 3, "gx:-1001")), "Đã từ chối yêu cầu đăng ký")
}

func TestReportForms(t *testing.T) {
	h := setup(t)
	for _, tt := range []struct{ text, want string }{
		{"/baocao A1 70 %", "70%"},
		{"/baocao 40% A1", "40%"},
		{"/baocao A1 65 phần trăm đã xong bước 1", "65%"},
		{"/baocao A1 hoàn thành", "100%"},
		{"/baocao xong A1", "100%"},
	} {
		testutil.MustContain(t, texts(h.say(cadre, cadre, tt.text)), "Đã ghi nhận", tt.want)
	}
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao A1 50% "+strings.Repeat("x", 1001))), "tối đa 1000")
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 "+strings.Repeat("T", 201))), "tối đa 200")
	got := texts(h.say(cadre, cadre, "/baocao A1 55% ghi\x00chú\x07 sạch"))
	testutil.MustContain(t, got, "ghichú sạch")
}

func TestLateActivitySaysWhichRemindersWillNotBeSent(t *testing.T) {
	h := newHarness(t) // 26/11/2026 09:00
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong them 26/11/2026 20:00 Họp tối")), "Không gửi được lời nhắc trước 1 ngày")
}

func TestWeeklyActivityIsReportedPerOccurrence(t *testing.T) {
	h := setup(t) // Thursday 26/11/2026
	h.say(admin, admin, "/hoatdong them hằng tuần t2 08:00 Giao ban | mã GB")
	h.now = time.Date(2026, 12, 8, 10, 0, 0, 0, h.now.Location()) // Tuesday after the 07/12 meeting
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao GB xong")), "Đã ghi nhận", "07/12/2026")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao GB 30/11 50%")), "30/11/2026")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao GB 01/12 50%")), "không diễn ra")
	got := texts(h.say(cadre, cadre, "/tiendo GB"))
	testutil.MustContain(t, got, "Buổi 07/12/2026", "100%", "30/11/2026", "50%")
	h.now = h.now.Add(7 * 24 * time.Hour) // the next week's meeting has not been reported
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/tiendo GB")), "Buổi 14/12/2026", "chưa có báo cáo")
	if rs, _ := h.reminders.Reminders(context.Background(), ""); len(rs) == 0 {
		t.Error("the weekly activity lost its reminders")
	}
}

func TestProgressWithAnAreaTheProgrammeLacks(t *testing.T) {
	h := newHarness(t)
	if _, err := h.store.SaveActivity(context.Background(), bot.Activity{Code: "VD1", Title: "Ví dụ", Content: 9}, true); err != nil {
		t.Fatal(err)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo")), "VD1", "Chưa gắn nội dung")
}

func TestCoordinatorWithdrawsByReportID(t *testing.T) {
	h := setup(t)
	h.say(cadre, cadre, "/baocao A1 60%")
	rs, _ := h.store.Reports(context.Background())
	if len(rs) != 1 {
		t.Fatal(rs)
	}
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/lichsu A1")), rs[0].ID)
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao rut "+rs[0].ID)), "cán bộ điều phối")
	// The id with another activity's code, or an id that is no report: nothing is withdrawn.
	h.say(admin, admin, "/hoatdong them 06/12/2026 08:00 Họp | mã A2")
	testutil.MustContain(t, texts(h.say(admin, admin, "/baocao rut A2 "+rs[0].ID)), "Không có báo cáo mã "+rs[0].ID)
	testutil.MustContain(t, texts(h.say(admin, admin, "/baocao rut 1700000000000-0")), "Không có báo cáo mã 1700000000000-0")
	if left, _ := h.store.Reports(context.Background()); len(left) != 1 {
		t.Fatalf("a refused withdrawal took a report: %+v", left)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/baocao rut "+rs[0].ID+" lý do: trùng")), "Đã rút", "Nguyễn Văn Tiến")
	testutil.MustContain(t, texts(h.say(admin, admin, "/lichsu A1")), "lý do: trùng")
}

func TestReportingBelow100AfterDoneReopens(t *testing.T) {
	h := setup(t)
	h.say(cadre, cadre, "/baocao A1 xong")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/tiendo A1")), "(hoàn thành)")
	h.say(cadre, cadre, "/baocao A1 50% còn phải làm lại")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/tiendo A1")), "(đang thực hiện)", "50%")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/kehoach")), "A1")
}

// Cancelling an activity at 80% writes where it stood to the history ("đang thực hiện → đã hủy"),
// and restoring it says where it stands again.
func TestCancelAuditSaysWhereItStood(t *testing.T) {
	h := setup(t)
	testutil.MustContain(t, texts(h.say(admin, admin, "/baocao A1 80% đã tập huấn 4 ấp")), "80%")
	h.say(admin, admin, "/hoatdong huy A1 trùng lịch")
	h.say(admin, admin, "/hoatdong mo A1")
	hist := texts(h.say(admin, admin, "/lichsu A1"))
	testutil.MustContain(t, hist, "đang thực hiện → đã hủy", "đã hủy → đang thực hiện")
	if strings.Contains(hist, "chưa bắt đầu → đã hủy") {
		t.Errorf("the history says an activity at 80%% had not started:\n%s", hist)
	}
}
