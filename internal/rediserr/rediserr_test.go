package rediserr_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/rediserr"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/redis/go-redis/v9"
)

func TestOutage(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	rdb.HSet(ctx, prefix+"h", "f", "v")

	// A port nobody listens on: connection refused.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	gone := redis.NewClient(&redis.Options{Addr: addr, DialerRetries: 1, MaxRetries: -1})
	defer gone.Close()
	// A server that accepts and never answers: a timeout.
	mute, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer mute.Close()
	go func() {
		for {
			c, err := mute.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	slow := redis.NewClient(&redis.Options{Addr: mute.Addr().String(), ReadTimeout: 100 * time.Millisecond, MaxRetries: -1})
	defer slow.Close()

	// A pool of one connection, held by a WATCH step, while Redis answers: the next command
	// waits for the pool and times out (issue 17). Nothing is wrong with Redis.
	tiny := redis.NewClient(&redis.Options{Addr: rdb.Options().Addr, DB: rdb.Options().DB, PoolSize: 1, PoolTimeout: 50 * time.Millisecond})
	defer tiny.Close()
	var poolErr error
	if err := tiny.Watch(ctx, func(*redis.Tx) error {
		poolErr = tiny.Get(ctx, prefix+"h2").Err()
		return nil
	}, prefix+"h2"); err != nil {
		t.Fatal(err)
	}
	if err := rdb.Ping(ctx).Err(); err != nil {
		t.Fatalf("Redis does not answer: %v", err)
	}

	tests := []struct {
		name   string
		err    error
		outage bool
	}{
		{"nil", nil, false},
		{"no value", rdb.Get(ctx, prefix+"missing").Err(), false},
		{"connection refused", gone.Ping(ctx).Err(), true},
		{"timeout", slow.Ping(ctx).Err(), true},
		{"wrapped timeout", fmt.Errorf("store: %w", slow.Get(ctx, "x").Err()), true},
		{"context deadline", context.DeadlineExceeded, true},
		{"pool timeout while Redis answers is a bug", poolErr, false},
		{"wrapped pool timeout is a bug", fmt.Errorf("store: %w", poolErr), false},
		{"WRONGTYPE is a bug", rdb.Get(ctx, prefix+"h").Err(), false},
		{"NOSCRIPT is a bug", rdb.EvalSha(ctx, "0123456789012345678901234567890123456789", nil).Err(), false},
		{"unknown command is a bug", rdb.Do(ctx, "NOSUCHCOMMAND").Err(), false},
		{"script error is a bug", rdb.Eval(ctx, "return redis.call('INCR', KEYS[1])", []string{prefix + "h"}).Err(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil && tt.name != "nil" {
				t.Fatal("the case produced no error")
			}
			if got := rediserr.Outage(tt.err); got != tt.outage {
				t.Errorf("Outage(%v) = %v, want %v", tt.err, got, tt.outage)
			}
		})
	}
	if errors.Is(rdb.Get(ctx, prefix+"h").Err(), redis.Nil) {
		t.Error("WRONGTYPE reads as no value")
	}
}
