// Package zalotest is a Zalo Bot API server for tests, written from the platform's documentation
// and from what integrations report of real deliveries, not from coordbot's transport. Its
// payloads are kept as fixtures under testdata/, each naming its source (Fixtures).
//
// What it does, and where that comes from:
//   - POST /bot{TOKEN}/{method} with a JSON body; answers {"ok", "result", "error_code",
//     "description"} (docs, "Phản hồi từ API").
//   - getMe answers can_join_groups false unless WithCanJoinGroups (docs, getMe sample).
//   - getUpdates hands out one update object per call (not an array), with no update id and no
//     offset: an update handed out is gone. With nothing to deliver it answers ok:false, 408,
//     after holding the poll for its timeout, or at once with WithImmediateIdle (docs; openclaw
//     extensions/zalo/src/api.ts isPollingTimeout). It is refused while a webhook is set (docs).
//   - The webhook gets the documented body {"ok":true,"result":{event_name, message}}, or the bare
//     {event_name, message} that integrations report (WithBareWebhook), with the secret in
//     X-Bot-Api-Secret-Token (docs, setWebhook/Webhook; openclaw monitor.webhook.ts).
//   - Senders are named by display_name (webhook sample) or first_name (getUpdates sample,
//     WithFirstName); images carry photo (docs) or photo_url (integrations; Photo's field).
//   - In a group the bot receives only messages that @mention it or quote one of its messages
//     (docs, group guide): SayInGroup drops the others.
//   - Stickers and protected users' messages arrive as message.sticker.received and
//     message.unsupported.received (docs, Webhook).
//   - Errors follow the docs' table "Bảng mã lỗi" (400, 401, 403 "Internal server error", 404,
//     408, 429 "Quota exceeded"); FailNext injects them, FailNextPage a proxy's non-JSON page.
//   - Texts are 1–2,000 characters, photos are URLs (docs, sendMessage/sendPhoto).
//
// It records what the bot sent, and tests wait for it instead of sleeping.
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

// DefaultBotName is the name users @mention the bot by in groups, unless WithBotName.
const DefaultBotName = "coordbot"

// Event names (docs, Webhook).
const (
	EventText        = "message.text.received"
	EventImage       = "message.image.received"
	EventSticker     = "message.sticker.received"
	EventUnsupported = "message.unsupported.received"
)

// ErrorTable is the docs' "Bảng mã lỗi": what each error code means.
var ErrorTable = map[int]string{
	400: "Bad request",
	401: "Unauthorized",
	403: "Internal server error",
	404: "Not found",
	408: "Request timeout",
	429: "Quota exceeded",
}

// Option configures a Server.
type Option func(*Server)

// WithToken sets the token the server accepts.
func WithToken(token string) Option { return func(s *Server) { s.token = token } }

// WithCanJoinGroups sets getMe's can_join_groups (default false, as in the docs' sample).
func WithCanJoinGroups(ok bool) Option { return func(s *Server) { s.me.CanJoinGroups = ok } }

// WithBotName sets the name users @mention the bot by.
func WithBotName(name string) Option { return func(s *Server) { s.botName = name } }

// WithLatency makes every call take at least d.
func WithLatency(d time.Duration) Option { return func(s *Server) { s.latency = d } }

// WithImmediateIdle makes an idle getUpdates answer 408 at once instead of holding the poll.
func WithImmediateIdle() Option { return func(s *Server) { s.immediateIdle = true } }

// WithBareWebhook makes webhook deliveries the bare {event_name, message} body integrations
// report, instead of the documented {ok, result}.
func WithBareWebhook() Option { return func(s *Server) { s.bare = true } }

// WithFirstName names senders by first_name (the getUpdates sample) instead of display_name.
func WithFirstName() Option { return func(s *Server) { s.firstName = true } }

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
		DisplayName string `json:"display_name,omitempty"`
		FirstName   string `json:"first_name,omitempty"`
		IsBot       bool   `json:"is_bot"`
	}
)

// Message is a message as Zalo delivers it.
type Message struct {
	MessageID string `json:"message_id"`
	Date      int64  `json:"date"`
	Text      string `json:"text,omitempty"`
	Photo     string `json:"photo,omitempty"`
	PhotoURL  string `json:"photo_url,omitempty"`
	Caption   string `json:"caption,omitempty"`
	Sticker   string `json:"sticker,omitempty"`
	URL       string `json:"url,omitempty"`
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

// fault is an injected answer.
type fault struct {
	status int
	body   []byte
}

// Server is a fake Zalo Bot API. All methods are safe for concurrent use.
type Server struct {
	srv           *httptest.Server
	token         string
	revoked       bool
	latency       time.Duration
	me            Me
	botName       string
	immediateIdle bool
	bare          bool
	firstName     bool

	mu      sync.Mutex
	changed chan struct{}
	pending [][]byte // getUpdates answers waiting
	webhook string
	secret  string
	hookErr []error
	sent    []Sent
	calls   map[string]int
	faults  map[string][]fault
	dropped []Message
	client  *http.Client
}

// NewServer starts a server; Close stops it.
func NewServer(opts ...Option) *Server {
	s := &Server{
		token:   DefaultToken,
		me:      Me{ID: "1459232241454765289", AccountName: "bot.VDKyGxQvc", AccountType: "BASIC"},
		botName: DefaultBotName,
		changed: make(chan struct{}),
		calls:   map[string]int{},
		faults:  map[string][]fault{},
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

// BotName is the name the bot is @mentioned by.
func (s *Server) BotName() string { return s.botName }

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Revoke makes every later call answer 401, as Zalo does for a revoked token.
func (s *Server) Revoke() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revoked = true
}

// FailNext makes the next len(codes) calls of method fail with those error codes, in order, each
// described as the docs' error table says (HTTP status = the code).
func (s *Server) FailNext(method string, codes ...int) {
	for _, c := range codes {
		desc := ErrorTable[c]
		if desc == "" {
			desc = http.StatusText(c)
		}
		s.FailNextWith(method, c, c, desc)
	}
}

// FailNextWith makes the next call of method answer ok:false with code and description, in an
// HTTP answer of status.
func (s *Server) FailNextWith(method string, status, code int, description string) {
	body, _ := json.Marshal(answer{ErrorCode: code, Description: description})
	s.AnswerNext(method, status, body)
}

// FailNextPage makes the next call of method answer a page that is not JSON (a proxy's).
func (s *Server) FailNextPage(method string, status int, page string) {
	s.AnswerNext(method, status, []byte(page))
}

// AnswerNext makes the next call of method answer body with HTTP status, whatever it asked.
func (s *Server) AnswerNext(method string, status int, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = append(s.faults[method], fault{status: status, body: body})
}

// NewID is a message or user id in Zalo's form: 20 hex digits.
func NewID() string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b[:])
}

func (s *Server) from(id, name string) From {
	if s.firstName {
		return From{ID: id, FirstName: name}
	}
	return From{ID: id, DisplayName: name}
}

// Say delivers a text message from a user in a private chat (chatID = the user's id) and returns
// it.
func (s *Server) Say(userID, name, text string) Message {
	return s.Post(Chat{ID: userID, ChatType: "PRIVATE"}, s.from(userID, name), text)
}

// SayInGroup has a user write text in a group. Zalo delivers it only when it @mentions the bot;
// delivered says whether it did.
func (s *Server) SayInGroup(groupID, userID, name, text string) (m Message, delivered bool) {
	chat, from := Chat{ID: groupID, ChatType: "GROUP"}, s.from(userID, name)
	if !strings.Contains(strings.ToLower(text), "@"+strings.ToLower(s.botName)) {
		m = Message{MessageID: NewID(), Date: time.Now().UnixMilli(), Text: text, Chat: chat, From: from}
		s.mu.Lock()
		s.dropped = append(s.dropped, m)
		s.mu.Unlock()
		return m, false
	}
	return s.Post(chat, from, text), true
}

// QuoteInGroup has a user answer one of the bot's messages in a group by quoting it, which Zalo
// delivers (the docs show no field for the quoted message; none is sent).
func (s *Server) QuoteInGroup(groupID, userID, name, text string) Message {
	return s.Post(Chat{ID: groupID, ChatType: "GROUP"}, s.from(userID, name), text)
}

// Dropped returns the group messages Zalo did not deliver to the bot.
func (s *Server) Dropped() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.dropped)
}

// Post delivers a text message written in chat by from.
func (s *Server) Post(chat Chat, from From, text string) Message {
	m := Message{MessageID: NewID(), Date: time.Now().UnixMilli(), Text: text, Chat: chat, From: from}
	s.Redeliver(m)
	return m
}

// Photo delivers an image from a user in a private chat, its link in photo_url (as integrations
// report) or, with documented true, in photo (as the docs say).
func (s *Server) Photo(userID, name, link, caption string, documented bool) Message {
	m := Message{MessageID: NewID(), Date: time.Now().UnixMilli(), Caption: caption,
		Chat: Chat{ID: userID, ChatType: "PRIVATE"}, From: s.from(userID, name)}
	if documented {
		m.Photo = link
	} else {
		m.PhotoURL = link
	}
	s.Redeliver(m)
	return m
}

// Sticker delivers a sticker from a user in a private chat.
func (s *Server) Sticker(userID, name string) Message {
	m := Message{MessageID: NewID(), Date: time.Now().UnixMilli(), Sticker: "0e078a2fb66a5f34067b",
		URL: "https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=1", Chat: Chat{ID: userID, ChatType: "PRIVATE"}, From: s.from(userID, name)}
	s.deliver(Update{EventName: EventSticker, Message: m})
	return m
}

// Unsupported delivers what Zalo sends instead of a protected user's message: the event, who and
// where, and no content.
func (s *Server) Unsupported(userID, name string) Message {
	m := Message{MessageID: NewID(), Date: time.Now().UnixMilli(), Chat: Chat{ID: userID, ChatType: "PRIVATE"}, From: s.from(userID, name)}
	s.deliver(Update{EventName: EventUnsupported, Message: m})
	return m
}

// Redeliver delivers m (again): by webhook when one is set, else to the next getUpdates.
func (s *Server) Redeliver(m Message) {
	ev := EventText
	switch {
	case m.Photo != "" || m.PhotoURL != "":
		ev = EventImage
	case m.Sticker != "":
		ev = EventSticker
	}
	s.deliver(Update{EventName: ev, Message: m})
}

func (s *Server) deliver(u Update) {
	wrapped, err := json.Marshal(answer{OK: true, Result: u})
	if err != nil {
		panic(err)
	}
	hookBody := wrapped
	if s.bare {
		if hookBody, err = json.Marshal(u); err != nil {
			panic(err)
		}
	}
	s.deliverRaw(wrapped, hookBody)
}

// DeliverRaw delivers body as it is: POSTed to the webhook when one is set, else answered to the
// next getUpdates (then body must be a whole answer, {"ok":true,"result":…}).
func (s *Server) DeliverRaw(body []byte) { s.deliverRaw(body, body) }

func (s *Server) deliverRaw(pollAnswer, hookBody []byte) {
	s.mu.Lock()
	hook, secret := s.webhook, s.secret
	if hook == "" {
		s.pending = append(s.pending, pollAnswer)
		s.notify()
	}
	s.mu.Unlock()
	if hook != "" {
		err := s.push(hook, secret, hookBody)
		s.mu.Lock()
		if err != nil {
			s.hookErr = append(s.hookErr, err)
		}
		s.notify()
		s.mu.Unlock()
	}
}

// push POSTs body to the webhook as Zalo does; a non-2xx answer is an error.
func (s *Server) push(hook, secret string, body []byte) error {
	req, err := http.NewRequest(http.MethodPost, hook, bytes.NewReader(body))
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

func writeRaw(w http.ResponseWriter, status int, body []byte) {
	if json.Valid(body) {
		w.Header().Set("Content-Type", "application/json")
	} else {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	w.WriteHeader(status)
	w.Write(body) //nolint:errcheck // the client went away
}

func fail(code int) answer {
	desc := ErrorTable[code]
	if desc == "" {
		desc = http.StatusText(code)
	}
	return answer{ErrorCode: code, Description: desc}
}

func failWith(code int, desc string) answer { return answer{ErrorCode: code, Description: desc} }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if s.latency > 0 {
		time.Sleep(s.latency)
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		write(w, failWith(http.StatusBadRequest, "Bad request: invalid path"))
		return
	}
	// The docs accept GET and POST, with a query string, a form, JSON or multipart.
	body := map[string]any{}
	if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&body); err != nil {
			write(w, failWith(http.StatusBadRequest, "Bad request: body is not a JSON object"))
			return
		}
	} else if err := r.ParseForm(); err == nil {
		for k, v := range r.Form {
			body[k] = v[0]
		}
	}
	s.mu.Lock()
	s.calls[method]++
	revoked := s.revoked
	var f *fault
	if q := s.faults[method]; len(q) > 0 {
		f, s.faults[method] = &q[0], q[1:]
	}
	s.notify()
	s.mu.Unlock()
	if token != s.token || revoked {
		write(w, fail(http.StatusUnauthorized))
		return
	}
	if f != nil {
		writeRaw(w, f.status, f.body)
		return
	}
	str := func(k string) string {
		switch v := body[k].(type) {
		case string:
			return v
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return ""
	}
	switch method {
	case "getMe":
		write(w, answer{OK: true, Result: s.me})
	case "getUpdates":
		a, raw := s.getUpdates(r.Context(), str("timeout"))
		if raw != nil {
			writeRaw(w, http.StatusOK, raw)
			return
		}
		write(w, a)
	case "setWebhook":
		write(w, s.setWebhook(str("url"), str("secret_token")))
	case "deleteWebhook":
		s.mu.Lock()
		s.webhook, s.secret = "", ""
		s.mu.Unlock()
		write(w, answer{OK: true, Result: map[string]any{"url": "", "updated_at": time.Now().UnixMilli()}})
	case "getWebhookInfo":
		write(w, answer{OK: true, Result: map[string]any{"url": s.Webhook(), "updated_at": time.Now().UnixMilli()}})
	case "sendMessage":
		write(w, s.send(Sent{Method: method, ChatID: str("chat_id"), Text: str("text")}))
	case "sendPhoto":
		write(w, s.send(Sent{Method: method, ChatID: str("chat_id"), Text: str("caption"), Photo: str("photo")}))
	case "sendSticker", "sendChatAction":
		if str("chat_id") == "" {
			write(w, failWith(http.StatusBadRequest, "Bad request: chat_id is required"))
			return
		}
		write(w, answer{OK: true})
	default:
		// Method names are case-sensitive (docs).
		write(w, failWith(http.StatusBadRequest, "Bad request: invalid API name"))
	}
}

// getUpdates answers the next pending update (a whole answer), or a 408 when none came: at once
// with WithImmediateIdle, else after holding the poll for timeout seconds.
func (s *Server) getUpdates(ctx context.Context, timeout string) (answer, []byte) {
	secs := 30
	if timeout != "" {
		n, err := strconv.Atoi(timeout)
		if err != nil || n < 0 {
			return failWith(http.StatusBadRequest, "Bad request: timeout must be a number of seconds"), nil
		}
		secs = n
	}
	deadline := time.NewTimer(time.Duration(secs) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if s.webhook != "" {
			s.mu.Unlock()
			// The docs: getUpdates does not work while a webhook is set.
			return failWith(http.StatusBadRequest, "Bad request: webhook is active; call deleteWebhook first"), nil
		}
		if len(s.pending) > 0 {
			raw := s.pending[0]
			s.pending = s.pending[1:]
			s.notify()
			s.mu.Unlock()
			return answer{}, raw
		}
		changed := s.changed
		s.mu.Unlock()
		if s.immediateIdle {
			return fail(http.StatusRequestTimeout), nil
		}
		select {
		case <-changed:
		case <-deadline.C:
			return fail(http.StatusRequestTimeout), nil
		case <-ctx.Done():
			return fail(http.StatusRequestTimeout), nil
		}
	}
}

func (s *Server) setWebhook(hook, secret string) answer {
	u, err := url.Parse(hook)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return failWith(http.StatusBadRequest, "Bad request: url must be an HTTPS URL")
	}
	if n := len(secret); n < 8 || n > 256 {
		return failWith(http.StatusBadRequest, "Bad request: secret_token must be 8 to 256 characters")
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
			body := p
			if s.bare {
				var a struct {
					Result json.RawMessage `json:"result"`
				}
				if json.Unmarshal(p, &a) == nil && len(a.Result) > 0 {
					body = a.Result
				}
			}
			s.deliverRaw(p, body)
		}
	}()
	return answer{OK: true, Result: map[string]any{"url": hook, "updated_at": time.Now().UnixMilli()}}
}

func (s *Server) send(m Sent) answer {
	if m.ChatID == "" {
		return failWith(http.StatusBadRequest, "Bad request: chat_id is required")
	}
	if m.Method == "sendPhoto" {
		if u, err := url.Parse(m.Photo); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return failWith(http.StatusBadRequest, "Bad request: photo must be a URL")
		}
		if utf8.RuneCountInString(m.Text) > 2000 {
			return failWith(http.StatusBadRequest, "Bad request: caption must be at most 2000 characters")
		}
	} else if n := utf8.RuneCountInString(m.Text); n < 1 || n > 2000 {
		return failWith(http.StatusBadRequest, "Bad request: text must be 1 to 2000 characters")
	}
	m.ID = NewID()
	s.mu.Lock()
	s.sent = append(s.sent, m)
	s.notify()
	s.mu.Unlock()
	return answer{OK: true, Result: map[string]any{"message_id": m.ID, "date": time.Now().UnixMilli()}}
}
