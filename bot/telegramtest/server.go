// Package telegramtest is a Bot API server for tests and benchmarks that behaves like Telegram
// where bots break: offsets and long polling, a second poller terminated with 409, Telegram's HTML
// rules and length limits, rate limits with retry_after, blocked chats, group migration, and
// injectable failures. It speaks HTTP, so the real tgbotapi client is what gets tested; it records
// everything the bot sent, and helpers let tests wait for it instead of sleeping.
package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// DefaultToken is the token the server accepts unless WithToken says otherwise.
const DefaultToken = "123456789:TEST-token-for-coordbot"

// Option configures a Server.
type Option func(*Server)

// WithLatency makes every call take at least d, as a real round trip to Telegram does; benchmarks
// use 20 ms.
func WithLatency(d time.Duration) Option { return func(s *Server) { s.latency = d } }

// WithLimits enforces Telegram's flood limits on messages sent: about 30/s across chats, 1/s per
// chat with a small burst, 20/min per group. Over a limit the call fails with 429 and retry_after.
func WithLimits() Option { return func(s *Server) { s.limits = newLimits() } }

// WithUser sets the bot's own user, as getMe returns it.
func WithUser(u User) Option { return func(s *Server) { s.me = u } }

// WithToken sets the token the server accepts.
func WithToken(token string) Option { return func(s *Server) { s.token = token } }

// WithClock replaces the wall clock the rate limits and message dates are computed from.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// Server is a fake Bot API. All methods are safe for concurrent use.
type Server struct {
	srv     *httptest.Server
	token   string
	latency time.Duration
	now     func() time.Time
	me      User

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every change, to wake waiters
	limits  *limits

	updates    []wireUpdate // not yet confirmed, in id order
	nextUpdate int
	confirmed  int           // the highest offset a getUpdates call has sent
	pollStop   chan struct{} // closed to terminate the long poll in progress
	webhook    string
	secret     string
	revoked    bool // Revoke was called: every call fails with 401

	chats     map[int64]*chatState
	users     map[int64]User
	members   map[[2]int64]string
	callbacks map[string]bool // ids of callback queries not yet answered
	nextFile  int

	faults   []fault
	holds    holdSet
	sent     []Sent
	answers  []CallbackAnswer
	commands map[string][]Command
	menus    map[int64]MenuButton
	calls    map[string]int
	left     []int64
	n429     int
}

type chatState struct {
	chat       Chat
	nextMsg    int
	msgs       map[int]*botMessage
	blocked    bool
	migratedTo int64
}

// botMessage is the current state of a message the bot sent, for edits and button presses.
type botMessage struct {
	text, parseMode string
	markup          string // the raw reply_markup JSON, compared for "not modified"
	wire            *wireMessage
}

// New starts a server; Close it when done.
func New(opts ...Option) *Server {
	s := &Server{
		token:      DefaultToken,
		now:        time.Now,
		me:         User{ID: 123456789, FirstName: "Coordbot", Username: "coordbot_test_bot", IsBot: true},
		changed:    make(chan struct{}),
		nextUpdate: 1000,
		chats:      map[int64]*chatState{},
		users:      map[int64]User{},
		members:    map[[2]int64]string{},
		callbacks:  map[string]bool{},
		commands:   map[string][]Command{},
		menus:      map[int64]MenuButton{},
		calls:      map[string]int{},
	}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// Close stops the server, ending any long poll in progress.
func (s *Server) Close() {
	s.mu.Lock()
	if s.pollStop != nil {
		close(s.pollStop)
		s.pollStop = nil
	}
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// URL is the server's base URL, the value for TELEGRAM_API_URL; tgbotapi's endpoint is
// URL()+"/bot%s/%s".
func (s *Server) URL() string { return s.srv.URL }

// Token is the bot token the server accepts.
func (s *Server) Token() string { return s.token }

// apiError is a Bot API error answer.
type apiError struct {
	code       int
	desc       string
	retryAfter int
	migrateTo  int64
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{code: 400, desc: "Bad Request: " + fmt.Sprintf(format, args...)}
}

// call is one request: its method and parameters, however they were encoded.
type call struct {
	ctx    context.Context
	method string
	params map[string]string
	files  map[string]upload
}

type upload struct {
	name string
	data []byte
}

type handlerFunc func(s *Server, c *call) (any, *apiError)

// methods maps lower-cased method names (Telegram's are case-insensitive) to handlers. Handlers
// run with s.mu held, except getUpdates, which waits.
var methods = map[string]handlerFunc{
	"getme":                  (*Server).getMe,
	"getupdates":             nil, // special-cased: it must release the lock while it waits
	"setwebhook":             (*Server).setWebhook,
	"deletewebhook":          (*Server).deleteWebhook,
	"getwebhookinfo":         (*Server).getWebhookInfo,
	"sendmessage":            (*Server).sendMessage,
	"editmessagetext":        (*Server).editMessageText,
	"editmessagereplymarkup": (*Server).editMessageReplyMarkup,
	"answercallbackquery":    (*Server).answerCallbackQuery,
	"setmycommands":          (*Server).setMyCommands,
	"setchatmenubutton":      (*Server).setChatMenuButton,
	"deletemessage":          (*Server).deleteMessage,
	"senddocument":           (*Server).sendDocument,
	"sendphoto":              (*Server).sendPhoto,
	"getchatmember":          (*Server).getChatMember,
	"getchat":                (*Server).getChat,
	"leavechat":              (*Server).leaveChat,
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		writeJSON(w, 404, wireResponse{ErrorCode: 404, Description: "Not Found"})
		return
	}
	s.mu.Lock()
	revoked := s.revoked
	s.mu.Unlock()
	if token != s.token || revoked {
		writeJSON(w, 401, wireResponse{ErrorCode: 401, Description: "Unauthorized"})
		return
	}
	key := strings.ToLower(method)
	h, known := methods[key]
	if !known {
		writeJSON(w, 404, wireResponse{ErrorCode: 404, Description: "Not Found"})
		return
	}
	// The request is read before the latency, so that a client that dies meanwhile ends the
	// request's context (net/http watches the connection only once the body is read): what a
	// dead client was sending is then not recorded, as Telegram never got it.
	c, err := parseCall(r, method)
	if err != nil {
		s.respond(w, nil, badRequest("%v", err))
		return
	}
	if !s.waitHold(r.Context(), c) {
		return
	}
	if s.latency > 0 {
		t := time.NewTimer(s.latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	s.mu.Lock()
	s.calls[method]++
	if f, hit := s.takeFault(method); hit {
		s.mu.Unlock()
		s.writeFault(w, f)
		return
	}
	if h == nil {
		s.mu.Unlock()
		res, aerr := s.getUpdates(c)
		s.respond(w, res, aerr)
		return
	}
	res, aerr := h(s, c)
	s.notify()
	s.mu.Unlock()
	s.respond(w, res, aerr)
}

func (s *Server) respond(w http.ResponseWriter, res any, aerr *apiError) {
	if aerr == nil {
		writeJSON(w, 200, wireResponse{OK: true, Result: res})
		return
	}
	resp := wireResponse{ErrorCode: aerr.code, Description: aerr.desc}
	if aerr.retryAfter > 0 || aerr.migrateTo != 0 {
		resp.Parameters = &wireParameters{RetryAfter: aerr.retryAfter, MigrateToChatID: aerr.migrateTo}
	}
	if aerr.code == 429 {
		s.mu.Lock()
		s.n429++
		s.notify()
		s.mu.Unlock()
	}
	writeJSON(w, aerr.code, resp)
}

func writeJSON(w http.ResponseWriter, status int, v wireResponse) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(mustJSON(v)) // the client may have gone; nothing to do about it
}

// parseCall reads parameters from the query, a urlencoded or multipart form, or a JSON body, as
// the Bot API accepts all of them.
func parseCall(r *http.Request, method string) (*call, error) {
	c := &call{ctx: r.Context(), method: method, params: map[string]string{}, files: map[string]upload{}}
	ct := r.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "multipart/form-data"):
		if err := r.ParseMultipartForm(64 << 20); err != nil {
			return nil, err
		}
		for k, fhs := range r.MultipartForm.File {
			if len(fhs) == 0 {
				continue
			}
			data, err := readFile(fhs[0])
			if err != nil {
				return nil, err
			}
			c.files[k] = upload{name: fhs[0].Filename, data: data}
		}
	case strings.HasPrefix(ct, "application/json"):
		var m map[string]json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			return nil, err
		}
		for k, v := range m {
			var str string
			if json.Unmarshal(v, &str) == nil {
				c.params[k] = str
			} else {
				c.params[k] = string(v)
			}
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
	}
	for k, v := range r.Form {
		if len(v) > 0 {
			c.params[k] = v[0]
		}
	}
	return c, nil
}

// notify wakes everything waiting for a change. Call with s.mu held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}
