package chat_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/internal/testutil"
)

// unitsProgramme is the seed with a unit tree: BCH above DCG and DLH, DCG above TCG.
func unitsProgramme(t testing.TB) *programme.Programme {
	t.Helper()
	p, err := programme.Parse([]byte(`extends: seed
units:
  - {code: BCH, name: Bộ Chỉ huy}
  - {code: DCG, name: Đồn Cần Giờ, parent: BCH}
  - {code: TCG, name: Tổ Cần Giờ, parent: DCG}
  - {code: DLH, name: Đồn Long Hòa, parent: BCH}
`))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fill saves n activities through the store: content areas 1..5 in turn, units from units in
// turn, half of them past (overdue), the rest next month; every seventh reported at 100% (done).
func (h *harness) fill(n int, units []string) {
	h.t.Helper()
	ctx := context.Background()
	for i := 0; i < n; i++ {
		code := "V" + strconv.Itoa(i+1)
		at := h.now.AddDate(0, 1, 0)
		if i%2 == 0 {
			at = h.now.AddDate(0, 0, -3)
		}
		a := bot.Activity{Code: code, Title: fmt.Sprintf("Hoạt động số %d của chương trình phối hợp", i+1), Content: i%5 + 1, At: at, Unit: units[i%len(units)]}
		if _, err := h.store.SaveActivity(ctx, a, true); err != nil {
			h.t.Fatal(err)
		}
		if i%7 == 0 {
			r := bot.Report{Code: code, UserID: cadre, Name: "Tiến", At: h.now.Add(-time.Hour), Percent: 100}
			if _, _, _, err := h.store.ApplyReport(ctx, bot.ReportStep{Add: &r, Audit: bot.Audit{Action: bot.ActReportAdd}}); err != nil {
				h.t.Fatal(err)
			}
		}
	}
}

// textReplies are the replies that are text messages (not the chart, not a button's answer).
func textReplies(rs []chat.Reply) []chat.Reply {
	var out []chat.Reply
	for _, r := range rs {
		if r.Photo == nil && r.Document == nil && r.AnswerCallback == "" && r.Text != "" {
			out = append(out, r)
		}
	}
	return out
}

// With 5,000 activities /tiendo is one message under Telegram's 4,096 characters: the areas'
// figures and the ten that most need attention (overdue first), with "xem thêm" buttons that
// open an area's view. Before, it listed all 5,000 (some 220 messages once split).
func TestProgressIsOneScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 5,000 activities")
	}
	h := newHarness(t)
	h.fill(5000, []string{""})
	got := textReplies(h.say(admin, admin, "/tiendo"))
	if len(got) != 1 {
		t.Fatalf("/tiendo sent %d text messages; want 1", len(got))
	}
	text := got[0].Text
	if n := utf8.RuneCountInString(text); n >= 4096 {
		t.Fatalf("/tiendo is %d characters; want under 4096", n)
	}
	plain := chat.PlainText(text)
	testutil.MustContain(t, plain, "Cần chú ý nhất (10 trong 5000 hoạt động)", "Nội dung 1", "Nội dung 5", "5000 hoạt động")
	worst := section(plain, "Cần chú ý nhất")
	if n := strings.Count(worst, "•"); n != 10 {
		t.Errorf("the worst list has %d lines; want 10:\n%s", n, worst)
	}
	if strings.Count(worst, "(quá hạn)") != 10 {
		t.Errorf("the worst ten are not the overdue ones:\n%s", worst)
	}
	var more string
	for _, d := range buttonData(got) {
		if strings.HasPrefix(d, "pv:nd ") {
			more = d
			break
		}
	}
	if more == "" {
		t.Fatalf("no xem thêm button for an area: %v", buttonData(got))
	}
	testutil.MustContain(t, texts(h.press(admin, admin, 1, more)), "Tiến độ — Nội dung")
}

// A small programme is still listed in full under /tiendo.
func TestProgressSmallListsAll(t *testing.T) {
	h := newHarness(t)
	h.fill(4, []string{""})
	got := texts(h.say(cadre, cadre, "/tiendo"))
	testutil.MustContain(t, got, "V1", "V2", "V3", "V4")
	if strings.Contains(got, "Cần chú ý nhất") {
		t.Errorf("a programme of four activities is cut short:\n%s", got)
	}
}

// The report picker is paged, at most 20 buttons a page; its pages reach every open activity
// once, those of the reporter's own unit (and the units under it) first. Before, it was one
// keyboard of every open activity.
func TestPickerIsPaged(t *testing.T) {
	h := newHarnessWith(t, unitsProgramme(t))
	h.fill(300, []string{"DLH", "BCH", "DCG", "TCG", ""})
	if err := h.store.SetReporter(context.Background(), cadre, "DCG", false, bot.Audit{}); err != nil {
		t.Fatal(err)
	}
	open := map[string]bool{}
	for i := 0; i < 300; i++ {
		if i%7 != 0 {
			open["V"+strconv.Itoa(i+1)] = true
		}
	}
	ownUnit := func(code string) bool {
		i, _ := strconv.Atoi(strings.TrimPrefix(code, "V"))
		u := (i - 1) % 5
		return u == 2 || u == 3 // DCG and TCG, under it
	}
	seen := map[string]bool{}
	var order []string
	rs := h.say(cadre, cadre, "/baocao")
	for page := 0; ; page++ {
		msgs := textReplies(rs)
		if len(msgs) != 1 {
			t.Fatalf("page %d: %d messages; want 1", page+1, len(msgs))
		}
		var next string
		n := 0
		for _, row := range msgs[0].Buttons {
			for _, bt := range row {
				n++
				switch {
				case strings.HasPrefix(bt.Data, "rp:"):
					code := strings.TrimPrefix(bt.Data, "rp:")
					if seen[code] {
						t.Errorf("page %d shows %s again", page+1, code)
					}
					seen[code] = true
					order = append(order, code)
				case bt.Text == "Trang sau ▶":
					next = bt.Data
				}
			}
		}
		if n > 20 {
			t.Fatalf("page %d has %d buttons; want at most 20", page+1, n)
		}
		if next == "" {
			break
		}
		if page > 100 {
			t.Fatal("the pages never end")
		}
		rs = h.press(cadre, cadre, 1, next)
	}
	for code := range open {
		if !seen[code] {
			t.Errorf("no page offers open activity %s", code)
		}
	}
	if len(seen) != len(open) {
		t.Errorf("the pages offer %d activities; want the %d open ones", len(seen), len(open))
	}
	// The reporter's unit first: no activity of another unit before the last of its own.
	last := -1
	for i, c := range order {
		if ownUnit(c) {
			last = i
		}
	}
	for i, c := range order[:last+1] {
		if !ownUnit(c) {
			t.Fatalf("%s (another unit) comes at %d, before the reporter's own unit's last at %d", c, i, last)
		}
	}
}

// A group's weekly digest covers its own unit and the units under it, in one message under
// 4,096 characters, whatever the number of activities; a group of no unit hears of the whole
// programme, in one message too. Before, every group got the whole programme's lists (24
// messages at 200k reports).
func TestDigestIsOneMessagePerGroup(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 5,000 activities")
	}
	h := newHarnessWith(t, unitsProgramme(t))
	units := []string{"DLH", "BCH", "DCG", "TCG", ""}
	h.fill(5000, units)
	ctx := context.Background()
	const dcg, dlh, whole = bot.ID("tg:-2001"), bot.ID("tg:-2002"), bot.ID("tg:-2003")
	for chatID, unit := range map[bot.ID]string{dcg: "DCG", dlh: "dlh", whole: ""} {
		if _, err := h.store.ApproveGroup(ctx, bot.SubscribedGroup{ChatID: chatID, Title: "Nhóm " + unit, Unit: unit}, bot.Audit{}); err != nil {
			t.Fatal(err)
		}
	}
	occ := time.Date(2026, 11, 30, 8, 0, 0, 0, h.now.Location())
	h.now = occ
	f := bot.Firing{Reminder: bot.Reminder{ID: bot.DigestID, Kind: bot.KindDigest, Cron: "0 8 * * 1"}, Occurrence: occ}
	if err := h.b.Fire(ctx, f); err != nil {
		t.Fatal(err)
	}
	byChat := map[bot.ID][]string{}
	for _, r := range h.rec.take() {
		byChat[r.ChatID] = append(byChat[r.ChatID], r.Text)
	}
	unitOf := func(code string) string {
		i, _ := strconv.Atoi(strings.TrimPrefix(code, "V"))
		return units[(i-1)%len(units)]
	}
	for chatID, want := range map[bot.ID][]string{dcg: {"DCG", "TCG"}, dlh: {"DLH"}, whole: nil} {
		msgs := byChat[chatID]
		if len(msgs) != 1 {
			t.Errorf("group %s got %d messages; want 1", chatID, len(msgs))
			continue
		}
		if n := utf8.RuneCountInString(msgs[0]); n >= 4096 {
			t.Errorf("group %s's digest is %d characters; want under 4096", chatID, n)
		}
		plain := chat.PlainText(msgs[0])
		testutil.MustContain(t, plain, "Bản tin tuần", "Cần cập nhật", "hoạt động khác cần cập nhật")
		if want == nil {
			continue
		}
		n := 0
		for _, part := range strings.Split(msgs[0], "<b>V")[1:] {
			code, _, _ := strings.Cut(part, "</b>")
			n++
			if u := unitOf("V" + code); !slices.Contains(want, u) {
				t.Errorf("group %s's digest shows V%s of unit %q; want only %v", chatID, code, u, want)
			}
		}
		if n == 0 {
			t.Errorf("group %s's digest shows no activity:\n%s", chatID, plain)
		}
	}
}

// BenchmarkProgressFiveThousand measures /tiendo over 5,000 activities (a report on every
// seventh), end to end through the bot on a real Redis, and the size of its one message.
func BenchmarkProgressFiveThousand(b *testing.B) {
	rdb, prefix := redistest.Client(b)
	store := redisstore.New(rdb, prefix)
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	rec := &recorder{}
	bt := chat.New(chat.Config{Programme: programme.Default(), Store: store, Sender: rec, Now: func() time.Time { return now }})
	for i := 0; i < 5000; i++ {
		code := "V" + strconv.Itoa(i+1)
		a := bot.Activity{Code: code, Title: fmt.Sprintf("Hoạt động số %d", i+1), Content: i%5 + 1, At: now.AddDate(0, 0, 3-6*(i%2))}
		if _, err := store.SaveActivity(ctx, a, true); err != nil {
			b.Fatal(err)
		}
		if i%7 == 0 {
			r := bot.Report{Code: code, UserID: "tg:5", At: now.Add(-time.Hour), Percent: 50}
			if _, _, _, err := store.ApplyReport(ctx, bot.ReportStep{Add: &r, Audit: bot.Audit{Action: bot.ActReportAdd}}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	size := 0
	for i := 0; i < b.N; i++ {
		u := chat.Update{ID: bot.UpdateKey(strconv.Itoa(i + 1)), ChatID: "tg:5", ChatKind: chat.Private, From: chat.User{ID: "tg:5"}, Text: "/tiendo"}
		if err := bt.Handle(ctx, u); err != nil {
			b.Fatal(err)
		}
		msgs := textReplies(rec.take())
		if len(msgs) != 1 {
			b.Fatalf("%d messages", len(msgs))
		}
		size = utf8.RuneCountInString(msgs[0].Text)
	}
	b.ReportMetric(float64(size), "chars")
}
