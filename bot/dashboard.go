package bot

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot/chart"
)

// This file builds the data of the Mini App dashboard (bot/webapp serves it): a plain struct,
// computed from activities, reports and the time, so it is tested without Redis or HTTP.

// Dashboard is everything the dashboard shows for a period, already in the reader's language.
// Units and Targets stay empty until units and targets (chỉ tiêu) exist in the data; the page
// draws a section only when it has rows.
type Dashboard struct {
	Lang string `json:"lang"`
	// From and To are the period's first and last day (yyyy-mm-dd, the bot's zone).
	From string `json:"from"`
	To   string `json:"to"`
	// FromText, ToText and NowText are the same dates as people read them (dd/mm/yyyy).
	FromText string       `json:"from_text"`
	ToText   string       `json:"to_text"`
	NowText  string       `json:"now_text"`
	Overall  DashOverall  `json:"overall"`
	Areas    []DashBar    `json:"areas"`
	Units    []DashBar    `json:"units"`
	Targets  []DashTarget `json:"targets"`
	Timeline []DashEvent  `json:"timeline"`
	Reports  []DashReport `json:"reports"`
	Title    string       `json:"title"`
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
}

// DashBar is one bar: a content area or a unit, its average percent and its activities.
type DashBar struct {
	Key        string `json:"key"`
	Label      string `json:"label"`
	Percent    int    `json:"percent"`
	Activities int    `json:"activities"`
	Done       int    `json:"done"`
}

// DashTarget is a target (chỉ tiêu) against what was achieved; filled once targets exist.
type DashTarget struct {
	Code     string  `json:"code"`
	Label    string  `json:"label"`
	Unit     string  `json:"unit"`
	Target   float64 `json:"target"`
	Achieved float64 `json:"achieved"`
	Measure  string  `json:"measure"`
}

// DashEvent is an activity on the timeline: overdue, or still to come.
type DashEvent struct {
	Code    string `json:"code"`
	Title   string `json:"title"`
	When    string `json:"when"`
	Owner   string `json:"owner"`
	Status  Status `json:"status"`
	Percent int    `json:"percent"`
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
func (b *Bot) CanSeeDashboard(userID ID) bool {
	return b.cfg.Admins[userID] || b.cfg.Viewers[userID]
}

// DashboardURL is the dashboard's address, "" when the dashboard is not offered.
func (b *Bot) DashboardURL() string { return b.cfg.DashboardURL }

// Quarter is the first and last day of the quarter holding now, in the bot's zone: the default
// period of the dashboard.
func (b *Bot) Quarter(now time.Time) (from, to time.Time) {
	t := now.In(b.cfg.Loc)
	m := time.Month((int(t.Month())-1)/3*3 + 1)
	from = time.Date(t.Year(), m, 1, 0, 0, 0, 0, b.cfg.Loc)
	return from, from.AddDate(0, 3, -1)
}

// Dashboard reads the store and builds the dashboard for the days from..to (inclusive).
func (b *Bot) Dashboard(ctx context.Context, lang string, from, to time.Time) (Dashboard, error) {
	acts, latest, err := b.programmeState(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	reports, err := b.cfg.Store.Reports(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	return b.BuildDashboard(lang, from, to, b.cfg.Now(), acts, latest, reports), nil
}

// BuildDashboard computes the dashboard from what the store holds. An activity counts in the
// period when its (current) time falls in it, when it is recurring and began by its end, or when
// it has no time at all; its percent is its latest report's. Reports count when made in the period.
func (b *Bot) BuildDashboard(lang string, from, to, now time.Time, acts []Activity, latest map[string]Report, reports []Report) Dashboard {
	if l, ok := normLang(lang); ok {
		lang = l
	} else {
		lang = b.cfg.Lang
	}
	start := dayStart(from, b.cfg.Loc)
	end := dayStart(to, b.cfg.Loc).AddDate(0, 0, 1)
	d := Dashboard{Lang: lang, From: start.Format("2006-01-02"), To: end.AddDate(0, 0, -1).Format("2006-01-02"),
		FromText: b.fmtDate(start), ToText: b.fmtDate(end.AddDate(0, 0, -1)), NowText: b.fmtTime(now),
		Title: b.cfg.Programme.Title.In(lang), Areas: []DashBar{}, Units: []DashBar{}, Targets: []DashTarget{},
		Timeline: []DashEvent{}, Reports: []DashReport{}}

	titles := map[string]string{}
	var in []Activity
	states := map[string]actState{}
	for _, a := range acts {
		titles[a.Code] = a.TitleIn(lang)
		if a.IsCancelled() {
			continue
		}
		st := b.state(a, latest, now)
		when := st.Occ
		switch {
		case a.Every != "":
			if !a.At.IsZero() && !a.At.Before(end) {
				continue
			}
		case !a.At.IsZero():
			if a.At.Before(start) || !a.At.Before(end) {
				continue
			}
		}
		in = append(in, a)
		states[a.Code] = st
		d.Overall.Activities++
		switch st.Status {
		case Done:
			d.Overall.Done++
		case UnderWay:
			d.Overall.UnderWay++
		case Overdue:
			d.Overall.Overdue++
		default:
			d.Overall.Planned++
		}
		pct := 0
		if st.Reported {
			pct = st.Latest.Percent
		}
		d.Overall.Percent += pct
		// On the timeline: what is overdue, and what is still to come (today's included).
		if when.IsZero() || st.Status == Done || (st.Status != Overdue && when.Before(dayStart(now, b.cfg.Loc))) {
			continue
		}
		d.Timeline = append(d.Timeline, DashEvent{Code: a.Code, Title: a.TitleIn(lang), When: b.fmtTime(when),
			Owner: a.Owner, Status: st.Status, Percent: pct})
	}
	d.Overall.Percent = chart.Average(d.Overall.Percent, d.Overall.Activities)

	// The timeline: overdue first (oldest first), then what comes next, soonest first.
	occ := func(code string) time.Time { return states[code].Occ }
	sort.SliceStable(d.Timeline, func(i, j int) bool {
		oi, oj := d.Timeline[i].Status == Overdue, d.Timeline[j].Status == Overdue
		if oi != oj {
			return oi
		}
		return occ(d.Timeline[i].Code).Before(occ(d.Timeline[j].Code))
	})
	if len(d.Timeline) > dashMaxEvents {
		d.Timeline = d.Timeline[:dashMaxEvents]
	}

	for _, ap := range b.groupByArea(in, states) {
		bar := DashBar{Key: "0", Label: tr(lang, msgProgNoAreaShort), Percent: chart.Average(ap.total, len(ap.acts)), Activities: len(ap.acts)}
		if c, ok := b.area(ap.area); ok {
			bar.Key = strconv.Itoa(ap.area)
			bar.Label = strconv.Itoa(ap.area) + ". " + c.Title.In(lang)
		}
		for _, a := range ap.acts {
			if states[a.Code].Status == Done {
				bar.Done++
			}
		}
		d.Areas = append(d.Areas, bar)
	}
	d.Units = b.unitBars(in, states)

	for i := len(reports) - 1; i >= 0 && len(d.Reports) < dashMaxReports; i-- {
		r := reports[i]
		if r.At.Before(start) || !r.At.Before(end) {
			continue
		}
		title, ok := titles[r.Code]
		if !ok {
			title = r.Code
		}
		d.Reports = append(d.Reports, DashReport{Code: r.Code, Title: title, Name: r.Name, Unit: r.Unit,
			When: b.fmtTime(r.At), Percent: r.Percent, Note: r.Note, HasFile: r.FileID != ""})
	}
	return d
}

// unitBars groups the activities by their owner unit, in order of first appearance; activities
// with no owner are left out, so the list is empty when no activity names one. Issue 12 (units as
// data) replaces the free-text owner by the unit's code and name.
func (b *Bot) unitBars(acts []Activity, states map[string]actState) []DashBar {
	out := []DashBar{}
	idx := map[string]int{}
	totals := map[string]int{}
	for _, a := range acts {
		owner := strings.TrimSpace(a.Owner)
		if owner == "" {
			continue
		}
		key := strings.ToLower(owner)
		i, ok := idx[key]
		if !ok {
			i = len(out)
			idx[key] = i
			out = append(out, DashBar{Key: key, Label: owner})
		}
		out[i].Activities++
		st := states[a.Code]
		if st.Reported {
			totals[key] += st.Latest.Percent
		}
		if st.Status == Done {
			out[i].Done++
		}
	}
	for i := range out {
		out[i].Percent = chart.Average(totals[out[i].Key], out[i].Activities)
	}
	return out
}

// dayStart is midnight at the start of t's day in loc.
func dayStart(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

var msgDashboardButton = msg{"📊 Bảng điều khiển", "📊 Dashboard"}

// DashboardLabel is the label of the button that opens the dashboard.
func DashboardLabel(lang string) string { return tr(lang, msgDashboardButton) }

// dashboardButtons is a row with the button that opens the dashboard, for a coordinator or
// viewer in a private chat (Telegram takes web_app buttons there only) when the dashboard is
// offered; nil otherwise.
func (b *Bot) dashboardButtons(req *Request) [][]Button {
	if b.cfg.DashboardURL == "" || req.ChatKind != Private || req.From.ID.Platform() != PlatformTelegram || !b.CanSeeDashboard(req.From.ID) {
		return nil
	}
	return [][]Button{{{Text: tr(req.Lang, msgDashboardButton), WebApp: b.cfg.DashboardURL}}}
}
