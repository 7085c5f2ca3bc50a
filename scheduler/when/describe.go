package when

import (
	"fmt"
	"strconv"
	"strings"
)

// Describe writes a 5-field cron spec in words, in Vietnamese and in English, the way people read
// a schedule (the caller picks the language with programme.Text's rule): "08:00 thứ Hai hằng tuần", "08:00 every Monday",
// "08:00 hằng ngày", "08:00 ngày 1 hằng tháng". Specs without a plain form are still put in words
// field by field ("mỗi 15 phút, từ 7 giờ đến 17 giờ, từ thứ Hai đến thứ Sáu"), never shown raw,
// except a spec that does not parse, which is returned as it is.
func Describe(spec string) (vi, en string) {
	return describe(spec, false), describe(spec, true)
}

func describe(spec string, en bool) string {
	f := strings.Fields(spec)
	if len(f) != 5 {
		return spec
	}
	if _, err := ParseCron(spec); err != nil {
		return spec
	}
	for i := range f {
		f[i] = strings.ToLower(f[i])
		if f[i] == "?" {
			f[i] = "*"
		}
	}
	min, hour, dom, month, dow := f[0], f[1], f[2], f[3], numberDays(f[4])
	mi, minOK := plainNum(min)
	h, hourOK := plainNum(hour)
	if minOK && hourOK {
		clock := fmt.Sprintf("%02d:%02d", h, mi)
		days, daysOK := dayList(dow, en)
		d, domOK := plainNum(dom)
		mo, monthOK := plainNum(month)
		switch {
		case dom == "*" && month == "*" && dow == "*":
			return pick(en, clock+" hằng ngày", clock+" every day")
		case dom == "*" && month == "*" && daysOK:
			return pick(en, clock+" "+days+" hằng tuần", clock+" every "+days)
		case domOK && month == "*" && dow == "*":
			return pick(en, fmt.Sprintf("%s ngày %d hằng tháng", clock, d), fmt.Sprintf("%s on day %d of every month", clock, d))
		case domOK && monthOK && dow == "*":
			return pick(en, fmt.Sprintf("%s ngày %02d/%02d hằng năm", clock, d, mo), fmt.Sprintf("%s every year on %02d/%02d", clock, d, mo))
		}
	}
	if minOK && hour == "*" && dom == "*" && month == "*" && dow == "*" {
		return pick(en, fmt.Sprintf("vào phút %02d mỗi giờ", mi), fmt.Sprintf("every hour at minute %02d", mi))
	}
	// Field by field.
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if minOK && hourOK {
		add(fmt.Sprintf("%02d:%02d", h, mi))
	} else {
		add(fieldWords(min, en, "phút", "minute", "minutes"))
		add(fieldWords(hour, en, "giờ", "hour", "hours"))
	}
	add(fieldWords(dom, en, "ngày", "day", "days"))
	add(fieldWords(month, en, "tháng", "month", "months"))
	if dow != "*" {
		if days, ok := dayList(dow, en); ok {
			add(pick(en, days+" hằng tuần", "every "+days))
		} else {
			add(fieldWords(dow, en, "thứ", "weekday", "weekdays"))
		}
	}
	return strings.Join(parts, ", ")
}

func pick(en bool, vi, eng string) string {
	if en {
		return eng
	}
	return vi
}

func plainNum(s string) (int, bool) {
	if !digits(s, 1, 2) {
		return 0, false
	}
	n, _ := strconv.Atoi(s)
	return n, true
}

var dayNamesVI = []string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}
var dayNamesEN = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// numberDays turns cron's day names (mon-fri) into numbers (1-5).
func numberDays(s string) string {
	for _, n := range []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} {
		s = strings.ReplaceAll(s, n, strconv.Itoa(weekdays[n]))
	}
	return s
}

// dayList writes a day-of-week field of single days, lists and ranges ("1", "1,3,5", "1-5").
func dayList(s string, en bool) (string, bool) {
	if s == "*" {
		return "", false
	}
	names := dayNamesVI
	if en {
		names = dayNamesEN
	}
	var out []string
	for _, part := range strings.Split(s, ",") {
		a, b, isRange := strings.Cut(part, "-")
		x, okA := plainNum(a)
		if !okA || x > 6 {
			return "", false
		}
		if !isRange {
			out = append(out, names[x])
			continue
		}
		y, okB := plainNum(b)
		if !okB || y > 6 || y <= x {
			return "", false
		}
		out = append(out, pick(en, "từ "+names[x]+" đến "+names[y], names[x]+" to "+names[y]))
	}
	if en && len(out) > 1 {
		return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1], true
	}
	return strings.Join(out, ", "), true
}

// fieldWords writes one cron field: * (every), */n, a-b, a-b/n, lists and single numbers.
func fieldWords(s string, en bool, vi, one, many string) string {
	if s == "*" {
		if vi == "phút" {
			return pick(en, "mỗi phút", "every minute")
		}
		return ""
	}
	if base, step, ok := strings.Cut(s, "/"); ok {
		w := pick(en, "mỗi "+step+" "+vi, "every "+step+" "+many)
		if base != "*" {
			w += " " + rangeWords(base, en, vi, one)
		}
		return w
	}
	if strings.Contains(s, ",") {
		return pick(en, vi+" "+strings.ReplaceAll(s, ",", ", "), many+" "+strings.ReplaceAll(s, ",", ", "))
	}
	return rangeWords(s, en, vi, one)
}

func rangeWords(s string, en bool, vi, one string) string {
	if a, b, ok := strings.Cut(s, "-"); ok {
		if vi == "giờ" {
			return pick(en, "từ "+a+" giờ đến "+b+" giờ", "from "+one+" "+a+" to "+b)
		}
		return pick(en, "từ "+vi+" "+a+" đến "+vi+" "+b, "from "+one+" "+a+" to "+b)
	}
	if vi == "giờ" {
		return pick(en, "lúc "+s+" giờ", one+" "+s)
	}
	return pick(en, vi+" "+s, one+" "+s)
}
