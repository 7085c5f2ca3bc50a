package telegramtest

import (
	"net/http"
	"strings"
)

// fault is a canned failure for the next calls of a method.
type fault struct {
	method     string // lower-cased; "" matches every method
	remaining  int
	code       int
	desc       string
	retryAfter int
	raw        string // when set, the body is this text instead of JSON
}

// FailNext makes the next n calls of method (any method when "") fail with a Bot API error of that
// code and description, e.g. FailNext("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1)
// or FailNext("getUpdates", 2, 500, "Internal Server Error", 0).
func (s *Server) FailNext(method string, n int, code int, description string, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, fault{method: strings.ToLower(method), remaining: n, code: code,
		desc: description, retryAfter: retryAfter})
}

// FailNextRaw makes the next n calls of method (any when "") answer with an HTTP status and a body
// that is not JSON, as a proxy in front of Telegram does (a 502 HTML page).
func (s *Server) FailNextRaw(method string, n int, status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if body == "" {
		body = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
	}
	s.faults = append(s.faults, fault{method: strings.ToLower(method), remaining: n, code: status, raw: body})
}

// takeFault consumes one failure planned for method. Call with s.mu held.
func (s *Server) takeFault(method string) (fault, bool) {
	m := strings.ToLower(method)
	for i := range s.faults {
		f := &s.faults[i]
		if f.remaining > 0 && (f.method == "" || f.method == m) {
			f.remaining--
			out := *f
			if f.remaining == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			return out, true
		}
	}
	return fault{}, false
}

func (s *Server) writeFault(w http.ResponseWriter, f fault) {
	if f.raw != "" {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.code)
		_, _ = w.Write([]byte(f.raw)) // the client may have gone; nothing to do about it
		return
	}
	s.respond(w, nil, &apiError{code: f.code, desc: f.desc, retryAfter: f.retryAfter})
}

// Block makes every later message to chatID fail with 403: "bot was blocked by the user" for a
// private chat, "bot was kicked from the group chat" for a group.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chat(chatID).blocked = true
}

// Migrate turns group oldID into supergroup newID: later messages to oldID fail with 400 and
// migrate_to_chat_id, and the bot receives the service message in the old chat, as from Telegram.
// It returns the id of that update.
func (s *Server) Migrate(oldID, newID int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.chat(oldID)
	old.migratedTo = newID
	nc := s.chat(newID)
	nc.chat = Chat{ID: newID, Type: "supergroup", Title: old.chat.Title}
	m := s.newMessage(old, nil)
	m.MigrateToChatID = newID
	return s.push(wireUpdate{Message: m})
}

// SetChatMember sets what getChatMember answers for that user in that chat ("creator",
// "administrator", "member", "restricted", "left", "kicked"); the default is "left".
func (s *Server) SetChatMember(chatID, userID int64, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[[2]int64{chatID, userID}] = status
}

// refuse says why a message to chatID cannot be delivered, if it cannot. Call with s.mu held.
func (s *Server) refuse(chatID int64) *apiError {
	cs, ok := s.chats[chatID]
	if !ok {
		return nil
	}
	if cs.migratedTo != 0 {
		return &apiError{code: 400, desc: "Bad Request: group chat was upgraded to a supergroup chat",
			migrateTo: cs.migratedTo}
	}
	if cs.blocked {
		if chatID > 0 {
			return &apiError{code: 403, desc: "Forbidden: bot was blocked by the user"}
		}
		return &apiError{code: 403, desc: "Forbidden: bot was kicked from the group chat"}
	}
	return nil
}

// Revoke makes the token invalid, as @BotFather's /revoke does: the long poll in progress and
// every later call fail with 401 Unauthorized.
func (s *Server) Revoke() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revoked = true
	if s.pollStop != nil {
		close(s.pollStop)
		s.pollStop = nil
	}
	s.notify()
}
