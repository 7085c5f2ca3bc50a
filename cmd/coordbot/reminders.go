package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/scheduler"
	"github.com/redis/go-redis/v9"
)

// queue adapts the scheduler's Redis due queue to the bot's ReminderStore; the two packages keep
// their own Reminder types so that bot imports no Redis and scheduler no bot.
type queue struct{ q *scheduler.Queue }

func toQueue(r bot.Reminder) scheduler.Reminder {
	return scheduler.Reminder{ID: r.ID, ChatID: r.ChatID, Kind: r.Kind, Ref: r.Ref, Text: r.Text, Cron: r.Cron,
		At: r.At, CreatedBy: r.CreatedBy, Meta: r.Meta}
}

func fromQueue(r scheduler.Reminder) bot.Reminder {
	return bot.Reminder{ID: r.ID, ChatID: r.ChatID, Kind: r.Kind, Ref: r.Ref, Text: r.Text, Cron: r.Cron,
		At: r.At, CreatedBy: r.CreatedBy, Meta: r.Meta}
}

func (a queue) AddReminder(ctx context.Context, r bot.Reminder) (bot.Reminder, error) {
	out, err := a.q.Add(ctx, toQueue(r))
	return fromQueue(out), storeErr(err)
}

func (a queue) CancelReminder(ctx context.Context, id string) (bot.Reminder, bool, error) {
	r, ok, err := a.q.Cancel(ctx, id)
	return fromQueue(r), ok, storeErr(err)
}

func (a queue) Reminders(ctx context.Context, chatID int64) ([]bot.Reminder, error) {
	rs, err := a.q.List(ctx, chatID)
	out := make([]bot.Reminder, len(rs))
	for i, r := range rs {
		out[i] = fromQueue(r)
	}
	return out, storeErr(err)
}

func (a queue) ReplaceRef(ctx context.Context, ref string, rs []bot.Reminder) error {
	if _, err := a.q.CancelRef(ctx, ref); err != nil {
		return storeErr(err)
	}
	if len(rs) == 0 {
		return nil
	}
	qs := make([]scheduler.Reminder, len(rs))
	for i, r := range rs {
		qs[i] = toQueue(r)
	}
	_, err := a.q.AddBatch(ctx, qs)
	return storeErr(err)
}

func (a queue) Once(ctx context.Context, slot string, ttl time.Duration) (bool, error) {
	ok, err := a.q.Once(ctx, slot, ttl)
	return ok, storeErr(err)
}

// storeErr marks queue failures as the store being down, so users are asked to try again.
func storeErr(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", bot.ErrStoreDown, err)
}

// startScheduler fires due reminders through b until ctx ends; the returned channel closes when
// it has stopped.
func startScheduler(ctx context.Context, q *scheduler.Queue, b *bot.Bot, c Config, log *slog.Logger) <-chan struct{} {
	s := scheduler.New(q, func(ctx context.Context, f scheduler.Firing) error {
		return b.Fire(ctx, bot.Firing{Reminder: fromQueue(f.Reminder), Occurrence: f.Occurrence, Late: f.Late})
	}, scheduler.Options{Grace: c.Grace, Logger: log})
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := s.Run(ctx); err != nil && ctx.Err() == nil {
			log.Error("scheduler stopped", "err", err)
		}
	}()
	return done
}

// newQueue is the due queue under the configured prefix.
func newQueue(rdb redis.UniversalClient, c Config) *scheduler.Queue {
	return scheduler.NewQueue(rdb, c.Prefix+"sched:", c.TZ)
}
