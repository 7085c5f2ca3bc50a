// Package rediserr tells an outage of Redis (unreachable, timed out, failing over) from an error
// that is a bug in the caller (CROSSSLOT, NOSCRIPT, WRONGTYPE, a syntax error, a MOVED loop). An
// outage ends by itself and a person may be told to try again shortly; a bug does not, and
// telling people "try again later" would hide it, so it must be logged as a bug.
package rediserr

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/redis/go-redis/v9"
)

// PoolExhausted reports whether err is go-redis's pool timeout: every pooled connection was in use
// for the whole PoolTimeout. That is the caller's bug, not an outage: a command on a connection
// has its own read and write timeouts and gives the connection back when Redis does not answer,
// and dials fail fast with their own errors, so connections stay taken only while callers hold
// them (a WATCH step asking the pool for a second connection, a leak). Telling people "storage
// down" would hide it while Redis answers in a millisecond (issue 17).
func PoolExhausted(err error) bool {
	return errors.Is(err, redis.ErrPoolTimeout)
}

// transient are the prefixes of Redis error replies that a running deployment gives while it
// recovers: loading its data, a replica not yet promoted, a cluster re-electing or resharding.
var transient = []string{"LOADING", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "BUSY ", "NOREPLICAS"}

// Outage reports whether err means Redis could not be reached or could not serve for now. It is
// false for nil and redis.Nil ("no value" is an answer), for every error reply that says the
// command itself was wrong, and for a pool timeout (see PoolExhausted).
func Outage(err error) bool {
	if err == nil || errors.Is(err, redis.Nil) || PoolExhausted(err) {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, redis.ErrClosed) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var re redis.Error
	if errors.As(err, &re) {
		msg := re.Error()
		for _, p := range transient {
			if strings.HasPrefix(msg, p) {
				return true
			}
		}
		return false
	}
	// go-redis's own words when it finds no server to talk to.
	msg := err.Error()
	return strings.Contains(msg, "sentinels") && strings.Contains(msg, "unreachable") ||
		strings.Contains(msg, "connection refused") || strings.Contains(msg, "no such host") ||
		strings.Contains(msg, "i/o timeout") || strings.Contains(msg, "use of closed network connection")
}
