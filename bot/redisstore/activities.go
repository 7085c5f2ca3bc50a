package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/redis/go-redis/v9"
)

// createActivity sets the activity only when its code is free (HSETNX), assigning the next
// automatic code first when none was given: one step, so two coordinators adding at once get
// different codes.
var createActivity = redis.NewScript(`
local code = ARGV[1]
if code == '' then
  repeat
    code = 'A' .. redis.call('INCR', KEYS[2])
  until redis.call('HEXISTS', KEYS[1], code) == 0
end
local json = string.gsub(ARGV[2], '"code":""', '"code":"' .. code .. '"', 1)
if redis.call('HSETNX', KEYS[1], code, json) == 0 then return '' end
return code
`)

// SaveActivity stores a; see bot.ActivityStore.
func (s *Store) SaveActivity(ctx context.Context, a bot.Activity, create bool) (bot.Activity, error) {
	a.Code = strings.ToUpper(a.Code)
	data, err := json.Marshal(a)
	if err != nil {
		return a, err
	}
	if !create {
		return a, down(s.rdb.HSet(ctx, s.k.activities(), a.Code, data).Err())
	}
	code, err := createActivity.Run(ctx, s.rdb, []string{s.k.activities(), s.k.activitySeq()}, a.Code, data).Text()
	if err != nil {
		return a, down(err)
	}
	if code == "" {
		return a, fmt.Errorf("activity %s: %w", a.Code, bot.ErrExists)
	}
	a.Code = code
	return a, nil
}

// Activity returns one activity by code.
func (s *Store) Activity(ctx context.Context, code string) (bot.Activity, bool, error) {
	data, err := s.rdb.HGet(ctx, s.k.activities(), strings.ToUpper(code)).Bytes()
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

// Activities returns every activity, ordered by time, then code.
func (s *Store) Activities(ctx context.Context) ([]bot.Activity, error) {
	all, err := s.rdb.HGetAll(ctx, s.k.activities()).Result()
	if err != nil {
		return nil, down(err)
	}
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
