package chat

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseReportArgs(t *testing.T) {
	tests := []struct {
		in        string
		code, day string
		pct       int
		hasPct    bool
		bad, note string
	}{
		{"A7 60% đã tập huấn", "A7", "", 60, true, "", "đã tập huấn"},
		{"60% A7", "A7", "", 60, true, "", ""},
		{"A7 70 % ghi chú", "A7", "", 70, true, "", "ghi chú"},
		{"A7 70 phần trăm", "A7", "", 70, true, "", ""},
		{"a7 hoàn thành rồi", "A7", "", 100, true, "", ""},
		// Finished, as people say it: 100%, and no word of it left in the note (issue 19).
		{"A4 đã xong", "A4", "", 100, true, "", ""},
		{"A4 đã hoàn thành", "A4", "", 100, true, "", ""},
		{"A4 hoàn tất", "A4", "", 100, true, "", ""},
		{"A4 xong rồi", "A4", "", 100, true, "", ""},
		{"A4 da xong roi tốt đẹp", "A4", "", 100, true, "", "tốt đẹp"},
		{"đã xong A4", "A4", "", 100, true, "", ""},
		{"A4 đã hoàn thành ấp 3", "A4", "", 100, true, "", "ấp 3"},
		// The note keeps its line breaks and ';', for the quantities after them.
		{"A2 30% ấp 1\n5 buổi, 200 lượt người", "A2", "", 30, true, "", "ấp 1\n5 buổi, 200 lượt người"},
		{"A2 30% ấp 1; 5 buổi", "A2", "", 30, true, "", "ấp 1; 5 buổi"},
		{"xong A7", "A7", "", 100, true, "", ""},
		{"GB 08/12 xong", "GB", "08/12", 100, true, "", ""},
		{"GB xong 08/12", "GB", "08/12", 100, true, "", ""},
		{"A7 150%", "A7", "", 0, false, "150%", "150%"},
		{"A7", "A7", "", 0, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := parseReportArgs(tt.in)
			if got.code != tt.code || got.day != tt.day || got.pct != tt.pct || got.hasPct != tt.hasPct || got.bad != tt.bad || got.note != tt.note {
				t.Errorf("parseReportArgs(%q) = %+v", tt.in, got)
			}
		})
	}
}

func FuzzParseReportArgs(f *testing.F) {
	for _, s := range []string{"A7 60% x", "60 % A7", "GB 08/12 xong", "A7 70 phần trăm", "hoàn thành A7", "A7 1/1/1", "rut A7 @x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := parseReportArgs(s)
		if p.hasPct && (p.pct < 0 || p.pct > 100) {
			t.Fatalf("%q: percent %d", s, p.pct)
		}
		if p.code != "" && !isCode(p.code) {
			t.Fatalf("%q: code %q", s, p.code)
		}
		if utf8.ValidString(s) && !utf8.ValidString(p.note) {
			t.Fatalf("%q: note %q is not UTF-8", s, p.note)
		}
		if clean := cleanText(s); strings.ContainsAny(clean, "\x00\x07\x1b") {
			t.Fatalf("cleanText(%q) kept control characters", s)
		}
		_ = reportCode(s)
	})
}
