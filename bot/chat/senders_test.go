package chat_test

import (
	"context"
	"errors"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
)

type platformRecorder struct{ got []bot.ID }

func (p *platformRecorder) Send(_ context.Context, r chat.Reply) (chat.Sent, error) {
	p.got = append(p.got, r.ChatID)
	return chat.Sent{}, nil
}

func TestSendersRouteByPlatform(t *testing.T) {
	tg, zl := &platformRecorder{}, &platformRecorder{}
	s := chat.Senders{bot.PlatformTelegram: tg, bot.PlatformZalo: zl}
	for _, id := range []bot.ID{"tg:1", "zl:a", "tg:-100"} {
		if _, err := s.Send(context.Background(), chat.Reply{ChatID: id, Text: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if len(tg.got) != 2 || len(zl.got) != 1 || zl.got[0] != "zl:a" {
		t.Errorf("telegram got %v, zalo %v", tg.got, zl.got)
	}
	// A platform this process does not run: the chat cannot be written to now, but it is not gone
	// (ErrChatGone would unsubscribe every Zalo group of a run started without ZALO_BOT_TOKEN).
	_, err := (chat.Senders{bot.PlatformTelegram: tg}).Send(context.Background(), chat.Reply{ChatID: "zl:a"})
	if !errors.Is(err, chat.ErrNoTransport) || errors.Is(err, chat.ErrChatGone) {
		t.Errorf("err = %v, want ErrNoTransport and not ErrChatGone", err)
	}
}

func TestNamelessZaloUserName(t *testing.T) {
	if n := (chat.User{ID: bot.ZaloID("abc")}).Name(); n != "#abc" {
		t.Errorf("Name of a nameless Zalo user = %q", n)
	}
}
