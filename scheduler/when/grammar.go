package when

import (
	"strconv"
	"strings"
	"time"
)

// The grammar of a WHEN, written once: the words are read left to right into parts (a time, a part
// of the day, a day, a weekday, a week, a recurrence, an offset), in any order; each word is either
// taken by a part or ends the WHEN (SplitWhen: the rest is the text; ParseWhen: refused, naming
// it). A part given twice is a Conflict. resolve then turns the parts into a time.

type dayKind int

const (
	dayNone     dayKind = iota
	dayOffset           // hôm nay, mai, mốt, hôm qua: today plus days
	dayDate             // 15/12, 15/12/2026, 2026-12-15, ngày 15 tháng 12
	dayOfMonth          // ngày 15: the next 15th
	dayMonthEnd         // cuối tháng
)

type recKind int

const (
	recNone recKind = iota
	recDaily
	recWeekly
	recMonthly
	recYearly
	recCron
)

const (
	weekThis = 1
	weekNext = 2
)

type parts struct {
	hasTime bool
	h, m    int
	timeW   string

	period  string // folded: sang, trua, chieu, toi, dem, am, pm
	periodW string

	day      dayKind
	offset   int // dayOffset
	y, mo, d int // dayDate (y == 0 without a year), dayOfMonth (d)
	hasYear  bool
	dayW     string
	hasDow   bool
	dow      int // 0 = Sunday
	dowW     string
	week     int // weekThis, weekNext
	weekW    string
	rec      recKind
	cron     string
	recW     string
	hasDur   bool
	dur      time.Duration
	durW     string
}

func words(toks []token, i, n int) string {
	var b strings.Builder
	for j := i; j < i+n && j < len(toks); j++ {
		if j > i {
			b.WriteByte(' ')
		}
		b.WriteString(toks[j].raw)
	}
	return b.String()
}

// is says whether t is one of the keywords, given with their diacritics: typed exactly (any case),
// or typed without any diacritics ("chieu" is chiều, but "một" is not mốt, nor "tôi" tối).
func is(t token, kws ...string) bool {
	for _, kw := range kws {
		if t.lower == kw || (t.plain && t.key == fold(kw)) {
			return true
		}
	}
	return false
}

// conflict is the error for a part given twice.
func conflict(w string) *WhenError { return &WhenError{Kind: Conflict, Word: w} }

// step reads the part starting at toks[i] into p and says how many words it took; 0 when toks[i]
// starts no part.
func (p *parts) step(toks []token, i int) (int, *WhenError) {
	t := toks[i]
	k := t.key
	at := func(j int) token {
		if i+j < len(toks) {
			return toks[i+j]
		}
		return token{}
	}
	w := func(n int) string { return words(toks, i, n) }
	set := func(n int, ok bool) (int, *WhenError) {
		if !ok {
			return n, conflict(w(n))
		}
		return n, nil
	}

	if p.rec == recCron {
		// Nothing is read after a cron spec: the text follows ("every 0 16 * * 5 Weekly review").
		return 0, nil
	}
	// every 0 8 * * 1: a cron spec, first and alone.
	if i == 0 && (k == "every" || k == "cron") {
		if len(toks) < 6 {
			return len(toks), &WhenError{Kind: BadCron, Word: w(len(toks))}
		}
		f := make([]string, 5)
		for j := range f {
			f[j] = toks[1+j].raw
		}
		p.rec, p.cron, p.recW = recCron, strings.Join(f, " "), w(6)
		return 6, nil
	}
	// +30m, +1h30m
	if strings.HasPrefix(k, "+") {
		d, kind := parseOffset(k[1:])
		if kind != 0 {
			return 1, &WhenError{Kind: kind, Word: t.raw}
		}
		return set(1, p.setDur(d, t.raw))
	}
	// 30 phút nữa, 2 tiếng nữa, 1 giờ 30 phút nữa
	if d, n, kind := offsetInWords(toks[i:]); n > 0 {
		if kind != 0 {
			return n, &WhenError{Kind: kind, Word: w(n)}
		}
		return set(n, p.setDur(d, w(n)))
	}
	// Recurrences; the English words only first, as a text may well start with them ("thứ 6 16h
	// Weekly review").
	switch {
	case i > 0 && (k == "daily" || k == "weekly" || k == "monthly" || k == "yearly"):
		return 0, nil
	case k == "daily":
		return set(1, p.setRec(recDaily, w(1)))
	case k == "weekly":
		return set(1, p.setRec(recWeekly, w(1)))
	case k == "monthly":
		return set(1, p.setRec(recMonthly, w(1)))
	case k == "yearly":
		return set(1, p.setRec(recYearly, w(1)))
	case is(t, "hằng", "hàng", "mỗi"):
		switch next := at(1); {
		case is(next, "ngày"):
			return set(2, p.setRec(recDaily, w(2)))
		case is(next, "tuần"):
			return set(2, p.setRec(recWeekly, w(2)))
		case is(next, "tháng"):
			return set(2, p.setRec(recMonthly, w(2)))
		case is(next, "năm"):
			return set(2, p.setRec(recYearly, w(2)))
		}
		return 0, nil
	}
	// Days.
	if is(t, "ngày") {
		next := at(1)
		switch {
		case is(next, "mai"):
			return set(2, p.setOffset(1, w(2)))
		case is(next, "mốt", "kia"):
			return set(2, p.setOffset(2, w(2)))
		case is(next, "nay"):
			return set(2, p.setOffset(0, w(2)))
		}
		if y, mo, d, hasYear, ok := splitDate(next.key); ok {
			return set(2, p.setDate(y, mo, d, hasYear, w(2)))
		}
		if digits(next.key, 1, 2) {
			d, _ := strconv.Atoi(next.key)
			// ngày 15 tháng 12 (năm 2026)
			if is(at(2), "tháng") && digits(at(3).key, 1, 2) {
				mo, _ := strconv.Atoi(at(3).key)
				if is(at(4), "năm") && digits(at(5).key, 4, 4) {
					y, _ := strconv.Atoi(at(5).key)
					return set(6, p.setDate(y, mo, d, true, w(6)))
				}
				return set(4, p.setDate(0, mo, d, false, w(4)))
			}
			return set(2, p.setDayOfMonth(d, w(2)))
		}
		return 0, nil
	}
	switch {
	case is(t, "hôm") && is(at(1), "nay"):
		return set(2, p.setOffset(0, w(2)))
	case is(t, "hôm") && is(at(1), "qua"):
		return set(2, p.setOffset(-1, w(2)))
	case k == "today":
		return set(1, p.setOffset(0, w(1)))
	case k == "yesterday":
		return set(1, p.setOffset(-1, w(1)))
	case is(t, "mai") || k == "tomorrow":
		return set(1, p.setOffset(1, w(1)))
	case is(t, "mốt", "kia"):
		return set(1, p.setOffset(2, w(1)))
	case is(t, "tuần") && is(at(1), "này"):
		return set(2, p.setWeek(weekThis, w(2)))
	case is(t, "tuần") && is(at(1), "sau", "tới"):
		return set(2, p.setWeek(weekNext, w(2)))
	case k == "next" && at(1).key == "week":
		return set(2, p.setWeek(weekNext, w(2)))
	case k == "this" && at(1).key == "week":
		return set(2, p.setWeek(weekThis, w(2)))
	case is(t, "cuối") && is(at(1), "tháng"):
		return set(2, p.setDay(dayMonthEnd, w(2)))
	}
	if y, mo, d, hasYear, ok := splitDate(k); ok {
		return set(1, p.setDate(y, mo, d, hasYear, w(1)))
	}
	if dow, n := p.weekday(toks[i:]); n > 0 {
		return set(n, p.setDow(dow, w(n)))
	}
	// Parts of the day: sáng, chiều 3h, tối nay.
	if per := periodOf(t); per != "" {
		if is(at(1), "nay") {
			if p.period != "" {
				return 2, conflict(w(2))
			}
			p.period, p.periodW = per, w(1)
			return set(2, p.setOffset(0, w(2)))
		}
		return set(1, p.setPeriod(per, w(1)))
	}
	// Times.
	if h, m, per, n := timeAt(toks[i:]); n > 0 {
		if per != "" {
			if p.period != "" {
				return n, conflict(w(n))
			}
			p.period, p.periodW = per, w(n)
		}
		return set(n, p.setTime(h, m, w(n)))
	}
	if looksLikeWhen(k) {
		return 1, &WhenError{Kind: Malformed, Word: t.raw}
	}
	// lúc 9h, vào thứ 5: read only before another part.
	if is(t, "lúc", "vào") && i+1 < len(toks) {
		peek := *p
		if n, err := peek.step(toks, i+1); n > 0 && err == nil {
			return 1, nil
		}
	}
	return 0, nil
}

func (p *parts) setTime(h, m int, w string) bool {
	if p.hasTime {
		return false
	}
	p.hasTime, p.h, p.m, p.timeW = true, h, m, w
	return true
}

func (p *parts) setPeriod(per, w string) bool {
	if p.period != "" {
		return false
	}
	p.period, p.periodW = per, w
	return true
}

func (p *parts) setDay(k dayKind, w string) bool {
	if p.day != dayNone {
		return false
	}
	p.day, p.dayW = k, w
	return true
}

func (p *parts) setOffset(days int, w string) bool {
	if !p.setDay(dayOffset, w) {
		return false
	}
	p.offset = days
	return true
}

func (p *parts) setDate(y, mo, d int, hasYear bool, w string) bool {
	if !p.setDay(dayDate, w) {
		return false
	}
	p.y, p.mo, p.d, p.hasYear = y, mo, d, hasYear
	return true
}

func (p *parts) setDayOfMonth(d int, w string) bool {
	if !p.setDay(dayOfMonth, w) {
		return false
	}
	p.d = d
	return true
}

func (p *parts) setDow(dow int, w string) bool {
	if p.hasDow {
		return false
	}
	p.hasDow, p.dow, p.dowW = true, dow, w
	return true
}

func (p *parts) setWeek(wk int, w string) bool {
	if p.week != 0 {
		return false
	}
	p.week, p.weekW = wk, w
	return true
}

func (p *parts) setRec(r recKind, w string) bool {
	if p.rec != recNone {
		return false
	}
	p.rec, p.recW = r, w
	return true
}

func (p *parts) setDur(d time.Duration, w string) bool {
	if p.hasDur {
		return false
	}
	p.hasDur, p.dur, p.durW = true, d, w
	return true
}
