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
