// Package filelink hands out files (charts, exported workbooks) as signed, expiring links to
// coordbot's own HTTP server, for platforms that cannot take an upload: Zalo's sendPhoto takes an
// image URL, and its messages carry no documents. A file is kept in Redis for as long as its link
// lives, so any instance of the bot can serve a link another instance made. A link is
// /f/{id}/{name}?exp={unix seconds}&sig={hex HMAC-SHA256 of id, name and exp}: an unsigned, forged
// or expired link gets 403 and no data.
package filelink

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultTTL is how long a link works.
const DefaultTTL = 24 * time.Hour

// PathPrefix is where Handler expects to be mounted.
const PathPrefix = "/f/"

// Links publishes files and serves them back.
type Links struct {
	rdb    redis.UniversalClient
	prefix string
	secret []byte
	base   string
	ttl    time.Duration
	now    func() time.Time
}

// Option configures Links.
type Option func(*Links)

// New returns Links that keep files in rdb under prefix, sign with secret (every instance of the
// bot must share it) and build links on publicURL, the HTTPS base of the bot's HTTP server.
func New(rdb redis.UniversalClient, prefix string, secret []byte, publicURL string, opts ...Option) (*Links, error) {
	if len(secret) < 16 {
		return nil, errors.New("filelink: the signing secret must be at least 16 bytes")
	}
	u, err := url.Parse(publicURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("COORDBOT_PUBLIC_URL: %q is not an http(s) URL", publicURL)
	}
	l := &Links{rdb: rdb, prefix: prefix, secret: secret, base: strings.TrimRight(publicURL, "/"), ttl: DefaultTTL, now: time.Now}
	for _, o := range opts {
		o(l)
	}
	return l, nil
}

// SecretFrom derives a signing secret from a bot token, so that every instance run with the same
// token signs alike without another setting.
func SecretFrom(token string) []byte {
	m := hmac.New(sha256.New, []byte("coordbot file links"))
	m.Write([]byte(token))
	return m.Sum(nil)
}

// key holds a published file's bytes; it expires with its link.
func (l *Links) key(id string) string { return l.prefix + "file:" + id }

// Publish keeps data under name and returns a link to it that works for the configured TTL.
func (l *Links) Publish(ctx context.Context, name string, data []byte) (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	id := hex.EncodeToString(b[:])
	name = path.Base("/" + name)
	if err := l.rdb.Set(ctx, l.key(id), data, l.ttl).Err(); err != nil {
		return "", fmt.Errorf("filelink: keeping %s: %w", name, err)
	}
	exp := strconv.FormatInt(l.now().Add(l.ttl).Unix(), 10)
	q := url.Values{"exp": {exp}, "sig": {l.sign(id, name, exp)}}
	return l.base + PathPrefix + id + "/" + url.PathEscape(name) + "?" + q.Encode(), nil
}

func (l *Links) sign(id, name, exp string) string {
	m := hmac.New(sha256.New, l.secret)
	m.Write([]byte(id + "\n" + name + "\n" + exp))
	return hex.EncodeToString(m.Sum(nil))
}

// Handler serves published files at PathPrefix, checking the signature (in constant time) and the
// expiry before it reads anything.
func (l *Links) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		rest, ok := strings.CutPrefix(r.URL.Path, PathPrefix)
		id, name, ok2 := strings.Cut(rest, "/")
		exp, sig := r.URL.Query().Get("exp"), r.URL.Query().Get("sig")
		want := l.sign(id, name, exp)
		if !ok || !ok2 || id == "" || name == "" || !hmac.Equal([]byte(sig), []byte(want)) {
			http.Error(w, "this link is not valid", http.StatusForbidden)
			return
		}
		until, err := strconv.ParseInt(exp, 10, 64)
		if err != nil || l.now().Unix() > until {
			http.Error(w, "this link has expired", http.StatusForbidden)
			return
		}
		data, err := l.rdb.Get(r.Context(), l.key(id)).Bytes()
		switch {
		case errors.Is(err, redis.Nil):
			http.Error(w, "this file is no longer kept", http.StatusNotFound)
			return
		case err != nil:
			http.Error(w, "storage unavailable, try again shortly", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", ContentType(name))
		w.Header().Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": name}))
		w.Header().Set("Cache-Control", "private, max-age=3600")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		if r.Method == http.MethodHead {
			return
		}
		w.Write(data) //nolint:errcheck // the client went away
	})
}

// ContentType is the media type of a file by its name; the types coordbot sends are listed so that
// a machine without /etc/mime.types serves them right.
func ContentType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".png":
		return "image/png"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}
