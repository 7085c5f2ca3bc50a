package vi

import "testing"

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Dân vận KHÉO":       "dan van kheo",
		"Đơn vị dân vận tốt": "don vi dan van tot",
		"hoà":                "hoa",
		"hòa":                "hoa",
		"Hằng TUẦN":          "hang tuan",
		"d\u0323":            "d", // NFD input
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
