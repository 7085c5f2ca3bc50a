package chat

import (
	"context"
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/view"
)

// Answer is the bot's reply to a question about the programme, and whether the programme held an
// answer. It needs no store, so it also serves `coordbot ask` and works while Redis is down.
func (b *asker) Answer(lang, question string) (Reply, bool) {
	res := b.index.Search(question)
	if !res.Found {
		r := Reply{Text: i18n.NotFound.F(lang)}
		if len(res.Suggestions) > 0 {
			r.Text += "\n\n" + i18n.Maybe.F(lang)
			for _, p := range res.Suggestions {
				r.Buttons = append(r.Buttons, []Button{{Text: view.Truncate(p.Heading.In(lang), 40), Data: "p:" + p.ID}})
			}
		}
		return r, false
	}
	best := res.Hits[0].Passage
	text := passageText(lang, best)
	if f := res.Fact; f != nil {
		// A recognised question is answered from the programme's facts, with their passage as source.
		text = fmt.Sprintf("%s\n\n<i>%s</i>", view.Esc(f.Text.In(lang)), i18n.Source.F(lang, view.Esc(best.Source.In(lang))))
	}
	if len(res.Hits) > 1 {
		var more []string
		for _, h := range res.Hits[1:] {
			more = append(more, view.Esc(h.Passage.Heading.In(lang)))
		}
		text += fmt.Sprintf("\n\n<i>%s: %s</i>", i18n.SeeAlso.F(lang), strings.Join(more, "; "))
	}
	r := Reply{Text: text}
	for _, h := range res.Hits[1:] {
		r.Buttons = append(r.Buttons, []Button{{Text: view.Truncate(h.Passage.Heading.In(lang), 40), Data: "p:" + h.Passage.ID}})
	}
	return r, true
}

// passageText shows a passage with where it comes from.
func passageText(lang string, p programme.Passage) string {
	return fmt.Sprintf("<b>%s</b>\n%s\n\n<i>%s</i>", view.Esc(p.Heading.In(lang)), view.Esc(p.Body.In(lang)), i18n.Source.F(lang, view.Esc(p.Source.In(lang))))
}

func (b *asker) ask(ctx context.Context, req *Request) error {
	if strings.TrimSpace(req.Args) == "" {
		return userErr(i18n.AskEmpty)
	}
	return b.routeAsk(ctx, req, req.Args)
}

// showPassage answers a suggestion button with the passage it names.
func (b *asker) showPassage(ctx context.Context, req *Request, _, id string) error {
	for _, p := range b.index.Passages() {
		if p.ID == id {
			if err := b.ack(ctx, req, ""); err != nil {
				return err
			}
			return b.reply(ctx, req, passageText(req.Lang, p))
		}
	}
	return b.ack(ctx, req, i18n.Gone.F(req.Lang))
}
