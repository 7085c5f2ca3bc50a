package main

import (
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/telegramtest"
)

// TestUpdateCutOffBySIGKILLHandledOnceByTheStandby: the polling process is killed (SIGKILL)
// while its handler is sending the answer; the standby takes over and answers the update exactly
// once (before, the dead process's claim on the update id stayed for 48 h and the standby skipped
// the redelivered update as already handled: the question was never answered).
func TestUpdateCutOffBySIGKILLHandledOnceByTheStandby(t *testing.T) {
	srv, a, b := leaderAndStandby(t)

	lan := telegramtest.User{ID: 7001, FirstName: "Lan", LanguageCode: "vi"}
	chat := telegramtest.Private(lan)
	release := srv.Hold(lan.ID)
	t.Cleanup(release)
	srv.SendText(lan, chat, "/help")
	if !srv.WaitFor(wait, func() bool { return srv.Held() == 1 }) {
		t.Fatal("a never began to answer")
	}
	a.kill()
	// The dead process's send is dropped by the server once it sees the connection gone; only
	// then may sends to Lan go through again.
	if !srv.WaitFor(wait, func() bool { return srv.Held() == 0 }) {
		t.Fatal("the killed process's send is still waiting")
	}
	release()
	b.waitLog(`this process polls`, 30*time.Second)
	help, ok := srv.WaitSentTo(45*time.Second, lan.ID, 1)
	if !ok {
		t.Fatal("the standby never answered the update the killed process was handling")
	}
	// A later update of the same chat comes after it; once answered, a second /help would show.
	srv.SendText(lan, chat, "/lang en")
	if _, ok := srv.WaitSentTo(wait, lan.ID, 2); !ok {
		t.Fatal("the next update was not answered")
	}
	n := 0
	for _, s := range srv.SentTo(lan.ID) {
		if s.Text == help[0].Text {
			n++
		}
	}
	if n != 1 {
		t.Errorf("/help answered %d times, want exactly once", n)
	}
}
