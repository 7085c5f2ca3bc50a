package when

import (
	"errors"
	"testing"
	"time"
)

// TestPartsOfTheDay pins every boundary of the parts of the day and of the day words, with now a
// Wednesday, 25/11/2026 10:00 in Asia/Ho_Chi_Minh: each form gives exactly this time, or is refused.
func TestPartsOfTheDay(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc) // Wednesday
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, loc) }
	dec := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, loc) }
	for _, c := range []struct {
		in   string
		want time.Time // zero: refused
	}{
		// sáng / am
		{"mai 11h sáng", at(26, 11, 0)},
		{"mai 12h sáng", time.Time{}},
		{"mai 12am", at(26, 0, 0)},
		{"mai 11am", at(26, 11, 0)},
		// trưa: 11–13 as said, 1–2 in the afternoon
		{"mai 11h trưa", at(26, 11, 0)},
		{"mai 13h trưa", at(26, 13, 0)},
		{"mai 10h trưa", time.Time{}},
		{"mai 14h trưa", time.Time{}},
		{"mai 1h trưa", at(26, 13, 0)},
		{"mai 2h trưa", at(26, 14, 0)},
		{"mai 3h trưa", time.Time{}},
		// chiều / pm
		{"mai 1h chiều", at(26, 13, 0)},
		{"mai 11h chiều", at(26, 23, 0)},
		{"mai 12h chiều", at(26, 12, 0)},
		{"mai 12pm", at(26, 12, 0)},
		{"mai 13h chiều", at(26, 13, 0)},
		{"mai 23h chiều", at(26, 23, 0)},
		{"mai 13pm", time.Time{}},
		{"mai 0h chiều", time.Time{}},
		// tối: 5–11 read as evening, 17–23 as said
		{"mai 5h tối", at(26, 17, 0)},
		{"mai 4h tối", time.Time{}},
		{"mai 11h tối", at(26, 23, 0)},
		{"mai 12h tối", time.Time{}},
		{"mai 17h tối", at(26, 17, 0)},
		{"mai 16h tối", time.Time{}},
		{"mai 23h tối", at(26, 23, 0)},
		// đêm: 0–4 as said, 9–11 the evening before midnight, 21–23 as said
		{"mai 4h đêm", at(26, 4, 0)},
		{"mai 5h đêm", time.Time{}},
		{"mai 9h đêm", at(26, 21, 0)},
		{"mai 8h đêm", time.Time{}},
		{"mai 21h đêm", at(26, 21, 0)},
		{"mai 20h đêm", time.Time{}},
		// the part of the day first
		{"chiều mai 3h", at(26, 15, 0)}, // issue 19: the part of the day may come first
		{"mai chiều 3h", at(26, 15, 0)},
		// day words
		{"ngày mai 8h", at(26, 8, 0)},
		{"ngày mốt 8h", at(27, 8, 0)},
		{"mốt 8h", at(27, 8, 0)},
		{"ngày kia 8h", at(27, 8, 0)},
		{"ngày 05/12 8h", dec(5, 8, 0)},
		{"8h sáng mai", at(26, 8, 0)},
		{"3h chiều thứ 6", at(27, 15, 0)},
		// weekdays: this week's, the next one, next week's
		{"thứ 4 9h", dec(2, 9, 0)},   // today 10:00 has passed 09:00: next Wednesday
		{"thứ 4 11h", at(25, 11, 0)}, // later today
		{"thứ 6 tuần này 14h", at(27, 14, 0)},
		{"thứ 2 tuần này 14h", time.Time{}}, // issue 19: this week's Monday has gone by, not next week's
		{"thứ 6 tuần sau 14h", dec(4, 14, 0)},
		{"thứ 6 tuần tới 14h", dec(4, 14, 0)},
		{"friday next week 2pm", dec(4, 14, 0)},
		{"chủ nhật tuần sau 8h", dec(6, 8, 0)},
		{"tuần sau 8h", dec(2, 8, 0)},
		// a day without a year: this year's if still to come, else refused as past within a week,
		// else next year's
		{"20/11 8h", time.Time{}},
		{"19/11 8h", time.Time{}},                              // 6 days and 2 hours ago
		{"18/11 8h", time.Date(2027, 11, 18, 8, 0, 0, 0, loc)}, // 7 days and 2 hours ago
		{"mai 2:30pm", at(26, 14, 30)},
		{"mai 9pm", at(26, 21, 0)},
		{"mai 2xm", time.Time{}},
		{"01/12 8am", dec(1, 8, 0)}, // an English time after a date
		{"01/12 8h", dec(1, 8, 0)},
	} {
		w, err := ParseWhen(c.in, now, loc)
		switch {
		case c.want.IsZero() && err == nil:
			t.Errorf("%q = %v, want refused", c.in, w.At)
		case !c.want.IsZero() && err != nil:
			t.Errorf("%q: %v, want %v", c.in, err, c.want)
		case !c.want.IsZero() && !w.At.Equal(c.want):
			t.Errorf("%q = %v, want %v", c.in, w.At, c.want)
		}
	}
}

// Past and impossible dates are told apart.
func TestPastAndImpossible(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	for in, kind := range map[string]WhenErrKind{"24/11 8h": Past, "31/11 8h": ImpossibleDate, "29/02 8h": ImpossibleDate, "25/11 9h": Past} {
		_, err := ParseWhen(in, now, loc)
		var we *WhenError
		if !errors.As(err, &we) || we.Kind != kind {
			t.Errorf("%q: %v, want kind %v", in, err, kind)
		}
	}
}

// A malformed WHEN is echoed as far as it was read, so the user sees which words were wrong,
// and the reminder's text after it is not taken for part of it.
func TestMalformedEchoesWhatWasRead(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	for in, want := range map[string]string{
		"hằng ngày 25h việc":     "hằng ngày 25h",
		"daily 8xm họp":          "daily 8xm",
		"weekly xyz 08:00 họp":   "weekly xyz",
		"hằng tuần t2 25:00 họp": "hằng tuần t2 25:00",
		"weekly":                 "weekly",
		"mai 15h sáng họp":       "mai 15h sáng",
		"thứ 8 8h họp":           "thứ",
	} {
		_, _, err := SplitWhen(in, now, loc)
		var we *WhenError
		if !errors.As(err, &we) || we.Kind != Malformed || we.Input != want {
			t.Errorf("%q: %v, want malformed %q", in, err, want)
		}
	}
}

// Schedules in words: weekday ranges, and an hourly one.
func TestDescribeRangesAndHourly(t *testing.T) {
	for spec, want := range map[string][2]string{
		"0 8 * * 1-5": {"08:00 từ thứ Hai đến thứ Sáu hằng tuần", "08:00 every Monday to Friday"},
		"0 8 * * 0-6": {"08:00 từ Chủ nhật đến thứ Bảy hằng tuần", "08:00 every Sunday to Saturday"},
		"0 8 * * 6":   {"08:00 thứ Bảy hằng tuần", "08:00 every Saturday"},
		"0 8 * * 0-1": {"08:00 từ Chủ nhật đến thứ Hai hằng tuần", "08:00 every Sunday to Monday"},
		"15 * * * *":  {"vào phút 15 mỗi giờ", "every hour at minute 15"},
		"* * * * 1":   {"mỗi phút, thứ Hai hằng tuần", "every minute, every Monday"},
		"* 8 * * *":   {"mỗi phút, lúc 8 giờ", "every minute, hour 8"},
	} {
		vi, en := Describe(spec)
		if vi != want[0] || en != want[1] {
			t.Errorf("Describe(%q) = %q, %q; want %q, %q", spec, vi, en, want[0], want[1])
		}
	}
}
