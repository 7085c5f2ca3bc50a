package redisstore

import (
	"context"

	"github.com/coordbot/coordbot/bot"
	"github.com/redis/go-redis/v9"
)

// DecideRequest approves (subscribing g) or refuses a group's pending request, with the audit
// entry, in one step whose precondition — the request is still pending — is checked under WATCH
// of both the requests and the groups. decided is false, and nothing changes, when another
// coordinator decided first (or the group removed its request): a stale button cannot undo an
// approval or approve a refused request.
func (s *Store) DecideRequest(ctx context.Context, g bot.SubscribedGroup, approve bool, audit bot.Audit) (bool, error) {
	id := g.ChatID.Key()
	decided := false
	err := s.watch(ctx, func(tx *redis.Tx) error {
		pending, err := tx.HExists(ctx, s.k.groupRequests(), id).Result()
		if err != nil {
			return err
		}
		if decided = pending; !decided {
			return nil
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			if approve {
				p.HSet(ctx, s.k.groups(), id, groupValue(g))
			}
			p.HDel(ctx, s.k.groupRequests(), id)
			return s.txAudit(ctx, p, audit)
		})
		return err
	}, s.k.groupRequests(), s.k.groups())
	return decided, down(err)
}
