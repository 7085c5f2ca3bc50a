package export

import (
	"fmt"
	"testing"
	"time"
)

func benchRows(n int) []Row {
	rows := make([]Row, n)
	at := time.Date(2026, 12, 1, 0, 30, 0, 0, time.UTC)
	for i := range rows {
		rows[i] = Row{
			Activity: fmt.Sprintf("A%d", i%50+1), ActivityTitle: "Tập huấn nghiệp vụ dân vận",
			Content: "Nội dung 1: Tuyên truyền", Reporter: "Nguyễn Văn Ánh", Unit: "Phường Bến Nghé",
			At: at.Add(time.Duration(i) * time.Minute), Percent: i % 101,
			Note: "đã tập huấn 2 đợt, \"đợt 3\" tuần sau",
		}
	}
	return rows
}

// BenchmarkCSV reports how many report rows per second CSV renders.
func BenchmarkCSV(b *testing.B) {
	rows, loc := benchRows(10000), hcm(b)
	b.ResetTimer()
	for b.Loop() {
		CSV(rows, loc, "vi")
	}
	b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkXLSX reports how many report rows per second XLSX renders.
func BenchmarkXLSX(b *testing.B) {
	rows, loc := benchRows(10000), hcm(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := XLSX(rows, loc, "vi"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
}
