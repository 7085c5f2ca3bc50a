package redisstore

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/redis/go-redis/v9"
)

// flowTTL is how long a guided flow waits for the user's next answer.
const flowTTL = 30 * time.Minute

// SetGroup subscribes or unsubscribes a group.
func (s *Store) SetGroup(ctx context.Context, g bot.SubscribedGroup, subscribed bool) error {
	id := strconv.FormatInt(g.ChatID, 10)
	if subscribed {
		return down(s.rdb.HSet(ctx, s.k.groups(), id, g.Title).Err())
	}
	return down(s.rdb.HDel(ctx, s.k.groups(), id).Err())
}

// Groups lists the subscribed groups by chat id.
func (s *Store) Groups(ctx context.Context) ([]bot.SubscribedGroup, error) {
	all, err := s.rdb.HGetAll(ctx, s.k.groups()).Result()
	if err != nil {
		return nil, down(err)
	}
	return groupList(all), nil
}

// Access reads whether a coordinator added userID and the subscribed groups, pipelined.
func (s *Store) Access(ctx context.Context, userID int64) (string, bool, []bot.SubscribedGroup, error) {
	var unit *redis.StringCmd
	var groups *redis.MapStringStringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		unit = p.HGet(ctx, s.k.reporters(), strconv.FormatInt(userID, 10))
		groups = p.HGetAll(ctx, s.k.groups())
		return nil
	})
	if err != nil && err != redis.Nil {
		return "", false, nil, down(err)
	}
	added := unit.Err() == nil
	return unit.Val(), added, groupList(groups.Val()), nil
}

// groupList turns the groups hash into a list ordered by chat id.
func groupList(all map[string]string) []bot.SubscribedGroup {
	out := make([]bot.SubscribedGroup, 0, len(all))
	for id, title := range all {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			continue
		}
		out = append(out, bot.SubscribedGroup{ChatID: n, Title: title})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ChatID < out[j].ChatID })
	return out
}

// MigrateGroup moves a subscription from a group's old id to its new supergroup id.
func (s *Store) MigrateGroup(ctx context.Context, from, to int64) error {
	old := strconv.FormatInt(from, 10)
	title, err := s.rdb.HGet(ctx, s.k.groups(), old).Result()
	if err == redis.Nil {
		return nil
	}
	if err != nil {
		return down(err)
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HDel(ctx, s.k.groups(), old)
		p.HSet(ctx, s.k.groups(), strconv.FormatInt(to, 10), title)
		return nil
	})
	return down(err)
}

// SetReporter adds or removes a reporter added by a coordinator.
func (s *Store) SetReporter(ctx context.Context, userID int64, unit string, remove bool) error {
	id := strconv.FormatInt(userID, 10)
	if remove {
		return down(s.rdb.HDel(ctx, s.k.reporters(), id).Err())
	}
	return down(s.rdb.HSet(ctx, s.k.reporters(), id, unit).Err())
}

// CachedMembership reads the cached membership of userID in each chat in one round trip.
func (s *Store) CachedMembership(ctx context.Context, userID int64, chats []int64) ([]string, error) {
	if len(chats) == 0 {
		return nil, nil
	}
	ks := make([]string, len(chats))
	for i, c := range chats {
		ks[i] = s.k.member(c, userID)
	}
	vals, err := s.rdb.MGet(ctx, ks...).Result()
	if err != nil {
		return nil, down(err)
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i], _ = v.(string)
	}
	return out, nil
}

// CacheMembership remembers Telegram's answer for ttl.
func (s *Store) CacheMembership(ctx context.Context, userID, chatID int64, status string, ttl time.Duration) error {
	return down(s.rdb.Set(ctx, s.k.member(chatID, userID), status, ttl).Err())
}

// SetFlow stores (or with nil, ends) the user's guided flow.
func (s *Store) SetFlow(ctx context.Context, userID int64, f *bot.Flow) error {
	if f == nil {
		return down(s.rdb.Del(ctx, s.k.flow(userID)).Err())
	}
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return down(s.rdb.Set(ctx, s.k.flow(userID), data, flowTTL).Err())
}

// Flow returns the user's guided flow, or nil.
func (s *Store) Flow(ctx context.Context, userID int64) (*bot.Flow, error) {
	data, err := s.rdb.Get(ctx, s.k.flow(userID)).Bytes()
	if err == redis.Nil {
		return nil, nil
	}
	if err != nil {
		return nil, down(err)
	}
	var f bot.Flow
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil // an unreadable flow is as good as none
	}
	return &f, nil
}
