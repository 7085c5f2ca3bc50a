package view

import (
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
)

// Digest writes the digest in lang.
func (v View) Digest(lang string, d bot.Digest) string {
	var sb strings.Builder
	sb.WriteString(i18n.DigestHead.F(lang, v.Date(d.At)))
	if u, ok := v.Programme.Unit(d.Unit); ok && d.Unit != "" {
		sb.WriteString("\n" + i18n.DigestUnit.F(lang, Esc(u.Name.In(lang))))
	}
	sb.WriteString("\n\n" + i18n.DigestWeek.F(lang))
	for i, it := range d.Week {
		if i == DigestMax {
			sb.WriteString("\n" + i18n.DigestMoreWeek.F(lang, len(d.Week)-DigestMax))
			break
		}
		a := it.Activity
		fmt.Fprintf(&sb, "\n• <b>%s</b> %s — %s · %s", Esc(a.Code), Esc(Truncate(Title(lang, a), TitleMax)), v.Time(it.State.Occ), Bar(it.State.Latest.Percent))
	}
	if len(d.Week) == 0 {
		sb.WriteString("\n" + i18n.DigestNone.F(lang))
	}
	if d.Open > 0 {
		sb.WriteString("\n\n" + i18n.DigestProg.F(lang, d.Open, d.Average))
	}
	if len(d.Stale) > 0 {
		sb.WriteString("\n\n" + i18n.NudgeHead.F(lang))
		for i, it := range d.Stale {
			if i == DigestMax {
				sb.WriteString("\n" + i18n.DigestMoreStale.F(lang, len(d.Stale)-DigestMax))
				break
			}
			a := it.Activity
			var whos []string
			if o := v.OwnerUnit(lang, a); o != "" {
				whos = append(whos, Esc(Truncate(o, TitleMax)))
			}
			if a.Person != "" {
				whos = append(whos, Esc(Truncate(PersonText(a.Person), TitleMax)))
			} else if it.State.Reported {
				whos = append(whos, Mention(it.State.Latest.UserID, it.State.Latest.Name))
			}
			who := ""
			if len(whos) > 0 {
				who = " — " + strings.Join(whos, " · ")
			}
			occ := ""
			if it.State.OccKey != "" {
				occ = i18n.OccOf.F(lang, v.Date(it.State.Occ))
			}
			fmt.Fprintf(&sb, "\n• <b>%s</b> %s%s%s", Esc(a.Code), Esc(Truncate(Title(lang, a), TitleMax)), occ, who)
		}
	}
	return sb.String()
}
