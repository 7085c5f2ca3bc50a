// Package keylock serialises work on one key (a chat) when it arrives concurrently, as webhook
// requests do: two holders of one key never run at once; different keys do not wait for each
// other. Both transports use it, so a chat's updates are handled one at a time there too.
package keylock

import "sync"

// Locks is a lock per key; the zero value is ready. Entries are dropped when nobody holds or
// waits for them, so the map does not grow with every chat ever seen.
type Locks[K comparable] struct {
	mu    sync.Mutex
	locks map[K]*entry
}

type entry struct {
	sync.Mutex
	users int
}

// Lock takes key's lock and returns its release.
func (c *Locks[K]) Lock(key K) (unlock func()) {
	c.mu.Lock()
	if c.locks == nil {
		c.locks = map[K]*entry{}
	}
	l := c.locks[key]
	if l == nil {
		l = &entry{}
		c.locks[key] = l
	}
	l.users++
	c.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		c.mu.Lock()
		if l.users--; l.users == 0 {
			delete(c.locks, key)
		}
		c.mu.Unlock()
	}
}

// Len is how many keys are held or waited for.
func (c *Locks[K]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.locks)
}
