package chat

import (
	"context"
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/view"
)

func (b *asker) start(ctx context.Context, req *Request) error {
	// A deep link (t.me/bot?start=payload) arrives as "/start payload".
	if req.Args != "" {
		if ok, err := b.startPayload(ctx, req); ok || err != nil {
			return err
		}
	}
	p := b.cfg.Programme
	return b.reply(ctx, req, i18n.Start.F(req.Lang, html.EscapeString(req.From.Name()), html.EscapeString(p.Title.In(req.Lang))))
}

// startPayload handles deep-link payloads: "report" and "report-CODE" open the report flow.
func (b *asker) startPayload(ctx context.Context, req *Request) (bool, error) {
	p := req.Args
	switch {
	case p == "report":
		return true, b.reps.startReportFlow(ctx, req, "")
	case strings.HasPrefix(p, "report-"):
		return true, b.reps.startReportFlow(ctx, req, strings.TrimPrefix(p, "report-"))
	case p == "activity":
		if !b.isAdmin(req.From.ID) {
			return true, userErr(i18n.AdminOnly)
		}
		return true, b.acts.startActivityFlow(ctx, req)
	}
	return false, nil
}

func (b *asker) help(ctx context.Context, req *Request) error {
	return b.reply(ctx, req, b.helpText(req.Lang, b.isAdmin(req.From.ID)))
}

// program is the overview: title, parties, period, signing date, attendees, content areas.
func (b *asker) program(ctx context.Context, req *Request) error {
	return b.reply(ctx, req, b.overview(req.Lang))
}

func (b *asker) overview(lang string) string {
	p := b.cfg.Programme
	var sb strings.Builder
	fmt.Fprintf(&sb, "📘 <b>%s</b>\n", view.Esc(p.Title.In(lang)))
	if s := p.Summary.In(lang); s != "" {
		fmt.Fprintf(&sb, "%s\n", view.Esc(s))
	}
	sb.WriteString("\n")
	var parties []string
	for _, pt := range p.Parties {
		parties = append(parties, view.Esc(pt.Name.In(lang)))
	}
	fmt.Fprintf(&sb, "<b>%s:</b> %s\n", i18n.Parties.F(lang), strings.Join(parties, "; "))
	fmt.Fprintf(&sb, "<b>%s:</b> %d – %d\n", i18n.Period.F(lang), p.Period.From, p.Period.To)
	if !p.SignedOn.IsZero() {
		when := p.SignedOn.Format("02/01/2006")
		if q := p.SignedWhen.In(lang); q != "" {
			when = q + " " + when
		}
		fmt.Fprintf(&sb, "<b>%s:</b> %s\n", i18n.Signed.F(lang), view.Esc(when))
	}
	if len(p.Attendees) > 0 {
		fmt.Fprintf(&sb, "<b>%s:</b>\n", i18n.Attendees.F(lang))
		for _, a := range p.Attendees {
			name := a.Name
			if r := a.Rank.In(lang); r != "" {
				name = r + " " + name
			}
			fmt.Fprintf(&sb, "• %s — %s\n", view.Esc(name), view.Esc(a.Position.In(lang)))
		}
	}
	fmt.Fprintf(&sb, "\n<b>%s:</b>\n", i18n.Contents.F(lang, len(p.Contents)))
	for i, c := range p.Contents {
		fmt.Fprintf(&sb, "%d. %s\n", i+1, view.Esc(c.Title.In(lang)))
	}
	if len(p.Movements) > 0 {
		var ms []string
		for _, m := range p.Movements {
			ms = append(ms, "“"+view.Esc(m.Name.In(lang))+"”")
		}
		fmt.Fprintf(&sb, "\n<b>%s:</b> %s\n", i18n.Movements.F(lang), strings.Join(ms, ", "))
	}
	sb.WriteString("\n")
	sb.WriteString(i18n.MoreAbout.F(lang, len(p.Contents)))
	return sb.String()
}

// content shows one content area in full.
func (b *asker) content(ctx context.Context, req *Request) error {
	p := b.cfg.Programme
	n := len(p.Contents)
	arg := strings.TrimSpace(req.Args)
	if arg == "" {
		return userErr(i18n.NoN, n)
	}
	i, err := strconv.Atoi(arg)
	if err != nil || i < 1 || i > n {
		return userErr(i18n.BadN, view.Truncate(arg, 20), n, n)
	}
	c := p.Contents[i-1]
	text := fmt.Sprintf("<b>%s</b>\n<b>%s</b>\n\n%s", i18n.ContentN.F(req.Lang, i, n), view.Esc(c.Title.In(req.Lang)), view.Esc(c.Body.In(req.Lang)))
	return b.reply(ctx, req, text)
}

// lang sets the user's reply language.
func (b *asker) lang(ctx context.Context, req *Request) error {
	l, ok := i18n.Norm(req.Args)
	if !ok {
		return userErr(i18n.LangBad)
	}
	if err := b.cfg.Store.SetLang(ctx, req.From.ID, l); err != nil {
		return err
	}
	req.Lang = l
	return b.reply(ctx, req, i18n.LangSet.F(l))
}
