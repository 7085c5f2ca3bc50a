package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/webapp"
)

// parseIDs reads a comma-separated list of user ids (Telegram numbers, or zl: Zalo ids) from the
// setting env.
func parseIDs(env, list string) (map[bot.ID]bool, error) {
	ids := map[bot.ID]bool{}
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		id, err := bot.ParseID(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a user id (comma-separated: a Telegram number, or zl: and a Zalo id)", env, f)
		}
		ids[id] = true
	}
	return ids, nil
}

// dashboardURL is where the dashboard is opened from Telegram; "" without a public URL.
func dashboardURL(c Config) string {
	if c.PublicURL == "" {
		return ""
	}
	return c.PublicURL + "/app/"
}

// dashboardHandler serves the Mini App dashboard under /app/.
func dashboardHandler(b *chat.Bot, c Config, log *slog.Logger) http.Handler {
	return webapp.Handler(webapp.Config{Token: c.Token, Source: b, Loc: c.TZ, Logger: log})
}

// dashboardMenuButton is the menu button coordinators and viewers get: the dashboard when it is
// offered (no BotFather setting needed), else Telegram's default, so a button left by an earlier
// start with a public URL does not point at nothing.
type menuButtonSetter interface {
	SetMenuButton(ctx context.Context, chatID int64, text, url string) error
}

func setMenuButtons(ctx context.Context, tg menuButtonSetter, c Config, log *slog.Logger) {
	ids := map[int64]bool{}
	for _, set := range []map[bot.ID]bool{c.Admins, c.Viewers} {
		for id := range set {
			if n, ok := id.Telegram(); ok { // the Mini App is Telegram's; Zalo users have none
				ids[n] = true
			}
		}
	}
	url := dashboardURL(c)
	for id := range ids {
		// A user who never opened a chat with the bot has no chat to set it in: Telegram says
		// "chat not found", and the button comes with the next start after they have.
		if err := tg.SetMenuButton(ctx, id, chat.DashboardLabel(c.Lang), url); err != nil {
			log.Warn("could not set the dashboard menu button", "user", id, "err", err)
		}
	}
}
