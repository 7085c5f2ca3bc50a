package programme

import (
	_ "embed"
	"sort"
	"strings"
)

//go:embed synonyms.txt
var synonymsTxt string

// synonym rewrites a run of folded words (a variant) as the canonical words.
type synonym struct {
	from []string
	to   []word
	// raw is the variant as synonyms.txt writes it ("bđbp").
	raw string
}

type synonymTable struct {
	// byFirst holds the variants by their first folded word, longest first.
	byFirst map[string][]synonym
	// units are the alias groups of "@" lines, each alias as folded words.
	units [][][]string
}

var synonyms = parseSynonyms(synonymsTxt)

func foldWords(s string) []string {
	var out []string
	for _, w := range splitWords(strings.ToLower(s)) {
		if w.text != "" {
			out = append(out, Fold(w.text))
		}
	}
	return out
}

func parseSynonyms(txt string) *synonymTable {
	t := &synonymTable{byFirst: map[string][]synonym{}}
	for _, line := range strings.Split(txt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "@"); ok {
			var group [][]string
			for _, a := range strings.Split(rest, ";") {
				if fw := foldWords(a); len(fw) > 0 {
					group = append(group, fw)
				}
			}
			t.units = append(t.units, group)
			continue
		}
		canon, variants, ok := strings.Cut(line, ":")
		if !ok {
			panic("programme: synonyms.txt: no colon in " + line)
		}
		var to []word
		for _, w := range splitWords(strings.ToLower(strings.TrimSpace(canon))) {
			if w.text != "" {
				to = append(to, w)
			}
		}
		// The canonical form maps to itself, so "ủy ban nhân dân" is not read as "ủy ban" + more.
		for _, v := range append([]string{canon}, strings.Split(variants, ";")...) {
			if fw := foldWords(v); len(fw) > 0 {
				t.byFirst[fw[0]] = append(t.byFirst[fw[0]], synonym{from: fw, to: to, raw: strings.TrimSpace(v)})
			}
		}
	}
	for k := range t.byFirst {
		s := t.byFirst[k]
		sort.SliceStable(s, func(a, b int) bool { return len(s[a].from) > len(s[b].from) })
	}
	return t
}

// rewrite replaces variants in words by their canonical words. Hard breaks (empty words) stop a
// variant from matching across punctuation.
func (t *synonymTable) rewrite(words []word) []word {
	out := make([]word, 0, len(words))
	folded := make([]string, len(words))
	for i, w := range words {
		if w.text != "" {
			folded[i] = Fold(w.text)
		}
	}
	for i := 0; i < len(words); {
		matched := false
		for _, s := range t.byFirst[folded[i]] {
			if i+len(s.from) > len(words) {
				continue
			}
			ok := true
			for j, f := range s.from {
				if folded[i+j] != f {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			same := len(s.from) == len(s.to)
			for j := range s.to {
				if !same || Fold(s.to[j].text) != s.from[j] {
					same = false
				}
			}
			if same {
				out = append(out, words[i:i+len(s.from)]...) // keep the diacritics as written
			} else {
				out = append(out, s.to...)
			}
			i += len(s.from)
			matched = true
			break
		}
		if !matched {
			out = append(out, words[i])
			i++
		}
	}
	return out
}
