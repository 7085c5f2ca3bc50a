package redisstore

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/redis/go-redis/v9"
)

// Enqueue writes updates to the inbox (one pipelined round trip), so that the transport may
// confirm them to Telegram before they are handled: from then on the inbox, not Telegram, keeps
// each one until Finish removes it.
func (s *Store) Enqueue(ctx context.Context, ups []chat.Update) error {
	if len(ups) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(ups))
	for _, u := range ups {
		data, err := json.Marshal(u)
		if err != nil {
			return err
		}
		args = append(args, string(u.ID), data)
	}
	return down(s.rdb.HSet(ctx, s.k.inbox(), args...).Err())
}

// Inbox is every update in the inbox, oldest first (by update id, which is each chat's order):
// what a process that begins to poll handles first, since the one before it did not finish them.
func (s *Store) Inbox(ctx context.Context) ([]chat.Update, error) {
	m, err := s.rdb.HGetAll(ctx, s.k.inbox()).Result()
	if err != nil && err != redis.Nil {
		return nil, down(err)
	}
	ups := make([]chat.Update, 0, len(m))
	for id, data := range m {
		var u chat.Update
		if err := json.Unmarshal([]byte(data), &u); err != nil || u.ID != bot.UpdateKey(id) {
			// Unreadable: dropped rather than retried for ever.
			if err := s.rdb.HDel(ctx, s.k.inbox(), id).Err(); err != nil {
				return nil, down(err)
			}
			continue
		}
		ups = append(ups, u)
	}
	slices.SortFunc(ups, func(a, b chat.Update) int {
		// Decimal ids: a shorter one is smaller.
		return cmp.Or(cmp.Compare(len(a.ID), len(b.ID)), cmp.Compare(a.ID, b.ID))
	})
	return ups, nil
}
