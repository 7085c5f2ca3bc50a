package quantity

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []Amount
	}{
		{"20 buổi, 500 lượt người", []Amount{{20, "buổi"}, {500, "lượt người"}}},
		{"12 buổi; 320 lượt người", []Amount{{12, "buổi"}, {320, "lượt người"}}},
		{"1.200.000 đồng", []Amount{{1200000, "đồng"}}},
		{"1200 lượt người", []Amount{{1200, "lượt người"}}},
		{"1,2 triệu đồng", []Amount{{1.2, "triệu đồng"}}},
		{"1,2000 triệu đồng", []Amount{{1.2, "triệu đồng"}}},
		{"1 200 lượt người", []Amount{{1200, "lượt người"}}},
		{"2,5 km", []Amount{{2.5, "km"}}},
		{"1.5 km", []Amount{{1.5, "km"}}},
		{"1.200,5 kg", []Amount{{1200.5, "kg"}}},
		{"3 tin  bài", []Amount{{3, "tin bài"}}},
		{"  ", nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := Parse(tc.in)
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Parse(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	for _, in := range []string{
		"buổi 20",           // no number first
		"20",                // no unit
		"20 buổi, 3 buoi",   // the same unit twice
		"1.20.300 người",    // bad grouping
		"12,5,3 km",         // two decimal marks
		"5 người 2 nhóm",    // digits in the unit
		"1e400 km",          // not a number we read
		"3 tin bài ,4 buổi", // a comma without a space does not separate items
		strings.Repeat("1 a; ", MaxItems+1),
	} {
		if got, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", in, got)
		}
	}
	var fe *FormError
	if _, err := Parse("buổi 20"); !errors.As(err, &fe) || fe.Item != "buổi 20" {
		t.Fatalf("FormError names the item: %v", err)
	}
}

// One ',' or '.' before exactly three digits is asked about, never guessed (issue 19): "1,200" is
// 1.200 to a Vietnamese reader and 1.2 to an English one. Resolve writes the choice back so that
// Parse reads it as chosen.
func TestAmbiguousNumbers(t *testing.T) {
	for _, tc := range []struct {
		in, num string
		th, dec float64
		asTh    []Amount
		asDec   []Amount
	}{
		{"12 suất quà, 1,200 triệu đồng", "1,200", 1200, 1.2, []Amount{{12, "suất quà"}, {1200, "triệu đồng"}}, []Amount{{12, "suất quà"}, {1.2, "triệu đồng"}}},
		{"2,500 lượt người", "2,500", 2500, 2.5, []Amount{{2500, "lượt người"}}, []Amount{{2.5, "lượt người"}}},
		{"1.350 lượt người", "1.350", 1350, 1.35, []Amount{{1350, "lượt người"}}, []Amount{{1.35, "lượt người"}}},
		{"5 buổi; 100,000 đồng", "100,000", 100000, 100, []Amount{{5, "buổi"}, {100000, "đồng"}}, []Amount{{5, "buổi"}, {100, "đồng"}}},
	} {
		_, err := Parse(tc.in)
		var amb *AmbiguousError
		if !errors.As(err, &amb) || amb.Number != tc.num || amb.Thousands != tc.th || amb.Decimal != tc.dec {
			t.Errorf("Parse(%q) = %v; want the ambiguity of %s (%v or %v)", tc.in, err, tc.num, tc.th, tc.dec)
			continue
		}
		for _, c := range []struct {
			thousands bool
			want      []Amount
		}{{true, tc.asTh}, {false, tc.asDec}} {
			got, err := Parse(Resolve(tc.in, tc.num, c.thousands))
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Errorf("Parse(Resolve(%q, thousands=%v)) = %v, %v; want %v", tc.in, c.thousands, got, err, c.want)
			}
		}
	}
}

func TestKeyIgnoresCaseAndDiacritics(t *testing.T) {
	if Key("Lượt  Người") != Key("luot nguoi") || Key("buổi") == Key("bài") {
		t.Fatal("unit keys do not match as they should")
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		lang string
		want string
	}{
		{1200, "vi", "1.200"},
		{1200, "en", "1,200"},
		{2.5, "vi", "2,5"},
		{2.5, "en", "2.5"},
		{1234567.891, "vi", "1.234.567,89"},
		{0, "vi", "0"},
		{-1500, "en", "-1,500"},
	} {
		if got := Format(tc.v, tc.lang); got != tc.want {
			t.Errorf("Format(%v, %s) = %q, want %q", tc.v, tc.lang, got, tc.want)
		}
	}
}

func TestAchieved(t *testing.T) {
	targets := []Amount{{20, "buổi"}, {500, "lượt người"}}
	reports := [][]Amount{
		{{5, "buổi"}, {120, "lượt người"}},
		{{7, "buoi"}, {300, "Lượt người"}, {9, "tờ rơi"}},
	}
	sum := Achieved(targets, reports, Sum)
	if sum[Key("buổi")] != 12 || sum[Key("lượt người")] != 420 || len(sum) != 2 {
		t.Fatalf("sum = %v", sum)
	}
	latest := Achieved(targets, reports, Latest)
	if latest[Key("buổi")] != 7 || latest[Key("lượt người")] != 300 {
		t.Fatalf("latest = %v", latest)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"20 buổi, 500 lượt người", "1.200,5 kg", "2,5 km; 3 tin bài", ",,", "1 . 2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Parse(s)
		if err != nil {
			return
		}
		if len(got) > MaxItems {
			t.Fatalf("%d items", len(got))
		}
		for _, a := range got {
			if a.Unit == "" || a.Value < 0 || a.Value > 1e12 || strings.ContainsAny(a.Unit, "0123456789") {
				t.Fatalf("Parse(%q) gave %+v", s, a)
			}
			// What Format writes, Parse reads back to the same value (to the two decimals kept).
			back, err := Parse(Format(a.Value, "vi") + " " + a.Unit)
			if err != nil || len(back) != 1 {
				t.Fatalf("round trip of %+v: %v %v", a, back, err)
			}
			if d := back[0].Value - a.Value; d > 0.005 || d < -0.005 {
				t.Fatalf("round trip of %v gave %v", a.Value, back[0].Value)
			}
		}
	})
}
