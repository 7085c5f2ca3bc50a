package when

import (
	"strings"
	"testing"
)

// The hints parse at every clock of the table, and none is cron or an offset with a plus.
func TestExamplesParse(t *testing.T) {
	loc := hcm(t)
	ex := Examples()
	if len(ex) < 5 {
		t.Fatalf("only %d examples", len(ex))
	}
	ex[0] = "changed"
	if Examples()[0] == "changed" {
		t.Fatal("Examples shares its slice")
	}
	for _, now := range []string{"2026-12-05 10:00", "2026-12-06 10:00", "2026-12-01 10:00", "2028-02-28 10:00"} {
		for _, e := range Examples() {
			if strings.ContainsAny(e, "*+") || strings.HasPrefix(e, "every") {
				t.Errorf("example %q is not in words", e)
			}
			if _, err := ParseWhen(e, mustTime(t, loc, now), loc); err != nil {
				t.Errorf("example %q at %s: %v", e, now, err)
			}
		}
	}
}

// The longest spec ParseCron takes is maxCronLen characters.
func TestParseCronLength(t *testing.T) {
	spec := "0 8 * * 1" + strings.Repeat(" ", maxCronLen-len("0 8 * * 1"))
	if _, err := ParseCron(spec); err != nil {
		t.Errorf("a spec of %d characters: %v", len(spec), err)
	}
	if _, err := ParseCron(spec + " "); err == nil {
		t.Errorf("a spec of %d characters was taken", len(spec)+1)
	}
}

// Weekday ranges up to Saturday are put in words; an empty range (1-1) is not "from Monday to Monday".
func TestDescribeRangeEnds(t *testing.T) {
	if vi, en := Describe("0 8 * * 1-6"); vi != "08:00 từ thứ Hai đến thứ Bảy hằng tuần" || en != "08:00 every Monday to Saturday" {
		t.Errorf("Describe(1-6) = %q, %q", vi, en)
	}
	if vi, _ := Describe("0 8 * * 1-1"); strings.Contains(vi, "thứ Hai đến thứ Hai") {
		t.Errorf("Describe(1-1) = %q", vi)
	}
}
