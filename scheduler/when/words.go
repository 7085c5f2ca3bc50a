package when

import (
	"strconv"
	"strings"
	"time"
)

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
