package main

import (
	"context"
	"log/slog"

	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/scheduler"
	"github.com/redis/go-redis/v9"
)

// startScheduler fires due reminders through fire until ctx ends; the returned channel closes
// when it has stopped.
func startScheduler(ctx context.Context, q *scheduler.Queue, fire func(context.Context, scheduler.Firing) error, c Config, log *slog.Logger) <-chan struct{} {
	s := scheduler.New(q, fire, scheduler.Options{Grace: c.Grace, Logger: log})
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := s.Run(ctx); err != nil && ctx.Err() == nil {
			log.Error("scheduler stopped", "err", err)
		}
	}()
	return done
}

// newQueue is the due queue under the configured prefix, in the programme's hash slot: an
// activity and its reminders change in one step (redisstore.WithQueue).
func newQueue(rdb redis.UniversalClient, c Config) *scheduler.Queue {
	return scheduler.NewQueue(rdb, redisstore.ProgrammePrefix(c.Prefix)+"sched:", c.TZ)
}
