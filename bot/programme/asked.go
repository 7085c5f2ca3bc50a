package programme

import (
	"fmt"
	"slices"

	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Readings of a question that come before search (issue 23): ordinals read as content numbers,
// abbreviations the programme's own text uses, and a word that names one passage.

// ordinalWords are the numbers a cadre writes after "nội dung thứ" / "số" or before "content
// area", folded.
var ordinalWords = map[string]int{
	"nhat": 1, "mot": 1, "hai": 2, "nhi": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7,
	"tam": 8, "chin": 9, "muoi": 10,
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
}

// englishOrdinals come before the content word: "the fourth content area".
var englishOrdinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}

func isContentWord(ws []string, i int) int {
	switch {
	case i+1 < len(ws) && ws[i] == "noi" && ws[i+1] == "dung":
		return 2
	case ws[i] == "nd" || ws[i] == "content" || ws[i] == "area":
		return 1
	}
	return 0
}

// contentOrdinals rewrites "nội dung thứ tư", "nội dung thứ 4", "nội dung số 4", "content area
// number four", "the fourth content area" as "nội dung 4" (folded): where a content is named, "thứ
// tư" is its number, not Wednesday. Other words are kept as typed.
func contentOrdinals(query string) string {
	ws := foldWords(query)
	changed := false
	var out []string
	for i := 0; i < len(ws); i++ {
		// English ordinal before the content word: "the fourth content area".
		if n, ok := englishOrdinals[ws[i]]; ok && i+1 < len(ws) && (ws[i+1] == "content" || ws[i+1] == "area") {
			out = append(out, "noi", "dung", strconv.Itoa(n))
			i++
			if i+1 < len(ws) && ws[i] == "content" && ws[i+1] == "area" {
				i++
			}
			changed = true
			continue
		}
		k := isContentWord(ws, i)
		if k == 0 {
			out = append(out, ws[i])
			continue
		}
		j := i + k
		if j < len(ws) && ws[j-1] == "content" && ws[j] == "area" {
			j++
		}
		marker := false
		if j < len(ws) && (ws[j] == "thu" || ws[j] == "so" || ws[j] == "number" || ws[j] == "no") {
			j++
			marker = true
		}
		if j < len(ws) {
			n, err := strconv.Atoi(ws[j])
			num := err == nil
			if !num {
				n, num = ordinalWords[ws[j]]
				// A bare "nội dung năm" may be "the content of the year": only after thứ/số.
				num = num && marker
			}
			if num && !(j+1 < len(ws) && isNumber(ws[j+1])) {
				out = append(out, "noi", "dung", strconv.Itoa(n))
				i = j
				changed = true
				continue
			}
		}
		out = append(out, ws[i:i+k]...)
		i += k - 1
	}
	if !changed {
		return query
	}
	return strings.Join(out, " ")
}

// namedContent is the content area query names by number ("nội dung 4"), or 0.
func (ix *Index) namedContent(query string) int {
	ws := foldWords(query)
	found := 0
	for i := 0; i+2 < len(ws); i++ {
		if ws[i] == "noi" && ws[i+1] == "dung" && isNumber(ws[i+2]) {
			n, _ := strconv.Atoi(ws[i+2])
			if found != 0 && found != n {
				return 0 // two areas: leave it to search
			}
			found = n
		}
	}
	if found < 1 || ix.prog == nil || found > len(ix.prog.Contents) {
		return 0
	}
	return found
}

// abbrevCues say a question asks what an abbreviation stands for.
var abbrevCues = cueList("viết tắt", "viet tat", "là chữ gì", "nghĩa là gì", "có nghĩa là gì",
	"stand for", "stands for", "abbreviation", "short for", "mean", "means")

// abbreviation answers "BĐBP là viết tắt của gì": an abbreviation of synonyms.txt whose full form
// the programme's text uses, with that form as the text writes it.
func (ix *Index) abbreviation(query string) *Fact {
	var q asked
	for _, w := range splitWords(strings.ToLower(query)) {
		if w.text != "" {
			q.words = append(q.words, Fold(w.text))
		}
	}
	q.used = make([]bool, len(q.words))
	if !q.hasAny(abbrevCues) {
		return nil
	}
	for _, w := range q.words {
		for _, s := range synonyms.byFirst[w] {
			if len(s.from) != 1 || len(s.to) < 2 {
				continue
			}
			var canon []string
			for _, t := range s.to {
				canon = append(canon, Fold(t.text))
			}
			full, src, ok := ix.findPhrase(strings.Join(canon, " "))
			if !ok {
				continue
			}
			abbr := strings.ToUpper(s.raw)
			return &Fact{Intent: "abbreviation", Text: both(
				fmt.Sprintf("%s là viết tắt của “%s” (cách viết trong chương trình).", abbr, full),
				fmt.Sprintf("%s is short for “%s” (as the programme writes it).", abbr, full)), Source: src}
		}
	}
	return nil
}

// findPhrase finds the folded words phrase in the programme's Vietnamese text and returns it as
// written there, with the passage that holds it.
func (ix *Index) findPhrase(phrase string) (string, Passage, bool) {
	want := strings.Fields(phrase)
	n := len(want)
	for k, fs := range ix.viFolded {
		for i := 0; i+n <= len(fs); i++ {
			if slices.Equal(fs[i:i+n], want) {
				return strings.Join(ix.viWords[k][i:i+n], " "), ix.passages[k], true
			}
		}
	}
	return "", Passage{}, false
}

// namingBoost puts ahead of the best score the one passage of the programme's text that holds two
// adjacent words of the query as written, with their diacritics, when no other passage holds
// them: "hiến kế" names content area 2 (while "hien ke" folded also reads "thực hiện kế hoạch").
const namingBoost = 2.0

// boostNaming raises, for each such pair of words of query, the one passage that holds it.
func (ix *Index) boostNaming(all []scored, query string) {
	for _, p := range ix.passages {
		if code, ok := strings.CutPrefix(p.ID, "activity-"); ok && strings.Contains(" "+strings.ToLower(query)+" ", " "+strings.ToLower(code)+" ") {
			return // a question naming an activity is about it
		}
	}
	var ws []string
	for _, w := range splitWords(strings.ToLower(norm.NFC.String(query))) {
		ws = append(ws, w.text)
	}
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "" || ws[i+1] == "" || isASCII(ws[i]) || isASCII(ws[i+1]) {
			continue
		}
		phrase := ws[i] + " " + ws[i+1]
		holder := -1
		for j, p := range ix.passages {
			if strings.HasPrefix(p.ID, "activity-") {
				continue
			}
			if strings.Contains(ix.lowerVI[j], phrase) {
				if holder >= 0 {
					holder = -2
					break
				}
				holder = j
			}
		}
		if holder < 0 {
			continue
		}
		top := 0.0
		for _, a := range all {
			top = max(top, a.score)
		}
		for k := range all {
			if all[k].i == holder {
				// Ranked first, once.
				all[k].score = max(all[k].score, top*namingBoost)
				return
			}
		}
	}
}
