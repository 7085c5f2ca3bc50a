package programme

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// BM25 parameters, the usual ones: passages here are a few lines to a paragraph long.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
	// headingBoost counts heading and source terms again: a passage is about what its heading
	// says, and "nội dung 5" names content area 5.
	headingBoost = 2
)

// Thresholds of the "found" decision, tuned on the question table in search_test.go.
const (
	// foundCoverage is the share of the query (idf-weighted) the best passage must hold.
	foundCoverage = 0.62
	// sureCoverage is a coverage so high the runner-up does not matter.
	sureCoverage = 0.8
	// foundMargin is how far ahead of the runner-up a passage with foundCoverage must score.
	foundMargin = 1.15
	// clearCoverage and clearMargin accept a weaker coverage when one passage stands far ahead:
	// a question about a named person with a few words the programme does not use.
	clearCoverage = 0.5
	clearMargin   = 2.5
	// suggestCoverage is the least coverage for which the closest headings are worth offering.
	suggestCoverage = 0.3
	// hitRatio keeps further hits that score close to the best one.
	hitRatio = 0.75
	maxHits  = 3
)

// Index answers questions over a programme's passages. It is built once and never changed, so it
// is safe for concurrent use.
type Index struct {
	prog     *Programme
	passages []Passage
	docs     []map[string]float64 // per passage: term → weighted frequency
	lengths  []float64
	avgLen   float64
	df       map[string]int
	// lowerVI is each passage's Vietnamese heading and body in lower case, for boostNaming.
	lowerVI []string
	// viWords and viFolded are each passage's Vietnamese heading, body and source word by word,
	// as written and folded, for findPhrase.
	viWords, viFolded [][]string
	// partyFolded is each party's names as namedUnits compares them.
	partyFolded []string
}

// Hit is a passage that answers a question, with its BM25 score.
type Hit struct {
	Passage Passage
	Score   float64
}

// Result is the answer to a question. Found is true when the best passages fit the question
// well; otherwise Hits is empty and Suggestions holds the closest headings, if any came close.
type Result struct {
	Found bool
	// Fact is set when the question's intent was recognised and answered from the programme's
	// facts; Hits then holds the passage the fact comes from.
	Fact        *Fact
	Hits        []Hit
	Suggestions []Passage
	// coverage is the share of the question the best passage holds.
	coverage float64
}

// NewIndex indexes the passages of p, Vietnamese and English text alike.
func NewIndex(p *Programme) *Index {
	ix := &Index{prog: p, passages: Passages(p), df: map[string]int{}}
	var total float64
	for _, ps := range ix.passages {
		tf := map[string]float64{}
		add := func(s string, times float64) {
			for _, t := range tokenize(s) {
				tf[t.key] += t.weight * times
			}
		}
		add(ps.Body.VI, 1)
		add(ps.Body.EN, 1)
		add(ps.Source.VI, headingBoost)
		add(ps.Source.EN, headingBoost)
		add(ps.Heading.VI, headingBoost)
		add(ps.Heading.EN, headingBoost)
		var n float64
		for k, v := range tf {
			n += v
			ix.df[k]++
		}
		ix.docs = append(ix.docs, tf)
		var ws, fs []string
		for _, w := range splitWords(ps.Heading.VI + " . " + ps.Body.VI + " . " + ps.Source.VI) {
			if w.text != "" {
				ws, fs = append(ws, w.text), append(fs, Fold(w.text))
			}
		}
		ix.viWords, ix.viFolded = append(ix.viWords, ws), append(ix.viFolded, fs)
		ix.lowerVI = append(ix.lowerVI, strings.ToLower(norm.NFC.String(ps.Body.VI+"\n"+ps.Heading.VI)))
		ix.lengths = append(ix.lengths, n)
		total += n
	}
	if p != nil {
		for _, pt := range p.Parties {
			ix.partyFolded = append(ix.partyFolded, " "+strings.Join(foldWordsSyn(pt.Name.VI+" ; "+pt.Name.EN), " ")+" ")
		}
	}
	if len(ix.passages) > 0 {
		ix.avgLen = total / float64(len(ix.passages))
	}
	return ix
}

// Passages returns the indexed passages in reading order.
func (ix *Index) Passages() []Passage { return append([]Passage(nil), ix.passages...) }

// idf is BM25's; a term no passage holds gets the highest value, so words the programme never
// uses weigh heavily against a match.
func (ix *Index) idf(key string) float64 {
	n := float64(len(ix.passages))
	df := float64(ix.df[key])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

type scored struct {
	i        int
	score    float64
	coverage float64
}

// Search answers query: from the programme's facts when it recognises what is asked (until when,
// how many, who, with whom, what must X do, which content areas), else with the passages that fit.
func (ix *Index) Search(query string) Result {
	if len(ix.passages) == 0 {
		return Result{}
	}
	query = contentOrdinals(query)
	if f := ix.abbreviation(query); f != nil {
		return Result{Found: true, Fact: f, Hits: []Hit{{Passage: f.Source, Score: 1}}}
	}
	f, decline := ix.understand(query)
	if f != nil {
		return Result{Found: true, Fact: f, Hits: []Hit{{Passage: f.Source, Score: 1}}}
	}
	if n := ix.namedContent(query); n > 0 {
		// "nội dung thứ tư nói về gì": the area named by its number is the answer.
		return Result{Found: true, Hits: []Hit{{Passage: ix.passage("content-" + strconv.Itoa(n)), Score: 1}}}
	}
	r := ix.search(query)
	if decline && r.Found {
		// Words matched, but the question is about something the programme never names.
		r = Result{}
	}
	return r
}

// search finds the passages that answer query.
func (ix *Index) search(query string) Result {
	q := map[string]float64{}
	for _, t := range tokenize(query) {
		if t.weight > q[t.key] {
			q[t.key] = t.weight
		}
	}
	var want float64
	idf := make(map[string]float64, len(q))
	for k, w := range q {
		idf[k] = ix.idf(k)
		if w == weightPair && ix.df[k] == 0 {
			// Two programme words that the programme never puts side by side are how people ask
			// ("programme signed"); only an unknown word counts against the match.
			q[k] = 0
			continue
		}
		want += w * idf[k]
	}
	if want == 0 || len(ix.passages) == 0 {
		return Result{}
	}
	all := make([]scored, 0, len(ix.passages))
	for i, tf := range ix.docs {
		s := scored{i: i}
		norm := bm25K1 * (1 - bm25B + bm25B*ix.lengths[i]/ix.avgLen)
		var have float64
		for k, w := range q {
			f := tf[k]
			if f == 0 {
				continue
			}
			s.score += w * idf[k] * f * (bm25K1 + 1) / (f + norm)
			have += w * idf[k]
		}
		s.coverage = have / want
		if s.score > 0 {
			all = append(all, s)
		}
	}
	if len(all) == 0 {
		return Result{}
	}
	ix.rankExamples(all, query)
	ix.boostNaming(all, query)
	sort.SliceStable(all, func(a, b int) bool { return all[a].score > all[b].score })
	best := all[0]
	margin := math.Inf(1)
	if len(all) > 1 && all[1].score > 0 {
		margin = best.score / all[1].score
	}
	if best.coverage >= sureCoverage || (best.coverage >= foundCoverage && margin >= foundMargin) ||
		(best.coverage >= clearCoverage && margin >= clearMargin) {
		r := Result{Found: true, coverage: best.coverage}
		for _, s := range all {
			if len(r.Hits) == maxHits || s.score < hitRatio*best.score || s.coverage < min(foundCoverage, best.coverage) {
				break
			}
			r.Hits = append(r.Hits, Hit{Passage: ix.passages[s.i], Score: s.score})
		}
		return r
	}
	var r Result
	if best.coverage >= suggestCoverage {
		for _, s := range all {
			if len(r.Suggestions) == maxHits {
				break
			}
			r.Suggestions = append(r.Suggestions, ix.passages[s.i])
		}
	}
	return r
}

// exampleWeight scales the score of a planned activity: the plan illustrates the programme, so a
// question that fits both is answered with the programme's own text.
const exampleWeight = 0.5

// rankExamples lowers activities below the programme's text unless the query names their code.
func (ix *Index) rankExamples(all []scored, query string) {
	codes := map[string]bool{}
	for _, w := range splitWords(strings.ToLower(query)) {
		codes[w.text] = true
	}
	for i := range all {
		id := ix.passages[all[i].i].ID
		if code, ok := strings.CutPrefix(id, "activity-"); ok && !codes[strings.ToLower(code)] {
			all[i].score *= exampleWeight
		}
	}
}
