package chat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
)

// bigUnits is the seed with 300 units in three levels: one command, 19 stations under it, and
// 280 teams under the stations.
func bigUnits(tb testing.TB) *programme.Programme {
	tb.Helper()
	var sb strings.Builder
	sb.WriteString("extends: seed\nunits:\n  - {code: BCH, name: Bộ Chỉ huy}\n")
	for i := 1; i <= 19; i++ {
		fmt.Fprintf(&sb, "  - {code: D%d, name: Đồn %d, parent: BCH}\n", i, i)
	}
	for i := 1; i <= 280; i++ {
		fmt.Fprintf(&sb, "  - {code: T%d, name: Tổ %d, parent: D%d}\n", i, i, i%19+1)
	}
	p, err := programme.Parse([]byte(sb.String()))
	if err != nil {
		tb.Fatal(err)
	}
	if len(p.Units) != 300 {
		tb.Fatalf("%d units", len(p.Units))
	}
	return p
}

// BenchmarkRollUpByUnit measures the unit roll-up (behind /tiendo donvi, the sơ kết's units
// table and the dashboard) at 300 units and 5,000 activities, from an assessment in memory: with
// the unit tree computed once at programme load it is activities × depth.
func BenchmarkRollUpByUnit(b *testing.B) {
	p := bigUnits(b)
	bt := New(Config{Programme: p})
	as := bot.Assessment{}
	for i := 0; i < 5000; i++ {
		u := p.Units[i%len(p.Units)].Code
		as.Items = append(as.Items, bot.Assessed{Activity: bot.Activity{Code: fmt.Sprintf("A%d", i+1), Unit: u}})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rolls := bt.prog.byUnit("vi", as)
		if rolls[0].Acts != 5000 {
			b.Fatalf("BCH counts %d activities; want 5000", rolls[0].Acts)
		}
	}
}
