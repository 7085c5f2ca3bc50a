package redisstore_test

import (
	"context"
	"testing"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/redisstore"
)

// An update counts as seen only once it was finished: while a handler holds it, another Begin
// finds it busy (and takes nothing); a released claim lets the next one handle it.
func TestUpdateSeenOnlyOnceFinished(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	begin := func() bot.Session {
		t.Helper()
		sess, err := s.Begin(ctx, "77", "tg:1", "tg:1", "")
		if err != nil {
			t.Fatal(err)
		}
		return sess
	}
	if sess := begin(); sess.Seen || sess.Busy {
		t.Fatalf("first Begin: %+v", sess)
	}
	if sess := begin(); sess.Seen || !sess.Busy {
		t.Fatalf("while the first handler runs: %+v, want busy and not seen", sess)
	}
	if err := s.Renew(ctx, "77"); err != nil {
		t.Fatal(err)
	}
	if err := s.Forget(ctx, "77"); err != nil { // the handler was cut off
		t.Fatal(err)
	}
	if sess := begin(); sess.Seen || sess.Busy {
		t.Fatalf("after the cut-off handler released it: %+v, want it handled again", sess)
	}
	if err := s.Finish(ctx, "77"); err != nil {
		t.Fatal(err)
	}
	if sess := begin(); !sess.Seen {
		t.Fatalf("after Finish: %+v, want seen", sess)
	}
	if err := s.Renew(ctx, "77"); err != nil {
		t.Fatal(err)
	}
	if sess := begin(); !sess.Seen {
		t.Fatalf("Renew after Finish turned the done marker back: %+v", sess)
	}
}

// The inbox gives back what was enqueued and not finished, oldest first.
func TestInboxKeepsUnfinishedUpdatesInOrder(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	ups := []chat.Update{
		{ID: "100", ChatID: "tg:-5", ChatKind: chat.Group, Text: "/kehoach", From: chat.User{ID: "tg:1"}},
		{ID: "99", ChatID: "tg:1", ChatKind: chat.Private, Text: "Hỏi gì đó"},
		{ID: "1000", ChatID: "tg:-5", ChatKind: chat.Group, Text: "/tiendo"},
	}
	in := redisstore.NewInbox(s, chat.UpdateKeyOf)
	if err := in.Enqueue(ctx, ups); err != nil {
		t.Fatal(err)
	}
	if err := s.Finish(ctx, "100"); err != nil {
		t.Fatal(err)
	}
	got, err := in.Inbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "99" || got[1].ID != "1000" || got[0].Text != "Hỏi gì đó" || got[1].ChatID != "tg:-5" || got[1].ChatKind != chat.Group {
		t.Fatalf("inbox %+v", got)
	}
}
