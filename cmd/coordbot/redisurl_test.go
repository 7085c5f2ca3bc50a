package main

import (
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// TestRedisURLForms: REDIS_URL picks one server, a Cluster or Sentinel from go-redis's URL forms,
// as the README documents them.
func TestRedisURLForms(t *testing.T) {
	tests := []struct {
		name, url, want string
	}{
		{"one server", "redis://127.0.0.1:6379/0", "single"},
		{"one server with TLS", "rediss://user:pw@redis.example.org:6380/2", "single"},
		{"cluster", "redis://10.0.0.1:6379?addr=10.0.0.2:6379&addr=10.0.0.3:6379", "cluster"},
		{"sentinel", "redis://10.0.0.1:26379/0?master_name=mymaster&addr=10.0.0.2:26379&addr=10.0.0.3:26379", "sentinel"},
		{"sentinel, one", "redis://127.0.0.1:26379/0?master_name=mymaster", "sentinel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := openRedis(tt.url)
			if err != nil {
				t.Fatalf("openRedis(%q): %v", tt.url, err)
			}
			defer c.Close()
			got := "single"
			switch v := c.(type) {
			case *redis.ClusterClient:
				got = "cluster"
				if n := len(v.Options().Addrs); n != 3 {
					t.Errorf("cluster seeds %d, want 3", n)
				}
			case *redis.Client:
				if v.Options().Addr == "FailoverClient" {
					got = "sentinel"
				}
			}
			if got != tt.want {
				t.Errorf("%q opened as %s, want %s", tt.url, got, tt.want)
			}
		})
	}
	for _, bad := range []string{"http://localhost", "redis://h:1/0?master_name=m&bogus=1", "localhost:6379"} {
		if c, err := openRedis(bad); err == nil {
			c.Close()
			t.Errorf("openRedis(%q) accepted", bad)
		} else if !strings.Contains(err.Error(), "REDIS_URL") {
			t.Errorf("openRedis(%q): %v does not name REDIS_URL", bad, err)
		}
	}
}
