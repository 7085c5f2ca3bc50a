package filelink_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/filelink"
	"github.com/coordbot/coordbot/internal/redistest"
)

// clock is a settable time.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func setup(t *testing.T) (*filelink.Links, *httptest.Server, *clock) {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	clk := &clock{t: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
	srv := httptest.NewServer(nil)
	t.Cleanup(srv.Close)
	l, err := filelink.New(rdb, prefix, filelink.SecretFrom("123:token"), srv.URL, filelink.WithClock(clk.now))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(filelink.PathPrefix, l.Handler())
	srv.Config.Handler = mux
	return l, srv, clk
}

func get(t *testing.T, link string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

var png = []byte("\x89PNG\r\n\x1a\nnot really a picture")

func TestPublishedLinkServesTheFile(t *testing.T) {
	l, srv, _ := setup(t)
	link, err := l.Publish(context.Background(), "tiến-độ.png", png)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(link, srv.URL+filelink.PathPrefix) {
		t.Fatalf("link %q is not on the public URL", link)
	}
	code, ctype, body := get(t, link)
	if code != http.StatusOK || ctype != "image/png" || !bytes.Equal(body, png) {
		t.Fatalf("GET = %d %q %q", code, ctype, body)
	}
}

func TestRefusedLinks(t *testing.T) {
	l, _, clk := setup(t)
	link, err := l.Publish(context.Background(), "bao-cao.xlsx", []byte("PK…"))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(link)
	tamper := func(f func(q url.Values)) string {
		v := *u
		q := v.Query()
		f(q)
		v.RawQuery = q.Encode()
		return v.String()
	}
	other := *u
	other.Path = strings.Replace(u.Path, "bao-cao.xlsx", "khac.xlsx", 1)
	for _, tc := range []struct{ name, link string }{
		{"unsigned", tamper(func(q url.Values) { q.Del("sig") })},
		{"forged signature", tamper(func(q url.Values) { q.Set("sig", strings.Repeat("0", 64)) })},
		{"expiry moved", tamper(func(q url.Values) { q.Set("exp", "99999999999") })},
		{"other name", other.String()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, body := get(t, tc.link); code != http.StatusForbidden || bytes.Contains(body, []byte("PK")) {
				t.Fatalf("GET = %d %q, want 403 and no data", code, body)
			}
		})
	}
	if code, ctype, _ := get(t, link); code != http.StatusOK || !strings.Contains(ctype, "spreadsheetml") {
		t.Fatalf("the genuine link: %d %q", code, ctype)
	}
	clk.t = clk.t.Add(filelink.DefaultTTL + time.Second)
	if code, _, _ := get(t, link); code != http.StatusForbidden {
		t.Fatalf("expired link: %d, want 403", code)
	}
}

func TestNewRefusesBadSettings(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	if _, err := filelink.New(rdb, prefix, []byte("short"), "https://bot.example.org"); err == nil {
		t.Error("a short secret was accepted")
	}
	if _, err := filelink.New(rdb, prefix, filelink.SecretFrom("x"), "bot.example.org"); err == nil {
		t.Error("a public URL without a scheme was accepted")
	}
}
