package chart

import (
	"os"
	"path/filepath"
	"testing"
)

// sampleBars is a realistic chart: long, diacritic-heavy labels, the edges
// 0 and 100, a fraction.
func sampleBars() []Bar {
	return []Bar{
		{Label: "Nội dung 1: Tuyên truyền, phổ biến chủ trương của Đảng, chính sách pháp luật của Nhà nước đến từng hộ dân", Percent: 60},
		{Label: "Nội dung 2: Xây dựng hệ thống chính trị cơ sở vững mạnh", Percent: 100},
		{Label: "Nội dung 3: Phát triển kinh tế, giảm nghèo bền vững", Percent: 0},
		{Label: "Nội dung 4: Bảo đảm quốc phòng – an ninh, trật tự an toàn xã hội", Percent: 62.5},
		{Label: "Ứng dụng công nghệ số: ạ ả ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ ẹ ẻ ẽ ế ề ể ễ ệ ỉ ị ọ ỏ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ụ ủ ứ ừ ử ữ ự ỳ ỵ ỷ ỹ đ Đ", Percent: 35},
		{Label: "Kỹ năng dân vận khéo", Percent: 87.25},
	}
}

// TestWriteSample renders the sample chart, checks its size, and writes it so a person can look
// at it (pixel tests cannot tell whether a chart reads well): to the file named by CHART_SAMPLE,
// or into the test's temporary folder.
func TestWriteSample(t *testing.T) {
	path := os.Getenv("CHART_SAMPLE")
	if path == "" {
		path = filepath.Join(t.TempDir(), "chart-sample.png")
	}
	png, err := Progress("Tiến độ chương trình dân vận khéo năm 2026 — theo nội dung", sampleBars())
	if err != nil {
		t.Fatal(err)
	}
	if b := decode(t, png).Bounds(); b.Dx() != width || b.Dy() != barsTop(1)+len(sampleBars())*rowH+pad {
		t.Fatalf("sample is %v", b)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("sample chart: %s", path)
}

// BenchmarkProgress renders the sample chart and reports the PNG size, which
// is what Telegram uploads for every /tiendo.
func BenchmarkProgress(b *testing.B) {
	bars := sampleBars()
	size := 0
	for b.Loop() {
		png, err := Progress("Tiến độ chương trình", bars)
		if err != nil {
			b.Fatal(err)
		}
		size = len(png)
	}
	b.ReportMetric(float64(size), "png-bytes")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "charts/s")
}
