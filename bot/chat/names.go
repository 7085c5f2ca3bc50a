package chat

import (
	"context"
	"strconv"
	"strings"
	"unicode"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/view"
)

// Names where codes are asked (issue 19): an activity is found by its code or by the words of
// its title, in order and without diacritics ("tap huan ky nang" for "Tập huấn kỹ năng dân vận").

// activitiesNamed are the activities whose title holds the words of s in order; none for a
// string of fewer than two letters or one that is a code.
func activitiesNamed(acts []bot.Activity, s string) []bot.Activity {
	ws := words(s)
	if len(ws) == 0 || len([]rune(strings.Join(ws, ""))) < 2 {
		return nil
	}
	var out []bot.Activity
	for _, a := range acts {
		for _, title := range []string{a.Title, a.TitleEN} {
			if title != "" && programme.WordsIn(ws, words(title)) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// activityByName is mustActivity's second chance, for what is not a known code: the one activity
// named so, or a list of the several it could be.
func (b *activities) activityByName(ctx context.Context, s string, notFound error) (bot.Activity, error) {
	acts, err := b.cfg.Store.Activities(ctx)
	if err != nil {
		return bot.Activity{}, err
	}
	switch found := activitiesNamed(acts, s); len(found) {
	case 0:
		return bot.Activity{}, notFound
	case 1:
		return found[0], nil
	default:
		names := make([]string, 0, min(len(found), 8))
		ce := &choiceError{name: strings.TrimSpace(s)}
		for _, a := range found[:min(len(found), 8)] {
			names = append(names, a.Code+" "+view.Truncate(a.Title, 40))
			ce.choices = append(ce.choices, choice{label: a.Code + " " + a.Title, code: a.Code})
		}
		ce.ue = userErr(i18n.ManyActs, view.Truncate(s, 40), strings.Join(names, "; ")).(*UserError)
		return bot.Activity{}, ce
	}
}

// ordinals are the content numbers as words ("thứ tư", "số bốn"), folded.
var ordinals = map[string]int{"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5}

// findArea reads the content area a person means: its number ("2", "số 2", "thứ hai", "thứ tư"),
// or words of its title in order, diacritics-blind ("dan van kheo"); a name that fits several
// lists them.
func (b *activities) findArea(s string) (int, error) {
	cs := b.cfg.Programme.Contents
	usage := userErr(i18n.AreaUsage, len(cs))
	f := words(s)
	if len(f) > 1 && (f[0] == "so" || f[0] == "thu") {
		f = f[1:]
	}
	if len(f) == 1 {
		n, err := strconv.Atoi(f[0])
		if err != nil {
			n = ordinals[f[0]]
		}
		if n >= 1 && n <= len(cs) {
			return n, nil
		}
	}
	if len(f) == 0 {
		return 0, usage
	}
	var found []int
	for i, c := range cs {
		for _, t := range []string{c.Title.VI, c.Title.EN} {
			if t != "" && programme.WordsIn(f, words(t)) {
				found = append(found, i+1)
				break
			}
		}
	}
	switch len(found) {
	case 0:
		return 0, usage
	case 1:
		return found[0], nil
	}
	ce := &choiceError{name: strings.TrimSpace(s)}
	names := make([]string, len(found))
	for i, n := range found {
		names[i] = strconv.Itoa(n) + ". " + view.Truncate(cs[n-1].Title.VI, 50)
		ce.choices = append(ce.choices, choice{label: names[i], code: strconv.Itoa(n)})
	}
	ce.ue = userErr(i18n.ManyAreas, view.Truncate(s, 40), strings.Join(names, "; ")).(*UserError)
	return 0, ce
}

// words are the folded words of s, punctuation and quotes dropped ("“Dân vận khéo”" is dan, van,
// kheo).
func words(s string) []string {
	return strings.FieldsFunc(programme.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
