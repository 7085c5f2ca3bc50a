package bot

import (
	"context"
	"strings"

	"github.com/coordbot/coordbot/bot/programme"
)

// Names where codes are asked (issue 19): an activity is found by its code or by the words of
// its title, in order and without diacritics ("tap huan ky nang" for "Tập huấn kỹ năng dân vận").

var msgNoSuchName = msg{"Không có hoạt động nào mang mã hay tên “%s”. Xem mã các hoạt động: /kehoach.", "No activity has the code or name “%s”. See the codes: /plan."}

var msgManyActs = msg{"Có nhiều hoạt động khớp với “%s”: %s. Ghi mã hoạt động.", "More than one activity matches “%s”: %s. Give the activity's code."}

// activitiesNamed are the activities whose title holds the words of s in order; none for a
// string of fewer than two letters or one that is a code.
func activitiesNamed(acts []Activity, s string) []Activity {
	words := strings.Fields(programme.Fold(s))
	if len(words) == 0 || len([]rune(strings.Join(words, ""))) < 2 {
		return nil
	}
	var out []Activity
	for _, a := range acts {
		for _, title := range []string{a.Title, a.TitleEN} {
			if title != "" && programme.WordsIn(words, strings.Fields(programme.Fold(title))) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// activityByName is mustActivity's second chance, for what is not a known code: the one activity
// named so, or a list of the several it could be.
func (b *Bot) activityByName(ctx context.Context, s string, notFound error) (Activity, error) {
	acts, err := b.cfg.Store.Activities(ctx)
	if err != nil {
		return Activity{}, err
	}
	switch found := activitiesNamed(acts, s); len(found) {
	case 0:
		return Activity{}, notFound
	case 1:
		return found[0], nil
	default:
		names := make([]string, 0, min(len(found), 8))
		ce := &choiceError{name: strings.TrimSpace(s)}
		for _, a := range found[:min(len(found), 8)] {
			names = append(names, a.Code+" "+truncate(a.Title, 40))
			ce.choices = append(ce.choices, choice{label: a.Code + " " + a.Title, code: a.Code})
		}
		ce.ue = userErr(msgManyActs, truncate(s, 40), strings.Join(names, "; ")).(*UserError)
		return Activity{}, ce
	}
}
