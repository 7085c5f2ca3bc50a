package telegram

import (
	"context"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// MemberStatus asks Telegram for a user's status in a group (bot.MemberChecker): "creator",
// "administrator", "member", "restricted", "left" or "kicked".
func (c *Client) MemberStatus(ctx context.Context, chatID, userID int64) (string, error) {
	var status string
	err := c.do(ctx, chatID, "getChatMember", func(api *tgbotapi.BotAPI) error {
		m, err := api.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chatID, UserID: userID}})
		status = m.Status
		return err
	})
	return status, err
}
