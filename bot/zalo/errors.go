package zalo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
)

// APIError is an answer with ok=false, or an answer that is not JSON (then Code is its HTTP
// status and NotJSON is true).
type APIError struct {
	Method      string
	Code        int
	Description string
	// HTTPStatus is the HTTP status of the answer.
	HTTPStatus int
	NotJSON    bool
}

func (e *APIError) Error() string {
	return fmt.Sprintf("zalo: %s: %d %s", e.Method, e.Code, e.Description)
}

// ErrUnauthorized is wrapped by every call the API refused for the token (401, the one code the
// docs' error table gives for a bad or expired token): the bot cannot go on, and the process
// should exit.
var ErrUnauthorized = errors.New("zalo: the Bot API refused the token")

// Retryable says whether the docs' error table makes err worth trying again: 403 ("Internal
// server error"), 408 (the platform ran out of time), 429 ("Quota exceeded", after a longer
// wait), any 5xx, and network failures. A description saying the chat is gone is never retried.
func Retryable(err error) bool {
	if errors.Is(err, ErrUnauthorized) {
		return false
	}
	var ae *APIError
	if errors.As(err, &ae) {
		if ChatGone(err) {
			return false
		}
		switch ae.Code {
		case http.StatusForbidden, http.StatusRequestTimeout, http.StatusTooManyRequests:
			return true
		}
		return ae.Code >= 500
	}
	return !errors.Is(err, ErrUnauthorized) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

// goneRE finds a description saying the bot may no longer write to the chat. The docs' table has
// no code for that (403 is an internal error, 404 an invalid request), so only the words say it.
var goneRE = regexp.MustCompile(`(?i)block|chặn|(user|chat|recipient|conversation|người dùng|cuộc trò chuyện|nhóm)\W+(is\W+|was\W+)?(not found|không tồn tại|deleted|đã bị xóa|removed)|(not found|không tìm thấy)\W+(user|chat|recipient|người dùng|nhóm)`)

// ChatGone says whether err is the API saying the chat cannot be written to any more (blocked,
// not found), by its description only.
func ChatGone(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && !ae.NotJSON && ae.Code >= 400 && ae.Code < 500 && goneRE.MatchString(ae.Description)
}
