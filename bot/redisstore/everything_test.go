package redisstore_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/quantity"
)

// Everything reads in one round trip what Activities, Latest and Reports read one by one, and a
// report's quantities come back as stored.
func TestEverythingMatchesTheThreeReads(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	at := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	for _, a := range []bot.Activity{{Code: "A2", Title: "hai", At: at}, {Code: "A10", Title: "mười", At: at},
		{Code: "A1", Title: "một", At: at.Add(-time.Hour), Targets: []quantity.Amount{{Value: 20, Unit: "buổi"}}, Tally: quantity.Latest}} {
		if _, err := s.SaveActivity(ctx, a, true); err != nil {
			t.Fatal(err)
		}
	}
	addReport(t, s, bot.Report{Code: "A1", UserID: "tg:1", Name: "Lan", At: at, Percent: 40, Qty: []quantity.Amount{{Value: 12, Unit: "buổi"}}})
	addReport(t, s, bot.Report{Code: "A1", UserID: "tg:2", Name: "Minh", At: at.Add(time.Hour), Percent: 60})
	addReport(t, s, bot.Report{Code: "A2", UserID: "tg:1", Name: "Lan", At: at, Percent: 10})

	acts, latest, reports, err := s.Everything(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantActs, _ := s.Activities(ctx)
	wantLatest, _ := s.Latest(ctx)
	wantReports, _ := s.Reports(ctx)
	if !reflect.DeepEqual(acts, wantActs) || !reflect.DeepEqual(latest, wantLatest) || !reflect.DeepEqual(reports, wantReports) {
		t.Fatalf("Everything differs from the three reads:\n%+v\n%+v\n%+v", acts, latest, reports)
	}
	if len(acts) != 3 || acts[0].Code != "A1" || acts[1].Code != "A2" || acts[2].Code != "A10" || acts[0].Tally != quantity.Latest {
		t.Errorf("activities %+v", acts)
	}
	if len(reports) != 3 || len(reports[0].Qty) != 1 || reports[0].Qty[0] != (quantity.Amount{Value: 12, Unit: "buổi"}) {
		t.Errorf("reports %+v", reports)
	}
	if latest["A1"].Percent != 60 || latest["A2"].Percent != 10 {
		t.Errorf("latest %+v", latest)
	}
}
