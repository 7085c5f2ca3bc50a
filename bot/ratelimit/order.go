package ratelimit

import (
	"context"
	"slices"
	"sync"
)

// fifo queues the messages of each chat that wait for a slot, so they get their slots in the
// order they asked: a message that waits for its chat's turn and one that arrives later for the
// same chat never race for it. Chats with nobody waiting leave nothing behind.
type fifo struct {
	mu     sync.Mutex
	queues map[string][]chan struct{}
}

// enter waits until every earlier message of chatID has left, and returns the leave that lets the
// next one go. A caller whose ctx ends while waiting is taken out of the queue.
func (f *fifo) enter(ctx context.Context, chatID string) (leave func(), err error) {
	f.mu.Lock()
	if f.queues == nil {
		f.queues = map[string][]chan struct{}{}
	}
	turn := make(chan struct{})
	q := append(f.queues[chatID], turn)
	f.queues[chatID] = q
	if len(q) == 1 {
		close(turn)
	}
	f.mu.Unlock()
	leave = func() { f.leave(chatID, turn) }
	select {
	case <-turn:
		return leave, nil
	case <-ctx.Done():
		// Our turn may have come meanwhile; leaving hands it on either way.
		leave()
		return nil, ctx.Err()
	}
}

// leave takes turn out of chatID's queue and, if it was at the head, opens the next one's turn.
func (f *fifo) leave(chatID string, turn chan struct{}) {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := f.queues[chatID]
	i := slices.Index(q, turn)
	if i < 0 {
		return
	}
	q = slices.Delete(q, i, i+1)
	if len(q) == 0 {
		delete(f.queues, chatID)
		return
	}
	f.queues[chatID] = q
	if i == 0 {
		close(q[0])
	}
}
