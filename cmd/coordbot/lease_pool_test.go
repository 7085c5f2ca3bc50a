package main

import (
	"context"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/lease"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// TestPollingLeaseOutlivesAnExhaustedPool: while every connection of the bot's client is held
// (the pool exhausted, Redis answering), the polling lease is still renewed, because it has a
// client of its own (newElector). On the shared client, as before issue 17, renewals waited for
// the pool until the lease ran out in Redis, and the process lost it: the control case.
func TestPollingLeaseOutlivesAnExhaustedPool(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out a few lease lifetimes")
	}
	_, prefix := redistest.Client(t)
	c := Config{RedisURL: redistest.URL(t), Prefix: prefix, Token: "4242:abc"}
	shared, err := openRedisPool(c.RedisURL, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	opt := lease.Options{TTL: 300 * time.Millisecond, Retry: 50 * time.Millisecond}

	// exhaust holds the shared client's only connection for four lease lifetimes.
	exhaust := func() {
		holding, release := make(chan struct{}), make(chan struct{})
		done := make(chan error, 1)
		go func() {
			done <- shared.Watch(context.Background(), func(*redis.Tx) error {
				close(holding)
				<-release
				return nil
			}, prefix+"held")
		}()
		<-holding
		pctx, cancel := context.WithTimeout(context.Background(), opt.TTL)
		defer cancel()
		if err := shared.Ping(pctx).Err(); err == nil {
			t.Fatal("the shared pool still had a connection")
		}
		time.Sleep(3 * opt.TTL) // and the Ping's
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	lead := func(t *testing.T, l *lease.Lease) (context.Context, func()) {
		lctx, release, err := l.Lead(t.Context())
		if err != nil {
			t.Fatalf("could not take the lease: %v", err)
		}
		return lctx, release
	}

	t.Run("control: on the shared client the lease is lost", func(t *testing.T) {
		l := lease.New(shared, prefix+"control", opt)
		lctx, release := lead(t, l)
		defer release()
		exhaust()
		select {
		case <-lctx.Done():
		case <-time.After(wait):
			t.Fatal("the lease survived an exhausted pool on the shared client: the test shows nothing")
		}
	})
	t.Run("on its own client the lease is kept", func(t *testing.T) {
		l, closeLease, err := newElector(c, opt)
		if err != nil {
			t.Fatal(err)
		}
		defer closeLease()
		lctx, release := lead(t, l)
		defer release()
		exhaust()
		// A renewal after the pool is free again would say "lost" had the key run out meanwhile.
		time.Sleep(3 * opt.Renew)
		if lctx.Err() != nil || !l.Leading() {
			t.Fatal("the polling lease was lost while the bot's pool was exhausted and Redis answered")
		}
		if who, err := l.Holder(context.Background()); err != nil || who != l.ID() {
			t.Fatalf("holder %q, %v; want %q", who, err, l.ID())
		}
	})
}
