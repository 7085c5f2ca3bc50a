package programme

import (
	"strconv"
	"strings"
)

// Fact is an answer built from the programme's structured facts (period, parties, attendees,
// content areas) for a question whose intent was recognised, with the passage it comes from.
type Fact struct {
	// Intent names what was asked: "period", "signed", "contents", "who", "parties", "duty".
	Intent string
	// Text is the answer, plain text, in both languages.
	Text Text
	// Source is the passage that holds the fact.
	Source Passage
}

// intent is one kind of question: its cue phrases (folded, stemmed words) and how to answer it.
type intent struct {
	name   string
	cues   [][]string
	answer func(ix *Index, q *asked) *Fact
}

// asked is a question being understood: its folded, stemmed words (stopwords kept).
type asked struct {
	words []string
	// used marks the words a cue, an anchor or a unit name took.
	used []bool
	// units are the indexes of the parties the question names.
	units []int
}

func cueList(phrases ...string) [][]string {
	out := make([][]string, 0, len(phrases))
	for _, p := range phrases {
		var ws []string
		for _, w := range foldWords(p) {
			ws = append(ws, stem(w))
		}
		out = append(out, ws)
	}
	return out
}

var (
	// anchors are words that say a question is about the programme (or carry no topic of their
	// own); they may stay in a question an intent answers.
	anchors = cueList("chương trình", "program", "programme", "phối hợp", "coordination", "coordinate",
		"nội dung", "content", "area", "areas", "ký kết", "ký", "sign", "signing", "lễ", "buổi lễ",
		"ceremony", "khi nào", "diễn ra", "vào", "held", "take place", "took place", "công tác dân vận", "dân vận", "mass mobilisation", "giai đoạn", "period", "đơn vị",
		"unit", "units", "hai bên", "hai đơn vị", "both", "two", "cơ quan", "bên", "tphcm", "thành ủy",
		"city", "năm", "year", "years", "này", "đó", "trong", "của", "the", "được", "thực hiện",
		"vậy", "ạ", "nhỉ", "nhé", "à", "hả", "ơi", "bot", "anh", "chị", "em", "cho", "hỏi", "biết",
		"xin", "vui lòng", "tôi", "mình", "muốn", "không", "có", "là", "gì", "nào", "những", "các",
		"với", "và", "thì", "đã", "sẽ", "phải", "mấy", "bao nhiêu", "hiện nay", "main", "all",
		"list", "liệt kê", "kể", "ra", "gồm", "this", "that", "it", "its", "our", "my", "we", "in",
		"of", "for", "to", "a", "an", "what", "which", "who", "when", "how", "is", "are", "was", "were",
		"do", "does", "did", "will", "be", "please", "tell", "me", "us", "about", "there", "have", "has",
		"does", "and", "or", "by", "on", "at", "with", "can", "could", "you", "i")

	// topics are words that make a question about the programme; an intent is answered only when
	// one is present (or the question names a party), so "how do I start" is not about it.
	topics = cueList("chương trình", "program", "programme", "phối hợp", "coordination", "nội dung",
		"content", "area", "areas", "ký", "ký kết", "sign", "signed", "signing", "lễ", "ceremony",
		"tham dự", "attend", "attended", "attendees", "giai đoạn", "period", "hai bên", "hai đơn vị",
		"both", "dân vận", "mass mobilisation", "đơn vị", "unit", "units", "parties", "party")

	// an intent's answer is given only when every other word of the question is an anchor.
	intents = []intent{
		{"signedtime", cueList("vào buổi nào", "buổi nào", "mấy giờ", "lúc mấy giờ", "giờ nào", "diễn ra vào buổi nào",
			"sáng hay chiều", "buổi sáng hay chiều", "buổi sáng hay buổi chiều", "what time", "time of day", "morning or afternoon",
			"which part of the day"), (*Index).signedTimeFact},
		{"contents", cueList("bao nhiêu nội dung", "mấy nội dung", "có mấy nội dung", "các nội dung",
			"những nội dung", "5 nội dung", "năm nội dung", "nội dung chính", "nội dung phối hợp",
			"nội dung gì", "nội dung nào", "gồm những gì", "gồm những nội dung", "tập trung vào",
			"tập trung vào gì", "tập trung thực hiện", "liệt kê", "how many content", "how many area",
			"how many areas", "number of content", "content areas", "what areas", "which areas",
			"cover", "covers", "focus", "focus on", "main areas", "five areas", "5 areas", "five content areas",
			"5 content areas", "the areas"), (*Index).contentsFact},
		{"about", cueList("mục tiêu", "mục đích", "nói về gì", "nói về cái gì", "về cái gì", "về việc gì",
			"nhằm mục đích gì", "purpose", "aim", "aims", "goal", "goals", "objective", "objectives",
			"what is it about", "about what"), (*Index).aboutFact},
		{"duty", cueList("phải làm gì", "làm gì", "làm những gì", "cần làm gì", "nhiệm vụ", "nhiệm vụ gì",
			"trách nhiệm", "vai trò", "phụ trách", "đảm nhiệm", "what must", "what should", "do what",
			"have to do", "has to do", "must do", "should do", "role", "duty", "duties", "task", "tasks",
			"responsibility", "responsibilities", "responsible for"), (*Index).dutyFact},
		{"who", cueList("ai ký", "ai đã ký", "ai là người ký", "người ký", "ai chủ trì", "chủ trì",
			"ai tham dự", "tham dự", "ai tham gia", "ai có mặt", "thành phần tham dự", "thành phần",
			"ai lãnh đạo", "lãnh đạo nào", "dự", "dự lễ", "ai dự", "lãnh đạo", "những ai", "người nào", "who signed", "who sign",
			"who attended", "who attend", "attended", "attendees", "who was present", "who were present",
			"present", "who led", "who leads", "who chaired", "chaired", "in charge", "signatory",
			"signatories", "who took part", "took part", "who was there"), (*Index).whoFact},
		{"parties", cueList("với ai", "với cơ quan nào", "với đơn vị nào", "với bên nào", "với những ai",
			"giữa những đơn vị nào", "giữa các đơn vị nào", "giữa ai", "giữa những ai", "giữa những bên nào",
			"những đơn vị nào", "các đơn vị nào", "đơn vị nào", "cơ quan nào", "các bên", "bên nào",
			"những bên nào", "with whom", "with which", "which unit", "which units", "which organisation",
			"which organisations", "parties", "party", "partner", "partners", "between whom", "who is it between",
			"between", "work with", "works with", "cooperate with", "coordinate with"), (*Index).partiesFact},
		{"period", cueList("đến năm nào", "đến khi nào", "đến bao giờ", "đến lúc nào", "kéo dài", "kết thúc", "hết", "thì hết", "khi nào hết", "năm nào hết",
			"hết hạn", "hiệu lực", "có hiệu lực", "có hiệu lực đến", "thời gian", "bao lâu", "mấy năm", "bao nhiêu năm", "giai đoạn nào", "thời hạn",
			"thời gian thực hiện", "bắt đầu", "từ năm nào", "trong bao lâu", "until when", "until", "end",
			"ends", "ending", "finish", "finishes", "how long", "how many years", "what years", "which years",
			"duration", "start", "starts", "begin", "begins", "expire", "expires", "last", "run until",
			"period", "what period", "run", "runs", "last until"), (*Index).periodFact},
		{"signed", cueList("ký khi nào", "ký ngày nào", "ký lúc nào", "ký hôm nào", "ký kết khi nào",
			"ký kết ngày nào", "ký kết lúc nào", "ký kết bao giờ", "ngày ký", "ngày ký kết", "thời điểm ký",
			"when signed", "signed when", "when was signed", "date", "signing date", "what date"), (*Index).signedFact},
	}
)

// understand answers q from the programme's facts when it recognises the question's intent, or
// returns nil so that the passages are searched instead. decline is true when the question asks
// an intent about a name the programme never uses ("Bộ Công an có nhiệm vụ gì"): its syllables
// may each occur in the programme, but not side by side, and no passage answers it.
func (ix *Index) understand(query string) (fact *Fact, decline bool) {
	if ix.prog == nil {
		return nil, false
	}
	var q asked
	for _, w := range synonyms.rewrite(splitWords(strings.ToLower(query))) {
		if w.text != "" {
			q.words = append(q.words, stem(Fold(w.text)))
		}
	}
	if len(q.words) == 0 || len(q.words) > 24 {
		return nil, false
	}
	q.used = make([]bool, len(q.words))
	// A asked that names a content area by number ("nội dung 3") is about that area.
	for i := 0; i+1 < len(q.words); i++ {
		if (q.words[i] == "dung" || q.words[i] == "content" || q.words[i] == "area") && isNumber(q.words[i+1]) {
			return nil, false
		}
	}
	q.units = ix.namedUnits(&q)
	if len(q.units) == 0 && !q.hasAny(topics) {
		return nil, false
	}
	for _, in := range intents {
		hit := false
		for _, c := range in.cues {
			if q.mark(c) {
				hit = true
			}
		}
		if !hit {
			continue
		}
		if (in.name == "signed" || in.name == "signedtime") && !q.has("ky") && !q.has("sign") && !q.has("signed") {
			continue
		}
		for _, a := range anchors {
			q.mark(a)
		}
		for i, u := range q.used {
			if !u && !(isNumber(q.words[i]) && ix.df[q.words[i]] > 0) {
				// A word the intent does not explain: search instead, unless the words left over
				// name something the programme never names.
				return nil, ix.strangeName(&q)
			}
		}
		if f := in.answer(ix, &q); f != nil {
			f.Intent = in.name
			return f, false
		}
		return nil, false
	}
	return nil, false
}

// strangeName reports whether two adjacent words the question's intent left unexplained never
// stand side by side in the programme: a name such as "Bộ Công an" or "Sở Giáo dục".
func (ix *Index) strangeName(q *asked) bool {
	for i := 0; i+1 < len(q.words); i++ {
		if q.used[i] || q.used[i+1] {
			continue
		}
		if ix.df[q.words[i]+"_"+q.words[i+1]] == 0 {
			return true
		}
	}
	return false
}

func isNumber(s string) bool { _, err := strconv.Atoi(s); return err == nil }

// mark marks every occurrence of phrase in q and reports whether there was one.
func (q *asked) mark(phrase []string) bool {
	found := false
	for i := 0; i+len(phrase) <= len(q.words); i++ {
		ok := true
		for j, p := range phrase {
			if q.words[i+j] != p {
				ok = false
				break
			}
		}
		if ok {
			found = true
			for j := range phrase {
				q.used[i+j] = true
			}
		}
	}
	return found
}

// hasAny reports whether q holds one of phrases, without marking it.
func (q *asked) hasAny(phrases [][]string) bool {
	for _, p := range phrases {
		for i := 0; i+len(p) <= len(q.words); i++ {
			ok := true
			for j, w := range p {
				if q.words[i+j] != w {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

func (q *asked) has(w string) bool {
	for _, x := range q.words {
		if x == w {
			return true
		}
	}
	return false
}

// namedUnits finds the parties q names through the unit aliases of synonyms.txt, longest first,
// and marks their words.
func (ix *Index) namedUnits(q *asked) []int {
	var out []int
	for _, group := range synonyms.units {
		party := -1
		for i, name := range ix.partyFolded {
			for _, a := range group {
				if strings.Contains(name, " "+strings.Join(a, " ")+" ") {
					party = i
				}
			}
		}
		if party < 0 {
			continue
		}
		for _, a := range group {
			var st []string
			for _, w := range a {
				st = append(st, stem(w))
			}
			if q.mark(st) && !containsInt(out, party) {
				out = append(out, party)
			}
		}
	}
	return out
}

// foldWordsSyn folds s after the synonyms rewrite, as the index sees it.
func foldWordsSyn(s string) []string {
	var out []string
	for _, w := range synonyms.rewrite(splitWords(strings.ToLower(s))) {
		if w.text != "" {
			out = append(out, Fold(w.text))
		}
	}
	return out
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
