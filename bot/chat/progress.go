package chat

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chart"
)

var (
	msgPlanHead  = msg{"🗓 <b>Kế hoạch hoạt động</b>", "🗓 <b>Plan of activities</b>"}
	msgPlanEmpty = msg{
		"Chưa có hoạt động nào trong kế hoạch. Cán bộ điều phối thêm hoạt động bằng /hoatdong.",
		"No activities are planned yet. Coordinators add them with /activity.",
	}
	msgPlanPast     = msg{"<i>Đã qua hoặc đã xong: %d hoạt động (xem /tiendo).</i>", "<i>Past or done: %d activities (see /progress).</i>"}
	msgPlanCxl      = msg{"<i>Đã hủy: %d hoạt động.</i>", "<i>Cancelled: %d activities.</i>"}
	msgPlanOverdue  = msg{"⚠️ quá hạn", "⚠️ overdue"}
	msgOccHead      = msg{"Buổi %s: %s", "Occurrence of %s: %s"}
	msgOccPast      = msg{"<i>Các buổi trước:</i>", "<i>Earlier occurrences:</i>"}
	msgProgHead     = msg{"📊 <b>Tiến độ chương trình</b> — %s", "📊 <b>Programme progress</b> — %s"}
	msgProgArea     = msg{"<b>Nội dung %d: %s</b> — trung bình %d%%", "<b>Content area %d: %s</b> — average %d%%"}
	msgProgNoArea   = msg{"<b>Chưa gắn nội dung</b> — trung bình %d%%", "<b>No content area</b> — average %d%%"}
	msgNoReport     = msg{"chưa có báo cáo", "no report yet"}
	msgLastReport   = msg{"%s · %s", "%s · %s"}
	msgProgEmpty    = msg{"Chưa có hoạt động nào để theo dõi tiến độ.", "There are no activities to track yet."}
	msgChartTitle   = msg{"Tiến độ theo nội dung chương trình", "Progress by content area"}
	msgChartCaption = msg{"Biểu đồ tiến độ theo nội dung, %s", "Progress by content area, %s"}
)

// plan lists upcoming activities with codes, dates and owners.
func (b *Bot) plan(ctx context.Context, req *Request) error {
	acts, latest, err := b.programmeState(ctx)
	if err != nil {
		return err
	}
	now := b.cfg.Now()
	var sb strings.Builder
	sb.WriteString(tr(req.Lang, msgPlanHead))
	shown, past, cancelled := 0, 0, 0
	for _, a := range acts {
		st := b.state(a, latest, now)
		switch {
		case st.Status == bot.Cancelled:
			cancelled++
			continue
		case st.Status == bot.Done && a.Every == "":
			past++
			continue
		}
		shown++
		fmt.Fprintf(&sb, "\n\n<b>%s</b> · %s\n%s", esc(a.Code), esc(a.TitleIn(req.Lang)), b.activityDetails(req.Lang, a))
		if st.Status == bot.Overdue {
			sb.WriteString(" · " + tr(req.Lang, msgPlanOverdue))
		}
	}
	if shown == 0 {
		sb.WriteString("\n\n" + tr(req.Lang, msgPlanEmpty))
	}
	if past > 0 {
		sb.WriteString("\n\n" + tr(req.Lang, msgPlanPast, past))
	}
	if cancelled > 0 {
		sb.WriteString("\n" + tr(req.Lang, msgPlanCxl, cancelled))
	}
	return b.reply(ctx, req, sb.String())
}

// bar draws percent as ten cells: ▓▓▓▓▓▓░░░░ 60%.
func bar(percent int) string {
	n := (percent + 5) / 10
	n = max(0, min(10, n))
	return strings.Repeat("▓", n) + strings.Repeat("░", 10-n) + fmt.Sprintf(" %d%%", percent)
}

// progress shows the latest percent per activity and an aggregate per content area, with a chart;
// with arguments, one activity, one unit, one content area, or what is not reported.
func (b *Bot) progress(ctx context.Context, req *Request) error {
	if ok, err := b.progressView(ctx, req); ok {
		return err
	}
	code := strings.ToUpper(strings.TrimSpace(req.Args))
	if code != "" && !isCode(code) {
		return userErr(msgBadCode, truncate(code, 20))
	}
	acts, latest, reports, err := b.cfg.Store.Everything(ctx)
	if err != nil {
		return err
	}
	now := b.cfg.Now()
	if code != "" {
		a, ok := findActivity(acts, code)
		if !ok {
			return userErr(msgNoSuchAct, code)
		}
		acts = []bot.Activity{a}
	}
	as := b.assess(acts, latest, reports, time.Time{}, time.Time{}, now, 0)
	if code != "" && len(as.Items) == 0 {
		// A cancelled activity is shown too when asked for by its code.
		as.Items = []assessed{{Activity: acts[0], State: b.state(acts[0], latest, now)}}
	}
	if len(as.Items) == 0 {
		return b.reply(ctx, req, tr(req.Lang, msgProgEmpty))
	}
	areas := b.byArea(req.Lang, as)
	if code == "" && len(as.Items) > progressListMax {
		// Over a screen's worth: the areas' figures and the worst ten, never the whole list.
		text, rows := b.progressBounded(req.Lang, as, areas)
		if err := b.reply(ctx, req, text, append(rows, b.dashboardButtons(req)...)...); err != nil {
			return err
		}
		return b.sendProgressChart(ctx, req, areas)
	}
	var sb strings.Builder
	sb.WriteString(tr(req.Lang, msgProgHead, b.fmtTime(now)))
	for _, r := range areas {
		if r.Acts == 0 {
			continue
		}
		n, _ := strconv.Atoi(r.Code)
		if c, ok := b.area(n); ok {
			fmt.Fprintf(&sb, "\n\n%s", tr(req.Lang, msgProgArea, n, esc(c.Title.In(req.Lang)), r.Percent()))
		} else {
			fmt.Fprintf(&sb, "\n\n%s", tr(req.Lang, msgProgNoArea, r.Percent()))
		}
		for _, it := range as.Items {
			if b.areaOf(it.Activity) != n {
				continue
			}
			a, st := it.Activity, it.State
			fmt.Fprintf(&sb, "\n• <b>%s</b> %s <i>(%s)</i>\n  ", esc(a.Code), esc(a.TitleIn(req.Lang)), StatusName(req.Lang, st.Status))
			if a.Every != "" {
				sb.WriteString(tr(req.Lang, msgOccHead, b.fmtDate(st.Occ), ""))
			}
			sb.WriteString(b.progressLine(req.Lang, st))
			if t := targetsText(req.Lang, it.Achieved); t != "" {
				sb.WriteString("\n  " + tr(req.Lang, msgTargetsShort, t))
			}
			if code != "" && a.Every != "" {
				sb.WriteString(b.pastOccurrencesText(req.Lang, a, latest, now))
			}
		}
	}
	if code == "" {
		sb.WriteString(b.lateFooter(req.Lang, as))
	}
	if err := b.reply(ctx, req, sb.String(), b.dashboardButtons(req)...); err != nil {
		return err
	}
	if code != "" {
		return nil
	}
	return b.sendProgressChart(ctx, req, areas)
}

// sendProgressChart sends the chart of the areas' averages under /progress.
func (b *Bot) sendProgressChart(ctx context.Context, req *Request, areas []rollup) error {
	png, err := b.progressChart(req.Lang, areas)
	if err != nil {
		return err
	}
	_, err = b.send(ctx, Reply{ChatID: req.ChatID, Photo: &Upload{Name: "tien-do.png", Data: png},
		Text: tr(req.Lang, msgChartCaption, b.fmtTime(b.cfg.Now()))})
	return err
}

// findActivity is the activity with code among acts.
func findActivity(acts []bot.Activity, code string) (bot.Activity, bool) {
	for _, a := range acts {
		if a.Code == code {
			return a, true
		}
	}
	return bot.Activity{}, false
}

// progressLine is the bar, date and reporter of an activity's latest report on its occurrence.
func (b *Bot) progressLine(lang string, st actState) string {
	if !st.Reported {
		return bar(0) + " · " + tr(lang, msgNoReport)
	}
	return bar(st.Latest.Percent) + " · " + tr(lang, msgLastReport, b.fmtDate(st.Latest.At), esc(st.Latest.Name))
}

// pastOccurrencesText lists the five occurrences before the current one, with their reports.
func (b *Bot) pastOccurrencesText(lang string, a bot.Activity, latest map[string]bot.Report, now time.Time) string {
	occs := b.pastOccurrences(a, now, 6)
	cur := b.currentOcc(a, now)
	var sb strings.Builder
	n := 0
	for _, o := range occs {
		if o.Equal(cur) || n == 5 {
			continue
		}
		if n == 0 {
			sb.WriteString("\n  " + tr(lang, msgOccPast))
		}
		n++
		st := b.stateAt(a, o, latest, now)
		fmt.Fprintf(&sb, "\n  %s <i>(%s)</i>: %s", b.fmtDate(o), StatusName(lang, st.Status), b.progressLine(lang, st))
	}
	return sb.String()
}

// progressChart renders the per-area averages as a PNG bar chart.
func (b *Bot) progressChart(lang string, areas []rollup) ([]byte, error) {
	return chart.ProgressIn(lang, tr(lang, msgChartTitle), progressBars(areas))
}

// progressBars are the chart's bars: the areas with activities, at the same whole percents as
// the text.
func progressBars(areas []rollup) []chart.Bar {
	var bars []chart.Bar
	for _, r := range areas {
		if r.Acts > 0 {
			bars = append(bars, chart.Bar{Label: r.Name, Percent: float64(r.Percent())})
		}
	}
	return bars
}

var msgProgNoAreaShort = msg{"Chưa gắn nội dung", "No content area"}
