package chat

import (
	"context"
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/view"
)

// botTopics map a question's words to the route whose help answers it.
var botTopics = []struct {
	route string
	cues  []string
	// fix is true for how to correct or withdraw a report.
	fix bool
}{
	{"report", []string{"sua bao cao", "sua lai", "rut bao cao", "bao cao nham", "bao cao sai", "nham", "correct", "fix", "withdraw", "undo"}, true},
	{"subscribe", []string{"dang ky", "subscribe", "dang ki"}, false},
	{"cancelreminder", []string{"huy nhac", "huy loi nhac", "cancel a reminder", "cancel reminder"}, false},
	{"remind", []string{"nhac", "loi nhac", "reminder", "remind"}, false},
	{"report", []string{"bao cao", "report", "reporting"}, false},
	{"lang", []string{"ngon ngu", "tieng anh", "tieng viet", "english", "language"}, false},
	{"buttons", []string{"nut", "nut bam", "button", "buttons"}, false},
}

// botReading answers how to use the bot, from the route table's help.
func (b *asker) botReading(req *Request, f string, how bool) *reading {
	for _, t := range botTopics {
		if !hasAnyPhrase(f, t.cues...) {
			continue
		}
		conf := 0.5
		if how || hasAnyPhrase(f, "gi", "what", "la gi") {
			conf = 0.9
		}
		if t.route == "report" && !t.fix && !how {
			// "báo cáo" alone is also about the work ("A7 đã báo cáo chưa").
			conf = 0.4
		}
		if t.route == "buttons" {
			return &reading{kind: askBot, conf: conf, what: "buttons", run: func(ctx context.Context, req *Request) error {
				return b.reply(ctx, req, i18n.AskButtons.F(req.Lang))
			}}
		}
		route, fix := t.route, t.fix
		return &reading{kind: askBot, conf: conf, what: route, run: func(ctx context.Context, req *Request) error {
			return b.reply(ctx, req, b.routeHelp(req, route, fix))
		}}
	}
	return nil
}

// routeHelp is the route table's help for route, with an example in the asker's language and
// what the asker's role needs.
func (b *asker) routeHelp(req *Request, name string, fix bool) string {
	lang := req.Lang
	r := b.routes[name]
	if name == "report" {
		// The report's own usage text holds the example, the correction and the withdrawal.
		return r.help.F(lang) + "\n" + i18n.ReportUsage.F(lang) + "\n" + i18n.AskRoleReport.F(lang)
	}
	cmd := "/" + r.menuName(lang)
	usage := ""
	if u := r.usage.F(lang); u != "" {
		usage = " " + view.Esc(u)
	}
	text := fmt.Sprintf("<b>%s%s</b> — %s", cmd, usage, view.Esc(r.help.F(lang)))
	if ex, ok := i18n.RouteExamples[name]; ok {
		text += "\n" + msg{VI: "Ví dụ: ", EN: "Example: "}.F(lang) + view.Esc(strings.ReplaceAll(ex.F(lang), "CMD", cmd))
	}
	switch {
	case (r.admin || r.viewer) && !b.isAdmin(req.From.ID):
		text += "\n" + i18n.AskRoleAdmin.F(lang, "/"+b.routes["reminders"].menuName(lang))
	case r.groupAdmin:
		text += "\n" + i18n.AskRoleGroup.F(lang)
	}
	return text
}

// routeAsk answers free text: the surest of the work and bot readings, else the programme.
func (b *asker) routeAsk(ctx context.Context, req *Request, q string) error {
	rd := b.readQuestion(ctx, req, q)
	if rd != nil && rd.conf >= sureIntent {
		if err := rd.run(ctx, req); err != nil {
			return err
		}
		if rd.more != "" {
			return b.reply(ctx, req, i18n.AskMore.F(req.Lang, rd.more))
		}
		return nil
	}
	r, found := b.Answer(req.Lang, q)
	if !found && rd != nil {
		// Below the confidence: say what was understood, with the closest programme items.
		what := rd.more
		if what == "" {
			what = "/" + b.routes[rd.what].menuName(req.Lang)
			if rd.what == "buttons" {
				what = "/trogiup"
			}
		}
		kind := i18n.AskKindWork
		if rd.kind == askBot {
			kind = i18n.AskKindBot
		}
		r.Text = i18n.AskUnderstood.F(req.Lang, kind.F(req.Lang), view.Esc(what))
		if len(r.Buttons) > 2 {
			r.Buttons = r.Buttons[:2]
		}
	}
	r.ChatID = req.ChatID
	_, err := b.send(ctx, r)
	return err
}
