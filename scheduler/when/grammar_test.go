package when

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestWhenGrammarTable is issue 19's table: each phrasing with the time it must give (a trailing
// " *" when it took the default hour, " | SPEC" for a recurrence) or its refusal ("!kind"), read at
// fixed clocks in Asia/Ho_Chi_Minh: a Saturday, a Sunday, 31/12, 28/02 of a leap year, and the
// edges of the 7-day slip rule (03/01 across the year's end, 26/11 and 30/11).
func TestWhenGrammarTable(t *testing.T) {
	loc := hcm(t)
	clocks := map[string]time.Time{
		"sat":   mustTime(t, loc, "2026-12-05 10:00"),
		"sun":   mustTime(t, loc, "2026-12-06 10:00"),
		"nye":   mustTime(t, loc, "2026-12-31 10:00"),
		"leap":  mustTime(t, loc, "2028-02-28 10:00"),
		"jan3":  mustTime(t, loc, "2027-01-03 10:00"),
		"nov26": mustTime(t, loc, "2026-11-26 10:00"),
		"nov30": mustTime(t, loc, "2026-11-30 10:00"),
	}
	const (
		sat, sun, nye, leap, jan3, nov26, nov30 = "sat", "sun", "nye", "leap", "jan3", "nov26", "nov30"
	)
	if d := clocks[sat].Weekday(); d != time.Saturday {
		t.Fatalf("sat is a %v", d)
	}
	if d := clocks[sun].Weekday(); d != time.Sunday {
		t.Fatalf("sun is a %v", d)
	}
	rows := []struct{ clock, in, want string }{
		{sat, "9h", "2026-12-06 09:00"},
		{sat, "11h", "2026-12-05 11:00"},
		{sat, "9 giờ", "2026-12-06 09:00"},
		{sat, "9 gio 30", "2026-12-06 09:30"},
		{sat, "9g30", "2026-12-06 09:30"},
		{sat, "9g", "2026-12-06 09:00"},
		{sat, "lúc 9h", "2026-12-06 09:00"},
		{sat, "lúc 14h30", "2026-12-05 14:30"},
		{sat, "9 giờ 30 phút", "2026-12-06 09:30"},
		{sat, "9h rưỡi", "2026-12-06 09:30"},
		{sat, "10 giờ rưỡi", "2026-12-05 10:30"},
		{sat, "3h chiều", "2026-12-05 15:00"},
		{sat, "chiều 3h", "2026-12-05 15:00"},
		{sat, "chiều mai 3h", "2026-12-06 15:00"},
		{sat, "chieu mai 3h", "2026-12-06 15:00"},
		{sat, "mai chiều 3h", "2026-12-06 15:00"},
		{sat, "3h chiều mai", "2026-12-06 15:00"},
		{sat, "sáng mai 7h", "2026-12-06 07:00"},
		{sat, "sáng mai", "2026-12-06 08:00 *"},
		{sat, "chiều mai", "2026-12-06 14:00 *"},
		{sat, "tối nay", "2026-12-05 19:00 *"},
		{sat, "tối nay 8h", "2026-12-05 20:00"},
		{sat, "toi nay 8h", "2026-12-05 20:00"},
		{sat, "tôi 8h", "!malformed"},
		{sat, "mai", "2026-12-06 08:00 *"},
		{sat, "Mai", "2026-12-06 08:00 *"},
		{sat, "ngày mai", "2026-12-06 08:00 *"},
		{sat, "ngay mai", "2026-12-06 08:00 *"},
		{sat, "mai 8 giờ", "2026-12-06 08:00"},
		{sat, "8 giờ mai", "2026-12-06 08:00"},
		{sat, "mốt 9h", "2026-12-07 09:00"},
		{sat, "mot 9h", "2026-12-07 09:00"},
		{sat, "một 9h", "!malformed"},
		{sat, "ngày mốt", "2026-12-07 08:00 *"},
		{sat, "ngày kia 14h", "2026-12-07 14:00"},
		{sat, "thứ 5", "2026-12-10 08:00 *"},
		{sat, "thứ 5 15h30", "2026-12-10 15:30"},
		{sat, "15h30 thứ 5", "2026-12-10 15:30"},
		{sat, "thứ năm 15h30", "2026-12-10 15:30"},
		{sat, "thu 5 15h30", "2026-12-10 15:30"},
		{sat, "thu nam 15h30", "2026-12-10 15:30"},
		{sat, "T5 15h30", "2026-12-10 15:30"},
		{sat, "t5 15h30", "2026-12-10 15:30"},
		{sat, "thứ5 15h30", "2026-12-10 15:30"},
		{sat, "thứ 7 9h", "2026-12-12 09:00"},
		{sat, "thứ 7 11h", "2026-12-05 11:00"},
		{sat, "thứ bảy", "2026-12-12 08:00 *"},
		{sat, "chủ nhật 7h", "2026-12-06 07:00"},
		{sat, "CN 7h", "2026-12-06 07:00"},
		{sat, "chu nhat 7h", "2026-12-06 07:00"},
		{sat, "7h chủ nhật", "2026-12-06 07:00"},
		{sat, "thứ 6 tuần này", "!past"},
		{sat, "thứ 6 tuần này 14h", "!past"},
		{sat, "14h thứ 6 tuần này", "!past"},
		{sat, "chủ nhật tuần này 9h", "2026-12-06 09:00"},
		{sat, "thứ 7 tuần này 11h", "2026-12-05 11:00"},
		{sat, "thứ 6 tuần sau 14h", "2026-12-11 14:00"},
		{sat, "tuần sau thứ 6 14h", "2026-12-11 14:00"},
		{sat, "thứ 2 tuần tới 8h", "2026-12-07 08:00"},
		{sat, "tuần sau 8h", "2026-12-12 08:00"},
		{sat, "tuần sau", "2026-12-12 08:00 *"},
		{sat, "tuần này", "!malformed"},
		{sat, "9h ngày 15/12", "2026-12-15 09:00"},
		{sat, "15/12 lúc 9h", "2026-12-15 09:00"},
		{sat, "ngày 15/12", "2026-12-15 08:00 *"},
		{sat, "15/12", "2026-12-15 08:00 *"},
		{sat, "15-12-2026", "2026-12-15 08:00 *"},
		{sat, "15-12-2026 9h", "2026-12-15 09:00"},
		{sat, "25/12/2026", "2026-12-25 08:00 *"},
		{sat, "2026-12-25 18:00", "2026-12-25 18:00"},
		{sat, "15/12/26 9h", "2026-12-15 09:00"},
		{sat, "ngày 15 tháng 12", "2026-12-15 08:00 *"},
		{sat, "ngày 15 tháng 12 năm 2026 9h", "2026-12-15 09:00"},
		{sat, "9h sáng ngày 15/12", "2026-12-15 09:00"},
		{sat, "ngày 15/12 9h sáng", "2026-12-15 09:00"},
		{sat, "thứ 3 15/12 9h", "2026-12-15 09:00"},
		{sat, "thứ 4 15/12 9h", "!conflict"},
		{sat, "ngày 15", "2026-12-15 08:00 *"},
		{sat, "ngày 1", "!past"},
		{sat, "ngày 31 8h", "2026-12-31 08:00"},
		{sat, "cuối tháng", "2026-12-31 08:00 *"},
		{sat, "cuối tháng 17h", "2026-12-31 17:00"},
		{sat, "cuoi thang 17h", "2026-12-31 17:00"},
		{sat, "hằng ngày 7h", "2026-12-06 07:00 | 0 7 * * *"},
		{sat, "hang ngay 18h", "2026-12-05 18:00 | 0 18 * * *"},
		{sat, "mỗi ngày 7h30", "2026-12-06 07:30 | 30 7 * * *"},
		{sat, "7h30 hằng ngày", "2026-12-06 07:30 | 30 7 * * *"},
		{sat, "hằng tuần thứ hai 7h30", "2026-12-07 07:30 | 30 7 * * 1"},
		{sat, "thứ hai hằng tuần 7h30", "2026-12-07 07:30 | 30 7 * * 1"},
		{sat, "7h30 thứ 2 hằng tuần", "2026-12-07 07:30 | 30 7 * * 1"},
		{sat, "hàng tuần T6 16h", "2026-12-11 16:00 | 0 16 * * 5"},
		{sat, "hằng tháng ngày 1 8h", "2027-01-01 08:00 | 0 8 1 * *"},
		{sat, "ngày 1 hằng tháng 8h", "2027-01-01 08:00 | 0 8 1 * *"},
		{sat, "8h ngày 1 hằng tháng", "2027-01-01 08:00 | 0 8 1 * *"},
		{sat, "hang thang ngay 1 8h", "2027-01-01 08:00 | 0 8 1 * *"},
		{sat, "hằng tháng ngày 1", "!malformed"},
		{sat, "hằng tháng 8h", "!malformed"},
		{sat, "hằng tuần 8h", "!malformed"},
		{sat, "hằng ngày", "!malformed"},
		{sat, "hằng tháng cuối tháng 8h", "!conflict"},
		{sat, "hằng ngày mai 8h", "!conflict"},
		{sat, "hằng tuần thứ 2 tuần sau 8h", "!conflict"},
		{sat, "hằng năm ngày 19/08 9h", "2027-08-19 09:00 | 0 9 19 8 *"},
		{sat, "30 phút nữa", "2026-12-05 10:30"},
		{sat, "2 tiếng nữa", "2026-12-05 12:00"},
		{sat, "2 giờ nữa", "2026-12-05 12:00"},
		{sat, "1 giờ 30 phút nữa", "2026-12-05 11:30"},
		{sat, "3 ngày nữa", "2026-12-08 10:00"},
		{sat, "0 phút nữa", "!malformed"},
		{sat, "+30m", "2026-12-05 10:30"},
		{sat, "+1h30m", "2026-12-05 11:30"},
		{sat, "+1000000d", "!too far"},
		{sat, "+99999999999999999999d", "!too far"},
		{sat, "1000000 ngày nữa", "!too far"},
		{sat, "+30m mai", "!conflict"},
		{sat, "8h 9h", "!conflict"},
		{sat, "mai 15/12 8h", "!conflict"},
		{sat, "thứ 2 thứ 3 8h", "!conflict"},
		{sat, "sáng chiều 8h", "!conflict"},
		{sat, "mai thứ 7 8h", "!conflict"},
		{sat, "mai chủ nhật 8h", "2026-12-06 08:00"},
		{sat, "15h sáng", "!malformed"},
		{sat, "25h", "!malformed"},
		{sat, "9h75", "!malformed"},
		{sat, "9h xyz", "!malformed"},
		{sat, "hôm nay 9h", "!past"},
		{sat, "hôm nay 11h", "2026-12-05 11:00"},
		{sat, "hôm qua 9h", "!past"},
		{sat, "04/12 9h", "!past"},
		{sat, "28/11 9h", "2027-11-28 09:00"},
		{sat, "28/11 11h", "!past"},
		{sat, "28/11 10h", "!past"}, // exactly 7 days ago is still a slip
		{sat, "29/02 8h", "!impossible date"},
		{sat, "30/02", "!impossible date"},
		{sat, "31/04/2027 8h", "!impossible date"},
		{sat, "01/01/2099 8h", "!too far"},
		{sat, "2pm", "2026-12-05 14:00"},
		{sat, "mai 9pm", "2026-12-06 21:00"},
		{sat, "vào thứ 5 lúc 9h", "2026-12-10 09:00"},
		{sat, "lúc", "!malformed"},
		{sat, "9h lúc", "!malformed"},
		{sat, "T8 8h", "!malformed"},
		{sat, "thứ 8 8h", "!malformed"},
		{sat, "thứ tự 8h", "!malformed"},
		{sat, "9 giờ 30 ngày 15/12", "2026-12-15 09:30"},
		{sat, "12h trưa mai", "2026-12-06 12:00"},
		{sat, "trưa mai", "2026-12-06 12:00 *"},
		{sat, "2h đêm mai", "2026-12-06 02:00"},
		{sat, "7h tối thứ 6", "2026-12-11 19:00"},
		{sat, "today 11h", "2026-12-05 11:00"},
		{sat, "tomorrow 8am", "2026-12-06 08:00"},
		{sat, "friday next week 2pm", "2026-12-11 14:00"},
		{sat, "weekly thu 11:00", "2026-12-10 11:00 | 0 11 * * 4"},
		{sat, "thu 11:00", "!malformed"},
		{sat, "daily 08:00", "2026-12-06 08:00 | 0 8 * * *"},
		{sat, "every 0 8 * * 1", "2026-12-07 08:00 | 0 8 * * 1"},
		{sat, "every 0 8 * * 1 mai", "!malformed"},
		{sat, "mai, 8h", "2026-12-06 08:00"},
		{sat, "9 h 30", "2026-12-06 09:30"},
		{sat, "9 g", "2026-12-06 09:00"},
		{sat, "23 giờ", "2026-12-05 23:00"},
		{sat, "24 giờ", "!malformed"},
		{sat, "9 giờ 59", "2026-12-06 09:59"},
		{sat, "9 giờ 60", "!malformed"},
		{sat, "1830 ngày nữa", "2031-12-09 10:00"},
		{sat, "1831 ngày nữa", "!too far"},
		{sat, "+1830d", "2031-12-09 10:00"},
		{sat, "+1831d", "!too far"},
		{sat, "2 tuần nữa", "2026-12-19 10:00"},
		{sun, "thứ 6 tuần này", "!past"},
		{sun, "chủ nhật tuần này 9h", "!past"},
		{sun, "chủ nhật tuần này 11h", "2026-12-06 11:00"},
		{sun, "chủ nhật 9h", "2026-12-13 09:00"},
		{sun, "CN", "2026-12-13 08:00 *"},
		{sun, "thứ 2 tuần này", "!past"},
		{sun, "thứ 2", "2026-12-07 08:00 *"},
		{sun, "thứ 2 tuần sau 8h", "2026-12-07 08:00"},
		{sun, "chủ nhật tuần sau 7h", "2026-12-13 07:00"},
		{sun, "tuần sau", "2026-12-13 08:00 *"},
		{sun, "mai 8h", "2026-12-07 08:00"},
		{sun, "mốt", "2026-12-08 08:00 *"},
		{sun, "9h", "2026-12-07 09:00"},
		{sun, "15h30 thứ 5", "2026-12-10 15:30"},
		{sun, "hằng tuần CN 7h", "2026-12-13 07:00 | 0 7 * * 0"},
		{sun, "hằng tuần chủ nhật 11h", "2026-12-06 11:00 | 0 11 * * 0"},
		{sun, "29/11 9h", "2027-11-29 09:00"},
		{sun, "30/11 9h", "!past"},
		{sun, "hôm qua", "!past"},
		{sun, "cuối tháng", "2026-12-31 08:00 *"},
		{nye, "mai 8h", "2027-01-01 08:00"},
		{nye, "1/1 8h", "2027-01-01 08:00"},
		{nye, "01/01", "2027-01-01 08:00 *"},
		{nye, "31/12 9h", "!past"},
		{nye, "31/12 11h", "2026-12-31 11:00"},
		{nye, "28/12 8h", "!past"},
		{nye, "24/12 9h", "2027-12-24 09:00"},
		{nye, "24/12 11h", "!past"},
		{nye, "thứ 6 8h", "2027-01-01 08:00"},
		{nye, "thứ 5 9h", "2027-01-07 09:00"},
		{nye, "thứ 5 tuần này 9h", "!past"},
		{nye, "thứ 5 tuần này 11h", "2026-12-31 11:00"},
		{nye, "thứ 6 tuần này", "2027-01-01 08:00 *"},
		{nye, "chủ nhật tuần này 7h", "2027-01-03 07:00"},
		{nye, "thứ 2 tuần sau 8h", "2027-01-04 08:00"},
		{nye, "tuần sau 8h", "2027-01-07 08:00"},
		{nye, "cuối tháng", "!past"},
		{nye, "cuối tháng 17h", "2026-12-31 17:00"},
		{nye, "ngày 1", "2027-01-01 08:00 *"},
		{nye, "ngày 31 9h", "!past"},
		{nye, "ngày 30 9h", "!past"},
		{nye, "ngày 15 9h", "2027-01-15 09:00"},
		{nye, "hằng tháng ngày 1 8h", "2027-01-01 08:00 | 0 8 1 * *"},
		{nye, "hằng tháng ngày 31 8h", "2027-01-31 08:00 | 0 8 31 * *"},
		{nye, "00:15", "2027-01-01 00:15"},
		{nye, "+1d", "2027-01-01 10:00"},
		{nye, "2 ngày nữa", "2027-01-02 10:00"},
		{nye, "29/02 8h", "!impossible date"},
		{nye, "31/12/2026 11h", "2026-12-31 11:00"},
		{nye, "hằng năm ngày 01/01 7h", "2027-01-01 07:00 | 0 7 1 1 *"},
		{nye, "25/12/2026", "!past"},
		{nye, "ngày mai", "2027-01-01 08:00 *"},
		{leap, "29/02 8h", "2028-02-29 08:00"},
		{leap, "29/02", "2028-02-29 08:00 *"},
		{leap, "29/02/2028 9h", "2028-02-29 09:00"},
		{leap, "29/02/2029 9h", "!impossible date"},
		{leap, "30/02 8h", "!impossible date"},
		{leap, "mai 8h", "2028-02-29 08:00"},
		{leap, "mốt 8h", "2028-03-01 08:00"},
		{leap, "ngày 29", "2028-02-29 08:00 *"},
		{leap, "ngày 30 8h", "2028-03-30 08:00"},
		{leap, "ngày 31 8h", "2028-03-31 08:00"},
		{leap, "cuối tháng", "2028-02-29 08:00 *"},
		{leap, "cuối tháng 9h", "2028-02-29 09:00"},
		{leap, "thứ 2 9h", "2028-03-06 09:00"},
		{leap, "thứ 2 11h", "2028-02-28 11:00"},
		{leap, "thứ 2 tuần này 9h", "!past"},
		{leap, "thứ 3 tuần này", "2028-02-29 08:00 *"},
		{leap, "thứ 3", "2028-02-29 08:00 *"},
		{leap, "chủ nhật tuần này 7h", "2028-03-05 07:00"},
		{leap, "CN tuần sau 7h", "2028-03-12 07:00"},
		{leap, "thứ 2 tuần sau 8h", "2028-03-06 08:00"},
		{leap, "1/3 8h", "2028-03-01 08:00"},
		{leap, "01/03/2028", "2028-03-01 08:00 *"},
		{leap, "hằng tháng ngày 29 8h", "2028-02-29 08:00 | 0 8 29 * *"},
		{leap, "hằng năm 29/02 8h", "2028-02-29 08:00 | 0 8 29 2 *"},
		{leap, "21/02 11h", "!past"},
		{leap, "21/02 9h", "2029-02-21 09:00"},
		{leap, "+1d", "2028-02-29 10:00"},
		{leap, "3h chiều thứ 3", "2028-02-29 15:00"},
		{leap, "9h ngày 29/02", "2028-02-29 09:00"},
		{leap, "thứ 4 29/02 9h", "!conflict"},
		{jan3, "28/12 08:00", "!past"},
		{jan3, "26/12 9h", "2027-12-26 09:00"},
		{jan3, "27/12 11h", "!past"},
		{jan3, "27/12 9h", "2027-12-27 09:00"},
		{nov26, "20/11", "!past"},
		{nov26, "20/11 08:00", "!past"},
		{nov30, "20/11", "2027-11-20 08:00 *"},
	}
	if len(rows) < 150 {
		t.Fatalf("only %d rows", len(rows))
	}
	for _, r := range rows {
		now := clocks[r.clock]
		w, err := ParseWhen(r.in, now, loc, Opts{AllowNoTime: true})
		if kind, refused := strings.CutPrefix(r.want, "!"); refused {
			var we *WhenError
			switch {
			case err == nil:
				t.Errorf("%s %q = %s, want refused (%s)", r.clock, r.in, w.At.Format("2006-01-02 15:04"), kind)
			case !errors.As(err, &we):
				t.Errorf("%s %q: %v is not a *WhenError", r.clock, r.in, err)
			case we.Kind.String() != kind:
				t.Errorf("%s %q: %v, want %s", r.clock, r.in, err, kind)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %q: %v, want %s", r.clock, r.in, err, r.want)
			continue
		}
		got := w.At.In(loc).Format("2006-01-02 15:04")
		if w.DefaultTime {
			got += " *"
		}
		if w.Cron != "" {
			got += " | " + w.Cron
		}
		if got != r.want {
			t.Errorf("%s %q = %s, want %s", r.clock, r.in, got, r.want)
		}
	}
}

// The inputs through SplitWhen: the WHEN is the leading run of WHEN words in any order,
// and no date word is left at the start of the text.
func TestSplitWhenAnyOrder(t *testing.T) {
	loc := hcm(t)
	now := mustTime(t, loc, "2026-12-05 10:00") // Saturday
	for _, c := range []struct{ in, at, source, rest string }{
		{"15h30 thứ 5 Họp", "2026-12-10 15:30", "15h30 thứ 5", "Họp"},
		{"9h ngày 15/12 Họp", "2026-12-15 09:00", "9h ngày 15/12", "Họp"},
		{"8h thứ 4 Tập huấn dân vận", "2026-12-09 08:00", "8h thứ 4", "Tập huấn dân vận"},
		{"15/12 lúc 9h Họp giao ban", "2026-12-15 09:00", "15/12 lúc 9h", "Họp giao ban"},
		{"chiều mai 3h Họp chi bộ", "2026-12-06 15:00", "chiều mai 3h", "Họp chi bộ"},
		{"hằng tháng ngày 1 8h Giao ban", "2027-01-01 08:00", "hằng tháng ngày 1 8h", "Giao ban"},
		{"25/12/2026 Tổng kết", "2026-12-25 08:00", "25/12/2026", "Tổng kết"},
		{"mai 8 giờ Đi xã", "2026-12-06 08:00", "mai 8 giờ", "Đi xã"},
		{"14h Mai đi công tác", "2026-12-05 14:00", "14h", "Mai đi công tác"},
		{"8h thu tiền hội phí", "2026-12-06 08:00", "8h", "thu tiền hội phí"},
		{"8h tôi đi họp", "2026-12-06 08:00", "8h", "tôi đi họp"},
		{"8h một lần nữa", "2026-12-06 08:00", "8h", "một lần nữa"},
		{"8h ngày hội quốc phòng", "2026-12-06 08:00", "8h", "ngày hội quốc phòng"},
		{"8h thứ tự ưu tiên", "2026-12-06 08:00", "8h", "thứ tự ưu tiên"},
		{"9h lúc đó", "2026-12-06 09:00", "9h", "lúc đó"},
		{"vào thứ 5 lúc 9h Họp", "2026-12-10 09:00", "vào thứ 5 lúc 9h", "Họp"},
		{"30 phút nữa Gọi điện", "2026-12-05 10:30", "30 phút nữa", "Gọi điện"},
		{"mai, 8h, Họp", "2026-12-06 08:00", "mai, 8h,", "Họp"},
		{"Mai 8h Họp", "2026-12-06 08:00", "Mai 8h", "Họp"}, // first, Mai is tomorrow
		{"every 0 16 * * 5 Weekly review", "2026-12-11 16:00", "every 0 16 * * 5", "Weekly review"},
		{"thứ 6 16h Weekly review", "2026-12-11 16:00", "thứ 6 16h", "Weekly review"},
		{"thứ 6 16h daily check", "2026-12-11 16:00", "thứ 6 16h", "daily check"},
	} {
		w, rest, err := SplitWhen(c.in, now, loc, Opts{AllowNoTime: true})
		if err != nil {
			t.Errorf("SplitWhen(%q): %v", c.in, err)
			continue
		}
		if got := w.At.Format("2006-01-02 15:04"); got != c.at || w.Source != c.source || rest != c.rest {
			t.Errorf("SplitWhen(%q) = %s source %q rest %q, want %s %q %q", c.in, got, w.Source, rest, c.at, c.source, c.rest)
		}
	}
}

// A refusal names the word not understood, or the second of two parts that disagree.
func TestWhenErrorNamesTheWord(t *testing.T) {
	loc := hcm(t)
	now := mustTime(t, loc, "2026-12-05 10:00")
	for _, c := range []struct {
		in   string
		kind WhenErrKind
		word string
	}{
		{"9h xyz", Malformed, "xyz"},
		{"mai 25h", Malformed, "25h"},
		{"thứ 6 tuần này lúc", Malformed, "lúc"},
		{"8h 9h", Conflict, "9h"},
		{"mai 15/12", Conflict, "15/12"},
		{"mai 15/12 8h", Conflict, "15/12"},
		{"thứ 4 15/12 9h", Conflict, "thứ 4"},
		{"+30m mai", Conflict, "mai"},
		{"15h sáng", Malformed, "15h sáng"},
		{"hằng tuần 8h", Malformed, "hằng tuần"},
		{"tuần này", Malformed, "tuần này"},
	} {
		_, err := ParseWhen(c.in, now, loc)
		var we *WhenError
		if !errors.As(err, &we) || we.Kind != c.kind || we.Word != c.word {
			t.Errorf("ParseWhen(%q) = %#v, want %v naming %q", c.in, err, c.kind, c.word)
		}
	}
	if got := fmtErr(ParseWhen("9h xyz", now, loc)); got != `scheduler: malformed WHEN "9h xyz" (at "xyz")` {
		t.Errorf("Error() = %s", got)
	}
	if got := fmtErr(ParseWhen("xyz", now, loc)); got != `scheduler: malformed WHEN "xyz"` {
		t.Errorf("Error() = %s", got)
	}
	// In SplitWhen a mistyped time or date after the WHEN is refused, not taken for the text.
	for in, word := range map[string]string{"mai 25h Họp": "25h", "mai 10:75 Họp": "10:75", "mai 19:75 Họp": "19:75",
		"mai 8:5 Họp": "8:5", "mai 8h 1/2/3 Họp": "1/2/3", "mai 8h 15/12/202 Họp": "15/12/202"} {
		_, _, err := SplitWhen(in, now, loc)
		var we *WhenError
		if !errors.As(err, &we) || we.Kind != Malformed || we.Word != word || !strings.HasSuffix(we.Input, word) {
			t.Errorf("SplitWhen(%q) = %#v, want Malformed naming %q", in, err, word)
		}
	}
	// A number alone, a word with digits and letters: text.
	for in, rest := range map[string]string{"mai 8h 5 người đến": "5 người đến", "mai 8h 12a1 lớp": "12a1 lớp"} {
		if _, got, err := SplitWhen(in, now, loc); err != nil || got != rest {
			t.Errorf("SplitWhen(%q) = rest %q, %v; want %q", in, got, err, rest)
		}
	}
}

// Opts: past work for coordinators, and the programme's default hour.
func TestWhenOpts(t *testing.T) {
	loc := hcm(t)
	now := mustTime(t, loc, "2026-12-05 10:00") // Saturday
	past := Opts{AllowPast: true, AllowNoTime: true}
	for _, c := range []struct {
		in   string
		o    Opts
		want string // "" refused
	}{
		{"02/12/2026 08:00", past, "2026-12-02 08:00"},
		{"02/12/2026 08:00", Opts{}, ""},
		{"hôm qua 9h", past, "2026-12-04 09:00"},
		{"thứ 6 tuần này", past, "2026-12-04 08:00"},
		{"28/11 11h", past, "2026-11-28 11:00"}, // the slip window is taken as meant
		{"28/11 9h", past, "2027-11-28 09:00"},  // more than 7 days ago: still next year's
		{"9h", past, "2026-12-06 09:00"},        // a bare time is still the next one
		{"01/01/2020 8h", past, ""},             // more than five years back: a typo
		{"mai", Opts{AllowNoTime: true, DefaultHour: 7, DefaultMinute: 30}, "2026-12-06 07:30"},
		{"ngày 15/12", Opts{AllowNoTime: true, DefaultHour: 14}, "2026-12-15 14:00"},
		{"ngày 15/12", Opts{DefaultHour: 14}, ""}, // a day without a time needs AllowNoTime
		{"hằng ngày 7h", past, "2026-12-06 07:00"},
	} {
		w, err := ParseWhen(c.in, now, loc, c.o)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("%q %+v = %v, want refused", c.in, c.o, w.At)
		case c.want != "" && err != nil:
			t.Errorf("%q %+v: %v", c.in, c.o, err)
		case c.want != "" && w.At.Format("2006-01-02 15:04") != c.want:
			t.Errorf("%q %+v = %v, want %s", c.in, c.o, w.At, c.want)
		}
	}
	w, rest, err := SplitWhen("02/12/2026 Tập huấn", now, loc, past)
	if err != nil || rest != "Tập huấn" || !w.DefaultTime || !w.At.Before(now) {
		t.Errorf("SplitWhenOpts past = %v %q %v", w, rest, err)
	}
}

// Without Opts.AllowNoTime (ParseWhen and SplitWhen as the bot calls them today) a day without a
// time is refused naming the day, so that no caller stores a default hour it does not show.
func TestDayWithoutTimeNeedsTheOption(t *testing.T) {
	loc := hcm(t)
	now := mustTime(t, loc, "2026-12-05 10:00")
	for in, word := range map[string]string{
		"mai": "mai", "25/12/2026": "25/12/2026", "thứ 6": "thứ 6", "sáng mai": "mai", "chiều": "chiều",
		"tuần sau": "tuần sau", "ngày 15 tháng 12": "ngày 15 tháng 12", "cuối tháng": "cuối tháng",
	} {
		_, err := ParseWhen(in, now, loc)
		var we *WhenError
		if !errors.As(err, &we) || we.Kind != Malformed || we.Word != word {
			t.Errorf("ParseWhen(%q) = %#v, want Malformed naming %q", in, err, word)
		}
		w, err := ParseWhen(in, now, loc, Opts{AllowNoTime: true})
		if err != nil || !w.DefaultTime {
			t.Errorf("ParseWhen(%q, AllowNoTime) = %+v, %v; want the default hour", in, w, err)
		}
	}
	if _, _, err := SplitWhen("mai nhé X", now, loc); err == nil {
		t.Error("SplitWhen(mai nhé X) accepted a day without a time")
	}
}

// BenchmarkParseWhen reads a mix of the table's forms; it reports words read per second.
func BenchmarkParseWhen(b *testing.B) {
	loc := hcm(b)
	now := mustTime(b, loc, "2026-12-05 10:00")
	ins := []string{"15h30 thứ 5", "chiều mai 3h", "hằng tháng ngày 1 8h", "9h ngày 15/12", "30 phút nữa", "every 0 8 * * 1"}
	words := 0
	for _, in := range ins {
		words += len(strings.Fields(in))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, in := range ins {
			if _, err := ParseWhen(in, now, loc, Opts{AllowNoTime: true}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

func fmtErr(_ When, err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
