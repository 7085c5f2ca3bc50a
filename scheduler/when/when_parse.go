package when

import (
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/internal/vi"
)

// fold makes "Hằng TUẦN" and "hang tuan" the same keyword.
func fold(s string) string { return vi.Fold(s) }

// parseOffset reads the part after "+": one or more number-unit pairs, units m (or p, phút),
// h (or g, giờ) and d (or n, ngày), as in 30m, 2h, 1d, 1h30m. kind is Malformed when it is not
// such a thing, TooFar when it goes beyond maxAhead (checked before multiplying: +1000000d must
// not overflow into an accepted date).
func parseOffset(s string) (time.Duration, WhenErrKind) {
	if s == "" {
		return 0, Malformed
	}
	var total time.Duration
	tooFar := false
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) {
			return 0, Malformed
		}
		var unit time.Duration
		switch s[i] {
		case 'm', 'p':
			unit = time.Minute
		case 'h', 'g':
			unit = time.Hour
		case 'd', 'n':
			unit = 24 * time.Hour
		default:
			return 0, Malformed
		}
		n, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil || n > int64((maxAhead-total)/unit) {
			tooFar = true
		} else {
			total += time.Duration(n) * unit
		}
		s = s[i+1:]
	}
	switch {
	case tooFar:
		return 0, TooFar
	case total <= 0:
		return 0, Malformed
	}
	return total, 0
}

// parseClock reads 08:00, 8:00, 08h00, 8h30, 8h, 9g30 and 9g as hour and minute.
func parseClock(s string) (h, m int, ok bool) {
	hs, ms, found := strings.Cut(s, ":")
	if !found {
		sep := "h"
		if !strings.Contains(s, "h") {
			sep = "g"
		}
		hs, ms, found = strings.Cut(s, sep)
		if !found {
			return 0, 0, false
		}
		if ms == "" {
			ms = "00"
		}
	}
	if !digits(hs, 1, 2) || !digits(ms, 2, 2) {
		return 0, 0, false
	}
	h, _ = strconv.Atoi(hs)
	m, _ = strconv.Atoi(ms)
	if h > 23 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
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

func digits(s string, minLen, maxLen int) bool {
	if len(s) < minLen || len(s) > maxLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// weekdays maps a folded day name to cron's day of week (0 = Sunday). The Vietnamese T2…T7 count
// from Monday as the second day; CN is Chủ nhật.
var weekdays = map[string]int{
	"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
	"cn": 0, "t2": 1, "t3": 2, "t4": 3, "t5": 4, "t6": 5, "t7": 6,
	"thu2": 1, "thu3": 2, "thu4": 3, "thu5": 4, "thu6": 5, "thu7": 6,
}

// splitDate recognises YYYY-MM-DD, DD/MM/YYYY (also with - or .) and DD/MM. Numbers out of range
// still parse here: makeDate decides that 31/04 or 13/13 is no date.
func splitDate(s string) (y, mo, d int, hasYear, ok bool) {
	var parts []string
	for _, sep := range []string{"/", "-", "."} {
		if strings.Contains(s, sep) {
			parts = strings.Split(s, sep)
			break
		}
	}
	num := func(p string, minLen, maxLen int) (int, bool) {
		if !digits(p, minLen, maxLen) {
			return 0, false
		}
		n, _ := strconv.Atoi(p)
		return n, true
	}
	switch len(parts) {
	case 2:
		d, ok1 := num(parts[0], 1, 2)
		mo, ok2 := num(parts[1], 1, 2)
		return 0, mo, d, false, ok1 && ok2
	case 3:
		if len(parts[0]) == 4 {
			y, ok1 := num(parts[0], 4, 4)
			mo, ok2 := num(parts[1], 1, 2)
			d, ok3 := num(parts[2], 1, 2)
			return y, mo, d, true, ok1 && ok2 && ok3
		}
		d, ok1 := num(parts[0], 1, 2)
		mo, ok2 := num(parts[1], 1, 2)
		if len(parts[2]) == 2 {
			// 15/12/26: this century.
			y, ok3 := num(parts[2], 2, 2)
			return 2000 + y, mo, d, true, ok1 && ok2 && ok3
		}
		y, ok3 := num(parts[2], 4, 4)
		return y, mo, d, true, ok1 && ok2 && ok3
	}
	return 0, 0, 0, false, false
}

// makeDate builds the local time and reports whether the date exists (time.Date would silently
// turn 30/02 into 02/03).
func makeDate(y, mo, d, h, m int, loc *time.Location) (time.Time, bool) {
	if mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, m, 0, 0, loc)
	return t, t.Day() == d && int(t.Month()) == mo
}
