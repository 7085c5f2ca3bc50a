package telegram_test

import (
	"context"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/telegramtest"
)

func TestWebAppButton(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	_, err := f.client.Send(ctx, chat.Reply{ChatID: bot.TelegramID(42), Text: "📊 <b>Tiến độ</b>",
		Buttons: [][]chat.Button{{{Text: "📊 Bảng điều khiển", WebApp: "https://bot.example.org/app/"}, {Text: "Kế hoạch", Data: "plan"}}}})
	if err != nil {
		t.Fatal(err)
	}
	got := f.srv.Sent()
	if len(got) != 1 || got[0].Plain != "📊 Tiến độ" {
		t.Fatalf("sent %+v", got)
	}
	want := []telegramtest.Button{{Text: "📊 Bảng điều khiển", WebApp: "https://bot.example.org/app/"}, {Text: "Kế hoạch", Data: "plan"}}
	if b := got[0].Buttons; len(b) != 1 || len(b[0]) != 2 || b[0][0] != want[0] || b[0][1] != want[1] {
		t.Errorf("buttons %+v, want %+v", b, want)
	}
	// An edit cannot carry one (tgbotapi's types): refused before anything is sent.
	if _, err := f.client.Send(ctx, chat.Reply{ChatID: bot.TelegramID(42), Edit: got[0].MessageID, Text: "x",
		Buttons: [][]chat.Button{{{Text: "d", WebApp: "https://bot.example.org/app/"}}}}); err == nil {
		t.Error("an edit with a web_app button was not refused")
	}
}

func TestSetMenuButton(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	if err := f.client.SetMenuButton(ctx, 42, "📊 Bảng điều khiển", "https://bot.example.org/app/"); err != nil {
		t.Fatal(err)
	}
	if m, ok := f.srv.MenuButton(42); !ok || m != (telegramtest.MenuButton{Type: "web_app", Text: "📊 Bảng điều khiển", URL: "https://bot.example.org/app/"}) {
		t.Errorf("menu button of 42 = %+v, %v", m, ok)
	}
	if err := f.client.SetMenuButton(ctx, 42, "", ""); err != nil {
		t.Fatal(err)
	}
	if m, _ := f.srv.MenuButton(42); m.Type != "default" {
		t.Errorf("after reset: %+v", m)
	}
	// As Telegram, the test server refuses a web app that is not https.
	if err := f.client.SetMenuButton(ctx, 42, "x", "http://bot.example.org/app/"); err == nil {
		t.Error("an http:// menu button was accepted")
	}
}
