package chat

import (
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
)

// TestBuildDigest checks the digest's data without Redis: a recurring activity's occurrence with
// no report needs an update, one reported on does not; a cancelled activity is left out.
func TestBuildDigest(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	now := time.Date(2026, 12, 8, 10, 0, 0, 0, loc) // a Tuesday
	b := New(Config{Programme: programme.Default(), Loc: loc, Now: func() time.Time { return now }})
	first := time.Date(2026, 11, 30, 8, 0, 0, 0, loc)
	acts := []bot.Activity{
		{Code: "GB", Title: "Giao ban", Every: "0 8 * * 1", At: first},
		{Code: "GC", Title: "Giao ban khác", Every: "0 8 * * 1", At: first},
		{Code: "A1", Title: "Tập huấn", At: now.Add(48 * time.Hour)},
		{Code: "A2", Title: "Đã hủy", At: now.Add(48 * time.Hour), Status: bot.Cancelled},
	}
	latest := map[string]bot.Report{
		bot.LatestKey("GC", "2026-12-07"): {Code: "GC", Percent: 50, At: now.Add(-time.Hour), Occ: "2026-12-07"},
		bot.LatestKey("GB", "2026-11-30"): {Code: "GB", Percent: 100, At: now.Add(-7 * 24 * time.Hour), Occ: "2026-11-30"},
	}
	d := b.fires.buildDigest(acts, latest, nil, now)
	stale := map[string]bool{}
	for _, it := range d.Stale {
		stale[it.Activity.Code] = true
	}
	if !stale["GB"] || stale["GC"] || stale["A2"] {
		t.Errorf("needs an update = %v; want GB (07/12 not reported) and A1, not GC or the cancelled A2", stale)
	}
	if !stale["A1"] {
		t.Errorf("A1, never reported and due this week, is not in the list: %v", stale)
	}
	week := map[string]bool{}
	for _, it := range d.Week {
		week[it.Activity.Code] = true
	}
	if !week["A1"] || !week["GB"] || week["A2"] {
		t.Errorf("this week = %v; want A1 and the next GB, not the cancelled A2", week)
	}
	text := b.view.Digest("vi", d)
	for _, w := range []string{"Bản tin tuần", "GB", "(buổi 07/12/2026)"} {
		if !contains(text, w) {
			t.Errorf("digest lacks %q:\n%s", w, text)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
