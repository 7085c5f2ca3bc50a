// Package transport holds what the Telegram and Zalo transports share when they talk to their
// platform over HTTP: backoff between retries, a context-aware sleep, and hiding the bot token that
// net/http puts into error texts through the request URL.
package transport

import (
	"context"
	"math/rand/v2"
	"strings"
	"time"
)

// Backoff is capped exponential backoff with jitter (0.5 s doubling to 30 s), so processes
// restarted together do not retry in step.
func Backoff(attempt int) time.Duration {
	d := 500 * time.Millisecond << min(max(attempt, 0), 6)
	d = min(d, 30*time.Second)
	return d/2 + rand.N(d/2+1)
}

// Sleep waits d or until ctx ends, returning ctx's error then.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Redact returns err with every occurrence of token in its text replaced by "<token>"; errors.Is
// and errors.As still see the original.
func Redact(err error, token string) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return &redacted{msg: strings.ReplaceAll(err.Error(), token, "<token>"), err: err}
}

type redacted struct {
	msg string
	err error
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.err }
