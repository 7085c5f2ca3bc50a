package when

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var whenSeeds = []string{
	"2026-12-01 08:00", "01/12/2026 08:00", "01/12 08:00", "08:00", "8h", "08h30", "+30m", "+2h",
	"+1d", "+1h30m", "every 0 8 * * 1", "daily 08:00", "weekly mon 08:00", "weekly t2 08:00",
	"hằng ngày 08:00", "hằng tuần thứ hai 08:00 Họp", "30/02 08:00", "every CRON_TZ=UTC 0 8 * *",
	"29/02 08:00", "+99999999d", "every */0 * * * *", "weekly thu",
	"mai 8h", "ngày mai 08:00", "mốt 9h", "ngày kia 14h", "thứ 6 14h", "thứ sáu tuần sau 14h",
	"thứ 2 8h", "thứ bảy 8h", "chủ nhật 7h", "tuần sau 8h", "8h sáng", "3h chiều", "7h tối",
	"8h sáng mai", "2h chiều thứ 6", "14h Mai đi", "01/06 08:00", "ngày 01/12 8h", "hôm nay 15h", "15h sáng",
	"hằng tuần thứ 6 3h chiều",
	// issue 19
	"15h30 thứ 5 Họp", "9h ngày 15/12 Họp", "chiều mai 3h", "9 giờ 30", "9g30", "hằng tháng ngày 1 8h",
	"ngày 1 hằng tháng 8h", "25/12/2026", "thứ 6 tuần này", "+1000000d", "30 phút nữa", "cuối tháng",
	"ngày 15 tháng 12 năm 2026", "hôm qua 9h", "tối nay", "vào thứ 5 lúc 9h", "9h rưỡi", "8h tôi đi",
	"14h Mai đi", "thứ tự", "mai, 8h,", "1 giờ 30 phút nữa", "hằng năm 29/02 8h", "T5 15h30",
}

func FuzzParseWhen(f *testing.F) {
	for _, s := range whenSeeds {
		f.Add(s, int64(1795669200), false, true) // 26/11/2026 10:00 in Hanoi
	}
	loc := hcm(f)
	f.Fuzz(func(t *testing.T, s string, unix int64, allowPast, allowNoTime bool) {
		now := time.Unix(unix%(1<<35), 0).In(loc)
		w, err := ParseWhen(s, now, loc, Opts{AllowPast: allowPast, AllowNoTime: allowNoTime})
		if err != nil {
			var we *WhenError
			if !errors.As(err, &we) {
				t.Fatalf("ParseWhen(%q) error %v is not a *WhenError", s, err)
			}
			return
		}
		if !w.At.After(now) && (!allowPast || w.Cron != "") {
			t.Fatalf("ParseWhen(%q) at %v = %v, not after now", s, now, w.At)
		}
		if w.DefaultTime && !allowNoTime {
			t.Fatalf("ParseWhen(%q) took the default hour without AllowNoTime", s)
		}
		if d := w.At.Sub(now); d > maxAhead || d < -maxAhead {
			t.Fatalf("ParseWhen(%q) at %v = %v: beyond the bound", s, now, w.At)
		}
		if w.Cron != "" {
			if _, err := ParseCron(w.Cron); err != nil {
				t.Fatalf("ParseWhen(%q) gave cron %q that does not parse: %v", s, w.Cron, err)
			}
		}
		if strings.TrimSpace(w.Source) != w.Source || w.Source == "" {
			t.Fatalf("ParseWhen(%q) source %q", s, w.Source)
		}
	})
}

func FuzzSplitWhen(f *testing.F) {
	for _, s := range whenSeeds {
		f.Add(s + " nhắc việc")
	}
	loc := hcm(f)
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, s string) {
		o := Opts{AllowNoTime: true}
		w, rest, err := SplitWhen(s, now, loc, o)
		if err != nil {
			return
		}
		if !strings.Contains(s, w.Source) || !strings.HasSuffix(strings.TrimSpace(s), rest) {
			t.Fatalf("SplitWhen(%q) = source %q rest %q: not parts of the input", s, w.Source, rest)
		}
		if strings.TrimSpace(rest) != rest {
			t.Fatalf("SplitWhen(%q) rest %q not trimmed", s, rest)
		}
		// The WHEN alone parses to the same time.
		w2, err := ParseWhen(w.Source, now, loc, o)
		if err != nil || !w2.At.Equal(w.At) || w2.Cron != w.Cron || w2.DefaultTime != w.DefaultTime {
			t.Fatalf("SplitWhen(%q) source %q does not parse alone the same: %v %v", s, w.Source, w2, err)
		}
		if !w.At.After(now) {
			t.Fatalf("SplitWhen(%q) = %v, not after now", s, w.At)
		}
		// No WHEN word is left at the start of the text (but a capitalised Mai, read as a name),
		// and the WHEN and the text do not overlap.
		// (After a cron spec nothing is read: any text may follow it.)
		cronFirst := strings.HasPrefix(fold(w.Source), "every") || strings.HasPrefix(fold(w.Source), "cron")
		if rt := tokenize(rest); len(rt) > 0 && rt[0].raw != "Mai" && !cronFirst {
			var p parts
			if n, perr := p.step(rt, 0); n > 0 || perr != nil {
				t.Fatalf("SplitWhen(%q) = source %q rest %q: the text starts with a WHEN word", s, w.Source, rest)
			}
		}
		if rest != "" && strings.Index(strings.TrimSpace(s), w.Source)+len(w.Source) > len(strings.TrimSpace(s))-len(rest) {
			t.Fatalf("SplitWhen(%q) = source %q rest %q overlap", s, w.Source, rest)
		}
	})
}

func FuzzParseCron(f *testing.F) {
	for _, s := range []string{"0 8 * * 1", "CRON_TZ=UTC", "TZ=Asia/Ho_Chi_Minh 0 8 * * *", "@every 1s",
		"*/0 * * * *", "1-2/3 4,5 6 7 1-5", "0 8 ? * *", "59 23 31 12 6"} {
		f.Add(s)
	}
	loc := hcm(f)
	from := time.Date(2026, 11, 26, 10, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, spec string) {
		sched, err := ParseCron(spec)
		if err != nil {
			return
		}
		next := sched.Next(from)
		if !next.IsZero() && !next.After(from) {
			t.Fatalf("ParseCron(%q).Next(%v) = %v, not after", spec, from, next)
		}
	})
}
