package redisstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/internal/redistest"
)

// groupOf is the approved group chat, if any.
func groupOf(t *testing.T, s *redisstore.Store, chat bot.ID) (bot.SubscribedGroup, bool) {
	t.Helper()
	gs, err := s.Groups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.ChatID == chat {
			return g, true
		}
	}
	return bot.SubscribedGroup{}, false
}

func TestSetGroupUnit(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	chat := bot.TelegramID(-1001)
	unitAudit := func(after string) bot.Audit {
		return bot.Audit{At: time.Unix(1_790_000_000, 0), By: bot.TelegramID(100), Action: bot.ActGroupUnit, Chat: chat, After: after}
	}

	found, err := s.SetGroupUnit(ctx, chat, "DCG", unitAudit("x"))
	if err != nil || found {
		t.Fatalf("SetGroupUnit on a group never approved = %v, %v; want not found", found, err)
	}
	if h, err := s.History(ctx, ""); err != nil || len(h) != 0 {
		t.Fatalf("a refused SetGroupUnit left audit entries %+v, %v", h, err)
	}

	if _, err := s.ApproveGroup(ctx, bot.SubscribedGroup{ChatID: chat, Title: "Đồn Cần Giờ", Unit: "HD"}, bot.Audit{Action: bot.ActGroupApprove}); err != nil {
		t.Fatal(err)
	}
	if g, ok := groupOf(t, s, chat); !ok || g.Title != "Đồn Cần Giờ" || g.Unit != "HD" {
		t.Fatalf("approved group = %+v, %v", g, ok)
	}
	found, err = s.SetGroupUnit(ctx, chat, "DCG", unitAudit("Đồn Cần Giờ · DCG"))
	if err != nil || !found {
		t.Fatalf("SetGroupUnit = %v, %v", found, err)
	}
	if g, _ := groupOf(t, s, chat); g.Title != "Đồn Cần Giờ" || g.Unit != "DCG" {
		t.Errorf("group after SetGroupUnit = %+v, want the title kept and unit DCG", g)
	}
	h, err := s.History(ctx, "")
	if err != nil || len(h) != 2 || h[1].Action != bot.ActGroupUnit || h[1].Chat != chat || h[1].After != "Đồn Cần Giờ · DCG" {
		t.Fatalf("audit = %+v, %v; want the approval then the unit change", h, err)
	}

	acc, err := s.Access(ctx, bot.TelegramID(200), "")
	if err != nil || len(acc.Groups) != 1 || acc.Groups[0].Unit != "DCG" {
		t.Errorf("Access groups = %+v, %v; want the group with its unit", acc.Groups, err)
	}

	if found, err := s.SetGroupUnit(ctx, chat, "", unitAudit("Đồn Cần Giờ")); err != nil || !found {
		t.Fatalf("untying = %v, %v", found, err)
	}
	if g, _ := groupOf(t, s, chat); g.Title != "Đồn Cần Giờ" || g.Unit != "" {
		t.Errorf("group after untying = %+v", g)
	}
}

func TestMigrateGroupKeepsItsUnit(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	from, to := bot.TelegramID(-1001), bot.TelegramID(-1009999)
	if _, err := s.ApproveGroup(ctx, bot.SubscribedGroup{ChatID: from, Title: "Tổ 1", Unit: "DCG"}, bot.Audit{Action: bot.ActGroupApprove}); err != nil {
		t.Fatal(err)
	}
	if err := s.MigrateGroup(ctx, from, to); err != nil {
		t.Fatal(err)
	}
	if g, ok := groupOf(t, s, to); !ok || g.Title != "Tổ 1" || g.Unit != "DCG" {
		t.Errorf("migrated group = %+v, %v", g, ok)
	}
	if _, ok := groupOf(t, s, from); ok {
		t.Error("the old id is still subscribed")
	}
}

// Older data kept a group's bare title in the groups hash; it still reads, and tying it to a unit
// rewrites it in the new form with the title kept.
func TestGroupValueFallback(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	s := redisstore.New(rdb, prefix)
	ctx := context.Background()
	key := redisstore.ProgrammePrefix(prefix) + "groups"
	for field, title := range map[string]string{
		"-1003": "Nhóm cũ",
		"-1004": "{Tổ} công tác",        // starts like JSON, is not
		"-1005": `{"x": 1}`,             // JSON without a title: a title after all
		"-1006": `{"t":"Mới","u":"HD"}`, // the new form
	} {
		if err := rdb.HSet(ctx, key, field, title).Err(); err != nil {
			t.Fatal(err)
		}
	}
	for chat, want := range map[bot.ID]bot.SubscribedGroup{
		bot.TelegramID(-1003): {Title: "Nhóm cũ"},
		bot.TelegramID(-1004): {Title: "{Tổ} công tác"},
		bot.TelegramID(-1005): {Title: `{"x": 1}`},
		bot.TelegramID(-1006): {Title: "Mới", Unit: "HD"},
	} {
		want.ChatID = chat
		if g, ok := groupOf(t, s, chat); !ok || g != want {
			t.Errorf("group %s = %+v, %v; want %+v", chat, g, ok, want)
		}
	}
	if found, err := s.SetGroupUnit(ctx, bot.TelegramID(-1003), "BDV", bot.Audit{Action: bot.ActGroupUnit}); err != nil || !found {
		t.Fatalf("SetGroupUnit on old data = %v, %v", found, err)
	}
	if g, _ := groupOf(t, s, bot.TelegramID(-1003)); g.Title != "Nhóm cũ" || g.Unit != "BDV" {
		t.Errorf("old group after SetGroupUnit = %+v", g)
	}
	if v, err := rdb.HGet(ctx, key, "-1003").Result(); err != nil || v != `{"t":"Nhóm cũ","u":"BDV"}` {
		t.Errorf("stored value = %q, %v", v, err)
	}
}

func TestUserByName(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	lan, minh, other := bot.TelegramID(400), bot.TelegramID(401), bot.TelegramID(402)
	group := bot.TelegramID(-1001)
	begin := func(upd string, user, chat bot.ID, username string) {
		t.Helper()
		if _, err := s.Begin(ctx, bot.UpdateKey(upd), user, chat, username); err != nil {
			t.Fatal(err)
		}
	}
	lookup := func(name string) (bot.ID, bool) {
		t.Helper()
		id, ok, err := s.UserByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return id, ok
	}

	begin("1", minh, group, "minh_bp") // in a group: not remembered
	if id, ok := lookup("@minh_bp"); ok {
		t.Errorf("a username seen only in a group is known: %s", id)
	}
	begin("2", lan, lan, "Lan_Nguyen")
	for _, name := range []string{"@lan_nguyen", "lan_nguyen", "@LAN_NGUYEN", "Lan_Nguyen"} {
		if id, ok := lookup(name); !ok || id != lan {
			t.Errorf("UserByName(%q) = %s, %v; want %s", name, id, ok, lan)
		}
	}
	begin("3", other, other, "") // no username: nothing recorded, nothing broken
	if _, ok := lookup(""); ok {
		t.Error("the empty name is known")
	}
	if _, ok := lookup("@nobody"); ok {
		t.Error("an unknown name is known")
	}
	// A username passed on to someone else follows them.
	begin("4", other, other, "lan_nguyen")
	if id, _ := lookup("@lan_nguyen"); id != other {
		t.Errorf("after the name moved, UserByName = %s, want %s", id, other)
	}
}
