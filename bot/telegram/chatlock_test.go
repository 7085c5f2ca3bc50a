package telegram

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/coordbot/coordbot/bot"
)

func TestChatLocksSerialiseOneChatOnly(t *testing.T) {
	var c chatLocks
	var inChat [2]atomic.Int32
	var overlap atomic.Bool
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(chat int64) {
			defer wg.Done()
			unlock := c.lock(bot.TelegramID(chat + 1))
			if inChat[chat].Add(1) > 1 {
				overlap.Store(true)
			}
			for range 20 {
				runtime.Gosched() // hold the lock long enough that a broken lock shows
			}
			inChat[chat].Add(-1)
			unlock()
		}(int64(i % 2))
	}
	wg.Wait()
	if overlap.Load() {
		t.Fatal("two updates of one chat ran at once")
	}
	if len(c.locks) != 0 {
		t.Fatalf("%d locks left behind", len(c.locks))
	}
}
