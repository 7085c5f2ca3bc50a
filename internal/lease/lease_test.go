package lease_test

import (
	"context"
	"testing"
	"time"

	"github.com/coordbot/coordbot/internal/lease"
	"github.com/coordbot/coordbot/internal/redistest"
)

func TestOneHolderAtATime(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	ctx := context.Background()
	opt := lease.Options{TTL: time.Second, Retry: 20 * time.Millisecond}
	opt.ID = "a"
	a := lease.New(rdb, prefix+"l", opt)
	opt.ID = "b"
	b := lease.New(rdb, prefix+"l", opt)

	actx, release, err := a.Lead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := a.Holder(ctx); h != "a" || !a.Leading() {
		t.Fatalf("holder %q, leading %v; want a", h, a.Leading())
	}
	t.Run("a standby waits while the holder renews", func(t *testing.T) {
		wctx, cancel := context.WithTimeout(ctx, 3*time.Second) // three TTLs: renewals must keep it
		defer cancel()
		if _, _, err := b.Lead(wctx); err == nil {
			t.Fatal("b took a lease a was renewing")
		}
		if actx.Err() != nil {
			t.Fatal("a lost a lease it was renewing")
		}
	})
	t.Run("release hands over at once", func(t *testing.T) {
		release()
		if actx.Err() == nil || a.Leading() {
			t.Error("a still leads after release")
		}
		wctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond) // less than the TTL
		defer cancel()
		bctx, brelease, err := b.Lead(wctx)
		if err != nil {
			t.Fatalf("b could not take a released lease: %v", err)
		}
		_ = bctx
		brelease()
	})
	t.Run("a release is only the holder's", func(t *testing.T) {
		bctx, brelease, err := b.Lead(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer brelease()
		// a's old handle cannot release or renew b's lease: a Lead of its own only waits.
		wctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		defer cancel()
		if _, _, err := a.Lead(wctx); err == nil {
			t.Fatal("a took b's lease")
		}
		if bctx.Err() != nil {
			t.Fatal("b lost its lease")
		}
	})
}

// TestDeadHolderIsReplacedWithinTTL: a holder that stops renewing (its process died) is replaced
// once the TTL has run out; it learns it lost the lease at its next renewal.
func TestDeadHolderIsReplacedWithinTTL(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	ctx := context.Background()
	dead := lease.New(rdb, prefix+"l", lease.Options{TTL: 400 * time.Millisecond, Renew: time.Hour, ID: "dead"})
	if _, _, err := dead.Lead(ctx); err != nil {
		t.Fatal(err)
	}
	next := lease.New(rdb, prefix+"l", lease.Options{TTL: 400 * time.Millisecond, Retry: 20 * time.Millisecond, ID: "next"})
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, release, err := next.Lead(wctx)
	if err != nil {
		t.Fatalf("the lease of a holder that stopped renewing was never taken over: %v", err)
	}
	defer release()
	if h, _ := next.Holder(ctx); h != "next" {
		t.Errorf("holder %q, want next", h)
	}
}

// TestLossEndsTheLeadersContext: when Redis says the lease is someone else's, the holder's context
// ends and Leading turns false.
func TestLossEndsTheLeadersContext(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	ctx := context.Background()
	a := lease.New(rdb, prefix+"l", lease.Options{TTL: 2 * time.Second, Renew: 30 * time.Millisecond, ID: "a"})
	actx, release, err := a.Lead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	rdb.Set(ctx, prefix+"l", "intruder/x", time.Minute) // as if a's lease had expired and been taken
	select {
	case <-actx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the holder never noticed it lost the lease")
	}
	if a.Leading() {
		t.Error("Leading after the loss")
	}
	if v, _ := rdb.Get(ctx, prefix+"l").Result(); v != "intruder/x" {
		t.Errorf("the loser touched the new holder's lease: %q", v)
	}
}
