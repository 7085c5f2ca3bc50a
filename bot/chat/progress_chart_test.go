package chat

import (
	"strings"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
)

// The chart's label is the text's percent: two activities at 30% and 35% are "trung bình 32%" in
// the text, and the chart once drew 32,5%.
func TestChartPercentEqualsText(t *testing.T) {
	b := New(Config{Programme: programme.Default()})
	as := bot.Assessment{Items: []bot.Assessed{
		{Activity: bot.Activity{Code: "A1", Content: 4}, State: bot.OccState{Reported: true, Latest: bot.Report{Percent: 30}}},
		{Activity: bot.Activity{Code: "A2", Content: 4}, State: bot.OccState{Reported: true, Latest: bot.Report{Percent: 35}}},
	}}
	bars := progressBars(b.prog.byArea("vi", as))
	if len(bars) != 1 || bars[0].Percent != 32 {
		t.Fatalf("bars = %+v, want one bar at 32%%", bars)
	}
	text := i18n.ProgArea.F("vi", 4, "", 32)
	if !strings.Contains(text, "trung bình 32%") {
		t.Fatalf("text %q", text)
	}
}
