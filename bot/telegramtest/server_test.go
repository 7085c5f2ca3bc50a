package telegramtest_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/coordbot/coordbot/bot/telegramtest"
)

var (
	alice = telegramtest.User{ID: 42, FirstName: "Lan", LastName: "Nguyễn"}
	bob   = telegramtest.User{ID: 43, FirstName: "Minh"}
)

const wait = 5 * time.Second

// dial connects the real tgbotapi client to a fresh server.
func dial(t *testing.T, opts ...telegramtest.Option) (*telegramtest.Server, *tgbotapi.BotAPI) {
	t.Helper()
	srv := telegramtest.New(opts...)
	t.Cleanup(srv.Close)
	api, err := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.URL()+"/bot%s/%s", &http.Client{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	return srv, api
}

// apiErr extracts the Bot API error, failing the test when err is something else.
func apiErr(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("want a Bot API error, got %v", err)
	}
	return e
}

func TestGetMeAndToken(t *testing.T) {
	srv, api := dial(t, telegramtest.WithUser(telegramtest.User{ID: 7, FirstName: "X", Username: "x_bot"}))
	if api.Self.UserName != "x_bot" || !api.Self.IsBot {
		t.Errorf("getMe = %+v", api.Self)
	}
	_, err := tgbotapi.NewBotAPIWithClient("1:wrong", srv.URL()+"/bot%s/%s", http.DefaultClient)
	if e := apiErr(t, err); e.Code != 401 {
		t.Errorf("wrong token: code %d, want 401", e.Code)
	}
	_, err = api.MakeRequest("noSuchMethod", nil)
	if e := apiErr(t, err); e.Code != 404 || e.Message != "Not Found" {
		t.Errorf("unknown method: %d %q", e.Code, e.Message)
	}
}

func TestGetUpdatesConfirmsLowerOffsets(t *testing.T) {
	srv, api := dial(t)
	chat := telegramtest.Private(alice)
	id1 := srv.SendText(alice, chat, "/start")
	id2 := srv.SendText(alice, chat, "xin chào")
	id3 := srv.SendText(alice, chat, "thứ ba")

	got, err := api.GetUpdates(tgbotapi.UpdateConfig{Limit: 2})
	if err != nil || len(got) != 2 || got[0].UpdateID != id1 || got[1].UpdateID != id2 {
		t.Fatalf("first batch = %v, %v", got, err)
	}
	if !got[0].Message.IsCommand() || got[0].Message.Command() != "start" {
		t.Errorf("/start is not a command for tgbotapi: %+v", got[0].Message.Entities)
	}
	again, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(again) != 3 {
		t.Fatalf("unconfirmed updates must come back: %v, %v", again, err)
	}
	rest, err := api.GetUpdates(tgbotapi.UpdateConfig{Offset: id2 + 1})
	if err != nil || len(rest) != 1 || rest[0].UpdateID != id3 {
		t.Fatalf("after offset = %v, %v", rest, err)
	}
	if srv.Confirmed() != id2+1 {
		t.Errorf("Confirmed = %d, want %d", srv.Confirmed(), id2+1)
	}
}

func TestLongPollReturnsWhenAnUpdateArrives(t *testing.T) {
	srv, api := dial(t)
	type result struct {
		ups []tgbotapi.Update
		err error
	}
	done := make(chan result, 1)
	go func() {
		ups, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
		done <- result{ups, err}
	}()
	if !srv.WaitFor(wait, srv.Polling) {
		t.Fatal("the long poll never started")
	}
	id := srv.SendText(bob, telegramtest.Group(-100, "Đồn Biên phòng"), "báo cáo")
	r := <-done
	if r.err != nil || len(r.ups) != 1 || r.ups[0].UpdateID != id || r.ups[0].Message.Chat.Type != "group" {
		t.Fatalf("long poll = %+v", r)
	}
}

func TestSecondPollerTerminatesTheFirst(t *testing.T) {
	srv, api := dial(t)
	done := make(chan error, 1)
	go func() {
		_, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30})
		done <- err
	}()
	if !srv.WaitFor(wait, srv.Polling) {
		t.Fatal("the long poll never started")
	}
	if _, err := api.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatalf("the newer poller must succeed: %v", err)
	}
	e := apiErr(t, <-done)
	if e.Code != 409 || !strings.Contains(e.Message, "terminated by other getUpdates request") {
		t.Errorf("older poller: %d %q", e.Code, e.Message)
	}
}

func TestWebhookBlocksPolling(t *testing.T) {
	srv, api := dial(t)
	if _, err := api.MakeRequest("setWebhook", tgbotapi.Params{"url": "https://example.org/hook", "secret_token": "s3"}); err != nil {
		t.Fatal(err)
	}
	if url, secret := srv.Webhook(); url != "https://example.org/hook" || secret != "s3" {
		t.Errorf("webhook = %q %q", url, secret)
	}
	_, err := api.GetUpdates(tgbotapi.UpdateConfig{})
	if e := apiErr(t, err); e.Code != 409 || !strings.Contains(e.Message, "use deleteWebhook") {
		t.Errorf("getUpdates with webhook: %d %q", e.Code, e.Message)
	}
	if _, err := api.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Errorf("after deleteWebhook: %v", err)
	}
}
