package webapp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/webapp/webapptest"
)

const token = "123456789:TEST-token-for-coordbot"

var now = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

// telegramSigned follows Telegram's page step by step, independently of Sign: the fields but hash
// sorted, "key=value" joined by "\n", HMAC-SHA256 keyed by HMAC-SHA256("WebAppData", token).
func telegramSigned(t *testing.T, tok string, fields map[string]string) string {
	t.Helper()
	var keys []string
	for k := range fields {
		keys = append(keys, k)
	}
	// insertion sort: no shared code with the package under test
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	var lines []string
	q := url.Values{}
	for _, k := range keys {
		lines = append(lines, k+"="+fields[k])
		q.Set(k, fields[k])
	}
	sk := hmac.New(sha256.New, []byte("WebAppData"))
	sk.Write([]byte(tok))
	m := hmac.New(sha256.New, sk.Sum(nil))
	m.Write([]byte(strings.Join(lines, "\n")))
	q.Set("hash", hex.EncodeToString(m.Sum(nil)))
	return q.Encode()
}

func fields(auth time.Time) map[string]string {
	return map[string]string{
		"query_id":  "AAHdF6IQAAAAAN0XohDhrOrc",
		"user":      `{"id":279058397,"first_name":"Lan","last_name":"Nguyễn","username":"lan","language_code":"vi"}`,
		"auth_date": strconv.FormatInt(auth.Unix(), 10),
		"signature": "TYJxVcisqbWjtodPepiJ6ghziUL94-KNpG8Pau-X7oNNLNBM72APCpi_RKiUlBvcqo5L",
	}
}

func TestVerify(t *testing.T) {
	valid := telegramSigned(t, token, fields(now.Add(-time.Hour)))
	d, err := Verify(valid, token, now, MaxAge)
	if err != nil {
		t.Fatalf("valid initData refused: %v", err)
	}
	if d.User.ID != 279058397 || d.User.LastName != "Nguyễn" || d.QueryID != "AAHdF6IQAAAAAN0XohDhrOrc" {
		t.Fatalf("decoded %+v", d)
	}

	tampered := strings.Replace(valid, "279058397", "279058398", 1)
	stale := telegramSigned(t, token, fields(now.Add(-MaxAge-time.Minute)))
	noUser := func() string {
		f := fields(now)
		delete(f, "user")
		return telegramSigned(t, token, f)
	}()
	for _, tc := range []struct {
		name, raw, token string
		want             error
	}{
		{"tampered field", tampered, token, ErrSignature},
		{"wrong token", valid, "987654321:another-bot", ErrSignature},
		{"stale date", stale, token, ErrStale},
		{"no hash", "user=%7B%22id%22%3A1%7D&auth_date=1", token, ErrMalformed},
		{"field twice", valid + "&auth_date=1", token, ErrMalformed},
		{"no user", noUser, token, ErrNoUser},
		{"empty", "", token, ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Verify(tc.raw, tc.token, now, MaxAge); !errors.Is(err, tc.want) {
				t.Fatalf("Verify = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestSignMatchesTelegramsAlgorithm(t *testing.T) {
	u := User{ID: 42, FirstName: "Minh", LanguageCode: "en"}
	raw := webapptest.Sign(token, u, now, url.Values{"query_id": {"Q1"}})
	d, err := Verify(raw, token, now.Add(time.Minute), MaxAge)
	if err != nil || d.User != u || d.QueryID != "Q1" {
		t.Fatalf("Verify(Sign) = %+v, %v", d, err)
	}
	// The same fields signed by the independent implementation give the same hash.
	v, _ := url.ParseQuery(raw)
	f := map[string]string{}
	for k := range v {
		if k != "hash" {
			f[k] = v.Get(k)
		}
	}
	w, _ := url.ParseQuery(telegramSigned(t, token, f))
	if v.Get("hash") != w.Get("hash") {
		t.Fatalf("Sign's hash %s differs from Telegram's algorithm %s", v.Get("hash"), w.Get("hash"))
	}
}

func FuzzVerify(f *testing.F) {
	f.Add(webapptest.Sign(token, User{ID: 1}, now, nil))
	f.Add("hash=zz&auth_date=x")
	f.Add("%%%")
	f.Fuzz(func(t *testing.T, raw string) {
		d, err := Verify(raw, token, now, MaxAge)
		if err == nil {
			// Anything accepted must carry Telegram's signature for this token: re-signing its
			// fields gives its hash.
			v, _ := url.ParseQuery(raw)
			m := hmac.New(sha256.New, secretKey(token))
			m.Write([]byte(dataCheckString(v)))
			if hex.EncodeToString(m.Sum(nil)) != strings.ToLower(v.Get("hash")) || d.User.ID == 0 {
				t.Fatalf("accepted unsigned initData %q", raw)
			}
		}
	})
}
