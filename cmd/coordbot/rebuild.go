package main

import (
	"context"
	"fmt"
	"io"
	"reflect"

	"github.com/coordbot/coordbot/bot/redisstore"
)

// runRebuild is `coordbot rebuild`: it computes the per-activity summaries and the history
// indexes again from the reports and audit streams (after an upgrade from a version that kept
// none, or as a check: it says how many summaries it found different, and repairs them). Run it
// with the bot stopped.
func runRebuild(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, _, err := loadConfig("rebuild", args, getenv, stderr)
	if err != nil {
		return err
	}
	if c.RedisURL == "" {
		c.RedisURL = "redis://localhost:6379/0"
	}
	rdb, err := openRedis(c.RedisURL)
	if err != nil {
		return err
	}
	defer rdb.Close()
	if err := rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis at %s: %w", c.RedisURL, err)
	}
	if _, err := redisstore.MigrateKeys(ctx, rdb, c.Prefix); err != nil {
		return fmt.Errorf("moving keys to their hash-tagged names: %w", err)
	}
	sums := redisstore.NewSummaries(redisstore.New(rdb, c.Prefix))
	ready, err := sums.Ready(ctx)
	if err != nil {
		return err
	}
	before, err := sums.All(ctx)
	if err != nil {
		return err
	}
	st, err := sums.Rebuild(ctx)
	if err != nil {
		return fmt.Errorf("rebuilding the summaries: %w", err)
	}
	after, err := sums.All(ctx)
	if err != nil {
		return err
	}
	differed := 0
	for code, a := range after {
		if b, ok := before[code]; !ok || !reflect.DeepEqual(a, b) {
			differed++
		}
	}
	for code := range before {
		if _, ok := after[code]; !ok {
			differed++
		}
	}
	fmt.Fprintf(stdout, "rebuilt from %d reports and %d audit entries: %d activities with reports\n", st.Reports, st.Audit, st.Activities)
	switch {
	case !ready:
		fmt.Fprintln(stdout, "the summaries were not kept before (older data): they are now")
	case differed > 0:
		fmt.Fprintf(stdout, "%d summaries differed from what the reports say, and were repaired\n", differed)
	default:
		fmt.Fprintln(stdout, "every summary kept agreed with the reports")
	}
	return nil
}
