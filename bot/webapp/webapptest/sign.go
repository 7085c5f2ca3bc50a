// Package webapptest signs Mini App initData as Telegram does, for tests of the dashboard. It is
// written from Telegram's documentation ("Validating data received via the Mini App",
// core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app), not from the
// dashboard's own check, so that a mistake in the check is not mirrored here.
package webapptest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Sign returns the initData string Telegram would hand a Mini App opened by user (any value that
// marshals to Telegram's WebAppUser JSON) at authDate for the bot with token, with extra fields.
//
// The documented algorithm: data-check-string is every received field but hash, sorted by key,
// as key=value joined by "\n"; secret_key = HMAC-SHA256(key "WebAppData", message bot token);
// hash = hex(HMAC-SHA256(key secret_key, message data-check-string)).
func Sign(token string, user any, authDate time.Time, extra url.Values) string {
	v := url.Values{}
	for k, vals := range extra {
		v[k] = vals
	}
	u, err := json.Marshal(user)
	if err != nil {
		panic("webapptest: user does not marshal: " + err.Error())
	}
	v.Set("user", string(u))
	v.Set("auth_date", strconv.FormatInt(authDate.Unix(), 10))
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	lines := make([]string, len(keys))
	for i, k := range keys {
		lines[i] = k + "=" + v.Get(k)
	}
	secret := hmac.New(sha256.New, []byte("WebAppData"))
	secret.Write([]byte(token))
	m := hmac.New(sha256.New, secret.Sum(nil))
	m.Write([]byte(strings.Join(lines, "\n")))
	v.Set("hash", hex.EncodeToString(m.Sum(nil)))
	return v.Encode()
}
