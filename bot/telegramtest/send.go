package telegramtest

import (
	"encoding/json"
	"io"
	"mime/multipart"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Telegram's limits, in UTF-16 code units after entity parsing.
const (
	maxText    = 4096
	maxCaption = 1024
)

func readFile(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// checkText validates a text or caption as Telegram would and returns what remains after entity
// parsing.
func checkText(text, parseMode string, caption bool) (string, *apiError) {
	if !utf8.ValidString(text) {
		return "", badRequest("text must be encoded in UTF-8")
	}
	visible := text
	if strings.EqualFold(parseMode, "html") {
		v, err := parseHTML(text)
		if err != nil {
			return "", badRequest("can't parse entities: %v", err)
		}
		visible = v
	}
	switch {
	case caption && utf16Len(visible) > maxCaption:
		return "", badRequest("message caption is too long")
	case caption:
	case strings.TrimSpace(visible) == "":
		return "", badRequest("message text is empty")
	case utf16Len(visible) > maxText:
		return "", badRequest("message is too long")
	}
	return visible, nil
}

// parseMarkup validates an inline keyboard and returns it with its canonical JSON, the form edits
// are compared in.
func parseMarkup(raw string) (*wireMarkup, string, [][]Button, *apiError) {
	if raw == "" {
		return nil, "", nil, nil
	}
	var m wireMarkup
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, "", nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	var rows [][]Button
	for _, row := range m.InlineKeyboard {
		var out []Button
		for _, b := range row {
			if b.Text == "" {
				return nil, "", nil, badRequest("text buttons are unallowed in the inline keyboard")
			}
			switch {
			case b.CallbackData != nil:
				if n := len(*b.CallbackData); n < 1 || n > 64 {
					return nil, "", nil, badRequest("BUTTON_DATA_INVALID")
				}
				out = append(out, Button{Text: b.Text, Data: *b.CallbackData})
			case b.URL != "":
				out = append(out, Button{Text: b.Text, URL: b.URL})
			case b.WebApp != nil:
				if !strings.HasPrefix(b.WebApp.URL, "https://") {
					return nil, "", nil, badRequest("BUTTON_URL_INVALID")
				}
				out = append(out, Button{Text: b.Text, WebApp: b.WebApp.URL})
			default:
				return nil, "", nil, badRequest("BUTTON_TYPE_INVALID")
			}
		}
		rows = append(rows, out)
	}
	return &m, string(mustJSON(m)), rows, nil
}

func chatParam(c *call) (int64, *apiError) {
	v := c.params["chat_id"]
	if v == "" {
		return 0, badRequest("chat_id is empty")
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id == 0 {
		return 0, badRequest("chat not found")
	}
	return id, nil
}

// deliverable runs the checks every outgoing message passes: the chat exists for the bot, and
// the flood limits allow one more message. Call with s.mu held.
func (s *Server) deliverable(chatID int64) *apiError {
	if e := s.refuse(chatID); e != nil {
		return e
	}
	if s.limits != nil {
		if wait := s.limits.take(chatID, s.now()); wait > 0 {
			return &apiError{code: 429, desc: "Too Many Requests: retry after " + strconv.Itoa(wait), retryAfter: wait}
		}
	}
	return nil
}

func (s *Server) getMe(*call) (any, *apiError) {
	me := s.me
	me.IsBot = true
	return me.wire(), nil
}

func (s *Server) sendMessage(c *call) (any, *apiError) {
	chatID, e := chatParam(c)
	if e != nil {
		return nil, e
	}
	text, mode := c.params["text"], c.params["parse_mode"]
	visible, e := checkText(text, mode, false)
	if e != nil {
		return nil, e
	}
	markup, canon, buttons, e := parseMarkup(c.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	if e := s.deliverable(chatID); e != nil {
		return nil, e
	}
	cs := s.chat(chatID)
	m := s.newMessage(cs, &s.me)
	m.Text, m.ReplyMarkup = visible, markup
	cs.msgs[m.MessageID] = &botMessage{text: text, parseMode: mode, markup: canon, wire: m}
	s.sent = append(s.sent, Sent{Method: c.method, ChatID: chatID, MessageID: m.MessageID, Text: text,
		Plain: visible, ParseMode: mode, Buttons: buttons})
	return m, nil
}

// editTarget finds the bot's message an edit names.
func (s *Server) editTarget(c *call) (int64, *botMessage, *apiError) {
	if c.params["inline_message_id"] != "" {
		return 0, nil, badRequest("MESSAGE_ID_INVALID")
	}
	chatID, e := chatParam(c)
	if e != nil {
		return 0, nil, e
	}
	if e := s.refuse(chatID); e != nil {
		return 0, nil, e
	}
	cs, ok := s.chats[chatID]
	if !ok || cs.msgs[atoi(c.params["message_id"], 0)] == nil {
		return 0, nil, badRequest("message to edit not found")
	}
	return chatID, cs.msgs[atoi(c.params["message_id"], 0)], nil
}

const notModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

func (s *Server) editMessageText(c *call) (any, *apiError) {
	chatID, bm, e := s.editTarget(c)
	if e != nil {
		return nil, e
	}
	if bm.wire.Text == "" {
		return nil, badRequest("there is no text in the message to edit")
	}
	text, mode := c.params["text"], c.params["parse_mode"]
	visible, e := checkText(text, mode, false)
	if e != nil {
		return nil, e
	}
	markup, canon, buttons, e := parseMarkup(c.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	if visible == bm.wire.Text && text == bm.text && canon == bm.markup {
		return nil, badRequest(notModified)
	}
	bm.text, bm.parseMode, bm.markup = text, mode, canon
	bm.wire.Text, bm.wire.ReplyMarkup = visible, markup
	s.sent = append(s.sent, Sent{Method: c.method, ChatID: chatID, MessageID: bm.wire.MessageID,
		Text: text, Plain: visible, ParseMode: mode, Buttons: buttons})
	return bm.wire, nil
}

func (s *Server) editMessageReplyMarkup(c *call) (any, *apiError) {
	chatID, bm, e := s.editTarget(c)
	if e != nil {
		return nil, e
	}
	markup, canon, buttons, e := parseMarkup(c.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	if canon == bm.markup {
		return nil, badRequest(notModified)
	}
	bm.markup, bm.wire.ReplyMarkup = canon, markup
	s.sent = append(s.sent, Sent{Method: c.method, ChatID: chatID, MessageID: bm.wire.MessageID,
		Text: bm.text, Plain: bm.wire.Text, ParseMode: bm.parseMode, Buttons: buttons})
	return bm.wire, nil
}

func (s *Server) deleteMessage(c *call) (any, *apiError) {
	chatID, e := chatParam(c)
	if e != nil {
		return nil, e
	}
	id := atoi(c.params["message_id"], 0)
	cs, ok := s.chats[chatID]
	if !ok || cs.msgs[id] == nil {
		return nil, badRequest("message to delete not found")
	}
	delete(cs.msgs, id)
	s.sent = append(s.sent, Sent{Method: c.method, ChatID: chatID, MessageID: id})
	return true, nil
}

func (s *Server) sendDocument(c *call) (any, *apiError) { return s.sendFile(c, "document") }
func (s *Server) sendPhoto(c *call) (any, *apiError)    { return s.sendFile(c, "photo") }

func (s *Server) sendFile(c *call, field string) (any, *apiError) {
	chatID, e := chatParam(c)
	if e != nil {
		return nil, e
	}
	f, ok := c.files[field]
	if !ok {
		if c.params[field] == "" {
			return nil, badRequest("there is no %s in the request", field)
		}
		f = upload{name: c.params[field]} // a file_id or URL: nothing uploaded
	}
	caption, mode := c.params["caption"], c.params["parse_mode"]
	visible, e := checkText(caption, mode, true)
	if e != nil {
		return nil, e
	}
	markup, canon, buttons, e := parseMarkup(c.params["reply_markup"])
	if e != nil {
		return nil, e
	}
	if e := s.deliverable(chatID); e != nil {
		return nil, e
	}
	cs := s.chat(chatID)
	m := s.newMessage(cs, &s.me)
	m.Caption, m.ReplyMarkup = visible, markup
	s.nextFile++
	id := field + "-" + strconv.Itoa(s.nextFile)
	if field == "photo" {
		m.Photo = []wirePhotoSize{{FileID: id, FileUniqueID: id, Width: 800, Height: 600, FileSize: len(f.data)}}
	} else {
		m.Document = &wireDocument{FileID: id, FileUniqueID: id, FileName: f.name, FileSize: len(f.data)}
	}
	cs.msgs[m.MessageID] = &botMessage{text: caption, parseMode: mode, markup: canon, wire: m}
	s.sent = append(s.sent, Sent{Method: c.method, ChatID: chatID, MessageID: m.MessageID, Text: caption,
		Plain: visible, ParseMode: mode, Buttons: buttons, FileName: f.name, File: f.data})
	return m, nil
}

func (s *Server) answerCallbackQuery(c *call) (any, *apiError) {
	id := c.params["callback_query_id"]
	if !s.callbacks[id] {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	if utf8.RuneCountInString(c.params["text"]) > 200 {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	delete(s.callbacks, id)
	s.answers = append(s.answers, CallbackAnswer{ID: id, Text: c.params["text"], ShowAlert: c.params["show_alert"] == "true"})
	return true, nil
}

var commandNameRE = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

func (s *Server) setMyCommands(c *call) (any, *apiError) {
	var cmds []wireCommand
	if err := json.Unmarshal([]byte(c.params["commands"]), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	out := make([]Command, 0, len(cmds))
	for _, cmd := range cmds {
		if !commandNameRE.MatchString(cmd.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf8.RuneCountInString(cmd.Description); n < 1 || n > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
		out = append(out, Command{Name: cmd.Command, Description: cmd.Description})
	}
	s.commands[c.params["language_code"]] = out
	return true, nil
}

func (s *Server) getChatMember(c *call) (any, *apiError) {
	chatID, e := chatParam(c)
	if e != nil {
		return nil, e
	}
	userID, err := strconv.ParseInt(c.params["user_id"], 10, 64)
	if err != nil {
		return nil, badRequest("user not found")
	}
	status, ok := s.members[[2]int64{chatID, userID}]
	if !ok {
		status = "left"
	}
	u, ok := s.users[userID]
	if !ok {
		u = User{ID: userID, FirstName: "User " + strconv.FormatInt(userID, 10)}
	}
	return map[string]any{"user": u.wire(), "status": status}, nil
}

func (s *Server) getChat(c *call) (any, *apiError) {
	chatID, e := chatParam(c)
	if e != nil {
		return nil, e
	}
	cs, ok := s.chats[chatID]
	if !ok {
		return nil, badRequest("chat not found")
	}
	return cs.chat.wire(), nil
}

func (s *Server) leaveChat(c *call) (any, *apiError) {
	chatID, e := chatParam(c)
	if e != nil {
		return nil, e
	}
	s.left = append(s.left, chatID)
	return true, nil
}
