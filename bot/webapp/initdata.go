// Package webapp is the server side of coordbot's Telegram Mini App: it checks the initData a
// page opened inside Telegram sends, so that the dashboard needs no login of its own.
package webapp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// MaxAge is how old initData may be before it is refused.
const MaxAge = 24 * time.Hour

// User is the Telegram user initData names.
type User struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Username     string `json:"username"`
	LanguageCode string `json:"language_code"`
}

// InitData is initData after its signature was checked.
type InitData struct {
	User     User
	AuthDate time.Time
	QueryID  string
}

// The reasons initData is refused.
var (
	ErrMalformed = errors.New("webapp: initData is malformed")
	ErrSignature = errors.New("webapp: initData signature does not match")
	ErrStale     = errors.New("webapp: initData is too old")
	ErrNoUser    = errors.New("webapp: initData names no user")
)

// secretKey is HMAC-SHA256 of the bot token keyed with "WebAppData", as Telegram documents.
func secretKey(token string) []byte {
	m := hmac.New(sha256.New, []byte("WebAppData"))
	m.Write([]byte(token))
	return m.Sum(nil)
}

// dataCheckString is every field but hash, as key=value sorted by key and joined by "\n".
func dataCheckString(v url.Values) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		if k != "hash" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var sb strings.Builder
	for i, k := range keys {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(k + "=" + v.Get(k))
	}
	return sb.String()
}

// Verify checks raw initData (the query string Telegram.WebApp.initData holds) against the bot
// token: hash must equal hex(HMAC-SHA256(key secretKey(token), dataCheckString)), compared in
// constant time; auth_date must be at most maxAge before now; a user must be named. Nothing in it
// is trusted before that.
func Verify(raw, token string, now time.Time, maxAge time.Duration) (InitData, error) {
	v, err := url.ParseQuery(raw)
	if err != nil {
		return InitData{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	for k, vals := range v {
		if len(vals) != 1 {
			return InitData{}, fmt.Errorf("%w: field %q appears %d times", ErrMalformed, k, len(vals))
		}
	}
	got, err := hex.DecodeString(v.Get("hash"))
	if err != nil || len(got) != sha256.Size {
		return InitData{}, fmt.Errorf("%w: no valid hash", ErrMalformed)
	}
	m := hmac.New(sha256.New, secretKey(token))
	m.Write([]byte(dataCheckString(v)))
	if !hmac.Equal(got, m.Sum(nil)) {
		return InitData{}, ErrSignature
	}
	secs, err := strconv.ParseInt(v.Get("auth_date"), 10, 64)
	if err != nil {
		return InitData{}, fmt.Errorf("%w: auth_date", ErrMalformed)
	}
	auth := time.Unix(secs, 0)
	if now.Sub(auth) > maxAge || auth.Sub(now) > 5*time.Minute {
		return InitData{}, ErrStale
	}
	d := InitData{AuthDate: auth, QueryID: v.Get("query_id")}
	if err := json.Unmarshal([]byte(v.Get("user")), &d.User); err != nil || d.User.ID == 0 {
		return InitData{}, ErrNoUser
	}
	return d, nil
}
