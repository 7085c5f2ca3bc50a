package scheduler

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// The methods below let another store put reminder changes into its own WATCH/MULTI step, so that
// a change of its state and of the reminders that follow from it is one atomic step (an activity
// and its reminders, a group's subscription and the reminders set in it). On Redis Cluster the
// caller's keys and the queue's must share a hash slot: give the queue a prefix that carries the
// caller's hash tag (the first {…} of a key decides its slot).

// RefKey is the key of the set of pending ids with ref, for the caller to WATCH.
func (q *Queue) RefKey(ref string) string { return q.k.ref(ref) }

// ChatKey is the key of the set of pending ids of a chat, for the caller to WATCH.
func (q *Queue) ChatKey(chatID string) string { return q.k.chat(chatID) }

// TxListRef is ListRef read through c, the caller's WATCH transaction (a *redis.Tx). A step that
// holds a pooled connection for its WATCH must read through it: asking the pool for another while
// holding one deadlocks once as many steps run at once as the pool has connections (issue 17:
// 35 coordinators adding activities at the same instant, the pool timing out while Redis answered).
func (q *Queue) TxListRef(ctx context.Context, c redis.Cmdable, ref string) ([]Reminder, error) {
	rs, err := q.txListSet(ctx, c, q.k.ref(ref))
	return only(rs, err, func(r Reminder) bool { return r.Ref == ref })
}

// TxList is List read through c, the caller's WATCH transaction (see TxListRef).
func (q *Queue) TxList(ctx context.Context, c redis.Cmdable, chatID string) ([]Reminder, error) {
	rs, err := q.txListSet(ctx, c, q.k.chat(chatID))
	return only(rs, err, func(r Reminder) bool { return r.ChatID == chatID })
}

// txListSet reads the reminders whose ids are in set through c, soonest first: one SMEMBERS and
// one pipeline of HGETALLs, both on c's connection.
func (q *Queue) txListSet(ctx context.Context, c redis.Cmdable, set string) ([]Reminder, error) {
	ids, err := c.SMembers(ctx, set).Result()
	if err != nil {
		return nil, fmt.Errorf("scheduler: list: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	cmds := make([]*redis.MapStringStringCmd, len(ids))
	if _, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			cmds[i] = p.HGetAll(ctx, q.k.reminder(id))
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("scheduler: load: %w", err)
	}
	out := make([]Reminder, 0, len(ids))
	for i, cmd := range cmds {
		if m := cmd.Val(); len(m) > 0 {
			r, _ := decode(ids[i], m, q.loc)
			out = append(out, r)
		}
	}
	sortSoonest(out)
	return out, nil
}

// TxRemove queues on p (inside the caller's MULTI) the removal of r, found earlier by List or
// ListRef; a claim on it ends, as with Cancel.
func (q *Queue) TxRemove(ctx context.Context, p redis.Pipeliner, r Reminder) {
	p.Del(ctx, q.k.reminder(r.ID))
	p.ZRem(ctx, q.k.due(), r.ID)
	p.ZRem(ctx, q.k.processing(), r.ID)
	p.HDel(ctx, q.k.claims(), r.ID)
	p.SRem(ctx, q.k.chat(r.ChatID), r.ID)
	if r.Ref != "" {
		p.SRem(ctx, q.k.ref(r.Ref), r.ID)
	}
}

// TxAdd queues on p the addition of r, which must carry its ID; queue a TxRemove of an earlier
// reminder with the same ID first.
func (q *Queue) TxAdd(ctx context.Context, p redis.Pipeliner, r Reminder) error {
	if err := q.validate(r); err != nil {
		return err
	}
	if r.ID == "" {
		return errInvalid
	}
	r.At = r.At.In(q.loc)
	q.queueAdd(ctx, p, r)
	return nil
}

// ReplaceRef replaces every pending reminder with ref by rs (which carry their IDs) in one
// WATCH/MULTI step, so a failure leaves the old reminders or the new ones, never neither.
func (q *Queue) ReplaceRef(ctx context.Context, ref string, rs []Reminder) error {
	for _, r := range rs {
		if err := q.validate(r); err != nil {
			return err
		}
		if r.ID == "" {
			return errInvalid
		}
	}
	for attempt := 0; attempt < 50; attempt++ {
		err := q.rdb.Watch(ctx, func(tx *redis.Tx) error {
			old, err := q.TxListRef(ctx, tx, ref)
			if err != nil {
				return err
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				for _, r := range old {
					q.TxRemove(ctx, p, r)
				}
				for _, r := range rs {
					r.At = r.At.In(q.loc)
					q.queueAdd(ctx, p, r)
				}
				return nil
			})
			return err
		}, q.k.ref(ref))
		if err != redis.TxFailedErr {
			return err
		}
	}
	return redis.TxFailedErr
}
