package zalo

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/coordbot/coordbot/internal/chatqueue"
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
	d := c.newPool(ctx, workers, handle)
	defer d.Stop(max(grace, time.Millisecond))
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
			d.Push(*u.Message)
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
	d      *chatqueue.Pool[string, Message]
}

// NewWebhook serves the webhook with secret: a request without it (compared in constant time) gets
// 401, and an empty secret refuses every request. Both body shapes are read (DecodeDelivery); a
// delivery is answered 200 once its message is queued, and handled by at most workers at once.
// Zalo gives no second chance for a message answered 200, so a handler that fails is logged.
func (c *Client) NewWebhook(secret string, workers int, handle Handler) *Webhook {
	return &Webhook{c: c, secret: secret, d: c.newPool(context.Background(), workers, handle)}
}

// Close stops taking deliveries (they get 503) and lets the handlers running finish, cancelling
// them after grace.
func (w *Webhook) Close(grace time.Duration) { w.d.Stop(max(grace, time.Millisecond)) }

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
	if w.d.Queued() >= maxQueued {
		// Handlers are stuck (Redis down?): refuse rather than hold unbounded memory.
		w.c.log.Error("zalo: too many webhook messages waiting; refusing deliveries", "queued", maxQueued)
		http.Error(rw, "busy", http.StatusServiceUnavailable)
		return
	}
	if !w.d.Push(*u.Message) {
		http.Error(rw, "shutting down", http.StatusServiceUnavailable)
		return
	}
	rw.WriteHeader(http.StatusOK)
}

// newPool runs handle on messages: one chat's in order, chats in parallel, at most workers at
// once. Zalo cannot deliver a message twice, so a chat's worker drains its queue even while
// shutting down; the grace bounds how long that may take.
func (c *Client) newPool(ctx context.Context, workers int, handle Handler) *chatqueue.Pool[string, Message] {
	return chatqueue.New(ctx, chatqueue.Config[string, Message]{
		Key:    func(m Message) string { return m.Chat.ID },
		Handle: handle,
		Done: func(_ context.Context, m Message, err error) {
			if err != nil {
				c.log.Error("zalo: message handler failed", "chat", m.Chat.ID, "err", err)
			}
		},
		Workers: workers,
		Drain:   true,
		Log:     c.log,
		Name:    "zalo",
	})
}

// maxQueued bounds the webhook messages waiting for a handler.
const maxQueued = 10000
