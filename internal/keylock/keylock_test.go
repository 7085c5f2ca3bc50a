package keylock

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

func TestLocksSerialiseOneKeyOnly(t *testing.T) {
	var c Locks[string]
	var inKey [2]atomic.Int32
	var overlap, parallel atomic.Bool
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			unlock := c.Lock([]string{"tg:1", "zl:a"}[k])
			if inKey[k].Add(1) > 1 {
				overlap.Store(true)
			}
			if inKey[1-k].Load() > 0 {
				parallel.Store(true) // the other key ran meanwhile
			}
			for range 20 {
				runtime.Gosched() // hold the lock long enough that a broken lock shows
			}
			inKey[k].Add(-1)
			unlock()
		}(i % 2)
	}
	wg.Wait()
	if overlap.Load() {
		t.Fatal("two holders of one key ran at once")
	}
	if n := c.Len(); n != 0 {
		t.Fatalf("%d locks left behind", n)
	}
}
