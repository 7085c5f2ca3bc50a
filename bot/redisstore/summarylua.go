package redisstore

import "github.com/redis/go-redis/v9"

// luaSummary is the Lua that keeps an activity's summary (package summary has the text forms),
// shared by the report step and Rebuild, so an incremental summary and a rebuilt one are the same
// computation. Sums add values in stream order, as quantity.Achieved does, and are written with
// 17 significant digits, which read back to the same float64: a summary is exactly what the views
// computed from the reports.
const luaSummary = `
local function streamScore(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  seq = tonumber(seq)
  if seq > 1023 then seq = 1023 end
  return tonumber(ms) * 1024 + seq
end
local function split(s)
  local t = {}
  for f in string.gmatch(s .. '\t', '([^\t]*)\t') do t[#t + 1] = f end
  return t
end
local zeroSec = -62135596800
local function newSum()
  return {n = 0, sec = zeroSec, nsec = 0, lid = '', pct = '0', keys = {}, sum = {}, lat = {}, latid = {}}
end
local function foldRecord(S, id, rec)
  local f = split(rec)
  local sec, nsec = tonumber(f[1]), tonumber(f[2])
  S.n = S.n + 1
  if sec > S.sec or (sec == S.sec and nsec > S.nsec) then S.sec, S.nsec = sec, nsec end
  S.lid, S.pct = id, f[3]
  local i = 4
  while i < #f do
    local k, v = f[i], tonumber(f[i + 1])
    if S.sum[k] == nil then
      S.keys[#S.keys + 1] = k
      S.sum[k] = 0
    end
    S.sum[k] = S.sum[k] + v
    S.lat[k], S.latid[k] = v, id
    i = i + 2
  end
end
local function parseSum(text)
  local S = newSum()
  if not text then return S end
  local first = true
  for line in string.gmatch(text, '([^\n]+)') do
    local f = split(line)
    if first then
      S.n, S.sec, S.nsec, S.lid, S.pct = tonumber(f[1]), tonumber(f[2]), tonumber(f[3]), f[4], f[5]
      first = false
    else
      local k = f[1]
      S.keys[#S.keys + 1] = k
      S.sum[k], S.lat[k], S.latid[k] = tonumber(f[2]), tonumber(f[3]), f[4]
    end
  end
  return S
end
local function encodeSum(S)
  local out = {string.format('%d\t%.0f\t%d\t%s\t%s', S.n, S.sec, S.nsec, S.lid, S.pct)}
  for _, k in ipairs(S.keys) do
    out[#out + 1] = string.format('%s\t%.17g\t%.17g\t%s', k, S.sum[k], S.lat[k], S.latid[k])
  end
  return table.concat(out, '\n')
end
local function storeSum(sumKey, code, S)
  if S.n == 0 then
    redis.call('HDEL', sumKey, code)
  else
    redis.call('HSET', sumKey, code, encodeSum(S))
  end
end
-- recompute builds one activity's summary again from its reports (ids in stream order).
local function recompute(sumKey, ofKey, talKey, code)
  local S = newSum()
  local ids = redis.call('ZRANGE', ofKey, 0, -1)
  local i = 1
  while i <= #ids do
    local batch = {}
    for j = i, math.min(i + 499, #ids) do batch[#batch + 1] = ids[j] end
    local recs = redis.call('HMGET', talKey, unpack(batch))
    for j = 1, #batch do
      if recs[j] then foldRecord(S, batch[j], recs[j]) end
    end
    i = i + 500
  end
  storeSum(sumKey, code, S)
  return S.n
end
`

// recomputeScript rebuilds the summaries of the activities named in ARGV (KEYS: summaries,
// tallies, then each activity's reportsOf key in ARGV's order).
var recomputeScript = redis.NewScript(luaSummary + `
for i = 1, #ARGV do recompute(KEYS[1], KEYS[i + 2], KEYS[2], ARGV[i]) end
return #ARGV
`)

// auditStep appends an audit entry with its index entries; the first write to empty streams
// marks the indexes complete. KEYS: audit, auditByTime, auditOf(code), indexed, reports. ARGV:
// audit JSON, its time (Unix ms), "1" when it names an activity.
var auditStep = redis.NewScript(luaSummary + `
if redis.call('XLEN', KEYS[1]) == 0 and redis.call('XLEN', KEYS[5]) == 0 then
  redis.call('SET', KEYS[4], '1')
end
local aid = redis.call('XADD', KEYS[1], '*', 'a', ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], aid)
if ARGV[3] == '1' then redis.call('ZADD', KEYS[3], streamScore(aid), aid) end
return aid
`)
