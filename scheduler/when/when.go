package when

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// When is a parsed WHEN: when a reminder first fires and, for a recurring one, its schedule.
type When struct {
	// At is the first (or only) occurrence, in the location the WHEN was parsed in.
	At time.Time
	// Cron is the canonical 5-field spec of a recurring reminder; "" for a one-off.
	Cron string
	// Source is the WHEN as the user typed it, trimmed.
	Source string
}

// WhenErrKind says what is wrong with a WHEN, so that the bot can explain it in the user's language.
type WhenErrKind int

const (
	// Malformed: not any WHEN form.
	Malformed WhenErrKind = iota + 1
	// Past: a well-formed time that has already gone by.
	Past
	// ImpossibleDate: a day that no calendar has, such as 30/02 or 31/04.
	ImpossibleDate
	// BadCron: a cron spec robfig/cron rejects, or one that never fires.
	BadCron
	// TooFar: more than maxAhead in the future; almost always a typo in the year.
	TooFar
)

// maxAhead bounds how far ahead a reminder may be set; robfig/cron gives up after five years too.
const maxAhead = 5 * 366 * 24 * time.Hour

// String names the kind, for logs and test output.
func (k WhenErrKind) String() string {
	switch k {
	case Malformed:
		return "malformed"
	case Past:
		return "past"
	case ImpossibleDate:
		return "impossible date"
	case BadCron:
		return "bad cron"
	case TooFar:
		return "too far"
	}
	return fmt.Sprintf("WhenErrKind(%d)", int(k))
}

// WhenError is a WHEN the user got wrong. It carries a kind rather than prose: the bot owns the words.
type WhenError struct {
	Kind  WhenErrKind
	Input string
}

func (e *WhenError) Error() string {
	return fmt.Sprintf("scheduler: %s WHEN %q", e.Kind, e.Input)
}

func whenErr(k WhenErrKind, input string) *WhenError { return &WhenError{Kind: k, Input: input} }

// ParseWhen parses a whole string as a WHEN, relative to now, with dates and times read in loc.
// Anything left over after the WHEN makes it Malformed. The forms (keywords in any case, the
// Vietnamese ones with or without diacritics):
//
//	2026-12-01 08:00, 01/12/2026 08:00   a date and time (day first; also 01-12-2026)
//	01/12 08:00, ngày 01/12 8h           the next such date within 12 months (one that passed in the
//	                                     last 7 days is Past: a slip, not next year)
//	08:00, 8:00, 08h00, 8h30, 8h         the next such time: today if still ahead, else tomorrow
//	8h sáng, 3h chiều, 7h tối, chiều 3h  with the part of the day (3h chiều = 15:00)
//	mai 8h, ngày mai 08:00, mốt 9h       tomorrow, the day after (also ngày mốt, ngày kia, hôm nay)
//	thứ 6 14h, T6 14h, chủ nhật 7h       the next such weekday (today if the time is still ahead)
//	thứ sáu tuần sau 14h                 that weekday of next week (weeks start on Monday)
//	8h sáng mai, 3h chiều thứ 6          the time with its part of the day first, then the day
//	+30m, +2h, +1d, +1h30m               from now (also p for phút, g for giờ, n for ngày)
//	every 0 8 * * 1                      a 5-field cron spec (minute hour day month weekday)
//	daily 08:00, hằng ngày 08:00         every day (also hàng ngày, mỗi ngày)
//	weekly mon 08:00, hằng tuần t2 08:00 every week; mon…sun, monday…, T2…T7, CN, thứ 2, thứ Hai,
//	                                     chủ nhật (also hàng tuần, mỗi tuần)
//
// A time already past is Past, 30/02 or 31/04 ImpossibleDate, a cron spec robfig/cron rejects or
// that never fires BadCron, anything beyond five years TooFar. Errors are *WhenError.
func ParseWhen(s string, now time.Time, loc *time.Location) (When, error) {
	w, rest, err := SplitWhen(s, now, loc)
	if err != nil {
		return When{}, err
	}
	if rest != "" {
		return When{}, whenErr(Malformed, strings.TrimSpace(s))
	}
	return w, nil
}

// SplitWhen takes the WHEN at the start of args and returns it with the rest of args (the reminder
// text), trimmed.
func SplitWhen(args string, now time.Time, loc *time.Location) (When, string, error) {
	if loc == nil {
		loc = time.UTC
	}
	now = now.In(loc)
	toks := tokenize(args)
	if len(toks) == 0 {
		return When{}, "", whenErr(Malformed, "")
	}
	w, n, err := parseTokens(toks, now, loc)
	src := strings.TrimSpace(args)
	if n > 0 {
		src = args[toks[0].start:toks[n-1].end]
	}
	if err != nil {
		if e, ok := err.(*WhenError); ok && e.Input == "" {
			e.Input = src
		}
		return When{}, "", err
	}
	w.Source = src
	rest := ""
	if n < len(toks) {
		rest = strings.TrimSpace(args[toks[n].start:])
	}
	return w, rest, nil
}

// Next returns the first occurrence strictly after `after`, computed in loc. A one-off has only At.
// The bool is false when there is none (a one-off already past, or a cron that never fires again).
func (w When) Next(after time.Time, loc *time.Location) (time.Time, bool) {
	if w.Cron == "" {
		return w.At, w.At.After(after)
	}
	return cronNext(w.Cron, after, loc)
}

// cronNext is the next firing of spec after `after` in loc. robfig/cron's SpecSchedule, parsed
// without a TZ prefix, has Location == time.Local and then computes in the location of the time it
// is given (spec.go: "schedules without a time zone specified (time.Local) are treated as local to
// the time provided"), so the conversion to loc here is what makes "0 8 * * *" mean 08:00 in Hanoi.
func cronNext(spec string, after time.Time, loc *time.Location) (time.Time, bool) {
	sched, err := ParseCron(spec)
	if err != nil {
		return time.Time{}, false
	}
	if loc == nil {
		loc = time.UTC
	}
	t := sched.Next(after.In(loc))
	return t, !t.IsZero()
}

type token struct {
	start, end int
	raw        string // as typed
	key        string // lower case, without diacritics, đ folded to d
}

func tokenize(s string) []token {
	var toks []token
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				toks = append(toks, newToken(s, start, i))
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		toks = append(toks, newToken(s, start, len(s)))
	}
	return toks
}

func newToken(s string, start, end int) token {
	raw := s[start:end]
	return token{start: start, end: end, raw: raw, key: fold(raw)}
}

// parseTokens recognises one WHEN at the start of toks and says how many tokens it used.
func parseTokens(toks []token, now time.Time, loc *time.Location) (When, int, error) {
	first := toks[0].key
	switch {
	case first == "every" || first == "cron":
		return parseEvery(toks, now, loc)
	case first == "daily":
		return parseDaily(toks, 1, now, loc)
	case first == "weekly":
		return parseWeekly(toks, 1, now, loc)
	case len(toks) >= 2 && isEach(first) && toks[1].key == "ngay":
		return parseDaily(toks, 2, now, loc)
	case len(toks) >= 2 && isEach(first) && toks[1].key == "tuan":
		return parseWeekly(toks, 2, now, loc)
	case strings.HasPrefix(first, "+"):
		d, ok := parseOffset(first[1:])
		if !ok {
			return When{}, 1, whenErr(Malformed, toks[0].raw)
		}
		if d > maxAhead {
			return When{}, 1, whenErr(TooFar, toks[0].raw)
		}
		return When{At: now.Add(d).Truncate(time.Second)}, 1, nil
	}
	return parseNatural(toks, now, loc)
}

// isEach matches the Vietnamese "hằng", "hàng" and "mỗi" (every), without diacritics.
func isEach(k string) bool { return k == "hang" || k == "moi" }

func parseEvery(toks []token, now time.Time, loc *time.Location) (When, int, error) {
	if len(toks) < 6 {
		return When{}, len(toks), whenErr(BadCron, "")
	}
	fields := make([]string, 5)
	for i := range fields {
		fields[i] = toks[1+i].raw
	}
	return recurring(strings.Join(fields, " "), 6, now, loc)
}

func parseDaily(toks []token, i int, now time.Time, loc *time.Location) (When, int, error) {
	if len(toks) <= i {
		return When{}, len(toks), whenErr(Malformed, "")
	}
	h, m, n, ok := parseTimePart(toks[i:])
	if !ok {
		return When{}, i + max(n, 1), whenErr(Malformed, "")
	}
	return recurring(fmt.Sprintf("%d %d * * *", m, h), i+n, now, loc)
}

func parseWeekly(toks []token, i int, now time.Time, loc *time.Location) (When, int, error) {
	dow, n := parseWeekday(toks[i:])
	if n == 0 {
		return When{}, min(i+1, len(toks)), whenErr(Malformed, "")
	}
	i += n
	if len(toks) <= i {
		return When{}, len(toks), whenErr(Malformed, "")
	}
	h, m, n, ok := parseTimePart(toks[i:])
	if !ok {
		return When{}, i + max(n, 1), whenErr(Malformed, "")
	}
	return recurring(fmt.Sprintf("%d %d * * %d", m, h, dow), i+n, now, loc)
}

func recurring(spec string, n int, now time.Time, loc *time.Location) (When, int, error) {
	if _, err := ParseCron(spec); err != nil {
		return When{}, n, whenErr(BadCron, "")
	}
	at, ok := cronNext(spec, now, loc)
	if !ok {
		return When{}, n, whenErr(BadCron, "")
	}
	return When{At: at, Cron: spec}, n, nil
}
