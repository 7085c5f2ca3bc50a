package telegramtest

import "encoding/json"

// User is a Telegram user as the tests describe it; the server sends it in the Bot API's shape.
type User struct {
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
	IsBot        bool
}

// Chat is a chat as the tests describe it. Type is "private", "group" or "supergroup".
type Chat struct {
	ID    int64
	Type  string
	Title string
}

// Private is the private chat between the bot and u: Telegram gives it the user's id.
func Private(u User) Chat { return Chat{ID: u.ID, Type: "private"} }

// Group is a basic group; its id must be negative, as Telegram's are.
func Group(id int64, title string) Chat { return Chat{ID: id, Type: "group", Title: title} }

// Supergroup is a supergroup; Telegram's ids for them look like -100xxxxxxxxxx.
func Supergroup(id int64, title string) Chat { return Chat{ID: id, Type: "supergroup", Title: title} }

// The wire types below are the subset of the Bot API's JSON the server speaks. They are the
// server's own, not tgbotapi's, so that the tests check tgbotapi against Telegram's format rather
// than against itself.

type wireUser struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name,omitempty"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

func (u User) wire() *wireUser {
	return &wireUser{ID: u.ID, IsBot: u.IsBot, FirstName: u.FirstName, LastName: u.LastName,
		Username: u.Username, LanguageCode: u.LanguageCode}
}

type wireChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Username  string `json:"username,omitempty"`
	FirstName string `json:"first_name,omitempty"`
}

type wireEntity struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
}

type wirePhotoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int    `json:"file_size,omitempty"`
}

type wireDocument struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

type wireButton struct {
	Text         string         `json:"text"`
	CallbackData *string        `json:"callback_data,omitempty"`
	URL          string         `json:"url,omitempty"`
	WebApp       *wireWebAppURL `json:"web_app,omitempty"`
}

type wireWebAppURL struct {
	URL string `json:"url"`
}

type wireMarkup struct {
	InlineKeyboard [][]wireButton `json:"inline_keyboard"`
}

type wireMessage struct {
	MessageID         int             `json:"message_id"`
	From              *wireUser       `json:"from,omitempty"`
	Date              int64           `json:"date"`
	Chat              *wireChat       `json:"chat"`
	Text              string          `json:"text,omitempty"`
	Entities          []wireEntity    `json:"entities,omitempty"`
	Caption           string          `json:"caption,omitempty"`
	CaptionEntities   []wireEntity    `json:"caption_entities,omitempty"`
	Photo             []wirePhotoSize `json:"photo,omitempty"`
	Document          *wireDocument   `json:"document,omitempty"`
	MigrateToChatID   int64           `json:"migrate_to_chat_id,omitempty"`
	MigrateFromChatID int64           `json:"migrate_from_chat_id,omitempty"`
	ReplyMarkup       *wireMarkup     `json:"reply_markup,omitempty"`
}

type wireCallback struct {
	ID           string       `json:"id"`
	From         *wireUser    `json:"from"`
	Message      *wireMessage `json:"message,omitempty"`
	ChatInstance string       `json:"chat_instance"`
	Data         string       `json:"data,omitempty"`
}

type wireUpdate struct {
	UpdateID      int           `json:"update_id"`
	Message       *wireMessage  `json:"message,omitempty"`
	EditedMessage *wireMessage  `json:"edited_message,omitempty"`
	CallbackQuery *wireCallback `json:"callback_query,omitempty"`
}

type wireResponse struct {
	OK          bool            `json:"ok"`
	Result      any             `json:"result,omitempty"`
	ErrorCode   int             `json:"error_code,omitempty"`
	Description string          `json:"description,omitempty"`
	Parameters  *wireParameters `json:"parameters,omitempty"`
}

type wireParameters struct {
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
	RetryAfter      int   `json:"retry_after,omitempty"`
}

type wireCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// mustJSON marshals values the server built itself, which cannot fail to encode.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
