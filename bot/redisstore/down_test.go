package redisstore

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// TestBugIsNotAnOutage: an error Redis answers because the command was wrong (WRONGTYPE,
// NOSCRIPT) is not reported as the store being down, which would tell users "try again later"
// forever; an unreachable Redis is.
func TestBugIsNotAnOutage(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	rdb.HSet(ctx, prefix+"h", "x", "y")
	for name, err := range map[string]error{
		"WRONGTYPE": rdb.Get(ctx, prefix+"h").Err(),
		"NOSCRIPT":  rdb.EvalSha(ctx, "0123456789012345678901234567890123456789", nil).Err(),
		// Every pooled connection held while Redis answers: a caller's bug (issue 17).
		"pool timeout": fmt.Errorf("scheduler: list: %w", redis.ErrPoolTimeout),
	} {
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		if got := down(err); errors.Is(got, bot.ErrStoreDown) || got == nil {
			t.Errorf("%s reported as %v, want a bug", name, got)
		}
	}
	gone := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", DialerRetries: 1, MaxRetries: -1})
	defer gone.Close()
	if err := down(gone.Get(ctx, "k").Err()); !errors.Is(err, bot.ErrStoreDown) {
		t.Errorf("unreachable Redis: %v, want ErrStoreDown", err)
	}
	if err := down(rdb.Get(ctx, prefix+"missing").Err()); !errors.Is(err, redis.Nil) {
		t.Errorf("no value: %v, want redis.Nil", err)
	}
}
