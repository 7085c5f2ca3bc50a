package when

import (
	"fmt"
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

// vietOrdinals are the words after "thứ", with their diacritics.
var vietOrdinals = map[string]int{
	"2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6,
	"hai": 1, "ba": 2, "tư": 3, "năm": 4, "sáu": 5, "bảy": 6,
}

func ordinal(t token) (int, bool) {
	for kw, d := range vietOrdinals {
		if is(t, kw) {
			return d, true
		}
	}
	return 0, false
}

// weekday reads a weekday from one word (T2, CN, thứ2, mon, friday) or two (thứ 2, thứ Hai, chủ
// nhật) and says how many it took. "thu" alone is Thursday only after weekly: elsewhere it is the
// Vietnamese word (thu tiền).
func (p *parts) weekday(toks []token) (dow, n int) {
	t := toks[0]
	if len(toks) >= 2 {
		if d, ok := ordinal(toks[1]); ok && is(t, "thứ") {
			return d, 2
		}
		if is(t, "chủ") && is(toks[1], "nhật") {
			return 0, 2
		}
	}
	if t.key == "thu" {
		if p.rec == recWeekly && !p.hasDow {
			return 4, 1
		}
		return 0, 0
	}
	if d, ok := weekdays[t.key]; ok {
		return d, 1
	}
	return 0, 0
}

// periodOf reads a part of the day: sáng, trưa, chiều, tối, đêm, am, pm.
func periodOf(t token) string {
	for _, kw := range []string{"sáng", "trưa", "chiều", "tối", "đêm"} {
		if is(t, kw) {
			return fold(kw)
		}
	}
	if t.key == "am" || t.key == "pm" {
		return t.key
	}
	return ""
}

// timeAt reads a time at the start of toks: 08:00, 8h30, 9g30, 2pm, 9 giờ, 9 giờ 30 (phút),
// 9h rưỡi, 9 giờ rưỡi. per is the part of the day when it came in the same word (2pm).
func timeAt(toks []token) (h, m int, per string, n int) {
	t := toks[0]
	next := func(j int) token {
		if j < len(toks) {
			return toks[j]
		}
		return token{}
	}
	half := func(j int) bool { return is(next(j), "rưỡi") }
	if h, m, ok := parseClock(t.key); ok {
		if m == 0 && !strings.Contains(t.key, ":") && half(1) {
			return h, 30, "", 2
		}
		return h, m, "", 1
	}
	if h, m, per, ok := clockWithPeriod(t.key); ok {
		return h, m, per, 1
	}
	if digits(t.key, 1, 2) && (is(next(1), "giờ") || next(1).key == "h" || next(1).key == "g") {
		h, _ := strconv.Atoi(t.key)
		if h > 23 {
			return 0, 0, "", 0
		}
		if half(2) {
			return h, 30, "", 3
		}
		if digits(next(2).key, 1, 2) {
			m, _ := strconv.Atoi(next(2).key)
			if m > 59 {
				return 0, 0, "", 0
			}
			if is(next(3), "phút") || next(3).key == "p" {
				return h, m, "", 4
			}
			return h, m, "", 3
		}
		return h, 0, "", 2
	}
	return 0, 0, "", 0
}

// looksLikeWhen says whether a word that no part took looks like a mistyped time or date (25h,
// 8:5, 9h75, 1/2/3): such a word is refused rather than read as the start of the text.
func looksLikeWhen(k string) bool {
	i := 0
	for i < len(k) && k[i] >= '0' && k[i] <= '9' {
		i++
	}
	if i == 0 || i == len(k) {
		return false
	}
	switch k[i] {
	case ':', 'h', 'g':
		rest := k[i+1:]
		return i <= 2 && (rest == "" || digits(rest, 1, len(rest)))
	case '/', '-', '.':
		for _, r := range k[i+1:] {
			if (r < '0' || r > '9') && r != '/' && r != '-' && r != '.' {
				return false
			}
		}
		return true
	}
	return false
}

// offsetInWords reads "30 phút nữa", "2 tiếng nữa", "1 giờ 30 phút nữa", "3 ngày nữa", "2 tuần
// nữa": number-unit pairs ended by nữa. n is 0 when toks do not start such an offset; kind is
// TooFar when it is beyond maxAhead.
func offsetInWords(toks []token) (d time.Duration, n int, kind WhenErrKind) {
	i := 0
	for i+1 < len(toks) && digits(toks[i].key, 1, 7) {
		num, _ := strconv.ParseInt(toks[i].key, 10, 64)
		u := toks[i+1]
		var unit time.Duration
		switch {
		case is(u, "phút") || u.key == "p" || u.key == "m":
			unit = time.Minute
		case is(u, "giờ", "tiếng") || u.key == "h" || u.key == "g":
			unit = time.Hour
		case is(u, "ngày"):
			unit = 24 * time.Hour
		case is(u, "tuần"):
			unit = 7 * 24 * time.Hour
		default:
			return 0, 0, 0
		}
		if num > int64((maxAhead-d)/unit) {
			kind = TooFar
		} else {
			d += time.Duration(num) * unit
		}
		i += 2
	}
	if i == 0 || i >= len(toks) || !is(toks[i], "nữa") {
		return 0, 0, 0
	}
	if d == 0 && kind == 0 {
		kind = Malformed
	}
	return d, i + 1, kind
}

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
