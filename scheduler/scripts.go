package scheduler

import "github.com/redis/go-redis/v9"

// The Lua scripts of the queue. Each takes every key it touches in KEYS (all in the "{sched}" hash
// slot), so they run on a single Redis, Sentinel or Cluster alike. go-redis runs them by EVALSHA
// and falls back to EVAL when the server does not have them yet. These are constants in effect:
// redis.Script holds only the source and its SHA.

// claimScript first returns expired leases to due (their owner died between claim and ack), then
// moves up to ARGV[3] due ids with score <= now into processing with the lease expiry as score,
// recording "token|due score" in claims. It returns {{id, claim, id, claim, …}, earliest score
// left in due or false}: the second part lets the loop sleep just until the next one is due.
//
// KEYS: due, processing, claims. ARGV: now ms, lease expiry ms, batch, token.
var claimScript = redis.NewScript(`
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(expired) do
  local c = redis.call('HGET', KEYS[3], id)
  local score = ARGV[1]
  if c then score = string.match(c, '|(.*)$') or ARGV[1] end
  redis.call('ZREM', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
  redis.call('ZADD', KEYS[1], score, id)
end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, ARGV[3])
local out = {}
for i = 1, #due, 2 do
  local id, claim = due[i], ARGV[4] .. '|' .. due[i + 1]
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZADD', KEYS[2], ARGV[2], id)
  redis.call('HSET', KEYS[3], id, claim)
  out[#out + 1] = id
  out[#out + 1] = claim
end
local nxt = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {out, nxt[2] or false}
`)

// Results of beginScript.
const (
	beginFire   = 1 // still ours, not sent yet: fire it
	beginLost   = 0 // the lease went to someone else: leave it alone
	beginGone   = 2 // cancelled since the claim: cleaned up, do not fire
	beginIsSent = 3 // a previous owner sent it and died before ack: ack without firing
)

// beginScript runs just before fire: it checks the claim is still ours, that the reminder was not
// cancelled meanwhile and that the occurrence was not already sent, and renews the lease for the
// time the send may take.
//
// KEYS: processing, claims, reminder, sent. ARGV: id, claim, new lease expiry ms.
var beginScript = redis.NewScript(`
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
if redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  return 2
end
if redis.call('EXISTS', KEYS[4]) == 1 then return 3 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return 1
`)

// Results of ackScript.
const (
	ackLost = 0 // the claim was no longer ours; only the sent marker was written
	ackDone = 1
	ackGone = 2 // the reminder was cancelled meanwhile
)

// ackScript ends a claim. With ARGV[6] = "1" it first records the occurrence as sent, even when
// the lease was lost, so that the new owner's beginScript sees it and does not send it again.
// Then, if the claim is still ours: mode "retry" puts the id back in due at ARGV[5] and counts the
// try; mode "done" re-adds a recurring reminder at its next occurrence ARGV[5] or, when ARGV[5] is
// "0", deletes the reminder and its index entries.
//
// KEYS: processing, claims, reminder, due, sent, chat index, ref index.
// ARGV: id, claim, mode, sent TTL ms, next ms or "0", mark "1"/"0".
var ackScript = redis.NewScript(`
if ARGV[6] == '1' then redis.call('SET', KEYS[5], '1', 'NX', 'PX', ARGV[4]) end
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('EXISTS', KEYS[3]) == 0 then return 2 end
if ARGV[3] == 'retry' then
  redis.call('HINCRBY', KEYS[3], 'tries', 1)
  redis.call('ZADD', KEYS[4], ARGV[5], ARGV[1])
  return 1
end
if ARGV[5] ~= '0' then
  redis.call('HSET', KEYS[3], 'at', ARGV[5], 'tries', 0)
  redis.call('ZADD', KEYS[4], ARGV[5], ARGV[1])
else
  redis.call('DEL', KEYS[3])
  redis.call('SREM', KEYS[6], ARGV[1])
  redis.call('SREM', KEYS[7], ARGV[1])
end
return 1
`)

// cancelScript deletes a reminder wherever it is. It returns 0 when the reminder was already gone,
// so that of two concurrent cancels only one reports success.
//
// KEYS: reminder, due, processing, claims, chat index, ref index. ARGV: id.
var cancelScript = redis.NewScript(`
if redis.call('DEL', KEYS[1]) == 0 then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('SREM', KEYS[5], ARGV[1])
redis.call('SREM', KEYS[6], ARGV[1])
return 1
`)

// heartbeatScript extends the leases of claims still ours while their firing goes on, so a short
// lease survives a slow send and a dead process's claims expire soon. It returns how many leases
// it extended.
//
// KEYS: processing, claims. ARGV: new lease expiry ms, then id, claim, id, claim, …
var heartbeatScript = redis.NewScript(`
local n = 0
for i = 2, #ARGV, 2 do
  if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[i + 1] then
    redis.call('ZADD', KEYS[1], 'XX', ARGV[1], ARGV[i])
    n = n + 1
  end
end
return n
`)

// slotClaimScript takes a once-only slot for one send. It returns 0 (SlotClaimed) when the slot
// was free and is now ARGV[1] for ARGV[2] ms, 1 (SlotSent) when it says sent (or holds the "1"
// that Once writes), 2 (SlotBusy) when another caller's claim is on it.
//
// KEYS: slot. ARGV: claim token, ttl ms.
var slotClaimScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 0
end
if string.sub(v, 1, 8) == 'sending:' then return 2 end
return 1
`)

// slotReleaseScript deletes a slot if it still holds this claim (compare and delete).
//
// KEYS: slot. ARGV: claim token.
var slotReleaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)
