package transport

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestRedactHidesTheTokenAndKeepsTheCause(t *testing.T) {
	err := Redact(errors.Join(errors.New(`Post "https://api/bot123:SECRET/getMe": dial`), io.EOF), "123:SECRET")
	if strings.Contains(err.Error(), "SECRET") || !strings.Contains(err.Error(), "<token>") {
		t.Fatalf("Redact: %v", err)
	}
	if !errors.Is(err, io.EOF) {
		t.Fatal("the cause is lost")
	}
	if e := errors.New("x"); Redact(e, "123:SECRET") != e || Redact(nil, "t") != nil {
		t.Fatal("an error without the token must come back as it is")
	}
}

func TestBackoffGrowsWithinBounds(t *testing.T) {
	for a, want := range map[int]time.Duration{0: 500 * time.Millisecond, 2: 2 * time.Second, 6: 30 * time.Second, 40: 30 * time.Second, -1: 500 * time.Millisecond} {
		for range 50 {
			if d := Backoff(a); d < want/2 || d > want {
				t.Fatalf("Backoff(%d) = %v, want within [%v, %v]", a, d, want/2, want)
			}
		}
	}
}

func TestSleepEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("Sleep = %v", err)
	}
	if err := Sleep(context.Background(), time.Millisecond); err != nil {
		t.Fatal(err)
	}
}
