package export

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzCSV feeds arbitrary reporter-typed text through CSV and reads it back
// with encoding/csv: the note must come back as the NFC text with unified
// line breaks, with exactly one leading ' when (and only when) it would
// otherwise start a formula; the rest of the row must be untouched.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"", "đã tập huấn 2 đợt", `a,"b",c`, "dòng 1\r\ndòng 2", "=1+1", "-", "@x", "\tx", "\rx",
		"\r", "\n", "\"", "'=x", "=\u0338", "\xff", norm.NFD.String("Tiến độ"), " lead", "\\.",
	} {
		f.Add(s, s)
	}
	at := time.Date(2026, 12, 1, 0, 30, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, note, reporter string) {
		rows := []Row{{Activity: "A1", ActivityTitle: "Tập huấn", Reporter: reporter, At: at, Percent: 60, Note: note}}
		recs := parseCSV(t, CSV(rows, time.UTC, "vi"))
		if len(recs) != 2 || len(recs[1]) != numCols {
			t.Fatalf("got %d records %q, want header + 1 row", len(recs), recs)
		}
		got := recs[1]
		checkCell(t, "note", note, got[colNote])
		checkCell(t, "reporter", reporter, got[colReporter])
		if got[colActivity] != "A1" || got[colAt] != "01/12/2026 00:30" || got[colPercent] != "60" {
			t.Fatalf("fixed cells changed: %q", got)
		}
	})
}

// checkCell states the contract of a text cell independently of clean.
func checkCell(t *testing.T, what, in, got string) {
	t.Helper()
	want := norm.NFC.String(strings.ToValidUTF8(in, "\uFFFD"))
	dangerous := want != "" && strings.ContainsRune("=+-@\t\r", rune(want[0]))
	want = strings.ReplaceAll(strings.ReplaceAll(want, "\r\n", "\n"), "\r", "\n")
	if dangerous {
		want = "'" + want
	}
	if got != want {
		t.Fatalf("%s %q came back as %q, want %q", what, in, got, want)
	}
	if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) {
		t.Fatalf("%s %q came back invalid or not NFC: %q", what, in, got)
	}
	if got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) {
		t.Fatalf("%s %q came back as a formula: %q", what, in, got)
	}
}
