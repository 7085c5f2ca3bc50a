package chat

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/scheduler/when"
)

// occBot is a bot without a store whose clock reads now, in Ho Chi Minh City time.
func occBot(t testing.TB, now time.Time) *Bot {
	t.Helper()
	return New(Config{Programme: programme.Default(), Loc: now.Location(), Now: func() time.Time { return now }})
}

func hcmLoc(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestFiveMinuteActivity80DaysOldReportsIntoToday: the current occurrence of an activity every
// 5 minutes that started 80 days ago is the last 5-minute mark before now, so a report made now
// is filed under today; the past occurrences are the 5-minute marks before it.
func TestFiveMinuteActivity80DaysOldReportsIntoToday(t *testing.T) {
	loc := hcmLoc(t)
	now := time.Date(2026, 12, 4, 16, 22, 30, 0, loc)
	b := occBot(t, now)
	a := bot.Activity{Code: "TB", Title: "Trực ban", Every: "*/5 * * * *", At: now.AddDate(0, 0, -80).Truncate(time.Hour)}
	want := time.Date(2026, 12, 4, 16, 20, 0, 0, loc)
	if got := b.cal.CurrentOcc(a, now); !got.Equal(want) {
		t.Fatalf("current occurrence = %s, want %s", got, want)
	}
	if st := b.cal.State(a, nil, now); st.OccKey != "2026-12-04" {
		t.Errorf("a report now goes to occurrence %q, want today's 2026-12-04", st.OccKey)
	}
	past := b.cal.PastOccurrences(a, now, 6)
	if len(past) != 6 {
		t.Fatalf("%d past occurrences, want 6", len(past))
	}
	for i, p := range past {
		if w := want.Add(-time.Duration(i) * 5 * time.Minute); !p.Equal(w) {
			t.Errorf("past[%d] = %s, want %s", i, p, w)
		}
	}
}

// walkPast is the definition the cron search must agree with: every occurrence after start and at
// or before now, by walking the schedule, newest first.
func walkPast(t *testing.T, spec string, start, now time.Time, n int) []time.Time {
	var all []time.Time
	for x := start; ; {
		next, ok := (when.When{Cron: spec}).Next(x, now.Location())
		if !ok || next.After(now) {
			break
		}
		all = append(all, next)
		x = next
	}
	slices.Reverse(all)
	return all[:min(n, len(all))]
}

// TestPastOccurrencesAgreeWithAWalk compares the search from the schedule with a plain walk, for
// schedules with short and long gaps, at random times, with and without a first time.
func TestPastOccurrencesAgreeWithAWalk(t *testing.T) {
	loc := hcmLoc(t)
	r := rand.New(rand.NewPCG(17, 4))
	specs := []string{"0 8 * * 1", "*/5 * * * *", "30 7 1 * *", "0 0 29 2 *", "15 14 * * 1-5", "0 8 1 1 *", "59 23 31 12 *", "0 7 * * *", "* * * * *"}
	for _, spec := range specs {
		for i := 0; i < 20; i++ {
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(r.Int64N(int64(3 * 365 * 24 * time.Hour))))
			if i%4 == 0 {
				now = now.Truncate(time.Minute) // exactly on a possible occurrence
			}
			b := occBot(t, now)
			a := bot.Activity{Code: "X", Every: spec}
			if i%2 == 1 {
				a.At = now.Add(-time.Duration(r.Int64N(int64(60 * 24 * time.Hour)))).Truncate(time.Minute)
			}
			start := now.AddDate(-1, 0, -1)
			if !a.At.IsZero() && a.At.After(start) {
				start = a.At.Add(-time.Second)
			}
			if spec == "* * * * *" || spec == "*/5 * * * *" {
				if floor := now.Add(-48 * time.Hour); start.Before(floor) {
					start = floor // keep the reference walk short
				}
				if a.At.IsZero() || a.At.Before(start) {
					a.At = start.Add(time.Second)
				}
			}
			want := walkPast(t, spec, start, now, 6)
			got := b.cal.PastOccurrences(a, now, 6)
			if !slices.EqualFunc(got, want, time.Time.Equal) {
				t.Errorf("%q at %s (first %s): past = %v, want %v", spec, now, a.At, got, want)
			}
		}
	}
}

// BenchmarkStatusFiveMinuteActivity80DaysOld measures where an activity every 5 minutes started
// 80 days ago stands (its current occurrence and its state), which /tiendo, /kehoach, the digest
// and every report compute (the issue: about 60 ms each by walking the schedule).
func BenchmarkStatusFiveMinuteActivity80DaysOld(b *testing.B) {
	loc := hcmLoc(b)
	now := time.Date(2026, 12, 4, 16, 22, 30, 0, loc)
	bt := occBot(b, now)
	a := bot.Activity{Code: "TB", Title: "Trực ban", Every: "*/5 * * * *", At: now.AddDate(0, 0, -80)}
	latest := map[string]bot.Report{}
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if st := bt.cal.State(a, latest, now); st.OccKey != "2026-12-04" {
			b.Fatalf("occurrence %q", st.OccKey)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N)/1000, "ms/status")
}

// BenchmarkStatusPastSixOccurrences measures /tiendo CODE's list of the last occurrences of
// the same activity.
func BenchmarkStatusPastSixOccurrences(b *testing.B) {
	loc := hcmLoc(b)
	now := time.Date(2026, 12, 4, 16, 22, 30, 0, loc)
	bt := occBot(b, now)
	a := bot.Activity{Code: "TB", Title: "Trực ban", Every: "*/5 * * * *", At: now.AddDate(0, 0, -80)}
	start := time.Now()
	for b.Loop() {
		if n := len(bt.cal.PastOccurrences(a, now, 6)); n != 6 {
			b.Fatalf("%d occurrences", n)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N)/1000, "ms/list")
}
