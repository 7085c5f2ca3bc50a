package chat

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
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
	sb.WriteString(i18n.HistHead.F(req.Lang, esc(a.Code), esc(a.TitleIn(req.Lang))))
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
	line := fmt.Sprintf("%s — %s <b>%s</b>", b.acts.fmtTime(e.At), i18n.HistBy.F(lang, esc(who)), what)
	before, after := auditValue(lang, e.Before), auditValue(lang, e.After)
	switch {
	case before != "" && after != "":
		line += ": " + esc(before) + " → " + esc(after)
	case after != "":
		line += ": " + esc(after)
	case before != "":
		line += ": " + esc(before)
	}
	if e.Reason != "" {
		line += " (" + i18n.HistWhy.F(lang, esc(e.Reason)) + ")"
	}
	if e.Report != "" && e.Report != bot.NewReportID {
		// The report's id, which a coordinator may give to /baocao rut or sua.
		line += " " + i18n.HistReport.F(lang, esc(e.Report))
	}
	return line
}

// auditValue shows a before/after value of the audit: a status in words, anything else as kept.
func auditValue(lang, v string) string {
	if i18n.IsStatus(v) {
		return i18n.StatusName(lang, bot.Status(v))
	}
	return v
}

var (
	msgSomeone = msg{VI: "một người dùng", EN: "a user"}
	msgAGroup  = msg{VI: "một nhóm", EN: "a group"}
	// machineDate is a day as the store keeps it (an occurrence "@2026-12-07").
	machineDate = regexp.MustCompile(`@?(\d{4})-(\d{2})-(\d{2})\b`)
	// machineID is a chat or user id ("tg:-1001", "zl:123").
	machineID = regexp.MustCompile(`\b[a-z]{2}:-?\d+\b`)
)

// journalNames are the names the audit itself gives ids: who made each entry, and the title of
// each group an entry concerns (a group entry's value starts with its title).
func journalNames(entries []bot.Audit) map[bot.ID]string {
	names := map[bot.ID]string{}
	for _, e := range entries {
		if !e.By.IsZero() && e.ByName != "" {
			names[e.By] = e.ByName
		}
		if !e.Chat.IsZero() && strings.HasPrefix(e.Action, "group.") {
			for _, v := range []string{e.After, e.Before} {
				if title, _, _ := strings.Cut(v, " · "); title != "" {
					names[e.Chat] = title
					break
				}
			}
		}
	}
	return names
}

// nameOr is id's name in names, else what m says ("một nhóm").
func nameOr(lang string, names map[bot.ID]string, id bot.ID, m msg) string {
	if n := names[id]; n != "" {
		return n
	}
	return m.F(lang)
}

// plainValue is v without machine values, for the workbook a leader signs: a stored day
// ("@2026-12-07") as 07/12/2026, an id as the name the audit gives it, no emoji.
func plainValue(lang, v string, names map[bot.ID]string) string {
	v = machineDate.ReplaceAllString(v, "$3/$2/$1")
	v = machineID.ReplaceAllStringFunc(v, func(id string) string {
		m := msgSomeone
		if strings.Contains(id, ":-") {
			m = msgAGroup
		}
		return nameOr(lang, names, bot.ID(id), m)
	})
	v = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.So, r) || r == '\uFE0F' || r == '\u200D' || unicode.Is(unicode.Sk, r) && r > 0x1F000 {
			return -1
		}
		return r
	}, v)
	return strings.Join(strings.Fields(v), " ")
}
