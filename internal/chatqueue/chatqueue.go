// Package chatqueue is the per-chat ordered worker pool the transports share: the items of one
// key (a chat) are handled in the order pushed, different keys in parallel, at most a fixed
// number of handlers at once. A key's backlog can be bounded, and Stop drains or drops what is
// left, within a grace.
//
// Each key with items waiting has one goroutine (its worker) that takes them in turn; a
// semaphore bounds how many handlers run, so a slow chat holds one slot, never the others' order.
package chatqueue

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Config says how a Pool handles its items.
type Config[K comparable, T any] struct {
	// Key is the queue an item belongs to (its chat).
	Key func(T) K
	// Handle handles one item, with the handlers' context (see New). A panic is recovered and
	// becomes its error.
	Handle func(ctx context.Context, item T) error
	// Done, if set, is called by the item's worker once Handle returned for the last time: err is
	// that call's error and ctx the handlers' context (ended when Stop's grace passed).
	Done func(ctx context.Context, item T, err error)
	// Retry, if set, says how long to wait before handling an item again after Handle returned
	// err; zero or less means not again. The wait holds the key's order, not a handler slot, and
	// is cut short by Stop.
	Retry func(err error) time.Duration
	// Workers bounds the handlers running at once; below 1 means 1.
	Workers int
	// Backlog bounds, for Admit, the items of one key waiting (not counting the one running);
	// zero or less means no bound.
	Backlog int
	// Drain keeps workers handling what their keys hold after Stop, until the grace passes.
	// Without it a worker stops after the item it runs, and what is left is not handled.
	Drain bool
	// Log, if set, gets a warning when Stop's grace passes; Name starts its message.
	Log  *slog.Logger
	Name string
}

// Pool runs Config.Handle on pushed items. Its methods are safe for concurrent use.
type Pool[K comparable, T any] struct {
	cfg    Config[K, T]
	ctx    context.Context // handlers' context: outlives New's by Stop's grace
	cancel context.CancelFunc
	sem    chan struct{}
	wg     sync.WaitGroup

	mu       sync.Mutex
	queues   map[K][]T // a key is present while its worker runs
	refused  map[K]bool
	stopping bool
}

// New returns a pool whose handlers' context carries ctx's values but ends only when Stop
// cancels it: handlers in flight finish even after ctx ends.
func New[K comparable, T any](ctx context.Context, cfg Config[K, T]) *Pool[K, T] {
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	return &Pool[K, T]{cfg: cfg, ctx: hctx, cancel: cancel, sem: make(chan struct{}, max(cfg.Workers, 1)),
		queues: map[K][]T{}, refused: map[K]bool{}}
}

// Push queues item on its key's worker, starting one if none runs. It is false, and item not
// queued, once Stop was called.
func (p *Pool[K, T]) Push(item T) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopping {
		return false
	}
	k := p.cfg.Key(item)
	q, running := p.queues[k]
	p.queues[k] = append(q, item)
	if !running {
		p.wg.Add(1)
		go p.work(k)
	}
	return true
}

// Refused is an item Admit turned away. First is true for the first one of its key since the
// key's backlog last drained: the one to tell the chat about, once per flood rather than once
// per message, which would only flood it back.
type Refused[T any] struct {
	Item  T
	First bool
}

// Admit splits items into what their keys' backlogs (Config.Backlog, counting what is already
// waiting and the items before it in the batch) have room for and what they do not. It queues
// nothing: push what it keeps.
func (p *Pool[K, T]) Admit(items []T) (keep []T, refused []Refused[T]) {
	p.mu.Lock()
	defer p.mu.Unlock()
	waiting := map[K]int{}
	for _, it := range items {
		k := p.cfg.Key(it)
		n, ok := waiting[k]
		if !ok {
			n = len(p.queues[k])
		}
		if p.cfg.Backlog > 0 && n >= p.cfg.Backlog {
			refused = append(refused, Refused[T]{Item: it, First: !p.refused[k]})
			p.refused[k] = true
			continue
		}
		waiting[k] = n + 1
		keep = append(keep, it)
	}
	return keep, refused
}

// Queued counts the items waiting for a handler, over every key.
func (p *Pool[K, T]) Queued() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, q := range p.queues {
		n += len(q)
	}
	return n
}

// Stopping reports whether Stop was called.
func (p *Pool[K, T]) Stopping() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stopping
}

// Go runs f in the background with the handlers' context; Stop waits for it as for a handler.
func (p *Pool[K, T]) Go(f func(ctx context.Context)) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		f(p.ctx)
	}()
}

// Stop refuses further pushes and waits for the workers (and what Go started), cancelling the
// handlers' context once grace has passed; it returns when all of them have.
func (p *Pool[K, T]) Stop(grace time.Duration) {
	p.mu.Lock()
	p.stopping = true
	p.mu.Unlock()
	done := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(done)
	}()
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		if p.cfg.Log != nil {
			p.cfg.Log.Warn(p.cfg.Name + ": handlers still running after the shutdown grace; cancelling them")
		}
		p.cancel()
		<-done
	}
	p.cancel()
}

// work handles key's items in order until none is left (or the pool stops, without Drain).
func (p *Pool[K, T]) work(key K) {
	defer p.wg.Done()
	for {
		p.mu.Lock()
		q := p.queues[key]
		if len(q) == 0 || (p.stopping && !p.cfg.Drain) {
			delete(p.queues, key)
			delete(p.refused, key)
			p.mu.Unlock()
			return
		}
		item := q[0]
		var zero T
		q[0] = zero // not kept alive by the queue's array
		p.queues[key] = q[1:]
		p.mu.Unlock()

		err := p.handle(item)
		if p.cfg.Done != nil {
			p.cfg.Done(p.ctx, item, err)
		}
	}
}

// handle runs item's handler within a slot, again after Config.Retry's wait while it asks for
// one, until the pool stops.
func (p *Pool[K, T]) handle(item T) error {
	for {
		p.sem <- struct{}{}
		err := p.run(item)
		<-p.sem
		var wait time.Duration
		if err != nil && p.cfg.Retry != nil {
			wait = p.cfg.Retry(err)
		}
		if wait <= 0 || p.Stopping() {
			return err
		}
		if sleep(p.ctx, wait) != nil {
			return err
		}
	}
}

// run calls the handler.
func (p *Pool[K, T]) run(item T) error { return Run(p.ctx, p.cfg.Handle, item) }

// Run calls handle, turning a panic into an error so one bad item cannot kill the process (for a
// transport that handles an item outside a Pool, as a webhook answered after handling does).
func Run[T any](ctx context.Context, handle func(context.Context, T) error, item T) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	return handle(ctx, item)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
