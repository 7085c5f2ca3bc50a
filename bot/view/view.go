package view

import (
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
)

// View renders domain values as text in the bot's zone, naming units from the programme. It reads
// no store and sends nothing.
type View struct {
	Programme *programme.Programme
	Loc       *time.Location
}

// Time shows t as dd/mm/yyyy HH:MM in the bot's time zone.
func (v View) Time(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(v.Loc).Format("02/01/2006 15:04")
}

// Date shows t as dd/mm/yyyy in the bot's time zone.
func (v View) Date(t time.Time) string { return t.In(v.Loc).Format("02/01/2006") }

// UnitName is the name of unit code in lang, or the code when the programme does not list it.
func (v View) UnitName(lang, code string) string {
	if u, ok := v.Programme.Unit(code); ok {
		return u.Name.In(lang)
	}
	return code
}

// OwnerUnit is who owns a, as shown: its unit's name, or the free-text owner.
func (v View) OwnerUnit(lang string, a bot.Activity) string {
	if a.Unit != "" {
		return v.UnitName(lang, a.Unit)
	}
	return a.Owner
}

// Title is a's title in lang, falling back to Vietnamese.
func Title(lang string, a bot.Activity) string { return i18n.Pick(lang, a.Title, a.TitleEN) }
