// Package summary is the per-activity summary the Redis store keeps up to date in the step that
// changes an activity's reports: what the views need of the reports (how many, when the last one
// was, what they add up to) without reading them. It depends on no store, so package bot can name
// its types.
package summary

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot/quantity"
)

// Activity is the summary of the reports standing on one activity (all its occurrences).
type Activity struct {
	Code string
	// Reports counts the reports standing (withdrawn ones are gone).
	Reports int
	// Last is the latest Report.At among them (zero when none): assess's "last report".
	Last time.Time
	// LatestID and LatestPercent are the newest report (in stream order) on any occurrence.
	LatestID      string
	LatestPercent int
	// Sum and Latest are, per quantity unit (by quantity.Key), the sum of the reports' values
	// and the value of the newest report that gives that unit, over all the reports in stream
	// order: exactly what quantity.Achieved computes with quantity.Sum and quantity.Latest.
	Sum    map[string]float64
	Latest map[string]float64
}

// Achieved is quantity.Achieved(targets, every report's Qty oldest first, mode) from the summary
// alone: per target key, 0 when no report names its unit. An empty mode is quantity.Sum.
func (a Activity) Achieved(targets []quantity.Amount, mode quantity.Mode) map[string]float64 {
	src := a.Sum
	if mode == quantity.Latest {
		src = a.Latest
	}
	out := make(map[string]float64, len(targets))
	for _, t := range targets {
		out[t.Key()] = src[t.Key()]
	}
	return out
}

// zeroSec is time.Time{}.Unix(): "no report" in the text form.
var zeroSec = time.Time{}.Unix()

// Parse reads the text form the store keeps: a header line
// "reports\tsec\tnsec\tlatest id\tlatest percent", then one line per unit key
// "key\tsum\tlatest value\tid of the report that gave it".
func Parse(code, text string) (Activity, error) {
	a := Activity{Code: code, Sum: map[string]float64{}, Latest: map[string]float64{}}
	head, rest, _ := strings.Cut(text, "\n")
	f := strings.Split(head, "\t")
	if len(f) != 5 {
		return a, fmt.Errorf("summary of %s: malformed header %q", code, head)
	}
	var err error
	var sec, nsec int64
	if a.Reports, err = strconv.Atoi(f[0]); err != nil {
		return a, fmt.Errorf("summary of %s: %w", code, err)
	}
	if sec, err = strconv.ParseInt(f[1], 10, 64); err != nil {
		return a, fmt.Errorf("summary of %s: %w", code, err)
	}
	if nsec, err = strconv.ParseInt(f[2], 10, 64); err != nil {
		return a, fmt.Errorf("summary of %s: %w", code, err)
	}
	if sec != zeroSec || nsec != 0 {
		a.Last = time.Unix(sec, nsec).UTC()
	}
	a.LatestID = f[3]
	if a.LatestPercent, err = strconv.Atoi(f[4]); err != nil {
		return a, fmt.Errorf("summary of %s: %w", code, err)
	}
	for _, line := range strings.Split(rest, "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return a, fmt.Errorf("summary of %s: malformed line %q", code, line)
		}
		sum, err1 := strconv.ParseFloat(f[1], 64)
		lat, err2 := strconv.ParseFloat(f[2], 64)
		if err1 != nil || err2 != nil {
			return a, fmt.Errorf("summary of %s: malformed line %q", code, line)
		}
		a.Sum[f[0]], a.Latest[f[0]] = sum, lat
	}
	return a, nil
}

// Record is the text form of what the summary needs of one report, which the store keeps by
// report id: "sec\tnsec\tpercent" then "key\tvalue" per quantity, keys folded by quantity.Key
// (which a Lua script cannot do).
func Record(at time.Time, percent int, qty []quantity.Amount) string {
	var sb strings.Builder
	sb.WriteString(strconv.FormatInt(at.Unix(), 10))
	sb.WriteByte('\t')
	sb.WriteString(strconv.Itoa(at.Nanosecond()))
	sb.WriteByte('\t')
	sb.WriteString(strconv.Itoa(percent))
	for _, q := range qty {
		sb.WriteByte('\t')
		sb.WriteString(q.Key())
		sb.WriteByte('\t')
		sb.WriteString(strconv.FormatFloat(q.Value, 'f', -1, 64))
	}
	return sb.String()
}
