package chat

import (
	"context"
	"errors"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/view"
)

// This file is units (đơn vị), owner persons and targets (chỉ tiêu) as the bot reads and shows
// them: what a coordinator types after "| đv", "| phụ trách", "| chỉ tiêu", and what a cadre
// types after "|" in a report.

// findUnit reads the unit a coordinator typed: a code or a name of one of the programme's units.
func (b *activities) findUnit(s string) (programme.Unit, error) {
	p := b.cfg.Programme
	if len(p.Units) == 0 {
		return programme.Unit{}, userErr(i18n.NoUnits)
	}
	switch us := p.FindUnits(s); len(us) {
	case 0:
		return programme.Unit{}, userErr(i18n.NoSuchUnit, view.Truncate(s, 40), strings.Join(p.UnitCodes(), ", "))
	case 1:
		return us[0], nil
	default:
		names := make([]string, len(us))
		ce := &choiceError{name: strings.TrimSpace(s)}
		for i, u := range us {
			names[i] = u.Name.VI + " (" + strings.ToUpper(u.Code) + ")"
			ce.choices = append(ce.choices, choice{label: u.Name.VI, code: strings.ToUpper(u.Code)})
		}
		ce.ue = userErr(i18n.ManyUnits, view.Truncate(s, 40), strings.Join(names, "; ")).(*UserError)
		return programme.Unit{}, ce
	}
}

// setOwnerUnit sets a's owner from "| đv …": one of the programme's units when it lists any,
// else free text as before units existed.
func (b *activities) setOwnerUnit(a *bot.Activity, s string) error {
	s = strings.TrimSpace(s)
	if len(b.cfg.Programme.Units) == 0 || s == "" {
		a.Owner, a.Unit = s, ""
		return nil
	}
	u, err := b.findUnit(s)
	if err != nil {
		return err
	}
	a.Unit, a.Owner = strings.ToUpper(u.Code), ""
	return nil
}

// parsePerson reads an owner person: "@username", a user's Telegram id, or "zl:…"; "" clears it.
// A group's id (negative on Telegram) is no person: a nudge would go to the whole group.
func parsePerson(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "" || s == "-":
		return "", nil
	case strings.HasPrefix(s, "@"):
		name := s[1:]
		if len(name) < 3 || len(name) > 32 || strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != "" {
			return "", userErr(i18n.BadPerson, view.Truncate(s, 40))
		}
		return s, nil
	}
	id, err := bot.ParseID(s)
	if n, tg := id.Telegram(); err != nil || (tg && n < 0) {
		return "", userErr(i18n.BadPerson, view.Truncate(s, 40))
	}
	return id.String(), nil
}

// personID is who the owner person of a is, when the bot knows: an id as given, or the user who
// wrote to the bot in private as that @username.
func (b *activities) personID(ctx context.Context, a bot.Activity) (bot.ID, bool, error) {
	switch {
	case a.Person == "":
		return "", false, nil
	case strings.HasPrefix(a.Person, "@"):
		return b.cfg.Store.UserByName(ctx, a.Person)
	}
	id, err := bot.ParseID(a.Person)
	return id, err == nil, nil
}

// parseTargets reads "20 buổi, 500 lượt người"; "-" clears the targets.
func parseTargets(s string) ([]quantity.Amount, error) {
	if strings.TrimSpace(s) == "-" {
		return nil, nil
	}
	ts, err := quantity.Parse(s)
	if q, ok := ambiguityOf(err); ok {
		return nil, q
	}
	if err != nil {
		return nil, userErr(i18n.BadTargets, view.Truncate(strings.TrimSpace(s), 60))
	}
	return ts, nil
}

// parseTally reads how quantities add up: tổng / cộng dồn / sum, or mới nhất / latest.
func parseTally(s string) (quantity.Mode, error) {
	switch programme.Fold(strings.TrimSpace(s)) {
	case "tong", "cong", "cong don", "sum", "total":
		return quantity.Sum, nil
	case "moi nhat", "lay moi nhat", "gan nhat", "latest", "last":
		return quantity.Latest, nil
	}
	return "", userErr(i18n.BadTally, view.Truncate(s, 30))
}

// cutQuantities cuts a report's note from its quantities: at "|", or at a ';' or a line break
// when all that follows reads as quantities (a phone keyboard hides "|"; a note that merely goes
// on after a ';' or on a new line stays the note).
func cutQuantities(note string) (string, string, bool) {
	if before, after, ok := strings.Cut(note, "|"); ok {
		return before, after, true
	}
	for i, r := range note {
		if r != ';' && r != '\n' {
			continue
		}
		if qs, err := quantity.Parse(note[i+1:]); (err == nil && len(qs) > 0) || isAmbiguous(err) {
			return note[:i], note[i+1:], true
		}
	}
	return note, "", false
}

// isAmbiguous says whether err is quantity's ambiguous number.
func isAmbiguous(err error) bool {
	var amb *quantity.AmbiguousError
	return errors.As(err, &amb)
}

// splitQuantities cuts a report's note into the note and its quantities (cutQuantities), read
// against the activity's targets: when it has any, every quantity must be in one of their units.
func splitQuantities(a bot.Activity, note string) (string, []quantity.Amount, error) {
	note, qtext, ok := cutQuantities(note)
	note = strings.TrimSpace(note)
	if !ok {
		return note, nil, nil
	}
	if strings.TrimSpace(qtext) == "" {
		return note, nil, userErr(i18n.NoQty)
	}
	qs, err := quantity.Parse(qtext)
	if q, ok := ambiguityOf(err); ok {
		return note, nil, q
	}
	if err != nil || len(qs) == 0 {
		return note, nil, userErr(i18n.BadQty, view.Truncate(strings.TrimSpace(qtext), 60))
	}
	if len(a.Targets) == 0 {
		return note, qs, nil
	}
	known := map[string]bool{}
	units := make([]string, 0, len(a.Targets))
	for _, t := range a.Targets {
		known[t.Key()] = true
		units = append(units, t.Unit)
	}
	for i, q := range qs {
		if !known[q.Key()] {
			return note, nil, userErr(i18n.QtyNotTarget, a.Code, strings.Join(units, ", "), view.Truncate(q.Unit, 40))
		}
		// Written as the target writes it: "3 buoi" counts, and reads, as "3 buổi".
		for _, t := range a.Targets {
			if t.Key() == q.Key() {
				qs[i].Unit = t.Unit
			}
		}
	}
	return note, qs, nil
}
