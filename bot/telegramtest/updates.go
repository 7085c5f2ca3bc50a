package telegramtest

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// chat returns the state of a chat, creating it on first sight. Call with s.mu held.
func (s *Server) chat(id int64) *chatState {
	cs, ok := s.chats[id]
	if !ok {
		c := Chat{ID: id, Type: "private"}
		if id < 0 {
			c.Type = "group"
		}
		cs = &chatState{chat: c, msgs: map[int]*botMessage{}}
		s.chats[id] = cs
	}
	return cs
}

func (c Chat) wire() *wireChat {
	w := &wireChat{ID: c.ID, Type: c.Type, Title: c.Title}
	if w.Type == "" {
		w.Type = "private"
	}
	return w
}

// newMessage allocates the next message id of the chat. Call with s.mu held.
func (s *Server) newMessage(cs *chatState, from *User) *wireMessage {
	cs.nextMsg++
	m := &wireMessage{MessageID: cs.nextMsg, Date: s.now().Unix(), Chat: cs.chat.wire()}
	if from != nil {
		m.From = from.wire()
	}
	return m
}

// push queues an update for the bot and returns its id. Call with s.mu held.
func (s *Server) push(u wireUpdate) int {
	s.nextUpdate++
	u.UpdateID = s.nextUpdate
	s.updates = append(s.updates, u)
	s.notify()
	return u.UpdateID
}

// register remembers who and where a message came from, for getChat and getChatMember.
func (s *Server) register(from User, chat Chat) *chatState {
	s.users[from.ID] = from
	cs := s.chat(chat.ID)
	if chat.Type != "" {
		cs.chat = chat
	}
	return cs
}

// commandRE is what Telegram marks as a bot_command at the start of a text.
var commandRE = regexp.MustCompile(`^/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,64})?`)

func commandEntities(text string) []wireEntity {
	if m := commandRE.FindString(text); m != "" {
		return []wireEntity{{Type: "bot_command", Offset: 0, Length: utf16Len(m)}}
	}
	return nil
}

// SendText delivers a text message from a user in a chat to the bot and returns the update id.
// A text starting with a command carries the bot_command entity Telegram adds.
func (s *Server) SendText(from User, chat Chat, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.newMessage(s.register(from, chat), &from)
	m.Text = text
	m.Entities = commandEntities(text)
	return s.push(wireUpdate{Message: m})
}

// EditText delivers an edited_message update (which coordbot ignores) and returns its id.
func (s *Server) EditText(from User, chat Chat, messageID int, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.register(from, chat)
	m := &wireMessage{MessageID: messageID, From: from.wire(), Date: s.now().Unix(), Chat: cs.chat.wire(), Text: text}
	return s.push(wireUpdate{EditedMessage: m})
}

// SendPhoto delivers a photo (in three sizes, largest last as Telegram orders them) with a caption
// and returns the update id.
func (s *Server) SendPhoto(from User, chat Chat, caption string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.newMessage(s.register(from, chat), &from)
	for _, w := range []int{90, 320, 1280} {
		s.nextFile++
		m.Photo = append(m.Photo, wirePhotoSize{FileID: fmt.Sprintf("photo-%d-%d", s.nextFile, w),
			FileUniqueID: fmt.Sprintf("u%d", s.nextFile), Width: w, Height: w * 3 / 4, FileSize: w * 100})
	}
	m.Caption = caption
	m.CaptionEntities = commandEntities(caption)
	return s.push(wireUpdate{Message: m})
}

// SendDocument delivers a document with a caption and returns the update id.
func (s *Server) SendDocument(from User, chat Chat, fileName, caption string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.newMessage(s.register(from, chat), &from)
	s.nextFile++
	m.Document = &wireDocument{FileID: fmt.Sprintf("doc-%d", s.nextFile),
		FileUniqueID: fmt.Sprintf("u%d", s.nextFile), FileName: fileName, FileSize: 1234}
	m.Caption = caption
	m.CaptionEntities = commandEntities(caption)
	return s.push(wireUpdate{Message: m})
}

// PressButton delivers a callback_query for the button carrying data under a message the bot sent
// in chatID, and returns the update id. It fails when there is no such message or button, since
// Telegram could not deliver such a press either.
func (s *Server) PressButton(from User, chatID int64, messageID int, data string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.chats[chatID]
	if !ok || cs.msgs[messageID] == nil {
		return 0, fmt.Errorf("telegramtest: no message %d from the bot in chat %d", messageID, chatID)
	}
	bm := cs.msgs[messageID]
	found := false
	if bm.wire.ReplyMarkup != nil {
		for _, row := range bm.wire.ReplyMarkup.InlineKeyboard {
			for _, b := range row {
				found = found || (b.CallbackData != nil && *b.CallbackData == data)
			}
		}
	}
	if !found {
		return 0, fmt.Errorf("telegramtest: message %d in chat %d has no button with data %q", messageID, chatID, data)
	}
	s.users[from.ID] = from
	s.nextFile++
	id := strconv.Itoa(s.nextFile) + "-cb"
	s.callbacks[id] = true
	msg := *bm.wire
	return s.push(wireUpdate{CallbackQuery: &wireCallback{ID: id, From: from.wire(), Message: &msg,
		ChatInstance: strconv.FormatInt(chatID, 10), Data: data}}), nil
}

// PendingJSON returns the updates not yet confirmed, each as the JSON Telegram would POST to a
// webhook.
func (s *Server) PendingJSON() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([][]byte, len(s.updates))
	for i, u := range s.updates {
		out[i] = mustJSON(u)
	}
	return out
}

// Confirmed is the highest offset a getUpdates call has sent: every update below it is confirmed.
func (s *Server) Confirmed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

func atoi(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

// getUpdates answers at once when updates are pending, else waits up to timeout seconds for one.
// A newer call terminates an older waiting one with 409, as Telegram does.
func (s *Server) getUpdates(c *call) (any, *apiError) {
	offset := atoi(c.params["offset"], 0)
	limit := min(max(atoi(c.params["limit"], 100), 1), 100)
	timeout := time.Duration(max(atoi(c.params["timeout"], 0), 0)) * time.Second

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.webhook != "" {
		return nil, &apiError{code: 409, desc: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	if s.pollStop != nil {
		close(s.pollStop)
	}
	stop := make(chan struct{})
	s.pollStop = stop
	s.notify()
	defer func() {
		if s.pollStop == stop {
			s.pollStop = nil
			s.notify()
		}
	}()
	if offset > 0 {
		i := 0
		for i < len(s.updates) && s.updates[i].UpdateID < offset {
			i++
		}
		s.updates = s.updates[i:]
		s.confirmed = max(s.confirmed, offset)
		s.notify()
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		res := make([]wireUpdate, 0, min(limit, len(s.updates)))
		for _, u := range s.updates {
			if len(res) < limit && u.UpdateID >= offset {
				res = append(res, u)
			}
		}
		if len(res) > 0 || timeout == 0 {
			return res, nil
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-timer.C:
			timeout = 0
		case <-c.ctx.Done():
			timeout = 0
		case <-stop:
		}
		s.mu.Lock()
		if s.revoked {
			return nil, &apiError{code: 401, desc: "Unauthorized"}
		}
		select {
		case <-stop:
			return nil, &apiError{code: 409, desc: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		default:
		}
	}
}

func (s *Server) setWebhook(c *call) (any, *apiError) {
	s.webhook = c.params["url"]
	s.secret = c.params["secret_token"]
	if s.webhook != "" && s.pollStop != nil {
		close(s.pollStop)
		s.pollStop = nil
	}
	return true, nil
}

func (s *Server) deleteWebhook(c *call) (any, *apiError) {
	s.webhook, s.secret = "", ""
	if c.params["drop_pending_updates"] == "true" {
		s.updates = nil
	}
	return true, nil
}

func (s *Server) getWebhookInfo(*call) (any, *apiError) {
	return map[string]any{"url": s.webhook, "has_custom_certificate": false,
		"pending_update_count": len(s.updates)}, nil
}

// Webhook returns the webhook URL and secret token last set ("" when polling).
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook, s.secret
}

// Polling reports whether a getUpdates call is waiting for updates right now, so tests can start
// a second poller or inject an update at a known moment without sleeping.
func (s *Server) Polling() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pollStop != nil
}
