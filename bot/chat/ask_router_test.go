package chat_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/internal/testutil"
)

// askHarness is a bot whose programme has units (a border post, Cần Thạnh) and a few activities
// around the harness's clock (Thursday 26/11/2026 09:00): A7 tomorrow at Cần Thạnh with a target,
// reported at 40%; B2 next week at the command; C1 overdue and never reported.
func askHarness(t *testing.T) *harness {
	t.Helper()
	p, err := programme.Parse([]byte("extends: seed\nunits:\n  - {code: BDBP, name: Bộ Chỉ huy Bộ đội Biên phòng TPHCM}\n  - {code: CANTHANH, name: Đồn Biên phòng Cần Thạnh, parent: BDBP}\n"))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarnessWith(t, p)
	ctx := context.Background()
	loc := h.now.Location()
	for _, a := range []bot.Activity{
		{Code: "A7", Title: "Tập huấn dân vận cho cán bộ đồn", Content: 4, Unit: "CANTHANH", At: time.Date(2026, 11, 27, 8, 0, 0, 0, loc),
			Targets: []quantity.Amount{{Value: 10, Unit: "buổi"}}},
		{Code: "B2", Title: "Hội nghị sơ kết công tác dân vận", Content: 5, Unit: "BDBP", At: time.Date(2026, 12, 2, 14, 0, 0, 0, loc)},
		{Code: "C1", Title: "Thăm hộ nghèo khu vực biên giới", Content: 2, Unit: "CANTHANH", At: time.Date(2026, 11, 20, 8, 0, 0, 0, loc)},
	} {
		if _, err := h.store.SaveActivity(ctx, a, true); err != nil {
			t.Fatal(err)
		}
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "/baocao A7 40% đã tập huấn | 4 buổi")), "A7")
	return h
}

// TestAskAboutTheWork: the work questions issue 23 quotes are answered from the view of the
// command that knows, which the reply then names with its argument.
func TestAskAboutTheWork(t *testing.T) {
	h := askHarness(t)
	view := func(cmd string) string { return texts(h.say(cadre, cadre, cmd)) }
	for _, c := range []struct {
		q, cmd string // the question, and the command whose view answers it
		wants  []string
	}{
		{"chỉ tiêu của đồn Cần Thạnh là bao nhiêu", "/tiendo donvi CANTHANH", []string{"/tiendo donvi CANTHANH", "4/10 buổi"}},
		{"chi tieu cua don can thanh", "/tiendo donvi CANTHANH", []string{"/tiendo donvi CANTHANH"}},
		{"A7 đến đâu rồi", "/tiendo A7", []string{"/tiendo A7", "40%"}},
		{"a7 den dau roi", "/tiendo A7", []string{"/tiendo A7"}},
		{"đơn vị nào chưa báo cáo", "/tiendo chuabaocao", []string{"/tiendo chuabaocao", "C1"}},
		{"việc nào quá hạn", "/tiendo chuabaocao", []string{"C1"}},
		{"nội dung 4 tiến độ đến đâu", "/tiendo nd 4", []string{"/tiendo nd 4"}},
	} {
		t.Run(c.q, func(t *testing.T) {
			want := view(c.cmd)
			got := texts(h.say(cadre, cadre, c.q))
			if !strings.Contains(got, strings.TrimSpace(want)) {
				t.Errorf("%q does not answer with %s's view:\n%s\nwant within it:\n%s", c.q, c.cmd, got, want)
			}
			testutil.MustContain(t, got, c.wants...)
			if last := strings.TrimSpace(got); !strings.HasSuffix(last, c.cmd) {
				t.Errorf("%q: the answer does not end with %s:\n%s", c.q, c.cmd, got)
			}
		})
	}
	t.Run("what is planned tomorrow names the day and the command", func(t *testing.T) {
		got := texts(h.say(cadre, cadre, "mai có việc gì"))
		testutil.MustContain(t, got, "ngày mai", "27/11/2026", "A7", "Tập huấn dân vận", "Đồn Biên phòng Cần Thạnh", "/kehoach")
		if strings.Contains(got, "B2") || strings.Contains(got, "C1") {
			t.Errorf("tomorrow lists other days' activities:\n%s", got)
		}
	})
	t.Run("friday is tomorrow here", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(cadre, cadre, "thứ 6 có hoạt động gì")), "thứ 6", "27/11/2026", "A7")
	})
	t.Run("this week and next week", func(t *testing.T) {
		got := texts(h.say(cadre, cadre, "tuần này có hoạt động gì"))
		testutil.MustContain(t, got, "tuần này", "23/11/2026 – 29/11/2026", "A7")
		if strings.Contains(got, "B2") || strings.Contains(got, "C1") {
			t.Errorf("this week lists next week's B2:\n%s", got)
		}
		testutil.MustContain(t, texts(h.say(cadre, cadre, "tuan sau co lich gi")), "tuần sau", "B2")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "tháng này có những hoạt động gì")), "tháng này", "01/11/2026 – 30/11/2026", "A7", "C1")
	})
	t.Run("who owns an activity", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(cadre, cadre, "ai phụ trách A7")), "Đồn Biên phòng Cần Thạnh", "/tiendo A7")
	})
	t.Run("reminders set here", func(t *testing.T) {
		want := strings.TrimSpace(view("/dsnhac"))
		testutil.MustContain(t, texts(h.say(cadre, cadre, "có những lời nhắc nào")), want, "/dsnhac")
	})
	t.Run("in english", func(t *testing.T) {
		h.say(cadre, cadre, "/lang en")
		defer h.say(cadre, cadre, "/ngonngu vi")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "what is planned tomorrow")), "tomorrow", "27/11/2026", "A7", "/kehoach")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "how far is A7")), "/tiendo A7")
	})
}

// TestAskAboutTheBot: how to report, correct, subscribe, set a reminder — from the route table.
func TestAskAboutTheBot(t *testing.T) {
	h := askHarness(t)
	for _, c := range []struct {
		from  bot.ID
		q     string
		wants []string
	}{
		{cadre, "làm sao để báo cáo tiến độ", []string{"/baocao MÃ PHẦN_TRĂM", "ví dụ /baocao A7 60%", "/maso"}},
		{cadre, "khi nao bao cao", []string{"/baocao MÃ PHẦN_TRĂM"}},
		{cadre, "báo cáo nhầm thì sửa thế nào", []string{"/baocao sua A7 70%"}},
		{cadre, "đăng ký nhóm thế nào", []string{"/dangky [MÃ_ĐƠN_VỊ]", "Đăng ký nhóm nhận lời nhắc", "Ví dụ: /dangky BDBP", "quản trị nhóm"}},
		{cadre, "cách đặt lời nhắc", []string{"/nhac THỜI_GIAN nội dung", "cán bộ điều phối", "/dsnhac"}},
		{admin, "cách đặt lời nhắc", []string{"/nhac THỜI_GIAN nội dung", "Ví dụ: /nhac 07:30"}},
		{cadre, "các nút bấm để làm gì", []string{"Hoàn tác"}},
	} {
		t.Run(c.q, func(t *testing.T) {
			got := texts(h.say(c.from, c.from, c.q))
			testutil.MustContain(t, got, c.wants...)
			if strings.Contains(got, "Chưa tìm thấy") {
				t.Errorf("%q declined:\n%s", c.q, got)
			}
		})
	}
	t.Run("a coordinator is not told the command is for coordinators", func(t *testing.T) {
		if got := texts(h.say(admin, admin, "làm sao đặt lời nhắc")); strings.Contains(got, "dành cho cán bộ điều phối") {
			t.Errorf("told a coordinator:\n%s", got)
		}
	})
	t.Run("in english with english commands", func(t *testing.T) {
		h.say(cadre, cadre, "/lang en")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "how do I report progress")), "/report CODE PERCENT", "e.g. /report A7 60%")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "how to subscribe a group")), "/subscribe [UNIT_CODE]", "Example: /subscribe BDBP")
	})
}

// offTopic are the held-out off-topic questions of the programme's table and more: the router
// must decline them all, as search alone did.
var offTopic = []string{
	"giá vàng hôm nay", "gia vang hom nay bao nhieu", "Thời tiết TPHCM ngày mai thế nào?",
	"kết quả bóng đá đội tuyển Việt Nam", "tỷ giá đô la", "công thức nấu phở bò", "What is the price of gold today?",
	"weather forecast for tomorrow", "who won the football match", "lịch chiếu phim cuối tuần", "mua vé máy bay đi Hà Nội",
	"cách cài đặt Telegram trên điện thoại", "chương trình khuyến mãi tháng này", "lịch thi đấu bóng đá năm 2023",
	"hoc phi dai hoc nam 2023", "giá xăng tăng bao nhiêu", "chương trình khuyến mãi kéo dài đến năm nào",
	"Ai chủ trì cuộc họp tổ dân phố?", "When does the football season end?", "MTTQ có nhiệm vụ gì",
	"ai ký hợp đồng thuê nhà", "tôi phải làm gì để đổi mật khẩu", "khi nào hết hạn hộ chiếu", "thoi han nop thue la khi nao",
	"thứ tư này có mưa không", "mai đi ăn gì", "tuần này xem phim gì", "tháng này lương bao nhiêu",
	"làm sao để nấu cơm", "how do I cook rice", "iPhone là viết tắt của gì",
}

func TestAskOffTopicIsStillDeclined(t *testing.T) {
	h := askHarness(t)
	for _, q := range offTopic {
		got := texts(h.say(cadre, cadre, q))
		if !strings.Contains(got, "Chưa tìm thấy") {
			t.Errorf("off-topic %q answered:\n%s", q, got)
		}
	}
}

// TestAskProgrammeQuestionsOfIssue23 runs the issue's programme questions through the router.
func TestAskProgrammeQuestionsOfIssue23(t *testing.T) {
	h := askHarness(t)
	for _, c := range []struct{ q, want string }{
		{"lãnh đạo nào dự lễ ký kết", "Ngô Văn Luận"},
		{"nội dung thứ tư nói về gì", "Tập huấn, bồi dưỡng nghiệp vụ"},
		{"lễ ký diễn ra vào buổi nào", "buổi chiều ngày 19/08/2022"},
		{"bdbp là viết tắt của gì", "Bộ đội Biên phòng"},
		{"hiến kế là gì trong chương trình", "hiến kế xây dựng không gian văn hóa Hồ Chí Minh"},
		{"chương trình này đến năm nào thì hết", "2026"},
	} {
		testutil.MustContain(t, texts(h.say(cadre, cadre, c.q)), c.want)
	}
	h.say(cadre, cadre, "/lang en")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "What must cadres do against hostile propaganda?")), "false information from hostile forces")
}

// askTable is the work and bot rows of the question table (issue 23), checked against the live
// data of askHarness: each question, who asks, and what the answer must hold.
var askTable = []struct {
	from  bot.ID
	q     string
	wants []string
}{
	// Work: a day, a week, a month.
	{cadre, "mai có việc gì", []string{"ngày mai", "A7", "/kehoach"}},
	{cadre, "ngày mai có hoạt động gì", []string{"ngày mai", "A7"}},
	{cadre, "ngay mai co lich gi khong", []string{"ngày mai", "A7"}},
	{cadre, "hôm nay có việc gì", []string{"hôm nay", "26/11/2026", "Không có hoạt động nào"}},
	{cadre, "thứ sáu có lịch gì", []string{"thứ sáu", "27/11/2026", "A7"}},
	{cadre, "thu 4 tuan sau co hoat dong gi", []string{"tuần sau", "B2"}},
	{cadre, "thứ tư có việc gì", []string{"thứ tư", "02/12/2026", "B2"}}, // Wednesday here, not content area 4
	{cadre, "tuần sau có kế hoạch gì", []string{"tuần sau", "30/11/2026 – 06/12/2026", "B2"}},
	{cadre, "tháng sau có sự kiện gì", []string{"tháng sau", "01/12/2026 – 31/12/2026", "B2"}},
	{cadre, "what is planned next week", []string{"B2", "/kehoach"}},
	// Work: how far, targets.
	{cadre, "tiến độ đồn Cần Thạnh thế nào", []string{"Đồn Biên phòng Cần Thạnh", "/tiendo donvi CANTHANH"}},
	{cadre, "đồn cần thạnh đạt được bao nhiêu", []string{"/tiendo donvi CANTHANH"}},
	{cadre, "CANTHANH tiến độ", []string{"/tiendo donvi CANTHANH"}},
	{cadre, "Bộ Chỉ huy Bộ đội Biên phòng tiến độ ra sao", []string{"/tiendo donvi BDBP"}},
	{cadre, "A7 xong chưa", []string{"40%", "/tiendo A7"}},
	{cadre, "tiến độ A7", []string{"40%", "/tiendo A7"}},
	{cadre, "chỉ tiêu của A7", []string{"10 buổi", "/tiendo A7"}},
	{cadre, "B2 thế nào rồi", []string{"B2", "/tiendo B2"}},
	{cadre, "nội dung 4 đạt bao nhiêu", []string{"/tiendo nd 4"}},
	{cadre, "tiến độ nội dung số 2", []string{"/tiendo nd 2"}},
	{cadre, "tiến độ chung thế nào", []string{"/tiendo"}},
	// Work: not reported, owners, reminders.
	{cadre, "những việc nào bị trễ hạn", []string{"C1", "/tiendo chuabaocao"}},
	{cadre, "ai chưa báo cáo", []string{"C1", "/tiendo chuabaocao"}},
	{cadre, "which activities are overdue", []string{"C1", "/tiendo chuabaocao"}},
	{cadre, "đơn vị nào phụ trách B2", []string{"Bộ Chỉ huy Bộ đội Biên phòng TPHCM", "/tiendo B2"}},
	{cadre, "ai chủ trì C1", []string{"Đồn Biên phòng Cần Thạnh", "/tiendo C1"}},
	{cadre, "who owns A7", []string{"Đồn Biên phòng Cần Thạnh"}},
	{cadre, "nhóm này có lời nhắc nào", []string{"/dsnhac"}},
	// Bot: how to.
	{cadre, "hướng dẫn báo cáo", []string{"/baocao MÃ PHẦN_TRĂM"}},
	{cadre, "bao cao nhu the nao", []string{"/baocao MÃ PHẦN_TRĂM"}},
	{cadre, "làm thế nào để rút báo cáo", []string{"/baocao rut A7"}},
	{cadre, "sửa báo cáo sai thế nào", []string{"/baocao sua A7 70%"}},
	{cadre, "cách đăng ký nhóm nhận nhắc việc", []string{"/dangky"}},
	{cadre, "làm sao hủy lời nhắc", []string{"/huynhac SỐ"}},
	{cadre, "đổi sang tiếng anh thế nào", []string{"/ngonngu vi|en", "/ngonngu en"}},
	{admin, "làm sao để nhắc nhóm họp giao ban", []string{"/nhac THỜI_GIAN nội dung"}},
	{cadre, "how do I correct a report", []string{"/baocao sua"}},
}

func TestAskTable(t *testing.T) {
	h := askHarness(t)
	right := 0
	for _, c := range askTable {
		got := texts(h.say(c.from, c.from, c.q))
		ok := !strings.Contains(got, "Chưa tìm thấy")
		for _, w := range c.wants {
			ok = ok && strings.Contains(got, w)
		}
		if ok {
			right++
		} else {
			t.Errorf("%q: want %q; got:\n%s", c.q, c.wants, got)
		}
	}
	t.Logf("work and bot questions: %d/%d", right, len(askTable))
}

// TestAskBelowTheConfidence: a question the router reads only weakly says what it understood,
// names the command, and offers at most two programme items as buttons.
func TestAskBelowTheConfidence(t *testing.T) {
	h := askHarness(t)
	rs := h.say(cadre, cadre, "báo cáo nhanh")
	testutil.MustContain(t, texts(rs), "Bot hiểu bạn hỏi về cách dùng bot", "/baocao")
	if n := len(buttonData(rs)); n > 2 {
		t.Errorf("%d buttons, want at most 2", n)
	}
}

// TestAskStoreDownStillAnswersTheProgramme: a programme question with a word shaped like an
// activity code, and a bot question, are answered while the store is down.
func TestAskStoreDownStillAnswersTheProgramme(t *testing.T) {
	h := newStoreDownHarness(t, "")
	for q, want := range map[string]string{
		"VD4 là gì trong nội dung thứ tư": "Tập huấn",
		"làm sao để báo cáo tiến độ":      "/baocao MÃ PHẦN_TRĂM",
	} {
		got := texts(h.say(cadre, cadre, q))
		testutil.MustContain(t, got, want)
		if strings.Contains(got, "thử lại sau") {
			t.Errorf("%q refused while the store is down:\n%s", q, got)
		}
	}
}
