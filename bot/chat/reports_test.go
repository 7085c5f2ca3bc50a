package chat_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/testutil"
)

// setup adds activity A1 and subscribes the group, with cadre a member of it.
func setup(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn nghiệp vụ dân vận | nd 4 | đv Đồn Biên phòng Cần Giờ")), "A1", "05/12/2026 08:00")
	h.members[[2]bot.ID{groupID, admin}] = "administrator"
	h.members[[2]bot.ID{groupID, cadre}] = "member"
	testutil.MustContain(t, texts(h.say(admin, groupID, "/dangky")), "đã đăng ký")
	return h
}

func TestActivityOneLineForms(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name, text string
		wants      []string
	}{
		{"relative time gets the next code", "/hoatdong them +2d Họp giao ban", []string{"A1", "28/11/2026 09:00"}},
		{"given code and lead", "/activity add 01/12 08:00 Tuyên truyền | mã T5 | nhắc 2d,3h | nd 2", []string{"T5", "01/12/2026 08:00", "nội dung 2"}},
		{"taken code is refused", "/hoatdong them 01/12 08:00 Khác | mã T5", []string{"T5", "đã có"}},
		{"a time more than 5 years back is refused", "/hoatdong them 01/01/2020 08:00 Cũ", []string{"quá xa"}},
		{"impossible date is refused", "/hoatdong them 30/02/2027 08:00 Sai", []string{"không có trong lịch"}},
		{"missing title", "/hoatdong them 01/12 08:00", []string{"Thiếu tên"}},
		{"bad content area", "/hoatdong them 01/12 08:00 X | nd 9", []string{"từ 1 đến 5"}},
		{"unknown segment", "/hoatdong them 01/12 08:00 X | màu đỏ", []string{"màu đỏ"}},
		{"edit moves the time", "/hoatdong sua T5 | lúc 02/12/2026 14:30", []string{"T5", "02/12/2026 14:30"}},
		{"edit unknown code", "/hoatdong sua Z9 | lúc 02/12/2026 14:30", []string{"Z9", "/kehoach"}},
		{"cancel", "/hoatdong huy A1", []string{"Đã hủy", "A1"}},
		{"past work is recorded without reminders", "/hoatdong them 02/11/2026 08:00 Đã làm", []string{"A2", "02/11/2026 08:00", "đã diễn ra", "không gửi lời nhắc"}},
		{"bare word shows usage", "/hoatdong lung tung", []string{"/hoatdong them"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testutil.MustContain(t, texts(h.say(admin, admin, tt.text)), tt.wants...)
		})
	}
	t.Run("plan lists open activities only", func(t *testing.T) {
		got := texts(h.say(cadre, cadre, "/kehoach"))
		testutil.MustContain(t, got, "T5", "02/12/2026 14:30")
		if strings.Contains(got, "Họp giao ban") {
			t.Errorf("cancelled A1 is in the plan:\n%s", got)
		}
	})
	t.Run("cadres may not add", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/hoatdong them +1d X")), "cán bộ điều phối")
	})
}

func TestReportsAndProgress(t *testing.T) {
	h := setup(t)
	ctx := context.Background()

	testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao A1 60% đã tập huấn 2 đợt")), "Đã ghi nhận", "60%", "đã tập huấn 2 đợt")
	t.Run("a stranger is refused politely and not counted", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(stranger, stranger, "/baocao A1 90%")), "chưa có quyền", "300")
	})
	t.Run("out-of-range percent is refused and nothing stored", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao A1 150%")), "150", "từ 0 đến 100")
	})
	t.Run("unknown code", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao Q9 10%")), "Q9")
	})
	all, err := h.store.Reports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Percent != 60 || all[0].UserID != cadre || all[0].Unit != "" {
		t.Fatalf("stored reports = %+v, want the one 60%% report by the cadre, no unit (the group's title is not a unit)", all)
	}
	t.Run("progress shows bar, date and reporter", func(t *testing.T) {
		got := h.say(cadre, cadre, "/tiendo")
		testutil.MustContain(t, texts(got), "▓▓▓▓▓▓░░░░ 60%", "26/11/2026", "Nguyễn Văn Tiến", "trung bình 60%")
		var photo *chat.Upload
		for _, r := range got {
			if r.Photo != nil {
				photo = r.Photo
			}
		}
		if photo == nil || !bytes.HasPrefix(photo.Data, []byte("\x89PNG")) {
			t.Fatalf("progress sent no PNG chart")
		}
	})
	t.Run("done means 100 and finishes the activity", func(t *testing.T) {
		h.now = h.now.Add(time.Hour)
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao A1 xong")), "100%")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/tiendo A1")), "(hoàn thành)")
		if got := texts(h.say(cadre, cadre, "/kehoach")); strings.Contains(got, "Tập huấn nghiệp vụ") {
			t.Errorf("the plan still lists the done activity:\n%s", got)
		}
	})
	t.Run("withdrawing the 100% report reopens the activity", func(t *testing.T) {
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao rut A1")), "Đã rút", "100%")
		latest, err := h.store.Latest(ctx)
		if err != nil || latest["A1"].Percent != 60 {
			t.Fatalf("latest after withdraw = %+v, %v; want 60", latest["A1"], err)
		}
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/tiendo A1")), "(đang thực hiện)")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/kehoach")), "Tập huấn nghiệp vụ")
		if data := buttonData(h.say(cadre, cadre, "/baocao")); !slices.Contains(data, "rp:A1") {
			t.Errorf("the picker lacks the reopened A1: %v", data)
		}
	})
	t.Run("a report in a photo caption keeps the file", func(t *testing.T) {
		h.handle(chat.Update{ID: h.upd(), ChatID: cadre, ChatKind: chat.Private, From: chat.User{ID: cadre, FirstName: "Tiến"},
			Text: "/baocao A1 70% ảnh buổi tập huấn", File: &chat.FileRef{ID: "photo-123", Kind: "photo"}})
		latest, _ := h.store.Latest(ctx)
		if latest["A1"].FileID != "photo-123" || latest["A1"].Percent != 70 {
			t.Fatalf("latest = %+v, want the photo kept with 70%%", latest["A1"])
		}
	})
	t.Run("cancelled activity takes no report", func(t *testing.T) {
		h.say(admin, admin, "/hoatdong huy A1")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "/baocao A1 80%")), "đã bị hủy")
	})
}

func TestReportIsIdempotentOnUpdateID(t *testing.T) {
	h := setup(t)
	u := chat.Update{ID: "4242", ChatID: cadre, ChatKind: chat.Private, From: chat.User{ID: cadre}, Text: "/baocao A1 30%"}
	h.handle(u)
	// The claim on the update id is lost (say the store forgot it); the report must still not double.
	if err := h.store.Forget(context.Background(), "4242"); err != nil {
		t.Fatal(err)
	}
	h.handle(u)
	all, err := h.store.Reports(context.Background())
	if err != nil || len(all) != 1 {
		t.Fatalf("reports = %d, %v; want 1", len(all), err)
	}
}

func TestGuidedReportFlow(t *testing.T) {
	h := setup(t)
	got := h.say(cadre, cadre, "/baocao")
	if d := buttonData(got); len(d) != 1 || d[0] != "rp:A1" {
		t.Fatalf("activity buttons = %v, want [rp:A1]", d)
	}
	got = h.press(cadre, cadre, 1, "rp:A1")
	if d := buttonData(got); !contains(d, "rq:A1:60") {
		t.Fatalf("percent buttons = %v, want rq:A1:60 among them", d)
	}
	got = h.press(cadre, cadre, 1, "rq:A1:60")
	if d := buttonData(got); !contains(d, "rn:A1:60") {
		t.Fatalf("note step buttons = %v", d)
	}
	testutil.MustContain(t, texts(h.say(cadre, cadre, "hoàn thành lớp 1")), "Đã ghi nhận", "60%", "hoàn thành lớp 1")
	// The flow is over: plain text is a question again.
	testutil.MustContain(t, texts(h.say(cadre, cadre, "dan van kheo")), "Dân vận khéo")

	t.Run("typed percent works too", func(t *testing.T) {
		h.press(cadre, cadre, 1, "rp:A1")
		testutil.MustContain(t, texts(h.say(cadre, cadre, "75")), "75%")
		testutil.MustContain(t, texts(h.press(cadre, cadre, 1, "rn:A1:75")), "Đã ghi nhận", "75%")
	})
	t.Run("forged callback from a stranger is refused", func(t *testing.T) {
		got := h.press(stranger, stranger, 1, "rn:A1:100")
		if len(got) == 0 || got[0].AnswerCallback == "" || got[0].CallbackNote == "" {
			t.Fatalf("forged press: want a refusal toast, got %+v", got)
		}
		latest, _ := h.store.Latest(context.Background())
		if latest["A1"].Percent != 75 {
			t.Fatalf("forged press changed progress to %d", latest["A1"].Percent)
		}
	})
	t.Run("in a group the flow moves to a private chat", func(t *testing.T) {
		got := h.say(cadre, groupID, "/baocao")
		if len(got) != 1 || len(got[0].Buttons) == 0 || !strings.Contains(got[0].Buttons[0][0].URL, "start=report") {
			t.Fatalf("group /baocao: want a deep link button, got %+v", got)
		}
	})
}

func TestGuidedActivityFlow(t *testing.T) {
	h := newHarness(t)
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong")), "tên hoạt động")
	got := h.say(admin, admin, "Hội nghị sơ kết")
	if d := buttonData(got); !contains(d, "ac:5") {
		t.Fatalf("content buttons = %v", d)
	}
	testutil.MustContain(t, texts(h.press(admin, admin, 2, "ac:5")), "thời gian")
	testutil.MustContain(t, texts(h.say(admin, admin, "31/02/2027 08:00")), "không có trong lịch")
	h.say(admin, admin, "15/12/2026 14:00")
	// Then what the one-line form can say too, each skippable: targets, owner person, lead times.
	got = h.say(admin, admin, "Ban Dân vận")
	testutil.MustContain(t, texts(got), "chỉ tiêu")
	if d := buttonData(got); !contains(d, "as:targets") {
		t.Fatalf("targets step buttons = %v, want the skip", d)
	}
	testutil.MustContain(t, texts(h.say(admin, admin, "2 lớp, 120 lượt cán bộ")), "người phụ trách")
	testutil.MustContain(t, texts(h.press(admin, admin, 3, "as:person")), "Nhắc trước")
	testutil.MustContain(t, texts(h.say(admin, admin, "2d")), "A1", "Hội nghị sơ kết", "15/12/2026 14:00", "nội dung 5", "2 lớp, 120 lượt cán bộ")
	if a, ok, _ := h.store.Activity(context.Background(), "A1"); !ok || len(a.Targets) != 2 || a.Person != "" || len(a.Lead) != 1 || a.Lead[0] != 48*time.Hour {
		t.Fatalf("the guided activity stored %+v", a)
	}
	t.Run("a cadre cannot drive it with forged buttons", func(t *testing.T) {
		got := h.press(cadre, cadre, 2, "ac:1")
		if len(got) == 0 || got[0].CallbackNote == "" {
			t.Fatalf("want a refusal toast, got %+v", got)
		}
	})
}

func TestExportSendsCSVAndXLSX(t *testing.T) {
	h := setup(t)
	testutil.MustContain(t, texts(h.say(admin, admin, "/xuat")), "Chưa có báo cáo")
	h.say(cadre, cadre, "/baocao A1 60% ghi chú, có dấu phẩy")
	got := h.say(admin, admin, "/xuat")
	var csv, xlsx *chat.Upload
	for _, r := range got {
		if r.Document != nil && strings.HasSuffix(r.Document.Name, ".csv") {
			csv = r.Document
		}
		if r.Document != nil && strings.HasSuffix(r.Document.Name, ".xlsx") {
			xlsx = r.Document
		}
	}
	if csv == nil || xlsx == nil {
		t.Fatalf("want a CSV and an XLSX, got %+v", got)
	}
	if !bytes.HasPrefix(csv.Data, []byte("\xEF\xBB\xBF")) {
		t.Error("CSV lacks the UTF-8 BOM")
	}
	testutil.MustContain(t, string(csv.Data), "A1", "Tập huấn nghiệp vụ dân vận", "Nguyễn Văn Tiến", "60", "ghi chú, có dấu phẩy")
	if !bytes.HasPrefix(xlsx.Data, []byte("PK")) {
		t.Error("XLSX is not a zip")
	}
	f, err := excelize.OpenReader(bytes.NewReader(xlsx.Data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Nhật ký")
	if err != nil {
		t.Fatalf("no Nhật ký sheet: %v (sheets %v)", err, f.GetSheetList())
	}
	var journal strings.Builder
	for _, r := range rows {
		journal.WriteString(strings.Join(r, "|") + "\n")
	}
	testutil.MustContain(t, journal.String(), "Người thực hiện", "thêm hoạt động", "duyệt nhóm", "báo cáo", "Nguyễn Văn Tiến", "60%")
	testutil.MustContain(t, texts(h.say(cadre, cadre, "/xuat")), "cán bộ điều phối")
}

func TestMemberAddedByCoordinatorMayReport(t *testing.T) {
	h := setup(t)
	testutil.MustContain(t, texts(h.say(stranger, stranger, "/baocao A1 10%")), "chưa có quyền")
	testutil.MustContain(t, texts(h.say(admin, admin, "/thanhvien them 300 Ban Dân vận")), "300", "Ban Dân vận")
	testutil.MustContain(t, texts(h.say(stranger, stranger, "/baocao A1 10%")), "Đã ghi nhận")
	testutil.MustContain(t, texts(h.say(cadre, groupID, "/dangky")), "quản trị viên")
}

func TestPercentParser(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"60%", 60, true}, {"60", 60, true}, {" 0 ", 0, true}, {"100%", 100, true},
		{"xong", 100, true}, {"Xong", 100, true}, {"done", 100, true}, {"hoàn thành", 100, true},
		{"150%", 150, false}, {"-5", -5, false}, {"abc", 0, false}, {"", 0, false}, {"6o%", 0, false},
	}
	for _, tt := range tests {
		got, ok := chat.ParsePercent(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParsePercent(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParsePercent(f *testing.F) {
	for _, s := range []string{"60%", "xong", "100", "-1", "1e9", "٣٠"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := chat.ParsePercent(s)
		if ok && (n < 0 || n > 100) {
			t.Fatalf("ParsePercent(%q) accepted %d", s, n)
		}
	})
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
