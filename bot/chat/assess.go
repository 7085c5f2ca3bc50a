package chat

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chart"
	"github.com/coordbot/coordbot/bot/i18n"
)

// This file is the one computation behind every view of how the programme stands: /progress by
// unit or content area, "not reported", the weekly digest, /summary and the dashboard. Each reads
// an assessment, so they never disagree on what is overdue, what is stale or what a unit achieved.

// rollup sums the activities of a unit (its own and its sub-units') or of a content area.
type rollup struct {
	Code                                        string // unit code, or the area's number; "" for "no unit" / "no area"
	Name                                        string
	Depth                                       int
	Acts, Done, Overdue, Stale, Reports, pctSum int
}

// Percent is the mean latest percent of its activities.
func (r rollup) Percent() int { return chart.Average(r.pctSum, r.Acts) }

func (r *rollup) add(it bot.Assessed) {
	r.Acts++
	r.pctSum += it.Percent()
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
func (b *progressViews) byUnit(lang string, as bot.Assessment) []rollup {
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
		name := strings.TrimSpace(b.view.OwnerUnit(lang, a))
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
			loose[i].Name = i18n.NoUnit.F(lang)
		}
	}
	return append(out, loose...)
}

// byArea rolls the assessment up by content area, in the programme's order, then activities of
// no (known) area.
func (b *progressViews) byArea(lang string, as bot.Assessment) []rollup {
	out := make([]rollup, len(b.cfg.Programme.Contents))
	for i, c := range b.cfg.Programme.Contents {
		out[i] = rollup{Code: strconv.Itoa(i + 1), Name: strconv.Itoa(i+1) + ". " + c.Title.In(lang)}
	}
	none := rollup{Name: i18n.ProgNoAreaShort.F(lang)}
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

// areaOf is the content area a counts in: its own, or 0 when it has none the programme knows
// (a changed programme file may have fewer areas than stored activities name).
func (b *progressViews) areaOf(a bot.Activity) int {
	if _, ok := b.acts.area(a.Content); ok {
		return a.Content
	}
	return 0
}

// assessNow loads the store and assesses all time at now, with N of "not reported".
func (b *progressViews) assessNow(ctx context.Context, staleDays int) (bot.Assessment, error) {
	return b.assessPeriod(ctx, time.Time{}, time.Time{}, staleDays)
}

// assessPeriod loads the store and assesses [start, end) at now.
func (b *progressViews) assessPeriod(ctx context.Context, start, end time.Time, staleDays int) (bot.Assessment, error) {
	acts, latest, reports, err := b.cfg.Store.Everything(ctx)
	if err != nil {
		return bot.Assessment{}, err
	}
	return b.cal.Assess(acts, latest, reports, start, end, b.cfg.Now(), staleDays), nil
}
