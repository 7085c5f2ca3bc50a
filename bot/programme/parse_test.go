package programme

import (
	"errors"
	"strings"
	"testing"
)

const minimal = `title: Chương trình thử
parties:
  - name: Đơn vị A
period: {from: 2024, to: 2025}
contents:
  - title: Nội dung một
`

func TestParseProblems(t *testing.T) {
	for _, c := range []struct {
		name string
		file string
		line int
		msg  string
	}{
		{"unknown top-level field", minimal + "activites: []\n", 7, `unknown field "activites"`},
		{"unknown nested field", minimal + "    bogus: 1\n", 7, `unknown field "contents[1].bogus"`},
		{"missing title", strings.Replace(minimal, "title: Chương trình thử\n", "", 1), 1, "title.vi is required"},
		{"missing parties", strings.Replace(minimal, "parties:\n  - name: Đơn vị A\n", "", 1), 1, "parties: at least one"},
		{"missing period", strings.Replace(minimal, "period: {from: 2024, to: 2025}\n", "", 1), 1, "period is required"},
		{"period backwards", strings.Replace(minimal, "to: 2025", "to: 2020", 1), 4, "is after to"},
		{"no content areas", strings.Replace(minimal, "contents:\n  - title: Nội dung một\n", "contents: []\n", 1), 5, "at least one content area"},
		{"impossible signing date", minimal + "signed_on: 31/02/2024\n", 7, `"31/02/2024": no such date`},
		{"wrong type", minimal + "activities: hello\n", 7, "activities: cannot unmarshal"},
		{"syntax error", "title: x\n\tparties: 1\n", 2, "tab character"},
		{"empty file", "", 1, "empty"},
		{"not a mapping", "- a\n- b\n", 1, "must be a mapping"},
		{"content out of range", minimal + "activities:\n  - {code: A1, title: x, content: 2, when: 01/01/2025 08:00}\n", 8, "2 is not a content area (1–1)"},
		{"duplicate code", minimal + "activities:\n  - {code: A1, title: x, content: 1, when: 01/01/2025 08:00}\n  - {code: a1, title: y, content: 1, when: 02/01/2025 08:00}\n", 9, "already used by activities[1]"},
		{"bad when", minimal + "activities:\n  - {code: A1, title: x, content: 1, when: 2025-01-01}\n", 8, `bad when "2025-01-01"`},
		{"no when nor every", minimal + "activities:\n  - {code: A1, title: x, content: 1}\n", 8, "when (dd/mm/yyyy HH:MM) or every (cron) is required"},
		{"bad lead", minimal + "activities:\n  - code: A1\n    title: x\n    content: 1\n    when: 01/01/2025 08:00\n    lead: [24h, soon]\n", 12, `lead[2]: bad lead time "soon"`},
		{"negative lead", minimal + "activities:\n  - {code: A1, title: x, content: 1, when: 01/01/2025 08:00, lead: [-1h]}\n", 8, "must be more than 0"},
		{"bad cron", minimal + "activities:\n  - {code: A1, title: x, content: 1, every: '61 8 * * *'}\n", 8, "every: bad cron spec"},
		{"cron that panics the parser", minimal + "activities:\n  - {code: A1, title: x, content: 1, every: 'CRON_TZ=UTC'}\n", 8, "every: bad cron spec"},
		{"six-field cron", minimal + "activities:\n  - {code: A1, title: x, content: 1, every: '0 0 8 * * *'}\n", 8, "every: bad cron spec"},
		{"bad code", minimal + "activities:\n  - {code: 'A 7', title: x, content: 1, when: 01/01/2025 08:00}\n", 8, "want a letter then"},
		{"extends something else", "extends: other\n", 1, `only "seed"`},
	} {
		t.Run(c.name, func(t *testing.T) { mustHaveProblem(t, c.file, c.line, c.msg) })
	}
}

func TestParseReportsEveryProblemSorted(t *testing.T) {
	file := minimal + "signed_on: nope\nactivities:\n  - {code: A1, title: x, content: 9, when: x}\n  - {code: A2, title: y, content: 1, every: bad}\n"
	_, err := Parse([]byte(file))
	var ps Problems
	if !errors.As(err, &ps) || len(ps) < 4 {
		t.Fatalf("want at least 4 problems, got %v", err)
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Line < ps[i-1].Line {
			t.Errorf("problems not sorted by line: %v", ps)
		}
	}
	if first := strings.SplitN(err.Error(), "\n", 2)[0]; first != "line 7: signed_on: bad date \"nope\", want dd/mm/yyyy" {
		t.Errorf("first line of Error() = %q", first)
	}
}

func TestParseAccepts(t *testing.T) {
	for _, c := range []struct {
		name  string
		file  string
		check func(*Programme) bool
	}{
		{"minimal file", minimal, func(p *Programme) bool {
			return p.Title.VI == "Chương trình thử" && p.Contents[0].Title.VI == "Nội dung một"
		}},
		{"text as mapping", strings.Replace(minimal, "title: Chương trình thử", "title: {vi: Thử, en: Test}", 1), func(p *Programme) bool { return p.Title.In("en") == "Test" }},
		{"recurring activity with day leads", minimal + "activities:\n  - {code: A1, title: x, content: 1, every: '0 8 * * 1', lead: [2d]}\n", func(p *Programme) bool {
			l, err := p.Activities[0].LeadTimes()
			return err == nil && len(l) == 1 && l[0].Hours() == 48
		}},
		{"default lead times", minimal + "activities:\n  - {code: A1, title: x, content: 1, when: 01/01/2025 08:00}\n", func(p *Programme) bool {
			l, err := p.Activities[0].LeadTimes()
			at, ok, _ := p.Activities[0].At(Location())
			return err == nil && len(l) == 2 && ok && at.Hour() == 8 && at.Day() == 1
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse([]byte(c.file))
			if err != nil {
				t.Fatal(err)
			}
			if !c.check(p) {
				t.Errorf("parsed wrongly: %+v", p)
			}
		})
	}
}

func TestParseExtendsSeed(t *testing.T) {
	seed := Default()
	t.Run("missing fields come from the seed", func(t *testing.T) {
		p, err := Parse([]byte("extends: seed\nactivities:\n  - {code: K1, title: Họp, content: 5, when: 01/12/2026 08:00}\n"))
		if err != nil {
			t.Fatal(err)
		}
		if p.Title != seed.Title || p.Period != seed.Period || !p.SignedOn.Equal(seed.SignedOn) || len(p.Activities) != 1 {
			t.Errorf("not merged: %+v", p)
		}
	})
	t.Run("content range checks the seed's areas", func(t *testing.T) {
		_, err := Parse([]byte("extends: seed\nactivities:\n  - {code: K1, title: Họp, content: 6, when: 01/12/2026 08:00}\n"))
		if err == nil || !strings.Contains(err.Error(), "line 3: activities[1].content: 6 is not a content area (1–5)") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a field the file sets replaces the seed's whole", func(t *testing.T) {
		p, err := Parse([]byte("extends: seed\ntitle: Tên mới\n"))
		if err != nil {
			t.Fatal(err)
		}
		if p.Title.VI != "Tên mới" || p.Title.EN != "" {
			t.Errorf("title = %+v, want the file's, without the seed's English", p.Title)
		}
	})
}

// A date of the right form that does not exist is named as such, not as a bad form.
func TestParseNoSuchDate(t *testing.T) {
	for _, c := range []struct{ file, want string }{
		{minimal + "activities:\n  - {code: A1, title: x, content: 1, when: 30/02/2027 08:00}\n", "no such date (ngày không tồn tại)"},
		{minimal + "signed_on: 31/04/2022\n", "no such date (ngày không tồn tại)"},
		{minimal + "activities:\n  - {code: A1, title: x, content: 1, when: 3/2/2027 8h}\n", "want dd/mm/yyyy HH:MM"},
	} {
		_, err := Parse([]byte(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want it to say %q", err, c.want)
		}
		if strings.Contains(c.want, "no such") && strings.Contains(err.Error(), "want dd/mm") {
			t.Errorf("error %v blames the form of a date whose form is right", err)
		}
	}
}

// mustHaveProblem parses file and wants a problem at line whose message contains msg.
func mustHaveProblem(t *testing.T, file string, line int, msg string) {
	t.Helper()
	_, err := Parse([]byte(file))
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v (%T), want Problems", err, err)
	}
	for _, p := range ps {
		if p.Line == line && strings.Contains(p.Msg, msg) {
			return
		}
	}
	t.Errorf("no problem at line %d containing %q in:\n%v", line, msg, err)
}
