package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/schedstore"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/internal/testutil"
)

// procEnv is the environment of `coordbot run` processes against srv, sharing one Redis prefix.
func procEnv(t *testing.T, srv *telegramtest.Server, redisURL, prefix string) map[string]string {
	return map[string]string{
		"TELEGRAM_BOT_TOKEN":      srv.Token(),
		"TELEGRAM_API_URL":        srv.URL(),
		"REDIS_URL":               redisURL,
		"COORDBOT_PREFIX":         prefix,
		"COORDBOT_HTTP_ADDR":      "127.0.0.1:0",
		"COORDBOT_METRICS_ADDR":   "127.0.0.1:0",
		"COORDBOT_ADMINS":         "11111",
		"COORDBOT_WEBHOOK_URL":    "",
		"COORDBOT_WEBHOOK_SECRET": "",
	}
}

// TestProcessExitsWhenTokenRevoked: the token revoked while `coordbot run` polls → the process
// logs one line and exits non-zero within 5 s, so a supervisor notices.
func TestProcessExitsWhenTokenRevoked(t *testing.T) {
	srv := telegramtest.New()
	t.Cleanup(srv.Close)
	_, prefix := redistest.Client(t)
	p := startProc(t, "bot", procEnv(t, srv, redistest.URL(t), prefix))
	p.waitLog(`this process polls`, 30*time.Second)
	if !srv.WaitFor(wait, srv.Polling) {
		t.Fatal("the bot never polled")
	}
	revoked := time.Now()
	srv.Revoke()
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		t.Fatalf("still running 5 s after the token was revoked:\n%s", p.logs)
	}
	took := p.ended.Sub(revoked)
	t.Logf("exited %v after the token was revoked", took.Round(time.Millisecond))
	if p.state.ExitCode() == 0 {
		t.Errorf("exit status 0 after a revoked token: a supervisor would not restart or alert")
	}
	last := p.logs.String()
	if n := strings.Count(last, "coordbot: "); n != 1 || !strings.Contains(last, "token") {
		t.Errorf("want one final line naming the token, got:\n%s", last)
	}
}

// TestProcessExitsWhenWebhookRefused: setWebhook refused at start → exit non-zero, one line.
func TestProcessExitsWhenWebhookRefused(t *testing.T) {
	srv := telegramtest.New()
	t.Cleanup(srv.Close)
	_, prefix := redistest.Client(t)
	env := procEnv(t, srv, redistest.URL(t), prefix)
	env["COORDBOT_WEBHOOK_URL"] = "https://bot.example.org/webhook"
	env["COORDBOT_WEBHOOK_SECRET"] = "s3cret-token"
	srv.FailNext("setWebhook", 1, 400, "Bad Request: bad webhook: Failed to resolve host", 0)
	p := startProc(t, "bot", env)
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("still running after setWebhook was refused:\n%s", p.logs)
	}
	if p.state.ExitCode() == 0 || !strings.Contains(p.logs.String(), "coordbot: setWebhook refused") {
		t.Errorf("exit %v; want non-zero and a line saying setWebhook was refused:\n%s", p.state, p.logs)
	}
}

// TestProcessExitsWhenHTTPAddrTaken: the HTTP listener cannot start → exit non-zero, one line.
func TestProcessExitsWhenHTTPAddrTaken(t *testing.T) {
	srv := telegramtest.New()
	t.Cleanup(srv.Close)
	_, prefix := redistest.Client(t)
	first := startProc(t, "first", procEnv(t, srv, redistest.URL(t), prefix))
	addr := strings.TrimPrefix(first.waitLog(`addr=127\.0\.0\.1:\d+`, 30*time.Second), "addr=")
	env := procEnv(t, srv, redistest.URL(t), prefix)
	env["COORDBOT_HTTP_ADDR"] = addr
	second := startProc(t, "second", env)
	select {
	case <-second.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("still running without its HTTP listener:\n%s", second.logs)
	}
	if second.state.ExitCode() == 0 || !strings.Contains(second.logs.String(), "COORDBOT_HTTP_ADDR") {
		t.Errorf("exit %v; want non-zero and a line naming COORDBOT_HTTP_ADDR:\n%s", second.state, second.logs)
	}
	first.term(wait)
}

// TestProcessesOnOneToken: two processes on one token and one Redis. One polls, the other stands
// by (visible in /metrics); 30 questions are answered once each with no ERROR line and no 409.
// Then the leader is killed: the standby answers within 10 s.
func TestProcessesOnOneToken(t *testing.T) {
	srv, a, b := leaderAndStandby(t)
	b.waitLog(`addr=127`, 30*time.Second)

	t.Run("one poller, visible in /metrics", func(t *testing.T) {
		if m := a.metric("coordbot_polling_leader"); !strings.HasSuffix(m, " 1") {
			t.Errorf("a: %q, want the leader at 1", m)
		}
		if m := b.metric("coordbot_polling_leader"); !strings.HasSuffix(m, " 0") {
			t.Errorf("b: %q, want the standby at 0", m)
		}
	})
	t.Run("30 questions answered once each", func(t *testing.T) {
		users := make([]telegramtest.User, 30)
		for i := range users {
			users[i] = telegramtest.User{ID: int64(5000 + i), FirstName: fmt.Sprintf("Cán bộ %d", i), LanguageCode: "vi"}
			srv.SendText(users[i], telegramtest.Private(users[i]), "dân vận khéo là gì")
		}
		answered := func() bool {
			for _, u := range users {
				if len(srv.SentTo(u.ID)) == 0 {
					return false
				}
			}
			return true
		}
		if !srv.WaitFor(wait, answered) {
			t.Fatal("not every question was answered")
		}
		// Let anything doubled arrive: a barrier in each chat is answered after the question.
		for _, u := range users[:3] {
			srv.SendText(u, telegramtest.Private(u), "/maso")
		}
		srv.WaitFor(wait, func() bool { return len(srv.SentTo(users[2].ID)) >= 2 })
		for _, u := range users {
			n := 0
			for _, s := range srv.SentTo(u.ID) {
				if strings.Contains(s.Plain, "Dân vận khéo") {
					n++
				}
			}
			if n != 1 {
				t.Errorf("user %d got %d answers", u.ID, n)
			}
		}
	})
	t.Run("no ERROR line and no 409", func(t *testing.T) {
		for _, p := range []*proc{a, b} {
			// A 409 is logged as "another process is polling" (and by Telegram as "Conflict").
			if l := p.logs.String(); strings.Contains(l, "level=ERROR") || strings.Contains(l, "another process is polling") || strings.Contains(l, "Conflict") {
				t.Errorf("%s logged an error or a conflict:\n%s", p.name, l)
			}
		}
	})
	t.Run("the standby takes over within 10 s of the leader's death", func(t *testing.T) {
		me := telegramtest.User{ID: 6001, FirstName: "Lan", LanguageCode: "vi"}
		a.kill()
		killed := time.Now()
		srv.SendText(me, telegramtest.Private(me), "/maso")
		if !srv.WaitFor(10*time.Second, func() bool { return len(srv.SentTo(me.ID)) > 0 }) {
			t.Fatalf("no answer 10 s after the leader died:\n%s", b.logs)
		}
		took := time.Since(killed)
		t.Logf("takeover: the standby answered %v after the leader was killed", took.Round(time.Millisecond))
		if m := b.metric("coordbot_polling_leader"); !strings.HasSuffix(m, " 1") {
			t.Errorf("b: %q after the takeover", m)
		}
	})
	b.term(wait)
}

// TestRemindersUnderChurn: two processes killed (SIGKILL) and restarted alternately every 4 s
// while 30 reminders fall due → all 30 delivered, none twice, none more than 15 s late.
//
// The test server answers each call after 500 ms, and the kills land 250 ms after a whole second,
// when reminders due on that second are being sent: a killed process dies holding claims it never
// sent, which the other process must take over when their lease runs out. The moment a send is
// recorded (the end of those 500 ms) is far from every kill, so the one window where a message
// could go out twice (after Telegram accepted it, before the ack) is never hit by chance.
func TestRemindersUnderChurn(t *testing.T) {
	srv := telegramtest.New(telegramtest.WithLatency(500 * time.Millisecond))
	t.Cleanup(srv.Close)
	rdb, prefix := redistest.Client(t)
	env := procEnv(t, srv, redistest.URL(t), prefix)
	procs := []*proc{startProc(t, "a", env), startProc(t, "b", env)}
	for _, p := range procs {
		p.waitLog(`addr=127`, 60*time.Second)
	}

	// 30 reminders, one per chat (Telegram's per-group limit is not what is tested), due on whole
	// seconds from 3 s ahead.
	ctx := context.Background()
	q := newQueue(rdb, Config{Prefix: prefix, TZ: testutil.HCM(t)}) // where run keeps it
	store := schedstore.New(q)
	base := time.Now().Truncate(time.Second).Add(3 * time.Second)
	due := map[int64]time.Time{}
	for i := range 30 {
		chat := int64(7000 + i)
		at := base.Add(time.Duration(i) * time.Second)
		if _, err := store.AddReminder(ctx, bot.Reminder{ChatID: bot.TelegramID(chat), Kind: bot.KindText, Text: fmt.Sprintf("Nhắc việc số %d", i), At: at}); err != nil {
			t.Fatal(err)
		}
		due[chat] = at
	}
	last := base.Add(29 * time.Second)

	// Record when each reminder first reaches its chat.
	seen := map[int64]time.Time{}
	stopWatch := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			now := time.Now()
			for chat := range due {
				if _, ok := seen[chat]; !ok && len(srv.SentTo(chat)) > 0 {
					seen[chat] = now
				}
			}
			select {
			case <-stopWatch:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()

	kills := 0
	for next := base.Add(250 * time.Millisecond); next.Before(last.Add(2 * time.Second)); next = next.Add(4 * time.Second) {
		time.Sleep(time.Until(next))
		i := kills % 2
		procs[i].kill()
		procs[i] = startProc(t, procs[i].name, env)
		kills++
	}
	all := srv.WaitFor(time.Until(last.Add(20*time.Second)), func() bool {
		for chat := range due {
			if len(srv.SentTo(chat)) == 0 {
				return false
			}
		}
		return true
	})
	close(stopWatch)
	<-watched
	for chat := range due { // delivered since the watcher's last look
		if _, ok := seen[chat]; !ok && len(srv.SentTo(chat)) > 0 {
			seen[chat] = time.Now()
		}
	}
	for _, p := range procs {
		p.term(wait)
	}
	if !all {
		t.Errorf("%d of 30 reminders delivered 20 s after the last was due", len(seen))
	}

	var worst time.Duration
	for chat, at := range due {
		sent := srv.SentTo(chat)
		if len(sent) != 1 {
			t.Errorf("chat %d got %d reminder messages, want 1: %+v", chat, len(sent), sent)
		}
		got, ok := seen[chat]
		if !ok {
			continue
		}
		late := got.Sub(at)
		worst = max(worst, late)
		if late > 15*time.Second {
			t.Errorf("chat %d: the reminder was %v late, more than 15 s", chat, late.Round(time.Millisecond))
		}
	}
	t.Logf("churn: %d kills, %d of 30 reminders delivered, worst lateness %v", kills, len(seen), worst.Round(time.Millisecond))
}
