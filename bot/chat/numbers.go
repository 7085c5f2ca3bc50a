package chat

import (
	"context"
	"errors"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/view"
)

// A number such as "1,200" or "2.500" is twelve hundred to a Vietnamese reader and one point two
// to many phones: the bot asks which was meant, never guesses (quantity.AmbiguousError).

// numberQuestion is the error of a report whose quantities hold an ambiguous number: saveReport
// turns it into a question with a button for each reading; anywhere else its text says how to
// write the number.
type numberQuestion struct {
	ue  *UserError
	amb *quantity.AmbiguousError
}

func (q *numberQuestion) Error() string { return q.ue.Error() }
func (q *numberQuestion) Unwrap() error { return q.ue }

// ambiguityOf turns quantity's ambiguity into a numberQuestion, and leaves other errors alone.
func ambiguityOf(err error) (*numberQuestion, bool) {
	var q *numberQuestion
	if errors.As(err, &q) {
		return q, true
	}
	var amb *quantity.AmbiguousError
	if !errors.As(err, &amb) {
		return nil, false
	}
	th, dec := strings.NewReplacer(".", "", ",", "").Replace(amb.Number), ""
	sep := strings.IndexAny(amb.Number, ",.")
	dec = strings.TrimRight(amb.Number[:sep]+","+amb.Number[sep+1:], "0")
	dec = strings.TrimSuffix(dec, ",")
	ue := userErr(i18n.AmbNumber, amb.Number, quantity.Format(amb.Thousands, "vi"), quantity.Format(amb.Decimal, "vi"), th, dec).(*UserError)
	return &numberQuestion{ue: ue, amb: amb}, true
}

// askNumber stores the report's parts in the user's flow and asks what the ambiguous number is,
// with a button per reading that names the activity (so the route table checks the reporter).
func (b *reports) askNumber(ctx context.Context, req *Request, a bot.Activity, occ string, pct int, note string, q *numberQuestion) error {
	f := &bot.Flow{Kind: "qty", Code: a.Code, Occ: occ, Percent: pct, Step: q.amb.Number, Text: note}
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, f); err != nil {
		return err
	}
	buttons := []Button{
		{Text: quantity.Format(q.amb.Thousands, req.Lang), Data: "qa:" + a.Code + ":t"},
		{Text: quantity.Format(q.amb.Decimal, req.Lang), Data: "qa:" + a.Code + ":d"},
	}
	return b.reply(ctx, req, i18n.AmbAsk.F(req.Lang, view.Esc(q.amb.Number), view.Esc(a.Code)), buttons)
}

// onNumberButton takes the reading chosen for an ambiguous number and stores the report as it
// was typed, with the number as chosen. A press on an old question changes nothing.
func (b *reports) onNumberButton(ctx context.Context, req *Request, _, rest string) error {
	code, choice, _ := strings.Cut(rest, ":")
	f := req.Flow
	if f == nil || f.Kind != "qty" || !strings.EqualFold(f.Code, code) || (choice != "t" && choice != "d") {
		return b.ack(ctx, req, i18n.AmbDone.F(req.Lang))
	}
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	a, err := b.reportActivity(ctx, req, f.Code)
	if err != nil {
		return err
	}
	return b.saveReport(ctx, req, a, f.Occ, f.Percent, quantity.Resolve(f.Text, f.Step, choice == "t"))
}
