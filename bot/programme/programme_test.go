package programme

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDefault(t *testing.T) {
	p := Default()
	t.Run("holds the article's facts", func(t *testing.T) {
		if len(p.Parties) != 2 || p.Parties[0].Name.VI != "Ban Dân vận Thành ủy TPHCM" || p.Parties[1].Name.VI != "Bộ Chỉ huy Bộ đội Biên phòng TPHCM" {
			t.Errorf("parties = %+v", p.Parties)
		}
		if p.Period != (Period{2022, 2026}) {
			t.Errorf("period = %v", p.Period)
		}
		want := time.Date(2022, 8, 19, 0, 0, 0, 0, Location())
		if !p.SignedOn.Equal(want) || p.SignedWhen.VI != "chiều" {
			t.Errorf("signed %v %q, want 19/08/2022 chiều", p.SignedOn, p.SignedWhen.VI)
		}
		if len(p.Contents) != 5 {
			t.Errorf("%d content areas, want 5", len(p.Contents))
		}
		if len(p.Movements) != 2 || p.Movements[0].Name.VI != "Dân vận khéo" || p.Movements[1].Name.VI != "Đơn vị dân vận tốt" {
			t.Errorf("movements = %+v", p.Movements)
		}
		names := []string{"Ngô Văn Luận", "Nguyễn Quốc Ân", "Nguyễn Văn Tiến"}
		if len(p.Attendees) != len(names) {
			t.Fatalf("attendees = %+v", p.Attendees)
		}
		for i, n := range names {
			if p.Attendees[i].Name != n {
				t.Errorf("attendee %d = %q, want %q", i+1, p.Attendees[i].Name, n)
			}
		}
	})
	t.Run("invents no signatories or activities", func(t *testing.T) {
		if len(p.Signatories) != 0 || len(p.Activities) != 0 || len(p.FAQ) != 0 {
			t.Errorf("seed holds facts the article does not state: %d signatories, %d activities, %d faq",
				len(p.Signatories), len(p.Activities), len(p.FAQ))
		}
	})
	t.Run("content bodies are the article's text", func(t *testing.T) {
		// A copy of the source article (seed/program-article.vi.txt) kept with the tests, so that
		// every clone checks the seed against it.
		article, err := os.ReadFile(filepath.Join("testdata", "program-article.vi.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range p.Contents {
			for _, sentence := range strings.Split(c.Body.VI, ". ") {
				s := strings.TrimSuffix(sentence, ".")
				// Bodies drop only the linking words, so each sentence after its first word is verbatim.
				if _, rest, _ := strings.Cut(s, " "); !strings.Contains(string(article), rest) {
					t.Errorf("content %d: %q is not in the article", i+1, rest)
				}
			}
		}
	})
	t.Run("every title and summary has English", func(t *testing.T) {
		if p.Title.EN == "" || p.Summary.EN == "" {
			t.Error("title or summary lacks English")
		}
		for i, c := range p.Contents {
			if c.Title.EN == "" || c.Summary.EN == "" {
				t.Errorf("content %d lacks English", i+1)
			}
		}
	})
}

func TestExamplePlan(t *testing.T) {
	p, err := Parse(examplePlanFile())
	if err != nil {
		t.Fatal(err)
	}
	t.Run("extends the seed", func(t *testing.T) {
		if p.Title != Default().Title || len(p.Contents) != 5 {
			t.Errorf("did not inherit the seed: title %q, %d contents", p.Title.VI, len(p.Contents))
		}
	})
	t.Run("plans 4 to 6 activities marked as examples", func(t *testing.T) {
		if n := len(p.Activities); n < 4 || n > 6 {
			t.Errorf("%d activities, want 4–6", n)
		}
		areas := map[int]bool{}
		for _, a := range p.Activities {
			areas[a.Content] = true
			if !strings.HasPrefix(a.Title.VI, "Ví dụ") {
				t.Errorf("activity %s title %q is not marked as an example", a.Code, a.Title.VI)
			}
		}
		if len(areas) < 3 {
			t.Errorf("activities span %d content areas, want several", len(areas))
		}
	})
}

func TestTextIn(t *testing.T) {
	tx := Text{VI: "Xin chào", EN: "Hello"}
	for _, c := range []struct{ name, lang, want string }{
		{"english when asked", "en", "Hello"},
		{"vietnamese by default", "vi", "Xin chào"},
		{"vietnamese for other languages", "fr", "Xin chào"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := tx.In(c.lang); got != c.want {
				t.Errorf("In(%q) = %q", c.lang, got)
			}
		})
	}
	if got := (Text{VI: "chỉ tiếng Việt"}).In("en"); got != "chỉ tiếng Việt" {
		t.Errorf("missing English did not fall back: %q", got)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "p.yaml")
	if err := os.WriteFile(good, examplePlanFile(), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(good); err != nil {
		t.Errorf("good file: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("missing file loaded")
	}
}

func TestPassages(t *testing.T) {
	ps := Passages(Default())
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.ID] {
			t.Errorf("duplicate passage id %s", p.ID)
		}
		seen[p.ID] = true
		if p.Heading.VI == "" || p.Body.VI == "" || p.Source.VI == "" {
			t.Errorf("passage %s has empty text: %+v", p.ID, p)
		}
	}
	for _, id := range []string{"overview", "signing", "attendees", "content-1", "content-5", "movement-1", "movement-2", "plan-1"} {
		if !seen[id] {
			t.Errorf("no passage %s", id)
		}
	}
}
