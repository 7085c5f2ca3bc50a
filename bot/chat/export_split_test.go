package chat_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/testutil"
)

// reportYears saves activity A1 and one report on it in each of the years 2024–2026.
func (h *harness) reportYears() {
	h.t.Helper()
	ctx := context.Background()
	if _, err := h.store.SaveActivity(ctx, bot.Activity{Code: "A1", Title: "Tuyên truyền", Content: 1}, true); err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.store.SaveActivity(ctx, bot.Activity{Code: "A2", Title: "Chưa ai báo cáo", Content: 2}, true); err != nil {
		h.t.Fatal(err)
	}
	for i, y := range []int{2024, 2025, 2026} {
		r := bot.Report{Code: "A1", UserID: cadre, Name: "Tiến", At: time.Date(y, 3, 1, 9, 0, 0, 0, h.now.Location()), Percent: 10 * (i + 1)}
		if _, _, _, err := h.store.ApplyReport(ctx, bot.ReportStep{Add: &r, Audit: bot.Audit{Action: bot.ActReportAdd}}); err != nil {
			h.t.Fatal(err)
		}
	}
}

// documents are the names of the files among rs, and the captions.
func documents(rs []chat.Reply) (names []string, captions string) {
	for _, r := range rs {
		if r.Document != nil {
			names = append(names, r.Document.Name)
			captions += chat.PlainText(r.Text) + "\n"
		}
	}
	return names, captions
}

// An export over Telegram's limit goes out in one file per year (and one of the activities
// with no report), and the reply says so; under the limit it is one file of each kind.
func TestExportSplitByYear(t *testing.T) {
	h := newHarness(t)
	h.reportYears()
	names, _ := documents(h.say(admin, admin, "/xuat"))
	if !slices.Equal(names, []string{"bao-cao-den-26-11-2026.csv", "bao-cao-den-26-11-2026.xlsx"}) {
		t.Fatalf("under the limit: files %v", names)
	}
	defer chat.SetMaxUploadForTest(400)() // the whole CSV is larger; each year's is smaller
	names, captions := documents(h.say(admin, admin, "/xuat"))
	var csvs []string
	for _, n := range names {
		if strings.HasSuffix(n, ".csv") {
			csvs = append(csvs, n)
		}
	}
	want := []string{"bao-cao-den-26-11-2026-nam-2024.csv", "bao-cao-den-26-11-2026-nam-2025.csv", "bao-cao-den-26-11-2026-nam-2026.csv"}
	if !slices.Equal(csvs, want) {
		t.Errorf("over the limit: CSV files %v; want %v", csvs, want)
	}
	testutil.MustContain(t, captions, "chia theo năm: phần 1/3, năm 2024", "phần 3/3, năm 2026")
	if strings.Contains(captions, "năm 1\n") {
		t.Errorf("a part of year 1:\n%s", captions)
	}
	// A period's export lists the activities with no report too: in a part of their own.
	names, captions = documents(h.say(admin, admin, "/xuat 01/01/2024 31/12/2026"))
	if !slices.Contains(names, "bao-cao-01-01-2024-den-31-12-2026-chua-bao-cao.csv") {
		t.Errorf("no part of the activities with no report: %v", names)
	}
	testutil.MustContain(t, captions, "các hoạt động chưa có báo cáo")
}

// failCSV refuses every CSV document, as Telegram refuses a file over 50 MB.
type failCSV struct{ chat.Sender }

func (f failCSV) Send(ctx context.Context, r chat.Reply) (chat.Sent, error) {
	if r.Document != nil && strings.HasSuffix(r.Document.Name, ".csv") {
		return chat.Sent{}, errors.New("413: Request Entity Too Large")
	}
	return f.Sender.Send(ctx, r)
}

// When the CSV cannot be sent the XLSX still goes out, and the reply says the CSV did not.
// Before, the CSV's error returned early and the XLSX was never sent.
func TestExportSendsXLSXWhenCSVFails(t *testing.T) {
	h := newHarness(t, func(c *chat.Config) { c.Sender = failCSV{c.Sender} })
	h.reportYears()
	got := h.say(admin, admin, "/xuat")
	names, _ := documents(got)
	if !slices.Equal(names, []string{"bao-cao-den-26-11-2026.xlsx"}) {
		t.Errorf("files sent %v; want the XLSX", names)
	}
	testutil.MustContain(t, texts(got), "Không gửi được tệp CSV")
}
