// Package telegram is coordbot's Telegram transport on tgbotapi: updates in (a long-polling loop
// that confirms an update only after it was handled, or a webhook), and a reliable sender out that
// keeps every message valid for Telegram (HTML checked and escaped when needed, long texts split),
// waits out 429s, retries transient failures and turns permanent ones into the bot's errors.
// tgbotapi types stay inside this package.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/keylock"
	"github.com/coordbot/coordbot/internal/transport"
)

// Limiter paces outgoing messages (Telegram's flood limits, shared by the bot's processes).
type Limiter interface {
	// Wait blocks until one more message may be sent to chatID (a Telegram chat's number in
	// decimal, the limiter's key).
	Wait(ctx context.Context, chatID string) error
}

// BulkLimiter is a Limiter that lets replies to people go before bulk sends (ratelimit.Limiter is
// one). Sends whose context is marked chat.Bulk use WaitBulk.
type BulkLimiter interface {
	Limiter
	WaitBulk(ctx context.Context, chatID string) error
}

// Config configures a Client. Only Token is required.
type Config struct {
	Token string
	// APIURL is the Bot API base URL; default https://api.telegram.org.
	APIURL string
	// PollTimeout is getUpdates' long-poll timeout; default 30 s.
	PollTimeout time.Duration
	// HTTPTimeout bounds every HTTP call; it must exceed PollTimeout. Default PollTimeout + 15 s.
	HTTPTimeout time.Duration
	// Logger receives the transport's events; nil discards them. Tokens are never logged.
	Logger *slog.Logger
	// Limiter, when set, is asked before each message sent or edited.
	Limiter Limiter
	// Workers bounds the handlers Poll runs at once; default 64.
	Workers int
	// MaxAttempts bounds the tries of one call failing with 5xx or network errors; default 5.
	MaxAttempts int
	// ShutdownGrace is how long handlers in flight may go on after Poll's context ends before
	// their own context is cancelled; default 10 s.
	ShutdownGrace time.Duration
	// Sleep waits d or until ctx ends; nil uses a timer. Tests replace it to observe waits.
	Sleep func(ctx context.Context, d time.Duration) error
	// Elector, when set, lets Poll poll only while this process leads, so that several processes
	// on one token stand by instead of terminating each other's long polls (409).
	Elector Elector
	// Inbox, when set, keeps fetched updates durably until handled, so Poll confirms them to
	// Telegram at once and no chat waits for another chat's backlog (see Poll).
	Inbox Inbox
	// ChatBacklog bounds the updates of one chat waiting to be handled when Inbox is set; past
	// it, the chat is told it sends too fast and the update is dropped. Default 50.
	ChatBacklog int
}

// Command is one entry of the bot's command menu.
type Command struct {
	Name        string
	Description string
}

// Client talks to the Bot API. It is safe for concurrent use.
type Client struct {
	cfg Config
	api *tgbotapi.BotAPI
	hc  *http.Client
	log *slog.Logger
	// webhookChats keeps webhook updates of one chat from running at once.
	webhookChats keylock.Locks[chat.ID]
	// fatal sees every call's HTTP answer and reports a 401 (see Fatal).
	fatal *fatalWatch
}

// discard silences tgbotapi's own logger, which prints URLs that contain the token.
type discard struct{}

func (discard) Println(...any)        {}
func (discard) Printf(string, ...any) {}

func withDefaults(cfg Config) (Config, error) {
	if cfg.Token == "" {
		return cfg, errors.New("telegram: the bot token is empty")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = "https://api.telegram.org"
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = 30 * time.Second
	}
	if cfg.HTTPTimeout == 0 {
		cfg.HTTPTimeout = cfg.PollTimeout + 15*time.Second
	}
	if cfg.HTTPTimeout <= cfg.PollTimeout {
		return cfg, fmt.Errorf("telegram: HTTP timeout %v must be longer than the poll timeout %v", cfg.HTTPTimeout, cfg.PollTimeout)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 64
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 5
	}
	if cfg.ChatBacklog <= 0 {
		cfg.ChatBacklog = 50
	}
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = 10 * time.Second
	}
	if cfg.Sleep == nil {
		cfg.Sleep = transport.Sleep
	}
	return cfg, nil
}

// Dial connects to the Bot API. getMe is retried with backoff until it answers or ctx ends, so a
// bot started while the network is down waits instead of crash-looping; a refused token fails at
// once.
func Dial(ctx context.Context, cfg Config) (*Client, error) {
	cfg, err := withDefaults(cfg)
	if err != nil {
		return nil, err
	}
	if err := tgbotapi.SetLogger(discard{}); err != nil {
		return nil, err
	}
	fw := newFatalWatch(nil)
	c := &Client{cfg: cfg, hc: &http.Client{Timeout: cfg.HTTPTimeout, Transport: fw}, log: cfg.Logger, fatal: fw}
	endpoint := strings.TrimRight(cfg.APIURL, "/") + "/bot%s/%s"
	for attempt := 0; ; attempt++ {
		api, err := tgbotapi.NewBotAPIWithClient(cfg.Token, endpoint, ctxDoer{ctx, c.hc})
		if err == nil {
			api.Debug = false
			api.Client = c.hc
			c.api = api
			c.log.Info("telegram: connected", "bot", api.Self.UserName)
			return c, nil
		}
		err = c.redact(err)
		if code, _ := apiCode(err); code == http.StatusUnauthorized || code == http.StatusNotFound {
			return nil, fmt.Errorf("telegram: the Bot API refused the token: %w", err)
		}
		wait := transport.Backoff(attempt)
		c.log.Warn("telegram: getMe failed, retrying", "err", err, "attempt", attempt+1, "wait", wait)
		if serr := cfg.Sleep(ctx, wait); serr != nil {
			return nil, fmt.Errorf("telegram: gave up connecting: %w", err)
		}
	}
}

// Close releases idle connections to the Bot API.
func (c *Client) Close() { c.hc.CloseIdleConnections() }

// Username is the bot's @username without the @.
func (c *Client) Username() string { return c.api.Self.UserName }

// ctxDoer gives tgbotapi's context-free requests a context, so cancelling ctx ends a long poll
// or a send at once.
type ctxDoer struct {
	ctx context.Context
	hc  *http.Client
}

func (d ctxDoer) Do(r *http.Request) (*http.Response, error) { return d.hc.Do(r.WithContext(d.ctx)) }

// bound is a shallow copy of the API client whose requests carry ctx.
func (c *Client) bound(ctx context.Context) *tgbotapi.BotAPI {
	b := *c.api
	b.Client = ctxDoer{ctx, c.hc}
	return &b
}

// redact hides the token, which net/http puts in error texts through the request URL.
func (c *Client) redact(err error) error { return transport.Redact(err, c.cfg.Token) }

// apiCode returns the Bot API error code of err (0 when err is not a Bot API answer), inferring
// it from the description when tgbotapi left it out (its file uploads do).
func apiCode(err error) (int, *tgbotapi.Error) {
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		return 0, nil
	}
	if e.Code != 0 {
		return e.Code, e
	}
	switch {
	case e.RetryAfter > 0 || strings.HasPrefix(e.Message, "Too Many Requests"):
		return 429, e
	case e.MigrateToChatID != 0 || strings.HasPrefix(e.Message, "Bad Request"):
		return 400, e
	case strings.HasPrefix(e.Message, "Forbidden"):
		return 403, e
	case strings.HasPrefix(e.Message, "Unauthorized"):
		return 401, e
	case strings.HasPrefix(e.Message, "Not Found"):
		return 404, e
	case strings.HasPrefix(e.Message, "Conflict"):
		return 409, e
	}
	return 500, e
}
