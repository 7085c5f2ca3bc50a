package redisstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/schedstore"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/scheduler"
)

// Data written before ids carried their platform (numbers in keys, hash fields, JSON and the due
// queue) reads as Telegram ids, with no migration; a Zalo id lives beside it under "zl:".
func TestDataFromBeforeZaloReadsAsTelegram(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	prog := redisstore.ProgrammePrefix(prefix)
	q := scheduler.NewQueue(rdb, prog+"sched:", time.UTC)
	s := redisstore.New(rdb, prefix, redisstore.WithQueue(q))
	// As the store of before wrote them: the bare numbers.
	rdb.HSet(ctx, prog+"groups", "-1001", "Đồn Cần Giờ")
	rdb.HSet(ctx, prog+"reporters", "200", "Đồn Cần Giờ")
	rdb.Set(ctx, prefix+"user:200:lang", "en", 0)
	if _, err := q.Add(ctx, scheduler.Reminder{ChatID: "-1001", Kind: "text", Text: "Họp", At: time.Now().Add(time.Hour), CreatedBy: "100"}); err != nil {
		t.Fatal(err)
	}

	gs, err := s.Groups(ctx)
	if err != nil || len(gs) != 1 || gs[0].ChatID != "tg:-1001" {
		t.Fatalf("Groups = %+v, %v; want tg:-1001", gs, err)
	}
	acc, err := s.Access(ctx, "tg:200", "")
	if err != nil || !acc.Added || acc.Unit != "Đồn Cần Giờ" {
		t.Errorf("Access(tg:200) = %+v, %v; want the reporter added before", acc, err)
	}
	if sess, err := s.Begin(ctx, "", "tg:200", "tg:200", ""); err != nil || sess.Lang != "en" {
		t.Errorf("the language chosen before reads as %q, %v", sess.Lang, err)
	}
	rs, err := schedstore.New(q).Reminders(ctx, "tg:-1001")
	if err != nil || len(rs) != 1 || rs[0].ChatID != "tg:-1001" || rs[0].CreatedBy != "tg:100" {
		t.Errorf("Reminders(tg:-1001) = %+v, %v", rs, err)
	}

	// A Zalo reporter and group beside them, never confused with a number.
	if err := s.SetReporter(ctx, "zl:200", "Xã A", false, bot.Audit{Action: bot.ActMemberAdd}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApproveGroup(ctx, bot.SubscribedGroup{ChatID: "zl:g1", Title: "Nhóm Zalo"}, bot.Audit{Action: bot.ActGroupApprove}); err != nil {
		t.Fatal(err)
	}
	if acc, _ := s.Access(ctx, "zl:200", ""); !acc.Added || acc.Unit != "Xã A" {
		t.Errorf("Access(zl:200) = %+v", acc)
	}
	if acc, _ := s.Access(ctx, "tg:200", ""); acc.Unit != "Đồn Cần Giờ" {
		t.Errorf("the Zalo reporter changed the Telegram one: %+v", acc)
	}
	gs, _ = s.Groups(ctx)
	if len(gs) != 2 || gs[0].ChatID != "tg:-1001" || gs[1].ChatID != "zl:g1" {
		t.Errorf("Groups = %+v; want the Telegram group, then the Zalo one", gs)
	}
}

// A redelivered Zalo message is claimed by its message id as a Telegram update is by its id.
func TestZaloMessageClaimedOnce(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if sess, err := s.Begin(ctx, "zl:m-1", "zl:u", "zl:u", ""); err != nil || sess.Seen {
		t.Fatalf("first: %+v, %v", sess, err)
	}
	if err := s.Finish(ctx, "zl:m-1"); err != nil {
		t.Fatal(err)
	}
	if sess, _ := s.Begin(ctx, "zl:m-1", "zl:u", "zl:u", ""); !sess.Seen {
		t.Error("a redelivered Zalo message was not seen")
	}
	if sess, _ := s.Begin(ctx, "zl:m-2", "zl:u", "zl:u", ""); sess.Seen {
		t.Error("another Zalo message was taken for a redelivery")
	}
}
