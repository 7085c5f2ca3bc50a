package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

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

// Of is the summary of each activity named (codes as stored) that has reports standing.
func (m *Summaries) Of(ctx context.Context, codes ...string) (map[string]summary.Activity, error) {
	out := make(map[string]summary.Activity, len(codes))
	if len(codes) == 0 {
		return out, nil
	}
	vals, err := m.rdb.HMGet(ctx, m.k.summaries(), codes...).Result()
	if err != nil {
		return nil, down(err)
	}
	for i, v := range vals {
		text, ok := v.(string)
		if !ok {
			continue
		}
		a, err := summary.Parse(codes[i], text)
		if err != nil {
			return nil, err
		}
		out[codes[i]] = a
	}
	return out, nil
}

// LatestOf is the latest report of each of the occurrences named (by bot.LatestKey) that has
// one: what a view needs of the latest-reports hash (the current occurrence of each activity),
// without reading every past occurrence's.
func (m *Summaries) LatestOf(ctx context.Context, latestKeys []string) (map[string]bot.Report, error) {
	out := make(map[string]bot.Report, len(latestKeys))
	if len(latestKeys) == 0 {
		return out, nil
	}
	vals, err := m.rdb.HMGet(ctx, m.k.latest(), latestKeys...).Result()
	if err != nil {
		return nil, down(err)
	}
	for i, v := range vals {
		text, ok := v.(string)
		if !ok {
			continue
		}
		r, err := decodeLatest(text)
		if err != nil {
			return nil, fmt.Errorf("latest report of %s: %w", latestKeys[i], err)
		}
		out[latestKeys[i]] = r
	}
	return out, nil
}

// ReportsOf is a page of up to n reports standing on code (as stored), oldest first, after the
// report with id after ("" from the first); next is the id to pass for the following page, ""
// after the last.
func (m *Summaries) ReportsOf(ctx context.Context, code, after string, n int) ([]bot.Report, string, error) {
	ids, next, err := m.pageAfter(ctx, m.k.reportsOf(code), after, n)
	if err != nil {
		return nil, "", err
	}
	rs, err := m.reportsByID(ctx, ids)
	return rs, next, err
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

// RecentHistory is the last n audit entries of one activity, oldest first, and whether older
// ones exist (for a "xem thêm" button that pages with History).
func (m *Summaries) RecentHistory(ctx context.Context, code string, n int) ([]bot.Audit, bool, error) {
	if n <= 0 {
		return nil, false, nil
	}
	ids, err := m.rdb.ZRevRange(ctx, m.k.auditOf(code), 0, int64(n)).Result()
	if err != nil {
		return nil, false, down(err)
	}
	more := len(ids) > n
	if more {
		ids = ids[:n]
	}
	slices.Reverse(ids)
	as, err := m.auditByID(ctx, ids)
	return as, more, err
}

// ReportsBetween are the reports made in [start, end) (by Report.At; a zero bound is open), in
// stream order as Reports returns them: exactly the reports a view of that period filters out of
// Reports, read through the by-time index — a quarter reads its quarter.
func (m *Summaries) ReportsBetween(ctx context.Context, start, end time.Time) ([]bot.Report, error) {
	var out []bot.Report
	err := m.EachReportBetween(ctx, start, end, 1000, func(rs []bot.Report) error {
		out = append(out, rs...)
		return nil
	})
	slices.SortFunc(out, func(a, b bot.Report) int { return compareStreamIDs(a.ID, b.ID) })
	return out, err
}

// EachReportBetween calls fn with the reports made in [start, end), page reports at a time,
// ordered by time (Report.At): an export streams a period in bounded memory.
func (m *Summaries) EachReportBetween(ctx context.Context, start, end time.Time, page int, fn func([]bot.Report) error) error {
	return m.eachByTime(ctx, m.k.reportsByTime(), start, end, page, func(ids []string) error {
		rs, err := m.reportsByID(ctx, ids)
		if err != nil {
			return err
		}
		rs = slices.DeleteFunc(rs, func(r bot.Report) bool { return !within(r.At, start, end) })
		if len(rs) == 0 {
			return nil
		}
		return fn(rs)
	})
}

// EachAuditBetween calls fn with the audit entries made in [start, end) (by Audit.At; a zero
// bound is open), page entries at a time, ordered by time: a quarter's "Nhật ký".
func (m *Summaries) EachAuditBetween(ctx context.Context, start, end time.Time, page int, fn func([]bot.Audit) error) error {
	return m.eachByTime(ctx, m.k.auditByTime(), start, end, page, func(ids []string) error {
		as, err := m.auditByID(ctx, ids)
		if err != nil {
			return err
		}
		as = slices.DeleteFunc(as, func(a bot.Audit) bool { return !within(a.At, start, end) })
		if len(as) == 0 {
			return nil
		}
		return fn(as)
	})
}

// within says whether t is in [start, end), a zero bound being open, as assess filters.
func within(t, start, end time.Time) bool {
	return !(!start.IsZero() && t.Before(start) || !end.IsZero() && !t.Before(end))
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

// eachByTime reads a ZSET scored by Unix ms from start to end (a little wider: callers filter
// on the exact time), page members at a time, members of equal score in the ZSET's order.
func (m *Summaries) eachByTime(ctx context.Context, key string, start, end time.Time, page int, fn func([]string) error) error {
	if page <= 0 {
		page = 1000
	}
	lo, hi := math.Inf(-1), math.Inf(1)
	if !start.IsZero() {
		lo = float64(start.UnixMilli() - 1)
	}
	if !end.IsZero() {
		hi = float64(end.UnixMilli() + 1)
	}
	// Each page starts at score cur, skipping the offset members of that score already read.
	cur, max := lo, scoreText(hi)
	var offset int64
	for {
		zs, err := m.rdb.ZRangeArgsWithScores(ctx, redis.ZRangeArgs{Key: key, Start: scoreText(cur), Stop: max, ByScore: true,
			Offset: offset, Count: int64(page)}).Result()
		if err != nil {
			return down(err)
		}
		if len(zs) == 0 {
			return nil
		}
		ids := make([]string, len(zs))
		for i, z := range zs {
			ids[i], _ = z.Member.(string)
		}
		if err := fn(ids); err != nil {
			return err
		}
		if len(zs) < page {
			return nil
		}
		last := zs[len(zs)-1].Score
		same := int64(0)
		for i := len(zs) - 1; i >= 0 && zs[i].Score == last; i-- {
			same++
		}
		if last == cur {
			offset += same
		} else {
			cur, offset = last, same
		}
	}
}

func scoreText(f float64) string {
	switch {
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsInf(f, 1):
		return "+inf"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// reportsByID reads the reports of ids (in that order) in one round trip; ids gone meanwhile
// are left out.
func (m *Summaries) reportsByID(ctx context.Context, ids []string) ([]bot.Report, error) {
	msgs, err := m.byID(ctx, m.k.reports(), ids)
	if err != nil {
		return nil, err
	}
	out := make([]bot.Report, 0, len(msgs))
	for _, msg := range msgs {
		r, err := decodeReport(msg)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
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

// compareStreamIDs orders stream ids as the stream does.
func compareStreamIDs(a, b string) int {
	am, as, _ := parseStreamID(a)
	bm, bs, _ := parseStreamID(b)
	if am != bm {
		if am < bm {
			return -1
		}
		return 1
	}
	switch {
	case as < bs:
		return -1
	case as > bs:
		return 1
	}
	return 0
}
