package redisstore

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"
)

// oldNames are the keys written before the programme's keys carried the {prog} hash tag, by
// their name under the prefix, with their name now (under ProgrammePrefix).
var oldNames = []string{"act", "act:seq", "reports", "reports:latest", "groups", "reporters"}

// MigrateKeys moves data stored under the key names of earlier versions to the hash-tagged
// names, once, at start-up and before the scheduler runs: the programme's keys ("act",
// "reports", …) and the due queue ("sched:{sched}:…" → "{prog}:sched:{sched}:…"). Each key is
// copied with DUMP/RESTORE (which also works across Cluster slots) and deleted; a key whose new
// name already holds data is left alone. Short-lived keys (update claims, report markers) are not
// moved: they expire. It returns how many keys moved.
func MigrateKeys(ctx context.Context, rdb redis.UniversalClient, prefix string) (int, error) {
	pairs := map[string]string{}
	for _, n := range oldNames {
		pairs[prefix+n] = ProgrammePrefix(prefix) + n
	}
	oldQueue := prefix + "sched:{sched}:"
	scan := func(ctx context.Context, c *redis.Client) error {
		iter := c.Scan(ctx, 0, escapeGlob(oldQueue)+"*", 1000).Iterator()
		for iter.Next(ctx) {
			k := iter.Val()
			pairs[k] = ProgrammePrefix(prefix) + "sched:{sched}:" + strings.TrimPrefix(k, oldQueue)
		}
		return iter.Err()
	}
	var err error
	if cc, ok := rdb.(*redis.ClusterClient); ok {
		var mu sync.Mutex // ForEachMaster runs the masters in parallel
		err = cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error {
			mu.Lock()
			defer mu.Unlock()
			return scan(ctx, c)
		})
	} else if c, ok := rdb.(*redis.Client); ok {
		err = scan(ctx, c)
	}
	if err != nil {
		return 0, down(err)
	}
	moved := 0
	for from, to := range pairs {
		dump, err := rdb.Dump(ctx, from).Result()
		if err == redis.Nil {
			continue
		}
		if err != nil {
			return moved, down(err)
		}
		ttl, err := rdb.PTTL(ctx, from).Result()
		if err != nil {
			return moved, down(err)
		}
		if ttl < 0 {
			ttl = 0
		}
		if err := rdb.Restore(ctx, to, ttl, dump).Err(); err != nil {
			if strings.Contains(err.Error(), "BUSYKEY") {
				continue // the new name already has data: keep it, leave the old key for a person to look at
			}
			return moved, down(fmt.Errorf("migrate %s: %w", from, err))
		}
		if err := rdb.Del(ctx, from).Err(); err != nil {
			return moved, down(err)
		}
		moved++
	}
	return moved, nil
}

// escapeGlob escapes the characters SCAN MATCH treats specially.
func escapeGlob(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`, `]`, `\]`)
	return r.Replace(s)
}
