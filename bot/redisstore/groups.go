package redisstore

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/scheduler"
	"github.com/redis/go-redis/v9"
)

// flowTTL is how long a guided flow waits for the user's next answer.
const flowTTL = 30 * time.Minute

// RequestGroup records a group admin's request to subscribe, with its audit entry, unless the
// group is already approved.
func (s *Store) RequestGroup(ctx context.Context, r bot.GroupRequest, audit bot.Audit) (bool, error) {
	id := r.ChatID.Key()
	data, err := json.Marshal(r)
	if err != nil {
		return false, err
	}
	approved := false
	err = s.watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.HExists(ctx, s.k.groups(), id).Result()
		if err != nil {
			return err
		}
		if approved = n; approved {
			return nil
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, s.k.groupRequests(), id, data)
			return s.txAudit(ctx, p, audit)
		})
		return err
	}, s.k.groups())
	return approved, down(err)
}

// ApproveGroup subscribes a group and ends its request, with the audit entry, in one step.
func (s *Store) ApproveGroup(ctx context.Context, g bot.SubscribedGroup, audit bot.Audit) (bool, error) {
	id := g.ChatID.Key()
	changed := false
	err := s.watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.HExists(ctx, s.k.groups(), id).Result()
		if err != nil {
			return err
		}
		if changed = !n; !changed {
			return nil
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, s.k.groups(), id, groupValue(g))
			p.HDel(ctx, s.k.groupRequests(), id)
			return s.txAudit(ctx, p, audit)
		})
		return err
	}, s.k.groups())
	return changed, down(err)
}

// RemoveGroup unsubscribes a group (or drops its request) and cancels the reminders set in that
// chat, with the audit entry, in one step.
func (s *Store) RemoveGroup(ctx context.Context, chatID bot.ID, audit bot.Audit) (bool, int, error) {
	id := chatID.Key()
	removed, count := false, 0
	keys := []string{s.k.groups(), s.k.groupRequests()}
	if s.q != nil {
		keys = append(keys, s.q.ChatKey(id))
	}
	err := s.watch(ctx, func(tx *redis.Tx) error {
		var sub, req *redis.BoolCmd
		if _, err := tx.Pipelined(ctx, func(p redis.Pipeliner) error {
			sub = p.HExists(ctx, s.k.groups(), id)
			req = p.HExists(ctx, s.k.groupRequests(), id)
			return nil
		}); err != nil {
			return err
		}
		var rs []scheduler.Reminder
		if s.q != nil {
			var err error
			if rs, err = s.q.TxList(ctx, tx, id); err != nil {
				return err
			}
		}
		removed, count = sub.Val() || req.Val(), len(rs)
		if !removed && count == 0 {
			return nil
		}
		_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HDel(ctx, s.k.groups(), id)
			p.HDel(ctx, s.k.groupRequests(), id)
			for _, r := range rs {
				s.q.TxRemove(ctx, p, r)
			}
			return s.txAudit(ctx, p, audit)
		})
		return err
	}, keys...)
	return removed, count, down(err)
}

// Groups lists the approved groups by chat id.
func (s *Store) Groups(ctx context.Context) ([]bot.SubscribedGroup, error) {
	all, err := s.rdb.HGetAll(ctx, s.k.groups()).Result()
	if err != nil {
		return nil, down(err)
	}
	return groupList(all), nil
}

// GroupRequests lists the groups waiting for approval, oldest request first.
func (s *Store) GroupRequests(ctx context.Context) ([]bot.GroupRequest, error) {
	all, err := s.rdb.HGetAll(ctx, s.k.groupRequests()).Result()
	if err != nil {
		return nil, down(err)
	}
	out := make([]bot.GroupRequest, 0, len(all))
	for _, v := range all {
		var r bot.GroupRequest
		if json.Unmarshal([]byte(v), &r) == nil {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}

// Access reads whether a coordinator added userID, the approved groups and the activity code,
// pipelined in one round trip.
func (s *Store) Access(ctx context.Context, userID bot.ID, code string) (bot.Access, error) {
	var unit, act *redis.StringCmd
	var groups *redis.MapStringStringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		unit = p.HGet(ctx, s.k.reporters(), userID.Key())
		groups = p.HGetAll(ctx, s.k.groups())
		if code != "" {
			act = p.HGet(ctx, s.k.activities(), strings.ToUpper(code))
		}
		return nil
	})
	if err != nil && err != redis.Nil {
		return bot.Access{}, down(err)
	}
	out := bot.Access{Unit: unit.Val(), Added: unit.Err() == nil, Groups: groupList(groups.Val())}
	if act != nil && act.Err() == nil {
		if json.Unmarshal([]byte(act.Val()), &out.Activity) == nil {
			out.Found = true
		}
	}
	return out, nil
}

// storedGroup is a group's value in the groups hash. Older data held the bare title.
type storedGroup struct {
	Title string `json:"t"`
	Unit  string `json:"u,omitempty"`
}

// groupValue is how g is kept in the groups hash.
func groupValue(g bot.SubscribedGroup) string {
	data, _ := json.Marshal(storedGroup{Title: g.Title, Unit: g.Unit})
	return string(data)
}

// decodeGroup reads a groups hash value: JSON, or a bare title as older data kept it.
func decodeGroup(chat bot.ID, v string) bot.SubscribedGroup {
	var sg storedGroup
	if strings.HasPrefix(v, "{") && json.Unmarshal([]byte(v), &sg) == nil && sg.Title != "" {
		return bot.SubscribedGroup{ChatID: chat, Title: sg.Title, Unit: sg.Unit}
	}
	return bot.SubscribedGroup{ChatID: chat, Title: v}
}

// SetGroupUnit ties an approved group to a unit ("" unties it), with the audit entry, in one
// step; found is false when the group is not approved.
func (s *Store) SetGroupUnit(ctx context.Context, chatID bot.ID, unit string, audit bot.Audit) (bool, error) {
	id := chatID.Key()
	found := false
	err := s.watch(ctx, func(tx *redis.Tx) error {
		v, err := tx.HGet(ctx, s.k.groups(), id).Result()
		if err == redis.Nil {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		g := decodeGroup(chatID, v)
		g.Unit = unit
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, s.k.groups(), id, groupValue(g))
			return s.txAudit(ctx, p, audit)
		})
		return err
	}, s.k.groups())
	return found, down(err)
}

// groupList turns the groups hash into a list ordered by chat id.
func groupList(all map[string]string) []bot.SubscribedGroup {
	out := make([]bot.SubscribedGroup, 0, len(all))
	for id, v := range all {
		chat, err := bot.ParseID(id)
		if err != nil {
			continue
		}
		out = append(out, decodeGroup(chat, v))
	}
	sort.Slice(out, func(i, j int) bool { return groupLess(out[i].ChatID, out[j].ChatID) })
	return out
}

// MigrateGroup moves a subscription from a group's old id to its new supergroup id.
func (s *Store) MigrateGroup(ctx context.Context, from, to bot.ID) error {
	old := from.Key()
	title, err := s.rdb.HGet(ctx, s.k.groups(), old).Result()
	if err == redis.Nil {
		return nil
	}
	if err != nil {
		return down(err)
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HDel(ctx, s.k.groups(), old)
		p.HSet(ctx, s.k.groups(), to.Key(), title)
		return nil
	})
	return down(err)
}

// SetReporter adds or removes a reporter added by a coordinator, with the audit entry.
func (s *Store) SetReporter(ctx context.Context, userID bot.ID, unit string, remove bool, audit bot.Audit) error {
	id := userID.Key()
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		if remove {
			p.HDel(ctx, s.k.reporters(), id)
		} else {
			p.HSet(ctx, s.k.reporters(), id, unit)
		}
		return s.txAudit(ctx, p, audit)
	})
	return down(err)
}

// CachedMembership reads the cached membership of userID in each chat in one round trip.
func (s *Store) CachedMembership(ctx context.Context, userID bot.ID, chats []bot.ID) ([]string, error) {
	if len(chats) == 0 {
		return nil, nil
	}
	// One GET per key, pipelined: the keys carry no common hash tag, so no MGET on a cluster.
	cmds := make([]*redis.StringCmd, len(chats))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, c := range chats {
			cmds[i] = p.Get(ctx, s.k.member(c, userID))
		}
		return nil
	})
	if err != nil && err != redis.Nil {
		return nil, down(err)
	}
	out := make([]string, len(cmds))
	for i, c := range cmds {
		out[i] = c.Val()
	}
	return out, nil
}

// CacheMembership remembers Telegram's answer for ttl.
func (s *Store) CacheMembership(ctx context.Context, userID, chatID bot.ID, status string, ttl time.Duration) error {
	return down(s.rdb.Set(ctx, s.k.member(chatID, userID), status, ttl).Err())
}

// SetFlow stores (or with nil, ends) the user's guided flow in a chat.
func (s *Store) SetFlow(ctx context.Context, userID, chatID bot.ID, f *bot.Flow) error {
	if f == nil {
		return down(s.rdb.Del(ctx, s.k.flow(userID, chatID)).Err())
	}
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return down(s.rdb.Set(ctx, s.k.flow(userID, chatID), data, flowTTL).Err())
}

// groupLess orders Telegram groups by number, as before Zalo, then Zalo groups by id.
func groupLess(a, b bot.ID) bool {
	na, ta := a.Telegram()
	nb, tb := b.Telegram()
	switch {
	case ta && tb:
		return na < nb
	case ta != tb:
		return ta
	}
	return a < b
}

// PrivateRecipients lists the reporters of platform who wrote to the bot, in id order.
func (s *Store) PrivateRecipients(ctx context.Context, platform string) ([]bot.ID, error) {
	var reps *redis.MapStringStringCmd
	var contacts *redis.StringSliceCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		reps = p.HGetAll(ctx, s.k.reporters())
		contacts = p.SMembers(ctx, s.k.contacts())
		return nil
	})
	if err != nil {
		return nil, down(err)
	}
	wrote := map[string]bool{}
	for _, c := range contacts.Val() {
		wrote[c] = true
	}
	var out []bot.ID
	for k := range reps.Val() {
		id, err := bot.ParseID(k)
		if err == nil && id.Platform() == platform && wrote[k] {
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}
