package zalo

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Me is what getMe says about the bot. The docs' sample has id, account_name, account_type and
// can_join_groups; display_name and name are read when an answer has them (lucanhost/go-zalo-bot-api
// reads both), since they are what users @mention the bot by.
type Me struct {
	ID            string `json:"id"`
	AccountName   string `json:"account_name"`
	AccountType   string `json:"account_type"`
	CanJoinGroups bool   `json:"can_join_groups"`
	DisplayName   string `json:"display_name"`
	Name          string `json:"name"`
}

// Update is one event: Zalo sends one message per getUpdates answer or webhook call, with no
// update id (the message id identifies it).
type Update struct {
	EventName string   `json:"event_name"`
	Message   *Message `json:"message"`
}

// normalize fills what older or newer payloads leave out: Photo from photo_url, the event from
// the content when a payload has no event_name (the docs' getUpdates sample has none).
func (u *Update) normalize() {
	if u.Message == nil {
		return
	}
	m := u.Message
	if m.Photo == "" {
		m.Photo = m.PhotoURL
	}
	if u.EventName == "" {
		switch {
		case m.Photo != "":
			u.EventName = EventImage
		case m.Sticker != "":
			u.EventName = EventSticker
		case m.Text != "":
			u.EventName = EventText
		default:
			u.EventName = EventUnsupported
		}
	}
	m.Event = u.EventName
}

// Chat is where a message was written. Ids are strings and are never parsed as numbers.
type Chat struct {
	ID string `json:"id"`
	// ChatType is "PRIVATE" or "GROUP".
	ChatType string `json:"chat_type"`
}

// From is the sender of a message.
type From struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
	// FirstName is how older answers name the sender.
	FirstName string `json:"first_name"`
	IsBot     bool   `json:"is_bot"`
}

// Name is how the sender is shown to others.
func (f From) Name() string {
	if f.DisplayName != "" {
		return f.DisplayName
	}
	return f.FirstName
}

// decodeUpdate reads getUpdates' result: documented as one update object; an array of them (as
// Telegram answers) yields the first.
func decodeUpdate(raw json.RawMessage) (*Update, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '[' {
		var ups []Update
		if err := json.Unmarshal(raw, &ups); err != nil {
			return nil, fmt.Errorf("zalo: getUpdates: %w", err)
		}
		if len(ups) == 0 {
			return nil, nil
		}
		ups[0].normalize()
		return &ups[0], nil
	}
	var u Update
	if err := json.Unmarshal(raw, &u); err != nil {
		return nil, fmt.Errorf("zalo: getUpdates: %w", err)
	}
	if u.Message == nil {
		return nil, nil
	}
	u.normalize()
	return &u, nil
}

// DecodeDelivery reads a webhook body in either shape: the documented {"ok":true,"result":{…}}
// or the bare {event_name, message} integrations report from real deliveries. ok is false for a
// body that is neither (or carries no message).
func DecodeDelivery(body []byte) (Update, bool) {
	var env struct {
		OK     *bool           `json:"ok"`
		Result json.RawMessage `json:"result"`
		Update
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return Update{}, false
	}
	u := env.Update
	if env.OK != nil && len(env.Result) > 0 && string(env.Result) != "null" {
		u = Update{}
		if err := json.Unmarshal(env.Result, &u); err != nil {
			return Update{}, false
		}
	}
	if u.Message == nil {
		return Update{}, false
	}
	u.normalize()
	return u, true
}

// Sent is what sendMessage and sendPhoto answer.
type Sent struct {
	MessageID string `json:"message_id"`
	Date      int64  `json:"date"`
}

// Event names (docs, Webhook).
const (
	EventText        = "message.text.received"
	EventImage       = "message.image.received"
	EventSticker     = "message.sticker.received"
	EventUnsupported = "message.unsupported.received"
)

// Message is a message a user wrote to the bot or in a group the bot is in.
type Message struct {
	// Event is the update's event_name (EventText…), copied here so a handler sees it.
	Event     string `json:"-"`
	MessageID string `json:"message_id"`
	// Date is in milliseconds since the epoch.
	Date int64  `json:"date"`
	Text string `json:"text"`
	// Photo is an image's link: the docs call the field photo, integrations report photo_url
	// (openclaw extensions/zalo, lucanhost/go-zalo-bot-api); decoding fills Photo from either.
	Photo    string `json:"photo"`
	PhotoURL string `json:"photo_url"`
	Caption  string `json:"caption"`
	Sticker  string `json:"sticker"`
	Chat     Chat   `json:"chat"`
	From     From   `json:"from"`
}
