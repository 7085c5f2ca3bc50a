package redisstore_test

import (
	"context"
	"testing"

	"github.com/coordbot/coordbot/bot"
)

// A Zalo user who writes to the bot in private becomes a contact in Begin's own round trip; one
// who only writes in a group does not. PrivateRecipients are the contacts a coordinator added.
func TestBeginRemembersZaloContacts(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	lan, minh, hung := bot.ZaloID("lan"), bot.ZaloID("minh"), bot.ZaloID("hung")
	for _, id := range []bot.ID{lan, minh, hung} {
		if err := s.SetReporter(ctx, id, "", false, bot.Audit{Action: bot.ActMemberAdd}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Begin(ctx, "zl:m1", lan, lan, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Begin(ctx, "zl:m2", minh, bot.ZaloID("group-1"), ""); err != nil { // in a group
		t.Fatal(err)
	}
	if _, err := s.Begin(ctx, "5", "tg:5", "tg:5", "telegram_user"); err != nil {
		t.Fatal(err)
	}
	got, err := s.PrivateRecipients(ctx, bot.PlatformZalo)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != lan {
		t.Errorf("Zalo recipients %v, want only %s (wrote in private)", got, lan)
	}
	if err := s.SetLang(ctx, lan, "en"); err != nil {
		t.Fatal(err)
	}
	if l, err := s.Lang(ctx, lan); err != nil || l != "en" {
		t.Errorf("Lang = %q, %v; want en", l, err)
	}
	if l, err := s.Lang(ctx, minh); err != nil || l != "" {
		t.Errorf("Lang of a user who chose none = %q, %v", l, err)
	}
}
