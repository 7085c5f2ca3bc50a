package webapp

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/webapp/webapptest"

	"github.com/coordbot/coordbot/bot"
)

// fakeSource allows user 1 (coordinator) and 2 (viewer) and records what it was asked.
type fakeSource struct {
	asked    int
	user     bot.ID
	lang     string
	from, to time.Time
}

func (f *fakeSource) CanSeeDashboard(id bot.ID) bool {
	return id == bot.TelegramID(1) || id == bot.TelegramID(2)
}
func (f *fakeSource) Quarter(now time.Time) (time.Time, time.Time) {
	return time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
}
func (f *fakeSource) Dashboard(_ context.Context, user bot.ID, lang string, from, to time.Time) (chat.Dashboard, error) {
	f.asked++
	f.user, f.lang, f.from, f.to = user, lang, from, to
	return chat.Dashboard{Lang: lang, Title: "SECRET-TITLE", Overall: chat.DashOverall{Percent: 42, Activities: 3}}, nil
}

func get(t *testing.T, h http.Handler, path, auth string) (int, string) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	if auth != "" {
		r.Header.Set("Authorization", auth)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	body, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(body)
}

func TestDashboardAuth(t *testing.T) {
	src := &fakeSource{}
	h := Handler(Config{Token: token, Source: src, Now: func() time.Time { return now }})
	sign := func(id int64, lang string, at time.Time) string {
		return "tma " + webapptest.Sign(token, User{ID: id, FirstName: "Lan", LanguageCode: lang}, at, nil)
	}
	valid := sign(1, "en-GB", now.Add(-time.Hour))
	tampered := strings.Replace(valid, "Lan", "Lam", 1)
	cases := []struct {
		name, auth string
		want       int
	}{
		{"coordinator", valid, 200},
		{"viewer", sign(2, "vi", now.Add(-23*time.Hour)), 200},
		{"no header", "", 401},
		{"other scheme", strings.Replace(valid, "tma ", "Bearer ", 1), 401},
		{"tampered field", tampered, 401},
		{"wrong token", "tma " + webapptest.Sign("999:other", User{ID: 1}, now, nil), 401},
		{"stale", sign(1, "vi", now.Add(-25*time.Hour)), 401},
		{"from the future", sign(1, "vi", now.Add(time.Hour)), 401},
		{"garbage", "tma %%%&&&", 401},
		{"not a coordinator or viewer", sign(3, "vi", now), 403},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := src.asked
			code, body := get(t, h, "/app/api/dashboard", c.auth)
			if code != c.want {
				t.Fatalf("status %d, want %d (%s)", code, c.want, body)
			}
			if c.want != 200 {
				if strings.Contains(body, "SECRET") || strings.Contains(body, "42") || src.asked != before {
					t.Errorf("a refused request reached the data: %s", body)
				}
				return
			}
			var d chat.Dashboard
			if err := json.Unmarshal([]byte(body), &d); err != nil || d.Overall.Percent != 42 {
				t.Errorf("body %s: %v", body, err)
			}
		})
	}
	if _, _ = get(t, h, "/app/api/dashboard", valid); src.lang != "en" {
		t.Errorf("language_code en-GB read as %q", src.lang)
	}
	if code, _ := get(t, h, "/app/api/other", ""); code != 401 {
		t.Errorf("unknown API path without initData: %d, want 401", code)
	}
}

func TestDashboardPeriod(t *testing.T) {
	src := &fakeSource{}
	h := Handler(Config{Token: token, Source: src, Now: func() time.Time { return now }})
	auth := "tma " + webapptest.Sign(token, User{ID: 1}, now, nil)
	if code, _ := get(t, h, "/app/api/dashboard", auth); code != 200 || src.from.Month() != 10 || src.to.Month() != 12 {
		t.Errorf("default period: %d %v %v", code, src.from, src.to)
	}
	if code, _ := get(t, h, "/app/api/dashboard?from=2026-01-05&to=2026-02-01", auth); code != 200 ||
		src.from.Format("2006-01-02") != "2026-01-05" || src.to.Format("2006-01-02") != "2026-02-01" {
		t.Errorf("period asked: %d %v %v", code, src.from, src.to)
	}
	// "Toàn chương trình": the whole programme, as /tiendo counts it (both days zero).
	if code, _ := get(t, h, "/app/api/dashboard?period=all", auth); code != 200 || !src.from.IsZero() || !src.to.IsZero() {
		t.Errorf("whole programme: %d %v %v", code, src.from, src.to)
	}
	// The page's fields hold dd/mm/yyyy, as Vietnamese write dates, whatever the device's locale.
	if code, _ := get(t, h, "/app/api/dashboard?from=5/1/2026&to=01/02/2026", auth); code != 200 ||
		src.from.Format("2006-01-02") != "2026-01-05" || src.to.Format("2006-01-02") != "2026-02-01" {
		t.Errorf("period asked as dd/mm/yyyy: %d %v %v", code, src.from, src.to)
	}
	for _, q := range []string{"?from=2026-02-01&to=2026-01-05", "?from=31/02/2026&to=2026-03-01", "?from=01/13/2026&to=2026-12-01", "?from=2026-01-01", "?from=0026-01-01&to=2026-01-01"} {
		before := src.asked
		code, body := get(t, h, "/app/api/dashboard"+q, auth)
		if code != 400 || src.asked != before || !strings.Contains(body, "ngày") && !strings.Contains(body, "năm") {
			t.Errorf("%s: %d %s, want 400 with a Vietnamese reason", q, code, body)
		}
	}
}

func TestDashboardPageIsEmbedded(t *testing.T) {
	h := Handler(Config{Token: token, Source: &fakeSource{}})
	for path, want := range map[string]string{"/app/": "app.js", "/app/app.js": "tgWebAppData", "/app/app.css": "max-width"} {
		code, body := get(t, h, path, "")
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("%s: %d, want 200 containing %q", path, code, want)
		}
	}
	code, body := get(t, h, "/app/", "")
	if code != 200 || strings.Contains(body, "SECRET") {
		t.Errorf("the page must hold no data")
	}
	// Nothing from elsewhere but Telegram's own script.
	for _, f := range []string{"/app/", "/app/app.js", "/app/app.css"} {
		_, body := get(t, h, f, "")
		for _, u := range strings.Split(body, "https://")[1:] {
			if !strings.HasPrefix(u, "telegram.org/js/telegram-web-app.js") {
				t.Errorf("%s loads https://%.40s", f, u)
			}
		}
	}
}

// FuzzDashboardRequest: whatever the header and the period, the data is read only for initData
// Telegram signed for a coordinator or viewer, and nothing panics.
func FuzzDashboardRequest(f *testing.F) {
	f.Add("tma "+webapptest.Sign(token, User{ID: 1}, now, nil), "from=2026-01-01&to=2026-02-01")
	f.Add("tma "+webapptest.Sign(token, User{ID: 3}, now, nil), "")
	f.Add("tma user=%7B%22id%22%3A1%7D&auth_date=1&hash=00", "from=9999-12-31&to=0000-01-01")
	f.Fuzz(func(t *testing.T, auth, query string) {
		src := &fakeSource{}
		h := Handler(Config{Token: token, Source: src, Now: func() time.Time { return now }})
		r := httptest.NewRequest(http.MethodGet, "/app/api/dashboard", nil)
		r.URL.RawQuery = query
		r.Header.Set("Authorization", auth)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		raw, _ := strings.CutPrefix(auth, "tma ")
		d, err := Verify(raw, token, now, MaxAge)
		allowed := strings.HasPrefix(auth, "tma ") && err == nil && src.CanSeeDashboard(bot.TelegramID(d.User.ID))
		if src.asked > 0 && !allowed {
			t.Fatalf("data read for %q", auth)
		}
		if w.Code == 200 && src.asked != 1 {
			t.Fatalf("200 without the data")
		}
	})
}
