package chat

import (
	"context"
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/view"
)

// history shows an activity's audit entries in order: who did what, when, before and after.
func (b *records) history(ctx context.Context, req *Request) error {
	code := strings.TrimSpace(req.Args) // a code or a name (mustActivity)
	if code == "" {
		return userErr(i18n.HistUsage)
	}
	a, err := b.acts.mustActivity(ctx, code)
	if err != nil {
		return err
	}
	entries, err := b.cfg.Store.History(ctx, a.Code)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString(i18n.HistHead.F(req.Lang, view.Esc(a.Code), view.Esc(view.Title(req.Lang, a))))
	if len(entries) == 0 {
		sb.WriteString("\n" + i18n.HistNone.F(req.Lang))
	}
	for _, e := range entries {
		sb.WriteString("\n• " + b.auditLine(req.Lang, e))
	}
	return b.reply(ctx, req, sb.String())
}

// auditLine is one audit entry as people read it.
func (b *records) auditLine(lang string, e bot.Audit) string {
	what := e.Action
	if m, ok := i18n.Actions[e.Action]; ok {
		what = m.F(lang)
	}
	who := e.ByName
	if who == "" {
		who = "#" + e.By.String()
	}
	line := fmt.Sprintf("%s — %s <b>%s</b>", b.view.Time(e.At), i18n.HistBy.F(lang, view.Esc(who)), what)
	before, after := view.AuditValue(lang, e.Before), view.AuditValue(lang, e.After)
	switch {
	case before != "" && after != "":
		line += ": " + view.Esc(before) + " → " + view.Esc(after)
	case after != "":
		line += ": " + view.Esc(after)
	case before != "":
		line += ": " + view.Esc(before)
	}
	if e.Reason != "" {
		line += " (" + i18n.HistWhy.F(lang, view.Esc(e.Reason)) + ")"
	}
	if e.Report != "" && e.Report != bot.NewReportID {
		// The report's id, which a coordinator may give to /baocao rut or sua.
		line += " " + i18n.HistReport.F(lang, view.Esc(e.Report))
	}
	return line
}
