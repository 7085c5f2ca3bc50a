package when

import (
	"errors"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/testutil"
)

func TestParseWhenForms(t *testing.T) {
	loc := hcm(t)
	// Thursday 26/11/2026 10:00 in Hanoi.
	now := mustTime(t, loc, "2026-11-26 10:00")
	tests := []struct {
		name, in, want, cron string
	}{
		{"iso date and time", "2026-12-01 08:00", "2026-12-01 08:00", ""},
		{"day first date with year", "01/12/2026 08:00", "2026-12-01 08:00", ""},
		{"day first date with dashes", "01-12-2026 08:00", "2026-12-01 08:00", ""},
		{"day first date is december not january", "01/12 08:00", "2026-12-01 08:00", ""},
		{"yearless date later this year", "24/12 19:30", "2026-12-24 19:30", ""},
		{"yearless date early next year rolls over", "05/01 08:00", "2027-01-05 08:00", ""},
		{"single digit day and month", "1/2 7:05", "2027-02-01 07:05", ""},
		{"clock later today stays today", "11:00", "2026-11-26 11:00", ""},
		{"clock earlier today means tomorrow", "08:00", "2026-11-27 08:00", ""},
		{"clock equal to now means tomorrow", "10:00", "2026-11-27 10:00", ""},
		{"single digit hour", "8:00", "2026-11-27 08:00", ""},
		{"vietnamese h form", "08h00", "2026-11-27 08:00", ""},
		{"vietnamese h with minutes", "14h30", "2026-11-26 14:30", ""},
		{"vietnamese bare hour", "8h", "2026-11-27 08:00", ""},
		{"midnight", "00:00", "2026-11-27 00:00", ""},
		{"last minute of day", "23:59", "2026-11-26 23:59", ""},
		{"plus minutes", "+30m", "2026-11-26 10:30", ""},
		{"plus hours", "+2h", "2026-11-26 12:00", ""},
		{"plus days", "+1d", "2026-11-27 10:00", ""},
		{"plus hours and minutes", "+1h30m", "2026-11-26 11:30", ""},
		{"plus vietnamese minutes", "+45p", "2026-11-26 10:45", ""},
		{"plus upper case", "+2H", "2026-11-26 12:00", ""},
		{"every cron monday", "every 0 8 * * 1", "2026-11-30 08:00", "0 8 * * 1"},
		{"every cron spaces collapsed", "every  0 8  * * 1", "2026-11-30 08:00", "0 8 * * 1"},
		{"every cron day names", "every 30 7 * * mon-fri", "2026-11-27 07:30", "30 7 * * mon-fri"},
		{"daily later today", "daily 18:00", "2026-11-26 18:00", "0 18 * * *"},
		{"daily earlier today means tomorrow", "daily 08:00", "2026-11-27 08:00", "0 8 * * *"},
		{"daily upper case", "DAILY 8h", "2026-11-27 08:00", "0 8 * * *"},
		{"weekly mon", "weekly mon 08:00", "2026-11-30 08:00", "0 8 * * 1"},
		{"weekly full day name", "weekly Friday 09:15", "2026-11-27 09:15", "15 9 * * 5"},
		{"weekly thursday later today", "weekly thu 11:00", "2026-11-26 11:00", "0 11 * * 4"},
		{"weekly thursday earlier means next week", "weekly thu 09:00", "2026-12-03 09:00", "0 9 * * 4"},
		{"weekly t2 is monday", "weekly t2 08:00", "2026-11-30 08:00", "0 8 * * 1"},
		{"weekly T7 is saturday", "weekly T7 08:00", "2026-11-28 08:00", "0 8 * * 6"},
		{"weekly cn is sunday", "weekly CN 08:00", "2026-11-29 08:00", "0 8 * * 0"},
		{"hang ngay with diacritics", "hằng ngày 08:00", "2026-11-27 08:00", "0 8 * * *"},
		{"hang ngay without diacritics", "hang ngay 18h", "2026-11-26 18:00", "0 18 * * *"},
		{"hang ngay capitalised", "Hằng Ngày 18:00", "2026-11-26 18:00", "0 18 * * *"},
		{"hang tuan t2", "hằng tuần t2 08:00", "2026-11-30 08:00", "0 8 * * 1"},
		{"hang tuan thu hai words", "hằng tuần thứ Hai 08:00", "2026-11-30 08:00", "0 8 * * 1"},
		{"hang tuan thu 6 digits", "hang tuan thu 6 08:00", "2026-11-27 08:00", "0 8 * * 5"},
		{"moi tuan chu nhat", "mỗi tuần chủ nhật 07:00", "2026-11-29 07:00", "0 7 * * 0"},
		{"leading and trailing spaces", "  +1h  ", "2026-11-26 11:00", ""},
		// The way cadres write it (now is Thursday 26/11/2026 10:00).
		{"mai 8h", "mai 8h", "2026-11-27 08:00", ""},
		{"Mai capitalised", "Mai 08:00", "2026-11-27 08:00", ""},
		{"ngay mai 08:00", "ngày mai 08:00", "2026-11-27 08:00", ""},
		{"ngay mai without diacritics", "ngay mai 8h30", "2026-11-27 08:30", ""},
		{"mot", "mốt 9h", "2026-11-28 09:00", ""},
		{"ngay mot", "ngày mốt 9h", "2026-11-28 09:00", ""},
		{"ngay kia", "ngày kia 14h", "2026-11-28 14:00", ""},
		{"hom nay later", "hôm nay 15h", "2026-11-26 15:00", ""},
		{"thu 6 14h is tomorrow friday", "thứ 6 14h", "2026-11-27 14:00", ""},
		{"thu sau words", "thứ sáu 14h", "2026-11-27 14:00", ""},
		{"thu 2", "thứ 2 8h", "2026-11-30 08:00", ""},
		{"thu hai", "thứ hai 08:00", "2026-11-30 08:00", ""},
		{"thu 3", "thứ 3 8h", "2026-12-01 08:00", ""},
		{"thu ba", "thứ ba 8h", "2026-12-01 08:00", ""},
		{"thu 4", "thứ 4 8h", "2026-12-02 08:00", ""},
		{"thu tu", "thứ tư 8h", "2026-12-02 08:00", ""},
		{"thu 5 today later", "thứ 5 11h", "2026-11-26 11:00", ""},
		{"thu nam earlier today is next week", "thứ năm 9h", "2026-12-03 09:00", ""},
		{"thu 7", "thứ 7 8h", "2026-11-28 08:00", ""},
		{"thu bay", "thứ bảy 8h", "2026-11-28 08:00", ""},
		{"chu nhat", "chủ nhật 7h", "2026-11-29 07:00", ""},
		{"cn short", "CN 7h", "2026-11-29 07:00", ""},
		{"t6 short", "T6 14h", "2026-11-27 14:00", ""},
		{"thu sau tuan sau 14h", "thứ sáu tuần sau 14h", "2026-12-04 14:00", ""},
		{"thu 6 tuan sau 14h", "thứ 6 tuần sau 14h", "2026-12-04 14:00", ""},
		{"thu 2 tuan toi", "thứ 2 tuần tới 8h", "2026-11-30 08:00", ""},
		{"chu nhat tuan sau", "chủ nhật tuần sau 7h", "2026-12-06 07:00", ""},
		{"tuan sau alone is a week from today", "tuần sau 8h", "2026-12-03 08:00", ""},
		{"8h sang", "8h sáng", "2026-11-27 08:00", ""},
		{"3h chieu is 15:00", "3h chiều", "2026-11-26 15:00", ""},
		{"chieu 3h", "chiều 3h", "2026-11-26 15:00", ""},
		{"7h toi", "7h tối", "2026-11-26 19:00", ""},
		{"12h trua", "12h trưa", "2026-11-26 12:00", ""},
		{"15h chieu", "15h chiều", "2026-11-26 15:00", ""},
		{"mai 8h sang", "mai 8h sáng", "2026-11-27 08:00", ""},
		{"mai 3h chieu", "mai 3h chiều", "2026-11-27 15:00", ""},
		{"8h sang mai", "8h sáng mai", "2026-11-27 08:00", ""},
		{"2h chieu thu 6", "2h chiều thứ 6", "2026-11-27 14:00", ""},
		{"thu 6 2h chieu", "thứ 6 2h chiều", "2026-11-27 14:00", ""},
		{"ngay 01/12", "ngày 01/12 8h", "2026-12-01 08:00", ""},
		{"dd/mm six months ahead", "01/06 08:00", "2027-06-01 08:00", ""},
		{"dd/mm with part of day", "01/12 3h chiều", "2026-12-01 15:00", ""},
		{"hang ngay 8h sang", "hằng ngày 8h sáng", "2026-11-27 08:00", "0 8 * * *"},
		{"hang tuan thu 6 3h chieu", "hằng tuần thứ 6 3h chiều", "2026-11-27 15:00", "0 15 * * 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := ParseWhen(tt.in, now, loc)
			if err != nil {
				t.Fatalf("ParseWhen(%q): %v", tt.in, err)
			}
			if got := w.At.In(loc).Format("2006-01-02 15:04"); got != tt.want {
				t.Errorf("At = %s, want %s", got, tt.want)
			}
			if w.At.Location() != loc {
				t.Errorf("At location = %v, want %v", w.At.Location(), loc)
			}
			if w.Cron != tt.cron {
				t.Errorf("Cron = %q, want %q", w.Cron, tt.cron)
			}
		})
	}
}

func TestParseWhenErrors(t *testing.T) {
	loc := hcm(t)
	now := mustTime(t, loc, "2026-11-26 10:00")
	tests := []struct {
		name, in string
		kind     WhenErrKind
	}{
		{"empty", "", Malformed},
		{"only spaces", "   ", Malformed},
		{"words", "tomorrow morning", Malformed},
		{"hour 24", "24:00", Malformed},
		{"minute 60", "08:60", Malformed},
		{"one digit minute", "8:5", Malformed},
		{"date without time", "01/12", Malformed}, // without Opts.AllowNoTime
		{"mai without time", "mai", Malformed},
		{"ngay mai without time", "ngày mai", Malformed},
		{"thu 6 without time", "thứ 6", Malformed},
		{"thu 8", "thứ 8 8h", Malformed},
		{"15h sang", "15h sáng", Malformed},
		{"3h toi", "3h tối", Malformed},
		{"hom nay earlier", "hôm nay 9h", Past},
		{"hom nay now", "hôm nay 10:00", Past},
		{"30 february yearless", "30/02 8h", ImpossibleDate},
		{"29 february without a leap year within 12 months", "29/02 08:00", ImpossibleDate},
		{"date with bad time", "01/12 8xm", Malformed},
		{"trailing text", "08:00 hop giao ban", Malformed},
		{"plus nothing", "+", Malformed},
		{"plus zero", "+0m", Malformed},
		{"plus without unit", "+30", Malformed},
		{"plus unknown unit", "+3w", Malformed},
		{"plus negative", "+-3m", Malformed},
		{"daily without time", "daily", Malformed},
		{"daily bad time", "daily noon", Malformed},
		{"weekly bad day", "weekly funday 08:00", Malformed},
		{"weekly without time", "weekly mon", Malformed},
		{"weekly t8", "weekly t8 08:00", Malformed},
		{"past date with year", "01/11/2026 08:00", Past},
		{"past iso date", "2025-12-01 08:00", Past},
		{"past minute today with date", "26/11/2026 09:59", Past},
		{"now exactly with date", "26/11/2026 10:00", Past},
		{"yearless date six days ago", "20/11 08:00", Past},
		{"yearless date earlier this morning", "26/11 08:00", Past},
		{"thirtieth of february", "30/02 08:00", ImpossibleDate},
		{"thirty first of april", "31/04/2027 08:00", ImpossibleDate},
		{"month thirteen", "01/13 08:00", ImpossibleDate},
		{"day zero", "00/12/2026 08:00", ImpossibleDate},
		{"february 29 in common year", "29/02/2027 08:00", ImpossibleDate},
		{"every too few fields", "every 0 8 * *", BadCron},
		{"every bad field", "every 0 25 * * *", BadCron},
		{"every tz prefix", "every CRON_TZ=UTC 0 8 * *", BadCron},
		{"every descriptor", "every @daily 1 2 3 4", BadCron},
		{"every never fires", "every 0 8 30 2 *", BadCron},
		{"far future year", "01/01/2099 08:00", TooFar},
		{"far relative", "+9999d", TooFar},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := ParseWhen(tt.in, now, loc)
			var we *WhenError
			if !errors.As(err, &we) {
				t.Fatalf("ParseWhen(%q) = %+v, %v; want a *WhenError of kind %v", tt.in, w, err, tt.kind)
			}
			if we.Kind != tt.kind {
				t.Errorf("kind = %v, want %v (err %v)", we.Kind, tt.kind, err)
			}
		})
	}
}

// A date without a year is the next such date within 12 months; one a few days past is a slip.
func TestYearlessDateWindow(t *testing.T) {
	loc := hcm(t)
	now := mustTime(t, loc, "2026-11-26 10:00")
	tests := []struct {
		name, in string
		want     string // "" means a Past error
	}{
		{"six months ahead is next year, not past", "01/06 08:00", "2027-06-01 08:00"},
		{"183 days ahead", "28/05 10:00", "2027-05-28 10:00"},
		{"just over six months ahead", "28/05 10:01", "2027-05-28 10:01"},
		{"eleven months ahead", "01/11 08:00", "2027-11-01 08:00"},
		{"eight days ago is next year", "18/11 08:00", "2027-11-18 08:00"},
		{"just before now is past", "26/11 09:59", ""},
		{"six days ago is past", "20/11 08:00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := ParseWhen(tt.in, now, loc)
			if tt.want == "" {
				var we *WhenError
				if !errors.As(err, &we) || we.Kind != Past {
					t.Fatalf("ParseWhen(%q) = %v, %v; want Past", tt.in, w.At, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseWhen(%q): %v", tt.in, err)
			}
			if got := w.At.Format("2006-01-02 15:04"); got != tt.want {
				t.Errorf("At = %s, want %s", got, tt.want)
			}
		})
	}
}

// The calendar edges: month ends, year end, a leap day, and 07:00 in Hanoi being 00:00 UTC.
func TestParseWhenCalendarEdges(t *testing.T) {
	loc := hcm(t)
	tests := []struct {
		name, now, in, want, wantUTC string
	}{
		{"07:00 local is midnight utc", "2026-11-26 06:59", "07:00", "2026-11-26 07:00", "2026-11-26 00:00"},
		{"06:59 local is still yesterday in utc", "2026-11-26 06:00", "06:59", "2026-11-26 06:59", "2026-11-25 23:59"},
		{"daily 07:00 after it passed", "2026-11-26 07:00", "daily 07:00", "2026-11-27 07:00", "2026-11-27 00:00"},
		{"clock rolls into next month", "2026-11-30 22:00", "08:00", "2026-12-01 08:00", "2026-12-01 01:00"},
		{"clock rolls into next year", "2026-12-31 23:30", "00:15", "2027-01-01 00:15", "2026-12-31 17:15"},
		{"relative rolls into next year", "2026-12-31 23:30", "+1h", "2027-01-01 00:30", "2026-12-31 17:30"},
		{"leap day 2028", "2027-12-01 10:00", "29/02/2028 08:00", "2028-02-29 08:00", "2028-02-29 01:00"},
		{"yearless leap day rolls to leap year", "2027-10-01 10:00", "29/02 08:00", "2028-02-29 08:00", "2028-02-29 01:00"},
		{"leap day in its own year", "2028-02-01 10:00", "29/02 08:00", "2028-02-29 08:00", "2028-02-29 01:00"},
		{"31 december", "2026-12-01 10:00", "31/12 23:59", "2026-12-31 23:59", "2026-12-31 16:59"},
		{"weekly across year end", "2026-12-31 10:00", "weekly mon 08:00", "2027-01-04 08:00", "2027-01-04 01:00"},
		{"monthly cron on the 31st skips short months", "2026-11-01 10:00", "every 0 8 31 * *", "2026-12-31 08:00", "2026-12-31 01:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := ParseWhen(tt.in, mustTime(t, loc, tt.now), loc)
			if err != nil {
				t.Fatalf("ParseWhen(%q): %v", tt.in, err)
			}
			if got := w.At.In(loc).Format("2006-01-02 15:04"); got != tt.want {
				t.Errorf("At = %s, want %s", got, tt.want)
			}
			if got := w.At.UTC().Format("2006-01-02 15:04"); got != tt.wantUTC {
				t.Errorf("At in UTC = %s, want %s", got, tt.wantUTC)
			}
		})
	}
}

func TestSplitWhen(t *testing.T) {
	loc := hcm(t)
	now := mustTime(t, loc, "2026-11-26 10:00")
	tests := []struct {
		name, in, source, rest string
	}{
		{"relative then text", "+30m Họp giao ban", "+30m", "Họp giao ban"},
		{"date time then text", "01/12 08:00   Tập huấn  dân vận ", "01/12 08:00", "Tập huấn  dân vận"},
		{"cron then text", "every 0 8 * * 1 Giao ban tuần", "every 0 8 * * 1", "Giao ban tuần"},
		{"weekly two word day then text", "hằng tuần thứ hai 08:00 Báo cáo", "hằng tuần thứ hai 08:00", "Báo cáo"},
		{"no text", "daily 08:00", "daily 08:00", ""},
		{"text on next line", "08:00\nDòng hai", "08:00", "Dòng hai"},
		{"day then time then text", "thứ 6 tuần sau 14h Họp sơ kết", "thứ 6 tuần sau 14h", "Họp sơ kết"},
		{"a bare time keeps a day word as text", "14h Mai đi công tác", "14h", "Mai đi công tác"},
		{"time with part of day then day", "8h sáng mai Giao ban", "8h sáng mai", "Giao ban"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, rest, err := SplitWhen(tt.in, now, loc)
			if err != nil {
				t.Fatalf("SplitWhen(%q): %v", tt.in, err)
			}
			if w.Source != tt.source || rest != tt.rest {
				t.Errorf("SplitWhen(%q) = source %q rest %q, want %q %q", tt.in, w.Source, rest, tt.source, tt.rest)
			}
		})
	}
}

func TestSplitWhenErrorNamesTheWhen(t *testing.T) {
	loc := hcm(t)
	_, _, err := SplitWhen("30/02 08:00 Họp", mustTime(t, loc, "2026-11-26 10:00"), loc)
	var we *WhenError
	if !errors.As(err, &we) || we.Kind != ImpossibleDate || we.Input != "30/02 08:00" {
		t.Fatalf("err = %#v, want ImpossibleDate naming %q", err, "30/02 08:00")
	}
}

func TestWhenNext(t *testing.T) {
	loc := hcm(t)
	at := mustTime(t, loc, "2026-12-01 08:00")
	tests := []struct {
		name   string
		w      When
		after  string
		want   string
		wantOK bool
	}{
		{"one-off before it", When{At: at}, "2026-11-30 08:00", "2026-12-01 08:00", true},
		{"one-off at it", When{At: at}, "2026-12-01 08:00", "2026-12-01 08:00", false},
		{"cron strictly after an occurrence", When{At: at, Cron: "0 8 * * *"}, "2026-12-01 08:00", "2026-12-02 08:00", true},
		{"cron computed in loc not utc", When{Cron: "0 7 * * *"}, "2026-12-01 06:59", "2026-12-01 07:00", true},
		{"cron monday at month end", When{Cron: "0 8 * * 1"}, "2026-11-30 08:01", "2026-12-07 08:00", true},
		{"cron never", When{Cron: "0 8 30 2 *"}, "2026-12-01 08:00", "0001-01-01 00:00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// after is given in UTC on purpose: Next must convert to loc itself.
			got, ok := tt.w.Next(mustTime(t, loc, tt.after).UTC(), loc)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if ok && got.In(loc).Format("2006-01-02 15:04") != tt.want {
				t.Errorf("Next = %s, want %s", got.In(loc).Format("2006-01-02 15:04"), tt.want)
			}
		})
	}
}

// robfig/cron computes a spec without TZ in the location of the time it is given: the same spec
// from the same instant lands seven hours apart in UTC and in Hanoi. Next must use loc.
func TestCronUsesLocationOfGivenTime(t *testing.T) {
	loc := hcm(t)
	sched, err := ParseCron("0 8 * * *")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 11, 26, 0, 30, 0, 0, time.UTC) // 07:30 in Hanoi
	inUTC := sched.Next(from)
	inHCM := sched.Next(from.In(loc))
	if got := inUTC.UTC().Format("15:04"); got != "08:00" {
		t.Errorf("next in UTC = %s UTC, want 08:00", got)
	}
	if got := inHCM.UTC().Format("2006-01-02 15:04"); got != "2026-11-26 01:00" {
		t.Errorf("next in Hanoi = %s UTC, want 2026-11-26 01:00", got)
	}
}

func TestParseCron(t *testing.T) {
	tests := []struct {
		name, spec string
		ok         bool
	}{
		{"five fields", "0 8 * * 1", true},
		{"names and ranges", "*/15 7-17 * jan-dec mon-fri", true},
		{"question mark", "0 8 ? * *", true},
		{"six fields", "0 0 8 * * 1", false},
		{"four fields", "0 8 * *", false},
		{"empty", "", false},
		{"cron tz without space panics in robfig", "CRON_TZ=UTC", false},
		{"tz prefix", "TZ=UTC 0 8 * * *", false},
		{"descriptor", "@daily", false},
		{"every descriptor", "@every 1h", false},
		{"minute out of range", "60 8 * * *", false},
		{"weekday 7", "0 8 * * 7", false},
		{"zero step", "*/0 8 * * *", false},
		{"garbage", "a b c d e", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCron(tt.spec)
			if (err == nil) != tt.ok {
				t.Fatalf("ParseCron(%q) err = %v, want ok=%v", tt.spec, err, tt.ok)
			}
			var we *WhenError
			if err != nil && (!errors.As(err, &we) || we.Kind != BadCron) {
				t.Errorf("err = %v, want a BadCron *WhenError", err)
			}
		})
	}
}

var hcm = testutil.HCM

var mustTime = testutil.MustTime
