package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/redis/go-redis/v9"
)

// Sessions is the conversation's state in Redis, apart from the programme's data: each update's
// claim (Begin, Renew, Finish, Forget), each user's language and @name, and who wrote to the bot
// in private. Store embeds it, so one Store is the whole bot.Store.
type Sessions struct {
	rdb redis.UniversalClient
	k   keys
}

// updateTTL is how long an update id is remembered: Telegram redelivers unconfirmed updates for
// 24 hours, so twice that is safe.
const updateTTL = 48 * time.Hour

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
func (s *Sessions) Begin(ctx context.Context, updateID bot.UpdateKey, userID, chatID bot.ID, username string) (bot.Session, error) {
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
func (s *Sessions) Renew(ctx context.Context, updateID bot.UpdateKey) error {
	return down(renewClaim.Run(ctx, s.rdb, []string{s.k.update(updateID)}, claimRunning, claimTTL.Milliseconds()).Err())
}

// Finish marks updateID done (a redelivery is then seen, for updateTTL) and removes it from the
// inbox of updates waiting to be handled, in one round trip. The done marker is written first:
// should the removal not happen, the update is taken from the inbox again and found done.
func (s *Sessions) Finish(ctx context.Context, updateID bot.UpdateKey) error {
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, s.k.update(updateID), claimDone, updateTTL)
		p.HDel(ctx, s.k.inbox(), string(updateID))
		return nil
	})
	return down(err)
}

// Forget releases an update claim, so that whoever gets the update next handles it.
func (s *Sessions) Forget(ctx context.Context, updateID bot.UpdateKey) error {
	return down(s.rdb.Del(ctx, s.k.update(updateID)).Err())
}

// Lang reads a user's chosen language ("" when none).
func (s *Sessions) Lang(ctx context.Context, userID bot.ID) (string, error) {
	v, err := s.rdb.Get(ctx, s.k.lang(userID)).Result()
	if err == redis.Nil {
		return "", nil
	}
	return v, down(err)
}

// SetLang remembers a user's language.
func (s *Sessions) SetLang(ctx context.Context, userID bot.ID, lang string) error {
	return down(s.rdb.Set(ctx, s.k.lang(userID), lang, 0).Err())
}

// UserByName is the user who wrote to the bot in private under Telegram username name (with or
// without the @).
func (s *Sessions) UserByName(ctx context.Context, name string) (bot.ID, bool, error) {
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
