package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/internal/testutil"
)

var metricsRE = regexp.MustCompile(`metrics_addr=(127\.0\.0\.1:\d+)`)

// metricsAddr waits for run to say where /healthz and /metrics listen.
func metricsAddr(t *testing.T, logs interface{ String() string }) string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		if m := metricsRE.FindStringSubmatch(logs.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the bot never said where /metrics listens")
	return ""
}

// httpGet fetches path from addr and returns the status and body.
func httpGet(t *testing.T, addr, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		t.Fatalf("GET %s%s: %v", addr, path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestMetricsListenOnTheirOwnAddress: /metrics (host, pid, runtime figures) and /healthz (a Redis
// PING per request) are not served on the public listener, which the webhooks and the dashboard
// share with the world; they answer on COORDBOT_METRICS_ADDR, loopback by default. Set to the
// public address, they are served there.
func TestMetricsListenOnTheirOwnAddress(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	c, _, err := loadConfig("run", nil, envOf(map[string]string{}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if host, _, _ := net.SplitHostPort(c.MetricsAddr); host != "127.0.0.1" || c.sharedListener() {
		t.Errorf("default COORDBOT_METRICS_ADDR %q (shared %v); want loopback, apart from %q", c.MetricsAddr, c.sharedListener(), c.HTTPAddr)
	}

	e := newE2E(t)
	public, ops := httpAddr(t, e.logs), metricsAddr(t, e.logs)
	if public == ops {
		t.Fatalf("one address for both: %s", public)
	}
	for _, path := range []string{"/metrics", "/healthz"} {
		if code, _ := httpGet(t, public, path); code != http.StatusNotFound {
			t.Errorf("public listener %s: %d, want 404", path, code)
		}
	}
	if code, body := httpGet(t, ops, "/metrics"); code != http.StatusOK || !strings.Contains(body, "coordbot_reminders_pending") {
		t.Errorf("metrics listener /metrics: %d %.200s", code, body)
	}
	if code, body := httpGet(t, ops, "/healthz"); code != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("metrics listener /healthz: %d %q", code, body)
	}
	e.stop()

	t.Run("configured onto the public listener", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		e := newE2E(t, map[string]string{"COORDBOT_HTTP_ADDR": addr, "COORDBOT_METRICS_ADDR": addr})
		if code, body := httpGet(t, addr, "/metrics"); code != http.StatusOK || !strings.Contains(body, "coordbot_reminders_pending") {
			t.Errorf("/metrics on the public listener: %d %.200s", code, body)
		}
		if metricsRE.MatchString(e.logs.String()) {
			t.Error("a second listener was started")
		}
	})
}

// TestWebhookHandlerDrainsOnSIGTERM: SIGTERM while a webhook update is being handled (its reply
// on its way to Telegram) lets the handler finish: the reply is sent, Telegram gets 200, and run
// returns nil. Before, the handlers' context was run's, so SIGTERM cancelled the reply at once
// although the README promised a drain.
func TestWebhookHandlerDrainsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	redistest.URL(t)
	noLeaks(t)
	srv := telegramtest.New()
	t.Cleanup(srv.Close)
	// A gate before the Bot API holds the reply's sendMessage until the test lets it go, and
	// tells whether the bot gave up on it meanwhile.
	target, _ := url.Parse(srv.URL())
	proxy := httputil.NewSingleHostReverseProxy(target)
	var (
		mu        sync.Mutex
		armed     bool
		inflight  = make(chan struct{})
		release   = make(chan struct{})
		cancelled = make(chan struct{})
	)
	gate := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hold := armed && strings.HasSuffix(r.URL.Path, "/sendMessage")
		if hold {
			armed = false
			close(inflight)
		}
		mu.Unlock()
		if hold {
			// Read first: net/http notices a client gone only once the body is read.
			data, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(data))
			select {
			case <-release:
			case <-r.Context().Done():
				close(cancelled)
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(gate.Close)

	_, prefix := redistest.Client(t)
	const secret = "webhook-secret-17"
	env := map[string]string{
		"TELEGRAM_BOT_TOKEN":      srv.Token(),
		"TELEGRAM_API_URL":        gate.URL,
		"REDIS_URL":               redistest.URL(t),
		"COORDBOT_PREFIX":         prefix,
		"COORDBOT_HTTP_ADDR":      "127.0.0.1:0",
		"COORDBOT_METRICS_ADDR":   "127.0.0.1:0",
		"COORDBOT_WEBHOOK_URL":    "https://bot.example.org/webhook",
		"COORDBOT_WEBHOOK_SECRET": secret,
	}
	logs := &testutil.SyncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"run"}, envOf(env), strings.NewReader(""), io.Discard, logs) }()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("bot log:\n%s", logs)
		}
	})
	addr := httpAddr(t, logs)
	if !srv.WaitFor(wait, func() bool { u, _ := srv.Webhook(); return u != "" }) {
		t.Fatal("the bot never set its webhook")
	}
	me := telegramtest.Private(cadre)
	srv.SendText(cadre, me, "/maso")
	pending := srv.PendingJSON()
	body := pending[len(pending)-1]

	mu.Lock()
	armed = true
	mu.Unlock()
	status := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/webhook", bytes.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("webhook request: %v", err)
			status <- 0
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	select {
	case <-inflight:
	case <-time.After(wait):
		t.Fatal("the handler never sent its reply")
	}
	cancel() // SIGTERM, while the reply is on its way
	select {
	case <-cancelled:
		t.Error("SIGTERM cancelled the handler's reply in flight")
	case <-time.After(500 * time.Millisecond):
		// The handler is still waiting for Telegram: let the reply through.
	}
	close(release)
	if code := <-status; code != http.StatusOK {
		t.Errorf("Telegram got %d for the update in flight at SIGTERM; want 200", code)
	}
	if sent := srv.SentTo(me.ID); len(sent) != 1 || !strings.Contains(sent[0].Plain, "22222") {
		t.Errorf("sent %+v; want the answer to /maso", sent)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v after SIGTERM; want nil", err)
		}
	case <-time.After(wait):
		t.Fatal("run did not return after SIGTERM")
	}
}

// TestEveryListenerHasTimeouts: a client that sends its headers or body a byte at a time, or
// keeps an idle connection open, cannot hold a connection forever on either listener.
func TestEveryListenerHasTimeouts(t *testing.T) {
	for name, tt := range map[string]timeouts{"public": publicTimeouts, "metrics": opsTimeouts} {
		s := newServer(http.NotFoundHandler(), tt, context.Background())
		if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 {
			t.Errorf("%s listener: read-header %v, read %v, write %v, idle %v; want all set", name,
				s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout)
		}
	}
}
