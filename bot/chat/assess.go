package chat

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chart"
	"github.com/coordbot/coordbot/bot/quantity"
)

// This file is the one computation behind every view of how the programme stands: /progress by
// unit or content area, "not reported", the weekly digest, /summary and the dashboard. Each reads
// an assessment, so they never disagree on what is overdue, what is stale or what a unit achieved.

// defaultStaleDays is N of "no report in N days" when nobody says otherwise.
const defaultStaleDays = 7

// assessment is the programme in a period, at a time.
type assessment struct {
	// Start and End bound the period [Start, End); both zero for all time.
	Start, End time.Time
	Now        time.Time
	StaleDays  int
	// Items are the activities counted in the period (by their time, or by a report made in the
	// period), not cancelled, in the store's order.
	Items []assessed
	// Cancelled counts the cancelled activities of the period.
	Cancelled int
	// Reports are the reports made in the period, oldest first.
	Reports []bot.Report
	// all are all activities by code, cancelled ones and those outside the period too.
	all map[string]bot.Activity
}

// assessed is one activity as it stands.
type assessed struct {
	Activity bot.Activity
	State    actState
	// Last is the time of its latest report (on any occurrence); zero when it has none.
	Last time.Time
	// Stale is "not reported" (stale): open, due or past, and no report in StaleDays days (for a
	// recurring activity: its current occurrence passed with no report).
	Stale bool
	// Nudge is "needs an update" (needsUpdate): Stale, or a one-off due within the coming week
	// with no recent report; the digest and the nudges ask its owner.
	Nudge bool
	// Achieved is, per target, what the period's reports add up to (by the activity's Tally).
	Achieved []achieved
	// Reports counts the period's reports on it.
	Reports int
}

// achieved is one target against what was achieved.
type achieved struct {
	Target quantity.Amount
	Value  float64
}

// percent is the latest percent on the activity's current occurrence (0 when none).
func (it assessed) percent() int {
	if it.State.Reported {
		return it.State.Latest.Percent
	}
	return 0
}

// inPeriod says whether a counts in [start, end): its time falls in it, it recurs and began by
// its end, or it has no time at all. All time when both are zero.
func inPeriod(a bot.Activity, start, end time.Time) bool {
	if start.IsZero() && end.IsZero() {
		return true
	}
	switch {
	case a.Every != "":
		return a.At.IsZero() || a.At.Before(end)
	case !a.At.IsZero():
		return !a.At.Before(start) && a.At.Before(end)
	}
	return true
}

// assess computes the assessment of [start, end) (all time when both are zero) at now from the
// activities, the latest report of each occurrence, and every report, oldest first.
func (b *Bot) assess(acts []bot.Activity, latest map[string]bot.Report, reports []bot.Report, start, end, now time.Time, staleDays int) assessment {
	if staleDays <= 0 {
		staleDays = defaultStaleDays
	}
	as := assessment{Start: start, End: end, Now: now, StaleDays: staleDays, all: make(map[string]bot.Activity, len(acts))}
	last := map[string]time.Time{}
	for key, r := range latest {
		code, _, _ := strings.Cut(key, "@")
		if r.At.After(last[code]) {
			last[code] = r.At
		}
	}
	byCode := map[string][][]quantity.Amount{}
	count := map[string]int{}
	for _, r := range reports {
		if r.At.After(last[r.Code]) {
			last[r.Code] = r.At
		}
		if !start.IsZero() && r.At.Before(start) || !end.IsZero() && !r.At.Before(end) {
			continue
		}
		as.Reports = append(as.Reports, r)
		count[r.Code]++
		if len(r.Qty) > 0 {
			byCode[r.Code] = append(byCode[r.Code], r.Qty)
		}
	}
	for _, a := range acts {
		as.all[a.Code] = a
		// An activity counts in the period by its time, or by a report made in the period.
		if !inPeriod(a, start, end) && count[a.Code] == 0 {
			continue
		}
		if a.IsCancelled() {
			as.Cancelled++
			continue
		}
		it := assessed{Activity: a, State: b.state(a, latest, now), Last: last[a.Code], Reports: count[a.Code]}
		it.Stale = b.stale(it, now, staleDays)
		it.Nudge = b.needsUpdate(it, now, staleDays)
		if len(a.Targets) > 0 {
			mode := a.Tally
			if mode == "" {
				mode = quantity.Sum
			}
			got := quantity.Achieved(a.Targets, byCode[a.Code], mode)
			for _, t := range a.Targets {
				it.Achieved = append(it.Achieved, achieved{Target: t, Value: got[t.Key()]})
			}
		}
		as.Items = append(as.Items, it)
	}
	return as
}

// stale is the one rule of "not reported", in every view that counts it (/tiendo, the sơ kết,
// the dashboard): an open activity that is due or past with no report in days days; a recurring
// one whose current occurrence has passed with no report on it. One not yet due owes nothing
// (an activity added a minute ago for next week is not "chưa báo cáo").
func (b *Bot) stale(it assessed, now time.Time, days int) bool {
	st := it.State
	if !st.open() || st.Occ.After(now) {
		return false
	}
	if it.Activity.Every != "" {
		return !st.Reported
	}
	return it.Last.IsZero() || now.Sub(it.Last) > time.Duration(days)*24*time.Hour
}

// needsUpdate is who the weekly digest and the nudges ask for an update: what is not reported,
// and also an open one-off activity due within the coming week with no report in days days, so
// that its owner hears of it before the day, not after.
func (b *Bot) needsUpdate(it assessed, now time.Time, days int) bool {
	if it.Stale {
		return true
	}
	st := it.State
	if !st.open() || it.Activity.Every != "" || !st.Occ.Before(now.Add(7*24*time.Hour)) {
		return false
	}
	return it.Last.IsZero() || now.Sub(it.Last) > time.Duration(days)*24*time.Hour
}

// rollup sums the activities of a unit (its own and its sub-units') or of a content area.
type rollup struct {
	Code                                        string // unit code, or the area's number; "" for "no unit" / "no area"
	Name                                        string
	Depth                                       int
	Acts, Done, Overdue, Stale, Reports, pctSum int
}

// Percent is the mean latest percent of its activities.
func (r rollup) Percent() int { return chart.Average(r.pctSum, r.Acts) }

func (r *rollup) add(it assessed) {
	r.Acts++
	r.pctSum += it.percent()
	r.Reports += it.Reports
	switch it.State.Status {
	case bot.Done:
		r.Done++
	case bot.Overdue:
		r.Overdue++
	}
	if it.Stale {
		r.Stale++
	}
}

// byUnit rolls the assessment up by the programme's units, parents before their children, each
// parent's figures including its children's; then a line for activities of no listed unit (by
// their free-text owner, if any), when there are some.
func (b *Bot) byUnit(lang string, as assessment) []rollup {
	units, depth := b.cfg.Programme.UnitTree()
	out := make([]rollup, len(units))
	pos := make(map[string]int, len(units))
	for i, u := range units {
		out[i] = rollup{Code: strings.ToUpper(u.Code), Name: u.Name.In(lang), Depth: depth[i]}
		if _, ok := pos[out[i].Code]; !ok {
			pos[out[i].Code] = i
		}
	}
	var loose []rollup
	idx := map[string]int{}
	for _, it := range as.Items {
		a := it.Activity
		// The unit and each unit above it, from the tree computed at load: activities × depth.
		placed := false
		if a.Unit != "" {
			for _, c := range b.cfg.Programme.Ancestors(a.Unit) {
				if i, ok := pos[c]; ok {
					out[i].add(it)
					placed = true
				}
			}
		}
		if placed {
			continue
		}
		name := strings.TrimSpace(b.ownerUnit(lang, a))
		key := strings.ToLower(name)
		i, ok := idx[key]
		if !ok {
			i = len(loose)
			idx[key] = i
			loose = append(loose, rollup{Name: name})
		}
		loose[i].add(it)
	}
	for i := range loose {
		if loose[i].Name == "" {
			if len(out) == 0 && len(loose) == 1 {
				return nil // no unit and no owner anywhere: nothing to roll up
			}
			loose[i].Name = tr(lang, msgNoUnit)
		}
	}
	return append(out, loose...)
}

// byArea rolls the assessment up by content area, in the programme's order, then activities of
// no (known) area.
func (b *Bot) byArea(lang string, as assessment) []rollup {
	out := make([]rollup, len(b.cfg.Programme.Contents))
	for i, c := range b.cfg.Programme.Contents {
		out[i] = rollup{Code: strconv.Itoa(i + 1), Name: strconv.Itoa(i+1) + ". " + c.Title.In(lang)}
	}
	none := rollup{Name: tr(lang, msgProgNoAreaShort)}
	for _, it := range as.Items {
		if n := b.areaOf(it.Activity); n > 0 {
			out[n-1].add(it)
		} else {
			none.add(it)
		}
	}
	if none.Acts > 0 {
		out = append(out, none)
	}
	return out
}

var msgNoUnit = msg{"Chưa gắn đơn vị", "No unit"}

// areaOf is the content area a counts in: its own, or 0 when it has none the programme knows
// (a changed programme file may have fewer areas than stored activities name).
func (b *Bot) areaOf(a bot.Activity) int {
	if _, ok := b.area(a.Content); ok {
		return a.Content
	}
	return 0
}

// assessNow loads the store and assesses all time at now, with N of "not reported".
func (b *Bot) assessNow(ctx context.Context, staleDays int) (assessment, error) {
	return b.assessPeriod(ctx, time.Time{}, time.Time{}, staleDays)
}

// assessPeriod loads the store and assesses [start, end) at now.
func (b *Bot) assessPeriod(ctx context.Context, start, end time.Time, staleDays int) (assessment, error) {
	acts, latest, reports, err := b.cfg.Store.Everything(ctx)
	if err != nil {
		return assessment{}, err
	}
	return b.assess(acts, latest, reports, start, end, b.cfg.Now(), staleDays), nil
}
