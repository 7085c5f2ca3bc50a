// Package programme is coordbot's knowledge of the programme it runs: the YAML programme file
// (parsed and validated with line numbers, so `coordbot check` can point at the mistake), the
// embedded seed programme built from the source article, and the search index that answers
// cadres' questions in Vietnamese or English, with or without diacritics.
package programme

import (
	_ "embed"
	"fmt"
	"os"
	"time"

	"github.com/coordbot/coordbot/bot/i18n"
)

//go:embed seed.yaml
var seedYAML []byte

//go:embed example-plan.yaml
var examplePlanYAML []byte

// Text is a piece of programme text in Vietnamese, with an optional English rendering
// (i18n.Text: one bilingual type, one fallback rule). In a file it is either a mapping
// {vi: …, en: …} or a plain string, which is the Vietnamese.
type Text = i18n.Text

// Programme is a coordination programme: who, when, what, and optionally a plan of activities.
type Programme struct {
	Title   Text
	Summary Text
	Parties []Party
	// Attendees are the people the source names as present, with their positions as written.
	Attendees []Person
	// Signatories are the people who signed, when a source names them; the seed leaves it empty.
	Signatories []Person
	Period      Period
	// SignedOn is the signing date at midnight in Asia/Ho_Chi_Minh; zero when the file has none.
	SignedOn time.Time
	// SignedWhen qualifies the date ("chiều" / "afternoon") when the source does.
	SignedWhen Text
	// Contents are the content areas, numbered 1..N by position.
	Contents  []Content
	Movements []Movement
	Plans     []Plan
	// Notes are further facts of the source that fit no other field.
	Notes []Text
	// Units are the units (đơn vị) progress is judged by, parents before or after their
	// children in any order; empty when the file lists none.
	Units      []Unit
	Activities []Activity
	FAQ        []FAQ
	Source     Source
	// units is the unit tree computed once at load (units.go).
	units *unitIndex
}

// Party is one of the units that coordinate.
type Party struct {
	Name Text `yaml:"name"`
}

// Person is someone the programme names.
type Person struct {
	Name     string `yaml:"name"`
	Rank     Text   `yaml:"rank,omitempty"`
	Position Text   `yaml:"position"`
}

// Period is the span of years the programme covers, both inclusive.
type Period struct {
	From int `yaml:"from"`
	To   int `yaml:"to"`
}

// String writes the period the Vietnamese way, "2022 – 2026".
func (p Period) String() string { return fmt.Sprintf("%d – %d", p.From, p.To) }

// Content is one content area (nội dung) of the programme.
type Content struct {
	Title   Text `yaml:"title"`
	Summary Text `yaml:"summary,omitempty"`
	Body    Text `yaml:"body,omitempty"`
}

// Movement is an emulation movement (phong trào thi đua).
type Movement struct {
	Name Text `yaml:"name"`
	Body Text `yaml:"body,omitempty"`
	// Contents are the numbers of the content areas that speak of it.
	Contents []int `yaml:"contents,omitempty"`
}

// Plan is a plan the programme mentions, possibly without its content.
type Plan struct {
	Title Text `yaml:"title"`
	Note  Text `yaml:"note,omitempty"`
}

// Unit is a unit (đơn vị) of the programme: a Ban, a Đồn, a Hải đội. Parent is the code of the
// unit it belongs to ("" for a top unit); progress rolls up from units to their parents.
type Unit struct {
	Code   string `yaml:"code"`
	Name   Text   `yaml:"name"`
	Parent string `yaml:"parent,omitempty"`
}

// Activity is a planned activity that cadres report progress on and groups are reminded of.
type Activity struct {
	Code  string `yaml:"code"`
	Title Text   `yaml:"title"`
	// Content is the number (1..N) of the content area it serves.
	Content int `yaml:"content"`
	// Unit is the code of the owner unit (one of the file's units); Owner is free text, for a
	// file without units.
	Unit  string `yaml:"unit,omitempty"`
	Owner string `yaml:"owner,omitempty"`
	// Person is the owner person, who gets the nudges: "@username" or a user id ("123", "zl:…").
	Person string `yaml:"person,omitempty"`
	// Targets are the activity's targets (chỉ tiêu), "20 buổi, 500 lượt người"; Tally says how
	// reports' quantities add up: "sum" (the default) or "latest".
	Targets string `yaml:"targets,omitempty"`
	Tally   string `yaml:"tally,omitempty"`
	// When is "dd/mm/yyyy HH:MM" in the programme's time zone; empty for a recurring activity.
	When string `yaml:"when,omitempty"`
	// Every is an optional 5-field cron spec for recurring activities.
	Every string `yaml:"every,omitempty"`
	// Lead are reminder lead times as Go durations ("24h", "1h"); empty means the bot's default.
	Lead []string `yaml:"lead,omitempty"`
}

// FAQ is a question with its answer, written by a coordinator.
type FAQ struct {
	Q Text `yaml:"q"`
	A Text `yaml:"a"`
}

// Source says where the programme's facts come from.
type Source struct {
	Title Text `yaml:"title,omitempty"`
	// Published is the source's date, "dd/mm/yyyy".
	Published string `yaml:"published,omitempty"`
	File      string `yaml:"file,omitempty"`
	URL       string `yaml:"url,omitempty"`
}

// Load reads and parses a programme file.
func Load(path string) (*Programme, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// Default returns the embedded seed programme. It panics only if the embedded file is broken,
// which a test rules out.
func Default() *Programme {
	p, err := Parse(seedYAML)
	if err != nil {
		panic("programme: embedded seed does not parse: " + err.Error())
	}
	return p
}
