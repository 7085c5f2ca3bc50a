package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/schedstore"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/internal/testutil"
	"github.com/redis/go-redis/v9"
)

// newE2EOn is newE2E against the Redis at redisURL (a Cluster or Sentinel URL); rdb reads the
// same data for the test's checks.
func newE2EOn(t *testing.T, redisURL string, rdb redis.UniversalClient) *e2e {
	t.Helper()
	srv := telegramtest.New()
	t.Cleanup(srv.Close)
	prefix := redistest.Prefix(t)
	e := &e2e{t: t, srv: srv, store: redisstore.New(rdb, prefix), logs: &syncBuffer{}, env: map[string]string{
		"TELEGRAM_BOT_TOKEN": srv.Token(),
		"TELEGRAM_API_URL":   srv.URL(),
		"REDIS_URL":          redisURL,
		"COORDBOT_PREFIX":    prefix,
		"COORDBOT_HTTP_ADDR": "127.0.0.1:0",
		"COORDBOT_ADMINS":    "11111",
	}}
	e.env["COORDBOT_METRICS_ADDR"] = "127.0.0.1:0"
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("bot log:\n%s", e.logs)
		}
	})
	e.start()
	return e
}

// coreStoryBegin is the first half of the end-to-end core: an activity, a subscribed group, a
// report of 60%. coreStoryEnd is the rest: progress, the export and a reminder fired once.
func coreStoryBegin(t *testing.T, e *e2e) {
	t.Helper()
	coordChat, cadreChat := telegramtest.Private(coordinator), telegramtest.Private(cadre)
	step := func(from telegramtest.User, chat telegramtest.Chat, text string, wants ...string) {
		t.Helper()
		mustContain(t, plain(e.say(from, chat, text, 1)), wants...)
		if t.Failed() {
			t.FailNow() // each step needs the one before
		}
	}
	step(coordinator, coordChat, "/hoatdong them +2d Hội nghị sơ kết | mã K1", "K1")
	e.srv.SetChatMember(group.ID, coordinator.ID, "administrator")
	e.srv.SetChatMember(group.ID, cadre.ID, "member")
	step(coordinator, group, "/dangky", "đã đăng ký")
	step(cadre, cadreChat, "/baocao K1 60% họp lần một", "Đã ghi nhận", "60%")
}

// coreStoryEnd checks progress shows percent, the export carries every note, and a reminder due
// now fires once.
func coreStoryEnd(t *testing.T, e *e2e, rdb redis.UniversalClient, percent string, notes ...string) {
	t.Helper()
	ctx := context.Background()
	coordChat, cadreChat := telegramtest.Private(coordinator), telegramtest.Private(cadre)
	t.Run("progress", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, cadreChat, "/tiendo K1", 1)), percent)
	})
	t.Run("export", func(t *testing.T) {
		var csvData []byte
		for _, s := range e.on(t).say(coordinator, coordChat, "/xuat", 2) {
			if s.Method == "sendDocument" && strings.HasSuffix(s.FileName, ".csv") {
				csvData = s.File
			}
		}
		for _, n := range notes {
			if !bytes.Contains(csvData, []byte(n)) {
				t.Errorf("the export lacks the confirmed report %q", n)
			}
		}
	})
	t.Run("confirmed reports are stored", func(t *testing.T) {
		all, err := e.store.Reports(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range notes {
			found := false
			for _, r := range all {
				found = found || r.Note == n
			}
			if !found {
				t.Errorf("the confirmed report %q is lost", n)
			}
		}
	})
	t.Run("a reminder fires once", func(t *testing.T) { reminderFiresOnce(t, e, rdb, "Họp giao ban sau báo cáo "+percent) })
}

// TestRunOnRedisCluster: the end-to-end core against a real three-master Redis Cluster, through
// REDIS_URL in go-redis's cluster form.
func TestRunOnRedisCluster(t *testing.T) {
	c := redistest.StartCluster(t)
	rdb := c.Client(t)
	e := newE2EOn(t, c.URL, rdb)
	t.Run("questions are answered", func(t *testing.T) {
		mustContain(t, plain(e.on(t).say(cadre, telegramtest.Private(cadre), "dan van kheo", 1)), "Dân vận khéo")
	})
	t.Run("a reminder fires once", func(t *testing.T) { reminderFiresOnce(t, e.on(t), rdb, "Họp giao ban trên cụm Redis") })
	t.Run("activity, report, progress, export", func(t *testing.T) {
		e := e.on(t)
		coreStoryBegin(t, e)
		coreStoryEnd(t, e, rdb, "60%", "họp lần một")
	})
	e.stop()
	if l := e.logs.String(); strings.Contains(l, "CROSSSLOT") {
		t.Errorf("a step crossed slots:\n%s", l)
	}
}

// TestRunThroughSentinelFailover: the end-to-end core through Sentinel, with the master killed
// after the first report: the bot goes on with the promoted replica, and no confirmed report is
// lost.
func TestRunThroughSentinelFailover(t *testing.T) {
	s := redistest.StartSentinel(t)
	opt, err := redis.ParseFailoverURL(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewFailoverClient(opt)
	t.Cleanup(func() { rdb.Close() })
	e := newE2EOn(t, s.URL, rdb)
	coreStoryBegin(t, e)

	s.KillMaster()
	// The bot may say "try again shortly" while its connections move to the new master; a
	// cadre tries again, as told.
	cadreChat := telegramtest.Private(cadre)
	confirmed := false
	for deadline := time.Now().Add(30 * time.Second); !confirmed && time.Now().Before(deadline); {
		got := plain(e.say(cadre, cadreChat, "/baocao K1 80% họp lần hai", 1))
		confirmed = strings.Contains(got, "Đã ghi nhận")
		if !confirmed {
			if !strings.Contains(got, "thử lại") {
				t.Fatalf("after the failover the bot answered neither a confirmation nor 'try again':\n%s", got)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	if !confirmed {
		t.Fatal("no report was confirmed within 30 s of the failover")
	}
	coreStoryEnd(t, e, rdb, "80%", "họp lần một", "họp lần hai")
	e.stop()
}

// reminderFiresOnce adds a reminder due in a second to the group and checks it arrives once and
// leaves the queue.
func reminderFiresOnce(t *testing.T, e *e2e, rdb redis.UniversalClient, text string) {
	ctx := context.Background()
	q := newQueue(rdb, Config{Prefix: e.env["COORDBOT_PREFIX"], TZ: testutil.HCM(t)}) // where run keeps it
	r, err := schedstore.New(q).AddReminder(ctx, bot.Reminder{ChatID: bot.TelegramID(group.ID), Kind: bot.KindText, Text: text, At: time.Now().Add(time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	fired := func() int {
		n := 0
		for _, s := range e.srv.SentTo(group.ID) {
			if s.Method == "sendMessage" && strings.Contains(s.Plain, text) {
				n++
			}
		}
		return n
	}
	if !e.srv.WaitFor(wait, func() bool { return fired() > 0 }) {
		t.Fatal("the reminder never fired")
	}
	testutil.WaitFor(t, wait, func() bool {
		_, ok, err := q.Get(ctx, r.ID)
		return err == nil && !ok
	}, "the reminder is still pending after it fired")
	if n := fired(); n != 1 {
		t.Errorf("the reminder fired %d times", n)
	}
}
