package chat

import (
	"context"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/view"
)

// This file is what the Bot offers besides Handle: what the scheduler, the one-shot `ask`
// command and the dashboard call. Each hands over to the family that does it.

// Answer answers a question about the programme without a chat: the `coordbot ask` command.
func (b *Bot) Answer(lang, question string) (Reply, bool) { return b.asks.Answer(lang, question) }

// Fire sends one due reminder: an activity's, a chat's own, or the weekly digest.
func (b *Bot) Fire(ctx context.Context, f bot.Firing) error { return b.fires.Fire(ctx, f) }

// EnsureDigest keeps the weekly digest's reminder on schedule spec.
func (b *Bot) EnsureDigest(ctx context.Context, spec string) error {
	return b.fires.EnsureDigest(ctx, spec)
}

// CanSeeDashboard says whether userID may open the dashboard.
func (b *Bot) CanSeeDashboard(userID bot.ID) bool { return b.recs.CanSeeDashboard(userID) }

// DashboardURL is the dashboard's address, "" when it is not offered.
func (b *Bot) DashboardURL() string { return b.recs.DashboardURL() }

// Quarter is the first and last day of the quarter holding now, in the bot's zone.
func (b *Bot) Quarter(now time.Time) (from, to time.Time) { return b.recs.Quarter(now) }

// Dashboard reads the store and builds the dashboard for user, in lang, for the days from..to.
func (b *Bot) Dashboard(ctx context.Context, user bot.ID, lang string, from, to time.Time) (Dashboard, error) {
	return b.recs.Dashboard(ctx, user, lang, from, to)
}

// BuildDashboard is the dashboard's data from values already loaded.
func (b *Bot) BuildDashboard(lang string, from, to, now time.Time, acts []bot.Activity, latest map[string]bot.Report, reports []bot.Report) Dashboard {
	return b.recs.BuildDashboard(lang, from, to, now, acts, latest, reports)
}

// PlainText turns a reply's HTML into the text a reader sees (view.PlainText), for transports
// that show plain text: the console, Zalo.
func PlainText(h string) string { return view.PlainText(h) }

// UpdateKeyOf names an update for the store's inbox (redisstore.NewInbox).
func UpdateKeyOf(u Update) bot.UpdateKey { return u.ID }
