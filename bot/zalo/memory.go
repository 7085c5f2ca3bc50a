package zalo

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// Memory keeps, in Redis, what a typed answer on Zalo refers to: the numbered choices last shown
// to a person in a chat (typing "2" is pressing the second button), and the last reminder of a
// chat that can be acknowledged (typing "đã nhận"). It also numbers the messages that carry
// choices, since the bot refers to a message by a number and Zalo's message ids are strings.
// Every instance of the bot shares it, so a choice shown by one is understood by another.
type Memory struct {
	rdb    redis.UniversalClient
	prefix string
	// ChoiceTTL is how long numbered choices are understood (default 24 h); AckTTL how long the
	// last reminder of a chat can be acknowledged by typing (default 14 days, as on Telegram).
	ChoiceTTL, AckTTL time.Duration
}

// NewMemory keeps its keys in rdb under prefix.
func NewMemory(rdb redis.UniversalClient, prefix string) *Memory {
	return &Memory{rdb: rdb, prefix: prefix + "zalo:", ChoiceTTL: 24 * time.Hour, AckTTL: 14 * 24 * time.Hour}
}

// Shown is a message's numbered choices.
type Shown struct {
	// MessageID is the number the bot knows the message by (bot.Sent.MessageID).
	MessageID int      `json:"m"`
	Choices   []Choice `json:"c"`
}

// choices holds JSON of the Shown last sent to user in chat ("" user: to everyone in the chat,
// as a reminder is).
func (m *Memory) choices(chat, user string) string { return m.prefix + "choice:" + chat + ":" + user }

// ack holds the number of the last message in chat that can be acknowledged.
func (m *Memory) ack(chat string) string { return m.prefix + "ack:" + chat }

// group marks a chat Zalo called a group (chat_type GROUP).
func (m *Memory) group(chat string) string { return m.prefix + "group:" + chat }

// MarkGroup remembers that chat is a group (for 90 days after its last message).
func (m *Memory) MarkGroup(ctx context.Context, chat string) error {
	return m.rdb.Set(ctx, m.group(chat), 1, 90*24*time.Hour).Err()
}

// IsGroup says whether a message from chat said it is a group.
func (m *Memory) IsGroup(ctx context.Context, chat string) (bool, error) {
	n, err := m.rdb.Exists(ctx, m.group(chat)).Result()
	return n > 0, err
}

// seq numbers the messages with choices.
func (m *Memory) seq() string { return m.prefix + "msgseq" }

// Next is a new message number.
func (m *Memory) Next(ctx context.Context) (int, error) {
	n, err := m.rdb.Incr(ctx, m.seq()).Result()
	return int(n), err
}

// Remember keeps s as what user (or, with user "", anyone) in chat was last shown; a message
// with no choices (s.Choices empty) forgets the earlier ones, so a number typed later is text.
// ackable marks s as the chat's last reminder to acknowledge.
func (m *Memory) Remember(ctx context.Context, chat, user string, s Shown, ackable bool) error {
	_, err := m.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		if len(s.Choices) == 0 {
			p.Del(ctx, m.choices(chat, user))
		} else {
			data, err := json.Marshal(s)
			if err != nil {
				return err
			}
			p.Set(ctx, m.choices(chat, user), data, m.ChoiceTTL)
		}
		if ackable {
			p.Set(ctx, m.ack(chat), s.MessageID, m.AckTTL)
		}
		return nil
	})
	return err
}

// Choice finds what typing number n means to user in chat: the newer of what was shown to the
// user and, when shared is true, what was shown to everyone in the chat. ok is false when n
// chooses nothing.
func (m *Memory) Choice(ctx context.Context, chat, user string, n int, shared bool) (data string, msgID int, ok bool, err error) {
	keys := []string{m.choices(chat, user)}
	if shared && user != "" {
		keys = append(keys, m.choices(chat, ""))
	}
	// Both reads in one round trip (a pipeline, not MGET: the keys may sit in different slots).
	cmds := make([]*redis.StringCmd, len(keys))
	if _, err := m.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, k := range keys {
			cmds[i] = p.Get(ctx, k)
		}
		return nil
	}); err != nil && !errors.Is(err, redis.Nil) {
		return "", 0, false, err
	}
	var best *Shown
	for _, c := range cmds {
		raw, err := c.Bytes()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			return "", 0, false, err
		}
		var s Shown
		if json.Unmarshal(raw, &s) != nil {
			continue
		}
		if best == nil || s.MessageID > best.MessageID {
			best = &s
		}
	}
	if best == nil {
		return "", 0, false, nil
	}
	for _, c := range best.Choices {
		if c.Number == n {
			return c.Data, best.MessageID, true, nil
		}
	}
	return "", 0, false, nil
}

// LastAckable is the number of the chat's last reminder that can be acknowledged; ok is false when
// there is none (or it is too old).
func (m *Memory) LastAckable(ctx context.Context, chat string) (int, bool, error) {
	n, err := m.rdb.Get(ctx, m.ack(chat)).Int()
	if errors.Is(err, redis.Nil) {
		return 0, false, nil
	}
	return n, err == nil, err
}
