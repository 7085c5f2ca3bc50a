package chat_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/internal/testutil"
	"github.com/redis/go-redis/v9"
)

// TestRecoversWhenRedisReturns stops the store's Redis and brings it back on the same address
// (miniredis can, a shared redis-server cannot be stopped by a test): while it is down actions
// ask to try again, afterwards the same client works again with no restart.
func TestRecoversWhenRedisReturns(t *testing.T) {
	m := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: m.Addr(), MaxRetries: -1, DialerRetries: 1, DialTimeout: 200 * time.Millisecond})
	defer rdb.Close()
	rec := &recorder{}
	b := chat.New(chat.Config{Programme: programme.Default(), Store: redisstore.New(rdb, "t:"), Sender: rec,
		Admins: map[bot.ID]bool{admin: true}})
	say := func(id bot.UpdateKey, text string) string {
		if err := b.Handle(context.Background(), chat.Update{ID: id, ChatID: admin, ChatKind: chat.Private, From: chat.User{ID: admin}, Text: text}); err != nil {
			t.Fatal(err)
		}
		return texts(rec.take())
	}
	testutil.MustContain(t, say("1", "/hoatdong them 05/12/2027 08:00 Trước"), "A1")
	m.Close()
	testutil.MustContain(t, say("2", "/hoatdong them 05/12/2027 08:00 Trong lúc hỏng"), "thử lại sau")
	testutil.MustContain(t, say("3", "dan van kheo"), "Dân vận khéo")
	if err := m.Restart(); err != nil {
		t.Fatal(err)
	}
	got := say("4", "/kehoach")
	testutil.MustContain(t, got, "Trước")
	if strings.Contains(got, "Trong lúc hỏng") {
		t.Errorf("an action refused while Redis was down was stored:\n%s", got)
	}
}
