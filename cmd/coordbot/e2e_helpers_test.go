package main

import (
	"context"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/internal/testutil"
	"go.uber.org/goleak"
)

// wait bounds every wait for the bot; the bot paces messages to one chat at about 1/s (Telegram's
// limit, enforced by its own limiter), so a step that sends a few messages takes seconds.
const wait = 30 * time.Second

// The people of the end-to-end tests.
var (
	coordinator = telegramtest.User{ID: 11111, FirstName: "Điều phối", LanguageCode: "vi"}
	cadre       = telegramtest.User{ID: 22222, FirstName: "Nguyễn Văn Tiến", LanguageCode: "vi"}
	stranger    = telegramtest.User{ID: 33333, FirstName: "Người lạ"}
	groupAdmin  = telegramtest.User{ID: 44444, FirstName: "Trưởng nhóm"}
	group       = telegramtest.Group(-100777, "Đồn Biên phòng Cần Giờ")
)

// e2e is `coordbot run` against the Bot API test server and a real Redis.
type e2e struct {
	t     *testing.T
	srv   *telegramtest.Server
	store *redisstore.Store
	env   map[string]string
	logs  *syncBuffer

	cancel context.CancelFunc
	done   chan error
}

// newE2E starts the test server and `coordbot run` against it, with extra settings added to the
// environment. When the test ends it checks that the bot stopped cleanly and left no goroutine
// behind.
func newE2E(t *testing.T, extra ...map[string]string) *e2e {
	t.Helper()
	redistest.URL(t) // a redis-server started now lives for the whole test binary
	noLeaks(t)
	srv := telegramtest.New()
	t.Cleanup(srv.Close)
	rdb, prefix := redistest.Client(t)
	e := &e2e{t: t, srv: srv, store: redisstore.New(rdb, prefix), logs: &syncBuffer{}, env: map[string]string{
		"TELEGRAM_BOT_TOKEN": srv.Token(),
		"TELEGRAM_API_URL":   srv.URL(),
		"REDIS_URL":          redistest.URL(t),
		"COORDBOT_PREFIX":    prefix,
		"COORDBOT_HTTP_ADDR": "127.0.0.1:0",
		"COORDBOT_ADMINS":    "11111",
	}}
	e.env["COORDBOT_METRICS_ADDR"] = "127.0.0.1:0" // its own free port: tests run side by side
	for _, m := range extra {
		for k, v := range m {
			e.env[k] = v
		}
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("bot log:\n%s", e.logs)
		}
	})
	e.start()
	return e
}

// start runs `coordbot run` in a goroutine and waits until it polls for updates.
func (e *e2e) start() {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel, e.done = cancel, make(chan error, 1)
	go func() {
		e.done <- run(ctx, []string{"run"}, envOf(e.env), strings.NewReader(""), io.Discard, e.logs)
	}()
	exited := false
	e.srv.WaitFor(wait, func() bool {
		select {
		case err := <-e.done:
			e.done <- err
			exited = true
		default:
		}
		return exited || e.srv.Polling()
	})
	if exited {
		e.t.Fatalf("run returned before polling: %v", <-e.done)
	}
	if !e.srv.Polling() {
		cancel()
		e.t.Fatal("the bot never polled for updates")
	}
	e.t.Cleanup(func() {
		if e.cancel != nil {
			e.stop()
		}
	})
}

// stop cancels run's context, as SIGTERM does, and checks that it returns nil.
func (e *e2e) stop() {
	e.t.Helper()
	e.cancel()
	e.cancel = nil
	select {
	case err := <-e.done:
		if err != nil {
			e.t.Errorf("run returned %v after a clean shutdown", err)
		}
	case <-time.After(wait):
		e.t.Fatal("run did not return after its context ended")
	}
}

// alive fails the test if run has returned.
func (e *e2e) alive() {
	e.t.Helper()
	select {
	case err := <-e.done:
		e.done <- err
		e.t.Fatalf("the bot process ended: %v", err)
	default:
	}
}

// say sends text from a user in a chat and returns the n messages the bot sends there in reply.
func (e *e2e) say(from telegramtest.User, chat telegramtest.Chat, text string, n int) []telegramtest.Sent {
	e.t.Helper()
	before := len(e.srv.SentTo(chat.ID))
	e.srv.SendText(from, chat, text)
	sent, ok := e.srv.WaitSentTo(wait, chat.ID, before+n)
	if !ok {
		e.t.Fatalf("%q: the bot sent %d of the %d replies expected: %+v", shorten(text), len(sent)-before, n, sent[before:])
	}
	return sent[before:]
}

// press presses a button on a message the bot sent and waits until the press is answered and the
// bot has sent (or edited) n messages in that chat.
func (e *e2e) press(from telegramtest.User, chatID int64, msgID int, data string, n int) []telegramtest.Sent {
	e.t.Helper()
	before, answers := len(e.srv.SentTo(chatID)), len(e.srv.Answers())
	if _, err := e.srv.PressButton(from, chatID, msgID, data); err != nil {
		e.t.Fatal(err)
	}
	ok := e.srv.WaitFor(wait, func() bool {
		return len(e.srv.Answers()) > answers && len(e.srv.SentTo(chatID)) >= before+n
	})
	if !ok {
		e.t.Fatalf("press %q: no answer or not the %d messages expected", data, n)
	}
	return e.srv.SentTo(chatID)[before:]
}

// barrier sends /maso from user in chat and waits for its reply, which shows the user's id. The
// bot handles a chat's updates in order, so everything sent before the barrier has been handled.
func (e *e2e) barrier(user telegramtest.User, chat telegramtest.Chat) {
	e.t.Helper()
	before := len(e.srv.SentTo(chat.ID))
	e.srv.SendText(user, chat, "/maso")
	id := strconv.FormatInt(user.ID, 10)
	if !e.srv.WaitFor(wait, func() bool { return strings.Contains(plain(e.srv.SentTo(chat.ID)[before:]), id) }) {
		e.t.Fatalf("no reply to /maso in chat %d", chat.ID)
	}
}

// lastAnswer is the last callback answer the bot made.
func (e *e2e) lastAnswer() telegramtest.CallbackAnswer {
	a := e.srv.Answers()
	return a[len(a)-1]
}

// checkAllAccepted fails if the server refused anything the bot sent: invalid HTML, a text over
// Telegram's limits, a bad keyboard, a stale callback answer. Call it once the bot has stopped, so
// that no call is in flight.
func (e *e2e) checkAllAccepted() {
	e.t.Helper()
	accepted := map[string]int{}
	for _, s := range e.srv.Sent() {
		accepted[s.Method]++
	}
	accepted["answerCallbackQuery"] = len(e.srv.Answers())
	for _, m := range []string{"sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument",
		"sendPhoto", "deleteMessage", "answerCallbackQuery"} {
		if calls := e.srv.Calls(m); calls != accepted[m] {
			e.t.Errorf("%s: %d calls, %d accepted: Telegram would have refused %d", m, calls, accepted[m], calls-accepted[m])
		}
	}
}

// plain joins what the user reads of sent messages.
func plain(sent []telegramtest.Sent) string {
	var sb strings.Builder
	for _, s := range sent {
		sb.WriteString(s.Plain)
		sb.WriteString("\n")
	}
	return sb.String()
}

// mustContain fails unless every want is in got (quoting both shortened).
var mustContain = testutil.MustContain

// shorten cuts a long text for a failure message.
var shorten = testutil.Shorten

// on is e reporting to t, so that a helper failing inside a subtest stops that subtest rather
// than calling FailNow on its parent from the subtest's goroutine.
func (e *e2e) on(t *testing.T) *e2e {
	c := *e
	c.t = t
	return &c
}

// syncBuffer collects log output written from several goroutines.
type syncBuffer = testutil.SyncBuffer

// approveGroup has admin ask to subscribe the group and the coordinator approve it with the
// button the request came with.
func approveGroup(e *e2e, admin telegramtest.User) {
	e.t.Helper()
	coordChat := telegramtest.Private(coordinator)
	before := len(e.srv.SentTo(coordChat.ID))
	mustContain(e.t, plain(e.say(admin, group, "/dangky", 1)), "Đã gửi yêu cầu", group.Title)
	sent, ok := e.srv.WaitSentTo(wait, coordChat.ID, before+1)
	if !ok {
		e.t.Fatal("the coordinator got no request")
	}
	req := sent[before]
	mustContain(e.t, req.Plain, "Yêu cầu đăng ký nhóm", group.Title)
	data := ""
	for _, row := range req.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Data, "ga:") {
				data = b.Data
			}
		}
	}
	if data == "" {
		e.t.Fatalf("the request has no Duyệt button: %+v", req.Buttons)
	}
	got := e.press(coordinator, coordChat.ID, req.MessageID, data, 1)
	mustContain(e.t, plain(got), "Đã duyệt", group.Title)
	if !e.srv.WaitFor(wait, func() bool { return strings.Contains(plain(e.srv.SentTo(group.ID)), "đã duyệt") }) {
		e.t.Error("the group was not told it was approved")
	}
}

// noLeaks fails t, when it otherwise passed, if it leaves goroutines behind that were not running
// when it started (a `coordbot run` that does not stop everything it started).
func noLeaks(t *testing.T) {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() {
		if !t.Failed() {
			goleak.VerifyNone(t, ignore)
		}
	})
}
