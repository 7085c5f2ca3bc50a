// Package redisstore is the Redis implementation of the bot's store. Every key is built in keys.go
// under the configured prefix; changes that must hold together are one MULTI or Lua step.
package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/internal/rediserr"
	"github.com/coordbot/coordbot/scheduler"
	"github.com/redis/go-redis/v9"
)

// updateTTL is how long an update id is remembered: Telegram redelivers unconfirmed updates for
// 24 hours, so twice that is safe.
const updateTTL = 48 * time.Hour

// Store keeps the bot's state in Redis.
type Store struct {
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
	return s
}

// claimTTL is how long an update's in-progress claim lasts without renewal: a process that dies
// mid-handling (SIGKILL, OOM) holds the update no longer than this; a live handler renews it
// (Renew) every chat.ClaimRenewal, a third of it.
const claimTTL = 15 * time.Second

// The values of an update key: running while a handler holds the claim (expires after claimTTL),
// done once it finished (kept for updateTTL). Older data holds "1", which reads as done.
const (
	claimRunning = "r"
	claimDone    = "1"
)

// Begin takes the update's in-progress claim and loads the user's language and flow in one round
// trip. The update counts as seen (Session.Seen) only once Finish marked it done; while another
// handler holds its claim, Session.Busy is set and nothing is claimed.
func (s *Store) Begin(ctx context.Context, updateID bot.UpdateKey, userID, chatID bot.ID, username string) (bot.Session, error) {
	var claim *redis.StatusCmd
	var lang, flow *redis.StringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		if updateID != "" {
			// SET NX GET: takes the claim when the key is absent, else returns what holds it.
			claim = p.SetArgs(ctx, s.k.update(updateID), claimRunning, redis.SetArgs{Mode: "NX", Get: true, TTL: claimTTL})
		}
		lang = p.Get(ctx, s.k.lang(userID))
		flow = p.Get(ctx, s.k.flow(userID, chatID))
		if userID == chatID && !userID.IsZero() {
			if username != "" {
				p.HSet(ctx, s.k.usernames(), strings.ToLower(username), userID.Key())
			}
			if userID.Platform() == bot.PlatformZalo {
				// A Zalo bot may write only to people who wrote to it.
				p.SAdd(ctx, s.k.contacts(), userID.Key())
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return bot.Session{}, down(err)
	}
	sess := bot.Session{Lang: lang.Val()}
	if data := flow.Val(); data != "" {
		var f bot.Flow
		if json.Unmarshal([]byte(data), &f) == nil {
			sess.Flow = &f
		}
	}
	if claim != nil {
		switch held, err := claim.Result(); {
		case errors.Is(err, redis.Nil):
			// Ours now.
		case err != nil:
			return bot.Session{}, down(err)
		case held == claimRunning:
			sess.Busy = true
		default:
			sess.Seen = true
		}
	}
	return sess, nil
}

// renewClaim extends an in-progress claim, and only that: a claim already marked done keeps its
// long expiry.
var renewClaim = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`)

// Renew extends the in-progress claim on updateID for another claimTTL.
func (s *Store) Renew(ctx context.Context, updateID bot.UpdateKey) error {
	return down(renewClaim.Run(ctx, s.rdb, []string{s.k.update(updateID)}, claimRunning, claimTTL.Milliseconds()).Err())
}

// Finish marks updateID done (a redelivery is then seen, for updateTTL) and removes it from the
// inbox of updates waiting to be handled, in one round trip. The done marker is written first:
// should the removal not happen, the update is taken from the inbox again and found done.
func (s *Store) Finish(ctx context.Context, updateID bot.UpdateKey) error {
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, s.k.update(updateID), claimDone, updateTTL)
		p.HDel(ctx, s.k.inbox(), string(updateID))
		return nil
	})
	return down(err)
}

// Forget releases an update claim, so that whoever gets the update next handles it.
func (s *Store) Forget(ctx context.Context, updateID bot.UpdateKey) error {
	return down(s.rdb.Del(ctx, s.k.update(updateID)).Err())
}

// Lang reads a user's chosen language ("" when none).
func (s *Store) Lang(ctx context.Context, userID bot.ID) (string, error) {
	v, err := s.rdb.Get(ctx, s.k.lang(userID)).Result()
	if err == redis.Nil {
		return "", nil
	}
	return v, down(err)
}

// SetLang remembers a user's language.
func (s *Store) SetLang(ctx context.Context, userID bot.ID, lang string) error {
	return down(s.rdb.Set(ctx, s.k.lang(userID), lang, 0).Err())
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

// UserByName is the user who wrote to the bot in private under Telegram username name (with or
// without the @).
func (s *Store) UserByName(ctx context.Context, name string) (bot.ID, bool, error) {
	v, err := s.rdb.HGet(ctx, s.k.usernames(), strings.ToLower(strings.TrimPrefix(name, "@"))).Result()
	if err == redis.Nil {
		return "", false, nil
	}
	if err != nil {
		return "", false, down(err)
	}
	id, err := bot.ParseID(v)
	return id, err == nil, nil
}
