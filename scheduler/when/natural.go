package when

import (
	"strings"
	"time"
)

// The way cadres write a day and a time: "mai 8h", "ngày mai 08:00", "thứ 6 14h", "thứ sáu tuần sau
// 14h", "chủ nhật 7h sáng", "3h chiều", "8h sáng mai", "01/06 08:00". A day part then a time part,
// or a time with its part of the day then the day; the day part may be missing (the next such
// time), the time part may not.

// dayKind says how a day part names its day.
type dayKind int

const (
	dayNone     dayKind = iota
	dayOffset           // hôm nay, mai, mốt: today plus days
	dayWeekday          // thứ 6: the next such weekday, today if its time is still ahead
	dayNextWeek         // thứ 6 tuần sau: that weekday in next (Monday-first) week
	dayDate             // 01/12, 01/12/2026, 2026-12-01
)

type dayPart struct {
	kind    dayKind
	offset  int // dayOffset: days from today
	dow     int // dayWeekday, dayNextWeek: 0 = Sunday
	y, mo   int // dayDate; y == 0 when no year was typed
	d       int
	hasYear bool
}

// parseDayPart reads a day part at the start of toks and says how many tokens it used (0: none).
func parseDayPart(toks []token) (dayPart, int) {
	if len(toks) == 0 {
		return dayPart{}, 0
	}
	k := toks[0].key
	next := ""
	if len(toks) > 1 {
		next = toks[1].key
	}
	switch {
	case k == "hom" && next == "nay", k == "ngay" && next == "nay":
		return dayPart{kind: dayOffset}, 2
	case k == "today":
		return dayPart{kind: dayOffset}, 1
	case k == "ngay" && next == "mai":
		return dayPart{kind: dayOffset, offset: 1}, 2
	case k == "mai" || k == "tomorrow":
		return dayPart{kind: dayOffset, offset: 1}, 1
	case k == "ngay" && (next == "mot" || next == "kia"):
		return dayPart{kind: dayOffset, offset: 2}, 2
	case k == "mot" || k == "kia":
		return dayPart{kind: dayOffset, offset: 2}, 1
	case k == "tuan" && isNextWeek(next):
		return dayPart{kind: dayOffset, offset: 7}, 2
	}
	if k == "ngay" && len(toks) > 1 {
		if dp, n := parseDatePart(toks[1]); n > 0 {
			return dp, n + 1
		}
	}
	if dp, n := parseDatePart(toks[0]); n > 0 {
		return dp, n
	}
	if dow, n := parseWeekday(toks); n > 0 {
		if len(toks) > n+1 && toks[n].key == "tuan" && isNextWeek(toks[n+1].key) {
			return dayPart{kind: dayNextWeek, dow: dow}, n + 2
		}
		if len(toks) > n+1 && toks[n].key == "tuan" && toks[n+1].key == "nay" {
			return dayPart{kind: dayWeekday, dow: dow}, n + 2
		}
		if len(toks) > n+1 && toks[n].key == "next" && toks[n+1].key == "week" {
			return dayPart{kind: dayNextWeek, dow: dow}, n + 2
		}
		return dayPart{kind: dayWeekday, dow: dow}, n
	}
	return dayPart{}, 0
}

// isNextWeek matches "sau" and "tới" of "tuần sau", "tuần tới".
func isNextWeek(k string) bool { return k == "sau" || k == "toi" }

func parseDatePart(t token) (dayPart, int) {
	y, mo, d, hasYear, ok := splitDate(t.key)
	if !ok {
		return dayPart{}, 0
	}
	return dayPart{kind: dayDate, y: y, mo: mo, d: d, hasYear: hasYear}, 1
}

// parseTimePart reads a clock with an optional part of the day before or after it ("8h sáng",
// "3h chiều", "chiều 3h", "19:30 tối"). ok is false with n > 0 when the words contradict
// ("15h sáng").
func parseTimePart(toks []token) (h, m, n int, ok bool) {
	if len(toks) == 0 {
		return 0, 0, 0, false
	}
	period := ""
	i := 0
	if isPeriod(toks[0].key) && len(toks) > 1 {
		if _, _, isClock := parseClock(toks[1].key); isClock {
			period, i = toks[0].key, 1
		}
	}
	h, m, isClock := parseClock(toks[i].key)
	if !isClock && period == "" {
		// "2pm", "12am", "2:30pm": the clock and its part of the day in one word.
		h, m, period, isClock = clockWithPeriod(toks[i].key)
	}
	if !isClock {
		return 0, 0, 0, false
	}
	i++
	if period == "" && i < len(toks) && isPeriod(toks[i].key) {
		period = toks[i].key
		i++
	}
	h, ok = applyPeriod(h, period)
	return h, m, i, ok
}

// clockWithPeriod reads a clock written with am or pm in one word: "2pm", "12am", "2:30pm".
func clockWithPeriod(k string) (h, m int, period string, ok bool) {
	for _, p := range []string{"am", "pm"} {
		c, found := strings.CutSuffix(k, p)
		if !found || c == "" {
			continue
		}
		if digits(c, 1, 2) {
			c += "h"
		}
		if h, m, ok := parseClock(c); ok {
			return h, m, p, true
		}
	}
	return 0, 0, "", false
}

// isPeriod matches sáng, trưa, chiều, tối, đêm (without diacritics) and am/pm.
func isPeriod(k string) bool {
	switch k {
	case "sang", "trua", "chieu", "toi", "dem", "am", "pm":
		return true
	}
	return false
}

// applyPeriod turns an hour with a part of the day into 24-hour time: "3h chiều" is 15:00, "7h
// tối" 19:00, "12h trưa" 12:00, "2h đêm" 02:00. An hour the part of the day cannot have is refused.
func applyPeriod(h int, period string) (int, bool) {
	switch period {
	case "":
		return h, true
	case "sang", "am":
		if h == 12 && period == "am" {
			return 0, true
		}
		return h, h < 12
	case "trua":
		switch {
		case h >= 11 && h <= 13:
			return h, true
		case h >= 1 && h <= 2:
			return h + 12, true
		}
		return 0, false
	case "chieu", "pm":
		switch {
		case h >= 1 && h < 12:
			return h + 12, true
		case h == 12 || (h > 12 && h < 24 && period == "chieu"):
			return h, h == 12 || h >= 13
		}
		return 0, false
	case "toi":
		switch {
		case h >= 5 && h < 12:
			return h + 12, true
		case h >= 17 && h <= 23:
			return h, true
		}
		return 0, false
	case "dem":
		switch {
		case h <= 4:
			return h, true
		case h >= 9 && h < 12:
			return h + 12, true
		case h >= 21:
			return h, true
		}
		return 0, false
	}
	return h, true
}

// parseNatural reads an optional day part and a time part in either order.
func parseNatural(toks []token, now time.Time, loc *time.Location) (When, int, error) {
	day, n := parseDayPart(toks)
	h, m, tn, ok := parseTimePart(toks[n:])
	used := n + tn
	if tn == 0 && n == 0 {
		return When{}, 1, whenErr(Malformed, "")
	}
	if tn == 0 {
		// "8h sáng mai": the time came first.
		return When{}, n, whenErr(Malformed, "")
	}
	if !ok {
		return When{}, used, whenErr(Malformed, "")
	}
	if n == 0 && tn >= 2 {
		// A time with its part of the day, then perhaps the day: "8h sáng mai", "3h chiều thứ 6".
		// Without the part of the day the next word is the reminder's text: "14h Mai đi công tác".
		if d2, n2 := parseDayPart(toks[tn:]); n2 > 0 {
			day, used = d2, tn+n2
		}
	}
	return resolve(day, h, m, used, now, loc)
}

func resolve(day dayPart, h, m, used int, now time.Time, loc *time.Location) (When, int, error) {
	today := func(add int) time.Time {
		return time.Date(now.Year(), now.Month(), now.Day()+add, h, m, 0, 0, loc)
	}
	switch day.kind {
	case dayNone:
		at := today(0)
		if !at.After(now) {
			at = today(1)
		}
		return When{At: at}, used, nil
	case dayOffset:
		at := today(day.offset)
		if !at.After(now) {
			return When{}, used, whenErr(Past, "")
		}
		return When{At: at}, used, nil
	case dayWeekday:
		add := (day.dow - int(now.Weekday()) + 7) % 7
		at := today(add)
		if !at.After(now) {
			at = today(add + 7)
		}
		return When{At: at}, used, nil
	case dayNextWeek:
		// Weeks start on Monday, as Vietnamese calendars do: Chủ nhật ends the week.
		monday := (int(now.Weekday()) + 6) % 7 // days since this week's Monday
		return When{At: today(7 - monday + (day.dow+6)%7)}, used, nil
	}
	return resolveDate(day, h, m, used, now, loc)
}

// recentlyPast is how long ago a date typed without a year may have been for it to be read as a
// mistake ("đã qua") rather than next year's: a cadre who types 20/11 on 26/11 meant this year.
const recentlyPast = 7 * 24 * time.Hour

func resolveDate(day dayPart, h, m, used int, now time.Time, loc *time.Location) (When, int, error) {
	if day.hasYear {
		at, valid := makeDate(day.y, day.mo, day.d, h, m, loc)
		switch {
		case !valid:
			return When{}, used, whenErr(ImpossibleDate, "")
		case !at.After(now):
			return When{}, used, whenErr(Past, "")
		case at.Sub(now) > maxAhead:
			return When{}, used, whenErr(TooFar, "")
		}
		return When{At: at}, used, nil
	}
	// Without a year: the next such date within 12 months.
	this, validThis := makeDate(now.Year(), day.mo, day.d, h, m, loc)
	if validThis && this.After(now) {
		return When{At: this}, used, nil
	}
	if validThis && now.Sub(this) <= recentlyPast {
		return When{}, used, whenErr(Past, "")
	}
	next, validNext := makeDate(now.Year()+1, day.mo, day.d, h, m, loc)
	if validNext && !next.After(now.AddDate(1, 0, 0)) {
		return When{At: next}, used, nil
	}
	// 30/02, 31/04, or 29/02 with no leap year in the next 12 months.
	return When{}, used, whenErr(ImpossibleDate, "")
}
