package scheduler

import (
	"time"

	"github.com/coordbot/coordbot/scheduler/when"
	"github.com/robfig/cron/v3"
)

// The WHEN grammar lives in package when, which the bot imports without pulling in Redis; these
// names let users of the scheduler work with one package.

// When is a parsed WHEN; see when.When.
type When = when.When

// WhenError is a WHEN the user got wrong; see when.WhenError.
type WhenError = when.WhenError

// WhenErrKind says what is wrong with a WHEN; see when.WhenErrKind.
type WhenErrKind = when.WhenErrKind

// The kinds of WhenError.
const (
	Malformed      = when.Malformed
	Past           = when.Past
	ImpossibleDate = when.ImpossibleDate
	BadCron        = when.BadCron
	TooFar         = when.TooFar
)

// ParseWhen parses a whole string as a WHEN; see when.ParseWhen for the grammar.
func ParseWhen(s string, now time.Time, loc *time.Location) (When, error) {
	return when.ParseWhen(s, now, loc)
}

// SplitWhen takes the WHEN at the start of args and returns it with the rest, trimmed.
func SplitWhen(args string, now time.Time, loc *time.Location) (When, string, error) {
	return when.SplitWhen(args, now, loc)
}

// ParseCron parses a 5-field cron spec, refusing TZ prefixes and descriptors and recovering from
// robfig/cron's panics; see when.ParseCron.
func ParseCron(spec string) (cron.Schedule, error) { return when.ParseCron(spec) }

// cronNext is the next occurrence of spec strictly after `after`, computed in loc.
func cronNext(spec string, after time.Time, loc *time.Location) (time.Time, bool) {
	return When{Cron: spec}.Next(after, loc)
}
