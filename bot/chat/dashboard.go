package chat

import (
	"context"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/view"
)

// This file builds the data of the Mini App dashboard (bot/webapp serves it): a plain struct,
// computed from activities, reports and the time, so it is tested without Redis or HTTP.

// Dashboard is everything the dashboard shows for a period, already in the reader's language.
// Units and Targets stay empty when the programme lists no units and no activity has targets
// (chỉ tiêu); the page draws a section only when it has rows.
type Dashboard struct {
	Lang string `json:"lang"`
	// From and To are the period's first and last day (yyyy-mm-dd, the bot's zone).
	From string `json:"from"`
	To   string `json:"to"`
	// FromText, ToText and NowText are the same dates as people read them (dd/mm/yyyy).
	FromText string `json:"from_text"`
	ToText   string `json:"to_text"`
	// All says the dashboard covers the whole programme (From and To are then empty, and
	// FromText says "toàn chương trình"), as /tiendo does.
	All      bool         `json:"all"`
	NowText  string       `json:"now_text"`
	Overall  DashOverall  `json:"overall"`
	Areas    []DashBar    `json:"areas"`
	Units    []DashBar    `json:"units"`
	Targets  []DashTarget `json:"targets"`
	Timeline []DashEvent  `json:"timeline"`
	Reports  []DashReport `json:"reports"`
	Title    string       `json:"title"`
	// StatusNames names each status in the dashboard's language, from the one table every view
	// uses.
	StatusNames map[bot.Status]string `json:"status_names"`
}

// DashOverall is the whole programme in the period: the average latest percent of its
// activities and how many stand where.
type DashOverall struct {
	Percent    int `json:"percent"`
	Activities int `json:"activities"`
	Done       int `json:"done"`
	UnderWay   int `json:"underway"`
	Overdue    int `json:"overdue"`
	Planned    int `json:"planned"`
	// NotReported counts the activities with no report in 7 days, as /tiendo and the sơ kết do.
	NotReported int `json:"not_reported"`
}

// DashBar is one bar: a content area or a unit, its average percent and its activities.
type DashBar struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Depth is a unit's level under its parents (0 for a top unit or an area).
	Depth      int `json:"depth"`
	Percent    int `json:"percent"`
	Activities int `json:"activities"`
	Done       int `json:"done"`
	// Overdue and NotReported count its activities overdue and with no report in 7 days.
	Overdue     int `json:"overdue"`
	NotReported int `json:"not_reported"`
}

// DashTarget is a target (chỉ tiêu) of an activity against what the period's reports achieved.
type DashTarget struct {
	Code     string  `json:"code"`
	Label    string  `json:"label"`
	Unit     string  `json:"unit"`
	Target   float64 `json:"target"`
	Achieved float64 `json:"achieved"`
	Measure  string  `json:"measure"`
	// Text is "12/20 buổi" with the language's number marks; Percent is Achieved as a share of
	// Target (rounded; 0 without a target).
	Text    string `json:"text"`
	Percent int    `json:"percent"`
}

// DashEvent is an activity on the timeline: overdue, or still to come.
type DashEvent struct {
	Code   string     `json:"code"`
	Title  string     `json:"title"`
	When   string     `json:"when"`
	Owner  string     `json:"owner"`
	Status bot.Status `json:"status"`
	// StatusName is Status in the dashboard's language, from the one table every view uses.
	StatusName string `json:"statusName"`
	Percent    int    `json:"percent"`
	occ        time.Time
}

// DashReport is one of the latest reports.
type DashReport struct {
	Code    string `json:"code"`
	Title   string `json:"title"`
	Name    string `json:"name"`
	Unit    string `json:"unit"`
	When    string `json:"when"`
	Percent int    `json:"percent"`
	Note    string `json:"note"`
	HasFile bool   `json:"has_file"`
}

// Bounds of the lists the dashboard shows.
const (
	dashMaxEvents  = 30
	dashMaxReports = 20
)

// CanSeeDashboard says whether the user may open the dashboard: coordinators and viewers. It is
// the one place that decides it.
func (b *records) CanSeeDashboard(userID bot.ID) bool {
	return b.cfg.Admins[userID] || b.cfg.Viewers[userID]
}

// DashboardURL is the dashboard's address, "" when the dashboard is not offered.
func (b *records) DashboardURL() string { return b.cfg.DashboardURL }

// Quarter is the first and last day of the quarter holding now, in the bot's zone: the default
// period of the dashboard.
func (b *records) Quarter(now time.Time) (from, to time.Time) {
	t := now.In(b.cfg.Loc)
	m := time.Month((int(t.Month())-1)/3*3 + 1)
	from = time.Date(t.Year(), m, 1, 0, 0, 0, 0, b.cfg.Loc)
	return from, from.AddDate(0, 3, -1)
}

// Dashboard reads the store and builds the dashboard for the days from..to (inclusive), in the
// language user chose with /lang, else lang (the client's).
func (b *records) Dashboard(ctx context.Context, user bot.ID, lang string, from, to time.Time) (Dashboard, error) {
	acts, latest, reports, err := b.cfg.Store.Everything(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	if !user.IsZero() {
		lang = b.userLang(ctx, user, lang)
	}
	return b.BuildDashboard(lang, from, to, b.cfg.Now(), acts, latest, reports), nil
}

// BuildDashboard computes the dashboard from what the store holds, through the same assessment as
// /summary: an activity counts in the period when its (current) time falls in it, when it is
// recurring and began by its end, or when it has no time at all; its percent is its latest
// report's; reports, and what they achieve against targets, count when made in the period.
func (b *records) BuildDashboard(lang string, from, to, now time.Time, acts []bot.Activity, latest map[string]bot.Report, reports []bot.Report) Dashboard {
	if l, ok := i18n.Norm(lang); ok {
		lang = l
	} else {
		lang = b.cfg.Lang
	}
	var start, end time.Time // both zero: the whole programme
	if !from.IsZero() || !to.IsZero() {
		start, end = b.prog.dayBounds(from, to)
	}
	d := Dashboard{Lang: lang, StatusNames: i18n.StatusNames[bot.Status](lang), From: start.Format("2006-01-02"), To: end.AddDate(0, 0, -1).Format("2006-01-02"),
		FromText: b.view.Date(start), ToText: b.view.Date(end.AddDate(0, 0, -1)), NowText: b.view.Time(now),
		Title: b.cfg.Programme.Title.In(lang), Areas: []DashBar{}, Units: []DashBar{}, Targets: []DashTarget{},
		Timeline: []DashEvent{}, Reports: []DashReport{}}
	if start.IsZero() {
		d.All, d.From, d.To, d.FromText, d.ToText = true, "", "", i18n.WholeProgramme.F(lang), ""
	}
	as := b.cal.Assess(acts, latest, reports, start, end, now, bot.DefaultStaleDays)

	for _, it := range as.Items {
		a, st := it.Activity, it.State
		d.Overall.Activities++
		if it.Stale {
			d.Overall.NotReported++
		}
		switch st.Status {
		case bot.Done:
			d.Overall.Done++
		case bot.UnderWay:
			d.Overall.UnderWay++
		case bot.Overdue:
			d.Overall.Overdue++
		default:
			d.Overall.Planned++
		}
		for _, g := range it.Achieved {
			pct := 0
			if g.Target.Value > 0 {
				pct = int(math.Round(g.Value / g.Target.Value * 100))
			}
			d.Targets = append(d.Targets, DashTarget{Code: a.Code, Label: view.Title(lang, a), Unit: b.view.OwnerUnit(lang, a),
				Target: g.Target.Value, Achieved: g.Value, Measure: g.Target.Unit, Percent: pct,
				Text: quantity.Format(g.Value, lang) + "/" + quantity.Format(g.Target.Value, lang) + " " + g.Target.Unit})
		}
		// On the timeline: what is overdue, and what is still to come (today's included).
		when := st.Occ
		if when.IsZero() || st.Status == bot.Done || (st.Status != bot.Overdue && when.Before(dayStart(now, b.cfg.Loc))) {
			continue
		}
		d.Timeline = append(d.Timeline, DashEvent{Code: a.Code, Title: view.Title(lang, a), When: b.view.Time(when),
			Owner: b.view.OwnerUnit(lang, a), Status: st.Status, StatusName: i18n.StatusName(lang, st.Status), Percent: it.Percent(), occ: when})
	}
	d.Overall.Percent = as.Average()

	// The timeline: overdue first (oldest first), then what comes next, soonest first.
	sort.SliceStable(d.Timeline, func(i, j int) bool {
		oi, oj := d.Timeline[i].Status == bot.Overdue, d.Timeline[j].Status == bot.Overdue
		if oi != oj {
			return oi
		}
		return d.Timeline[i].occ.Before(d.Timeline[j].occ)
	})
	if len(d.Timeline) > dashMaxEvents {
		d.Timeline = d.Timeline[:dashMaxEvents]
	}

	for _, r := range b.prog.byArea(lang, as) {
		if r.Acts == 0 {
			continue
		}
		key := r.Code
		if key == "" {
			key = "0"
		}
		d.Areas = append(d.Areas, DashBar{Key: key, Label: r.Name, Percent: r.Percent(), Activities: r.Acts, Done: r.Done,
			Overdue: r.Overdue, NotReported: r.Stale})
	}
	for _, r := range b.prog.byUnit(lang, as) {
		if r.Acts == 0 {
			continue
		}
		key := r.Code
		if key == "" {
			key = strings.ToLower(r.Name)
		}
		d.Units = append(d.Units, DashBar{Key: key, Label: r.Name, Depth: r.Depth, Percent: r.Percent(), Activities: r.Acts, Done: r.Done,
			Overdue: r.Overdue, NotReported: r.Stale})
	}

	for i := len(as.Reports) - 1; i >= 0 && len(d.Reports) < dashMaxReports; i-- {
		r := as.Reports[i]
		title := r.Code
		if a, ok := as.All[r.Code]; ok {
			title = view.Title(lang, a)
		}
		d.Reports = append(d.Reports, DashReport{Code: r.Code, Title: title, Name: r.Name, Unit: b.view.UnitName(lang, r.Unit),
			When: b.view.Time(r.At), Percent: r.Percent, Note: r.Note, HasFile: r.FileID != ""})
	}
	return d
}

// dayStart is midnight at the start of t's day in loc.
func dayStart(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// DashboardLabel is the label of the button that opens the dashboard.
func DashboardLabel(lang string) string { return i18n.DashboardButton.F(lang) }

// dashboardButtons is a row with the button that opens the dashboard, for a coordinator or
// viewer in a private chat (Telegram takes web_app buttons there only) when the dashboard is
// offered; nil otherwise.
func (b *records) dashboardButtons(req *Request) [][]Button {
	if b.cfg.DashboardURL == "" || req.ChatKind != Private || req.From.ID.Platform() != bot.PlatformTelegram || !b.CanSeeDashboard(req.From.ID) {
		return nil
	}
	return [][]Button{{{Text: i18n.DashboardButton.F(req.Lang), WebApp: b.cfg.DashboardURL}}}
}
