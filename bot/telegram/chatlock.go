package telegram

import (
	"sync"

	"github.com/coordbot/coordbot/bot"
)

// chatLocks serialises the handling of updates of one chat when they arrive concurrently (webhook
// requests), so two updates of a chat never run at once; different chats do not wait for each
// other. Entries are dropped when nobody holds or waits for them.
type chatLocks struct {
	mu    sync.Mutex
	locks map[bot.ID]*chatLock
}

type chatLock struct {
	sync.Mutex
	users int
}

// lock takes chat's lock and returns its release.
func (c *chatLocks) lock(chat bot.ID) func() {
	c.mu.Lock()
	if c.locks == nil {
		c.locks = map[bot.ID]*chatLock{}
	}
	l := c.locks[chat]
	if l == nil {
		l = &chatLock{}
		c.locks[chat] = l
	}
	l.users++
	c.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		c.mu.Lock()
		if l.users--; l.users == 0 {
			delete(c.locks, chat)
		}
		c.mu.Unlock()
	}
}
