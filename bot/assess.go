package bot

import (
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot/quantity"
)

// DefaultStaleDays is N of "no report in N days" when nobody says otherwise.
const DefaultStaleDays = 7

// Assessment is the programme in a period, at a time.
type Assessment struct {
	// Start and End bound the period [Start, End); both zero for all time.
	Start, End time.Time
	Now        time.Time
	StaleDays  int
	// Items are the activities counted in the period (by their time, or by a report made in the
	// period), not cancelled, in the store's order.
	Items []Assessed
	// Cancelled counts the cancelled activities of the period.
	Cancelled int
	// Reports are the reports made in the period, oldest first.
	Reports []Report
	// All are all activities by code, cancelled ones and those outside the period too.
	All map[string]Activity
}

// Assessed is one activity as it stands.
type Assessed struct {
	Activity Activity
	State    OccState
	// Last is the time of its latest report (on any occurrence); zero when it has none.
	Last time.Time
	// Stale is "not reported" (stale): open, due or past, and no report in StaleDays days (for a
	// recurring activity: its current occurrence passed with no report).
	Stale bool
	// Nudge is "needs an update" (needsUpdate): Stale, or a one-off due within the coming week
	// with no recent report; the digest and the nudges ask its owner.
	Nudge bool
	// Achieved is, per target, what the period's reports add up to (by the activity's Tally).
	Achieved []Achieved
	// Reports counts the period's reports on it.
	Reports int
}

// Achieved is one target against what was Achieved.
type Achieved struct {
	Target quantity.Amount
	Value  float64
}

// Percent is the latest percent on the activity's current occurrence (0 when none).
func (it Assessed) Percent() int {
	if it.State.Reported {
		return it.State.Latest.Percent
	}
	return 0
}

// InPeriod says whether a counts in [start, end): its time falls in it, it recurs and began by
// its end, or it has no time at all. All time when both are zero.
func InPeriod(a Activity, start, end time.Time) bool {
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

// Assess computes the Assessment of [start, end) (all time when both are zero) at now from the
// activities, the latest report of each occurrence, and every report, oldest first.
func (c Calendar) Assess(acts []Activity, latest map[string]Report, reports []Report, start, end, now time.Time, staleDays int) Assessment {
	if staleDays <= 0 {
		staleDays = DefaultStaleDays
	}
	as := Assessment{Start: start, End: end, Now: now, StaleDays: staleDays, All: make(map[string]Activity, len(acts))}
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
		as.All[a.Code] = a
		// An activity counts in the period by its time, or by a report made in the period.
		if !InPeriod(a, start, end) && count[a.Code] == 0 {
			continue
		}
		if a.IsCancelled() {
			as.Cancelled++
			continue
		}
		it := Assessed{Activity: a, State: c.State(a, latest, now), Last: last[a.Code], Reports: count[a.Code]}
		it.Stale = c.Stale(it, now, staleDays)
		it.Nudge = c.NeedsUpdate(it, now, staleDays)
		if len(a.Targets) > 0 {
			mode := a.Tally
			if mode == "" {
				mode = quantity.Sum
			}
			got := quantity.Achieved(a.Targets, byCode[a.Code], mode)
			for _, t := range a.Targets {
				it.Achieved = append(it.Achieved, Achieved{Target: t, Value: got[t.Key()]})
			}
		}
		as.Items = append(as.Items, it)
	}
	return as
}

// Stale is the one rule of "not reported", in every view that counts it (/tiendo, the sơ kết,
// the dashboard): an open activity that is due or past with no report in days days; a recurring
// one whose current occurrence has passed with no report on it. One not yet due owes nothing
// (an activity added a minute ago for next week is not "chưa báo cáo").
func (c Calendar) Stale(it Assessed, now time.Time, days int) bool {
	st := it.State
	if !st.Open() || st.Occ.After(now) {
		return false
	}
	if it.Activity.Every != "" {
		return !st.Reported
	}
	return it.Last.IsZero() || now.Sub(it.Last) > time.Duration(days)*24*time.Hour
}

// NeedsUpdate is who the weekly digest and the nudges ask for an update: what is not reported,
// and also an open one-off activity due within the coming week with no report in days days, so
// that its owner hears of it before the day, not after.
func (c Calendar) NeedsUpdate(it Assessed, now time.Time, days int) bool {
	if it.Stale {
		return true
	}
	st := it.State
	if !st.Open() || it.Activity.Every != "" || !st.Occ.Before(now.Add(7*24*time.Hour)) {
		return false
	}
	return it.Last.IsZero() || now.Sub(it.Last) > time.Duration(days)*24*time.Hour
}

// Average is the mean latest percent of the assessment's activities, rounded down (0 for none).
func (as Assessment) Average() int {
	total := 0
	for _, it := range as.Items {
		total += it.Percent()
	}
	if len(as.Items) == 0 || total <= 0 {
		return 0
	}
	return total / len(as.Items)
}
