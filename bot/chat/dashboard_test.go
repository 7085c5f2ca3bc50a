package chat_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/programme"
)

func dashBot(t *testing.T, now time.Time) *chat.Bot {
	t.Helper()
	return chat.New(chat.Config{Programme: programme.Default(), Admins: map[bot.ID]bool{bot.TelegramID(1): true},
		Viewers: map[bot.ID]bool{bot.TelegramID(2): true}, Loc: now.Location(), Now: func() time.Time { return now }})
}

func TestCanSeeDashboard(t *testing.T) {
	b := dashBot(t, time.Now())
	for id, want := range map[bot.ID]bool{bot.TelegramID(1): true, bot.TelegramID(2): true, bot.TelegramID(3): false, "": false, bot.ZaloID("1"): false} {
		if got := b.CanSeeDashboard(id); got != want {
			t.Errorf("CanSeeDashboard(%s) = %v, want %v", id, got, want)
		}
	}
}

func TestQuarter(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	b := dashBot(t, time.Now().In(loc))
	// 30 Sep 2026 23:30 UTC is 1 Oct 06:30 in Hồ Chí Minh City: the fourth quarter there.
	from, to := b.Quarter(time.Date(2026, 9, 30, 23, 30, 0, 0, time.UTC))
	if got := from.Format("2006-01-02") + " " + to.Format("2006-01-02"); got != "2026-10-01 2026-12-31" {
		t.Errorf("Quarter = %s", got)
	}
}

func TestBuildDashboard(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, loc)
	b := dashBot(t, now)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 8, 0, 0, 0, loc) }
	acts := []bot.Activity{
		{Code: "A1", Title: "Tập huấn", TitleEN: "Training", Content: 1, Owner: "Đồn Biên phòng Cần Giờ", At: day(11, 10)},
		{Code: "A2", Title: "Hội nghị", Content: 1, Owner: "Ban Dân vận", At: day(11, 20)},
		{Code: "A3", Title: "Khám bệnh", Content: 2, At: day(12, 5)},
		{Code: "A4", Title: "Đã hủy", Content: 2, At: day(12, 6), Status: bot.Cancelled},
		{Code: "A6", Title: "Hôm nay", At: time.Date(2026, 11, 26, 7, 0, 0, 0, loc)},
		{Code: "A5", Title: "Năm sau", Content: 3, At: time.Date(2027, 2, 1, 8, 0, 0, 0, loc)},
	}
	reps := []bot.Report{
		{Code: "A1", Name: "Lan", Unit: "Đồn Cần Giờ", At: day(11, 11), Percent: 40},
		{Code: "A1", Name: "Lan", Unit: "Đồn Cần Giờ", At: day(11, 12), Percent: 100, Note: "xong", FileID: "f1"},
		{Code: "A2", Name: "Minh", At: day(11, 21), Percent: 30},
		{Code: "A2", Name: "Old", At: day(9, 1), Percent: 5},
	}
	latest := map[string]bot.Report{"A1": reps[1], "A2": reps[2]}
	from, to := b.Quarter(now)
	d := b.BuildDashboard("en-US", from, to, now, acts, latest, reps)

	if d.Lang != "en" || d.From != "2026-10-01" || d.To != "2026-12-31" || d.FromText != "01/10/2026" {
		t.Errorf("header = %q %q %q %q", d.Lang, d.From, d.To, d.FromText)
	}
	want := chat.DashOverall{Percent: (100 + 30 + 0 + 0) / 4, Activities: 4, Done: 1, UnderWay: 0, Overdue: 1, Planned: 2,
		NotReported: 1} // as the shared assessment counts it for /tiendo and the sơ kết
	if d.Overall != want {
		t.Errorf("overall = %+v, want %+v", d.Overall, want)
	}
	// A6 has no content area: its bar comes last.
	if len(d.Areas) != 3 || d.Areas[0].Key != "1" || d.Areas[0].Percent != 65 || d.Areas[0].Done != 1 ||
		d.Areas[1].Key != "2" || d.Areas[1].Percent != 0 || d.Areas[1].Activities != 1 || d.Areas[2].Key != "0" || d.Areas[2].Label != "No content area" {
		t.Errorf("areas = %+v", d.Areas)
	}
	// Activities of no unit and no owner are one line of their own, after the units.
	if len(d.Units) != 3 || d.Units[0].Label != "Đồn Biên phòng Cần Giờ" || d.Units[0].Percent != 100 || d.Units[1].Percent != 30 ||
		d.Units[2].Label != "No unit" || d.Units[2].Activities != 2 {
		t.Errorf("units = %+v", d.Units)
	}
	if len(d.Targets) != 0 {
		t.Errorf("targets = %+v, want none until targets exist", d.Targets)
	}
	// A2 is overdue (20/11 passed at 30%); A6 (07:00 today) and A3 are still to come; A1 is done
	// and left out.
	if len(d.Timeline) != 3 || d.Timeline[0].Code != "A2" || d.Timeline[0].Status != bot.Overdue ||
		d.Timeline[1].Code != "A6" || d.Timeline[1].Status != bot.Planned ||
		d.Timeline[2].Code != "A3" || d.Timeline[2].When != "05/12/2026 08:00" {
		t.Errorf("timeline = %+v", d.Timeline)
	}
	// Newest first; the September report is outside the period.
	if len(d.Reports) != 3 || d.Reports[0].Name != "Minh" || d.Reports[1].Title != "Training" ||
		!d.Reports[1].HasFile || d.Reports[1].Note != "xong" || d.Reports[1].Unit != "Đồn Cần Giờ" || d.Reports[2].HasFile {
		t.Errorf("reports = %+v", d.Reports)
	}

	vi := b.BuildDashboard("", from, to, now, acts, latest, reps)
	if vi.Lang != "vi" || vi.Reports[1].Title != "Tập huấn" {
		t.Errorf("vi dashboard: lang %q, title %q", vi.Lang, vi.Reports[1].Title)
	}
}

func TestProgressOffersTheDashboard(t *testing.T) {
	h := newHarness(t)
	viewer := bot.TelegramID(400)
	h.b = chat.New(chat.Config{Programme: programme.Default(), Store: h.store, Sender: h.rec, Members: h.members,
		Reminders: h.reminders, Admins: map[bot.ID]bool{admin: true}, Viewers: map[bot.ID]bool{viewer: true},
		DashboardURL: "https://bot.example.org/app/", Loc: h.now.Location(), Now: func() time.Time { return h.now }})
	h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn nghiệp vụ dân vận | nd 4")
	button := func(rs []chat.Reply) string {
		for _, r := range rs {
			for _, row := range r.Buttons {
				for _, b := range row {
					if b.WebApp != "" {
						return b.Text + " " + b.WebApp
					}
				}
			}
		}
		return ""
	}
	for _, c := range []struct {
		name         string
		from, chatID bot.ID
		want         string
	}{
		{"coordinator, private", admin, admin, "📊 Bảng điều khiển https://bot.example.org/app/"},
		{"viewer, private", viewer, viewer, "📊 Bảng điều khiển https://bot.example.org/app/"},
		{"cadre, private", cadre, cadre, ""},
		{"coordinator in a group", admin, groupID, ""},
	} {
		if got := button(h.say(c.from, c.chatID, "/tiendo")); got != c.want {
			t.Errorf("%s: dashboard button %q, want %q", c.name, got, c.want)
		}
	}
	h.b = chat.New(chat.Config{Programme: programme.Default(), Store: h.store, Sender: h.rec, Members: h.members,
		Admins: map[bot.ID]bool{admin: true}, Loc: h.now.Location(), Now: func() time.Time { return h.now }})
	if got := button(h.say(admin, admin, "/tiendo")); got != "" {
		t.Errorf("without a public URL: dashboard button %q", got)
	}
}

// With units as data the dashboard's unit bars roll up by unit code, parents including their
// sub-units; targets stand against what the period's reports achieved; and the page speaks the
// language the user chose with /lang over the client's.
func TestDashboardUnitsTargetsAndLanguage(t *testing.T) {
	h := dashboardUnitsHarness(t)
	day := h.now.AddDate(0, 0, 3).Format("02/01/2006")
	h.say(admin, admin, "/hoatdong them "+day+" 08:00 Tuyên truyền | nd 2 | đv DCG | mã T1 | chỉ tiêu 20 buổi")
	h.say(admin, admin, "/hoatdong them "+day+" 09:00 Giao ban | nd 3 | đv BCH | mã T2")
	h.say(admin, admin, "/hoatdong them "+day+" 10:00 Hội nghị | nd 1 | đv BDV | mã T3")
	h.say(admin, admin, "/baocao T1 60% | 12 buổi")
	h.say(admin, admin, "/baocao T1 80% | 3 buoi")
	h.say(admin, admin, "/baocao T2 20%")
	h.say(admin, admin, "/lang en")

	from, to := h.b.Quarter(h.now)
	d, err := h.b.Dashboard(context.Background(), admin, "vi", from, to.AddDate(0, 3, 0))
	if err != nil {
		t.Fatal(err)
	}
	if d.Lang != "en" {
		t.Errorf("language %q, want en as chosen with /lang", d.Lang)
	}
	units := map[string]chat.DashBar{}
	for _, u := range d.Units {
		units[u.Key] = u
	}
	// BCH holds T2 (20%) and, through DCG, T1 (80%): 2 activities, average 50%.
	if u := units["BCH"]; u.Activities != 2 || u.Percent != 50 || u.Depth != 0 {
		t.Errorf("BCH = %+v", u)
	}
	if u := units["DCG"]; u.Activities != 1 || u.Percent != 80 || u.Depth != 1 || u.Label != "Đồn Cần Giờ" {
		t.Errorf("DCG = %+v", u)
	}
	if u := units["BDV"]; u.Activities != 1 || u.Percent != 0 {
		t.Errorf("BDV = %+v", u)
	}
	if len(d.Targets) != 1 || d.Targets[0].Achieved != 15 || d.Targets[0].Target != 20 || d.Targets[0].Text != "15/20 buổi" ||
		d.Targets[0].Unit != "Đồn Cần Giờ" {
		t.Errorf("targets = %+v", d.Targets)
	}
	// A period that ends before the reports counts none of their quantities.
	before, err := h.b.Dashboard(context.Background(), admin, "vi", from.AddDate(-1, 0, 0), from.AddDate(0, 0, -1))
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Targets) != 0 || len(before.Reports) != 0 {
		t.Errorf("a period before everything: targets %+v, reports %d", before.Targets, len(before.Reports))
	}
}

// TestDashboardAgreesWithTiendo: for the same data and period, each unit's figures on the
// dashboard (activities, average, done, overdue, not reported) are /tiendo donvi's, and a target
// carries its percentage.
func TestDashboardAgreesWithTiendo(t *testing.T) {
	h := dashboardUnitsHarness(t)
	day := func(n int) string { return h.now.AddDate(0, 0, n).Format("02/01/2006") }
	h.say(admin, admin, "/hoatdong them "+day(1)+" 08:00 Tuyên truyền | nd 2 | đv DCG | mã T1 | chỉ tiêu 20 buổi")
	h.say(admin, admin, "/hoatdong them "+day(1)+" 09:00 Giao ban | nd 3 | đv BCH | mã T2")
	h.say(admin, admin, "/hoatdong them "+day(1)+" 10:00 Hội nghị | nd 1 | đv BDV | mã T3")
	h.say(admin, admin, "/hoatdong them "+day(20)+" 10:00 Tập huấn | nd 1 | đv DCG | mã T4")
	h.say(admin, admin, "/baocao T1 60% | 12 buổi")
	h.say(admin, admin, "/baocao T1 80% | 3 buoi")
	h.say(admin, admin, "/baocao T3 100%")
	h.now = h.now.AddDate(0, 0, 3) // T1 and T2 are past due; T2 has no report

	// "Toàn chương trình" (zero days) covers what /tiendo covers: all time.
	d, err := h.b.Dashboard(context.Background(), admin, "vi", time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !d.All || d.FromText != "toàn chương trình" || d.Overall.Activities != 4 {
		t.Errorf("whole programme: all %v, %q, %d activities, want 4", d.All, d.FromText, d.Overall.Activities)
	}
	if d.Overall.NotReported != 1 {
		t.Errorf("overall not reported %d, want 1 (T2)", d.Overall.NotReported)
	}
	if len(d.Units) == 0 {
		t.Fatal("no units on the dashboard")
	}
	for _, u := range d.Units {
		got := texts(h.say(admin, admin, "/tiendo donvi "+u.Key))
		want := fmt.Sprintf("%d hoạt động · trung bình %d%% · hoàn thành %d · quá hạn %d · chưa báo cáo %d",
			u.Activities, u.Percent, u.Done, u.Overdue, u.NotReported)
		if !strings.Contains(got, want) {
			t.Errorf("the dashboard's %s reads %q; /tiendo donvi %s:\n%s", u.Key, want, u.Key, got)
		}
	}
	if bch := d.Units[0]; bch.Key != "BCH" || bch.Overdue != 2 || bch.NotReported != 1 {
		t.Errorf("BCH = %+v, want T1 and T2 overdue, T2 not reported", bch)
	}
	if len(d.Targets) != 1 || d.Targets[0].Percent != 75 {
		t.Errorf("targets = %+v, want 15/20 at 75%%", d.Targets)
	}
}

// dashboardUnitsHarness is a harness whose bot runs a programme with three units (BCH, DCG under
// it, BDV) and no due queue.
func dashboardUnitsHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	p, err := programme.Parse([]byte(`extends: seed
units:
  - {code: BCH, name: Bộ Chỉ huy}
  - {code: DCG, name: Đồn Cần Giờ, parent: BCH}
  - {code: BDV, name: Ban Dân vận}
`))
	if err != nil {
		t.Fatal(err)
	}
	h.b = chat.New(chat.Config{Programme: p, Store: h.store, Sender: h.rec, Members: h.members,
		Admins: map[bot.ID]bool{admin: true}, Loc: h.now.Location(), Now: func() time.Time { return h.now }})
	return h
}
