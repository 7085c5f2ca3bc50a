package redisstore

import (
	"context"
	"encoding/json"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/redis/go-redis/v9"
)

// SaveUndo keeps what undoes a correction or a withdrawal under token for ttl (the ↩️ Hoàn tác
// button's lifetime).
func (s *Store) SaveUndo(ctx context.Context, token string, u bot.Undo, ttl time.Duration) error {
	data, err := json.Marshal(u)
	if err != nil {
		return err
	}
	return down(s.rdb.Set(ctx, s.k.undo(token), data, ttl).Err())
}

// TakeUndo returns and forgets what token undoes (GETDEL, so two presses undo once); ok is false
// once it expired or was taken.
func (s *Store) TakeUndo(ctx context.Context, token string) (bot.Undo, bool, error) {
	data, err := s.rdb.GetDel(ctx, s.k.undo(token)).Bytes()
	if err == redis.Nil {
		return bot.Undo{}, false, nil
	}
	if err != nil {
		return bot.Undo{}, false, down(err)
	}
	var u bot.Undo
	if err := json.Unmarshal(data, &u); err != nil {
		return bot.Undo{}, false, nil
	}
	return u, true, nil
}
