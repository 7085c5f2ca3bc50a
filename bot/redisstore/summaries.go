package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/redisstore/summary"
	"github.com/redis/go-redis/v9"
)

// Summaries reads what views need without reading the whole history: one summary per activity,
// and reports and audit entries a page at a time through the indexes that the report and audit
// steps keep (indexkeys.go). It shares the Store's client and keys.
type Summaries struct {
	rdb redis.UniversalClient
	k   keys
}

// NewSummaries reads the summaries and indexes of s's programme.
func NewSummaries(s *Store) *Summaries { return &Summaries{rdb: s.rdb, k: s.k} }

// Ready says whether the summaries and indexes hold everything in the streams: true for data
// written by this version from the start, or once Rebuild ran; false for older data (read the
// streams, or run `coordbot rebuild`).
func (m *Summaries) Ready(ctx context.Context) (bool, error) {
	n, err := m.rdb.Exists(ctx, m.k.indexed()).Result()
	return n == 1, down(err)
}

// All is the summary of every activity that has reports standing, by code (an activity with
// none has no entry): one HGETALL, one entry per activity.
func (m *Summaries) All(ctx context.Context) (map[string]summary.Activity, error) {
	all, err := m.rdb.HGetAll(ctx, m.k.summaries()).Result()
	if err != nil {
		return nil, down(err)
	}
	out := make(map[string]summary.Activity, len(all))
	for code, text := range all {
		a, err := summary.Parse(code, text)
		if err != nil {
			return nil, err
		}
		out[code] = a
	}
	return out, nil
}

// History is a page of up to n audit entries of one activity (code in any case), oldest first,
// after the entry with id after ("" from the first); next is "" after the last. /lichsu reads
// pages, never the audit stream.
func (m *Summaries) History(ctx context.Context, code, after string, n int) ([]bot.Audit, string, error) {
	ids, next, err := m.pageAfter(ctx, m.k.auditOf(code), after, n)
	if err != nil {
		return nil, "", err
	}
	as, err := m.auditByID(ctx, ids)
	return as, next, err
}

// pageAfter reads up to n members of a ZSET scored by streamScore after member after.
func (m *Summaries) pageAfter(ctx context.Context, key, after string, n int) ([]string, string, error) {
	if n <= 0 {
		return nil, "", nil
	}
	min := "-inf"
	if after != "" {
		sc, err := streamScore(after)
		if err != nil {
			return nil, "", err
		}
		min = "(" + strconv.FormatFloat(sc, 'f', -1, 64)
	}
	ids, err := m.rdb.ZRangeByScore(ctx, key, &redis.ZRangeBy{Min: min, Max: "+inf", Count: int64(n) + 1}).Result()
	if err != nil {
		return nil, "", down(err)
	}
	next := ""
	if len(ids) > n {
		ids = ids[:n]
		next = ids[n-1]
	}
	return ids, next, nil
}

// auditByID reads the audit entries of ids (in that order) in one round trip.
func (m *Summaries) auditByID(ctx context.Context, ids []string) ([]bot.Audit, error) {
	msgs, err := m.byID(ctx, m.k.audit(), ids)
	if err != nil {
		return nil, err
	}
	out := make([]bot.Audit, 0, len(msgs))
	for _, msg := range msgs {
		a, err := decodeAudit(msg)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// byID reads stream entries by id, pipelined.
func (m *Summaries) byID(ctx context.Context, stream string, ids []string) ([]redis.XMessage, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cmds := make([]*redis.XMessageSliceCmd, len(ids))
	if _, err := m.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			cmds[i] = p.XRange(ctx, stream, id, id)
		}
		return nil
	}); err != nil {
		return nil, down(err)
	}
	out := make([]redis.XMessage, 0, len(ids))
	for _, c := range cmds {
		out = append(out, c.Val()...)
	}
	return out, nil
}

func decodeAudit(msg redis.XMessage) (bot.Audit, error) {
	v, _ := msg.Values["a"].(string)
	var a bot.Audit
	if err := json.Unmarshal([]byte(v), &a); err != nil {
		return a, fmt.Errorf("audit %s: %w", msg.ID, err)
	}
	a.ID = msg.ID
	return a, nil
}

// streamScore is the score of a stream id in the by-activity ZSETs, as the Lua streamScore
// computes it: ms·1024 + seq (seq capped at 1023), exact in a float64 until the year 10 000.
func streamScore(id string) (float64, error) {
	ms, seq, err := parseStreamID(id)
	if err != nil {
		return 0, err
	}
	return float64(ms)*1024 + float64(min(seq, 1023)), nil
}

func parseStreamID(id string) (uint64, uint64, error) {
	a, b, ok := strings.Cut(id, "-")
	ms, err1 := strconv.ParseUint(a, 10, 64)
	seq, err2 := strconv.ParseUint(b, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("malformed stream id %q", id)
	}
	return ms, seq, nil
}
