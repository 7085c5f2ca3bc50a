// Package zalo is coordbot's transport for the Zalo Bot Platform, whose HTTP API is shaped like
// Telegram's: POST {base}/bot{TOKEN}/{method} with a JSON body, answers {"ok", "result",
// "error_code", "description"}. This file is the wire client: one method per API call, retries of
// transient failures, and errors that say what they are. Zalo types stay inside this package.
package zalo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/coordbot/coordbot/internal/transport"
)

// DefaultAPIURL is the Zalo Bot API's base URL.
const DefaultAPIURL = "https://bot-api.zaloplatforms.com"

// MaxText is the longest text sendMessage takes, in characters.
const MaxText = 2000

// Config configures a Client. Only Token is required.
type Config struct {
	// Token is "{bot_id}:{access_token}" from Zalo Bot Creator; never logged.
	Token string
	// APIURL is the base URL; default DefaultAPIURL.
	APIURL string
	// PollTimeout is getUpdates' long-poll timeout; default 30 s.
	PollTimeout time.Duration
	// HTTPTimeout bounds every HTTP call; default PollTimeout + 15 s.
	HTTPTimeout time.Duration
	// MaxAttempts bounds the tries of one call failing with 5xx, 429 or a network error; default 5.
	MaxAttempts int
	// Logger receives the transport's events; nil discards them.
	Logger *slog.Logger
	// Sleep waits d or until ctx ends; nil uses a timer. Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock the poll loop measures polls by; nil is time.Now. Tests replace it.
	Now func() time.Time
}

// Client calls the Zalo Bot API. It is safe for concurrent use.
type Client struct {
	cfg Config
	hc  *http.Client
	log *slog.Logger
	me  Me
}

// New checks cfg and returns a Client without calling the API; Dial also calls getMe.
func New(cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("zalo: the bot token is empty")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = 30 * time.Second
	}
	if cfg.HTTPTimeout <= 0 {
		cfg.HTTPTimeout = cfg.PollTimeout + 15*time.Second
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 5
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Sleep == nil {
		cfg.Sleep = transport.Sleep
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Client{cfg: cfg, hc: &http.Client{Timeout: cfg.HTTPTimeout}, log: cfg.Logger}, nil
}

// Dial returns a Client whose token getMe accepted. getMe is retried with backoff on every
// failure but a 401 (a refused token), which fails at once: a 403 is the platform's internal
// error, not a verdict on the token.
func Dial(ctx context.Context, cfg Config) (*Client, error) {
	c, err := New(cfg)
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		err := c.call(ctx, "getMe", struct{}{}, &c.me)
		if err == nil {
			c.log.Info("zalo: connected", "bot", c.me.AccountName, "can_join_groups", c.me.CanJoinGroups)
			return c, nil
		}
		if errors.Is(err, ErrUnauthorized) {
			return nil, err
		}
		wait := transport.Backoff(attempt)
		c.log.Warn("zalo: getMe failed, retrying", "err", err, "attempt", attempt+1, "wait", wait)
		if c.cfg.Sleep(ctx, wait) != nil {
			return nil, fmt.Errorf("zalo: gave up connecting: %w", err)
		}
	}
}

// Me is the bot's own account, as getMe answered at Dial.
func (c *Client) Me() Me { return c.me }

// Close releases idle connections.
func (c *Client) Close() { c.hc.CloseIdleConnections() }

// GetUpdate long-polls for the next update. It returns nil, nil when the poll timed out with
// nothing to deliver (Zalo answers that with error_code 408).
func (c *Client) GetUpdate(ctx context.Context) (*Update, error) {
	var raw json.RawMessage
	err := c.once(ctx, "getUpdates", map[string]string{"timeout": fmt.Sprint(int(c.cfg.PollTimeout / time.Second))}, &raw)
	var ae *APIError
	if errors.As(err, &ae) && ae.Code == http.StatusRequestTimeout {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return decodeUpdate(raw)
}

// SendMessage sends plain text (1–2,000 characters; the caller splits longer texts).
func (c *Client) SendMessage(ctx context.Context, chatID, text string) (Sent, error) {
	var s Sent
	err := c.call(ctx, "sendMessage", map[string]string{"chat_id": chatID, "text": text}, &s)
	return s, err
}

// SendPhoto sends the image at photoURL with a caption (≤ 2,000 characters).
func (c *Client) SendPhoto(ctx context.Context, chatID, photoURL, caption string) (Sent, error) {
	body := map[string]string{"chat_id": chatID, "photo": photoURL}
	if caption != "" {
		body["caption"] = caption
	}
	var s Sent
	err := c.call(ctx, "sendPhoto", body, &s)
	return s, err
}

// SendChatAction shows "typing…" in the chat.
func (c *Client) SendChatAction(ctx context.Context, chatID string) error {
	return c.call(ctx, "sendChatAction", map[string]string{"chat_id": chatID, "action": "typing"}, nil)
}

// SetWebhook makes Zalo POST updates to url with secret (8–256 characters) in
// X-Bot-Api-Secret-Token.
func (c *Client) SetWebhook(ctx context.Context, url, secret string) error {
	if n := len(secret); n < 8 || n > 256 {
		return fmt.Errorf("zalo: the webhook secret must be 8 to 256 characters, not %d", n)
	}
	return c.call(ctx, "setWebhook", map[string]string{"url": url, "secret_token": secret}, nil)
}

// DeleteWebhook removes the webhook so getUpdates works. Zalo answers 400 or 404 when none is
// set; that is not an error here.
func (c *Client) DeleteWebhook(ctx context.Context) error {
	err := c.call(ctx, "deleteWebhook", struct{}{}, nil)
	var ae *APIError
	if errors.As(err, &ae) && (ae.Code == http.StatusBadRequest || ae.Code == http.StatusNotFound) {
		return nil
	}
	return err
}

// envelope is every answer's shape.
type envelope struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
}

// call makes one API call, retrying what Retryable says with backoff up to Config.MaxAttempts
// tries; a 429 waits longer.
func (c *Client) call(ctx context.Context, method string, body, out any) error {
	var err error
	for attempt := 0; attempt < c.cfg.MaxAttempts; attempt++ {
		if err = c.once(ctx, method, body, out); err == nil || !Retryable(err) {
			return err
		}
		if attempt == c.cfg.MaxAttempts-1 {
			break
		}
		wait := c.backoff(err, attempt)
		c.log.Warn("zalo: call failed, retrying", "method", method, "err", err, "attempt", attempt+1, "wait", wait)
		if serr := c.cfg.Sleep(ctx, wait); serr != nil {
			return err
		}
	}
	return err
}

// backoff is the wait before retry attempt+1: "Quota exceeded" (429) waits four times longer.
func (c *Client) backoff(err error, attempt int) time.Duration {
	var ae *APIError
	if errors.As(err, &ae) && ae.Code == http.StatusTooManyRequests {
		return transport.Backoff(attempt + 2)
	}
	return transport.Backoff(attempt)
}

// once makes one API call without retrying.
func (c *Client) once(ctx context.Context, method string, body, out any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.APIURL+"/bot"+c.cfg.Token+"/"+method, bytes.NewReader(data))
	if err != nil {
		return c.redact(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return c.redact(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return c.redact(err)
	}
	var env envelope
	if jerr := json.Unmarshal(raw, &env); jerr != nil {
		// A proxy's error page, or a truncated answer: it keeps its HTTP status (a 401 page is
		// still a refused token, a 429 page still a quota); a 2xx that is not JSON is a bad
		// gateway.
		code := resp.StatusCode
		if code < 400 {
			code = http.StatusBadGateway
		}
		ae := &APIError{Method: method, Code: code, Description: "answer is not JSON (" + resp.Status + ")", HTTPStatus: resp.StatusCode, NotJSON: true}
		if code == http.StatusUnauthorized {
			return fmt.Errorf("%w: %w", ErrUnauthorized, ae)
		}
		return ae
	}
	if !env.OK {
		code := env.ErrorCode
		if code == 0 {
			code = resp.StatusCode
		}
		ae := &APIError{Method: method, Code: code, Description: env.Description, HTTPStatus: resp.StatusCode}
		if code == http.StatusUnauthorized {
			return fmt.Errorf("%w: %w", ErrUnauthorized, ae)
		}
		return ae
	}
	if out == nil || len(env.Result) == 0 {
		return nil
	}
	if err := json.Unmarshal(env.Result, out); err != nil {
		return fmt.Errorf("zalo: %s: decoding the result: %w", method, err)
	}
	return nil
}

// redact hides the token, which net/http puts in error texts through the request URL.
func (c *Client) redact(err error) error { return transport.Redact(err, c.cfg.Token) }
