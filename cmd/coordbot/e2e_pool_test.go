package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/coordbot/coordbot/internal/redistest"
)

// TestFiftyCoordinatorsAddAtOnce is issue 17's stall: 50 coordinators add an activity at the same
// instant. Each add is a WATCH step on one pooled connection; when a step also asked the pool for
// a second connection (to list the activity's reminders) and the pool was as large as go-redis
// makes it on two cores (10 per core), every connection ended up held by a step waiting for
// another, the pool timed out, and people read "storage down" while Redis answered in 0.3 ms.
// The pool size is pinned to 20 so the test means the same on any machine.
func TestFiftyCoordinatorsAddAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	const n = 50
	users := make([]telegramtest.User, n)
	admins := []string{"11111"}
	for i := range users {
		users[i] = telegramtest.User{ID: int64(700001 + i), FirstName: "Điều phối " + strconv.Itoa(i+1), LanguageCode: "vi"}
		admins = append(admins, strconv.FormatInt(users[i].ID, 10))
	}
	url := redistest.URL(t)
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	e := newE2E(t, map[string]string{
		"COORDBOT_ADMINS": strings.Join(admins, ","),
		"REDIS_URL":       url + sep + "pool_size=20",
	})
	// Every update is queued before the bot's next getUpdates takes them all in one batch.
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.srv.SendText(u, telegramtest.Private(u), fmt.Sprintf("/hoatdong them 01/12/2027 08:00 Hoạt động đồng thời số %d", i+1))
		}()
	}
	wg.Wait()
	ok := e.srv.WaitFor(wait, func() bool {
		for _, u := range users {
			if len(e.srv.SentTo(u.ID)) == 0 {
				return false
			}
		}
		return true
	})
	answered, down := 0, 0
	for _, u := range users {
		got := plain(e.srv.SentTo(u.ID))
		if got != "" {
			answered++
		}
		if strings.Contains(got, "tạm gián đoạn") {
			down++
			t.Errorf("user %d was told storage is down: %s", u.ID, shorten(got))
		}
	}
	if !ok {
		t.Errorf("%d of %d coordinators got an answer", answered, n)
	}
	acts, err := e.store.Activities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	stored := 0
	for _, a := range acts {
		if strings.HasPrefix(a.Title, "Hoạt động đồng thời số ") {
			stored++
		}
	}
	if stored != n {
		t.Errorf("%d of %d activities stored", stored, n)
	}
	if strings.Contains(e.logs.String(), "connection pool timeout") {
		t.Errorf("the pool timed out:\n%s", shorten(e.logs.String()))
	}
	t.Logf("pool: %d answered, %d told storage is down, %d stored", answered, down, stored)
}
