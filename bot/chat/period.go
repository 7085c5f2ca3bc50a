package chat

import (
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/view"
)

// The arguments /summary and /export share: a period ("từ 01/10/2026 đến 31/12/2026") and, for
// /export, a content area ("nd 2") and a unit ("đv DCG").

// period is what /summary and /export were asked for.
type period struct {
	// From and To are the first and last day (at midnight in the bot's zone).
	From, To time.Time
	// Given says the user named a day (else From..To is the default).
	Given bool
	// Area is a content area (0: all); Unit a unit code ("": all).
	Area int
	Unit string
}

// bounds is the period as [start, end).
func (p period) bounds() (time.Time, time.Time) { return p.From, p.To.AddDate(0, 0, 1) }

// parsePeriod reads "[từ|from] dd/mm/yyyy [đến|to] dd/mm/yyyy", or a period in words (quý 4,
// quý 3/2026, Q3, 6 tháng đầu năm, 6 tháng cuối năm, năm 2026, tháng 11, tháng 11/2026; see
// spanWords), with filters when filters is set. A period with only a start runs to today; only an
// end starts at its quarter; none is this quarter. A named span after "từ" gives only the start,
// after "đến" only the end. A start after today is refused: there is nothing to sum up yet.
func (b *records) parsePeriod(args string, filters bool) (period, error) {
	usage := i18n.PeriodUsage
	if filters {
		usage = i18n.ExportUsage
	}
	var p period
	var from, to time.Time
	words := strings.Fields(args)
	want := "" // "from" or "to": the next date's role
	for i := 0; i < len(words); i++ {
		w := words[i]
		f := programme.Fold(w)
		if s, e, n, ok, err := b.spanWords(words[i:]); err != nil {
			return p, err
		} else if ok {
			switch want {
			case "from":
				from = s
			case "to":
				to = e
			default:
				from, to = s, e
			}
			want = ""
			i += n - 1
			continue
		}
		switch {
		case f == "tu" || f == "from" || f == "since":
			want = "from"
			continue
		case f == "den" || f == "to" || f == "until" || f == "-" || f == "–":
			want = "to"
			continue
		case filters && (f == "nd" || f == "content" || f == "noidung") && i+1 < len(words):
			n, err := strconv.Atoi(words[i+1])
			if _, ok := b.acts.area(n); err != nil || !ok {
				return p, userErr(i18n.BadArea, len(b.cfg.Programme.Contents))
			}
			p.Area = n
			i++
			continue
		case filters && (f == "dv" || f == "unit" || f == "donvi") && i+1 < len(words):
			u, err := b.acts.findUnit(words[i+1])
			if err != nil {
				return p, err
			}
			p.Unit = strings.ToUpper(u.Code)
			i++
			continue
		case isDay(w):
			t, err := time.ParseInLocation("02/01/2006", b.normDay(w), b.cfg.Loc)
			if err != nil {
				return p, userErr(i18n.BadDate, view.Truncate(w, 12))
			}
			if want == "to" || (want == "" && !from.IsZero()) {
				to = t
			} else {
				from = t
			}
			want = ""
			continue
		}
		return p, userErr(usage, view.Truncate(w, 30))
	}
	now := b.cfg.Now()
	today := dayStart(now, b.cfg.Loc)
	p.Given = !from.IsZero() || !to.IsZero()
	switch {
	case from.IsZero() && to.IsZero():
		from, to = b.Quarter(now)
	case to.IsZero():
		to = today
	case from.IsZero():
		from, _ = b.Quarter(to)
	}
	if from.After(to) && !to.Equal(today) {
		return p, userErr(i18n.PeriodReverse, b.view.Date(from), b.view.Date(to))
	}
	if from.After(today) {
		return p, userErr(i18n.FutureStart, b.view.Date(from), b.view.Date(today))
	}
	if from.After(to) {
		return p, userErr(i18n.PeriodReverse, b.view.Date(from), b.view.Date(to))
	}
	p.From, p.To = from, to
	return p, nil
}

// spanWords reads a named period at the start of words and says how many words it took:
//
//	quý 4, quý 3/2026, quý 3 năm 2026, Q3, Q3/2026, quarter 3    a quarter
//	6 tháng đầu năm [2026], 6 tháng cuối năm [2026], H1, H2,
//	first half [2026], second half [2026]                        a half year
//	năm 2026, year 2026                                          a year
//	tháng 11, tháng 11/2026, tháng 11 năm 2026, month 11         a month
//
// Without a year it is this year's (in the bot's zone). ok is false when words do not start
// with one; err is set when they do but the number is out of range.
func (b *records) spanWords(words []string) (from, to time.Time, n int, ok bool, err error) {
	fold := make([]string, 0, 6)
	for _, w := range words[:min(len(words), 6)] {
		fold = append(fold, programme.Fold(w))
	}
	year := b.cfg.Now().In(b.cfg.Loc).Year()
	// number reads "N" or "N/YYYY" (and a following "năm YYYY"), within 1..limit.
	number := func(i, limit int) (int, int, int, bool, error) {
		if i >= len(fold) {
			return 0, 0, 0, false, nil
		}
		num, y, slash := fold[i], year, false
		if a, c, cut := strings.Cut(num, "/"); cut {
			num, slash = a, true
			yy, err := strconv.Atoi(c)
			if err != nil || len(c) != 4 {
				return 0, 0, 0, false, userErr(i18n.BadPeriodWord, view.Truncate(words[i], 12))
			}
			y = yy
		}
		v, err := strconv.Atoi(num)
		if err != nil {
			return 0, 0, 0, false, nil
		}
		if v < 1 || v > limit {
			return 0, 0, 0, false, userErr(i18n.BadPeriodWord, view.Truncate(words[i], 12))
		}
		used := i + 1
		if !slash {
			if yy, k, ok := yearAt(fold, used); ok {
				y, used = yy, used+k
			}
		}
		return v, y, used, true, nil
	}
	loc := b.cfg.Loc
	months := func(y, first, count, used int) (time.Time, time.Time, int, bool, error) {
		s := time.Date(y, time.Month(first), 1, 0, 0, 0, 0, loc)
		return s, s.AddDate(0, count, -1), used, true, nil
	}
	f0 := fold[0]
	switch {
	case len(f0) >= 2 && f0[0] == 'q' && strings.Trim(f0[1:2], "1234") == "" && (len(f0) == 2 || f0[2] == '/'):
		// Q3, Q3/2026: the number follows the letter.
		fold[0] = f0[1:]
		q, y, used, ok, err := number(0, 4)
		if !ok || err != nil {
			return from, to, 0, false, err
		}
		return months(y, 3*q-2, 3, used)
	case f0 == "quy" || f0 == "quarter":
		q, y, used, ok, err := number(1, 4)
		if !ok || err != nil {
			return from, to, 0, false, err
		}
		return months(y, 3*q-2, 3, used)
	case f0 == "thang" || f0 == "month":
		m, y, used, ok, err := number(1, 12)
		if !ok || err != nil {
			return from, to, 0, false, err
		}
		return months(y, m, 1, used)
	case f0 == "nam" || f0 == "year":
		if y, k, ok := yearAt(fold, 0); ok {
			return months(y, 1, 12, k)
		}
	case f0 == "h1" || f0 == "h2":
		used := 1
		y, k, ok := yearAt(fold, 1)
		if !ok {
			y, k = year, 0
		}
		return months(y, 1+6*int(f0[1]-'1'), 6, used+k)
	case f0 == "6" && len(fold) >= 4 && fold[1] == "thang" && (fold[2] == "dau" || fold[2] == "cuoi") && fold[3] == "nam":
		first := 1
		if fold[2] == "cuoi" {
			first = 7
		}
		y, k, ok := yearAt(fold, 3)
		if !ok {
			return months(year, first, 6, 4)
		}
		return months(y, first, 6, 3+k)
	case (f0 == "first" || f0 == "second") && len(fold) >= 2 && fold[1] == "half":
		first := 1
		if f0 == "second" {
			first = 7
		}
		y, k, ok := yearAt(fold, 2)
		if !ok {
			y, k = year, 0
		}
		return months(y, first, 6, 2+k)
	}
	return from, to, 0, false, nil
}

// yearAt reads a year at fold[i]: "2026", or "năm 2026" (folded "nam 2026"), and says how many
// words it took.
func yearAt(fold []string, i int) (int, int, bool) {
	k := 0
	if i < len(fold) && (fold[i] == "nam" || fold[i] == "year") {
		k = 1
	}
	if i+k >= len(fold) || len(fold[i+k]) != 4 {
		return 0, 0, false
	}
	y, err := strconv.Atoi(fold[i+k])
	if err != nil || y < 1900 || y > 9999 {
		return 0, 0, false
	}
	return y, k + 1, true
}

// normDay writes d/m/yyyy as dd/mm/yyyy for time.Parse, and dd/mm as a day of this year.
func (b *records) normDay(w string) string {
	parts := strings.Split(w, "/")
	for i := 0; i < 2 && i < len(parts); i++ {
		if len(parts[i]) == 1 {
			parts[i] = "0" + parts[i]
		}
	}
	if len(parts) == 2 {
		parts = append(parts, strconv.Itoa(b.cfg.Now().In(b.cfg.Loc).Year()))
	}
	return strings.Join(parts, "/")
}
