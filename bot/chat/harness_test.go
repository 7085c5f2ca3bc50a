package chat_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/schedstore"
	"github.com/coordbot/coordbot/internal/redistest"
	"github.com/coordbot/coordbot/scheduler"
	"github.com/redis/go-redis/v9"
)

// recorder is a Sender that keeps every reply.
type recorder struct {
	mu      sync.Mutex
	replies []chat.Reply
	nextID  int
	// gone chats answer every send with chat.ErrChatGone, as a blocked or kicked bot gets.
	gone map[bot.ID]bool
}

func (r *recorder) Send(_ context.Context, rep chat.Reply) (chat.Sent, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.gone[rep.ChatID] {
		return chat.Sent{}, fmt.Errorf("403: %w", chat.ErrChatGone)
	}
	r.replies = append(r.replies, rep)
	if rep.AnswerCallback != "" {
		return chat.Sent{}, nil
	}
	if rep.Edit != 0 {
		return chat.Sent{MessageID: rep.Edit}, nil
	}
	r.nextID++
	return chat.Sent{MessageID: r.nextID}, nil
}

// lastID is the message id of the last message sent (not edited).
func (r *recorder) lastID() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.nextID
}

// take returns and forgets the replies so far.
func (r *recorder) take() []chat.Reply {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.replies
	r.replies = nil
	return out
}

// members answers getChatMember from a table.
type members map[[2]bot.ID]string

func (m members) MemberStatus(_ context.Context, chatID, user bot.ID) (string, error) {
	if s, ok := m[[2]bot.ID{chatID, user}]; ok {
		return s, nil
	}
	return "left", nil
}

const (
	admin    = bot.ID("tg:100")
	cadre    = bot.ID("tg:200")
	stranger = bot.ID("tg:300")
	groupID  = bot.ID("tg:-1001")
)

type harness struct {
	t       *testing.T
	b       *chat.Bot
	rec     *recorder
	store   *redisstore.Store
	rdb     *redis.Client
	members members
	now     time.Time
	nextUpd int64
	sched   *scheduler.Scheduler
	// reminders is the bot's view of the due queue.
	reminders bot.ReminderStore
	// prefix is the store's key prefix, for tests that write old data as it was kept.
	prefix string
}

func newHarness(t *testing.T, opts ...func(*chat.Config)) *harness {
	t.Helper()
	return newHarnessWith(t, programme.Default(), opts...)
}

// newHarnessWith is a harness whose bot runs programme p, its configuration changed by opts.
func newHarnessWith(t *testing.T, p *programme.Programme, opts ...func(*chat.Config)) *harness {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	q := scheduler.NewQueue(rdb, redisstore.ProgrammePrefix(prefix)+"sched:", loc)
	h := &harness{t: t, rec: &recorder{}, store: redisstore.New(rdb, prefix, redisstore.WithQueue(q)), rdb: rdb, members: members{},
		now: time.Date(2026, 11, 26, 9, 0, 0, 0, loc), prefix: prefix}
	clock := func() time.Time { return h.now }
	cfg := chat.Config{
		Programme: p, Store: h.store, Sender: h.rec, Members: h.members,
		Reminders: schedstore.New(q), Admins: map[bot.ID]bool{admin: true}, Loc: loc, Username: "coordbot_test",
		Now: clock,
	}
	for _, o := range opts {
		o(&cfg)
	}
	h.b = chat.New(cfg)
	h.reminders = schedstore.New(q)
	h.sched = scheduler.New(q, schedstore.Fire(h.b), scheduler.Options{Now: clock, Workers: 1})
	return h
}

// advance moves the clock by d and fires what fell due, returning what was sent.
func (h *harness) advance(d time.Duration) []chat.Reply {
	h.t.Helper()
	h.now = h.now.Add(d)
	if _, err := h.sched.Tick(context.Background()); err != nil {
		h.t.Fatalf("Tick: %v", err)
	}
	return h.rec.take()
}

// say sends text from a user in a chat (private when chat == user) and returns the replies.
func (h *harness) say(from, chatID bot.ID, text string) []chat.Reply {
	h.t.Helper()
	h.nextUpd++
	return h.handle(chat.Update{ID: bot.UpdateKey(strconv.FormatInt(h.nextUpd, 10)), ChatID: chatID, ChatKind: kindOf(chatID), ChatTitle: titleOf(chatID),
		From: chat.User{ID: from, FirstName: nameOf(from)}, Text: text})
}

// press presses a button with data on message msgID.
func (h *harness) press(from, chatID bot.ID, msgID int, data string) []chat.Reply {
	h.t.Helper()
	h.nextUpd++
	return h.handle(chat.Update{ID: bot.UpdateKey(strconv.FormatInt(h.nextUpd, 10)), ChatID: chatID, ChatKind: kindOf(chatID), From: chat.User{ID: from, FirstName: nameOf(from)},
		Callback: &chat.Callback{ID: "cb", Data: data, MessageID: msgID}})
}

func (h *harness) handle(u chat.Update) []chat.Reply {
	h.t.Helper()
	if err := h.b.Handle(context.Background(), u); err != nil {
		h.t.Fatalf("Handle(%q): %v", u.Text, err)
	}
	return h.rec.take()
}

func kindOf(chatID bot.ID) chat.ChatKind {
	if n, _ := chatID.Telegram(); n < 0 {
		return chat.Supergroup
	}
	return chat.Private
}

func titleOf(chatID bot.ID) string {
	if n, _ := chatID.Telegram(); n < 0 {
		return "Đồn Biên phòng Cần Giờ"
	}
	return ""
}

func nameOf(id bot.ID) string {
	return map[bot.ID]string{admin: "Điều phối", cadre: "Nguyễn Văn Tiến", stranger: "Người lạ"}[id]
}

// texts joins the plain text of replies.
func texts(rs []chat.Reply) string {
	var sb strings.Builder
	for _, r := range rs {
		sb.WriteString(chat.PlainText(r.Text))
		sb.WriteString("\n")
	}
	return sb.String()
}

// buttonData lists the callback data of every button in rs.
func buttonData(rs []chat.Reply) []string {
	var out []string
	for _, r := range rs {
		for _, row := range r.Buttons {
			for _, b := range row {
				if b.Data != "" {
					out = append(out, b.Data)
				}
			}
		}
	}
	return out
}

// upd is the id of a new update.
func (h *harness) upd() bot.UpdateKey {
	h.nextUpd++
	return bot.UpdateKey(strconv.FormatInt(h.nextUpd, 10))
}
