package programme

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/scheduler/when"

	"go.yaml.in/yaml/v3"
)

// WhenLayout is how an activity's date and time are written: day first, 24-hour clock.
const WhenLayout = "02/01/2006 15:04"

// DateLayout is how dates are written in a programme file.
const DateLayout = "02/01/2006"

// Location is the programme's time zone. Vietnam has no daylight saving time, so a fixed +07:00
// stands in where the system has no tz database.
func Location() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}

// DefaultLead is the reminder lead times of an activity that names none: a day and an hour before.
func DefaultLead() []time.Duration { return []time.Duration{24 * time.Hour, time.Hour} }

// maxLead bounds lead times: a reminder months ahead is almost certainly a typo.
const maxLead = 90 * 24 * time.Hour

// ParseLead reads a lead time: a Go duration ("24h", "1h30m") or whole days ("2d").
func ParseLead(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	var err error
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		n, err = strconv.Atoi(days)
		d = time.Duration(n) * 24 * time.Hour
		if n > 1000 {
			err = fmt.Errorf("too many days")
		}
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil {
		return 0, fmt.Errorf("bad lead time %q: want a duration like 24h, 1h30m or 2d", s)
	}
	if d <= 0 || d > maxLead {
		return 0, fmt.Errorf("lead time %q must be more than 0 and at most 90 days", s)
	}
	return d, nil
}

// At returns the activity's date and time in loc; ok is false when it has none (recurring only).
func (a Activity) At(loc *time.Location) (t time.Time, ok bool, err error) {
	if a.When == "" {
		return time.Time{}, false, nil
	}
	t, err = time.ParseInLocation(WhenLayout, strings.TrimSpace(a.When), loc)
	if err != nil {
		if noSuchDate(err) {
			return time.Time{}, false, fmt.Errorf("when %q: no such date (ngày không tồn tại)", a.When)
		}
		return time.Time{}, false, fmt.Errorf("bad when %q: want dd/mm/yyyy HH:MM", a.When)
	}
	return t, true, nil
}

// LeadTimes returns the activity's lead times, or DefaultLead when it names none.
func (a Activity) LeadTimes() ([]time.Duration, error) {
	if len(a.Lead) == 0 {
		return DefaultLead(), nil
	}
	out := make([]time.Duration, 0, len(a.Lead))
	for _, s := range a.Lead {
		d, err := ParseLead(s)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// codeRE is the one rule for a code, of an activity or a unit, in the programme file and in chat
// commands alike: a letter, then up to 15 letters, digits, '-' or '_'.
var codeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,15}$`)

// ValidCode says whether s is a well-formed code of an activity or a unit (A7, VD_1, DBP-LONGHOA).
// The programme file and the chat commands use this one rule, so that whatever a file loads can
// be named in chat.
func ValidCode(s string) bool { return codeRE.MatchString(s) }

// personRE is an owner person as a file names them: @username, a user's Telegram id (a group's
// is negative, and no person), or zl:… (Zalo).
var personRE = regexp.MustCompile(`^(@[A-Za-z0-9_]{3,32}|[0-9]{1,20}|tg:[0-9]{1,20}|zl:[A-Za-z0-9_-]{1,64})$`)

func isPerson(s string) bool { return personRE.MatchString(s) }

type validator struct {
	root  *yaml.Node
	probs Problems
}

func (v *validator) add(msg string, path ...any) {
	v.probs = append(v.probs, Problem{Line: lineOf(v.root, path...), Msg: msg})
}

func (v *validator) date(s string, path ...any) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range []string{DateLayout, "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, Location()); err == nil {
			return t
		}
	}
	if _, err := time.ParseInLocation(DateLayout, s, Location()); noSuchDate(err) {
		v.add(fmt.Sprintf("%s: %q: no such date (ngày không tồn tại)", path[0], s), path...)
		return time.Time{}
	}
	v.add(fmt.Sprintf("%s: bad date %q, want dd/mm/yyyy", path[0], s), path...)
	return time.Time{}
}

// noSuchDate tells a date of the right form that no calendar has (30/02, 31/04, month 13) from a
// malformed one: time.Parse reports the former as a value out of range.
func noSuchDate(err error) bool {
	var pe *time.ParseError
	return errors.As(err, &pe) && strings.Contains(pe.Message, "out of range")
}

func (v *validator) text(t Text, name string, path ...any) {
	if strings.TrimSpace(t.VI) == "" {
		v.add(name+".vi is required (Vietnamese text)", path...)
	}
}

// check validates the document and builds the programme from it.
func (v *validator) check(d *document) *Programme {
	p := &Programme{
		Title: d.Title, Summary: d.Summary, Parties: d.Parties, Attendees: d.Attendees,
		Signatories: d.Signatories, SignedWhen: d.SignedWhen, Contents: d.Contents,
		Movements: d.Movements, Plans: d.Plans, Notes: d.Notes, Units: d.Units, Activities: d.Activities,
		FAQ: d.FAQ, Source: d.Source,
	}
	v.text(d.Title, "title", "title")
	if len(d.Parties) == 0 {
		v.add("parties: at least one party is required", "parties")
	}
	for i, pt := range d.Parties {
		v.text(pt.Name, fmt.Sprintf("parties[%d].name", i+1), "parties", i+1, "name")
	}
	for _, list := range []struct {
		name   string
		people []Person
	}{{"attendees", d.Attendees}, {"signatories", d.Signatories}} {
		for i, pe := range list.people {
			if strings.TrimSpace(pe.Name) == "" {
				v.add(fmt.Sprintf("%s[%d].name is required", list.name, i+1), list.name, i+1, "name")
			}
		}
	}
	switch {
	case d.Period == nil:
		v.add("period is required (period: {from: 2022, to: 2026})", "period")
	case d.Period.From < 1900 || d.Period.From > 2200 || d.Period.To < 1900 || d.Period.To > 2200:
		v.add("period: from and to must be years such as 2022", "period")
	case d.Period.From > d.Period.To:
		v.add(fmt.Sprintf("period: from (%d) is after to (%d)", d.Period.From, d.Period.To), "period")
	default:
		p.Period = *d.Period
	}
	p.SignedOn = v.date(d.SignedOn, "signed_on")
	if d.Source.Published != "" {
		v.date(d.Source.Published, "source", "published")
	}
	if len(d.Contents) == 0 {
		v.add("contents: at least one content area is required", "contents")
	}
	for i, c := range d.Contents {
		v.text(c.Title, fmt.Sprintf("contents[%d].title", i+1), "contents", i+1, "title")
	}
	for i, m := range d.Movements {
		v.text(m.Name, fmt.Sprintf("movements[%d].name", i+1), "movements", i+1, "name")
		for j, n := range m.Contents {
			if n < 1 || n > len(d.Contents) {
				v.add(fmt.Sprintf("movements[%d].contents: %d is not a content area (1–%d)", i+1, n, len(d.Contents)), "movements", i+1, "contents", j+1)
			}
		}
	}
	for i, pl := range d.Plans {
		v.text(pl.Title, fmt.Sprintf("plans[%d].title", i+1), "plans", i+1, "title")
	}
	for i, f := range d.FAQ {
		v.text(f.Q, fmt.Sprintf("faq[%d].q", i+1), "faq", i+1, "q")
		v.text(f.A, fmt.Sprintf("faq[%d].a", i+1), "faq", i+1, "a")
	}
	units := v.units(d.Units)
	v.activities(d.Activities, len(d.Contents), units)
	return p
}

// units checks the units: codes unique, names given, parents that exist, no unit its own
// ancestor. It returns the codes, upper-cased.
func (v *validator) units(us []Unit) map[string]bool {
	codes := map[string]int{}
	for i, u := range us {
		at := func(field string) []any { return []any{"units", i + 1, field} }
		name := fmt.Sprintf("units[%d]", i+1)
		v.text(u.Name, name+".name", at("name")...)
		switch key := strings.ToUpper(u.Code); {
		case u.Code == "":
			v.add(name+".code is required", at("code")...)
		case !codeRE.MatchString(u.Code):
			v.add(fmt.Sprintf("%s.code %q: want a letter then up to 15 letters, digits, - or _ (e.g. DCG)", name, u.Code), at("code")...)
		case codes[key] > 0:
			v.add(fmt.Sprintf("%s.code %q is already used by units[%d]", name, u.Code, codes[key]), at("code")...)
		default:
			codes[key] = i + 1
		}
	}
	parent := map[string]string{}
	for i, u := range us {
		if u.Parent == "" {
			continue
		}
		p := strings.ToUpper(u.Parent)
		if codes[p] == 0 {
			v.add(fmt.Sprintf("units[%d].parent %q is not a unit of this file", i+1, u.Parent), "units", i+1, "parent")
			continue
		}
		parent[strings.ToUpper(u.Code)] = p
	}
	for i, u := range us {
		seen := map[string]bool{}
		for c := strings.ToUpper(u.Code); c != ""; c = parent[c] {
			if seen[c] {
				v.add(fmt.Sprintf("units[%d] %q is its own parent (through %s)", i+1, u.Code, c), "units", i+1, "parent")
				break
			}
			seen[c] = true
		}
	}
	out := make(map[string]bool, len(codes))
	for c := range codes {
		out[c] = true
	}
	return out
}

func (v *validator) activities(acts []Activity, contents int, units map[string]bool) {
	seen := map[string]int{}
	for i, a := range acts {
		at := func(field string) []any { return []any{"activities", i + 1, field} }
		name := fmt.Sprintf("activities[%d]", i+1)
		switch {
		case a.Code == "":
			v.add(name+".code is required", at("code")...)
		case !codeRE.MatchString(a.Code):
			v.add(fmt.Sprintf("%s.code %q: want a letter then up to 15 letters, digits, - or _ (e.g. A7)", name, a.Code), at("code")...)
		default:
			key := strings.ToUpper(a.Code)
			if first, dup := seen[key]; dup {
				v.add(fmt.Sprintf("%s.code %q is already used by activities[%d]", name, a.Code, first), at("code")...)
			} else {
				seen[key] = i + 1
			}
		}
		v.text(a.Title, name+".title", at("title")...)
		if a.Content < 1 || a.Content > contents {
			v.add(fmt.Sprintf("%s.content: %d is not a content area (1–%d)", name, a.Content, contents), at("content")...)
		}
		if a.When == "" && a.Every == "" {
			v.add(name+": when (dd/mm/yyyy HH:MM) or every (cron) is required", at("when")...)
		}
		if _, _, err := a.At(Location()); err != nil {
			v.add(name+".when: "+err.Error(), at("when")...)
		}
		if a.Every != "" {
			if _, err := when.ParseCron(a.Every); err != nil {
				v.add(fmt.Sprintf("%s.every: bad cron spec %q (want 5 fields: minute hour day month weekday, no time zone)", name, a.Every), at("every")...)
			}
		}
		if a.Unit != "" && !units[strings.ToUpper(a.Unit)] {
			v.add(fmt.Sprintf("%s.unit %q is not one of the file's units", name, a.Unit), at("unit")...)
		}
		if a.Person != "" && !isPerson(a.Person) {
			v.add(fmt.Sprintf("%s.person %q: want @username or a user id (123456 or zl:…)", name, a.Person), at("person")...)
		}
		var amb *quantity.AmbiguousError
		if _, err := quantity.Parse(a.Targets); errors.As(err, &amb) {
			v.add(fmt.Sprintf("%s.targets %q: %q may be %v or %v; write it without the separator for thousands (e.g. 1200), with a comma and one or two digits for a decimal (e.g. 1,2)", name, a.Targets, amb.Number, amb.Thousands, amb.Decimal), at("targets")...)
		} else if err != nil {
			v.add(fmt.Sprintf("%s.targets %q: want numbers with units, e.g. \"20 buổi, 500 lượt người\"", name, a.Targets), at("targets")...)
		}
		switch a.Tally {
		case "", string(quantity.Sum), string(quantity.Latest):
		default:
			v.add(fmt.Sprintf("%s.tally %q: want sum or latest", name, a.Tally), at("tally")...)
		}
		for j, l := range a.Lead {
			if _, err := ParseLead(l); err != nil {
				v.add(fmt.Sprintf("%s.lead[%d]: %v", name, j+1, err), "activities", i+1, "lead", j+1)
			}
		}
	}
}
