package telegram

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/internal/transport"
)

// pollLimit is getUpdates' batch size. Since the offset never passes an update still being
// handled, it also bounds how many updates can be in flight.
const pollLimit = 100

// Poll receives updates by long polling until ctx ends, handing each to handle: updates of one
// chat in order, different chats concurrently (at most Config.Workers handlers at once).
//
// An update is confirmed to Telegram only once its handler has returned, so a crash redelivers
// what was not handled (handlers must be idempotent on the update id). A handler error is logged
// and the update confirmed anyway: retrying it forever would stall the chat. When ctx ends, Poll
// starts no new handler, waits for those running (cancelling their context after
// Config.ShutdownGrace), confirms what they finished, and returns nil. It returns an error only
// when Telegram refuses the token.
//
// With Config.Elector set, Poll first waits to lead; while it does not, it only waits (the process
// goes on serving /healthz and firing reminders). When leadership is lost it stops polling as
// when ctx ends, then waits to lead again.
func (c *Client) Poll(ctx context.Context, handle func(context.Context, bot.Update) error) error {
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
func (c *Client) poll(ctx context.Context, handle func(context.Context, bot.Update) error) error {
	if err := c.deleteWebhook(ctx); err != nil && ctx.Err() == nil {
		c.log.Warn("telegram: deleteWebhook failed; polling anyway", "err", err)
	}
	d := newDispatcher(ctx, c, handle)
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
		for _, u := range ups {
			if u.UpdateID <= maxSeen {
				continue // in flight since an earlier batch: the offset could not pass it yet
			}
			maxSeen = u.UpdateID
			fresh++
			if up, ok := convert(u); ok {
				d.dispatch(up)
			}
		}
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

// run calls a handler, turning a panic into an error so one bad update cannot kill the process.
func (c *Client) run(ctx context.Context, handle func(context.Context, bot.Update) error, up bot.Update) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panicked: %v", p)
		}
	}()
	return handle(ctx, up)
}

// dispatcher runs handlers: one worker per chat with queued updates, so a chat's updates run in
// order, and a semaphore bounding how many run at once.
type dispatcher struct {
	c      *Client
	handle func(context.Context, bot.Update) error
	hctx   context.Context // handlers' context: outlives Poll's by the shutdown grace
	cancel context.CancelFunc
	sem    chan struct{}
	wg     sync.WaitGroup

	mu       sync.Mutex
	queues   map[bot.ID][]bot.Update // a key is present while its chat's worker runs
	pending  map[int]struct{}        // dispatched, not yet finished
	stopping bool
	progress chan struct{}
}

func newDispatcher(ctx context.Context, c *Client, handle func(context.Context, bot.Update) error) *dispatcher {
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	return &dispatcher{c: c, handle: handle, hctx: hctx, cancel: cancel, sem: make(chan struct{}, c.cfg.Workers),
		queues: map[bot.ID][]bot.Update{}, pending: map[int]struct{}{}, progress: make(chan struct{}, 1)}
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

func (d *dispatcher) dispatch(up bot.Update) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.pending[updateNum(up.ID)] = struct{}{}
	q, running := d.queues[up.ChatID]
	d.queues[up.ChatID] = append(q, up)
	if !running {
		d.wg.Add(1)
		go d.work(up.ChatID)
	}
}

func (d *dispatcher) work(chatID bot.ID) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.queues[chatID]
		if len(q) == 0 || d.stopping {
			delete(d.queues, chatID) // what is left stays pending: not confirmed, redelivered
			d.mu.Unlock()
			return
		}
		up := q[0]
		d.queues[chatID] = q[1:]
		d.mu.Unlock()

		d.sem <- struct{}{}
		err := d.c.run(d.hctx, d.handle, up)
		<-d.sem
		if err != nil {
			d.c.log.Error("telegram: update handler failed", "update", up.ID, "chat", up.ChatID, "err", err)
		}
		d.mu.Lock()
		if err == nil || d.hctx.Err() == nil {
			// An update whose handler was cut short by shutdown stays unconfirmed, to come again.
			delete(d.pending, updateNum(up.ID))
		}
		d.mu.Unlock()
		select {
		case d.progress <- struct{}{}:
		default:
		}
	}
}

func (d *dispatcher) waitProgress(ctx context.Context) {
	select {
	case <-d.progress:
	case <-ctx.Done():
	}
}

// shutdown lets running handlers finish, cancelling their context after grace.
func (d *dispatcher) shutdown(grace time.Duration) {
	d.mu.Lock()
	d.stopping = true
	d.mu.Unlock()
	done := make(chan struct{})
	go func() {
		d.wg.Wait()
		close(done)
	}()
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		d.c.log.Warn("telegram: handlers still running after the shutdown grace; cancelling them")
		d.cancel()
		<-done
	}
	d.cancel()
}
