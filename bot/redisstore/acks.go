package redisstore

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/redis/go-redis/v9"
)

// ackTTL is how long a reminder message can be acknowledged.
const ackTTL = 14 * 24 * time.Hour

// ackScript records one acknowledgement (each person once) and returns
// {added, text, code, entries…} in one step. KEYS: ack. ARGV: user id, name.
var ackScript = redis.NewScript(`
local text = redis.call('HGET', KEYS[1], '_text')
if not text then return {0, '', ''} end
local added = 0
if redis.call('HEXISTS', KEYS[1], 'u:' .. ARGV[1]) == 0 then
  local n = redis.call('HINCRBY', KEYS[1], '_n', 1)
  redis.call('HSET', KEYS[1], 'u:' .. ARGV[1], n .. '|' .. ARGV[2])
  added = 1
end
local out = {added, text, redis.call('HGET', KEYS[1], '_code') or ''}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if string.sub(all[i], 1, 2) == 'u:' then table.insert(out, all[i + 1]) end
end
return out
`)

// SaveAck remembers a reminder message for later acknowledgements.
func (s *Store) SaveAck(ctx context.Context, chatID bot.ID, msgID int, text, code string) error {
	key := s.k.ack(chatID, msgID)
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, key, "_text", text, "_code", code)
		p.Expire(ctx, key, ackTTL)
		return nil
	})
	return down(err)
}

// Ack records userID's acknowledgement of a reminder message.
func (s *Store) Ack(ctx context.Context, chatID bot.ID, msgID int, userID bot.ID, name string) (string, string, []string, bool, error) {
	res, err := ackScript.Run(ctx, s.rdb, []string{s.k.ack(chatID, msgID)}, userID.Key(), name).Slice()
	if err != nil {
		return "", "", nil, false, down(err)
	}
	added, _ := res[0].(int64)
	text, _ := res[1].(string)
	code, _ := res[2].(string)
	type entry struct {
		n    int
		name string
	}
	var es []entry
	for _, v := range res[3:] {
		s, _ := v.(string)
		num, name, _ := strings.Cut(s, "|")
		n, _ := strconv.Atoi(num)
		es = append(es, entry{n, name})
	}
	sort.Slice(es, func(i, j int) bool { return es[i].n < es[j].n })
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = e.name
	}
	return text, code, names, added == 1, nil
}
