package telegram

import (
	"errors"
	"net/http"
	"sync"
)

// ErrUnauthorized is the error Fatal delivers when the Bot API answered 401 to any call: the token
// was revoked or replaced, and nothing this process does can succeed any more.
var ErrUnauthorized = errors.New("telegram: the Bot API refused the token (401 Unauthorized); it was revoked or replaced")

// fatalWatch is the HTTP transport under every Bot API call. It sees the 401 of any call — a poll,
// a send, an edit, getChatMember — in one place, without each caller having to classify it.
type fatalWatch struct {
	base http.RoundTripper
	once sync.Once
	ch   chan error
}

func newFatalWatch(base http.RoundTripper) *fatalWatch {
	if base == nil {
		base = http.DefaultTransport
	}
	return &fatalWatch{base: base, ch: make(chan error, 1)}
}

func (f *fatalWatch) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := f.base.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusUnauthorized {
		f.once.Do(func() { f.ch <- ErrUnauthorized })
	}
	return resp, err
}

// Fatal delivers one error when the process should stop because Telegram will refuse everything
// it does (a 401 from any call). A supervisor restarts or alerts; retrying here would only hide it.
func (c *Client) Fatal() <-chan error { return c.fatal.ch }
