package when

import (
	"fmt"
	"strings"

	"github.com/robfig/cron/v3"
)

// maxCronLen bounds what is handed to robfig/cron: no honest 5-field spec is longer.
const maxCronLen = 200

// ParseCron parses a 5-field cron spec (minute hour day-of-month month day-of-week) with
// robfig/cron's parser. TZ=/CRON_TZ= prefixes and @descriptors are refused: every reminder is
// computed in the configured location, and robfig/cron panics on some prefixes ("CRON_TZ=UTC"
// without a space), so parsing also recovers. errors.As finds a *WhenError of kind BadCron in
// every error.
func ParseCron(spec string) (sched cron.Schedule, err error) {
	bad := func() error { return whenErr(BadCron, spec) }
	if len(spec) > maxCronLen || strings.ContainsAny(spec, "=@") {
		return nil, bad()
	}
	fields := strings.Fields(spec)
	if len(fields) != 5 {
		return nil, bad()
	}
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("%w (parser panicked: %v)", bad(), r)
		}
	}()
	sched, err = cronParser.Parse(strings.Join(fields, " "))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", bad(), err)
	}
	return sched, nil
}

// cronParser is a constant (a value without state): five fields, no seconds, no descriptors.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)
