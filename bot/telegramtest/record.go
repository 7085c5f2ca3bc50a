package telegramtest

import (
	"slices"
	"time"
)

// Sent is one message the bot sent, edited or deleted, as the server accepted it.
type Sent struct {
	// Method is the Bot API method as the client spelled it: sendMessage, editMessageText, …
	Method    string
	ChatID    int64
	MessageID int
	// Text is the text or caption as sent (HTML source when ParseMode is HTML).
	Text string
	// Plain is the text after entity parsing, what the user reads.
	Plain     string
	ParseMode string
	Buttons   [][]Button
	// FileName and File are the uploaded file of sendDocument and sendPhoto.
	FileName string
	File     []byte
}

// Button is an inline button the bot attached.
type Button struct {
	Text string
	Data string
	URL  string
	// WebApp is the address of the Mini App a web_app button opens.
	WebApp string
}

// CallbackAnswer is an answerCallbackQuery the bot made.
type CallbackAnswer struct {
	ID        string
	Text      string
	ShowAlert bool
}

// Command is one entry of a command menu set with setMyCommands.
type Command struct {
	Name        string
	Description string
}

// Sent returns everything the bot sent, edited or deleted, in the order the server accepted it.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

// SentTo returns what the bot sent, edited or deleted in one chat, in order.
func (s *Server) SentTo(chatID int64) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Sent
	for _, m := range s.sent {
		if m.ChatID == chatID {
			out = append(out, m)
		}
	}
	return out
}

// Answers returns the callback answers the bot made, in order.
func (s *Server) Answers() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.answers)
}

// Commands returns the command menu last set for a language code ("" is the default menu).
func (s *Server) Commands(lang string) []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands[lang])
}

// Calls counts the calls of a method (as the client spelled it), failed ones included.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// Left returns the chats the bot left with leaveChat.
func (s *Server) Left() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.left)
}

// Count429 counts the 429 answers given, from the flood limits and from FailNext.
func (s *Server) Count429() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n429
}

// WaitFor calls cond each time the server's state changes until it returns true (WaitFor returns
// true) or timeout passes (false). cond may call the server's other methods.
func (s *Server) WaitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond() {
			return true
		}
		select {
		case <-changed:
		case <-deadline.C:
			return cond()
		}
	}
}

// WaitSent waits until at least n messages were sent, edited or deleted in total, and returns
// them; ok is false on timeout.
func (s *Server) WaitSent(timeout time.Duration, n int) (sent []Sent, ok bool) {
	ok = s.WaitFor(timeout, func() bool { return len(s.Sent()) >= n })
	return s.Sent(), ok
}

// WaitSentTo waits until at least n messages were sent, edited or deleted in chatID.
func (s *Server) WaitSentTo(timeout time.Duration, chatID int64, n int) (sent []Sent, ok bool) {
	ok = s.WaitFor(timeout, func() bool { return len(s.SentTo(chatID)) >= n })
	return s.SentTo(chatID), ok
}
