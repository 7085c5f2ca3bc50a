package chat

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/coordbot/coordbot/bot/programme"
)

// The one-line report forms, as cadres type them.

// reportCode names the activity of a /report command, for the permission check to read with it.
func reportCode(args string) string {
	f := strings.Fields(args)
	if len(f) > 0 {
		switch programme.Fold(f[0]) {
		case "rut", "undo", "withdraw", "sua", "fix", "correct":
			f = f[1:]
		}
	}
	for _, w := range f[:min(len(f), 3)] {
		if isReportCode(w) {
			return strings.ToUpper(w)
		}
	}
	return ""
}

// isReportCode is a code as typed in a report: not a word that means a percent.
func isReportCode(w string) bool {
	if !isCode(w) {
		return false
	}
	_, ok := ParsePercent(w)
	return !ok && !isPercentWord(programme.Fold(w))
}

func isPercentWord(w string) bool {
	switch w {
	case "hoan", "thanh", "phan", "tram", "da", "xong", "roi", "tat", "het":
		return true
	}
	return false
}

// reportArgs are the parts of "CODE [dd/mm] PERCENT [note]", code and percent in either order.
type reportArgs struct {
	code, day string
	pct       int
	hasPct    bool
	// bad is the word where a percent was expected.
	bad  string
	note string
}

// parseReportArgs reads the one-line report forms: "A7 60% note", "60% A7", "A7 70 %",
// "A7 70 phần trăm", "A7 hoàn thành", "GB 08/12 xong".
func parseReportArgs(args string) reportArgs {
	f := strings.Fields(args)
	var out reportArgs
	i := 0
	for i < len(f) && i < 6 && (out.code == "" || !out.hasPct) {
		if !out.hasPct {
			if p, n, ok := percentAt(f, i); ok {
				out.pct, out.hasPct = p, true
				i += n
				continue
			}
		}
		switch {
		case out.code == "" && isReportCode(f[i]):
			out.code = strings.ToUpper(f[i])
		case out.day == "" && isDay(f[i]):
			out.day = f[i]
		default:
			if out.code != "" && !out.hasPct {
				out.bad = f[i]
			}
			out.note = afterFields(args, i)
			return out
		}
		i++
	}
	if i < len(f) && out.day == "" && out.hasPct && isDay(f[i]) {
		out.day = f[i]
		i++
	}
	out.note = afterFields(args, i)
	return out
}

// afterFields is s without its first n words, the rest as typed: line breaks and ';' stay, for
// splitQuantities to find the quantities after them.
func afterFields(s string, n int) string {
	for k := 0; k < n; k++ {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		i := strings.IndexFunc(s, unicode.IsSpace)
		if i < 0 {
			return ""
		}
		s = s[i:]
	}
	return strings.TrimSpace(s)
}

// donePhrases are the ways people say an activity is finished, over two or three words, folded:
// each means 100% and leaves no word of it in the note ("xong rồi" has no note "rồi").
var donePhrases = []string{
	"da hoan thanh roi", "da xong roi", "da hoan tat roi",
	"da hoan thanh", "da hoan tat", "hoan thanh roi", "hoan tat roi", "xong het roi",
	"da xong", "xong roi", "hoan tat", "xong het", "hoan thanh",
}

// doneAt says whether a finished-phrase starts at f[i], and how many words it takes.
func doneAt(f []string, i int) (int, bool) {
	for _, ph := range donePhrases {
		n := strings.Count(ph, " ") + 1
		if i+n <= len(f) && programme.Fold(strings.Join(f[i:i+n], " ")) == ph {
			return n, true
		}
	}
	return 0, false
}

// percentAt reads a percent written over one to three words from f[i].
func percentAt(f []string, i int) (pct, n int, ok bool) {
	if i+2 < len(f) && programme.Fold(f[i+1]+" "+f[i+2]) == "phan tram" {
		if p, ok := ParsePercent(f[i]); ok && !strings.HasSuffix(f[i], "%") {
			return p, 3, true
		}
	}
	if i+1 < len(f) && f[i+1] == "%" {
		if p, ok := ParsePercent(f[i] + "%"); ok {
			return p, 2, true
		}
	}
	if n, ok := doneAt(f, i); ok {
		return 100, n, true
	}
	if p, ok := ParsePercent(f[i]); ok {
		return p, 1, true
	}
	return 0, 0, false
}

// isDay says whether w looks like dd/mm or dd/mm/yyyy.
func isDay(w string) bool {
	parts := strings.Split(w, "/")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

// parseDay reads dd/mm[/yyyy] near now (a past day of this year, or of last year).
func (b *Bot) parseDay(w string) (time.Time, bool) {
	parts := strings.Split(w, "/")
	d, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	now := b.cfg.Now().In(b.cfg.Loc)
	y := now.Year()
	if len(parts) == 3 {
		var err error
		if y, err = strconv.Atoi(parts[2]); err != nil {
			return time.Time{}, false
		}
	}
	if err1 != nil || err2 != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, b.cfg.Loc)
	if t.Day() != d {
		return time.Time{}, false
	}
	if len(parts) == 2 && t.After(now.AddDate(0, 1, 0)) {
		t = t.AddDate(-1, 0, 0)
	}
	return t, true
}
