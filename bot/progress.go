package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot/chart"
)

var (
	msgPlanHead  = msg{"🗓 <b>Kế hoạch hoạt động</b>", "🗓 <b>Plan of activities</b>"}
	msgPlanEmpty = msg{
		"Chưa có hoạt động nào trong kế hoạch. Cán bộ điều phối thêm hoạt động bằng /hoatdong.",
		"No activities are planned yet. Coordinators add them with /activity.",
	}
	msgPlanPast     = msg{"<i>Đã qua hoặc đã xong: %d hoạt động (xem /tiendo).</i>", "<i>Past or done: %d activities (see /progress).</i>"}
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
		Cancelled: {"đã hủy", "cancelled"},
	}
)

// plan lists upcoming activities with codes, dates and owners.
func (b *Bot) plan(ctx context.Context, req *Request) error {
	acts, err := b.cfg.Store.Activities(ctx)
	if err != nil {
		return err
	}
	now := b.cfg.Now()
	var sb strings.Builder
	sb.WriteString(tr(req.Lang, msgPlanHead))
	shown, past := 0, 0
	for _, a := range acts {
		if a.Status == Cancelled || a.Status == Done || (a.Every == "" && !a.At.IsZero() && a.At.Before(now)) {
			past++
			continue
		}
		shown++
		fmt.Fprintf(&sb, "\n\n<b>%s</b> · %s\n%s", esc(a.Code), esc(a.TitleIn(req.Lang)), b.activityDetails(req.Lang, a))
	}
	if shown == 0 {
		sb.WriteString("\n\n" + tr(req.Lang, msgPlanEmpty))
	}
	if past > 0 {
		sb.WriteString("\n\n" + tr(req.Lang, msgPlanPast, past))
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

// progress shows the latest percent per activity and an aggregate per content area, with a chart.
func (b *Bot) progress(ctx context.Context, req *Request) error {
	code := strings.ToUpper(strings.TrimSpace(req.Args))
	var acts []Activity
	if code != "" {
		a, err := b.mustActivity(ctx, code)
		if err != nil {
			return err
		}
		acts = []Activity{a}
	} else {
		all, err := b.cfg.Store.Activities(ctx)
		if err != nil {
			return err
		}
		for _, a := range all {
			if a.Status != Cancelled {
				acts = append(acts, a)
			}
		}
	}
	if len(acts) == 0 {
		return b.reply(ctx, req, tr(req.Lang, msgProgEmpty))
	}
	latest, err := b.cfg.Store.Latest(ctx)
	if err != nil {
		return err
	}
	areas := groupByArea(acts, latest)
	var sb strings.Builder
	sb.WriteString(tr(req.Lang, msgProgHead, b.fmtTime(b.cfg.Now())))
	for _, ap := range areas {
		avg := chart.Average(ap.total, len(ap.acts))
		if ap.area > 0 {
			fmt.Fprintf(&sb, "\n\n%s", tr(req.Lang, msgProgArea, ap.area, esc(b.cfg.Programme.Contents[ap.area-1].Title.In(req.Lang)), avg))
		} else {
			fmt.Fprintf(&sb, "\n\n%s", tr(req.Lang, msgProgNoArea, avg))
		}
		for _, a := range ap.acts {
			r, ok := latest[a.Code]
			fmt.Fprintf(&sb, "\n• <b>%s</b> %s <i>(%s)</i>\n  ", esc(a.Code), esc(a.TitleIn(req.Lang)), tr(req.Lang, msgStatus[a.Status]))
			if !ok {
				sb.WriteString(bar(0) + " · " + tr(req.Lang, msgNoReport))
				continue
			}
			sb.WriteString(bar(r.Percent) + " · " + tr(req.Lang, msgLastReport, b.fmtDate(r.At), esc(r.Name)))
		}
	}
	if err := b.reply(ctx, req, sb.String()); err != nil {
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

// groupByArea groups activities by content area, areas in order, and sums their latest percents.
func groupByArea(acts []Activity, latest map[string]Report) []areaProgress {
	idx := map[int]int{}
	var out []areaProgress
	for _, a := range acts {
		i, ok := idx[a.Content]
		if !ok {
			i = len(out)
			idx[a.Content] = i
			out = append(out, areaProgress{area: a.Content})
		}
		out[i].acts = append(out[i].acts, a)
		out[i].total += latest[a.Code].Percent
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
		if ap.area > 0 {
			label = fmt.Sprintf("%d. %s", ap.area, b.cfg.Programme.Contents[ap.area-1].Title.In(lang))
		}
		bars = append(bars, chart.Bar{Label: label, Percent: float64(chart.Average(ap.total, len(ap.acts)))})
	}
	return bars
}

var msgProgNoAreaShort = msg{"Chưa gắn nội dung", "No content area"}
