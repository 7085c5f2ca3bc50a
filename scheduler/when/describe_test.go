package when

import "testing"

func TestDescribe(t *testing.T) {
	tests := []struct{ spec, vi, en string }{
		{"0 8 * * 1", "08:00 thứ Hai hằng tuần", "08:00 every Monday"},
		{"0 16 * * 5", "16:00 thứ Sáu hằng tuần", "16:00 every Friday"},
		{"0 7 * * 0", "07:00 Chủ nhật hằng tuần", "07:00 every Sunday"},
		{"30 7 * * mon-fri", "07:30 từ thứ Hai đến thứ Sáu hằng tuần", "07:30 every Monday to Friday"},
		{"0 8 * * 1,3,5", "08:00 thứ Hai, thứ Tư, thứ Sáu hằng tuần", "08:00 every Monday, Wednesday and Friday"},
		{"0 8 * * *", "08:00 hằng ngày", "08:00 every day"},
		{"0 8 1 * *", "08:00 ngày 1 hằng tháng", "08:00 on day 1 of every month"},
		{"0 9 19 8 *", "09:00 ngày 19/08 hằng năm", "09:00 every year on 19/08"},
		{"*/15 7-17 * * 1-5", "mỗi 15 phút, từ 7 giờ đến 17 giờ, từ thứ Hai đến thứ Sáu hằng tuần", "every 15 minutes, from hour 7 to 17, every Monday to Friday"},
		{"0 8 ? * *", "08:00 hằng ngày", "08:00 every day"},
		{"not a spec", "not a spec", "not a spec"},
	}
	for _, tt := range tests {
		vi, en := Describe(tt.spec)
		if vi != tt.vi {
			t.Errorf("Describe(%q) vi = %q, want %q", tt.spec, vi, tt.vi)
		}
		if en != tt.en {
			t.Errorf("Describe(%q) en = %q, want %q", tt.spec, en, tt.en)
		}
	}
}

// No parseable spec is ever shown as the raw string.
func FuzzDescribe(f *testing.F) {
	for _, s := range []string{"0 8 * * 1", "*/5 * * * *", "0 0 1 1 *", "1-5/2 3,4 * 1-6 mon"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		if _, err := ParseCron(spec); err != nil {
			return
		}
		vi, en := Describe(spec)
		for _, got := range []string{vi, en} {
			if got == "" || got == spec {
				t.Fatalf("Describe(%q) = %q", spec, got)
			}
		}
	})
}
