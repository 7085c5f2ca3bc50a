package ratelimit

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// tryScript is one attempt to send a message: it takes a global slot only for a message whose own
// chat (and group) cells already conform, so a message held back by its own chat never holds or
// advances the global cell and nobody else queues behind it.
//
// KEYS[1]: the global cell; KEYS[2]: the chat's cell; KEYS[3]: the group's cell, for groups.
// ARGV[1]: the clock in microseconds, or 0 for the server's TIME (tests pass a fake clock).
// ARGV[2]: the longest wait for a global slot the caller accepts, in microseconds; negative for
// any. A message that may wait (a broadcast) passes one interval, so it takes a slot only when
// the global queue is empty and replies to people go first...
// ARGV[3], ARGV[4]: ...until it has yielded for ARGV[3] microseconds since its first try at
// ARGV[4] (0: this is the first), after which it queues like any other.
// ARGV[3i+2], ARGV[3i+3], ARGV[3i+4]: interval and tolerance of KEYS[i], and a floor under its TAT
// relative to now (slots this process took in-process during an outage, which Redis never saw),
// in microseconds.
// Returns {now, at, outcome}:
//   - 1: a slot is reserved at `at` in every cell, each cell's TAT advanced from `at`;
//   - 0: the chat's own cells hold the message back; nothing was written; its turn is at `at`;
//   - 2: the message yields to a queue longer than it accepts; nothing was written; try again at
//     `at`, when the queue will be short enough.
//
// Time comes from the server (TIME), so processes with skewed clocks share one timeline. Numbers
// are formatted with %.0f because Lua's tostring would print microsecond timestamps in exponent
// form and lose precision.
var tryScript = redis.NewScript(`
if redis.replicate_commands then redis.replicate_commands() end
local now = tonumber(ARGV[1])
local keep = 0
if now > 0 then
  -- A test's fake clock stands still while real time passes: keep keys until the test is over.
  keep = 600000
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local tat = {}
for i = 1, #KEYS do
  tat[i] = math.max(tonumber(redis.call('GET', KEYS[i]) or 0) or 0, now + tonumber(ARGV[3 * i + 4]))
end
local ready = now
for i = 2, #KEYS do
  local e = tat[i] - tonumber(ARGV[3 * i + 3])
  if e > ready then ready = e end
end
if ready > now then
  return {now, ready, 0}
end
local s = math.max(now, tat[1] - tonumber(ARGV[6]))
local maxWait, first = tonumber(ARGV[2]), tonumber(ARGV[4])
if first <= 0 then first = now end
if maxWait >= 0 and now - first < tonumber(ARGV[3]) and s - now > maxWait then
  return {now, s - maxWait, 2}
end
for i = 1, #KEYS do
  local nxt = math.max(tat[i], s) + tonumber(ARGV[3 * i + 2])
  redis.call('SET', KEYS[i], string.format('%.0f', nxt), 'PX', math.floor((nxt - now) / 1000) + 1 + keep)
end
return {now, s, 1}
`)

// scriptKeys are the keys tryScript touches for chatID, global first.
func (l *Limiter) scriptKeys(chatID string) []string {
	keys := make([]string, 2, 3)
	keys[0], keys[1] = globalKey(l.prefix), chatKey(l.prefix, chatID)
	if isGroup(chatID) {
		keys = append(keys, groupKey(l.prefix, chatID))
	}
	return keys
}

// tryRedis runs tryScript for chatID.
func (l *Limiter) tryRedis(ctx context.Context, chatID string, y yield, floors [3]time.Duration) (r result, err error) {
	keys := l.scriptKeys(chatID)
	var clock int64
	if l.scriptNow != nil {
		clock = l.scriptNow().UnixMicro()
	}
	mw, first := int64(-1), int64(0)
	if y.max >= 0 {
		mw = y.max.Microseconds()
	}
	if !y.first.IsZero() {
		first = y.first.UnixMicro()
	}
	args := make([]any, 0, 13)
	args = append(args, clock, mw, BulkPatience.Microseconds(), first)
	cs := [3]cell{l.cells.global, l.cells.chat, l.cells.group}
	for i, c := range cs[:len(keys)] {
		args = append(args, c.interval.Microseconds(), c.tolerance.Microseconds(), floors[i].Microseconds())
	}
	if l.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, l.timeout)
		defer cancel()
	}
	res, err := tryScript.Run(ctx, l.rdb, keys, args...).Int64Slice()
	if err != nil {
		return result{}, err
	}
	if len(res) != 3 {
		return result{}, fmt.Errorf("ratelimit: script returned %d values, want 3", len(res))
	}
	return result{now: time.UnixMicro(res[0]), at: time.UnixMicro(res[1]), granted: res[2] == 1, yielding: res[2] == 2}, nil
}
