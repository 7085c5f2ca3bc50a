package chat

import (
	"context"

	"github.com/coordbot/coordbot/bot"
)

// programmeState loads what every status is derived from: the activities and the latest report of
// each (of each occurrence, for a recurring one).
func (b *Bot) programmeState(ctx context.Context) ([]bot.Activity, map[string]bot.Report, error) {
	acts, err := b.cfg.Store.Activities(ctx)
	if err != nil {
		return nil, nil, err
	}
	latest, err := b.cfg.Store.Latest(ctx)
	if err != nil {
		return nil, nil, err
	}
	return acts, latest, nil
}
