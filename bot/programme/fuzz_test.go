package programme

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzSearch(f *testing.F) {
	for _, q := range questions() {
		f.Add(q.q)
	}
	f.Add("")
	f.Add("\u0301\u0301đĐ")
	f.Add(strings.Repeat("dân vận ", 500))
	ix := NewIndex(Default())
	f.Fuzz(func(t *testing.T, q string) {
		r := ix.Search(q)
		if r.Found != (len(r.Hits) > 0) || len(r.Hits) > 3 || len(r.Suggestions) > 3 {
			t.Fatalf("inconsistent result for %q: %+v", q, r)
		}
		if r.Found && len(r.Suggestions) > 0 {
			t.Fatalf("found with suggestions for %q", q)
		}
		if f := r.Fact; f != nil && (f.Text.VI == "" || f.Text.EN == "" || r.Hits[0].Passage.ID != f.Source.ID) {
			t.Fatalf("fact for %q without text or source: %+v", q, f)
		}
		if utf8.ValidString(q) && Fold(q) != Fold(Fold(q)) {
			t.Fatalf("Fold not idempotent on %q", q)
		}
	})
}

func FuzzParse(f *testing.F) {
	f.Add(seedFile())
	f.Add(examplePlanFile())
	f.Add([]byte(minimal))
	f.Add([]byte(minimal + "activities:\n  - {code: A1, title: x, content: 1, every: 'CRON_TZ=UTC', lead: [1h]}\n"))
	f.Add([]byte("extends: seed\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data)
		if (p == nil) == (err == nil) {
			t.Fatalf("Parse returned programme %v and error %v", p != nil, err)
		}
		if err != nil {
			return
		}
		if p.Title.VI == "" || len(p.Parties) == 0 || len(p.Contents) == 0 {
			t.Fatalf("accepted a programme without required fields: %+v", p)
		}
		ix := NewIndex(p)
		for _, q := range []string{"dân vận", "ai ký chương trình", "BĐBP phải làm gì", "có bao nhiêu nội dung",
			"kéo dài đến năm nào", "ký ngày nào", "phối hợp với ai", "Ban Dân vận phối hợp với ai"} {
			ix.Search(q)
		}
	})
}
