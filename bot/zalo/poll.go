package zalo

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/coordbot/coordbot/internal/keylock"
	"github.com/coordbot/coordbot/internal/transport"
)

// Handler handles one message. It must be idempotent on Message.MessageID: Zalo has no offset to
// confirm, so the bot claims each message id in its store before acting on it.
type Handler func(ctx context.Context, m Message) error

// Poll receives messages by long polling until ctx ends, handing each to handle: messages of one
// chat in order, different chats concurrently (at most workers at once). getUpdates answers one
// message per call, and a message handed out is gone from Zalo's side: a crash between receiving
// and handling it loses it, which is why webhook mode is the one to run in production. Poll
// returns nil when ctx ends (after the handlers running finished or the grace passed), and an
// error wrapping ErrUnauthorized when the token is refused.
func (c *Client) Poll(ctx context.Context, workers int, grace time.Duration, handle Handler) error {
	if err := c.DeleteWebhook(ctx); err != nil && ctx.Err() == nil {
		if errors.Is(err, ErrUnauthorized) {
			return err
		}
		c.log.Warn("zalo: deleteWebhook failed; polling anyway", "err", err)
	}
	d := newDispatcher(ctx, c, max(workers, 1), handle)
	defer d.shutdown(grace)
	failures := 0
	for ctx.Err() == nil {
		u, err := c.GetUpdate(ctx)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if errors.Is(err, ErrUnauthorized) {
				return err
			}
			wait := transport.Backoff(failures)
			failures++
			c.log.Warn("zalo: getUpdates failed", "err", err, "failures", failures, "wait", wait)
			if c.cfg.Sleep(ctx, wait) != nil {
				break
			}
			continue
		}
		failures = 0
		if u != nil && u.Message != nil && u.Message.MessageID != "" {
			d.dispatch(*u.Message)
		}
	}
	return nil
}

// WebhookHandler serves Zalo's webhook calls. A request without the secret (compared in constant
// time) gets 401, and an empty secret refuses every request. Messages of one chat are handled one
// at a time; the answer is 200 after the handler returned, 500 when it failed.
func (c *Client) WebhookHandler(secret string, handle Handler) http.Handler {
	var locks keylock.Locks[string]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := r.Header.Get("X-Bot-Api-Secret-Token")
		if secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		var u Update
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&u); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if u.Message == nil || u.Message.MessageID == "" {
			w.WriteHeader(http.StatusOK)
			return
		}
		unlock := locks.Lock(u.Message.Chat.ID)
		err := run(r.Context(), handle, *u.Message)
		unlock()
		if err != nil {
			c.log.Error("zalo: webhook message failed", "chat", u.Message.Chat.ID, "err", err)
			http.Error(w, "handler failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// run calls a handler, turning a panic into an error so one bad message cannot kill the process.
func run(ctx context.Context, handle Handler, m Message) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panicked: %v", p)
		}
	}()
	return handle(ctx, m)
}

// dispatcher runs handlers: one worker per chat with queued messages, so a chat's messages run in
// order, and a semaphore bounding how many run at once.
type dispatcher struct {
	c      *Client
	handle Handler
	hctx   context.Context
	cancel context.CancelFunc
	sem    chan struct{}
	wg     sync.WaitGroup

	mu     sync.Mutex
	queues map[string][]Message
}

func newDispatcher(ctx context.Context, c *Client, workers int, handle Handler) *dispatcher {
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	return &dispatcher{c: c, handle: handle, hctx: hctx, cancel: cancel, sem: make(chan struct{}, workers),
		queues: map[string][]Message{}}
}

func (d *dispatcher) dispatch(m Message) {
	d.mu.Lock()
	defer d.mu.Unlock()
	q, running := d.queues[m.Chat.ID]
	d.queues[m.Chat.ID] = append(q, m)
	if !running {
		d.wg.Add(1)
		go d.work(m.Chat.ID)
	}
}

func (d *dispatcher) work(chat string) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.queues[chat]
		if len(q) == 0 {
			// Zalo cannot deliver a message twice, so a worker drains its queue even while
			// shutting down; the grace bounds how long that may take.
			delete(d.queues, chat)
			d.mu.Unlock()
			return
		}
		m := q[0]
		d.queues[chat] = q[1:]
		d.mu.Unlock()
		d.sem <- struct{}{}
		err := run(d.hctx, d.handle, m)
		<-d.sem
		if err != nil {
			d.c.log.Error("zalo: message handler failed", "chat", chat, "err", err)
		}
	}
}

// shutdown lets running handlers finish, cancelling their context after grace.
func (d *dispatcher) shutdown(grace time.Duration) {
	done := make(chan struct{})
	go func() {
		d.wg.Wait()
		close(done)
	}()
	t := time.NewTimer(max(grace, time.Millisecond))
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		d.c.log.Warn("zalo: handlers still running after the shutdown grace; cancelling them")
		d.cancel()
		<-done
	}
	d.cancel()
}
