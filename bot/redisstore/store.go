// Package redisstore is the Redis implementation of the bot's store. Every key is built in keys.go
// under the configured prefix; changes that must hold together are one MULTI or Lua step.
package redisstore

import (
	"errors"
	"fmt"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/internal/rediserr"
	"github.com/coordbot/coordbot/scheduler"
	"github.com/redis/go-redis/v9"
)

// Store keeps the bot's state in Redis.
type Store struct {
	*Sessions
	rdb   redis.UniversalClient
	k     keys
	q     *scheduler.Queue
	botID int64
}

// Option configures a Store.
type Option func(*Store)

// WithBotID names the bot (its Telegram id) whose update ids the store claims: update ids are
// per bot, so two bots sharing a Redis and a prefix must not skip each other's updates.
func WithBotID(id int64) Option { return func(s *Store) { s.botID = id } }

// WithQueue is the due queue of the bot's reminders. Its prefix must be
// ProgrammePrefix(prefix)+"sched:" (or carry the same hash tag), so that an activity and its
// reminders, or a group and the reminders set in it, change in one step. Without a queue those
// steps change no reminders.
func WithQueue(q *scheduler.Queue) Option { return func(s *Store) { s.q = q } }

// New returns a Store on rdb with every key under prefix.
func New(rdb redis.UniversalClient, prefix string, opts ...Option) *Store {
	s := &Store{rdb: rdb}
	for _, o := range opts {
		o(s)
	}
	s.k = newKeys(prefix, s.botID)
	s.Sessions = &Sessions{rdb: rdb, k: s.k}
	return s
}

// down classifies a Redis error: unreachable, timed out or failing over is bot.ErrStoreDown (the
// user is told to try again shortly); any other error reply (CROSSSLOT, NOSCRIPT, WRONGTYPE, a
// MOVED loop) is a bug, logged as one, and the user gets the generic apology — never "try again
// later" for something that will not get better by itself.
func down(err error) error {
	if err == nil || errors.Is(err, redis.Nil) {
		return err
	}
	if rediserr.Outage(err) {
		return fmt.Errorf("%w: %w", bot.ErrStoreDown, err)
	}
	return fmt.Errorf("redisstore: a bug, not an outage: Redis refused the command: %w", err)
}
