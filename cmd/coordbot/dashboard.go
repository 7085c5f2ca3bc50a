package main

import (
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
