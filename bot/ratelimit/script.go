package ratelimit

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// reserveScript reserves one message in every cell it is given, all or nothing, in one round trip.
//
// KEYS: the cells (global, chat, and group for groups).
// ARGV[1]: a floor on the delay in microseconds (this process's own in-process reservations
// still pending after an outage, which Redis never saw).
// ARGV[2i], ARGV[2i+1]: interval and tolerance of KEYS[i], in microseconds.
// Returns {now, sendAt} in microseconds of the server's clock.
//
// The send time is the earliest instant every cell conforms; each cell's TAT then advances from
// that instant, so a message held back by one cell is counted in the others when it really goes.
// Time comes from the server (TIME), so processes with skewed clocks share one timeline. Numbers
// are formatted with %.0f because Lua's tostring would print microsecond timestamps in exponent
// form and lose precision.
var reserveScript = redis.NewScript(`
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local s = now + tonumber(ARGV[1])
local tat = {}
for i = 1, #KEYS do
  tat[i] = tonumber(redis.call('GET', KEYS[i]) or 0) or 0
  local earliest = tat[i] - tonumber(ARGV[2 * i + 1])
  if earliest > s then s = earliest end
end
for i = 1, #KEYS do
  local nxt = math.max(tat[i], s) + tonumber(ARGV[2 * i])
  redis.call('SET', KEYS[i], string.format('%.0f', nxt), 'PX', math.floor((nxt - now) / 1000) + 1)
end
return {now, s}
`)

// reserveRedis runs reserveScript for chatID and returns the server's clock and the reserved send
// time, both in microseconds.
func (l *Limiter) reserveRedis(ctx context.Context, chatID int64, floor time.Duration) (now, sendAt int64, err error) {
	keys := make([]string, 2, 3)
	keys[0], keys[1] = globalKey(l.prefix), chatKey(l.prefix, chatID)
	args := make([]any, 1, 7)
	args[0] = floor.Microseconds()
	args = append(args, l.cells.global.interval.Microseconds(), l.cells.global.tolerance.Microseconds(),
		l.cells.chat.interval.Microseconds(), l.cells.chat.tolerance.Microseconds())
	if isGroup(chatID) {
		keys = append(keys, groupKey(l.prefix, chatID))
		args = append(args, l.cells.group.interval.Microseconds(), l.cells.group.tolerance.Microseconds())
	}
	if l.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, l.timeout)
		defer cancel()
	}
	res, err := reserveScript.Run(ctx, l.rdb, keys, args...).Int64Slice()
	if err != nil {
		return 0, 0, err
	}
	if len(res) != 2 {
		return 0, 0, fmt.Errorf("ratelimit: script returned %d values, want 2", len(res))
	}
	return res[0], res[1], nil
}
