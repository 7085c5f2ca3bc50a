package chat

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
)

// SeedPlan adds the programme file's activities that the store does not have yet, so a plan in
// the file is loaded on first start and coordinators' later edits are kept on every start after.
// It returns how many were added.
func (b *Bot) SeedPlan(ctx context.Context) (int, error) {
	added := 0
	for _, pa := range b.cfg.Programme.Activities {
		a, err := b.fromProgramme(pa)
		if err != nil {
			return added, fmt.Errorf("activity %s: %w", pa.Code, err)
		}
		au := bot.Audit{At: b.cfg.Now(), ByName: "tệp chương trình", Action: bot.ActActivityAdd, After: b.acts.describe(a)}
		_, _, err = b.acts.changeActivity(ctx, bot.ActivityChange{Activity: a, Create: true, Audit: au})
		if errors.Is(err, bot.ErrExists) {
			continue
		}
		if err != nil {
			return added, err
		}
		added++
	}
	return added, nil
}

// fromProgramme turns a programme file's activity into a stored one.
func (b *Bot) fromProgramme(pa programme.Activity) (bot.Activity, error) {
	a := bot.Activity{Code: strings.ToUpper(pa.Code), Title: pa.Title.VI, TitleEN: pa.Title.EN, Content: pa.Content,
		Unit: strings.ToUpper(pa.Unit), Owner: pa.Owner, Person: pa.Person, Tally: quantity.Mode(pa.Tally),
		Every: pa.Every, Status: bot.Planned, Updated: b.cfg.Now()}
	if pa.Targets != "" {
		ts, err := quantity.Parse(pa.Targets)
		if err != nil {
			return a, err
		}
		a.Targets = ts
	}
	at, ok, err := pa.At(b.cfg.Loc)
	if err != nil {
		return a, err
	}
	if ok {
		a.At = at
	}
	// A recurring activity whose file gives no first time has no first time: its occurrences are
	// its schedule's, not those after the day the file was loaded (a monthly briefing on the 1st
	// loaded on the 4th still has this month's, which can be reported).
	if len(pa.Lead) > 0 {
		if a.Lead, err = pa.LeadTimes(); err != nil {
			return a, err
		}
	}
	return a, nil
}
