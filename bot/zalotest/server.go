// Package zalotest is a Zalo Bot API server for tests, written from the platform's documentation
// (bot.zaloplatforms.com): POST /bot{TOKEN}/{method} with a JSON body, answers {"ok", "result",
// "error_code", "description"}. It behaves like Zalo where a bot can break: getUpdates long-polls
// and hands out one message per call with no update id and no offset (an update handed out is
// gone, and Redeliver sends one again), a poll with nothing to deliver answers error_code 408,
// getUpdates is refused while a webhook is set, the webhook is called with the secret in
// X-Bot-Api-Secret-Token, texts are plain and 1–2,000 characters, photos are URLs, a revoked token
// answers 401, and failures can be injected. It records what the bot sent, and tests wait for it
// instead of sleeping.
package zalotest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// DefaultToken is the token the server accepts unless WithToken says otherwise.
const DefaultToken = "1459232241454765289:TEST-zalo-token"

// Option configures a Server.
type Option func(*Server)

// WithToken sets the token the server accepts.
func WithToken(token string) Option { return func(s *Server) { s.token = token } }

// WithCanJoinGroups sets getMe's can_join_groups (default true).
func WithCanJoinGroups(ok bool) Option { return func(s *Server) { s.me.CanJoinGroups = ok } }

// WithLatency makes every call take at least d.
func WithLatency(d time.Duration) Option { return func(s *Server) { s.latency = d } }

// Me is what getMe answers.
type Me struct {
	ID            string `json:"id"`
	AccountName   string `json:"account_name"`
	AccountType   string `json:"account_type"`
	CanJoinGroups bool   `json:"can_join_groups"`
}

// Chat and From are a message's chat and sender, as Zalo writes them.
type (
	Chat struct {
		ID       string `json:"id"`
		ChatType string `json:"chat_type"`
	}
	From struct {
		ID          string `json:"id"`
		DisplayName string `json:"display_name"`
		IsBot       bool   `json:"is_bot"`
	}
)

// Message is a message as Zalo delivers it.
type Message struct {
	MessageID string `json:"message_id"`
	Date      int64  `json:"date"`
	Text      string `json:"text,omitempty"`
	Photo     string `json:"photo,omitempty"`
	Caption   string `json:"caption,omitempty"`
	Chat      Chat   `json:"chat"`
	From      From   `json:"from"`
}

// Update is one event.
type Update struct {
	EventName string  `json:"event_name"`
	Message   Message `json:"message"`
}

// Sent is one message the bot sent.
type Sent struct {
	Method string // sendMessage or sendPhoto
	ChatID string
	Text   string // the text, or the photo's caption
	Photo  string // the photo's URL
	ID     string
}

// Server is a fake Zalo Bot API. All methods are safe for concurrent use.
type Server struct {
	srv     *httptest.Server
	token   string
	revoked bool
	latency time.Duration
	me      Me

	mu      sync.Mutex
	changed chan struct{}
	pending []Update
	webhook string
	secret  string
	hookErr []error
	sent    []Sent
	calls   map[string]int
	faults  map[string][]int
	client  *http.Client
}

// NewServer starts a server; Close stops it.
func NewServer(opts ...Option) *Server {
	s := &Server{
		token:   DefaultToken,
		me:      Me{ID: "1459232241454765289", AccountName: "bot.coordbot", AccountType: "BASIC", CanJoinGroups: true},
		changed: make(chan struct{}),
		calls:   map[string]int{},
		faults:  map[string][]int{},
		client:  &http.Client{Timeout: 30 * time.Second},
	}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the base URL to give the bot (ZALO_API_URL).
func (s *Server) URL() string { return s.srv.URL }

// Token is the token the server accepts.
func (s *Server) Token() string { return s.token }

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Revoke makes every later call answer 401, as Zalo does for a revoked token.
func (s *Server) Revoke() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revoked = true
}

// FailNext makes the next len(codes) calls of method fail with those error codes, in order.
func (s *Server) FailNext(method string, codes ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = append(s.faults[method], codes...)
}

// NewID is a message or user id in Zalo's form: 20 hex digits.
func NewID() string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b[:])
}

// Say delivers a text message from a user in a private chat (chatID = the user's id) and returns
// it.
func (s *Server) Say(userID, name, text string) Message {
	return s.Post(Chat{ID: userID, ChatType: "PRIVATE"}, From{ID: userID, DisplayName: name}, text)
}

// SayInGroup delivers a text message from a user in a group.
func (s *Server) SayInGroup(groupID, userID, name, text string) Message {
	return s.Post(Chat{ID: groupID, ChatType: "GROUP"}, From{ID: userID, DisplayName: name}, text)
}

// Post delivers a text message written in chat by from.
func (s *Server) Post(chat Chat, from From, text string) Message {
	m := Message{MessageID: NewID(), Date: time.Now().UnixMilli(), Text: text, Chat: chat, From: from}
	s.Redeliver(m)
	return m
}

// Redeliver delivers m (again): by webhook when one is set, else to the next getUpdates.
func (s *Server) Redeliver(m Message) {
	u := Update{EventName: "message.text.received", Message: m}
	if m.Photo != "" {
		u.EventName = "message.image.received"
	}
	s.mu.Lock()
	hook, secret := s.webhook, s.secret
	if hook == "" {
		s.pending = append(s.pending, u)
		s.notify()
	}
	s.mu.Unlock()
	if hook != "" {
		err := s.push(hook, secret, u)
		s.mu.Lock()
		if err != nil {
			s.hookErr = append(s.hookErr, err)
		}
		s.notify()
		s.mu.Unlock()
	}
}

// push POSTs u to the webhook as Zalo does; a non-2xx answer is an error.
func (s *Server) push(hook, secret string, u Update) error {
	data, err := json.Marshal(u)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, hook, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Bot-Api-Secret-Token", secret)
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook answered %s", resp.Status)
	}
	return nil
}

// WebhookErrors returns the failed webhook deliveries.
func (s *Server) WebhookErrors() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.hookErr)
}

// Webhook returns the webhook URL set, "" when none.
func (s *Server) Webhook() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// Sent returns everything the bot sent, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

// SentTo returns what the bot sent to chatID.
func (s *Server) SentTo(chatID string) []Sent {
	var out []Sent
	for _, m := range s.Sent() {
		if m.ChatID == chatID {
			out = append(out, m)
		}
	}
	return out
}

// Calls counts the calls of method.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// WaitFor calls cond each time the server's state changes until it returns true or timeout
// passes (then it returns cond's last answer).
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

// WaitSentTo waits until at least n messages were sent to chatID and returns them.
func (s *Server) WaitSentTo(timeout time.Duration, chatID string, n int) ([]Sent, bool) {
	ok := s.WaitFor(timeout, func() bool { return len(s.SentTo(chatID)) >= n })
	return s.SentTo(chatID), ok
}

// notify wakes waiters; s.mu is held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

type answer struct {
	OK          bool   `json:"ok"`
	Result      any    `json:"result,omitempty"`
	ErrorCode   int    `json:"error_code,omitempty"`
	Description string `json:"description,omitempty"`
}

func write(w http.ResponseWriter, a answer) {
	w.Header().Set("Content-Type", "application/json")
	if !a.OK {
		w.WriteHeader(a.ErrorCode)
	}
	json.NewEncoder(w).Encode(a) //nolint:errcheck // the client went away
}

func fail(code int, desc string) answer { return answer{ErrorCode: code, Description: desc} }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if s.latency > 0 {
		time.Sleep(s.latency)
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		write(w, fail(http.StatusNotFound, "Not Found"))
		return
	}
	if r.Method != http.MethodPost {
		write(w, fail(http.StatusMethodNotAllowed, "Method Not Allowed"))
		return
	}
	var body map[string]any
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&body); err != nil {
		write(w, fail(http.StatusBadRequest, "Bad Request: body is not a JSON object"))
		return
	}
	s.mu.Lock()
	s.calls[method]++
	revoked := s.revoked
	var code int
	if f := s.faults[method]; len(f) > 0 {
		code, s.faults[method] = f[0], f[1:]
	}
	s.mu.Unlock()
	if token != s.token || revoked {
		write(w, fail(http.StatusUnauthorized, "Unauthorized"))
		return
	}
	if code != 0 {
		write(w, fail(code, http.StatusText(code)))
		return
	}
	str := func(k string) string { v, _ := body[k].(string); return v }
	switch method {
	case "getMe":
		write(w, answer{OK: true, Result: s.me})
	case "getUpdates":
		write(w, s.getUpdates(r.Context(), str("timeout")))
	case "setWebhook":
		write(w, s.setWebhook(str("url"), str("secret_token")))
	case "deleteWebhook":
		s.mu.Lock()
		had := s.webhook != ""
		s.webhook, s.secret = "", ""
		s.mu.Unlock()
		if !had {
			write(w, fail(http.StatusNotFound, "webhook not found"))
			return
		}
		write(w, answer{OK: true, Result: map[string]any{"url": "", "updated_at": time.Now().UnixMilli()}})
	case "getWebhookInfo":
		write(w, answer{OK: true, Result: map[string]any{"url": s.Webhook(), "updated_at": time.Now().UnixMilli()}})
	case "sendMessage":
		write(w, s.send(Sent{Method: method, ChatID: str("chat_id"), Text: str("text")}))
	case "sendPhoto":
		write(w, s.send(Sent{Method: method, ChatID: str("chat_id"), Text: str("caption"), Photo: str("photo")}))
	case "sendSticker", "sendChatAction":
		if str("chat_id") == "" {
			write(w, fail(http.StatusBadRequest, "chat_id is required"))
			return
		}
		write(w, answer{OK: true})
	default:
		write(w, fail(http.StatusNotFound, "method not found"))
	}
}

func (s *Server) getUpdates(ctx context.Context, timeout string) answer {
	secs := 30
	if timeout != "" {
		n, err := strconv.Atoi(timeout)
		if err != nil || n < 0 {
			return fail(http.StatusBadRequest, "timeout must be a number of seconds")
		}
		secs = n
	}
	deadline := time.NewTimer(time.Duration(secs) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if s.webhook != "" {
			s.mu.Unlock()
			// Zalo documents that getUpdates does not work while a webhook is set.
			return fail(http.StatusBadRequest, "webhook is active; call deleteWebhook first")
		}
		if len(s.pending) > 0 {
			u := s.pending[0]
			s.pending = s.pending[1:]
			s.notify()
			s.mu.Unlock()
			return answer{OK: true, Result: u}
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			return fail(http.StatusRequestTimeout, "Request timeout")
		case <-ctx.Done():
			return fail(http.StatusRequestTimeout, "Request timeout")
		}
	}
}

func (s *Server) setWebhook(hook, secret string) answer {
	u, err := url.Parse(hook)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fail(http.StatusBadRequest, "url must be an HTTPS URL")
	}
	if n := len(secret); n < 8 || n > 256 {
		return fail(http.StatusBadRequest, "secret_token must be 8 to 256 characters")
	}
	s.mu.Lock()
	s.webhook, s.secret = hook, secret
	// Updates waiting for getUpdates now go to the webhook.
	pending := s.pending
	s.pending = nil
	s.notify()
	s.mu.Unlock()
	go func() {
		for _, p := range pending {
			s.Redeliver(p.Message)
		}
	}()
	return answer{OK: true, Result: map[string]any{"url": hook, "updated_at": time.Now().UnixMilli()}}
}

func (s *Server) send(m Sent) answer {
	if m.ChatID == "" {
		return fail(http.StatusBadRequest, "chat_id is required")
	}
	if m.Method == "sendPhoto" {
		if u, err := url.Parse(m.Photo); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fail(http.StatusBadRequest, "photo must be a URL")
		}
		if utf8.RuneCountInString(m.Text) > 2000 {
			return fail(http.StatusBadRequest, "caption must be at most 2000 characters")
		}
	} else if n := utf8.RuneCountInString(m.Text); n < 1 || n > 2000 {
		return fail(http.StatusBadRequest, "text must be 1 to 2000 characters")
	}
	m.ID = NewID()
	s.mu.Lock()
	s.sent = append(s.sent, m)
	s.notify()
	s.mu.Unlock()
	return answer{OK: true, Result: map[string]any{"message_id": m.ID, "date": time.Now().UnixMilli()}}
}
