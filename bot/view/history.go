package view

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
)

// AuditValue shows a before/after value of the audit: a status in words, anything else as kept.
func AuditValue(lang, v string) string {
	if i18n.IsStatus(v) {
		return i18n.StatusName(lang, bot.Status(v))
	}
	return v
}

// JournalNames are the names the audit itself gives ids: who made each entry, and the title of
// each group an entry concerns (a group entry's value starts with its title).
func JournalNames(entries []bot.Audit) map[bot.ID]string {
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

// NameOr is id's name in names, else what m says ("một nhóm").
func NameOr(lang string, names map[bot.ID]string, id bot.ID, m i18n.Text) string {
	if n := names[id]; n != "" {
		return n
	}
	return m.F(lang)
}

// PlainValue is v without machine values, for the workbook a leader signs: a stored day
// ("@2026-12-07") as 07/12/2026, an id as the name the audit gives it, no emoji.
func PlainValue(lang, v string, names map[bot.ID]string) string {
	v = machineDate.ReplaceAllString(v, "$3/$2/$1")
	v = machineID.ReplaceAllStringFunc(v, func(id string) string {
		m := i18n.Someone
		if strings.Contains(id, ":-") {
			m = i18n.AGroup
		}
		return NameOr(lang, names, bot.ID(id), m)
	})
	v = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.So, r) || r == '\uFE0F' || r == '\u200D' || unicode.Is(unicode.Sk, r) && r > 0x1F000 {
			return -1
		}
		return r
	}, v)
	return strings.Join(strings.Fields(v), " ")
}

// GroupAudit is how a group reads in the audit: its title, and its unit when it has one.
func GroupAudit(title, unit string) string {
	if unit == "" {
		return title
	}
	return title + " · " + unit
}

var (
	// machineDate is a day as the store keeps it (an occurrence "@2026-12-07").
	machineDate = regexp.MustCompile(`@?(\d{4})-(\d{2})-(\d{2})\b`)
	// machineID is a chat or user id ("tg:-1001", "zl:123").
	machineID = regexp.MustCompile(`\b[a-z]{2}:-?\d+\b`)
)
