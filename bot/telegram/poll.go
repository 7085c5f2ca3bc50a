package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/chatqueue"
	"github.com/coordbot/coordbot/internal/transport"
)

// pollLimit is getUpdates' batch size. Without an Inbox the offset never passes an update still
// being handled, so it also bounds how many updates can be in flight.
const pollLimit = 100

// busyRetry is how long an update held by another handler (chat.ErrUpdateBusy: the previous
// poller's, still finishing or dead with its claim not yet expired) waits before it is tried again.
const busyRetry = time.Second

// Inbox keeps the updates Poll fetched until they are handled (redisstore.Store implements it;
// the handler's bot.Sessions.Finish removes each one as it marks it done).
type Inbox interface {
	// Enqueue stores a batch of updates durably, in one round trip.
	Enqueue(ctx context.Context, ups []chat.Update) error
	// Inbox is every update stored and not yet finished, oldest first.
	Inbox(ctx context.Context) ([]chat.Update, error)
}

// Poll receives updates by long polling until ctx ends, handing each to handle: updates of one
// chat in order, different chats concurrently (at most Config.Workers handlers at once).
//
// Without Config.Inbox, an update is confirmed to Telegram only once its handler has returned, so
// a crash redelivers what was not handled (handlers must be idempotent on the update id); the
// offset then waits for the oldest update in flight. With an Inbox, each batch is written to it
// first and confirmed at once: the offset never waits for a slow chat, and what was not handled
// when the process stopped (or died, or lost the lease) is taken from the inbox by whichever
// process polls next, before anything new. A chat with Config.ChatBacklog updates waiting is told,
// once, that it sends too fast, and what it sends meanwhile is dropped. Should the inbox be
// unreachable, a batch falls back to confirmation after handling.
//
// A handler error is logged and the update confirmed anyway: retrying it forever would stall the
// chat. An update another handler holds (chat.ErrUpdateBusy) is tried again every second. When ctx
// ends, Poll starts no new handler, waits for those running (cancelling their context after
// Config.ShutdownGrace), confirms what they finished, and returns nil. It returns an error only
// when Telegram refuses the token.
//
// With Config.Elector set, Poll first waits to lead; while it does not, it only waits (the process
// goes on serving /healthz and firing reminders). When leadership is lost it stops polling as
// when ctx ends, then waits to lead again.
func (c *Client) Poll(ctx context.Context, handle func(context.Context, chat.Update) error) error {
	if c.cfg.Elector == nil {
		return c.poll(ctx, handle)
	}
	for {
		c.log.Info("telegram: standing by until this process holds the polling lease")
		lctx, release, err := c.cfg.Elector.Lead(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		c.log.Info("telegram: this process polls for updates")
		err = c.poll(lctx, handle)
		release()
		if err != nil || ctx.Err() != nil {
			return err
		}
		c.log.Warn("telegram: lost the polling lease; standing by")
	}
}

// Elector chooses the one process that polls. Lead blocks until this process leads (or ctx ends,
// with ctx's error) and returns a context that ends when leadership is lost, and a function that
// gives leadership up; internal/lease implements it on Redis.
type Elector interface {
	Lead(ctx context.Context) (context.Context, func(), error)
}

// poll is Poll for a process that leads.
func (c *Client) poll(ctx context.Context, handle func(context.Context, chat.Update) error) error {
	if err := c.deleteWebhook(ctx); err != nil && ctx.Err() == nil {
		c.log.Warn("telegram: deleteWebhook failed; polling anyway", "err", err)
	}
	d := newDispatcher(ctx, c, handle)
	replayed := d.replay(ctx)
	var maxSeen, failures, conflicts int
	var fatal error
	for ctx.Err() == nil {
		cfg := tgbotapi.UpdateConfig{Offset: d.offset(maxSeen), Limit: pollLimit, Timeout: int(c.cfg.PollTimeout / time.Second)}
		ups, err := c.bound(ctx).GetUpdates(cfg)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			failures++
			if fatal = c.pollFailed(ctx, c.redact(err), failures, &conflicts); fatal != nil {
				break
			}
			continue
		}
		failures, conflicts = 0, 0
		fresh := 0
		var batch []chat.Update
		for _, u := range ups {
			if u.UpdateID <= maxSeen {
				continue // in flight since an earlier batch: the offset could not pass it yet
			}
			maxSeen = u.UpdateID
			fresh++
			if replayed[u.UpdateID] {
				continue // taken from the inbox: the last poller stored it, but did not confirm it
			}
			if up, ok := convert(u); ok {
				batch = append(batch, up)
			}
		}
		d.accept(ctx, batch)
		if fresh == 0 && len(ups) > 0 {
			d.waitProgress(ctx) // polling again now would only return the same updates
		}
	}
	d.shutdown(c.cfg.ShutdownGrace)
	c.confirm(ctx, d.offset(maxSeen))
	return fatal
}

// pollFailed logs a failed getUpdates and waits before the next one; it returns an error when
// polling cannot go on.
// conflicts counts the 409s from another poller since the last successful poll.
func (c *Client) pollFailed(ctx context.Context, err error, failures int, conflicts *int) error {
	code, e := apiCode(err)
	wait := transport.Backoff(failures - 1)
	switch {
	case code == http.StatusUnauthorized || code == http.StatusNotFound:
		return fmt.Errorf("telegram: the Bot API refused the token: %w", err)
	case code == http.StatusTooManyRequests:
		wait = retryAfter(e)
		c.log.Warn("telegram: getUpdates flood limit", "retry_after", wait)
	case code == http.StatusConflict && strings.Contains(e.Message, "webhook"):
		c.log.Error("telegram: a webhook is set; deleting it to poll", "err", err)
		if derr := c.deleteWebhook(ctx); derr != nil {
			c.log.Error("telegram: deleteWebhook failed", "err", derr)
		}
	case code == http.StatusConflict:
		// Another poller on this token: one outside the lease (another deployment) or a leader
		// whose lease ran out while Redis was unreachable. Said once per streak, then backed off.
		*conflicts++
		wait = conflictBackoff(*conflicts)
		if *conflicts == 1 {
			c.log.Warn("telegram: another process is polling with this token (409); backing off", "err", err, "wait", wait)
		} else {
			c.log.Debug("telegram: still in conflict with another poller", "conflicts", *conflicts, "wait", wait)
		}
	default:
		c.log.Warn("telegram: getUpdates failed", "err", err, "failures", failures, "wait", wait)
	}
	if c.cfg.Sleep(ctx, wait) != nil {
		c.log.Debug("telegram: polling stops during a backoff") // ctx ended; the loop sees it
	}
	return nil
}

// conflictBackoff is the wait after the n-th 409 in a row: long enough that two pollers do not
// terminate each other's long polls every second, short enough to resume soon after the other
// one stops.
func conflictBackoff(n int) time.Duration {
	return min(2*time.Second<<min(n-1, 4), 30*time.Second)
}

// confirm tells Telegram, on the way out, which updates were handled, so a restart does not see
// them again. Best effort: the ids are remembered elsewhere too.
func (c *Client) confirm(ctx context.Context, offset int) {
	if offset <= 0 {
		return
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if _, err := c.bound(cctx).GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Limit: 1}); err != nil {
		c.log.Info("telegram: final confirmation failed; some updates will come again", "err", c.redact(err))
	}
}

// dispatcher runs handlers on a chatqueue.Pool (a chat's updates in order, chats in parallel) and
// keeps what Poll needs beside it: the updates not stored in the inbox and not yet finished, which
// hold the offset back.
type dispatcher struct {
	c    *Client
	pool *chatqueue.Pool[chat.ID, chat.Update]

	mu       sync.Mutex
	pending  map[int]struct{} // dispatched, not stored in the inbox, not yet finished
	progress chan struct{}
}

func newDispatcher(ctx context.Context, c *Client, handle func(context.Context, chat.Update) error) *dispatcher {
	d := &dispatcher{c: c, pending: map[int]struct{}{}, progress: make(chan struct{}, 1)}
	d.pool = chatqueue.New(ctx, chatqueue.Config[chat.ID, chat.Update]{
		Key:     func(up chat.Update) chat.ID { return up.ChatID },
		Handle:  handle,
		Done:    d.done,
		Retry:   retryBusy,
		Workers: c.cfg.Workers,
		Backlog: c.cfg.ChatBacklog,
		Log:     c.log,
		Name:    "telegram",
	})
	return d
}

// retryBusy tries an update another handler holds again after busyRetry (until Poll stops).
func retryBusy(err error) time.Duration {
	if errors.Is(err, chat.ErrUpdateBusy) {
		return busyRetry
	}
	return 0
}

// offset is the getUpdates offset: the oldest update still pending, or past everything seen.
func (d *dispatcher) offset(maxSeen int) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	low := maxSeen + 1
	for id := range d.pending {
		low = min(low, id)
	}
	if maxSeen == 0 && len(d.pending) == 0 {
		return 0
	}
	return low
}

// replay dispatches what the inbox holds, left by the process that polled before (or by this one
// before it lost the lease), and returns their update ids.
func (d *dispatcher) replay(ctx context.Context) map[int]bool {
	in := d.c.cfg.Inbox
	if in == nil {
		return nil
	}
	ups, err := in.Inbox(ctx)
	if err != nil {
		d.c.log.Warn("telegram: could not read the inbox; what it holds waits for the next start", "err", err)
		return nil
	}
	if len(ups) > 0 {
		d.c.log.Info("telegram: handling the updates left in the inbox", "updates", len(ups))
	}
	ids := make(map[int]bool, len(ups))
	for _, up := range ups {
		ids[updateNum(up.ID)] = true
		d.dispatch(up, true)
	}
	return ids
}

// accept dispatches a fetched batch: without an inbox as pending (the offset waits for them);
// with one, after storing it there, except what a flooding chat sent past its backlog.
func (d *dispatcher) accept(ctx context.Context, batch []chat.Update) {
	if len(batch) == 0 {
		return
	}
	in := d.c.cfg.Inbox
	if in == nil {
		for _, up := range batch {
			d.dispatch(up, false)
		}
		return
	}
	keep, drop := d.pool.Admit(batch)
	for _, r := range drop {
		d.tooFast(r.Item, r.First)
	}
	if len(keep) == 0 {
		return
	}
	durable := true
	if err := in.Enqueue(ctx, keep); err != nil {
		durable = false
		d.c.log.Warn("telegram: could not store updates in the inbox; confirming them once handled", "updates", len(keep), "err", err)
	}
	for _, up := range keep {
		d.dispatch(up, durable)
	}
}

// tooFast drops an update of a chat whose backlog is full, telling the chat so when first is set:
// once until its backlog drains.
func (d *dispatcher) tooFast(up chat.Update, first bool) {
	d.c.log.Warn("telegram: a chat sends faster than it is answered; update dropped", "chat", up.ChatID, "update", up.ID, "told", first)
	if !first {
		return
	}
	d.pool.Go(func(ctx context.Context) {
		r := chat.Reply{ChatID: up.ChatID, Text: chat.TooFastText(up.From.LangCode)}
		if _, err := d.c.Send(ctx, r); err != nil {
			d.c.log.Warn("telegram: could not tell a flooding chat to slow down", "chat", up.ChatID, "err", err)
		}
	})
}

// dispatch queues up on its chat's worker. A durable update (stored in the inbox) does not hold
// the offset back. Once the pool stops, what is left stays pending (not confirmed, redelivered)
// or in the inbox.
func (d *dispatcher) dispatch(up chat.Update, durable bool) {
	if !durable {
		d.mu.Lock()
		d.pending[updateNum(up.ID)] = struct{}{}
		d.mu.Unlock()
	}
	d.pool.Push(up)
}

// done logs how up's handler ended and releases the offset it held.
func (d *dispatcher) done(hctx context.Context, up chat.Update, err error) {
	if errors.Is(err, chat.ErrUpdateBusy) {
		d.c.log.Info("telegram: update still held by another handler; left for the next poller", "update", up.ID)
	} else if err != nil {
		d.c.log.Error("telegram: update handler failed", "update", up.ID, "chat", up.ChatID, "err", err)
	}
	d.mu.Lock()
	if err == nil || (hctx.Err() == nil && !errors.Is(err, chat.ErrUpdateBusy)) {
		// An update whose handler was cut short by shutdown stays unconfirmed, to come again.
		delete(d.pending, updateNum(up.ID))
	}
	d.mu.Unlock()
	select {
	case d.progress <- struct{}{}:
	default:
	}
}

func (d *dispatcher) waitProgress(ctx context.Context) {
	select {
	case <-d.progress:
	case <-ctx.Done():
	}
}

// shutdown lets running handlers finish, cancelling their context after grace.
func (d *dispatcher) shutdown(grace time.Duration) { d.pool.Stop(grace) }
