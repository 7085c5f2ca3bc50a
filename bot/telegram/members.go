package telegram

import (
	"context"

	"github.com/coordbot/coordbot/bot/chat"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// MemberStatus asks Telegram for a user's status in a group (bot.MemberChecker): "creator",
// "administrator", "member", "restricted", "left" or "kicked". A chat or user of another
// platform is "left": Telegram knows nothing of it.
func (c *Client) MemberStatus(ctx context.Context, chat, user chat.ID) (string, error) {
	chatID, ok1 := chat.Telegram()
	userID, ok2 := user.Telegram()
	if !ok1 || !ok2 {
		return "left", nil
	}
	var status string
	err := c.do(ctx, chatID, "getChatMember", func(api *tgbotapi.BotAPI) error {
		m, err := api.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chatID, UserID: userID}})
		status = m.Status
		return err
	})
	return status, err
}
