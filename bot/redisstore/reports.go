package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/redisstore/summary"
	"github.com/redis/go-redis/v9"
)

// reportStep is every change of reports in one step: optionally withdraw a report (it must still
// exist; when nothing is added, the latest must still be what the caller read), optionally add
// one (it becomes the latest), append the audit entry, and remember the update — unless the
// update already did it. A report is added only to an activity that exists and is not cancelled.
//
// The new latest after a withdrawal is picked by the caller (a backward read of the stream); the
// script checks that the latest is still what the caller read and that the report picked still
// exists (another withdrawal may have taken it meanwhile), else the caller reads again.
//
// The same step keeps the activity's summary and the indexes (indexkeys.go): the report's id in
// its activity's ZSET, in the by-time ZSET and its tally record; the audit entry in the by-time
// and by-activity ZSETs. Adding a report folds it into the summary; a withdrawal (or a
// correction) recomputes that one activity's summary from its remaining reports, since a
// "latest" value cannot be subtracted.
//
// KEYS: activities, stream, latest, step, audit, reportsOf(code), reportsByTime, tallies,
// summaries, auditOf(audit code), auditByTime, indexed.
// ARGV: code, latest field, report JSON or ”, id to withdraw or ”, expected latest (when only
// withdrawing), new latest when only withdrawing (” removes it), step ttl (s) or 0, audit JSON,
// stream id of the new latest (” when none), tally record of the report added, its time (Unix
// ms), the audit entry's time (Unix ms), "1" when the audit entry names an activity.
// Returns {1, id added or withdrawn, activity JSON}, {0, id} for a redelivered update, or
// {-1} no activity, {-2} cancelled, {-3} report gone, {-4} latest moved or its successor gone.
var reportStep = redis.NewScript(luaSummary + `
local prev = redis.call('GET', KEYS[4])
if prev then return {0, prev} end
local act = redis.call('HGET', KEYS[1], ARGV[1])
if not act then return {-1} end
if ARGV[3] ~= '' and string.find(act, '"status":"cancelled"', 1, true) then return {-2} end
local id = ARGV[4]
if ARGV[4] ~= '' then
  if #redis.call('XRANGE', KEYS[2], ARGV[4], ARGV[4]) == 0 then return {-3} end
  if ARGV[3] == '' then
    local cur = redis.call('HGET', KEYS[3], ARGV[2]) or ''
    if cur ~= ARGV[5] then return {-4} end
    if ARGV[9] ~= '' and #redis.call('XRANGE', KEYS[2], ARGV[9], ARGV[9]) == 0 then return {-4} end
  end
end
if redis.call('XLEN', KEYS[2]) == 0 and redis.call('XLEN', KEYS[5]) == 0 then
  redis.call('SET', KEYS[12], '1')
end
if ARGV[4] ~= '' then
  redis.call('XDEL', KEYS[2], ARGV[4])
  redis.call('ZREM', KEYS[6], ARGV[4])
  redis.call('ZREM', KEYS[7], ARGV[4])
  redis.call('HDEL', KEYS[8], ARGV[4])
end
local audit = ARGV[8]
if ARGV[3] ~= '' then
  id = redis.call('XADD', KEYS[2], '*', 'r', ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[2], id .. '|' .. ARGV[3])
  redis.call('ZADD', KEYS[6], streamScore(id), id)
  redis.call('ZADD', KEYS[7], ARGV[11], id)
  redis.call('HSET', KEYS[8], id, ARGV[10])
  audit = string.gsub(audit, '"rid":"new"', '"rid":"' .. id .. '"', 1)
elseif ARGV[6] == '' then
  redis.call('HDEL', KEYS[3], ARGV[2])
else
  redis.call('HSET', KEYS[3], ARGV[2], ARGV[6])
end
if ARGV[4] ~= '' then
  recompute(KEYS[9], KEYS[6], KEYS[8], ARGV[1])
else
  local S = parseSum(redis.call('HGET', KEYS[9], ARGV[1]))
  foldRecord(S, id, ARGV[10])
  storeSum(KEYS[9], ARGV[1], S)
end
local aid = redis.call('XADD', KEYS[5], '*', 'a', audit)
redis.call('ZADD', KEYS[11], ARGV[12], aid)
if ARGV[13] == '1' then redis.call('ZADD', KEYS[10], streamScore(aid), aid) end
if tonumber(ARGV[7]) > 0 then redis.call('SET', KEYS[4], id, 'EX', ARGV[7]) end
return {1, id, act}
`)

// ApplyReport applies one change of reports; see bot.ReportStore.
func (s *Store) ApplyReport(ctx context.Context, st bot.ReportStep) (bot.Report, bot.Activity, bool, error) {
	var r bot.Report
	switch {
	case st.Add != nil:
		r = *st.Add
	case st.Withdraw != nil:
		r = *st.Withdraw
	default:
		return r, bot.Activity{}, false, fmt.Errorf("report step: nothing to do")
	}
	field := bot.LatestKey(r.Code, r.Occ)
	addJSON := ""
	if st.Add != nil {
		data, err := json.Marshal(st.Add)
		if err != nil {
			return r, bot.Activity{}, false, err
		}
		addJSON = string(data)
	}
	audit, err := json.Marshal(st.Audit)
	if err != nil {
		return r, bot.Activity{}, false, err
	}
	ttl := 0
	if st.UpdateID != "" {
		ttl = int(updateTTL.Seconds())
	}
	if st.Add != nil && st.Withdraw != nil && st.Add.Code != st.Withdraw.Code {
		return r, bot.Activity{}, false, fmt.Errorf("report step: a correction of %s onto %s: a correction stays on its activity", st.Withdraw.Code, st.Add.Code)
	}
	record, atMS := "", int64(0)
	if st.Add != nil {
		record, atMS = summary.Record(st.Add.At, st.Add.Percent, st.Add.Qty), st.Add.At.UnixMilli()
	}
	auditOfCode := ""
	if st.Audit.Code != "" {
		auditOfCode = "1"
	}
	keys := []string{s.k.activities(), s.k.reports(), s.k.latest(), s.k.step(st.UpdateID), s.k.audit(),
		s.k.reportsOf(r.Code), s.k.reportsByTime(), s.k.tallies(), s.k.summaries(), s.k.auditOf(st.Audit.Code),
		s.k.auditByTime(), s.k.indexed()}
	for attempt := 0; attempt < maxTxRetries; attempt++ {
		wid, expect, next, nextID := "", "", "", ""
		if st.Withdraw != nil {
			wid = st.Withdraw.ID
			if st.Add == nil {
				if expect, next, nextID, err = s.afterWithdraw(ctx, field, *st.Withdraw); err != nil {
					return r, bot.Activity{}, false, err
				}
			}
		}
		if testHookBeforeReportStep != nil {
			testHookBeforeReportStep()
		}
		res, err := reportStep.Run(ctx, s.rdb, keys, r.Code, field, addJSON, wid, expect, next, ttl, audit, nextID,
			record, atMS, st.Audit.At.UnixMilli(), auditOfCode).Slice()
		if err != nil {
			return r, bot.Activity{}, false, down(err)
		}
		n, _ := res[0].(int64)
		switch n {
		case -1:
			return r, bot.Activity{}, false, bot.ErrNoActivity
		case -2:
			return r, bot.Activity{}, false, bot.ErrActivityCancelled
		case -3:
			return r, bot.Activity{}, false, bot.ErrReportGone
		case -4:
			continue // someone reported meanwhile: read the latest again
		case 0:
			// The update did this before: return the report it added, if it still stands.
			id, _ := res[1].(string)
			if old, ok, err := s.ReportByID(ctx, id); err == nil && ok {
				r = old
			}
			a, _, err := s.Activity(ctx, r.Code)
			return r, a, false, err
		}
		r.ID, _ = res[1].(string)
		var a bot.Activity
		if data, _ := res[2].(string); data != "" {
			if err := json.Unmarshal([]byte(data), &a); err != nil {
				return r, a, true, fmt.Errorf("activity %s: %w", r.Code, err)
			}
		}
		return r, a, true, nil
	}
	return r, bot.Activity{}, false, fmt.Errorf("report on %s: too many concurrent changes", r.Code)
}

// afterWithdraw reads the latest of field and says what it must still be and what it becomes
// when w is withdrawn: the report before w (by anyone) if w is the latest, else unchanged;
// nextID is the stream id of that report before w, which the step checks still exists.
func (s *Store) afterWithdraw(ctx context.Context, field string, w bot.Report) (expect, next, nextID string, err error) {
	cur, err := s.rdb.HGet(ctx, s.k.latest(), field).Result()
	if err != nil && err != redis.Nil {
		return "", "", "", down(err)
	}
	latest, _ := decodeLatest(cur)
	if latest.ID != w.ID {
		return cur, cur, "", nil
	}
	prev, ok, err := s.FindReport(ctx, w.Code, func(r bot.Report) bool { return r.ID != w.ID && r.Occ == w.Occ })
	if err != nil || !ok {
		return cur, "", "", err
	}
	return cur, encodeLatest(prev), prev.ID, nil
}

// testHookBeforeReportStep, when set by a test, runs between the reads of a report step and
// its script: where a concurrent change lands.
var testHookBeforeReportStep func()

// ReportByID reads one report by its stream id.
func (s *Store) ReportByID(ctx context.Context, id string) (bot.Report, bool, error) {
	msgs, err := s.rdb.XRange(ctx, s.k.reports(), id, id).Result()
	if err != nil {
		return bot.Report{}, false, down(err)
	}
	if len(msgs) != 1 {
		return bot.Report{}, false, nil
	}
	r, err := decodeReport(msgs[0])
	return r, err == nil, err
}

// Latest returns the latest report of each activity (occurrence), by bot.LatestKey.
func (s *Store) Latest(ctx context.Context) (map[string]bot.Report, error) {
	all, err := s.rdb.HGetAll(ctx, s.k.latest()).Result()
	if err != nil {
		return nil, down(err)
	}
	return decodeLatestAll(all)
}

// Everything reads the activities, the latest reports and every report in one round trip (the
// three keys share the {prog} slot, so also on Redis Cluster).
func (s *Store) Everything(ctx context.Context) ([]bot.Activity, map[string]bot.Report, []bot.Report, error) {
	var acts, latest *redis.MapStringStringCmd
	var stream *redis.XMessageSliceCmd
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		acts = p.HGetAll(ctx, s.k.activities())
		latest = p.HGetAll(ctx, s.k.latest())
		stream = p.XRange(ctx, s.k.reports(), "-", "+")
		return nil
	}); err != nil {
		return nil, nil, nil, down(err)
	}
	as, err := decodeActivities(acts.Val())
	if err != nil {
		return nil, nil, nil, err
	}
	lt, err := decodeLatestAll(latest.Val())
	if err != nil {
		return nil, nil, nil, err
	}
	rs, err := decodeReports(stream.Val())
	return as, lt, rs, err
}

// decodeLatestAll reads the latest-reports hash.
func decodeLatestAll(all map[string]string) (map[string]bot.Report, error) {
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
	return decodeReports(msgs)
}

// decodeReports reads stream entries as reports.
func decodeReports(msgs []redis.XMessage) ([]bot.Report, error) {
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

// findPage is how many reports one backward read of the stream takes.
const findPage = 200

// FindReport reads the stream backwards, newest first, a page at a time, until match accepts a
// report on code: usually one page, never the whole stream unless the report is old.
func (s *Store) FindReport(ctx context.Context, code string, match func(bot.Report) bool) (bot.Report, bool, error) {
	end := "+"
	for {
		msgs, err := s.rdb.XRevRangeN(ctx, s.k.reports(), end, "-", findPage).Result()
		if err != nil {
			return bot.Report{}, false, down(err)
		}
		for _, m := range msgs {
			r, err := decodeReport(m)
			if err != nil {
				return bot.Report{}, false, err
			}
			if r.Code == code && match(r) {
				return r, true, nil
			}
		}
		if len(msgs) < findPage {
			return bot.Report{}, false, nil
		}
		end = "(" + msgs[len(msgs)-1].ID
	}
}

// History returns the audit entries of one activity (all when code is ""), oldest first.
func (s *Store) History(ctx context.Context, code string) ([]bot.Audit, error) {
	if code != "" {
		// Once the indexes are built (a new store, or after `coordbot rebuild`), one activity's
		// history is a range of its own index, not a scan of every change ever made.
		m := NewSummaries(s)
		if ready, err := m.Ready(ctx); err != nil {
			return nil, err
		} else if ready {
			var out []bot.Audit
			for after := ""; ; {
				page, next, err := m.History(ctx, code, after, 500)
				if err != nil {
					return nil, err
				}
				out = append(out, page...)
				if next == "" {
					return out, nil
				}
				after = next
			}
		}
	}
	msgs, err := s.rdb.XRange(ctx, s.k.audit(), "-", "+").Result()
	if err != nil {
		return nil, down(err)
	}
	var out []bot.Audit
	for _, m := range msgs {
		v, _ := m.Values["a"].(string)
		var a bot.Audit
		if err := json.Unmarshal([]byte(v), &a); err != nil {
			return nil, fmt.Errorf("audit %s: %w", m.ID, err)
		}
		a.ID = m.ID
		if code == "" || strings.EqualFold(a.Code, code) {
			out = append(out, a)
		}
	}
	return out, nil
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
