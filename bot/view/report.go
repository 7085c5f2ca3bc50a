package view

import (
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/quantity"
)

// TargetsText shows targets against what was achieved: "12/20 buổi (60%), 320/500 lượt người (64%)".
func TargetsText(lang string, got []bot.Achieved) string {
	parts := make([]string, 0, len(got))
	for _, g := range got {
		s := quantity.Format(g.Value, lang) + "/" + quantity.Format(g.Target.Value, lang) + " " + Esc(g.Target.Unit)
		if g.Target.Value > 0 {
			s += fmt.Sprintf(" (%d%%)", int(g.Value/g.Target.Value*100+0.5))
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// Remarks points out, under a stored report, figures that look like a slip (issue 19): a
// quantity in this one report above the whole activity's target, and, where a report's figures
// stand for the whole (tally "latest"), 100% with under half a target reached. The report is
// stored as typed; the remark only asks to check it.
func Remarks(lang string, a bot.Activity, r bot.Report) string {
	var out strings.Builder
	for _, q := range r.Qty {
		for _, t := range a.Targets {
			if t.Key() != q.Key() || t.Value <= 0 {
				continue
			}
			if q.Value > t.Value {
				out.WriteString(i18n.OverTarget.F(lang, Esc(quantity.Format(q.Value, lang)+"/"+quantity.Format(t.Value, lang)+" "+t.Unit), int(q.Value/t.Value*100+0.5)))
			} else if r.Percent == 100 && a.Tally == quantity.Latest && q.Value < t.Value/2 {
				out.WriteString(i18n.DoneUnder.F(lang, Esc(quantity.Format(q.Value, lang)+"/"+quantity.Format(t.Value, lang)+" "+t.Unit)))
			}
		}
	}
	return out.String()
}

// ReportText is how a report reads in the audit.
func ReportText(r bot.Report) string {
	s := fmt.Sprintf("%d%%", r.Percent)
	if r.Occ != "" {
		s += " @" + r.Occ
	}
	if len(r.Qty) > 0 {
		s += " | " + Amounts("vi", r.Qty)
	}
	if r.Note != "" {
		s += " — " + Truncate(r.Note, 80)
	}
	return s + " · " + r.Name
}

// Amounts writes quantities the reader's way: "12 buổi, 320 lượt người".
func Amounts(lang string, qs []quantity.Amount) string {
	parts := make([]string, len(qs))
	for i, q := range qs {
		parts[i] = quantity.Format(q.Value, lang) + " " + q.Unit
	}
	return strings.Join(parts, ", ")
}
