package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/internal/redistest"
)

// `coordbot rebuild` makes the summaries of data written without them, and then finds them all
// agreeing with the reports.
func TestRebuildCommand(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	ctx := context.Background()
	s := redisstore.New(rdb, prefix)
	if _, err := s.SaveActivity(ctx, bot.Activity{Code: "A1", Title: "x"}, true); err != nil {
		t.Fatal(err)
	}
	r := bot.Report{Code: "A1", UserID: "tg:1", Percent: 30, At: time.Now()}
	if _, _, _, err := s.ApplyReport(ctx, bot.ReportStep{Add: &r, Audit: bot.Audit{Action: bot.ActReportAdd, Code: "A1"}}); err != nil {
		t.Fatal(err)
	}
	// As an older version left it: no summaries, no marker.
	rdb.Del(ctx, redisstore.ProgrammePrefix(prefix)+"sum", redisstore.ProgrammePrefix(prefix)+"idx")
	env := map[string]string{"REDIS_URL": redistest.URL(t), "COORDBOT_PREFIX": prefix}
	out, errOut, err := runCLI(t, env, "", "rebuild")
	if err != nil || !strings.Contains(out, "from 1 reports and 2 audit entries") || !strings.Contains(out, "not kept before") {
		t.Fatalf("rebuild: %v\n%s\n%s", err, out, errOut)
	}
	sums, err := redisstore.NewSummaries(s).All(ctx)
	if err != nil || sums["A1"].Reports != 1 || sums["A1"].LatestPercent != 30 {
		t.Fatalf("summaries after rebuild: %+v, %v", sums, err)
	}
	if out, _, err := runCLI(t, env, "", "rebuild"); err != nil || !strings.Contains(out, "every summary kept agreed") {
		t.Fatalf("second rebuild: %v\n%s", err, out)
	}
}
