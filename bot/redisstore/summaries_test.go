package redisstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/redisstore/summary"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// randomHistory applies a random sequence of reports, corrections, withdrawals and undos (as the
// bot makes them) to a few activities, with quantities in varied spellings and report times out
// of order.
func randomHistory(t *testing.T, s *redisstore.Store, seed uint64, steps int) []string {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 1))
	codes := []string{"A1", "A2", "A3", "B1"}
	for i, c := range codes {
		a := bot.Activity{Code: c, Title: "x", Targets: []quantity.Amount{{Value: 20, Unit: "buổi"}, {Value: 500, Unit: "lượt người"}}}
		if i%2 == 1 {
			a.Tally = quantity.Latest
		}
		if _, err := s.SaveActivity(ctx, a, true); err != nil {
			t.Fatal(err)
		}
	}
	units := []string{"buổi", "Buoi", "lượt người", "luot  nguoi", "km"}
	values := []float64{1, 2.5, 0.1, 0.2, 3, 1e6, 0.3}
	base := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)
	newReport := func(code string) bot.Report {
		r := bot.Report{Code: code, UserID: bot.ID(fmt.Sprintf("tg:%d", rng.IntN(4)+1)), Name: "x", Percent: rng.IntN(101),
			At: base.Add(time.Duration(rng.Int64N(3*365*24)) * time.Hour).Add(time.Duration(rng.IntN(1e9)))}
		if rng.IntN(3) == 0 {
			r.Occ = fmt.Sprintf("2025-01-0%d", rng.IntN(3)+1)
		}
		for _, i := range rng.Perm(len(units))[:rng.IntN(3)] {
			if !slices.ContainsFunc(r.Qty, func(q quantity.Amount) bool { return q.Key() == quantity.Key(units[i]) }) {
				r.Qty = append(r.Qty, quantity.Amount{Value: values[rng.IntN(len(values))], Unit: units[i]})
			}
		}
		return r
	}
	type undo struct {
		restore bot.Report
		remove  *bot.Report
	}
	var undos []undo
	for i := 0; i < steps; i++ {
		code := codes[rng.IntN(len(codes))]
		audit := bot.Audit{Code: code, At: base.Add(time.Duration(i) * time.Minute)}
		switch op := rng.IntN(10); {
		case op < 5: // a report
			r := newReport(code)
			audit.Action, audit.Report = bot.ActReportAdd, bot.NewReportID
			if _, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Add: &r, Audit: audit}); err != nil {
				t.Fatal(err)
			}
		case op < 9: // a correction or a withdrawal of some report on code
			old, ok, err := s.FindReport(ctx, code, func(r bot.Report) bool { return rng.IntN(3) == 0 })
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				continue
			}
			if op < 7 {
				r := newReport(code)
				r.Occ = old.Occ
				audit.Action, audit.Report = bot.ActReportCorrect, bot.NewReportID
				r, _, _, err = s.ApplyReport(ctx, bot.ReportStep{Add: &r, Withdraw: &old, Audit: audit})
				undos = append(undos, undo{old, &r})
			} else {
				audit.Action, audit.Report = bot.ActReportWithdraw, old.ID
				_, _, _, err = s.ApplyReport(ctx, bot.ReportStep{Withdraw: &old, Audit: audit})
				undos = append(undos, undo{old, nil})
			}
			if err != nil {
				t.Fatal(err)
			}
		default: // undo the last correction or withdrawal
			if len(undos) == 0 {
				continue
			}
			u := undos[len(undos)-1]
			undos = undos[:len(undos)-1]
			restore := u.restore
			restore.ID = ""
			audit.Code, audit.Action, audit.Report = restore.Code, bot.ActReportUndo, bot.NewReportID
			_, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Add: &restore, Withdraw: u.remove, Audit: audit})
			if err != nil && err != bot.ErrReportGone {
				t.Fatal(err)
			}
		}
	}
	return codes
}

// expected is the summary of code as the views compute it from every report (assess.go).
func expected(code string, reports []bot.Report, keysSeen map[string]bool) summary.Activity {
	want := summary.Activity{Code: code, Sum: map[string]float64{}, Latest: map[string]float64{}}
	var qty [][]quantity.Amount
	for _, r := range reports {
		if r.Code != code {
			continue
		}
		want.Reports++
		if r.At.After(want.Last) {
			want.Last = r.At
		}
		want.LatestID, want.LatestPercent = r.ID, r.Percent
		if len(r.Qty) > 0 {
			qty = append(qty, r.Qty)
		}
		for _, q := range r.Qty {
			keysSeen[q.Key()] = true
		}
	}
	var targets []quantity.Amount
	for k := range keysSeen {
		targets = append(targets, quantity.Amount{Value: 1, Unit: k})
	}
	want.Sum = quantity.Achieved(targets, qty, quantity.Sum)
	want.Latest = quantity.Achieved(targets, qty, quantity.Latest)
	return want
}

// The summaries kept step by step are exactly what the views compute from the reports, after a
// random sequence of reports, corrections, withdrawals and undos; and Rebuild makes exactly the
// same summaries and indexes again.
func TestSummariesRebuildEqualsIncremental(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	s := redisstore.New(rdb, prefix)
	sums := redisstore.NewSummaries(s)
	ctx := context.Background()
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			prefix := redistest.Prefix(t)
			t.Cleanup(func() { deletePrefix(rdb, prefix) })
			s := redisstore.New(rdb, prefix)
			sums := redisstore.NewSummaries(s)
			codes := randomHistory(t, s, seed, 300)
			if ok, err := sums.Ready(ctx); err != nil || !ok {
				t.Fatalf("Ready = %v, %v on data written from the start", ok, err)
			}
			reports, err := s.Reports(ctx)
			if err != nil {
				t.Fatal(err)
			}
			all, err := sums.All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range codes {
				keysSeen := map[string]bool{}
				want := expected(c, reports, keysSeen)
				got, ok := all[c]
				if want.Reports == 0 {
					if ok {
						t.Errorf("%s: a summary %+v with no report standing", c, got)
					}
					continue
				}
				var targets []quantity.Amount
				for k := range keysSeen {
					targets = append(targets, quantity.Amount{Value: 1, Unit: k})
				}
				gotSum, gotLatest := got.Achieved(targets, quantity.Sum), got.Achieved(targets, ""+quantity.Latest)
				if got.Reports != want.Reports || !got.Last.Equal(want.Last) || got.LatestID != want.LatestID ||
					got.LatestPercent != want.LatestPercent || !reflect.DeepEqual(gotSum, want.Sum) || !reflect.DeepEqual(gotLatest, want.Latest) {
					t.Errorf("%s: summary\n%+v\nwant\n%+v", c, got, want)
				}
			}
			before := dumpIndexes(t, rdb, prefix, codes)
			st, err := sums.Rebuild(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Reports != len(reports) {
				t.Errorf("rebuild went through %d reports, want %d", st.Reports, len(reports))
			}
			after := dumpIndexes(t, rdb, prefix, codes)
			if !reflect.DeepEqual(before, after) {
				for k := range before {
					if !reflect.DeepEqual(before[k], after[k]) {
						t.Errorf("%s differs after Rebuild:\n%v\n%v", k, before[k], after[k])
					}
				}
			}
		})
	}
	_ = sums
}

// dumpIndexes is every summary and index key's content, as text.
func dumpIndexes(t *testing.T, rdb *redis.Client, prefix string, codes []string) map[string]string {
	t.Helper()
	ctx := context.Background()
	p := redisstore.ProgrammePrefix(prefix)
	out := map[string]string{}
	for _, k := range []string{"sum", "rtally"} {
		out[k] = fmt.Sprint(rdb.HGetAll(ctx, p+k).Val())
	}
	zs := []string{"rtime", "atime"}
	for _, c := range codes {
		zs = append(zs, "ract:"+c, "aact:"+c)
	}
	for _, k := range zs {
		out[k] = fmt.Sprint(rdb.ZRangeWithScores(ctx, p+k, 0, -1).Val())
	}
	out["idx"] = rdb.Get(ctx, p+"idx").Val()
	return out
}

func deletePrefix(rdb *redis.Client, prefix string) {
	ctx := context.Background()
	iter := rdb.Scan(ctx, 0, prefix+"*", 1000).Iterator()
	for iter.Next(ctx) {
		rdb.Del(ctx, iter.Val())
	}
}

// One activity's history read page by page from its index is the whole audit stream filtered by
// the activity (the way History read it before the index), entry for entry, whatever the page
// size; and Store.History, which reads the index once it is built, agrees.
func TestSummariesPagedHistoryMatchesWholeStream(t *testing.T) {
	s := newStore(t)
	sums := redisstore.NewSummaries(s)
	ctx := context.Background()
	codes := randomHistory(t, s, 7, 250)
	all, err := s.History(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range codes {
		var wantH []bot.Audit
		for _, a := range all {
			if strings.EqualFold(a.Code, c) {
				wantH = append(wantH, a)
			}
		}
		if len(wantH) == 0 {
			t.Fatalf("no audit entry for %s", c)
		}
		var gotH []bot.Audit
		for after := ""; ; {
			page, next, err := sums.History(ctx, strings.ToLower(c), after, 9)
			if err != nil {
				t.Fatal(err)
			}
			gotH = append(gotH, page...)
			if next == "" {
				break
			}
			after = next
		}
		if !reflect.DeepEqual(gotH, wantH) {
			t.Errorf("History(%s): %d entries, want %d", c, len(gotH), len(wantH))
		}
		if got, err := s.History(ctx, c); err != nil || !reflect.DeepEqual(got, wantH) {
			t.Errorf("Store.History(%s): %d entries, %v; want %d", c, len(got), err, len(wantH))
		}
	}
}

// Data written before the summaries existed is not Ready until rebuilt.
func TestSummariesNotReadyUntilRebuilt(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	s := redisstore.New(rdb, prefix)
	sums := redisstore.NewSummaries(s)
	ctx := context.Background()
	addReport(t, s, bot.Report{Code: "A1", UserID: "tg:1", Percent: 40, At: time.Now()})
	rdb.Del(ctx, redisstore.ProgrammePrefix(prefix)+"idx", redisstore.ProgrammePrefix(prefix)+"sum")
	if ok, _ := sums.Ready(ctx); ok {
		t.Fatal("Ready without the marker")
	}
	if _, err := sums.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	all, err := sums.All(ctx)
	if ok, _ := sums.Ready(ctx); !ok || err != nil || all["A1"].Reports != 1 || all["A1"].LatestPercent != 40 {
		t.Fatalf("after Rebuild: ready %v, %+v, %v", ok, all, err)
	}
}
