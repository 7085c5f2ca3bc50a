package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/webapp"
)

// parseIDs reads a comma-separated list of Telegram user ids from the setting env.
func parseIDs(env, list string) (map[int64]bool, error) {
	ids := map[int64]bool{}
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil || id == 0 {
			return nil, fmt.Errorf("%s: %q is not a Telegram user id (comma-separated numbers)", env, f)
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
func dashboardHandler(b *bot.Bot, c Config, log *slog.Logger) http.Handler {
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
	for id := range c.Admins {
		ids[id] = true
	}
	for id := range c.Viewers {
		ids[id] = true
	}
	url := dashboardURL(c)
	for id := range ids {
		// A user who never opened a chat with the bot has no chat to set it in: Telegram says
		// "chat not found", and the button comes with the next start after they have.
		if err := tg.SetMenuButton(ctx, id, bot.DashboardLabel(c.Lang), url); err != nil {
			log.Warn("could not set the dashboard menu button", "user", id, "err", err)
		}
	}
}
