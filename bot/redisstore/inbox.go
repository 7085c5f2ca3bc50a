package redisstore

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"

	"github.com/coordbot/coordbot/bot"
	"github.com/redis/go-redis/v9"
)

// Inbox is the durable inbox of a transport's updates, of whatever type the transport hands the
// bot (chat.Update), kept as JSON by update key: the store knows the key, not the update.
type Inbox[T any] struct {
	s   *Store
	key func(T) bot.UpdateKey
}

// NewInbox is s's inbox of updates of type T, each named by key.
func NewInbox[T any](s *Store, key func(T) bot.UpdateKey) *Inbox[T] { return &Inbox[T]{s: s, key: key} }

// Enqueue writes updates to the inbox (one pipelined round trip), so that the transport may
// confirm them to Telegram before they are handled: from then on the inbox, not Telegram, keeps
// each one until Finish removes it.
func (in *Inbox[T]) Enqueue(ctx context.Context, ups []T) error {
	s := in.s
	if len(ups) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(ups))
	for _, u := range ups {
		data, err := json.Marshal(u)
		if err != nil {
			return err
		}
		args = append(args, string(in.key(u)), data)
	}
	return down(s.rdb.HSet(ctx, s.k.inbox(), args...).Err())
}

// Inbox is every update in the inbox, oldest first (by update id, which is each chat's order):
// what a process that begins to poll handles first, since the one before it did not finish them.
func (in *Inbox[T]) Inbox(ctx context.Context) ([]T, error) {
	s := in.s
	m, err := s.rdb.HGetAll(ctx, s.k.inbox()).Result()
	if err != nil && err != redis.Nil {
		return nil, down(err)
	}
	ups := make([]T, 0, len(m))
	for id, data := range m {
		var u T
		if err := json.Unmarshal([]byte(data), &u); err != nil || in.key(u) != bot.UpdateKey(id) {
			// Unreadable: dropped rather than retried for ever.
			if err := s.rdb.HDel(ctx, s.k.inbox(), id).Err(); err != nil {
				return nil, down(err)
			}
			continue
		}
		ups = append(ups, u)
	}
	slices.SortFunc(ups, func(a, b T) int {
		// Decimal ids: a shorter one is smaller.
		ka, kb := in.key(a), in.key(b)
		return cmp.Or(cmp.Compare(len(ka), len(kb)), cmp.Compare(ka, kb))
	})
	return ups, nil
}
