package when

import (
	"fmt"
	"strings"
	"time"
)

// periodHour is the hour a part of the day typed without a time takes.
var periodHour = map[string]int{"sang": 8, "trua": 12, "chieu": 14, "toi": 19, "dem": 22, "am": 8, "pm": 14}

// clock is the time of day the parts give, and whether it was typed.
func (p *parts) clock(o Opts) (h, m int, typed bool, err *WhenError) {
	if !p.hasTime && !o.AllowNoTime && p.rec == recNone {
		w := p.dayW
		for _, x := range []string{p.dowW, p.weekW, p.periodW} {
			if w == "" {
				w = x
			}
		}
		return 0, 0, false, &WhenError{Kind: Malformed, Word: w}
	}
	if !p.hasTime {
		if p.period != "" {
			return periodHour[p.period], 0, false, nil
		}
		h, m := o.defaultClock()
		return h, m, false, nil
	}
	h, ok := applyPeriod(p.h, p.period)
	if !ok {
		return 0, 0, true, &WhenError{Kind: Malformed, Word: strings.TrimSpace(p.timeW + " " + p.periodW)}
	}
	return h, p.m, true, nil
}

// resolve turns the parts into a When.
func (p *parts) resolve(now time.Time, loc *time.Location, o Opts) (When, *WhenError) {
	others := func() string {
		for _, w := range []string{p.timeW, p.periodW, p.dayW, p.dowW, p.weekW, p.durW} {
			if w != "" {
				return w
			}
		}
		return ""
	}
	if p.rec == recCron {
		if w := others(); w != "" {
			return When{}, conflict(w)
		}
		return recurring(p.cron, now, loc)
	}
	if p.hasDur {
		p.durW = ""
		if w := others(); w != "" || p.rec != recNone {
			if w == "" {
				w = p.recW
			}
			return When{}, conflict(w)
		}
		if p.dur > maxAhead {
			return When{}, whenErr(TooFar, "")
		}
		return When{At: now.Add(p.dur).Truncate(time.Second)}, nil
	}
	h, m, typed, err := p.clock(o)
	if err != nil {
		return When{}, err
	}
	if p.rec != recNone {
		return p.resolveRecurring(h, m, typed, now, loc)
	}
	at, err := p.resolveDay(h, m, now, loc, o)
	if err != nil {
		return When{}, err
	}
	switch {
	case p.hasDow && at.Weekday() != time.Weekday(p.dow):
		return When{}, conflict(p.dowW)
	case at.Sub(now) > maxAhead || (o.AllowPast && now.Sub(at) > maxAhead):
		return When{}, whenErr(TooFar, "")
	case !at.After(now) && !o.AllowPast:
		return When{}, whenErr(Past, "")
	}
	return When{At: at, DefaultTime: !typed}, nil
}

func (p *parts) resolveRecurring(h, m int, typed bool, now time.Time, loc *time.Location) (When, *WhenError) {
	missing := func(w string) *WhenError { return &WhenError{Kind: Malformed, Word: w, more: true} }
	if p.week != 0 {
		return When{}, conflict(p.weekW)
	}
	var spec string
	switch p.rec {
	case recDaily:
		if p.day != dayNone {
			return When{}, conflict(p.dayW)
		}
		if p.hasDow {
			return When{}, conflict(p.dowW)
		}
		spec = fmt.Sprintf("%d %d * * *", m, h)
	case recWeekly:
		if p.day != dayNone {
			return When{}, conflict(p.dayW)
		}
		if !p.hasDow {
			return When{}, missing(p.recW)
		}
		spec = fmt.Sprintf("%d %d * * %d", m, h, p.dow)
	case recMonthly:
		if p.hasDow {
			return When{}, conflict(p.dowW)
		}
		switch p.day {
		case dayNone:
			return When{}, missing(p.recW)
		case dayOfMonth:
		default:
			// cuối tháng has no cron form; a full date is not monthly.
			return When{}, conflict(p.dayW)
		}
		if p.d < 1 || p.d > 31 {
			return When{}, whenErr(ImpossibleDate, "")
		}
		spec = fmt.Sprintf("%d %d %d * *", m, h, p.d)
	case recYearly:
		if p.hasDow {
			return When{}, conflict(p.dowW)
		}
		switch {
		case p.day == dayNone:
			return When{}, missing(p.recW)
		case p.day != dayDate || p.hasYear:
			return When{}, conflict(p.dayW)
		}
		if _, ok := makeDate(2028, p.mo, p.d, 0, 0, time.UTC); !ok {
			return When{}, whenErr(ImpossibleDate, "")
		}
		spec = fmt.Sprintf("%d %d %d %d *", m, h, p.d, p.mo)
	}
	if !typed {
		// A recurrence repeats its hour forever: it must be typed.
		return When{}, missing(p.recW)
	}
	return recurring(spec, now, loc)
}

// recentlyPast is how long ago a date typed without a year (or a day of the month without a month)
// may have been for it to be read as a slip rather than next year's (next month's): a cadre who
// types 20/11 on 26/11, or 28/12 on 03/01, meant the one just gone.
const recentlyPast = 7 * 24 * time.Hour

func (p *parts) resolveDay(h, m int, now time.Time, loc *time.Location, o Opts) (time.Time, *WhenError) {
	on := func(add int) time.Time {
		return time.Date(now.Year(), now.Month(), now.Day()+add, h, m, 0, 0, loc)
	}
	switch p.day {
	case dayOffset:
		if p.week != 0 {
			return time.Time{}, conflict(p.weekW)
		}
		return on(p.offset), nil
	case dayDate:
		if p.week != 0 {
			return time.Time{}, conflict(p.weekW)
		}
		if p.hasYear {
			at, ok := makeDate(p.y, p.mo, p.d, h, m, loc)
			if !ok {
				return time.Time{}, whenErr(ImpossibleDate, "")
			}
			return at, nil
		}
		var cands []time.Time
		for y := now.Year() - 1; y <= now.Year()+1; y++ {
			if at, ok := makeDate(y, p.mo, p.d, h, m, loc); ok {
				cands = append(cands, at)
			}
		}
		return nearest(cands, now, now.AddDate(1, 0, 0), o)
	case dayOfMonth:
		if p.week != 0 {
			return time.Time{}, conflict(p.weekW)
		}
		var cands []time.Time
		// Last month's, this month's, next month's: a day that passed more than 7 days ago is at
		// most the 24th, which every month has, so next month's always exists.
		for add := -1; add <= 1; add++ {
			first := time.Date(now.Year(), now.Month()+time.Month(add), 1, 0, 0, 0, 0, loc)
			if at, ok := makeDate(first.Year(), int(first.Month()), p.d, h, m, loc); ok {
				cands = append(cands, at)
			}
		}
		return nearest(cands, now, now.AddDate(0, 2, 0), o)
	case dayMonthEnd:
		if p.week != 0 {
			return time.Time{}, conflict(p.weekW)
		}
		return time.Date(now.Year(), now.Month()+1, 0, h, m, 0, 0, loc), nil
	}
	// No day: a weekday, a week, or the next such time.
	if p.hasDow {
		monday := (int(now.Weekday()) + 6) % 7 // days since this week's Monday
		dow := (p.dow + 6) % 7                 // the weekday counted from Monday
		switch p.week {
		case weekThis:
			return on(dow - monday), nil
		case weekNext:
			return on(7 - monday + dow), nil
		}
		add := (p.dow - int(now.Weekday()) + 7) % 7
		if at := on(add); at.After(now) {
			return at, nil
		}
		return on(add + 7), nil
	}
	switch p.week {
	case weekNext:
		return on(7), nil
	case weekThis:
		return time.Time{}, &WhenError{Kind: Malformed, Word: p.weekW}
	}
	if !p.hasTime && p.period == "" {
		// Only a recurrence word or a filler: nothing to place in time.
		return time.Time{}, &WhenError{Kind: Malformed}
	}
	if at := on(0); at.After(now) {
		return at, nil
	}
	return on(1), nil
}

// nearest picks among a yearless date's candidates (sorted): the one that passed within
// recentlyPast is a slip (Past, or itself when past is allowed); else the next one up to limit;
// none at all is ImpossibleDate.
func nearest(cands []time.Time, now, limit time.Time, o Opts) (time.Time, *WhenError) {
	var prev, next time.Time
	for _, c := range cands {
		if !c.After(now) {
			prev = c
		} else if next.IsZero() {
			next = c
		}
	}
	if !prev.IsZero() && now.Sub(prev) <= recentlyPast {
		if o.AllowPast {
			return prev, nil
		}
		return time.Time{}, whenErr(Past, "")
	}
	if !next.IsZero() && !next.After(limit) {
		return next, nil
	}
	return time.Time{}, whenErr(ImpossibleDate, "")
}
