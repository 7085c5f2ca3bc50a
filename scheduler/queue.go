package scheduler

// # Design: reminders that fire exactly once
//
// Every key is built in keys.go under the configured prefix and the hash tag "{sched}":
//
//	r:ID          HASH   one reminder: chat, kind, ref, text, cron, lead (ms, with cron: due that long
//	                     before each occurrence), at (next due time, Unix ms), by, meta (JSON),
//	                     tries (failed sends of this occurrence)
//	due           ZSET   ids waiting, scored by the Unix ms at which to claim them (the occurrence,
//	                     or a retry time after a failed send)
//	processing    ZSET   ids claimed by some process, scored by the Unix ms its lease expires
//	claims        HASH   id → "token|due score" of the current claim
//	sent:ID:MS    STRING marker "occurrence MS of reminder ID was delivered", expires after days
//	chat:CHAT     SET    pending ids of a chat (/reminders); ref:REF SET pending ids of an activity
//	seq           STRING INCR counter for ids
//	once:SLOT     STRING a send slot: "sending:TOKEN" (short TTL) while one send is under way, then
//	                     "sent" (ClaimSlot, ConfirmSlot, ReleaseSlot); or "1", the SET NX lock of Once
//
// A tick of a scheduler (scheduler.go) is O(batch) in Redis, whatever the number of pending
// reminders, and nothing is loaded at start:
//
//  1. claim (one Lua script): ids in processing whose lease expired go back to due, at their old
//     score (their owner died between claim and ack); then up to Batch ids of due with score ≤ now
//     move to processing, scored by now+Lease, each with a fresh claim token in claims. Two
//     processes can never claim the same id: the script runs atomically. The lease is short
//     (10 s) and a heartbeat renews the batch's leases every Lease/3 while it is being fired, so
//     a slow send keeps its claim and a dead process's claims are taken over about 10 s later.
//  2. The claimed reminders are read (one pipelined HGETALL).
//  3. Per reminder, an occurrence older than Grace is skipped with a log line (step 5 without
//     firing). Otherwise begin (Lua) checks the claim is still ours, that the reminder still exists
//     (a /cancel after the claim wins) and that no sent marker exists for this occurrence, and
//     renews the lease. A marker means an earlier owner sent this occurrence but lost its lease
//     before its ack: the occurrence is acked without firing.
//  4. fire is called, with Late set when the occurrence is older than LateAfter.
//  5. ack (Lua): SET NX the sent marker, then, if the claim is still ours, remove it from
//     processing and either delete the reminder (one-off) or put it back in due at its next
//     occurrence after now (recurring; computed in Go with robfig/cron in the configured location,
//     so missed occurrences of a recurring reminder collapse into one late send). A recurring
//     reminder with a Lead goes back at the first occurrence after both its current one and
//     now+Lead, minus Lead: each lead time of an activity re-arms itself in the step that
//     acknowledges its firing, so no other step has to re-schedule (or remove) it. If fire failed,
//     the id goes back to due after a short, growing delay and its tries are counted; after
//     MaxTries it is logged and dropped (one-off) or advanced (recurring).
//
// What this guarantees: an occurrence is claimed by one process at a time; a process that dies
// before its send leaves the reminder in processing until the lease expires, and then another
// process sends it; a process whose lease ran out while it was still sending writes the sent
// marker in its ack anyway, so the process that took the reminder over acks it without sending
// again; a cancel wins over a claim up to the moment of the send. Two windows are left, both
// narrow and both resolved towards sending twice rather than never: a process that dies after its
// send returned but before its ack ran (one Redis round trip), and one whose heartbeat cannot
// reach Redis for longer than Lease while its fire goes on (a process frozen or cut off from
// Redis but not from Telegram).

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/coordbot/coordbot/scheduler/when"

	"github.com/redis/go-redis/v9"
)

// Reminder is one pending reminder. At is its next due occurrence; a recurring one (Cron set) is
// moved to its next occurrence after each send.
type Reminder struct {
	ID string
	// ChatID is the chat's id as the caller writes it in keys (the bot: a Telegram chat's bare
	// number, as reminders stored before Zalo have it; "zl:…" for a Zalo chat).
	ChatID string
	// Kind and Ref are the caller's: e.g. "text", or "activity" with Ref the activity code.
	Kind string
	Ref  string
	Text string
	Cron string
	// Lead makes a recurring reminder fall due Lead before each occurrence of Cron rather than at
	// it (an activity's "1 day before"): At is then an occurrence minus Lead, and after each send
	// it moves to the next occurrence whose time minus Lead is still ahead. Zero for a one-off.
	Lead      time.Duration
	At        time.Time
	CreatedBy string
	Meta      map[string]string
}

// Queue stores reminders in Redis. It is safe for concurrent use, also by several processes.
type Queue struct {
	rdb redis.UniversalClient
	k   keys
	loc *time.Location
}

// NewQueue returns a queue whose keys start with prefix and whose times are shown in loc.
func NewQueue(rdb redis.UniversalClient, prefix string, loc *time.Location) *Queue {
	if loc == nil {
		loc = time.UTC
	}
	return &Queue{rdb: rdb, k: newKeys(prefix), loc: loc}
}

// errInvalid explains a reminder the queue cannot store; it is a programming error of the caller.
var errInvalid = errors.New("scheduler: invalid reminder")

func (q *Queue) validate(r Reminder) error {
	if r.At.IsZero() {
		return fmt.Errorf("%w: no due time", errInvalid)
	}
	if r.Cron != "" {
		if _, err := when.ParseCron(r.Cron); err != nil {
			return fmt.Errorf("%w: %v", errInvalid, err)
		}
	}
	if r.Lead < 0 || r.Lead != 0 && r.Cron == "" {
		return fmt.Errorf("%w: a lead time needs a schedule and must not be negative", errInvalid)
	}
	return nil
}

// Add stores r, due at r.At, and returns it with its ID (assigned "1", "2", … when empty). Adding
// with the ID of an existing reminder replaces it, and ends any claim on the old one: the old
// reminder's index entries are read and replaced in one WATCH/MULTI step on the reminder's key,
// so a concurrent change of the same id (another Add, an ack re-arming it, a cancel) makes the
// step start again rather than leave a stale index entry behind. The step uses one pooled
// connection from WATCH to EXEC.
func (q *Queue) Add(ctx context.Context, r Reminder) (Reminder, error) {
	if err := q.validate(r); err != nil {
		return Reminder{}, err
	}
	if r.ID == "" {
		n, err := q.rdb.Incr(ctx, q.k.seq()).Result()
		if err != nil {
			return Reminder{}, fmt.Errorf("scheduler: add: %w", err)
		}
		r.ID = strconv.FormatInt(n, 10)
		r.At = r.At.In(q.loc)
		if _, err := q.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			q.queueAdd(ctx, p, r)
			return nil
		}); err != nil {
			return Reminder{}, fmt.Errorf("scheduler: add: %w", err)
		}
		return r, nil
	}
	r.At = r.At.In(q.loc)
	key := q.k.reminder(r.ID)
	for attempt := 0; attempt < maxWatchAttempts; attempt++ {
		err := q.rdb.Watch(ctx, func(tx *redis.Tx) error {
			old, err := tx.HMGet(ctx, key, "chat", "ref").Result()
			if err != nil {
				return err
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				if len(old) == 2 && old[0] != nil {
					chat, _ := old[0].(string)
					p.SRem(ctx, q.k.chat(chat), r.ID)
					if ref, _ := old[1].(string); ref != "" {
						p.SRem(ctx, q.k.ref(ref), r.ID)
					}
					p.Del(ctx, key)
					p.ZRem(ctx, q.k.processing(), r.ID)
					p.HDel(ctx, q.k.claims(), r.ID)
				}
				q.queueAdd(ctx, p, r)
				return nil
			})
			return err
		}, key)
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if err != nil {
			return Reminder{}, fmt.Errorf("scheduler: add: %w", err)
		}
		return r, nil
	}
	return Reminder{}, fmt.Errorf("scheduler: add %s: %w", r.ID, redis.TxFailedErr)
}

// maxWatchAttempts bounds the retries of a WATCH step that keeps meeting concurrent changes.
const maxWatchAttempts = 50

// AddBatch stores many new reminders in a few round trips (one MULTI per 1,000), assigning IDs to
// those without one. Unlike Add it does not look for existing reminders with the same IDs.
func (q *Queue) AddBatch(ctx context.Context, rs []Reminder) ([]Reminder, error) {
	need := 0
	for _, r := range rs {
		if err := q.validate(r); err != nil {
			return nil, err
		}
		if r.ID == "" {
			need++
		}
	}
	out := make([]Reminder, len(rs))
	copy(out, rs)
	if need > 0 {
		last, err := q.rdb.IncrBy(ctx, q.k.seq(), int64(need)).Result()
		if err != nil {
			return nil, fmt.Errorf("scheduler: add: %w", err)
		}
		next := last - int64(need) + 1
		for i := range out {
			if out[i].ID == "" {
				out[i].ID = strconv.FormatInt(next, 10)
				next++
			}
		}
	}
	const chunk = 1000
	for start := 0; start < len(out); start += chunk {
		part := out[start:min(start+chunk, len(out))]
		_, err := q.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			for i := range part {
				part[i].At = part[i].At.In(q.loc)
				q.queueAdd(ctx, p, part[i])
			}
			return nil
		})
		if err != nil {
			return out[:start], fmt.Errorf("scheduler: add: %w", err)
		}
	}
	return out, nil
}

func (q *Queue) queueAdd(ctx context.Context, p redis.Pipeliner, r Reminder) {
	p.HSet(ctx, q.k.reminder(r.ID), encode(r))
	p.ZAdd(ctx, q.k.due(), redis.Z{Score: float64(r.At.UnixMilli()), Member: r.ID})
	p.SAdd(ctx, q.k.chat(r.ChatID), r.ID)
	if r.Ref != "" {
		p.SAdd(ctx, q.k.ref(r.Ref), r.ID)
	}
}

// Get returns the reminder with this id, if it is still pending.
func (q *Queue) Get(ctx context.Context, id string) (Reminder, bool, error) {
	m, err := q.rdb.HGetAll(ctx, q.k.reminder(id)).Result()
	if err != nil {
		return Reminder{}, false, fmt.Errorf("scheduler: get %s: %w", id, err)
	}
	if len(m) == 0 {
		return Reminder{}, false, nil
	}
	r, _ := decode(id, m, q.loc)
	return r, true, nil
}

// Cancel removes a pending reminder and returns what it was. A reminder claimed by a scheduler at
// this moment is not fired after Cancel returns, unless its send had already begun.
func (q *Queue) Cancel(ctx context.Context, id string) (Reminder, bool, error) {
	r, ok, err := q.Get(ctx, id)
	if err != nil || !ok {
		return Reminder{}, false, err
	}
	n, err := cancelScript.Run(ctx, q.rdb, []string{q.k.reminder(id), q.k.due(), q.k.processing(),
		q.k.claims(), q.k.chat(r.ChatID), q.k.ref(r.Ref)}, id).Int()
	if err != nil {
		return Reminder{}, false, fmt.Errorf("scheduler: cancel %s: %w", id, err)
	}
	return r, n == 1, nil
}

// List returns the pending reminders of a chat, soonest first.
func (q *Queue) List(ctx context.Context, chatID string) ([]Reminder, error) {
	rs, err := q.listSet(ctx, q.k.chat(chatID))
	return only(rs, err, func(r Reminder) bool { return r.ChatID == chatID })
}

// ListRef returns the pending reminders with this Ref (an activity's), soonest first.
func (q *Queue) ListRef(ctx context.Context, ref string) ([]Reminder, error) {
	rs, err := q.listSet(ctx, q.k.ref(ref))
	return only(rs, err, func(r Reminder) bool { return r.Ref == ref })
}

// only keeps the reminders of a listing that keep says belong there (an index set may name an id
// since reused for another chat or activity).
func only(rs []Reminder, err error, keep func(Reminder) bool) ([]Reminder, error) {
	if err != nil {
		return nil, err
	}
	out := rs[:0]
	for _, r := range rs {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// CancelRef cancels every pending reminder with this Ref and says how many there were.
func (q *Queue) CancelRef(ctx context.Context, ref string) (int, error) {
	rs, err := q.ListRef(ctx, ref)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range rs {
		_, ok, err := q.Cancel(ctx, r.ID)
		if err != nil {
			return n, err
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// Pending counts the reminders waiting or being sent, for metrics.
func (q *Queue) Pending(ctx context.Context) (int64, error) {
	var due, proc *redis.IntCmd
	_, err := q.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		due = p.ZCard(ctx, q.k.due())
		proc = p.ZCard(ctx, q.k.processing())
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("scheduler: pending: %w", err)
	}
	return due.Val() + proc.Val(), nil
}

// listSet reads the reminders whose ids a SET holds, in one pipelined round trip, soonest first.
// Ids whose reminder is gone (a stale index entry) are left out.
func (q *Queue) listSet(ctx context.Context, set string) ([]Reminder, error) {
	ids, err := q.rdb.SMembers(ctx, set).Result()
	if err != nil {
		return nil, fmt.Errorf("scheduler: list: %w", err)
	}
	rs, err := q.load(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Reminder, 0, len(rs))
	for _, s := range rs {
		if s.ok {
			out = append(out, s.Reminder)
		}
	}
	sortSoonest(out)
	return out, nil
}

// sortSoonest orders reminders soonest first, ids in number order among equals.
func sortSoonest(rs []Reminder) {
	sort.Slice(rs, func(i, j int) bool {
		if !rs[i].At.Equal(rs[j].At) {
			return rs[i].At.Before(rs[j].At)
		}
		return lessID(rs[i].ID, rs[j].ID)
	})
}

// lessID orders "9" before "10".
func lessID(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// stored is a reminder as read back, with the bookkeeping the scheduler needs.
type stored struct {
	Reminder
	tries int
	ok    bool // false: no such reminder any more
}

// load reads reminders by id with one pipelined HGETALL per id.
func (q *Queue) load(ctx context.Context, ids []string) ([]stored, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cmds := make([]*redis.MapStringStringCmd, len(ids))
	_, err := q.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			cmds[i] = p.HGetAll(ctx, q.k.reminder(id))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scheduler: load: %w", err)
	}
	out := make([]stored, len(ids))
	for i, c := range cmds {
		if m := c.Val(); len(m) > 0 {
			r, tries := decode(ids[i], m, q.loc)
			out[i] = stored{Reminder: r, tries: tries, ok: true}
		}
	}
	return out, nil
}
