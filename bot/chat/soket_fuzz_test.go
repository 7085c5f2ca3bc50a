package chat

import (
	"errors"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/view"
)

// Fuzz targets for what coordinators and cadres type in the sơ kết commands: periods, owner
// persons, targets and quantities. The command-level fuzzing of targets and quantities, through
// Redis, is FuzzQuantityCommands in fuzz_test.go.

const fuzzUnitsYAML = `extends: seed
units:
  - {code: BDBP, name: Bộ Chỉ huy Bộ đội Biên phòng TPHCM}
  - {code: DCG, name: Đồn Biên phòng Cần Giờ, parent: BDBP}
`

func fuzzBot(tb testing.TB, now *time.Time) *Bot {
	tb.Helper()
	p, err := programme.Parse([]byte(fuzzUnitsYAML))
	if err != nil {
		tb.Fatal(err)
	}
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		tb.Fatal(err)
	}
	*now = time.Date(2026, 11, 26, 9, 0, 0, 0, loc)
	return New(Config{Programme: p, Loc: loc, Now: func() time.Time { return *now }})
}

// mustUserError fails unless err is a UserError with text in both languages.
func mustUserError(t *testing.T, in string, err error) {
	t.Helper()
	var ue *UserError
	if !errors.As(err, &ue) {
		t.Fatalf("%q: error %v (%T) is not a user error", in, err, err)
	}
	if ue.In("vi") == "" || ue.In("en") == "" {
		t.Fatalf("%q: empty error text", in)
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{
		"", "từ 01/10/2026 đến 31/12/2026", "tu 1/10/2026 den 31/12/2026", "01/11/2026 - 15/11/2026",
		"đến 15/11/2026", "từ 30/11/2026 đến 01/11/2026", "từ 31/02/2026", "từ 01/11", "nd 2 đv DCG",
		"từ 01/10/2026 nd 9", "đv", "nd", "from 01/01/0001 to 31/12/9999", "– 29/02/2028",
		"dv don bien phong can gio", "từ 01/12/2026", "01/01/2026 02/01/2026 03/01/2026", "1//2026", "99/99/99999",
	} {
		f.Add(s, true, int64(0))
		f.Add(s, false, int64(-400))
	}
	var now time.Time
	b := fuzzBot(f, &now)
	base := now
	f.Fuzz(func(t *testing.T, args string, filters bool, days int64) {
		now = base.AddDate(0, 0, int(days%200_000))
		p, err := b.recs.parsePeriod(args, filters)
		if err != nil {
			mustUserError(t, args, err)
			return
		}
		if p.From.After(p.To) {
			t.Fatalf("%q at %s: From %s after To %s", args, now, p.From, p.To)
		}
		if start, end := p.bounds(); !start.Before(end) {
			t.Fatalf("%q: empty bounds [%s, %s)", args, start, end)
		}
		// The zone has kept +07:00 since 1975; before, a midnight may not exist.
		for _, d := range []time.Time{p.From, p.To} {
			if l := d.In(b.cfg.Loc); l.Year() > 1975 && (l.Hour() != 0 || l.Minute() != 0 || l.Second() != 0 || l.Nanosecond() != 0) {
				t.Fatalf("%q: %s is not a midnight", args, l)
			}
		}
		if !p.Given {
			if from, to := b.Quarter(now); !p.From.Equal(from) || !p.To.Equal(to) {
				t.Fatalf("%q: default period %s–%s, want this quarter %s–%s", args, p.From, p.To, from, to)
			}
		}
		if !filters && (p.Area != 0 || p.Unit != "") {
			t.Fatalf("%q: filters read without being asked for: %+v", args, p)
		}
		if _, ok := b.acts.area(p.Area); p.Area != 0 && !ok {
			t.Fatalf("%q: area %d is not one", args, p.Area)
		}
		if u, ok := b.cfg.Programme.Unit(p.Unit); p.Unit != "" && (!ok || p.Unit != strings.ToUpper(u.Code)) {
			t.Fatalf("%q: unit %q is not a unit code", args, p.Unit)
		}
	})
}

var personForm = regexp.MustCompile(`^@[A-Za-z0-9_]{3,32}$`)

func FuzzParsePerson(f *testing.F) {
	for _, s := range []string{
		"", "-", " - ", "@lan", "@lan_nguyen", "@ab", "@" + strings.Repeat("a", 33), "123456789", "tg:42",
		"zl:e4ea2c0a9b", "0", "@lan nguyen", " @Lan ", "zl:", "9223372036854775808", "@lân", "tg:", "@@lan",
		"-1001", "tg:-5", "TG:-9223372036854775808",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parsePerson(s)
		if err != nil {
			mustUserError(t, s, err)
			return
		}
		switch {
		case p == "":
			if tr := strings.TrimSpace(s); tr != "" && tr != "-" {
				t.Fatalf("parsePerson(%q) cleared the person", s)
			}
			return
		case strings.HasPrefix(p, "@"):
			if !personForm.MatchString(p) {
				t.Fatalf("parsePerson(%q) = %q, not a username", s, p)
			}
		default:
			id, err := bot.ParseID(p)
			if err != nil || id.String() != p {
				t.Fatalf("parsePerson(%q) = %q, not an id in its own form (%v)", s, p, err)
			}
			if n, tg := id.Telegram(); tg && n <= 0 {
				t.Fatalf("parsePerson(%q) = %q, a group's id", s, p)
			}
		}
		if again, err := parsePerson(p); err != nil || again != p {
			t.Fatalf("parsePerson(%q) = %q, which reads back as %q, %v", s, p, again, err)
		}
		if view.PersonText(p) == "" {
			t.Fatalf("person %q shows as nothing", p)
		}
	})
}

// validAmounts checks what quantity.Parse promises of what it returns.
func validAmounts(t *testing.T, in string, as []quantity.Amount) {
	t.Helper()
	if len(as) > quantity.MaxItems {
		t.Fatalf("%q: %d quantities", in, len(as))
	}
	seen := map[string]bool{}
	for _, a := range as {
		if math.IsNaN(a.Value) || a.Value < 0 || a.Value > 1e12 {
			t.Fatalf("%q: value %v", in, a.Value)
		}
		if a.Unit == "" || a.Unit != strings.Join(strings.Fields(a.Unit), " ") || utf8.RuneCountInString(a.Unit) > 40 ||
			strings.ContainsFunc(a.Unit, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsControl(r) }) {
			t.Fatalf("%q: unit %q", in, a.Unit)
		}
		if seen[a.Key()] {
			t.Fatalf("%q: unit %q twice", in, a.Unit)
		}
		seen[a.Key()] = true
	}
}

// FuzzSplitQuantities reads targets as a coordinator types them and a report's note with its
// quantities, against them.
func FuzzSplitQuantities(f *testing.F) {
	for _, c := range [][2]string{
		{"20 buổi, 500 lượt người", "đã làm | 12 buổi, 320 lượt người"},
		{"20 buổi", "| 3 buoi"},
		{"20 buổi", "| 2 lớp"},
		{"", "| 2 tin bài"},
		{"1.200 lượt người; 2,5 km", "x | 1 200 luot nguoi; 1.5 KM"},
		{"20 buổi", "không có khối lượng"},
		{"20 buổi", "|"},
		{"5 buổi", "a | 1 buổi | 2 buổi"},
		{"nhiều buổi", "| 1 buổi"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, targets, note string) {
		ts, err := parseTargets(targets)
		if err != nil {
			mustUserError(t, targets, err)
			ts = nil
		}
		validAmounts(t, targets, ts)
		// What the bot shows of the targets reads back as the same targets.
		if back, err := quantity.Parse(view.Amounts("vi", ts)); err != nil || len(back) != len(ts) {
			t.Fatalf("targets %q shown as %q read back as %v, %v", targets, view.Amounts("vi", ts), back, err)
		} else {
			for i := range ts {
				if back[i].Unit != ts[i].Unit || back[i].Value != math.Round(ts[i].Value*100)/100 {
					t.Fatalf("targets %q shown as %q read back as %v", targets, view.Amounts("vi", ts), back)
				}
			}
		}
		a := bot.Activity{Code: "A1", Targets: ts}
		text, qs, err := splitQuantities(a, note)
		if !strings.Contains(note, "|") {
			if err != nil || qs != nil || text != strings.TrimSpace(note) {
				t.Fatalf("note without | %q: %q, %v, %v", note, text, qs, err)
			}
			return
		}
		if err != nil {
			mustUserError(t, note, err)
			return
		}
		if len(qs) == 0 {
			t.Fatalf("%q: accepted no quantities after |", note)
		}
		validAmounts(t, note, qs)
		if before, _, _ := strings.Cut(note, "|"); text != strings.TrimSpace(before) {
			t.Fatalf("%q: note %q, want what comes before the first |", note, text)
		}
		if len(ts) == 0 {
			return
		}
		units := map[string]bool{}
		for _, tg := range ts {
			units[tg.Unit] = true
		}
		for _, q := range qs {
			if !units[q.Unit] {
				t.Fatalf("%q against %q: quantity unit %q is not written as a target's", note, targets, q.Unit)
			}
		}
		got := quantity.Achieved(ts, [][]quantity.Amount{qs}, quantity.Sum)
		for _, q := range qs {
			if got[q.Key()] != q.Value {
				t.Fatalf("%q: achieved %v for %q, want %v", note, got[q.Key()], q.Unit, q.Value)
			}
		}
	})
}
