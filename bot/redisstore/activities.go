package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/schedstore"
	"github.com/coordbot/coordbot/scheduler"
	"github.com/redis/go-redis/v9"
)

// maxTxRetries bounds the optimistic retries of a WATCH/MULTI step under contention.
const maxTxRetries = 100

// ChangeActivity applies one change of an activity, its reminders and its audit entry in one
// WATCH/MULTI step (see bot.ActivityStore). The activities hash, the code counter, the step
// marker of the update and the activity's reminder set are watched: if any changes between the
// reads and EXEC, nothing is written and the step is tried again.
func (s *Store) ChangeActivity(ctx context.Context, ch bot.ActivityChange) (bot.Activity, bool, error) {
	a := ch.Activity
	a.Code = strings.ToUpper(a.Code)
	applied := false
	step := s.k.step(ch.UpdateID)
	txf := func(tx *redis.Tx) error {
		applied = false
		a = ch.Activity // a retry starts from what was asked, not from the code the last try chose
		a.Code = strings.ToUpper(a.Code)
		if ch.UpdateID != "" {
			prev, err := tx.Get(ctx, step).Result()
			if err != nil && err != redis.Nil {
				return err
			}
			if prev != "" {
				// This update made its change before (a redelivery): report what it made.
				old, ok, err := s.activity(ctx, tx, prev)
				if err != nil {
					return err
				}
				if ok {
					a = old
				}
				return nil
			}
		}
		audit := ch.Audit
		if ch.Edit != nil {
			stored, ok, err := s.activity(ctx, tx, a.Code)
			if err != nil {
				return err
			}
			if !ok {
				return editError{bot.ErrNoActivity}
			}
			if a, err = ch.Edit(stored, &audit); err != nil {
				return editError{err}
			}
			a.Code = strings.ToUpper(a.Code)
		}
		seq := int64(-1)
		if ch.Create {
			if a.Code == "" {
				n, err := tx.Get(ctx, s.k.activitySeq()).Int64()
				if err != nil && err != redis.Nil {
					return err
				}
				for {
					n++
					code := "A" + strconv.FormatInt(n, 10)
					taken, err := tx.HExists(ctx, s.k.activities(), code).Result()
					if err != nil {
						return err
					}
					if !taken {
						a.Code, seq = code, n
						break
					}
				}
			} else {
				taken, err := tx.HExists(ctx, s.k.activities(), a.Code).Result()
				if err != nil {
					return err
				}
				if taken {
					return bot.ErrExists
				}
			}
		}
		data, err := json.Marshal(a)
		if err != nil {
			return err
		}
		var old []scheduler.Reminder
		var rs []bot.Reminder
		if s.q != nil {
			ref := "act:" + a.Code
			if err := tx.Watch(ctx, s.q.RefKey(ref)).Err(); err != nil {
				return err
			}
			if old, err = s.q.TxListRef(ctx, tx, ref); err != nil {
				return err
			}
			if ch.Reminders != nil {
				rs = ch.Reminders(a)
			}
		}
		audit.Code = a.Code
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, s.k.activities(), a.Code, data)
			if seq >= 0 {
				p.Set(ctx, s.k.activitySeq(), seq, 0)
			}
			if err := s.txAudit(ctx, p, audit); err != nil {
				return err
			}
			if ch.UpdateID != "" {
				p.Set(ctx, step, a.Code, updateTTL)
			}
			for _, r := range old {
				s.q.TxRemove(ctx, p, r)
			}
			for i, r := range rs {
				if r.ID == "" {
					r.ID = a.Code + "-" + strconv.Itoa(i+1)
				}
				if err := s.q.TxAdd(ctx, p, schedstore.ToQueue(r)); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil {
			applied = true
		}
		return err
	}
	err := s.watch(ctx, txf, s.k.activities(), s.k.activitySeq(), step)
	var ee editError
	if errors.As(err, &ee) {
		return a, false, ee.err
	}
	if errors.Is(err, bot.ErrExists) {
		return a, false, fmt.Errorf("activity %s: %w", a.Code, bot.ErrExists)
	}
	if err != nil {
		return a, false, down(err)
	}
	return a, applied, nil
}

// editError carries an error of an ActivityChange's Edit out of the step unchanged.
type editError struct{ err error }

func (e editError) Error() string { return e.err.Error() }

// watch runs fn in WATCH/MULTI on keys, again while another client changed a watched key.
func (s *Store) watch(ctx context.Context, fn func(*redis.Tx) error, keys ...string) error {
	for i := 0; i < maxTxRetries; i++ {
		err := s.rdb.Watch(ctx, fn, keys...)
		if err != redis.TxFailedErr {
			return err
		}
	}
	return fmt.Errorf("%w: too many concurrent changes", redis.TxFailedErr)
}

// txAudit queues the audit entry on p, with its index entries (auditStep).
func (s *Store) txAudit(ctx context.Context, p redis.Pipeliner, a bot.Audit) error {
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	of := ""
	if a.Code != "" {
		of = "1"
	}
	// EVAL, not EVALSHA: inside MULTI a NOSCRIPT could not fall back.
	auditStep.Eval(ctx, p, []string{s.k.audit(), s.k.auditByTime(), s.k.auditOf(a.Code), s.k.indexed(), s.k.reports()},
		string(data), a.At.UnixMilli(), of)
	return nil
}

// SaveActivity stores a without reminders or audit: create assigns the next code when a.Code is
// empty and fails with bot.ErrExists when the code is taken. For tests and tools.
func (s *Store) SaveActivity(ctx context.Context, a bot.Activity, create bool) (bot.Activity, error) {
	a, _, err := s.ChangeActivity(ctx, bot.ActivityChange{Activity: a, Create: create,
		Audit: bot.Audit{Action: bot.ActActivityAdd}})
	return a, err
}

// activity reads one activity with c (a client or a transaction).
func (s *Store) activity(ctx context.Context, c redis.Cmdable, code string) (bot.Activity, bool, error) {
	data, err := c.HGet(ctx, s.k.activities(), strings.ToUpper(code)).Bytes()
	if err == redis.Nil {
		return bot.Activity{}, false, nil
	}
	if err != nil {
		return bot.Activity{}, false, down(err)
	}
	var a bot.Activity
	if err := json.Unmarshal(data, &a); err != nil {
		return a, false, fmt.Errorf("activity %s: %w", code, err)
	}
	return a, true, nil
}

// Activity returns one activity by code.
func (s *Store) Activity(ctx context.Context, code string) (bot.Activity, bool, error) {
	return s.activity(ctx, s.rdb, code)
}

// Activities returns every activity, ordered by time, then code.
func (s *Store) Activities(ctx context.Context) ([]bot.Activity, error) {
	all, err := s.rdb.HGetAll(ctx, s.k.activities()).Result()
	if err != nil {
		return nil, down(err)
	}
	return decodeActivities(all)
}

// decodeActivities reads the activities hash, ordered by time, then code.
func decodeActivities(all map[string]string) ([]bot.Activity, error) {
	out := make([]bot.Activity, 0, len(all))
	for code, data := range all {
		var a bot.Activity
		if err := json.Unmarshal([]byte(data), &a); err != nil {
			return nil, fmt.Errorf("activity %s: %w", code, err)
		}
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.Before(out[j].At)
		}
		return codeLess(out[i].Code, out[j].Code)
	})
	return out, nil
}

// codeLess orders codes naturally: A2 before A10.
func codeLess(a, b string) bool {
	pa, na := splitCode(a)
	pb, nb := splitCode(b)
	if pa != pb {
		return pa < pb
	}
	if na != nb {
		return na < nb
	}
	return a < b
}

func splitCode(c string) (string, int) {
	i := strings.IndexFunc(c, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return c, 0
	}
	n, _ := strconv.Atoi(c[i:])
	return c[:i], n
}
