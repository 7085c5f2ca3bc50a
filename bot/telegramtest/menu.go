package telegramtest

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// MenuButton is the menu button the bot set for a chat (setChatMenuButton): Type "web_app" with
// its Text and URL, or "default" / "commands".
type MenuButton struct {
	Type string
	Text string
	URL  string
}

// setChatMenuButton records the menu button of a private chat (chat_id 0: the bot's default).
// As Telegram, it wants an https URL for a web_app button.
func (s *Server) setChatMenuButton(c *call) (any, *apiError) {
	var chatID int64
	if v := c.params["chat_id"]; v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id == 0 {
			return nil, badRequest("chat not found")
		}
		chatID = id
	}
	var mb struct {
		Type   string         `json:"type"`
		Text   string         `json:"text"`
		WebApp *wireWebAppURL `json:"web_app"`
	}
	if raw := c.params["menu_button"]; raw != "" {
		if err := json.Unmarshal([]byte(raw), &mb); err != nil {
			return nil, badRequest("can't parse menu button JSON object")
		}
	} else {
		mb.Type = "default"
	}
	out := MenuButton{Type: mb.Type}
	switch mb.Type {
	case "default", "commands":
	case "web_app":
		if mb.Text == "" || mb.WebApp == nil || !strings.HasPrefix(mb.WebApp.URL, "https://") {
			return nil, badRequest("BUTTON_URL_INVALID")
		}
		out.Text, out.URL = mb.Text, mb.WebApp.URL
	default:
		return nil, badRequest("unsupported menu button type")
	}
	s.menus[chatID] = out
	return true, nil
}

// MenuButton is the menu button set for chatID (0: the default one), and whether one was set.
func (s *Server) MenuButton(chatID int64) (MenuButton, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.menus[chatID]
	return m, ok
}

// MenuButtonChats are the chats that have a menu button of their own, in order.
func (s *Server) MenuButtonChats() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int64
	for id := range s.menus {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
