package chat_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/internal/testutil"
	"github.com/xuri/excelize/v2"
)

// The tests of issue 12 (sơ kết): units, owner persons and targets on activities, quantities in
// reports, the views by unit, content area and "not reported", the nudges, /soket and /xuat's
// filters, and groups tied to units.

// unitsYAML is the seed programme with units: two parties, a post and a team under the border
// guard, and a flotilla.
const unitsYAML = `extends: seed
units:
  - code: BDV
    name: {vi: Ban Dân vận Thành ủy TPHCM, en: Mass Mobilisation Commission}
  - code: BDBP
    name: {vi: Bộ Chỉ huy Bộ đội Biên phòng TPHCM, en: Border Guard Command}
  - code: DCG
    name: {vi: Đồn Biên phòng Cần Giờ, en: Can Gio border post}
    parent: BDBP
  - code: TCG
    name: Tổ công tác Cần Giờ
    parent: dcg
  - code: HD
    name: Hải đội Biên phòng 2
    parent: BDBP
`

const unitCodes = "BDBP, BDV, DCG, HD, TCG"

// lan owns activities; she is known to the bot as @Lan_Nguyen once she writes to it in private.
const lan = bot.ID("tg:400")

var lanUser = chat.User{ID: lan, FirstName: "Lan", Username: "Lan_Nguyen"}

// unitsHarness is a harness whose programme has units, with admin an administrator and cadre a
// member of the group (not yet subscribed).
func unitsHarness(t *testing.T) *harness {
	t.Helper()
	p, err := programme.Parse([]byte(unitsYAML))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarnessWith(t, p)
	h.members[[2]bot.ID{groupID, admin}] = "administrator"
	h.members[[2]bot.ID{groupID, cadre}] = "member"
	return h
}

// sayUser sends text from user (with their username) in chat.
func (h *harness) sayUser(u chat.User, chatID bot.ID, text string) []chat.Reply {
	h.t.Helper()
	return h.handle(chat.Update{ID: h.upd(), ChatID: chatID, ChatKind: kindOf(chatID), ChatTitle: titleOf(chatID), From: u, Text: text})
}

// activity is the stored activity code.
func (h *harness) activity(code string) bot.Activity {
	h.t.Helper()
	a, ok, err := h.store.Activity(context.Background(), code)
	if err != nil || !ok {
		h.t.Fatalf("activity %s: %v, %v", code, ok, err)
	}
	return a
}

// reports are every stored report, oldest first.
func (h *harness) reports() []bot.Report {
	h.t.Helper()
	rs, err := h.store.Reports(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return rs
}

// activityCount is how many activities are stored.
func (h *harness) activityCount() int {
	h.t.Helper()
	as, err := h.store.Activities(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return len(as)
}

// at sets the clock to d/m/2026 hh:00.
func (h *harness) at(d, m, hh int) {
	h.now = time.Date(2026, time.Month(m), d, hh, 0, 0, 0, h.now.Location())
}

func mustNotContain(t *testing.T, got string, nots ...string) {
	t.Helper()
	for _, n := range nots {
		if strings.Contains(got, n) {
			t.Errorf("reply has %q; got:\n%s", n, got)
		}
	}
}

// to are the replies sent to chat.
func to(rs []chat.Reply, chatID bot.ID) []chat.Reply {
	var out []chat.Reply
	for _, r := range rs {
		if r.ChatID == chatID && r.AnswerCallback == "" {
			out = append(out, r)
		}
	}
	return out
}

func TestActivityUnitPersonTargets(t *testing.T) {
	h := unitsHarness(t)
	got := texts(h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tuyên truyền pháp luật | nd 2 | đv dcg | phụ trách @lan_nguyen | chỉ tiêu 20 buổi, 500 lượt người"))
	testutil.MustContain(t, got, "A1", "Đồn Biên phòng Cần Giờ", "phụ trách @lan_nguyen", "Chỉ tiêu: 20 buổi, 500 lượt người")
	mustNotContain(t, got, "báo cáo mới nhất")
	a := h.activity("A1")
	if a.Unit != "DCG" || a.Owner != "" || a.Person != "@lan_nguyen" || a.Tally != "" ||
		!reflect.DeepEqual(a.Targets, []quantity.Amount{{Value: 20, Unit: "buổi"}, {Value: 500, Unit: "lượt người"}}) {
		t.Errorf("A1 = %+v", a)
	}

	t.Run("unit by its name without diacritics, person by id, latest tally", func(t *testing.T) {
		got := texts(h.say(admin, admin, "/hoatdong them 06/12/2026 08:00 Khám bệnh | đv hai doi bien phong 2 | phụ trách 123456789 | chỉ tiêu 1200 lượt người | tính mới nhất"))
		testutil.MustContain(t, got, "A2", "Hải đội Biên phòng 2", "1.200 lượt người", "(tính theo báo cáo mới nhất)")
		a := h.activity("A2")
		if a.Unit != "HD" || a.Person != "tg:123456789" || a.Tally != quantity.Latest ||
			!reflect.DeepEqual(a.Targets, []quantity.Amount{{Value: 1200, Unit: "lượt người"}}) {
			t.Errorf("A2 = %+v", a)
		}
	})
	t.Run("edit changes unit, clears the person, replaces the targets", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong sua A1 | đv TCG | phụ trách - | chỉ tiêu 30 buổi | tính tổng")), "Tổ công tác Cần Giờ", "30 buổi")
		a := h.activity("A1")
		if a.Unit != "TCG" || a.Person != "" || a.Tally != quantity.Sum || !reflect.DeepEqual(a.Targets, []quantity.Amount{{Value: 30, Unit: "buổi"}}) {
			t.Errorf("A1 after edit = %+v", a)
		}
	})

	before := h.activity("A1")
	for _, c := range []struct {
		name, text string
		wants      []string
	}{
		{"unknown unit lists the codes", "/hoatdong them 07/12/2026 08:00 X | đv XYZ", []string{"Không có đơn vị “XYZ”", "Các đơn vị (mã): " + unitCodes + "."}},
		{"unknown unit on edit", "/hoatdong sua A1 | đv Đồn Cần Thơ", []string{"Không có đơn vị “Đồn Cần Thơ”", unitCodes}},
		{"targets without numbers", "/hoatdong them 07/12/2026 08:00 X | chỉ tiêu nhiều buổi", []string{"Không đọc được chỉ tiêu “nhiều buổi”", "| chỉ tiêu 20 buổi, 500 lượt người"}},
		{"target without a unit", "/hoatdong sua A1 | chỉ tiêu 20", []string{"Không đọc được chỉ tiêu “20”"}},
		{"target unit twice", "/hoatdong them 07/12/2026 08:00 X | chỉ tiêu 2 buổi, 3 buoi", []string{"Không đọc được chỉ tiêu"}},
		{"person without @", "/hoatdong them 07/12/2026 08:00 X | phụ trách lan", []string{"Người phụ trách “lan” không hợp lệ", "@tên_người_dùng", "| phụ trách @lan"}},
		{"person with a space", "/hoatdong sua A1 | phụ trách @lan nguyen", []string{"Người phụ trách “@lan nguyen” không hợp lệ"}},
		{"a group is no person", "/hoatdong sua A1 | phụ trách -1001", []string{"Người phụ trách “-1001” không hợp lệ"}},
		{"nor a qualified group id", "/hoatdong them 07/12/2026 08:00 X | phụ trách tg:-1001", []string{"Người phụ trách “tg:-1001” không hợp lệ"}},
		{"tally", "/hoatdong them 07/12/2026 08:00 X | tính trung bình", []string{"Cách tính “trung bình” không hợp lệ", "| tính tổng", "| tính mới nhất"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			testutil.MustContain(t, texts(h.say(admin, admin, c.text)), c.wants...)
			if n := h.activityCount(); n != 2 {
				t.Errorf("%d activities stored, want 2", n)
			}
			if a := h.activity("A1"); !reflect.DeepEqual(a, before) {
				t.Errorf("A1 changed by a refused command: %+v", a)
			}
		})
	}

	t.Run("without units in the programme, đv is free text", func(t *testing.T) {
		h := newHarness(t)
		testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn | đv Đồn Biên phòng Cần Giờ")), "A1", "Đồn Biên phòng Cần Giờ")
		if a := h.activity("A1"); a.Owner != "Đồn Biên phòng Cần Giờ" || a.Unit != "" {
			t.Errorf("A1 = %+v, want the free-text owner", a)
		}
		testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo donvi DCG")), "chưa khai báo đơn vị nào")
	})
}

func TestReportQuantities(t *testing.T) {
	h := unitsHarness(t)
	h.say(admin, admin, "/hoatdong them 20/12/2026 08:00 Tuyên truyền | đv DCG | chỉ tiêu 20 buổi, 500 lượt người")
	h.say(admin, admin, "/hoatdong them 20/12/2026 08:00 Tiếp cận | đv DCG | chỉ tiêu 500 lượt người | tính mới nhất")
	h.say(admin, admin, "/hoatdong them 20/12/2026 08:00 Không chỉ tiêu | đv DCG")
	testutil.MustContain(t, texts(h.say(admin, groupID, "/dangky")), "đã đăng ký")

	testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao A1 30% buổi đầu | 12 buổi, 320 lượt người")),
		"Đã ghi nhận", "Ghi chú: buổi đầu", "Khối lượng: 12 buổi, 320 lượt người")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao A1 50% | 3 BUOI")), "Khối lượng: 3 buổi")
	rs := h.reports()
	if len(rs) != 2 || rs[0].Note != "buổi đầu" || rs[1].Note != "" ||
		!reflect.DeepEqual(rs[1].Qty, []quantity.Amount{{Value: 3, Unit: "buổi"}}) {
		t.Fatalf("reports = %+v; want the second with 3 buổi, written as the target writes it", rs)
	}
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/tiendo A1")), "15/20 buổi (75%), 320/500 lượt người (64%)")

	t.Run("latest mode takes the latest report's figure", func(t *testing.T) {
		h.say(cadre, cadre, "/baocao A2 20% | 100 lượt người")
		h.say(cadre, cadre, "/baocao A2 40% | 250 luot nguoi")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/tiendo A2")), "250/500 lượt người (50%)")
	})
	t.Run("without targets any quantity is kept as written", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao A3 10% | 2 tin bài")), "Khối lượng: 2 tin bài")
		rs := h.reports()
		if q := rs[len(rs)-1].Qty; !reflect.DeepEqual(q, []quantity.Amount{{Value: 2, Unit: "tin bài"}}) {
			t.Errorf("A3 quantities = %+v", q)
		}
	})

	n := len(h.reports())
	for _, c := range []struct {
		name, text string
		wants      []string
	}{
		{"a unit no target names", "/baocao A1 60% | 2 lớp", []string{"Hoạt động A1 có chỉ tiêu tính bằng: buổi, lượt người; “lớp” không thuộc chỉ tiêu nào."}},
		{"one good, one foreign", "/baocao A1 60% | 2 buổi, 7 km", []string{"“km” không thuộc chỉ tiêu nào"}},
		{"no number", "/baocao A1 60% | nhiều buổi", []string{"Không đọc được khối lượng “nhiều buổi”", "/baocao A7 60% | 12 buổi, 320 lượt người"}},
		{"a unit twice", "/baocao A1 60% | 2 buổi, 3 buổi", []string{"Không đọc được khối lượng “2 buổi, 3 buổi”"}},
		{"no percent", "/baocao A1 | 12 buổi", []string{"Cách báo cáo: /baocao MÃ PHẦN_TRĂM"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			testutil.MustContain(t, texts(h.say(cadre, cadre, c.text)), c.wants...)
			if got := len(h.reports()); got != n {
				t.Errorf("%d reports stored, want %d: a refused report was kept", got, n)
			}
		})
	}

	t.Run("a correction replaces the quantities", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao sua A1 70% | 5 buổi")), "Đã sửa", "Khối lượng: 5 buổi")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/tiendo A1")), "17/20 buổi (85%), 320/500 lượt người (64%)")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao sua A1 80% | 2 lớp")), "không thuộc chỉ tiêu")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/tiendo A1")), "17/20 buổi", "70%")
	})
}

func TestReportUnit(t *testing.T) {
	h := unitsHarness(t)
	h.say(admin, admin, "/hoatdong them 20/12/2026 08:00 Tuyên truyền | đv BDV")
	testutil.MustContain(t, texts(h.say(admin, groupID, "/dangky DCG")), "đã đăng ký", "Đơn vị: Đồn Biên phòng Cần Giờ")
	last := func() bot.Report {
		rs := h.reports()
		return rs[len(rs)-1]
	}
	testutil.MustContain(t, texts(h.say(cadre, groupID, "/baocao A1 10%")), "Đã ghi nhận")
	if u := last().Unit; u != "DCG" {
		t.Errorf("a report in the group tied to DCG has unit %q", u)
	}
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao A1 20%")), "Đã ghi nhận")
	if u := last().Unit; u != "DCG" {
		t.Errorf("a private report by a member of the group tied to DCG has unit %q", u)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/thanhvien them 200 hai doi bien phong 2")), "(đơn vị: Hải đội Biên phòng 2)")
	testutil.MustContain(t, texts(h.say(cadre, groupID, "/baocao A1 30%")), "Đã ghi nhận")
	if u := last().Unit; u != "HD" {
		t.Errorf("an added reporter of HD writing in the DCG group reports for %q, want their own unit", u)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/thanhvien them 300 XYZ")), "Không có đơn vị “XYZ”")
}

func TestProgressByUnitAndArea(t *testing.T) {
	h := unitsHarness(t)
	for _, s := range []string{
		"/hoatdong them 20/12/2026 08:00 Tuyên truyền biển đảo | nd 2 | đv DCG",
		"/hoatdong them 20/12/2026 08:00 Khám bệnh miễn phí | nd 2 | đv TCG",
		"/hoatdong them 20/12/2026 08:00 Tặng quà học sinh | nd 3 | đv HD",
		"/hoatdong them 20/12/2026 08:00 Hội nghị dân vận | nd 2 | đv BDV",
	} {
		h.say(admin, admin, s)
	}
	h.say(admin, admin, "/baocao A1 60%")
	h.say(admin, admin, "/baocao A2 xong")
	h.say(admin, admin, "/baocao A4 50%")

	got := texts(h.say(cadre, cadre, "/tiendo donvi bdbp"))
	testutil.MustContain(t, got, "Tiến độ — Bộ Chỉ huy Bộ đội Biên phòng TPHCM (26/11/2026 09:00)",
		"\n3 hoạt động · trung bình 53% · hoàn thành 1 · quá hạn 0 · chưa báo cáo 0",
		"\n• Đồn Biên phòng Cần Giờ: 2 hoạt động · trung bình 80% · hoàn thành 1",
		"\n  • Tổ công tác Cần Giờ: 1 hoạt động · trung bình 100% · hoàn thành 1",
		"\n• Hải đội Biên phòng 2: 1 hoạt động · trung bình 0% · hoàn thành 0",
		"Tuyên truyền biển đảo", "Khám bệnh miễn phí", "Tặng quà học sinh")
	mustNotContain(t, got, "Hội nghị dân vận", "Ban Dân vận")

	got = texts(h.say(cadre, cadre, "/tiendo donvi Đồn Biên phòng Cần Giờ"))
	testutil.MustContain(t, got, "Tiến độ — Đồn Biên phòng Cần Giờ", "\n2 hoạt động · trung bình 80% · hoàn thành 1",
		"Tổ công tác Cần Giờ: 1 hoạt động", "Tuyên truyền biển đảo", "Khám bệnh miễn phí")
	mustNotContain(t, got, "Tặng quà học sinh", "Hải đội")

	got = texts(h.say(cadre, cadre, "/tiendo nd 2"))
	testutil.MustContain(t, got, "Tiến độ — Nội dung 2:", "\n3 hoạt động · trung bình 70% · hoàn thành 1",
		"Tuyên truyền biển đảo", "Khám bệnh miễn phí", "Hội nghị dân vận")
	mustNotContain(t, got, "Tặng quà học sinh")

	for _, c := range []struct{ text, want string }{
		{"/tiendo donvi", "Cách dùng: /tiendo donvi MÃ_ĐƠN_VỊ, ví dụ /tiendo donvi BDBP. Các mã: " + unitCodes + "."},
		{"/tiendo donvi XYZ", "Không có đơn vị “XYZ”. Các đơn vị (mã): " + unitCodes + "."},
		{"/tiendo nd 9", "Cách dùng: /tiendo nd N, với N từ 1 đến 5."},
		{"/tiendo nd", "Cách dùng: /tiendo nd N"},
		{"/tiendo nd bóng đá", "Cách dùng: /tiendo nd N"},
		{"/tiendo chuabaocao 0", "Cách dùng: /tiendo chuabaocao [N], với N là số ngày từ 1 đến 365"},
		{"/tiendo chuabaocao 400", "Cách dùng: /tiendo chuabaocao [N]"},
		{"/tiendo chuabaocao mai", "Cách dùng: /tiendo chuabaocao [N]"},
	} {
		testutil.MustContain(t, texts(h.say(cadre, cadre, c.text)), c.want)
	}
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/tiendo chưa báo cáo 5 ngày")), "Không có hoạt động nào quá hạn hay chưa báo cáo")
}

// section is the part of text from the line starting with head to the next blank line.
func section(text, head string) string {
	i := strings.Index(text, head)
	if i < 0 {
		return ""
	}
	s := text[i:]
	if j := strings.Index(s, "\n\n"); j >= 0 {
		s = s[:j]
	}
	return s
}

func TestStaleViewAndNudgeButton(t *testing.T) {
	h := unitsHarness(t)
	h.say(admin, admin, "/hoatdong them 28/11/2026 08:00 Tuyên truyền biển đảo | đv TCG | phụ trách @lan_nguyen")
	h.say(admin, admin, "/hoatdong them 28/11/2026 08:00 Khám bệnh | đv HD")
	h.say(admin, admin, "/hoatdong them 20/12/2026 08:00 Hội nghị cuối năm | đv BDV | phụ trách @lan_nguyen")
	h.say(admin, groupID, "/dangky")
	h.say(cadre, cadre, "/baocao A1 20%")
	h.now = h.now.Add(8 * 24 * time.Hour) // 04/12/2026 09:00: A1's report is 8 days old

	got := h.say(admin, admin, "/tiendo chuabaocao")
	text := texts(got)
	stale := section(text, "Chưa báo cáo trong 7 ngày (2)")
	testutil.MustContain(t, stale,
		"• A1 Tuyên truyền biển đảo — Tổ công tác Cần Giờ · phụ trách @lan_nguyen · hạn 28/11/2026 · báo cáo gần nhất 26/11/2026",
		"• A2 Khám bệnh — Hải đội Biên phòng 2 · hạn 28/11/2026 · chưa có báo cáo nào")
	testutil.MustContain(t, section(text, "Quá hạn (2)"), "A1", "A2")
	testutil.MustContain(t, section(text, "Đơn vị có việc chưa báo cáo"),
		"\n• Bộ Chỉ huy Bộ đội Biên phòng TPHCM: 2", "\n  • Đồn Biên phòng Cần Giờ: 1", "\n    • Tổ công tác Cần Giờ: 1", "\n  • Hải đội Biên phòng 2: 1")
	testutil.MustContain(t, section(text, "Người phụ trách cần báo cáo"), "• @lan_nguyen: A1")
	mustNotContain(t, text, "Hội nghị cuối năm", "Ban Dân vận")
	if d := buttonData(got); len(d) != 1 || d[0] != "nu:7" {
		t.Errorf("coordinator's buttons = %v, want [nu:7]", d)
	}
	if d := buttonData(h.say(cadre, cadre, "/tiendo chuabaocao")); len(d) != 0 {
		t.Errorf("a cadre got buttons %v", d)
	}

	t.Run("with N = 10 the 8-day-old report is not stale", func(t *testing.T) {
		got := h.say(admin, admin, "/tiendo chuabaocao 10")
		text := texts(got)
		stale := section(text, "Chưa báo cáo trong 10 ngày (1)")
		testutil.MustContain(t, stale, "A2 Khám bệnh")
		mustNotContain(t, stale, "A1")
		mustNotContain(t, text, "Người phụ trách cần báo cáo")
		if d := buttonData(got); len(d) != 0 {
			t.Errorf("buttons %v with no owner to nudge", d)
		}
	})

	t.Run("before the owner wrote to the bot nobody is nudged", func(t *testing.T) {
		got := h.press(admin, admin, 1, "nu:7")
		if len(to(got, lan)) != 0 {
			t.Fatalf("nudged lan before the bot knew her: %+v", got)
		}
		testutil.MustContain(t, texts(to(got, admin)), "Không có người phụ trách nào để nhắc")
	})

	// In a group the bot does not learn her username; in private it does.
	h.members[[2]bot.ID{groupID, lan}] = "member"
	h.sayUser(lanUser, groupID, "/tiendo")
	if got := h.press(admin, admin, 1, "nu:7"); len(to(got, lan)) != 0 {
		t.Fatalf("nudged lan after she wrote only in a group: %+v", got)
	}
	h.sayUser(lanUser, lan, "/start")

	t.Run("a cadre cannot press it", func(t *testing.T) {
		got := h.press(cadre, cadre, 1, "nu:7")
		if len(got) == 0 || got[0].AnswerCallback == "" || !strings.Contains(got[0].CallbackNote, "cán bộ điều phối") {
			t.Fatalf("want a refusal toast, got %+v", got)
		}
		if len(to(got, lan)) != 0 {
			t.Fatalf("a cadre's press nudged lan: %+v", got)
		}
	})

	got = h.press(admin, admin, 1, "nu:7")
	priv := to(got, lan)
	if len(priv) != 1 {
		t.Fatalf("want one private nudge to lan, got %+v", got)
	}
	testutil.MustContain(t, texts(priv), "🔔 Hoạt động A1 — Tuyên truyền biển đảo chưa có báo cáo tiến độ trong 7 ngày qua", "/baocao A1")
	testutil.MustContain(t, texts(to(got, admin)), "Đã nhắc 1 người phụ trách qua tin nhắn riêng.")

	t.Run("once a day", func(t *testing.T) {
		got := h.press(admin, admin, 1, "nu:7")
		if len(to(got, lan)) != 0 {
			t.Fatalf("nudged twice the same day: %+v", got)
		}
		// Not "nobody to nudge": she is known and was nudged.
		testutil.MustContain(t, texts(to(got, admin)), "Những người phụ trách này đã được nhắc hôm nay rồi (1 người)")
		h.now = h.now.Add(24 * time.Hour)
		if got := h.press(admin, admin, 1, "nu:7"); len(to(got, lan)) != 1 {
			t.Fatalf("the next day: want one nudge, got %+v", got)
		}
	})
	t.Run("the nudge says the N of the button pressed", func(t *testing.T) {
		h.now = h.now.Add(24 * time.Hour)
		if d := buttonData(h.say(admin, admin, "/tiendo chuabaocao 5")); len(d) != 1 || d[0] != "nu:5" {
			t.Fatalf("buttons = %v, want [nu:5]", d)
		}
		got := texts(to(h.press(admin, admin, 1, "nu:5"), lan))
		testutil.MustContain(t, got, "chưa có báo cáo tiến độ trong 5 ngày qua")
	})
}

func TestDigestNudgesOwnersOnce(t *testing.T) {
	h := unitsHarness(t)
	h.say(admin, groupID, "/dangky DCG")
	h.say(admin, admin, "/thanhvien them 400 DCG")
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tuyên truyền biển đảo | đv DCG | phụ trách @lan_nguyen")
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Khám bệnh | đv HD | phụ trách @lan_nguyen")
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tặng quà | đv BDV | phụ trách @minh_chua_biet")
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Hội nghị | phụ trách 500")
	testutil.MustContain(t, texts(h.sayUser(lanUser, lan, "/baocao A1 20%")), "Đã ghi nhận")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao A2 20%")), "Đã ghi nhận")
	if err := h.b.EnsureDigest(t.Context(), "0 8 * * 1"); err != nil {
		t.Fatal(err)
	}
	nudges := func(rs []chat.Reply) map[string]int {
		out := map[string]int{}
		for _, r := range rs {
			if r.ChatID == groupID || !strings.Contains(r.Text, "🔔") {
				continue
			}
			for _, code := range []string{"A1", "A2", "A3", "A4"} {
				if strings.Contains(r.Text, "<b>"+code+"</b>") {
					out[r.ChatID.String()+" "+code]++
				}
			}
		}
		return out
	}
	// Monday 30/11 08:00: reports 4 days old, activities 10 days off: nothing is stale.
	if n := nudges(h.advance(4*24*time.Hour - time.Minute)); len(n) != 0 {
		t.Fatalf("nudges at the first digest: %v", n)
	}
	// Monday 07/12 08:00: everything is due within the week, with no report for 11 days or none.
	got := h.advance(7 * 24 * time.Hour)
	want := map[string]int{"tg:400 A1": 1, "tg:400 A2": 1, "tg:200 A2": 1, "tg:500 A4": 1}
	if n := nudges(got); !reflect.DeepEqual(n, want) {
		t.Errorf("private nudges = %v, want %v (lan once for A1, which she owns and last reported)", n, want)
	}
	// The DCG group's digest covers DCG (and the units under it): A1, not A3 of another unit.
	digest := texts(to(got, groupID))
	testutil.MustContain(t, digest, "Cần cập nhật", "A1 Tuyên truyền biển đảo — Đồn Biên phòng Cần Giờ · @lan_nguyen")
	if strings.Contains(digest, "A3 Tặng quà") {
		t.Errorf("the DCG group's digest shows A3 of another unit:\n%s", digest)
	}

	t.Run("a retried digest nudges nobody again", func(t *testing.T) {
		occ := time.Date(2026, 12, 7, 8, 0, 0, 0, h.now.Location())
		f := bot.Firing{Reminder: bot.Reminder{ID: bot.DigestID, Kind: bot.KindDigest, Cron: "0 8 * * 1"}, Occurrence: occ}
		if err := h.b.Fire(t.Context(), f); err != nil {
			t.Fatal(err)
		}
		if got := h.rec.take(); len(got) != 0 {
			t.Errorf("the retried digest sent %+v", got)
		}
	})
}

// soketSetup plans activities on 01/10/2026 and reports on them in October and November; the
// clock ends at 26/11/2026 09:00.
//
//	A1 25/11 nd 2 DCG, targets 20 buổi, 500 lượt người: reports 20/10 (10%, 5 buổi, 100),
//	   10/11 (40%, 6 buổi, 200), 20/11 (60%, 4 buổi, 150)
//	A2 28/11 nd 3 HD: no report
//	A3 30/11 nd 1 BDV, target 5 tin bài (latest): reports 20/11 (40%, 2), 24/11 (80%, 3)
//	A4 15/12 TCG: no report (outside November)
//	A5 20/11: cancelled
func soketSetup(t *testing.T) *harness {
	t.Helper()
	h := unitsHarness(t)
	h.at(1, 10, 9)
	for _, s := range []string{
		"/hoatdong them 25/11/2026 08:00 Tuyên truyền pháp luật | nd 2 | đv DCG | phụ trách @lan_nguyen | chỉ tiêu 20 buổi, 500 lượt người",
		"/hoatdong them 28/11/2026 08:00 Khám bệnh miễn phí | nd 3 | đv HD",
		"/hoatdong them 30/11/2026 14:00 Viết tin bài | nd 1 | đv BDV | chỉ tiêu 5 tin bài | tính mới nhất",
		"/hoatdong them 15/12/2026 08:00 Hội nghị cuối năm | đv TCG",
		"/hoatdong them 20/11/2026 08:00 Bị hủy | đv DCG",
	} {
		testutil.MustContain(t, texts(h.say(admin, admin, s)), "Đã thêm")
	}
	h.say(admin, groupID, "/dangky DCG")
	for _, r := range []struct {
		d, m int
		text string
	}{
		{20, 10, "/baocao A1 10% tháng mười | 5 buổi, 100 lượt người"},
		{10, 11, "/baocao A1 40% | 6 buổi, 200 lượt người"},
		{20, 11, "/baocao A1 60% | 4 buổi, 150 lượt người"},
		{20, 11, "/baocao A3 40% | 2 tin bài"},
		{24, 11, "/baocao A3 80% | 3 tin bài"},
	} {
		h.at(r.d, r.m, 10)
		testutil.MustContain(t, texts(h.say(cadre, groupID, r.text)), "Đã ghi nhận")
	}
	h.at(26, 11, 9)
	h.say(admin, admin, "/hoatdong huy A5")
	return h
}

// document is the one file sent whose name ends with ext.
func document(t *testing.T, rs []chat.Reply, ext string) *chat.Upload {
	t.Helper()
	var out *chat.Upload
	for _, r := range rs {
		if r.Document != nil && strings.HasSuffix(r.Document.Name, ext) {
			if out != nil {
				t.Fatalf("two %s files sent", ext)
			}
			out = r.Document
		}
	}
	if out == nil {
		t.Fatalf("no %s file sent; got %+v", ext, rs)
	}
	return out
}

// sheet reads a sheet's raw cell values.
func sheet(t *testing.T, data []byte, name string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("sheet %q: %v (sheets %v)", name, err, f.GetSheetList())
	}
	return rows
}

func cellAt(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

func TestSummary(t *testing.T) {
	h := soketSetup(t)
	got := h.say(admin, admin, "/soket từ 01/11/2026 đến 30/11/2026")
	text := texts(got)
	testutil.MustContain(t, text, "Sơ kết 01/11/2026 – 30/11/2026",
		"Hoạt động: 3 · hoàn thành 0 · đang thực hiện 1 · chưa bắt đầu 1 · quá hạn 1 · đã hủy 1",
		"Tiến độ bình quân: 46% · báo cáo trong kỳ: 4",
		"A1 Tuyên truyền pháp luật: 10/20 buổi (50%), 350/500 lượt người (70%)",
		"A3 Viết tin bài: 3/5 tin bài (60%)",
		"Quá hạn: A1",
		"• Bộ Chỉ huy Bộ đội Biên phòng TPHCM: 30% (2 hoạt động, xong 0)")
	mustNotContain(t, text, "Hội nghị cuối năm")
	// A2 is not due yet: it owes no report, so it is not "chưa báo cáo" (issue 21).
	mustNotContain(t, text, "Chưa báo cáo trong 7 ngày: A2")
	wb := document(t, got, ".xlsx")
	if wb.Name != "so-ket-01-11-2026-den-30-11-2026.xlsx" {
		t.Errorf("file name %q", wb.Name)
	}

	t.Run("Chi tiết lists the period's reports and the activities without any", func(t *testing.T) {
		rows := sheet(t, wb.Data, "Chi tiết")
		var lines []string
		for _, r := range rows[1:] {
			// code, reporter, unit, percent, quantities
			lines = append(lines, strings.Join([]string{cellAt(r, 0), cellAt(r, 3), cellAt(r, 4), cellAt(r, 6), cellAt(r, 9)}, "|"))
		}
		want := []string{
			"A1|Nguyễn Văn Tiến|Đồn Biên phòng Cần Giờ|40|6 buổi, 200 lượt người",
			"A1|Nguyễn Văn Tiến|Đồn Biên phòng Cần Giờ|60|4 buổi, 150 lượt người",
			"A3|Nguyễn Văn Tiến|Đồn Biên phòng Cần Giờ|40|2 tin bài",
			"A3|Nguyễn Văn Tiến|Đồn Biên phòng Cần Giờ|80|3 tin bài",
			"A2||Hải đội Biên phòng 2||",
		}
		if !reflect.DeepEqual(lines, want) {
			t.Errorf("Chi tiết rows:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
		if n := len(rows); n == 6 && !strings.Contains(cellAt(rows[5], 7), "Chưa có báo cáo trong kỳ") {
			t.Errorf("the no-report line's note = %q", cellAt(rows[5], 7))
		}
	})

	t.Run("Tổng hợp sums the period's quantities only", func(t *testing.T) {
		rows := sheet(t, wb.Data, "Tổng hợp")
		// The targets table: from its header row ("Đơn vị tính" in D) to the first empty row.
		got := map[string]string{}
		in := false
		for _, r := range rows {
			switch {
			case cellAt(r, 3) == "Đơn vị tính":
				in = true
			case in && cellAt(r, 0) == "":
				in = false
			case in:
				got[cellAt(r, 0)+" "+cellAt(r, 3)] = cellAt(r, 4) + "/" + cellAt(r, 5)
			}
		}
		want := map[string]string{"A1 buổi": "20/10", "A1 lượt người": "500/350", "A3 tin bài": "5/3"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("target rows (target/achieved) = %v, want %v", got, want)
		}
	})

	t.Run("default period is this quarter", func(t *testing.T) {
		got := h.say(admin, admin, "/soket")
		testutil.MustContain(t, texts(got), "Sơ kết 01/10/2026 – 31/12/2026",
			"A1 Tuyên truyền pháp luật: 15/20 buổi (75%), 450/500 lượt người (90%)")
		if n := document(t, got, ".xlsx").Name; n != "so-ket-01-10-2026-den-31-12-2026.xlsx" {
			t.Errorf("file name %q", n)
		}
	})
	t.Run("only a start runs to today, only an end starts at its quarter", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(admin, admin, "/soket từ 1/11/2026")), "Sơ kết 01/11/2026 – 26/11/2026")
		testutil.MustContain(t, texts(h.say(admin, admin, "/soket đến 15/11/2026")), "Sơ kết 01/10/2026 – 15/11/2026")
		testutil.MustContain(t, texts(h.say(admin, admin, "/soket 01/11/2026 - 15/11/2026")), "Sơ kết 01/11/2026 – 15/11/2026")
		// dd/mm without a year is a day of this year.
		testutil.MustContain(t, texts(h.say(admin, admin, "/soket từ 01/11 đến 15/11")), "Sơ kết 01/11/2026 – 15/11/2026")
	})
	for _, c := range []struct{ text, want string }{
		{"/soket từ 30/11/2026 đến 01/11/2026", "Ngày bắt đầu 30/11/2026 sau ngày kết thúc 01/11/2026."},
		{"/soket từ 31/02/2026", "Ngày “31/02/2026” không hợp lệ: dùng dạng dd/mm/yyyy"},
		{"/soket từ 31/11", "Ngày “31/11” không hợp lệ"},
		{"/soket tháng này", "Không hiểu “tháng”. Cách dùng: [từ dd/mm/yyyy] [đến dd/mm/yyyy]"},
	} {
		t.Run(c.text, func(t *testing.T) {
			got := h.say(admin, admin, c.text)
			testutil.MustContain(t, texts(got), c.want)
			for _, r := range got {
				if r.Document != nil {
					t.Errorf("sent a file after an error: %s", r.Document.Name)
				}
			}
		})
	}
	t.Run("cadres are refused", func(t *testing.T) {
		got := h.say(cadre, cadre, "/soket")
		testutil.MustContain(t, texts(got), "chỉ dành cho cán bộ điều phối")
		if len(got) != 1 || got[0].Document != nil {
			t.Errorf("a cadre got %+v", got)
		}
	})
}

// csvLines are the CSV's data lines (the header dropped), each as code|…: the columns named.
func csvCodes(t *testing.T, rs []chat.Reply) []string {
	t.Helper()
	data := document(t, rs, ".csv").Data
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(data), "\xEF\xBB\xBF")), "\n")
	var out []string
	for _, l := range lines[1:] {
		code, _, _ := strings.Cut(l, ",")
		out = append(out, code)
	}
	return out
}

func TestExportFilters(t *testing.T) {
	h := soketSetup(t)
	for _, c := range []struct {
		text    string
		codes   []string
		caption string
	}{
		{"/xuat từ 01/11/2026 nd 2", []string{"A1", "A1"}, "Báo cáo tiến độ: 2 báo cáo, xuất lúc 26/11/2026 09:00; kỳ 01/11/2026 – 26/11/2026"},
		{"/xuat đv BDV", []string{"A3", "A3"}, "Báo cáo tiến độ: 2 báo cáo"},
		{"/xuat đv dcg", []string{"A1", "A1", "A1", "A3", "A3", "A4"}, "Báo cáo tiến độ: 5 báo cáo, xuất lúc 26/11/2026 09:00; 1 hoạt động chưa có báo cáo nào"},
		{"/xuat đv HD nd 3", []string{"A2"}, "0 báo cáo"},
		{"/xuat từ 01/10/2026 đến 31/10/2026", []string{"A1"}, "1 báo cáo"},
		{"/xuat", []string{"A1", "A1", "A1", "A3", "A3"}, "5 báo cáo"},
	} {
		t.Run(c.text, func(t *testing.T) {
			got := h.say(admin, admin, c.text)
			if codes := csvCodes(t, got); !reflect.DeepEqual(codes, c.codes) {
				t.Errorf("rows by activity = %v, want %v", codes, c.codes)
			}
			testutil.MustContain(t, texts(got), c.caption)
			rows := sheet(t, document(t, got, ".xlsx").Data, "Báo cáo")
			if len(rows)-1 != len(c.codes) {
				t.Errorf("XLSX has %d rows, CSV %d", len(rows)-1, len(c.codes))
			}
		})
	}
	t.Run("file name carries the period", func(t *testing.T) {
		if n := document(t, h.say(admin, admin, "/xuat từ 01/11/2026 đến 15/11/2026"), ".xlsx").Name; n != "bao-cao-01-11-2026-den-15-11-2026.xlsx" {
			t.Errorf("file name %q", n)
		}
	})
	for _, c := range []struct{ text, want string }{
		{"/xuat nd 9", "Nội dung phải là số từ 1 đến 5."},
		{"/xuat đv XYZ", "Không có đơn vị “XYZ”"},
		{"/xuat lung tung", "Không hiểu “lung”. Cách dùng: /xuat [từ dd/mm/yyyy] [đến dd/mm/yyyy] [nd N] [đv MÃ_ĐƠN_VỊ]"},
	} {
		testutil.MustContain(t, texts(h.say(admin, admin, c.text)), c.want)
	}
}

func TestGroupsTiedToUnits(t *testing.T) {
	h := unitsHarness(t)
	ctx := context.Background()
	group := func(chatID bot.ID) bot.SubscribedGroup {
		t.Helper()
		gs, err := h.store.Groups(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gs {
			if g.ChatID == chatID {
				return g
			}
		}
		return bot.SubscribedGroup{}
	}

	testutil.MustContain(t, texts(h.say(admin, groupID, "/dangky dcg")), "đã đăng ký", "Đơn vị: Đồn Biên phòng Cần Giờ")
	if g := group(groupID); g.Unit != "DCG" || g.Title != "Đồn Biên phòng Cần Giờ" {
		t.Errorf("group = %+v, want tied to DCG", g)
	}
	testutil.MustContain(t, texts(h.say(admin, groupID, "/dangky XYZ")), "Không có đơn vị “XYZ”")
	testutil.MustContain(t, texts(h.say(admin, groupID, "/dangky HD")), "thuộc đơn vị Hải đội Biên phòng 2")
	if g := group(groupID); g.Unit != "HD" {
		t.Errorf("/dangky HD in a subscribed group left unit %q", g.Unit)
	}

	t.Run("a group admin's request carries the unit to the approval", func(t *testing.T) {
		const other = bot.ID("tg:-1002")
		h.members[[2]bot.ID{other, cadre}] = "administrator"
		got := h.say(cadre, other, "/dangky TCG")
		testutil.MustContain(t, texts(to(got, other)), "Đã gửi yêu cầu đăng ký")
		req := to(got, admin)
		testutil.MustContain(t, texts(req), "Yêu cầu đăng ký nhóm", "Đơn vị: Tổ công tác Cần Giờ")
		if d := buttonData(req); !contains(d, "ga:-1002") {
			t.Fatalf("request buttons = %v", d)
		}
		rqs, err := h.store.GroupRequests(ctx)
		if err != nil || len(rqs) != 1 || rqs[0].Unit != "TCG" {
			t.Fatalf("requests = %+v, %v", rqs, err)
		}
		testutil.MustContain(t, texts(h.say(admin, admin, "/nhom")), "Tổ công tác Cần Giờ", "Hải đội Biên phòng 2")
		got = h.press(admin, admin, 5, "ga:-1002")
		testutil.MustContain(t, texts(to(got, admin)), "Đã duyệt", "Đơn vị: Tổ công tác Cần Giờ")
		if g := group(other); g.Unit != "TCG" {
			t.Errorf("approved group = %+v, want unit TCG", g)
		}
		h.say(admin, admin, "/hoatdong them 20/12/2026 08:00 Tuyên truyền")
		h.members[[2]bot.ID{other, stranger}] = "member"
		h.say(stranger, other, "/baocao A1 10%")
		rs := h.reports()
		if len(rs) != 1 || rs[0].Unit != "TCG" {
			t.Errorf("report in the approved group = %+v, want unit TCG", rs)
		}
	})

	t.Run("/nhom donvi changes it, with an audit entry", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(admin, admin, "/nhom donvi -1001 dcg")),
			"Đồn Biên phòng Cần Giờ thuộc đơn vị Đồn Biên phòng Cần Giờ: báo cáo của thành viên nhóm được tính cho đơn vị này.")
		if g := group(groupID); g.Unit != "DCG" {
			t.Errorf("unit = %q after /nhom donvi", g.Unit)
		}
		entries, err := h.store.History(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		e := entries[len(entries)-1]
		if e.Action != bot.ActGroupUnit || e.Chat != groupID || e.By != admin ||
			e.Before != "Đồn Biên phòng Cần Giờ · HD" || e.After != "Đồn Biên phòng Cần Giờ · DCG" {
			t.Errorf("last audit entry = %+v", e)
		}
		testutil.MustContain(t, texts(h.say(admin, admin, "/nhom donvi -1001 Tổ công tác Cần Giờ")), "thuộc đơn vị Tổ công tác Cần Giờ")
		if g := group(groupID); g.Unit != "TCG" {
			t.Errorf("unit = %q after /nhom donvi with the unit's name", g.Unit)
		}
		testutil.MustContain(t, texts(h.say(admin, admin, "/nhom donvi tg:-1001 -")), "không còn gắn với đơn vị nào")
		if g := group(groupID); g.Unit != "" || g.Title != "Đồn Biên phòng Cần Giờ" {
			t.Errorf("group after untying = %+v", g)
		}
		for _, c := range []struct{ text, want string }{
			{"/nhom donvi -1009 DCG", "Nhóm tg:-1009 chưa được duyệt"},
			{"/nhom donvi -1001 XYZ", "Không có đơn vị “XYZ”"},
			{"/nhom donvi -1001 Đồn Cần Thơ", "Không có đơn vị “Đồn Cần Thơ”"},
			{"/nhom donvi -1001", "Cách dùng: /nhom (danh sách nhóm) hoặc /nhom donvi MÃ_NHÓM MÃ_ĐƠN_VỊ"},
			{"/nhom xoa -1001", "Cách dùng: /nhom"},
		} {
			testutil.MustContain(t, texts(h.say(admin, admin, c.text)), c.want)
		}
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/nhom donvi -1001 DCG")), "chỉ dành cho cán bộ điều phối")
		if g := group(groupID); g.Unit != "" {
			t.Errorf("a cadre tied the group to %q", g.Unit)
		}
	})

	t.Run("a group kept as a bare title still reads and can be tied", func(t *testing.T) {
		const old = bot.ID("tg:-1003")
		if err := h.rdb.HSet(ctx, h.prefix+"{prog}:groups", "-1003", "Nhóm cũ").Err(); err != nil {
			t.Fatal(err)
		}
		if g := group(old); g.Title != "Nhóm cũ" || g.Unit != "" {
			t.Fatalf("old group = %+v", g)
		}
		testutil.MustContain(t, texts(h.say(admin, admin, "/nhom")), "Nhóm cũ (tg:-1003)")
		testutil.MustContain(t, texts(h.say(admin, admin, "/nhom donvi -1003 BDV")), "Nhóm cũ", "thuộc đơn vị Ban Dân vận Thành ủy TPHCM")
		if g := group(old); g.Title != "Nhóm cũ" || g.Unit != "BDV" {
			t.Errorf("old group after tying = %+v", g)
		}
	})
}

// The one date rule of every view: the stale lists of /tiendo, the digest and /soket agree.
func TestStaleAgreesAcrossViews(t *testing.T) {
	h := soketSetup(t)
	h.now = h.now.Add(3 * 24 * time.Hour) // 29/11: A1's last report is 9 days old
	stale := section(texts(h.say(admin, admin, "/tiendo chuabaocao")), "Chưa báo cáo trong 7 ngày")
	sum := texts(h.say(admin, admin, "/soket từ 01/11/2026 đến 30/11/2026"))
	for _, code := range []string{"A1", "A2"} {
		if !strings.Contains(stale, code+" ") {
			t.Errorf("/tiendo chuabaocao lacks %s:\n%s", code, stale)
		}
	}
	testutil.MustContain(t, sum, "Chưa báo cáo trong 7 ngày: A1 (Đồn Biên phòng Cần Giờ, @lan_nguyen); A2 (Hải đội Biên phòng 2)")
	if strings.Contains(stale, "A3 ") {
		t.Errorf("A3, reported 5 days ago, is listed as stale:\n%s", stale)
	}
}

// In a programme without units, /dangky with words after it subscribes the group as before: there
// is no unit to tie it to, and the words are not an error.
func TestSubscribeWithoutUnitsIgnoresTheWords(t *testing.T) {
	h := newHarness(t)
	testutil.MustContain(t, texts(h.say(admin, groupID, "/dangky Đồn 1")), "đã đăng ký")
	gs, err := h.store.Groups(context.Background())
	if err != nil || len(gs) != 1 || gs[0].ChatID != groupID || gs[0].Unit != "" {
		t.Fatalf("groups %+v, %v", gs, err)
	}
}
