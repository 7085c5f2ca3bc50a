package chat_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/internal/testutil"
)

// Every view names a status the same way: /tiendo, /tiendo CODE, the sơ kết, the history and the
// dashboard all take the name from one table (i18n.StatusName). Before, /tiendo said "dự kiến"
// where the sơ kết said "Chưa bắt đầu" and the dashboard had a list of its own.
func TestEveryViewNamesAStatusAlike(t *testing.T) {
	h := newHarness(t)
	for _, line := range []string{
		"/hoatdong them 05/12/2026 08:00 Chưa làm gì",  // A1: not started
		"/hoatdong them 06/12/2026 08:00 Đang làm",     // A2: under way
		"/hoatdong them 07/12/2026 08:00 Đã xong",      // A3: done
		"/hoatdong them 27/11/2026 08:00 Trễ hạn",      // A4: overdue once the clock passes it
		"/hoatdong them 08/12/2026 08:00 Sẽ bị hủy bỏ", // A5: cancelled
	} {
		h.say(admin, admin, line)
	}
	h.say(admin, admin, "/baocao A2 50%")
	h.say(admin, admin, "/baocao A3 100%")
	h.say(admin, admin, "/hoatdong huy A5")
	h.now = time.Date(2026, 11, 28, 9, 0, 0, 0, h.now.Location())

	want := map[string]bot.Status{"A1": bot.Planned, "A2": bot.UnderWay, "A3": bot.Done, "A4": bot.Overdue, "A5": bot.Cancelled}
	views := map[string]string{}
	for code := range want {
		views["/tiendo "+code] = texts(h.say(admin, admin, "/tiendo "+code))
	}
	views["/tiendo"] = texts(h.say(admin, admin, "/tiendo"))
	views["/soket"] = texts(h.say(admin, admin, "/soket từ 01/11/2026 đến 31/12/2026"))
	views["/lichsu A5"] = texts(h.say(admin, admin, "/lichsu A5"))
	d, err := h.b.Dashboard(context.Background(), admin, "vi", time.Date(2026, 10, 1, 0, 0, 0, 0, h.now.Location()), time.Date(2027, 1, 1, 0, 0, 0, 0, h.now.Location()))
	if err != nil {
		t.Fatal(err)
	}
	var dash strings.Builder
	for _, e := range d.Timeline {
		if e.StatusName != i18n.StatusName("vi", e.Status) {
			t.Errorf("dashboard timeline %s: %q, want %q", e.Code, e.StatusName, i18n.StatusName("vi", e.Status))
		}
		dash.WriteString(e.Code + " " + e.StatusName + "\n")
	}
	for s, name := range d.StatusNames {
		if name != i18n.StatusName("vi", s) {
			t.Errorf("dashboard status_names[%s] = %q, want %q", s, name, i18n.StatusName("vi", s))
		}
	}
	views["dashboard"] = dash.String()

	for code, s := range want {
		testutil.MustContain(t, views["/tiendo "+code], i18n.StatusName("vi", s))
	}
	testutil.MustContain(t, views["/tiendo"], i18n.StatusName("vi", bot.Overdue))
	testutil.MustContain(t, views["/lichsu A5"], i18n.StatusName("vi", bot.Planned)+" → "+i18n.StatusName("vi", bot.Cancelled))
	testutil.MustContain(t, views["dashboard"], "A4 "+i18n.StatusName("vi", bot.Overdue), "A1 "+i18n.StatusName("vi", bot.Planned))
	for _, s := range []bot.Status{bot.Done, bot.UnderWay, bot.Planned, bot.Overdue, bot.Cancelled} {
		testutil.MustContain(t, views["/soket"], i18n.StatusName("vi", s)+" 1")
	}
	// The other names a status once had appear in no view.
	for name, v := range views {
		for _, old := range []string{"dự kiến", "planned", "Not started"} {
			if strings.Contains(v, old) {
				t.Errorf("%s names a status %q:\n%s", name, old, v)
			}
		}
	}
}

// The table of names is kept by each status's stored form; every status of the domain has a
// name in both languages there, so no view ever shows "underway" raw.
func TestEveryDomainStatusHasAName(t *testing.T) {
	for _, s := range []bot.Status{bot.Planned, bot.UnderWay, bot.Done, bot.Overdue, bot.Cancelled} {
		for _, lang := range []string{"vi", "en"} {
			if n := i18n.StatusName(lang, s); n == "" || n == string(s) && lang == "vi" {
				t.Errorf("status %q has no %s name (got %q)", s, lang, n)
			}
		}
	}
}
