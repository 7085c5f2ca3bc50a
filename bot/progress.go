package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

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
	msgStatus       = map[Status]msg{
		Planned:   {"dự kiến", "planned"},
		UnderWay:  {"đang thực hiện", "under way"},
		Done:      {"hoàn thành", "done"},
		Overdue:   {"quá hạn", "overdue"},
		Cancelled: {"đã hủy", "cancelled"},
	}
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
		case st.Status == Cancelled:
			cancelled++
			continue
		case st.Status == Done && a.Every == "":
			past++
			continue
		}
		shown++
		fmt.Fprintf(&sb, "\n\n<b>%s</b> · %s\n%s", esc(a.Code), esc(a.TitleIn(req.Lang)), b.activityDetails(req.Lang, a))
		if st.Status == Overdue {
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

// areaProgress is the aggregate of one content area (0 = none).
type areaProgress struct {
	area  int
	acts  []Activity
	total int
}

// progress shows the latest percent per activity and an aggregate per content area, with a chart;
// with arguments, one activity, one unit, one content area, or what is not reported.
func (b *Bot) progress(ctx context.Context, req *Request) error {
	if ok, err := b.progressView(ctx, req); ok {
		return err
	}
	code := strings.ToUpper(strings.TrimSpace(req.Args))
	if code != "" {
		if _, err := b.mustActivity(ctx, code); err != nil {
			return err
		}
	}
	acts, latest, reports, err := b.cfg.Store.Everything(ctx)
	if err != nil {
		return err
	}
	now := b.cfg.Now()
	if code != "" {
		var one []Activity
		for _, a := range acts {
			if a.Code == code {
				one = append(one, a)
			}
		}
		acts = one
	}
	as := b.assess(acts, latest, reports, time.Time{}, time.Time{}, now, 0)
	if code != "" && len(as.Items) == 0 && len(acts) == 1 {
		// A cancelled activity is shown too when asked for by its code.
		as.Items = []assessed{{Activity: acts[0], State: b.state(acts[0], latest, now)}}
	}
	if len(as.Items) == 0 {
		return b.reply(ctx, req, tr(req.Lang, msgProgEmpty))
	}
	states := make(map[string]actState, len(as.Items))
	items := make(map[string]assessed, len(as.Items))
	var list []Activity
	for _, it := range as.Items {
		states[it.Activity.Code], items[it.Activity.Code] = it.State, it
		list = append(list, it.Activity)
	}
	areas := b.groupByArea(list, states)
	var sb strings.Builder
	sb.WriteString(tr(req.Lang, msgProgHead, b.fmtTime(now)))
	for _, ap := range areas {
		avg := chart.Average(ap.total, len(ap.acts))
		if c, ok := b.area(ap.area); ok {
			fmt.Fprintf(&sb, "\n\n%s", tr(req.Lang, msgProgArea, ap.area, esc(c.Title.In(req.Lang)), avg))
		} else {
			fmt.Fprintf(&sb, "\n\n%s", tr(req.Lang, msgProgNoArea, avg))
		}
		for _, a := range ap.acts {
			st := states[a.Code]
			fmt.Fprintf(&sb, "\n• <b>%s</b> %s <i>(%s)</i>\n  ", esc(a.Code), esc(a.TitleIn(req.Lang)), tr(req.Lang, msgStatus[st.Status]))
			if a.Every != "" {
				sb.WriteString(tr(req.Lang, msgOccHead, b.fmtDate(st.Occ), ""))
			}
			sb.WriteString(b.progressLine(req.Lang, st))
			if t := targetsText(req.Lang, items[a.Code].Achieved); t != "" {
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
	png, err := b.progressChart(req.Lang, areas)
	if err != nil {
		return err
	}
	_, err = b.send(ctx, Reply{ChatID: req.ChatID, Photo: &Upload{Name: "tien-do.png", Data: png},
		Text: tr(req.Lang, msgChartCaption, b.fmtTime(b.cfg.Now()))})
	return err
}

// progressLine is the bar, date and reporter of an activity's latest report on its occurrence.
func (b *Bot) progressLine(lang string, st actState) string {
	if !st.Reported {
		return bar(0) + " · " + tr(lang, msgNoReport)
	}
	return bar(st.Latest.Percent) + " · " + tr(lang, msgLastReport, b.fmtDate(st.Latest.At), esc(st.Latest.Name))
}

// pastOccurrencesText lists the five occurrences before the current one, with their reports.
func (b *Bot) pastOccurrencesText(lang string, a Activity, latest map[string]Report, now time.Time) string {
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
		fmt.Fprintf(&sb, "\n  %s <i>(%s)</i>: %s", b.fmtDate(o), tr(lang, msgStatus[st.Status]), b.progressLine(lang, st))
	}
	return sb.String()
}

// groupByArea groups activities by content area, areas in order (an area the programme does not
// have counts as none), and sums their latest percents.
func (b *Bot) groupByArea(acts []Activity, states map[string]actState) []areaProgress {
	idx := map[int]int{}
	var out []areaProgress
	for _, a := range acts {
		area := a.Content
		if _, ok := b.area(area); !ok {
			area = 0
		}
		i, ok := idx[area]
		if !ok {
			i = len(out)
			idx[area] = i
			out = append(out, areaProgress{area: area})
		}
		out[i].acts = append(out[i].acts, a)
		if st := states[a.Code]; st.Reported {
			out[i].total += st.Latest.Percent
		}
	}
	// Areas in programme order, activities without an area last.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && areaLess(out[j].area, out[j-1].area); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func areaLess(a, b int) bool {
	if a == 0 || b == 0 {
		return b == 0 && a != 0
	}
	return a < b
}

// progressChart renders the per-area averages as a PNG bar chart.
func (b *Bot) progressChart(lang string, areas []areaProgress) ([]byte, error) {
	return chart.ProgressIn(lang, tr(lang, msgChartTitle), b.progressBars(lang, areas))
}

// progressBars are the chart's bars: the same whole percents as the text.
func (b *Bot) progressBars(lang string, areas []areaProgress) []chart.Bar {
	var bars []chart.Bar
	for _, ap := range areas {
		label := tr(lang, msgProgNoAreaShort)
		if c, ok := b.area(ap.area); ok {
			label = fmt.Sprintf("%d. %s", ap.area, c.Title.In(lang))
		}
		bars = append(bars, chart.Bar{Label: label, Percent: float64(chart.Average(ap.total, len(ap.acts)))})
	}
	return bars
}

var msgProgNoAreaShort = msg{"Chưa gắn nội dung", "No content area"}
