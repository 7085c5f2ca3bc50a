package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot/filelink"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/bot/zalotest"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/internal/testutil"
)

// zaloE2E is a Zalo test server beside e2e's Telegram one.
type zaloE2E struct {
	t   *testing.T
	srv *zalotest.Server
}

// say sends text from a Zalo user in their private chat and returns the n messages the bot sends
// back.
func (z *zaloE2E) say(user, name, text string, n int) []zalotest.Sent {
	z.t.Helper()
	before := len(z.srv.SentTo(user))
	z.srv.Say(user, name, text)
	sent, ok := z.srv.WaitSentTo(wait, user, before+n)
	if !ok {
		z.t.Fatalf("%q on Zalo: the bot sent %d of the %d messages expected: %+v", shorten(text), len(sent)-before, n, sent[before:])
	}
	return sent[before:]
}

func zplain(sent []zalotest.Sent) string {
	var sb strings.Builder
	for _, s := range sent {
		sb.WriteString(s.Text + "\n")
	}
	return sb.String()
}

// choiceNumber is the number of the line of a numbered choice that contains label.
func choiceNumber(t *testing.T, text, label string) string {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if n, rest, ok := strings.Cut(line, ". "); ok && strings.Contains(rest, label) {
			if _, err := strconv.Atoi(n); err == nil {
				return n
			}
		}
	}
	t.Fatalf("no numbered choice %q in:\n%s", label, text)
	return ""
}

// httpAddr is the address `coordbot run` serves HTTP on, read from its log.
// servingRE finds the address run's HTTP server listens on, in its log line.
var servingRE = regexp.MustCompile(`http: serving.* addr=(127\.0\.0\.1:\d+)`)

// httpAddr waits for run to say where it serves HTTP (the latest start's address).
func httpAddr(t *testing.T, logs interface{ String() string }) string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		if m := servingRE.FindAllStringSubmatch(logs.String(), -1); len(m) > 0 {
			return m[len(m)-1][1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the bot never said where it serves HTTP")
	return ""
}

// TestRunTelegramAndZaloEndToEnd is issue 11's story through `coordbot run` with both tokens: a
// cadre on Zalo asks and reports (in one line and through the numbered guided flow), a coordinator
// on Telegram adds them and sees the progress, a reminder reaches the Telegram group and the Zalo
// cadre once each, the chart reaches Zalo as a signed link, and a redelivered message does nothing
// twice.
func TestRunTelegramAndZaloEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	// The Zalo bot cannot join groups: reminders reach Zalo cadres privately.
	zs := zalotest.NewServer(zalotest.WithCanJoinGroups(false))
	t.Cleanup(zs.Close)
	const public = "https://coordbot.example.org"
	e := newE2E(t, map[string]string{
		"ZALO_BOT_TOKEN":      zs.Token(),
		"ZALO_API_URL":        zs.URL(),
		"COORDBOT_PUBLIC_URL": public,
	})
	if !zs.WaitFor(wait, func() bool { return zs.Calls("getUpdates") > 0 }) {
		t.Fatal("the bot never polled Zalo")
	}
	addr := httpAddr(t, e.logs)
	coordChat := telegramtest.Private(coordinator)
	zcadre, zname := zalotest.NewID(), "Trần Thị Lan"

	t.Run("a question on Zalo gets plain text of at most 2,000 characters a message", func(t *testing.T) {
		z := &zaloE2E{t: t, srv: zs}
		got := z.say(zcadre, zname, "dân vận khéo là gì", 1)
		mustContain(t, zplain(got), "Dân vận khéo")
		for _, s := range zs.SentTo(zcadre) {
			if n := utf8.RuneCountInString(s.Text); n > 2000 || strings.Contains(s.Text, "<b>") || strings.Contains(s.Text, "&lt;") {
				t.Errorf("a message of %d characters, or with HTML: %q", n, shorten(s.Text))
			}
		}
	})
	t.Run("/maso on Zalo shows the qualified id", func(t *testing.T) {
		mustContain(t, zplain((&zaloE2E{t: t, srv: zs}).say(zcadre, zname, "/maso", 1)), "zl:"+zcadre)
	})

	got := plain(e.say(coordinator, coordChat, "/hoatdong them +2d Tập huấn dân vận | nd 4", 1))
	m := regexp.MustCompile(`Đã thêm hoạt động ([A-Z][0-9]+)`).FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("no activity code:\n%s", got)
	}
	code := m[1]

	t.Run("not yet added, the Zalo cadre may not report", func(t *testing.T) {
		mustContain(t, zplain((&zaloE2E{t: t, srv: zs}).say(zcadre, zname, "/baocao "+code+" 10%", 1)), "chưa có quyền", "zl:"+zcadre)
	})
	t.Run("the coordinator on Telegram adds the Zalo cadre", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(coordinator, coordChat, "/thanhvien them zl:"+zcadre+" Đồn Cần Giờ", 1)), "zl:"+zcadre, "được phép báo cáo")
	})
	var oneLine zalotest.Message
	t.Run("the cadre reports in one line on Zalo", func(t *testing.T) {
		before := len(zs.SentTo(zcadre))
		oneLine = zs.Say(zcadre, zname, "/baocao "+code+" 50% đã họp chi bộ")
		sent, ok := zs.WaitSentTo(wait, zcadre, before+1)
		if !ok {
			t.Fatal("no answer to the report")
		}
		mustContain(t, zplain(sent[before:]), "Đã ghi nhận", "50%", "đã họp chi bộ")
	})
	t.Run("a redelivered Zalo message has no second effect", func(t *testing.T) {
		z := &zaloE2E{t: t, srv: zs}
		before := len(zs.SentTo(zcadre))
		zs.Redeliver(oneLine)
		// The bot handles a chat's messages in order: once /maso is answered, the redelivery was
		// handled too.
		got := z.say(zcadre, zname, "/maso", 1)
		if n := len(zs.SentTo(zcadre)) - before; n != 1 || strings.Contains(zplain(got), "Đã ghi nhận") {
			t.Errorf("%d messages after the redelivery and /maso, want only /maso's: %s", n, zplain(zs.SentTo(zcadre)[before:]))
		}
		all, err := e.store.Reports(context.Background())
		if err != nil || len(all) != 1 {
			t.Errorf("%d reports stored, want 1 (%v)", len(all), err)
		}
	})
	t.Run("the cadre reports through the numbered guided flow", func(t *testing.T) {
		z := &zaloE2E{t: t, srv: zs}
		list := zplain(z.say(zcadre, zname, "/baocao", 1))
		mustContain(t, list, "Gõ số để chọn")
		pct := zplain(z.say(zcadre, zname, choiceNumber(t, list, code), 1))
		mustContain(t, pct, code)
		note := zplain(z.say(zcadre, zname, choiceNumber(t, pct, "75%"), 1))
		done := zplain(z.say(zcadre, zname, choiceNumber(t, note, "Không ghi chú"), 1))
		mustContain(t, done, "Đã ghi nhận", "75%")
	})
	t.Run("the coordinator's /tiendo on Telegram shows the Zalo cadre's report", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(coordinator, coordChat, "/tiendo "+code, 1)), "75%", zname)
	})

	t.Run("the chart reaches Zalo as a signed link that serves a PNG", func(t *testing.T) {
		z := &zaloE2E{t: t, srv: zs}
		got := z.say(zcadre, zname, "/tiendo", 2)
		var photo string
		for _, s := range got {
			if s.Method == "sendPhoto" {
				photo = s.Photo
			}
		}
		if !strings.HasPrefix(photo, public+filelink.PathPrefix) {
			t.Fatalf("no chart link under %s: %+v", public, got)
		}
		local := func(link string) string { return "http://" + addr + strings.TrimPrefix(link, public) }
		resp, body := get(t, local(photo))
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(body, []byte("\x89PNG")) {
			t.Errorf("the link served %s %q, %d bytes", resp.Status, resp.Header.Get("Content-Type"), len(body))
		}
		u, _ := url.Parse(photo)
		unsigned := *u
		unsigned.RawQuery = url.Values{"exp": {u.Query().Get("exp")}}.Encode()
		if resp, body := get(t, local(unsigned.String())); resp.StatusCode != http.StatusForbidden || bytes.HasPrefix(body, []byte("\x89PNG")) {
			t.Errorf("an unsigned link got %s", resp.Status)
		}
		// Signed as the bot signs, but a minute past its expiry.
		id, name, _ := strings.Cut(strings.TrimPrefix(u.Path, filelink.PathPrefix), "/")
		exp := strconv.FormatInt(time.Now().Add(-time.Minute).Unix(), 10)
		mac := hmac.New(sha256.New, filelink.SecretFrom(zs.Token()+"\n"+e.srv.Token()))
		mac.Write([]byte(id + "\n" + name + "\n" + exp))
		expired := *u
		expired.RawQuery = url.Values{"exp": {exp}, "sig": {hex.EncodeToString(mac.Sum(nil))}}.Encode()
		if resp, _ := get(t, local(expired.String())); resp.StatusCode != http.StatusForbidden {
			t.Errorf("an expired link got %s", resp.Status)
		}
	})

	t.Run("a reminder reaches the Telegram group and the Zalo cadre once each", func(t *testing.T) {
		e := e.on(t)
		e.srv.SetChatMember(group.ID, coordinator.ID, "administrator")
		mustContain(t, plain(e.say(coordinator, group, "/dangky", 1)), "đã đăng ký")
		got := plain(e.say(coordinator, coordChat, "/hoatdong them +3m Họp giao ban Zalo | nhac 2m", 1))
		m := regexp.MustCompile(`Đã thêm hoạt động ([A-Z][0-9]+)`).FindStringSubmatch(got)
		if m == nil {
			t.Fatalf("no activity code:\n%s", got)
		}
		tgReminders := func() int {
			n := 0
			for _, s := range e.srv.SentTo(group.ID) {
				if s.Method == "sendMessage" && strings.Contains(s.Plain, "Họp giao ban Zalo") && hasButton(s, "ack") {
					n++
				}
			}
			return n
		}
		zlReminders := func() int {
			n := 0
			for _, s := range zs.SentTo(zcadre) {
				if strings.Contains(s.Text, "Họp giao ban Zalo") && strings.Contains(s.Text, "Đã nhận") {
					n++
				}
			}
			return n
		}
		if !e.srv.WaitFor(remindWait, func() bool { return tgReminders() >= 1 }) {
			t.Fatal("the reminder never reached the Telegram group")
		}
		if !zs.WaitFor(wait, func() bool { return zlReminders() >= 1 }) {
			t.Fatal("the reminder never reached the Zalo cadre")
		}
		z := &zaloE2E{t: t, srv: zs}
		z.say(zcadre, zname, "/maso", 1) // lets anything sent twice arrive
		if a, b := tgReminders(), zlReminders(); a != 1 || b != 1 {
			t.Errorf("the reminder reached the Telegram group %d times and the Zalo cadre %d times; want once each", a, b)
		}
		zr := zs.SentTo(zcadre)
		for _, s := range zr {
			if strings.Contains(s.Text, "Họp giao ban Zalo") && strings.Contains(s.Text, "t.me") {
				t.Errorf("a Telegram link reached Zalo: %q", s.Text)
			}
		}
		mustContain(t, zplain(z.say(zcadre, zname, "đã nhận", 1)), "Đã ghi nhận")
	})

	e.stop()
	e.checkAllAccepted()
}

func get(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// TestRunZaloOnlyByWebhook: `coordbot run` with only a Zalo token serves Zalo's webhook; a request
// without the secret is refused and does nothing, one with it is answered, and the same message
// delivered again has no second effect. A revoked token ends the process with an error.
func TestRunZaloOnlyByWebhook(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	redistest.URL(t)
	noLeaks(t)
	zs := zalotest.NewServer()
	t.Cleanup(zs.Close)
	_, prefix := redistest.Client(t)
	const secret = "zalo-webhook-secret"
	env := map[string]string{
		"ZALO_BOT_TOKEN":      zs.Token(),
		"ZALO_API_URL":        zs.URL(),
		"ZALO_WEBHOOK_URL":    "https://bot.example.org/zalo/webhook",
		"ZALO_WEBHOOK_SECRET": secret,
		"REDIS_URL":           redistest.URL(t),
		"COORDBOT_PREFIX":     prefix,
		"COORDBOT_HTTP_ADDR":  "127.0.0.1:0",
	}
	env["COORDBOT_METRICS_ADDR"] = "127.0.0.1:0"
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
	if !zs.WaitFor(wait, func() bool { return zs.Webhook() != "" }) {
		t.Fatal("the bot never set its Zalo webhook")
	}
	user := zalotest.NewID()
	documented := false // the body as the docs show it, {"ok":true,"result":{…}}, instead of bare
	post := func(header string, m zalotest.Message) int {
		t.Helper()
		var body any = zalotest.Update{EventName: "message.text.received", Message: m}
		if documented {
			body = map[string]any{"ok": true, "result": body}
		}
		data, _ := json.Marshal(body)
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/zalo/webhook", bytes.NewReader(data))
		if header != "" {
			req.Header.Set("X-Bot-Api-Secret-Token", header)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	m := zalotest.Message{MessageID: zalotest.NewID(), Date: time.Now().UnixMilli(), Text: "/maso",
		Chat: zalotest.Chat{ID: user, ChatType: "PRIVATE"}, From: zalotest.From{ID: user, DisplayName: "Lan"}}
	if code := post("", m); code != http.StatusUnauthorized {
		t.Errorf("no secret: %d, want 401", code)
	}
	if code := post("wrong-secret-123", m); code != http.StatusUnauthorized {
		t.Errorf("a wrong secret: %d, want 401", code)
	}
	if n := len(zs.SentTo(user)); n != 0 {
		t.Errorf("forged requests were answered %d times", n)
	}
	for i := 0; i < 2; i++ { // the same message twice: Zalo retrying a delivery
		if code := post(secret, m); code != http.StatusOK {
			t.Fatalf("with the secret: %d", code)
		}
	}
	m2 := m
	m2.MessageID, m2.Text = zalotest.NewID(), "/start"
	documented = true
	if code := post(secret, m2); code != http.StatusOK {
		t.Fatalf("with the secret: %d", code)
	}
	sent, _ := zs.WaitSentTo(wait, user, 2)
	if len(sent) != 2 || !strings.Contains(sent[0].Text, "zl:"+user) {
		t.Errorf("sent %+v; want one answer to /maso, then /start's", sent)
	}

	zs.Revoke()
	m3 := m
	m3.MessageID = zalotest.NewID()
	post(secret, m3) // the answer is refused for the token
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "token") {
			t.Errorf("run returned %v after the token was revoked; want an error about the token", err)
		}
	case <-time.After(wait):
		t.Fatal("run went on after Zalo refused the token")
	}
}
