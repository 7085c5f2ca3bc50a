package redistest_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/rediserr"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// TestCluster: the started cluster spreads keys over its three masters, and refuses a multi-key
// command across slots (CROSSSLOT), as a real deployment does.
func TestCluster(t *testing.T) {
	c := redistest.StartCluster(t)
	rdb := c.Client(t)
	ctx := context.Background()
	var mu sync.Mutex
	masters := map[string]bool{}
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		if err := rdb.Set(ctx, k, "1", 0).Err(); err != nil {
			t.Fatalf("SET %s: %v", k, err)
		}
	}
	err := rdb.ForEachMaster(ctx, func(ctx context.Context, m *redis.Client) error {
		n, err := m.DBSize(ctx).Result()
		if n > 0 {
			mu.Lock()
			masters[m.Options().Addr] = true
			mu.Unlock()
		}
		return err
	})
	if err != nil || len(masters) != 3 {
		t.Errorf("keys on %d masters (%v), want 3", len(masters), err)
	}
	err = rdb.Eval(ctx, "return redis.call('MGET', KEYS[1], KEYS[2])", []string{"a", "b"}).Err()
	if err == nil || !strings.Contains(err.Error(), "CROSSSLOT") {
		t.Errorf("a script over two slots: %v, want CROSSSLOT", err)
	}
	if rediserr.Outage(err) {
		t.Errorf("CROSSSLOT classified as an outage: users would be told to try again forever")
	}
}

// TestSentinelFailover: after the master is killed, a failover client writes to the promoted
// replica, and what was written before is still there.
func TestSentinelFailover(t *testing.T) {
	s := redistest.StartSentinel(t)
	opt, err := redis.ParseFailoverURL(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewFailoverClient(opt)
	defer rdb.Close()
	ctx := context.Background()
	if err := rdb.Set(ctx, "before", "1", 0).Err(); err != nil {
		t.Fatal(err)
	}
	s.KillMaster()
	var werr error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if werr = rdb.Set(ctx, "after", "1", 0).Err(); werr == nil {
			break
		}
	}
	if werr != nil {
		t.Fatalf("no write after the failover: %v", werr)
	}
	if v, err := rdb.Get(ctx, "before").Result(); v != "1" {
		t.Errorf("a write from before the failover is lost: %q, %v", v, err)
	}
}
