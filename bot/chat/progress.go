package chat

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chart"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/view"
)

// plan lists upcoming activities with codes, dates and owners.
func (b *progressViews) plan(ctx context.Context, req *Request) error {
	acts, latest, err := b.programmeState(ctx)
	if err != nil {
		return err
	}
	now := b.cfg.Now()
	var sb strings.Builder
	sb.WriteString(i18n.PlanHead.F(req.Lang))
	shown, past, cancelled := 0, 0, 0
	for _, a := range acts {
		st := b.cal.State(a, latest, now)
		switch {
		case st.Status == bot.Cancelled:
			cancelled++
			continue
		case st.Status == bot.Done && a.Every == "":
			past++
			continue
		}
		shown++
		fmt.Fprintf(&sb, "\n\n<b>%s</b> · %s\n%s", view.Esc(a.Code), view.Esc(view.Title(req.Lang, a)), b.acts.activityDetails(req.Lang, a))
		if st.Status == bot.Overdue {
			sb.WriteString(" · " + i18n.PlanOverdue.F(req.Lang))
		}
	}
	if shown == 0 {
		sb.WriteString("\n\n" + i18n.PlanEmpty.F(req.Lang))
	}
	if past > 0 {
		sb.WriteString("\n\n" + i18n.PlanPast.F(req.Lang, past))
	}
	if cancelled > 0 {
		sb.WriteString("\n" + i18n.PlanCxl.F(req.Lang, cancelled))
	}
	return b.reply(ctx, req, sb.String())
}

// progress shows the latest percent per activity and an aggregate per content area, with a chart;
// with arguments, one activity, one unit, one content area, or what is not reported.
func (b *progressViews) progress(ctx context.Context, req *Request) error {
	if ok, err := b.progressView(ctx, req); ok {
		return err
	}
	code := strings.ToUpper(strings.TrimSpace(req.Args))
	if code != "" && !isCode(code) {
		return userErr(i18n.BadCode, view.Truncate(code, 20))
	}
	acts, latest, reports, err := b.cfg.Store.Everything(ctx)
	if err != nil {
		return err
	}
	now := b.cfg.Now()
	if code != "" {
		a, ok := findActivity(acts, code)
		if !ok {
			return userErr(i18n.NoSuchAct, code)
		}
		acts = []bot.Activity{a}
	}
	as := b.cal.Assess(acts, latest, reports, time.Time{}, time.Time{}, now, 0)
	if code != "" && len(as.Items) == 0 {
		// A cancelled activity is shown too when asked for by its code.
		as.Items = []bot.Assessed{{Activity: acts[0], State: b.cal.State(acts[0], latest, now)}}
	}
	if len(as.Items) == 0 {
		return b.reply(ctx, req, i18n.ProgEmpty.F(req.Lang))
	}
	areas := b.byArea(req.Lang, as)
	if code == "" && len(as.Items) > progressListMax {
		// Over a screen's worth: the areas' figures and the worst ten, never the whole list.
		text, rows := b.progressBounded(req.Lang, as, areas)
		if err := b.reply(ctx, req, text, append(rows, b.recs.dashboardButtons(req)...)...); err != nil {
			return err
		}
		return b.sendProgressChart(ctx, req, areas)
	}
	var sb strings.Builder
	sb.WriteString(i18n.ProgHead.F(req.Lang, b.view.Time(now)))
	for _, r := range areas {
		if r.Acts == 0 {
			continue
		}
		n, _ := strconv.Atoi(r.Code)
		if c, ok := b.acts.area(n); ok {
			fmt.Fprintf(&sb, "\n\n%s", i18n.ProgArea.F(req.Lang, n, view.Esc(c.Title.In(req.Lang)), r.Percent()))
		} else {
			fmt.Fprintf(&sb, "\n\n%s", i18n.ProgNoArea.F(req.Lang, r.Percent()))
		}
		for _, it := range as.Items {
			if b.areaOf(it.Activity) != n {
				continue
			}
			a, st := it.Activity, it.State
			fmt.Fprintf(&sb, "\n• <b>%s</b> %s <i>(%s)</i>\n  ", view.Esc(a.Code), view.Esc(view.Title(req.Lang, a)), i18n.StatusName(req.Lang, st.Status))
			if a.Every != "" {
				sb.WriteString(i18n.OccHead.F(req.Lang, b.view.Date(st.Occ), ""))
			}
			sb.WriteString(b.progressLine(req.Lang, st))
			if t := view.TargetsText(req.Lang, it.Achieved); t != "" {
				sb.WriteString("\n  " + i18n.TargetsShort.F(req.Lang, t))
			}
			if code != "" && a.Every != "" {
				sb.WriteString(b.pastOccurrencesText(req.Lang, a, latest, now))
			}
		}
	}
	if code == "" {
		sb.WriteString(b.lateFooter(req.Lang, as))
	}
	if err := b.reply(ctx, req, sb.String(), b.recs.dashboardButtons(req)...); err != nil {
		return err
	}
	if code != "" {
		return nil
	}
	return b.sendProgressChart(ctx, req, areas)
}

// sendProgressChart sends the chart of the areas' averages under /progress.
func (b *progressViews) sendProgressChart(ctx context.Context, req *Request, areas []rollup) error {
	png, err := b.progressChart(req.Lang, areas)
	if err != nil {
		return err
	}
	_, err = b.send(ctx, Reply{ChatID: req.ChatID, Photo: &Upload{Name: "tien-do.png", Data: png},
		Text: i18n.ChartCaption.F(req.Lang, b.view.Time(b.cfg.Now()))})
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
func (b *progressViews) progressLine(lang string, st bot.OccState) string {
	if !st.Reported {
		return view.Bar(0) + " · " + i18n.NoReport.F(lang)
	}
	return view.Bar(st.Latest.Percent) + " · " + i18n.LastReport.F(lang, b.view.Date(st.Latest.At), view.Esc(st.Latest.Name))
}

// pastOccurrencesText lists the five occurrences before the current one, with their reports.
func (b *progressViews) pastOccurrencesText(lang string, a bot.Activity, latest map[string]bot.Report, now time.Time) string {
	occs := b.cal.PastOccurrences(a, now, 6)
	cur := b.cal.CurrentOcc(a, now)
	var sb strings.Builder
	n := 0
	for _, o := range occs {
		if o.Equal(cur) || n == 5 {
			continue
		}
		if n == 0 {
			sb.WriteString("\n  " + i18n.OccPast.F(lang))
		}
		n++
		st := b.cal.StateAt(a, o, latest, now)
		fmt.Fprintf(&sb, "\n  %s <i>(%s)</i>: %s", b.view.Date(o), i18n.StatusName(lang, st.Status), b.progressLine(lang, st))
	}
	return sb.String()
}

// progressChart renders the per-area averages as a PNG bar chart.
func (b *progressViews) progressChart(lang string, areas []rollup) ([]byte, error) {
	return chart.ProgressIn(lang, i18n.ChartTitle.F(lang), progressBars(areas))
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
