package when

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// When is a parsed WHEN: when a reminder first fires and, for a recurring one, its schedule.
type When struct {
	// At is the first (or only) occurrence, in the location the WHEN was parsed in.
	At time.Time
	// Cron is the canonical 5-field spec of a recurring reminder; "" for a one-off.
	Cron string
	// Source is the WHEN as the user typed it, trimmed.
	Source string
	// DefaultTime is true when no time of day was typed ("25/12/2026", "mai", "sáng mai"): At
	// carries the default hour (Opts.DefaultHour, or the part of the day's usual hour), and the
	// reply should say so ("giờ mặc định"). Only with Opts.AllowNoTime.
	DefaultTime bool
}

// WhenErrKind says what is wrong with a WHEN, so that the bot can explain it in the user's language.
type WhenErrKind int

const (
	// Malformed: not any WHEN form; Word names the word not understood.
	Malformed WhenErrKind = iota + 1
	// Past: a well-formed time that has already gone by (also a date without a year that passed in
	// the last 7 days: a slip, not next year's).
	Past
	// ImpossibleDate: a day that no calendar has, such as 30/02 or 31/04 (never rolled over).
	ImpossibleDate
	// BadCron: a cron spec robfig/cron rejects, or one that never fires.
	BadCron
	// TooFar: more than maxAhead in the future (or in the past, when past is allowed); almost always
	// a typo in the year or an offset such as +1000000d.
	TooFar
	// Conflict: two parts that cannot both hold: two times ("8h 9h"), two days ("mai 15/12"), a
	// weekday the date does not fall on ("thứ 3 15/12/2026" when 15/12 is a Tuesday is fine), a
	// recurrence with a one-off date, an offset with anything else. Word names the second part.
	Conflict
)

// maxAhead bounds how far ahead a reminder may be set; robfig/cron gives up after five years too.
const maxAhead = 5 * 366 * 24 * time.Hour

// DefaultHour is the hour a date typed without a time takes when Opts.DefaultHour is 0.
const DefaultHour = 8

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
	case Conflict:
		return "conflict"
	}
	return fmt.Sprintf("WhenErrKind(%d)", int(k))
}

// WhenError is a WHEN the user got wrong. It carries a kind rather than prose: the bot owns the words.
type WhenError struct {
	Kind WhenErrKind
	// Input is the WHEN as far as it was read, up to and including the part at fault.
	Input string
	// Word is the word (or words) at fault: the one not understood for Malformed, the second of two
	// parts for Conflict, the missing part's context ("hằng tuần") for an incomplete recurrence.
	// It may be "" for Past, ImpossibleDate and TooFar, where Input says it all.
	Word string
	// more: the error is about something missing, so Input reaches into the next word.
	more bool
}

func (e *WhenError) Error() string {
	if e.Word != "" && e.Word != e.Input {
		return fmt.Sprintf("scheduler: %s WHEN %q (at %q)", e.Kind, e.Input, e.Word)
	}
	return fmt.Sprintf("scheduler: %s WHEN %q", e.Kind, e.Input)
}

func whenErr(k WhenErrKind, input string) *WhenError { return &WhenError{Kind: k, Input: input} }

// Opts changes how a WHEN is read.
type Opts struct {
	// AllowPast accepts a one-off WHEN that has gone by (a coordinator entering work already
	// done): "hôm qua", "02/12/2026 08:00", "thứ 2 tuần này", and a yearless date within the last
	// 7 days (instead of refusing it as a slip). Everything else reads as without it: a bare time
	// or weekday is still the next one, a yearless date more than 7 days ago still next year's.
	AllowPast bool
	// AllowNoTime lets a day typed without a time ("25/12/2026", "mai", "thứ 6", "sáng mai") take
	// the default hour, with When.DefaultTime set so that the reply says so ("giờ mặc định").
	// Without it such a WHEN is Malformed, naming the day: a caller that does not show
	// When.DefaultTime never stores a time the user did not type.
	AllowNoTime bool
	// DefaultHour and DefaultMinute are the time a day typed without one takes (with
	// AllowNoTime); both 0 means DefaultHour:00.
	DefaultHour, DefaultMinute int
}

func (o Opts) defaultClock() (int, int) {
	if o.DefaultHour == 0 && o.DefaultMinute == 0 {
		return DefaultHour, 0
	}
	return o.DefaultHour, o.DefaultMinute
}

// ParseWhen parses a whole string as a WHEN, relative to now, with dates and times read in loc.
// Every word must be understood: one that is not makes the WHEN Malformed, naming it (Word).
// The parts, in any order (keywords in any case, the Vietnamese ones with or without diacritics):
//
//	time        08:00, 8:00, 8h, 8h30, 08h00, 9g, 9g30, 9 giờ, 9 giờ 30 (phút), 9h rưỡi, 2pm,
//	            lúc 9h (lúc and vào are read only before another part)
//	part of day sáng, trưa, chiều, tối, đêm (3h chiều = chiều 3h = 15:00; 15h sáng is refused);
//	            sáng nay, tối nay (today); alone, the part's usual hour (sáng 8h, trưa 12h, chiều
//	            14h, tối 19h, đêm 22h)
//	day         hôm nay, mai, ngày mai, mốt, ngày mốt, ngày kia, hôm qua (past), today, tomorrow;
//	            15/12, ngày 15/12, 15-12-2026, 15/12/26, 2026-12-15, ngày 15 tháng 12 (năm 2026);
//	            ngày 15 (the next 15th); cuối tháng (the last day of this month)
//	weekday     thứ 2…thứ 7, thứ hai…thứ bảy, T2…T7, CN, chủ nhật, mon…sun, monday…; with
//	            tuần này (this Monday-first week's: past is refused), tuần sau / tuần tới / next week
//	offset      +30m, +2h, +1d, +1h30m (p, g, n too); 30 phút nữa, 2 giờ nữa, 2 tiếng nữa, 3 ngày nữa
//	recurrence  hằng ngày / hàng ngày / mỗi ngày / daily + a time; hằng tuần / weekly + a weekday
//	            and a time; hằng tháng / monthly + ngày N and a time; hằng năm + dd/mm and a time;
//	            every 0 8 * * 1 (a 5-field cron spec, first and alone)
//
// A day without a time is refused unless Opts.AllowNoTime: then it takes the default hour
// (When.DefaultTime says so). A time without a day is
// the next such time (today if still ahead, else tomorrow); a weekday alone is the next one (today
// if its time is still ahead). A date without a year is the next one, unless it passed within the
// last 7 days (Past: a slip), the same across a year's end; a day of the month alone likewise.
// Nothing is rolled over: 30/02, 31/04 and 29/02 with no leap year within 12 months are
// ImpossibleDate. Errors are *WhenError.
// Options, when given, change what is accepted (Opts); the first is used.
func ParseWhen(s string, now time.Time, loc *time.Location, opts ...Opts) (When, error) {
	w, _, err := scan(s, now, loc, first(opts), false)
	return w, err
}

// first is the options given, or none.
func first(opts []Opts) Opts {
	if len(opts) == 0 {
		return Opts{}
	}
	return opts[0]
}

// SplitWhen takes the WHEN at the start of args and returns it with the rest of args (the reminder
// text), trimmed. The WHEN is the leading run of WHEN words, in any order ("15h30 thứ 5 Họp",
// "9h ngày 15/12 Họp"): the text never starts with a day or time word, except a capitalised
// "Mai" after the first word, which is read as the name it usually is there ("14h Mai đi công tác").
// A text starting with what looks like a mistyped time or date ("mai 25h Họp") is refused.
// Options, when given, change what is accepted (Opts); the first is used.
func SplitWhen(args string, now time.Time, loc *time.Location, opts ...Opts) (When, string, error) {
	o := first(opts)
	return scan(args, now, loc, o, true)
}

func scan(args string, now time.Time, loc *time.Location, o Opts, split bool) (When, string, error) {
	if loc == nil {
		loc = time.UTC
	}
	now = now.In(loc)
	toks := tokenize(args)
	if len(toks) == 0 {
		return When{}, "", whenErr(Malformed, "")
	}
	upTo := func(n int) string { return args[toks[0].start:toks[n-1].end] }
	var p parts
	i := 0
	for i < len(toks) {
		if split && i > 0 && toks[i].raw == "Mai" {
			break
		}
		n, err := p.step(toks, i)
		if err != nil {
			err.Input = upTo(min(i+max(n, 1), len(toks)))
			return When{}, "", err
		}
		if n == 0 {
			break
		}
		i += n
	}
	if i == 0 {
		return When{}, "", &WhenError{Kind: Malformed, Input: toks[0].raw, Word: toks[0].raw}
	}
	src := upTo(i)
	if i < len(toks) && (!split || looksLikeWhen(toks[i].key)) {
		in := strings.TrimSpace(args)
		if split {
			in = upTo(i + 1)
		}
		return When{}, "", &WhenError{Kind: Malformed, Input: in, Word: toks[i].raw}
	}
	w, err := p.resolve(now, loc, o)
	if err != nil {
		err.Input = src
		if err.more && i < len(toks) {
			err.Input = upTo(i + 1)
		}
		if err.Word == "" && err.Kind == Malformed {
			err.Word = src
		}
		return When{}, "", err
	}
	w.Source = src
	rest := ""
	if i < len(toks) {
		rest = strings.TrimSpace(args[toks[i].start:])
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
	key        string // lower case, without diacritics, đ folded to d, a trailing , or ; dropped
	lower      string // lower case, NFC, with its diacritics, a trailing , or ; dropped
	plain      bool   // typed without any diacritics (so "mot" may be mốt, but "một" is not)
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
	w := raw
	if len(w) > 1 {
		w = strings.TrimRight(w, ",;")
		if w == "" {
			w = raw
		}
	}
	lower := norm.NFC.String(strings.ToLower(w))
	plain := true
	for _, r := range lower {
		if r >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	return token{start: start, end: end, raw: raw, key: fold(w), lower: lower, plain: plain}
}

func recurring(spec string, now time.Time, loc *time.Location) (When, *WhenError) {
	if _, err := ParseCron(spec); err != nil {
		return When{}, whenErr(BadCron, "")
	}
	at, ok := cronNext(spec, now, loc)
	if !ok {
		return When{}, whenErr(BadCron, "")
	}
	return When{At: at, Cron: spec}, nil
}
