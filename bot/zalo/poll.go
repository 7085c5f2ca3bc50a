package zalo

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// Handler handles one message. It must be idempotent on Message.MessageID: Zalo has no offset to
// confirm, so the bot claims each message id in its store before acting on it.
type Handler func(ctx context.Context, m Message) error

// Idle polls: Zalo answers an idle getUpdates with ok:false, 408 — after holding the poll for its
// timeout, or (a platform in trouble, a proxy) at once. A poll that came back empty sooner than
// heldPoll is followed by a wait, doubling from idleWait up to maxIdleWait, so the loop never spins
// into the quota; a poll that was held, or that brought a message, resets the wait.
const (
	idleWait    = time.Second
	maxIdleWait = 8 * time.Second
	heldPoll    = time.Second
)

// Poll receives messages by long polling until ctx ends, handing each to handle: messages of one
// chat in order, different chats concurrently (at most workers at once). getUpdates answers one
// message per call, and a message handed out is gone from Zalo's side: a crash between receiving
// and handling it loses it, which is why the docs call polling a development mode and webhook
// mode is the one to run in production. Poll returns nil when ctx ends (after the handlers running
// finished or the grace passed), and an error wrapping ErrUnauthorized when the token is refused.
func (c *Client) Poll(ctx context.Context, workers int, grace time.Duration, handle Handler) error {
	if err := c.DeleteWebhook(ctx); err != nil && ctx.Err() == nil {
		if errors.Is(err, ErrUnauthorized) {
			return err
		}
		c.log.Warn("zalo: deleteWebhook failed; polling anyway", "err", err)
	}
	d := newDispatcher(ctx, c, max(workers, 1), handle)
	defer d.shutdown(grace)
	failures, idle := 0, 0
	held := min(heldPoll, c.cfg.PollTimeout/2)
	for ctx.Err() == nil {
		start := c.cfg.Now()
		u, err := c.GetUpdate(ctx)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if errors.Is(err, ErrUnauthorized) {
				return err
			}
			wait := c.backoff(err, failures)
			failures++
			c.log.Warn("zalo: getUpdates failed", "err", err, "failures", failures, "wait", wait)
			if c.cfg.Sleep(ctx, wait) != nil {
				break
			}
			continue
		}
		failures = 0
		if u != nil && u.Message != nil && u.Message.Chat.ID != "" {
			idle = 0
			d.dispatch(*u.Message)
			continue
		}
		if c.cfg.Now().Sub(start) >= held {
			idle = 0
			continue
		}
		wait := min(idleWait<<min(idle, 8), maxIdleWait)
		idle++
		if idle == 3 {
			c.log.Warn("zalo: getUpdates answers at once with nothing; waiting between polls", "wait", wait)
		}
		if c.cfg.Sleep(ctx, wait) != nil {
			break
		}
	}
	return nil
}

// Webhook serves Zalo's webhook calls (an http.Handler). It answers at once — the platform marks
// slow endpoints unreachable — and handles the message after, messages of one chat in order.
// Close stops it.
type Webhook struct {
	c      *Client
	secret string
	d      *dispatcher
}

// NewWebhook serves the webhook with secret: a request without it (compared in constant time) gets
// 401, and an empty secret refuses every request. Both body shapes are read (DecodeDelivery); a
// delivery is answered 200 once its message is queued, and handled by at most workers at once.
// Zalo gives no second chance for a message answered 200, so a handler that fails is logged.
func (c *Client) NewWebhook(secret string, workers int, handle Handler) *Webhook {
	return &Webhook{c: c, secret: secret, d: newDispatcher(context.Background(), c, max(workers, 1), handle)}
}

// Close stops taking deliveries (they get 503) and lets the handlers running finish, cancelling
// them after grace.
func (w *Webhook) Close(grace time.Duration) { w.d.shutdown(grace) }

func (w *Webhook) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(rw, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	got := r.Header.Get("X-Bot-Api-Secret-Token")
	if w.secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(w.secret)) != 1 {
		http.Error(rw, "unauthorized", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, 1<<20))
	if err != nil {
		http.Error(rw, "bad update", http.StatusBadRequest)
		return
	}
	u, ok := DecodeDelivery(body)
	if !ok {
		if !json.Valid(body) {
			http.Error(rw, "bad update", http.StatusBadRequest)
			return
		}
		w.c.log.Warn("zalo: a webhook delivery without a message; ignored", "bytes", len(body))
		rw.WriteHeader(http.StatusOK)
		return
	}
	// A message without an id still gets the transport's note when it is one the bot cannot read
	// (the docs show no unsupported event; its id may be withheld with the content); the bot
	// itself takes only messages with an id.
	if u.Message.Chat.ID == "" {
		w.c.log.Warn("zalo: a webhook message without a chat; ignored", "event", u.EventName)
		rw.WriteHeader(http.StatusOK)
		return
	}
	if w.d.queued() >= maxQueued {
		// Handlers are stuck (Redis down?): refuse rather than hold unbounded memory.
		w.c.log.Error("zalo: too many webhook messages waiting; refusing deliveries", "queued", maxQueued)
		http.Error(rw, "busy", http.StatusServiceUnavailable)
		return
	}
	if !w.d.dispatch(*u.Message) {
		http.Error(rw, "shutting down", http.StatusServiceUnavailable)
		return
	}
	rw.WriteHeader(http.StatusOK)
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
	closed bool
}

func newDispatcher(ctx context.Context, c *Client, workers int, handle Handler) *dispatcher {
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	return &dispatcher{c: c, handle: handle, hctx: hctx, cancel: cancel, sem: make(chan struct{}, workers),
		queues: map[string][]Message{}}
}

// maxQueued bounds the webhook messages waiting for a handler.
const maxQueued = 10000

// queued counts the messages waiting for a handler.
func (d *dispatcher) queued() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, q := range d.queues {
		n += len(q)
	}
	return n
}

// dispatch queues m; it is false once the dispatcher shut down.
func (d *dispatcher) dispatch(m Message) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return false
	}
	q, running := d.queues[m.Chat.ID]
	d.queues[m.Chat.ID] = append(q, m)
	if !running {
		d.wg.Add(1)
		go d.work(m.Chat.ID)
	}
	return true
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
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
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
