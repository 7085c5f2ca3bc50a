package bot

import (
	"time"

	"github.com/coordbot/coordbot/scheduler/when"
)

// Digest is what the weekly Digest says, computed without sending (buildDigest), so that it is
// tested without Redis and reused.
// Digest is the weekly digest of the programme, or of a unit and the units under it.
type Digest struct {
	At time.Time
	// Week are the activities (occurrences) of the coming 7 days, with their state.
	Week []DigestItem
	// Open and Average: the open activities and their average latest percent.
	Open, Average int
	// Stale are open occurrences with no report for 7 days (or none at all).
	Stale []DigestItem
	// As is the assessment the Digest was computed from (the whole programme's).
	As Assessment
	// Unit is the unit (code) the Digest covers with the units under it; "" for the whole
	// programme.
	Unit string
}

// DigestItem is an activity (occurrence) in the digest with where it stands.
type DigestItem struct {
	Activity Activity
	State    OccState
}

// DigestOf is the Digest of unit (and the units under it) from the whole programme's
// assessment; of the whole programme when unit is "".
func (c Calendar) DigestOf(as Assessment, latest map[string]Report, now time.Time, unit string, within func(unit, parent string) bool) Digest {
	d := Digest{At: now, As: as, Unit: unit}
	weekEnd := now.Add(7 * 24 * time.Hour)
	sum := 0
	for _, it := range as.Items {
		a, st := it.Activity, it.State
		if unit != "" && (a.Unit == "" || !within(a.Unit, unit)) {
			continue
		}
		open := st.Open()
		// A closed one-off activity is left out; a recurring one whose current occurrence is
		// done still has next week's in the list.
		if !open && a.Every == "" {
			continue
		}
		if open {
			d.Open++
			sum += st.Latest.Percent
		}
		next := st.Occ
		if a.Every != "" && !next.After(now) {
			next, _ = (when.When{Cron: a.Every}).Next(now, c.Loc)
		}
		if !next.IsZero() && !next.Before(now) && next.Before(weekEnd) {
			d.Week = append(d.Week, DigestItem{Activity: a, State: c.StateAt(a, next, latest, now)})
		}
		if it.Nudge {
			d.Stale = append(d.Stale, DigestItem{Activity: a, State: st})
		}
	}
	if d.Open > 0 {
		d.Average = sum / d.Open
	}
	return d
}
