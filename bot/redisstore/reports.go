package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/redis/go-redis/v9"
)

// addReport appends a report to the stream and makes it the activity's latest, unless the update
// that carries it was already recorded: one step, so a confirmed report is in both or neither.
// KEYS: stream, latest, reportUpdate. ARGV: code, JSON, update ttl (s) or 0.
var addReport = redis.NewScript(`
local prev = redis.call('GET', KEYS[3])
if prev then return {0, prev} end
local id = redis.call('XADD', KEYS[1], '*', 'r', ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], id .. '|' .. ARGV[2])
if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[3], id, 'EX', ARGV[3]) end
return {1, id}
`)

// withdraw deletes a report from the stream and sets the activity's latest to the given value
// ("" removes it), provided the latest is still what the caller read. KEYS: stream, latest.
// ARGV: code, id to delete, expected latest, new latest.
var withdraw = redis.NewScript(`
local cur = redis.call('HGET', KEYS[2], ARGV[1]) or ''
if cur ~= ARGV[3] then return 0 end
redis.call('XDEL', KEYS[1], ARGV[2])
if ARGV[4] == '' then redis.call('HDEL', KEYS[2], ARGV[1]) else redis.call('HSET', KEYS[2], ARGV[1], ARGV[4]) end
return 1
`)

// AddReport appends r; see bot.ReportStore.
func (s *Store) AddReport(ctx context.Context, r bot.Report) (bot.Report, bool, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return r, false, err
	}
	ttl := 0
	updKey := s.k.reportUpdate(r.UpdateID)
	if r.UpdateID != 0 {
		ttl = int(updateTTL.Seconds())
	}
	res, err := addReport.Run(ctx, s.rdb, []string{s.k.reports(), s.k.latest(), updKey}, r.Code, data, ttl).Slice()
	if err != nil {
		return r, false, down(err)
	}
	r.ID, _ = res[1].(string)
	if n, _ := res[0].(int64); n == 0 {
		// The update was handled before: return the report it created.
		msgs, err := s.rdb.XRange(ctx, s.k.reports(), r.ID, r.ID).Result()
		if err != nil {
			return r, false, down(err)
		}
		if len(msgs) == 1 {
			if old, err := decodeReport(msgs[0]); err == nil {
				r = old
			}
		}
		return r, false, nil
	}
	return r, true, nil
}

// Latest returns the latest report of each activity.
func (s *Store) Latest(ctx context.Context) (map[string]bot.Report, error) {
	all, err := s.rdb.HGetAll(ctx, s.k.latest()).Result()
	if err != nil {
		return nil, down(err)
	}
	out := make(map[string]bot.Report, len(all))
	for code, v := range all {
		r, err := decodeLatest(v)
		if err != nil {
			return nil, fmt.Errorf("latest report of %s: %w", code, err)
		}
		out[code] = r
	}
	return out, nil
}

// Reports returns every report, oldest first.
func (s *Store) Reports(ctx context.Context) ([]bot.Report, error) {
	msgs, err := s.rdb.XRange(ctx, s.k.reports(), "-", "+").Result()
	if err != nil {
		return nil, down(err)
	}
	out := make([]bot.Report, 0, len(msgs))
	for _, m := range msgs {
		r, err := decodeReport(m)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// WithdrawLast removes userID's latest report on code and restores the activity's previous latest.
func (s *Store) WithdrawLast(ctx context.Context, code string, userID int64) (bot.Report, bool, error) {
	for attempt := 0; attempt < 5; attempt++ {
		cur, err := s.rdb.HGet(ctx, s.k.latest(), code).Result()
		if err != nil && err != redis.Nil {
			return bot.Report{}, false, down(err)
		}
		latest, _ := decodeLatest(cur)
		victim, next, err := s.findWithdrawal(ctx, code, userID, latest.ID)
		if err != nil || victim.ID == "" {
			return bot.Report{}, false, err
		}
		// Withdrawing the latest report makes the one before it (by anyone) the latest.
		newLatest := cur
		if victim.ID == latest.ID {
			newLatest = ""
			if next.ID != "" {
				newLatest = encodeLatest(next)
			}
		}
		ok, err := withdraw.Run(ctx, s.rdb, []string{s.k.reports(), s.k.latest()}, code, victim.ID, cur, newLatest).Int()
		if err != nil {
			return bot.Report{}, false, down(err)
		}
		if ok == 1 {
			return victim, true, nil
		}
	}
	return bot.Report{}, false, fmt.Errorf("withdraw %s: too many concurrent changes", code)
}

// withdrawPage is how many reports one backward read of the stream takes.
const withdrawPage = 200

// findWithdrawal reads the stream backwards, newest first, until it has found userID's last
// report on code and, when that report is the latest (latestID), the report before it: usually
// one page, never the whole stream unless the report is old.
func (s *Store) findWithdrawal(ctx context.Context, code string, userID int64, latestID string) (victim, next bot.Report, err error) {
	end := "+"
	for {
		msgs, err := s.rdb.XRevRangeN(ctx, s.k.reports(), end, "-", withdrawPage).Result()
		if err != nil {
			return victim, next, down(err)
		}
		for _, m := range msgs {
			r, err := decodeReport(m)
			if err != nil {
				return victim, next, err
			}
			switch {
			case r.Code != code:
			case victim.ID == "" && r.UserID == userID:
				victim = r
				if victim.ID != latestID {
					return victim, next, nil // the latest stays; nothing more to find
				}
			case victim.ID != "":
				return victim, r, nil
			}
		}
		if len(msgs) < withdrawPage {
			return victim, next, nil
		}
		end = "(" + msgs[len(msgs)-1].ID
	}
}

func decodeReport(m redis.XMessage) (bot.Report, error) {
	v, _ := m.Values["r"].(string)
	var r bot.Report
	if err := json.Unmarshal([]byte(v), &r); err != nil {
		return r, fmt.Errorf("report %s: %w", m.ID, err)
	}
	r.ID = m.ID
	return r, nil
}

func decodeLatest(v string) (bot.Report, error) {
	id, data, ok := strings.Cut(v, "|")
	if !ok {
		return bot.Report{}, fmt.Errorf("malformed latest %q", v)
	}
	var r bot.Report
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		return r, err
	}
	r.ID = id
	return r, nil
}

func encodeLatest(r bot.Report) string {
	data, _ := json.Marshal(r)
	return r.ID + "|" + string(data)
}
