package telegramtest

import (
	"context"
	"strconv"
	"sync"
)

// holdSet keeps the chats whose sends wait (Hold).
type holdSet struct {
	mu    sync.Mutex
	chats map[int64]chan struct{}
	held  int
}

// Hold makes every call that writes to chatID wait, unanswered and unrecorded, until release is
// called or the client gives up (its process died): a handler stuck mid-way.
func (s *Server) Hold(chatID int64) (release func()) {
	s.holds.mu.Lock()
	defer s.holds.mu.Unlock()
	if s.holds.chats == nil {
		s.holds.chats = map[int64]chan struct{}{}
	}
	ch := make(chan struct{})
	s.holds.chats[chatID] = ch
	var once sync.Once
	return func() {
		once.Do(func() {
			s.holds.mu.Lock()
			if s.holds.chats[chatID] == ch {
				delete(s.holds.chats, chatID)
			}
			s.holds.mu.Unlock()
			close(ch)
		})
	}
}

// Held is how many calls wait on a Hold now.
func (s *Server) Held() int {
	s.holds.mu.Lock()
	defer s.holds.mu.Unlock()
	return s.holds.held
}

// waitHold makes c wait while its chat is held; false when the client went away meanwhile.
func (s *Server) waitHold(ctx context.Context, c *call) bool {
	id, err := strconv.ParseInt(c.params["chat_id"], 10, 64)
	if err != nil {
		return true
	}
	s.holds.mu.Lock()
	ch, held := s.holds.chats[id]
	if held {
		s.holds.held++
	}
	s.holds.mu.Unlock()
	if !held {
		return true
	}
	s.mu.Lock()
	s.notify()
	s.mu.Unlock()
	defer func() {
		s.holds.mu.Lock()
		s.holds.held--
		s.holds.mu.Unlock()
	}()
	select {
	case <-ch:
		return true
	case <-ctx.Done():
		return false
	}
}
