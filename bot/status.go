package bot

import (
	"time"

	"github.com/coordbot/coordbot/scheduler/when"
	"github.com/robfig/cron/v3"
)

// This file is the one place that says where an activity stands. Everything shown (/plan,
// /progress, the digest, the report picker, the export) and every decision (whether a reminder
// still fires) asks state, so a status can never get stuck: it is computed from the stored
// cancellation, the reports and the time, each time.

// StatusOf derives an activity's status: cancelled (by a coordinator); done (the latest report on
// the occurrence says 100%); overdue (the day of the occurrence is over and it is not done); in
// progress (a report below 100%); planned (no report yet, not yet due).
func StatusOf(a Activity, latest Report, reported bool, due, now time.Time, loc *time.Location) Status {
	switch {
	case a.IsCancelled():
		return Cancelled
	case reported && latest.Percent >= 100:
		return Done
	case !due.IsZero() && !now.Before(EndOfDay(due, loc)):
		return Overdue
	case reported:
		return UnderWay
	}
	return Planned
}

// EndOfDay is midnight after t in loc: an activity at 08:00 is not late until its day is over.
func EndOfDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}

// OccState is an activity as it stands now.
type OccState struct {
	Status Status
	// Occ is the occurrence reports go to now (a one-off activity: its time); OccKey its key
	// ("" for a one-off activity).
	Occ    time.Time
	OccKey string
	// Latest is the latest report on that occurrence, when Reported.
	Latest   Report
	Reported bool
}

// Open says whether reports are still expected: not cancelled, not done.
func (s OccState) Open() bool { return s.Status != Cancelled && s.Status != Done }

// State is where a stands at now, given the latest reports by LatestKey.
func (c Calendar) State(a Activity, latest map[string]Report, now time.Time) OccState {
	occ := c.CurrentOcc(a, now)
	return c.StateAt(a, occ, latest, now)
}

// StateAt is where occurrence occ of a stands at now.
func (c Calendar) StateAt(a Activity, occ time.Time, latest map[string]Report, now time.Time) OccState {
	key := c.OccKey(a, occ)
	r, ok := latest[LatestKey(a.Code, key)]
	return OccState{Status: StatusOf(a, r, ok, occ, now, c.Loc), Occ: occ, OccKey: key, Latest: r, Reported: ok}
}

// OccKey names an occurrence of a recurring activity by its day (yyyy-mm-dd in the bot's zone);
// a one-off activity has one occurrence, named "".
func (c Calendar) OccKey(a Activity, t time.Time) string {
	if a.Every == "" || t.IsZero() {
		return ""
	}
	return t.In(c.Loc).Format("2006-01-02")
}

// PastOccurrences are up to n occurrences of a recurring a at or before now, newest first, none
// before its first time nor more than a year (and a day) old. Each is found from the schedule
// directly (PrevOcc), so the cost does not grow with the activity's age or frequency.
func (c Calendar) PastOccurrences(a Activity, now time.Time, n int) []time.Time {
	if a.Every == "" || n <= 0 {
		return nil
	}
	sched, err := when.ParseCron(a.Every)
	if err != nil {
		return nil
	}
	floor := now.AddDate(-1, 0, -1)
	if !a.At.IsZero() && a.At.After(floor) {
		floor = a.At.Add(-time.Second)
	}
	out := make([]time.Time, 0, n)
	for t := now; len(out) < n; {
		p := PrevOcc(sched, t, floor, c.Loc)
		if p.IsZero() {
			break
		}
		out = append(out, p)
		t = p.Add(-time.Nanosecond)
	}
	return out
}

// PrevOcc is the last occurrence of sched at or before t and after floor, computed in loc, or
// zero when there is none. robfig/cron only goes forward (Next(s) is the first occurrence after
// s, and it grows with s), so this finds, by doubling a window back from t and then bisecting
// it to the second, the latest start s whose Next is still at or before t: its Next is the
// answer. About 2·log2(t − answer in seconds) calls of Next — some fifty for a yearly schedule,
// a dozen for one every five minutes — instead of a walk over every occurrence.
func PrevOcc(sched cron.Schedule, t, floor time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	next := func(s time.Time) time.Time { return sched.Next(s.In(loc)) }
	upTo := func(x time.Time) bool { return !x.IsZero() && !x.After(t) }
	if !t.After(floor) || !upTo(next(floor)) {
		return time.Time{}
	}
	// Invariant: upTo(next(lo)) and !upTo(next(hi)); next(t) is after t, so hi = t holds.
	lo, hi := floor, t
	for w := time.Minute; ; w *= 2 {
		s := t.Add(-w)
		if !s.After(floor) {
			break
		}
		if upTo(next(s)) {
			lo = s
			break
		}
		hi = s
	}
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2)
		if upTo(next(mid)) {
			lo = mid
		} else {
			hi = mid
		}
	}
	// Occurrences fall on whole minutes, so none lies between lo and the one just after it.
	return next(lo)
}

// CurrentOcc is the occurrence reports go to now: a one-off activity's time; for a recurring one
// the last occurrence at or before now, or the first to come when none has happened yet.
func (c Calendar) CurrentOcc(a Activity, now time.Time) time.Time {
	if a.Every == "" {
		return a.At
	}
	if past := c.PastOccurrences(a, now, 1); len(past) == 1 {
		return past[0]
	}
	if !a.At.IsZero() && a.At.After(now) {
		return a.At
	}
	next, _ := (when.When{Cron: a.Every}).Next(now, c.Loc)
	return next
}

// OccurrenceOn is the occurrence of recurring a on the given day (dd/mm typed by a cadre), if it
// has one there.
func (c Calendar) OccurrenceOn(a Activity, day time.Time) (time.Time, bool) {
	if a.Every == "" {
		return time.Time{}, false
	}
	y, m, d := day.Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, c.Loc)
	next, ok := (when.When{Cron: a.Every}).Next(start.Add(-time.Nanosecond), c.Loc)
	if !ok || !next.Before(start.AddDate(0, 0, 1)) {
		return time.Time{}, false
	}
	if !a.At.IsZero() && next.Before(a.At.Add(-time.Minute)) {
		return time.Time{}, false
	}
	return next, true
}

// Calendar is where the programme's rules take their time zone: every date typed and shown, every
// occurrence of a recurring activity and every "end of the day" is in Loc.
type Calendar struct {
	Loc *time.Location
}
