package chat_test

import (
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/quantity"
)

// FuzzHandle sends arbitrary text, as every kind of user in every kind of chat, through the whole
// bot on a real Redis: nothing may panic, and every reply must be non-empty valid UTF-8.
func FuzzHandle(f *testing.F) {
	for _, s := range []string{
		"/baocao A1 60% ghi chú", "/hoatdong them 01/12 08:00 X | nd 2 | mã B2", "/nhac every 0 8 * * 1 Họp",
		"/nhac CRON_TZ=UTC 0 8 * * *", "/noidung -1", "/report", "/hoatdong sua A1 | lúc +1d", "/huy #",
		"/thanhvien them 9223372036854775807", "/lang", "<b>", "/start report-A1", "/tiendo A1", "/baocao rut A1",
		"/baocao sua A1 200 70%", "/baocao rut 1764000000000-0 lý do: x", "/baocao GB 08/12 xong", "/lichsu A1", "/nhom", "/hoatdong mo A1", "/start activity",
	} {
		f.Add(s, int64(100), int64(100))
		f.Add(s, int64(200), int64(-1001))
	}
	f.Fuzz(func(t *testing.T, text string, fromN, chatN int64) {
		h := newHarness(t)
		if fromN == 0 {
			fromN = 1
		}
		from, chatID := bot.TelegramID(fromN), bot.TelegramID(chatN)
		h.members[[2]bot.ID{groupID, from}] = "administrator"
		h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn")
		for _, r := range h.say(from, chatID, text) {
			if r.AnswerCallback != "" {
				continue
			}
			if r.Text == "" && r.Document == nil && r.Photo == nil {
				t.Fatalf("empty reply to %q", text)
			}
			if !utf8.ValidString(r.Text) && utf8.ValidString(text) {
				t.Fatalf("invalid UTF-8 reply to %q", text)
			}
		}
	})
}

// FuzzQuantityCommands adds an activity with fuzzed targets and reports on it with fuzzed
// quantities, through the whole bot on a real Redis: nothing may panic, every reply is non-empty,
// and what is stored keeps the promises of targets and quantities: numbers with units, a unit
// once, and a report's units written as the activity's targets write them.
func FuzzQuantityCommands(f *testing.F) {
	for _, c := range [][2]string{
		{"20 buổi, 500 lượt người", "12 buổi, 320 lượt người"},
		{"20 buổi", "3 BUOI"},
		{"20 buổi", "2 lớp"},
		{"1.200 lượt người; 2,5 km", "1 200 luot nguoi; 1.5 KM"},
		{"nhiều buổi", "1 buổi"},
		{"20 buổi | tính mới nhất", "5 buổi | 6 buổi"},
		{"0 buổi", "0 buổi"},
		{"20 buổi", ""},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, targets, qty string) {
		h := unitsHarness(t)
		check := func(rs []chat.Reply, text string) {
			t.Helper()
			for _, r := range rs {
				if r.AnswerCallback == "" && r.Text == "" && r.Document == nil && r.Photo == nil {
					t.Fatalf("empty reply to %q", text)
				}
			}
		}
		add := "/hoatdong them 05/12/2026 08:00 Tập huấn | mã A1 | đv DCG | chỉ tiêu " + targets
		check(h.say(admin, admin, add), add)
		acts, err := h.store.Activities(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(acts) == 0 {
			h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn | mã A1")
			acts, _ = h.store.Activities(t.Context())
		}
		if len(acts) != 1 {
			t.Fatalf("activities after %q: %+v", add, acts)
		}
		a := acts[0] // A1, or the code the fuzzed text gave it
		checkAmounts(t, add, a.Targets)
		rep := "/baocao " + a.Code + " 50% ghi chú | " + qty
		check(h.say(admin, admin, rep), rep)
		check(h.say(admin, admin, "/tiendo "+a.Code), "/tiendo")
		rs := h.reports()
		if len(rs) > 1 {
			t.Fatalf("%q stored %d reports", rep, len(rs))
		}
		if len(rs) == 0 {
			return
		}
		if len(rs[0].Qty) == 0 {
			t.Fatalf("%q stored a report without its quantities: %+v", rep, rs[0])
		}
		checkAmounts(t, rep, rs[0].Qty)
		if len(a.Targets) == 0 {
			return
		}
		for _, q := range rs[0].Qty {
			found := false
			for _, tg := range a.Targets {
				found = found || tg.Unit == q.Unit
			}
			if !found {
				t.Fatalf("%q against %v stored a quantity in %q", rep, a.Targets, q.Unit)
			}
		}
	})
}

// checkAmounts checks stored quantities: at most quantity.MaxItems, each a number in range with
// a unit of words, each unit once.
func checkAmounts(t *testing.T, in string, as []quantity.Amount) {
	t.Helper()
	if len(as) > quantity.MaxItems {
		t.Fatalf("%q: %d quantities", in, len(as))
	}
	seen := map[string]bool{}
	for _, a := range as {
		if math.IsNaN(a.Value) || a.Value < 0 || a.Value > 1e12 || a.Unit == "" ||
			strings.ContainsFunc(a.Unit, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsControl(r) }) || seen[a.Key()] {
			t.Fatalf("%q: stored quantity %+v (of %v)", in, a, as)
		}
		seen[a.Key()] = true
	}
}
