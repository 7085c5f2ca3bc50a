package redisstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/redisstore/summary"
	"github.com/redis/go-redis/v9"
)

// RebuildStats says what Rebuild went through.
type RebuildStats struct {
	Reports, Audit, Activities int
}

// rebuildPage is how many stream entries Rebuild reads (and indexes) per round trip.
const rebuildPage = 1000

// Rebuild computes every summary and index again from the reports and audit streams: after an
// upgrade from a version that kept none, or as a check (the result equals what the steps kept).
// It reads the streams a page at a time, so Redis answers other clients meanwhile; run it with
// the bot stopped, since a report made during a rebuild may be missed by the indexes (run it
// again then). The summaries are computed by the same Lua as the report step's.
func (m *Summaries) Rebuild(ctx context.Context) (RebuildStats, error) {
	var st RebuildStats
	codes, err := m.rdb.HKeys(ctx, m.k.activities()).Result()
	if err != nil {
		return st, down(err)
	}
	// Forget what was kept: the marker first, so that a rebuild cut short reads as not ready.
	stale := []string{m.k.indexed(), m.k.summaries(), m.k.reportsByTime(), m.k.tallies(), m.k.auditByTime()}
	for _, c := range codes {
		stale = append(stale, m.k.reportsOf(c), m.k.auditOf(c))
	}
	for i := 0; i < len(stale); i += 500 {
		if err := m.rdb.Del(ctx, stale[i:min(i+500, len(stale))]...).Err(); err != nil {
			return st, down(err)
		}
	}
	cleared := map[string]bool{}
	for _, c := range codes {
		cleared[m.k.reportsOf(c)], cleared[m.k.auditOf(c)] = true, true
	}
	var withReports []string
	summarised := map[string]bool{}
	err = m.eachEntry(ctx, m.k.reports(), func(p redis.Pipeliner, msg redis.XMessage) error {
		r, err := decodeReport(msg)
		if err != nil {
			return err
		}
		of := m.k.reportsOf(r.Code)
		if !cleared[of] {
			p.Del(ctx, of)
			cleared[of] = true
		}
		sc, err := streamScore(msg.ID)
		if err != nil {
			return err
		}
		p.ZAdd(ctx, of, redis.Z{Score: sc, Member: msg.ID})
		if !summarised[r.Code] {
			summarised[r.Code] = true
			withReports = append(withReports, r.Code)
		}
		p.ZAdd(ctx, m.k.reportsByTime(), redis.Z{Score: float64(r.At.UnixMilli()), Member: msg.ID})
		p.HSet(ctx, m.k.tallies(), msg.ID, summary.Record(r.At, r.Percent, r.Qty))
		st.Reports++
		return nil
	})
	if err != nil {
		return st, err
	}
	err = m.eachEntry(ctx, m.k.audit(), func(p redis.Pipeliner, msg redis.XMessage) error {
		v, _ := msg.Values["a"].(string)
		var a bot.Audit
		if err := json.Unmarshal([]byte(v), &a); err != nil {
			return fmt.Errorf("audit %s: %w", msg.ID, err)
		}
		p.ZAdd(ctx, m.k.auditByTime(), redis.Z{Score: float64(a.At.UnixMilli()), Member: msg.ID})
		if a.Code != "" {
			of := m.k.auditOf(a.Code)
			if !cleared[of] {
				p.Del(ctx, of)
				cleared[of] = true
			}
			sc, err := streamScore(msg.ID)
			if err != nil {
				return err
			}
			p.ZAdd(ctx, of, redis.Z{Score: sc, Member: msg.ID})
		}
		st.Audit++
		return nil
	})
	if err != nil {
		return st, err
	}
	// The summaries, by the report step's own Lua, a hundred activities per script.
	for i := 0; i < len(withReports); i += 100 {
		batch := withReports[i:min(i+100, len(withReports))]
		keys := []string{m.k.summaries(), m.k.tallies()}
		args := make([]any, len(batch))
		for j, c := range batch {
			keys = append(keys, m.k.reportsOf(c))
			args[j] = c
		}
		if err := recomputeScript.Run(ctx, m.rdb, keys, args...).Err(); err != nil {
			return st, down(err)
		}
	}
	st.Activities = len(withReports)
	return st, down(m.rdb.Set(ctx, m.k.indexed(), "1", 0).Err())
}

// eachEntry reads a stream a page at a time and runs fn on each entry with a pipeline that is
// executed after each page.
func (m *Summaries) eachEntry(ctx context.Context, stream string, fn func(redis.Pipeliner, redis.XMessage) error) error {
	start := "-"
	for {
		msgs, err := m.rdb.XRangeN(ctx, stream, start, "+", rebuildPage).Result()
		if err != nil {
			return down(err)
		}
		p := m.rdb.Pipeline()
		for _, msg := range msgs {
			if err := fn(p, msg); err != nil {
				return err
			}
		}
		if p.Len() > 0 {
			if _, err := p.Exec(ctx); err != nil {
				return down(err)
			}
		}
		if len(msgs) < rebuildPage {
			return nil
		}
		start = "(" + msgs[len(msgs)-1].ID
	}
}
