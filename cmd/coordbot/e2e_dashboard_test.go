package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/webapp/webapptest"

	"github.com/chromedp/chromedp"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/bot/webapp"
)

// viewer may open the dashboard (COORDBOT_VIEWERS) without being a coordinator.
var viewer = telegramtest.User{ID: 55555, FirstName: "Lãnh đạo", LanguageCode: "en"}

const publicURL = "https://dashboard.example.org"

// TestDashboardInBrowser opens the dashboard of `coordbot run` in headless Chromium: with initData
// signed by the bot's token it shows exactly the numbers of the reports in Redis, in the user's
// language, and fits a 360 px screen; forged or stale initData gets the 401 page and no data.
func TestDashboardInBrowser(t *testing.T) {
	browser := chromiumPath(t)
	e := newE2E(t)
	// Restart with the dashboard on: COORDBOT_PUBLIC_URL and a viewer.
	e.stop()
	e.env["COORDBOT_PUBLIC_URL"] = publicURL
	e.env["COORDBOT_VIEWERS"] = "55555"
	// Units as data: the dashboard's unit bars go by code, a parent's including its sub-units'.
	prog := filepath.Join(t.TempDir(), "units.yaml")
	if err := os.WriteFile(prog, []byte(`extends: seed
units:
  - {code: BCH, name: Bộ Chỉ huy Bộ đội Biên phòng}
  - {code: DCG, name: Đồn Biên phòng Cần Giờ, parent: BCH}
  - {code: BDV, name: Ban Dân vận}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	e.env["COORDBOT_PROGRAM"] = prog
	e.start()
	base := "http://" + httpAddr(t, e.logs) + "/app/"

	for _, id := range []int64{coordinator.ID, viewer.ID} {
		if m, ok := e.srv.MenuButton(id); !ok || m.Type != "web_app" || m.URL != publicURL+"/app/" || m.Text != "📊 Bảng điều khiển" {
			t.Errorf("menu button of %d: %+v %v", id, m, ok)
		}
	}
	if m, ok := e.srv.MenuButton(cadre.ID); ok {
		t.Errorf("a cadre got a menu button: %+v", m)
	}

	seedDashboard(t, e)
	now := time.Now()
	valid := webapptest.Sign(e.env["TELEGRAM_BOT_TOKEN"], webapp.User{ID: coordinator.ID, FirstName: "Điều phối", LanguageCode: "vi"}, now, nil)
	forged := strings.Replace(valid, "11111", "11112", 1)
	stale := webapptest.Sign(e.env["TELEGRAM_BOT_TOKEN"], webapp.User{ID: coordinator.ID, LanguageCode: "vi"}, now.Add(-25*time.Hour), nil)
	english := webapptest.Sign(e.env["TELEGRAM_BOT_TOKEN"], webapp.User{ID: viewer.ID, FirstName: "Lãnh đạo", LanguageCode: "en"}, now, nil)
	stranger := webapptest.Sign(e.env["TELEGRAM_BOT_TOKEN"], webapp.User{ID: cadre.ID, LanguageCode: "vi"}, now, nil)

	// The API itself: nothing without a valid signature of a coordinator or viewer.
	for name, c := range map[string]struct {
		auth string
		want int
	}{"forged": {"tma " + forged, 401}, "stale": {"tma " + stale, 401}, "none": {"", 401}, "a cadre": {"tma " + stranger, 403}, "valid": {"tma " + valid, 200}} {
		code, body := apiGet(t, base+"api/dashboard", c.auth)
		if code != c.want {
			t.Errorf("API, %s initData: %d, want %d", name, code, c.want)
		}
		if c.want != 200 && (strings.Contains(body, "A1") || strings.Contains(body, "overall")) {
			t.Errorf("API, %s initData: data in the refusal: %s", name, body)
		}
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox,
		// Telegram's script is not reachable in tests; the page must work without it.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()
	shots := t.TempDir()
	if d := os.Getenv("COORDBOT_SCREENSHOT_DIR"); d != "" {
		shots = d
	}
	b := &browserPage{t: t, ctx: ctx}

	t.Run("valid initData, Vietnamese, 360 px", func(t *testing.T) {
		b := b.on(t)
		b.open(base, valid, 360)
		qFrom, qTo := quarterOf(now)
		if f, to := b.value("#from"), b.value("#to"); f != dmy(qFrom) || to != dmy(qTo) {
			t.Errorf("default period %s – %s, want this quarter %s – %s", f, to, qFrom, qTo)
		}
		// The period selector: the ten days either side of today hold all the test's activities.
		pFrom, pTo := now.AddDate(0, 0, -10).Format("2006-01-02"), now.AddDate(0, 0, 10).Format("2006-01-02")
		b.do(chromedp.SetValue(chromedp.CSS("#from"), dmy(pFrom)), chromedp.SetValue(chromedp.CSS("#to"), dmy(pTo)),
			chromedp.Click(chromedp.CSS("#apply")))
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('updated').textContent.includes('`+dmy(pFrom)+`')`)); err != nil {
			t.Fatalf("the chosen period was not shown: %v", err)
		}
		if f, to := b.value("#from"), b.value("#to"); f != dmy(pFrom) || to != dmy(pTo) {
			t.Errorf("period %s – %s after choosing %s – %s", f, to, pFrom, pTo)
		}
		// Every section's title says the period its figures cover.
		if head, overall, count := b.text("#overall h2"), b.text("#overall-percent"), b.text("#overall-count"); head != "Tiến độ chung ("+dmy(pFrom)+" – "+dmy(pTo)+")" ||
			overall != "46%" || !strings.HasPrefix(count, "3 hoạt động · 1/3 hoàn thành · chưa báo cáo ") {
			t.Errorf("overall: %q %q %q", head, overall, count)
		}
		mustContain(t, b.text("#units"), "Theo đơn vị ("+dmy(pFrom)+" – "+dmy(pTo)+")", "quá hạn ", "chưa báo cáo ")
		mustContain(t, b.text("#areas"), "Theo nội dung", "1. ", "70%", "2 hoạt động · 1/2 hoàn thành", "2. ", "0%", "1 hoạt động · 0/1 hoàn thành")
		mustContain(t, b.text("#units"), "Theo đơn vị", "Bộ Chỉ huy Bộ đội Biên phòng", "Đồn Biên phòng Cần Giờ", "100%", "Ban Dân vận", "40%",
			"Chưa gắn đơn vị")
		// The post sits indented under its command, which counts its activity.
		if b.eval(`document.querySelector('#units .row[data-key="DCG"]').style.paddingLeft === '14px' &&
			document.querySelector('#units .row[data-key="BCH"]').style.paddingLeft === '' &&
			document.querySelector('#units .row[data-key="BCH"] .pct').textContent === '100%'`) != true {
			t.Errorf("unit bars not rolled up and indented:\n%s", b.text("#units"))
		}
		timeline, reports := b.text("#timeline"), b.text("#reports")
		mustContain(t, timeline, "Sắp tới và quá hạn", "A2", "quá hạn", "40%", "A3", "chưa bắt đầu", "Khám bệnh")
		mustContain(t, reports, "Báo cáo mới nhất", "Nguyễn Văn Tiến", "Đồn Cần Giờ", "100%", "Đã tập huấn 2 đợt", "có ảnh", "Trần Minh", "40%")
		if strings.Count(reports, "có ảnh") != 1 || strings.Contains(timeline, "A1") {
			t.Errorf("one report has a photo, A1 is done and not on the timeline:\n%s\n%s", reports, timeline)
		}
		if i, j := strings.Index(reports, "Trần Minh"), strings.Index(reports, "Nguyễn Văn Tiến"); i < 0 || j < i {
			t.Errorf("reports not newest first:\n%s", reports)
		}
		// A1's targets against its one report, with the Vietnamese thousands mark.
		if b.eval(`document.getElementById('targets').hidden`) != false {
			t.Error("the targets section is hidden though A1 has targets")
		}
		mustContain(t, b.text("#targets"), "Chỉ tiêu và kết quả", "A1", "12/20 buổi (60%)", "1.250/1.500 lượt người (83%)")
		b.fits()
		b.screenshot(filepath.Join(shots, "dashboard-vi-360.png"))
		// "Toàn chương trình": the whole programme, as /tiendo counts it.
		b.do(chromedp.Click(chromedp.CSS("#whole")))
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('updated').textContent.includes('toàn chương trình')`)); err != nil {
			t.Fatalf("the whole programme was not shown: %v", err)
		}
		if head := b.text("#overall h2"); head != "Tiến độ chung (toàn chương trình)" {
			t.Errorf("whole programme heading %q", head)
		}
	})

	t.Run("valid initData, English, desktop", func(t *testing.T) {
		b := b.on(t)
		b.open(base, english, 1024)
		if head, overall := b.text("#overall h2"), b.text("#overall-percent"); !strings.HasPrefix(head, "Overall progress (") || overall != "46%" {
			t.Errorf("English page: %q %q", head, overall)
		}
		mustContain(t, b.text("#reports"), "Latest reports", "photo attached", "Training")
		mustContain(t, b.text("#targets"), "Targets and results", "1,250/1,500", "(83%)")
		mustContain(t, b.text("#units"), "overdue ", "not reported ")
		b.fits()
		b.screenshot(filepath.Join(shots, "dashboard-en-1024.png"))
	})

	for _, c := range []struct{ name, initData string }{{"forged", forged}, {"stale", stale}, {"missing", ""}} {
		t.Run(c.name+" initData", func(t *testing.T) {
			b := b.on(t)
			b.open(base, c.initData, 360)
			code, text := b.text("#denied-code"), b.text("#denied-text")
			if code != "401" || !strings.Contains(text, "Không xác thực được") {
				t.Errorf("%s initData: %q %q", c.name, code, text)
			}
			if b.eval(`document.getElementById('dash').hidden && !document.body.textContent.includes('A1')`) != true {
				t.Errorf("%s initData: the dashboard shows", c.name)
			}
			b.fits()
			if c.name == "forged" {
				b.screenshot(filepath.Join(shots, "dashboard-401.png"))
			}
		})
	}
	t.Logf("screenshots in %s", shots)
}

// seedDashboard stores three activities and their reports, made now, as the bot would.
func seedDashboard(t *testing.T, e *e2e) {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	for _, a := range []bot.Activity{
		{Code: "A1", Title: "Tập huấn dân vận khéo", TitleEN: "Training", Content: 1, Unit: "DCG", At: now.AddDate(0, 0, -3),
			Targets: []quantity.Amount{{Value: 20, Unit: "buổi"}, {Value: 1500, Unit: "lượt người"}}},
		{Code: "A2", Title: "Hội nghị sơ kết", Content: 1, Unit: "BDV", At: now.AddDate(0, 0, -2)},
		{Code: "A3", Title: "Khám bệnh, cấp thuốc", Content: 2, At: now.AddDate(0, 0, 5)},
	} {
		if _, _, err := e.store.ChangeActivity(ctx, bot.ActivityChange{Activity: a, Create: true,
			Audit: bot.Audit{At: now, By: bot.TelegramID(coordinator.ID), Action: bot.ActActivityAdd, Code: a.Code}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []bot.Report{
		{Code: "A1", UserID: bot.TelegramID(cadre.ID), Name: "Nguyễn Văn Tiến", Unit: "Đồn Cần Giờ", At: now.Add(-2 * time.Hour), Percent: 100,
			Note: "Đã tập huấn 2 đợt", FileID: "photo-1", FileKind: "photo", Qty: []quantity.Amount{{Value: 12, Unit: "buổi"}, {Value: 1250, Unit: "lượt người"}}},
		{Code: "A2", UserID: bot.TelegramID(66666), Name: "Trần Minh", At: now.Add(-time.Hour), Percent: 40},
	} {
		if _, _, _, err := e.store.ApplyReport(ctx, bot.ReportStep{Add: &r,
			Audit: bot.Audit{At: r.At, By: r.UserID, Action: bot.ActReportAdd, Code: r.Code, Report: bot.NewReportID}}); err != nil {
			t.Fatal(err)
		}
	}
}

// chromiumPath finds the browser; without one the test fails (CI installs Debian's chromium).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no chromium on PATH: install it (apt-get install -y chromium; .ci/run does)")
	return ""
}

func apiGet(t *testing.T, u, auth string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// browserPage drives one tab of headless Chromium for a test.
type browserPage struct {
	t   *testing.T
	ctx context.Context
}

func (b *browserPage) on(t *testing.T) *browserPage { return &browserPage{t: t, ctx: b.ctx} }

func (b *browserPage) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

// open loads the dashboard with initData in the address, as Telegram passes it, at a width, and
// waits until the page has drawn what the server answered.
func (b *browserPage) open(base, initData string, width int64) {
	b.t.Helper()
	u := base
	if initData != "" {
		u += "#tgWebAppData=" + url.QueryEscape(initData)
	}
	// about:blank first: a new hash alone would not load the page again.
	b.do(chromedp.EmulateViewport(width, 740), chromedp.Navigate("about:blank"), chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="1"]`)))
}

func (b *browserPage) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("%s: %v", sel, err)
	}
	return s
}

func (b *browserPage) value(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("%s: %v", sel, err)
	}
	return s
}

func (b *browserPage) eval(js string) any {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[any](js))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// fits fails the test when the page is wider than the window: nothing may overflow sideways.
func (b *browserPage) fits() {
	b.t.Helper()
	if v := b.eval(`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`); v != nil {
		w := v.([]any)
		if w[0].(float64) > w[1].(float64) {
			b.t.Errorf("the page is %v px wide in a %v px window: it overflows", w[0], w[1])
		}
	}
}

func (b *browserPage) screenshot(path string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// quarterOf is the quarter holding t in Hồ Chí Minh City, as yyyy-mm-dd.
func quarterOf(t time.Time) (string, string) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	t = t.In(loc)
	from := time.Date(t.Year(), time.Month((int(t.Month())-1)/3*3+1), 1, 0, 0, 0, 0, loc)
	return from.Format("2006-01-02"), from.AddDate(0, 3, -1).Format("2006-01-02")
}

func dmy(iso string) string {
	t, _ := time.Parse("2006-01-02", iso)
	return t.Format("02/01/2006")
}
