package programme

import (
	"strings"
	"unicode"

	"github.com/coordbot/coordbot/internal/vi"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces text to its search form (see vi.Fold); exported so the bot matches keywords the
// same way search does.
func Fold(s string) string { return vi.Fold(s) }

// term weights: a folded syllable counts fully; a two-syllable pair and a syllable as written with
// its diacritics are extra evidence, worth half, so a query typed without diacritics loses little.
const (
	weightWord  = 1.0
	weightPair  = 0.5
	weightExact = 0.5
)

// term is one search term with its weight.
type term struct {
	key    string
	weight float64
}

// stopFolded are question and function words, by folded form, that never carry the topic of a
// question. Ambiguous folded forms (co: có/cơ, ve: về/vệ, to: tổ, dau: đâu/đấu, bao: bảo, hoi:
// hỏi/hội, an: an ninh) are absent: they are stopwords only as written with diacritics, in stopExact.
var stopFolded = map[string]bool{
	"la": true, "cua": true, "va": true, "cac": true, "nhung": true, "gi": true, "nao": true,
	"ai": true, "may": true, "nhieu": true, "hay": true, "xin": true, "a": true, "nhi": true,
	"nhe": true, "vay": true, "sao": true, "toi": true, "em": true,
	// English question and function words.
	"what": true, "which": true, "who": true, "whom": true, "whose": true, "when": true,
	"where": true, "why": true, "how": true, "is": true, "are": true, "was": true, "were": true,
	"do": true, "does": true, "did": true, "the": true, "of": true, "and": true,
	"tell": true, "say": true, "me": true, "please": true, "about": true, "i": true, "you": true, "it": true,
	"its": true, "there": true, "this": true, "that": true, "any": true, "can": true, "us": true,
	"be": true, "in": true, "on": true, "for": true, "with": true, "by": true, "at": true,
	"must": true, "should": true,
}

// stopExact are stopwords only when written with their diacritics, because their folded form is
// also a content word here (về/vệ, có/cơ, đâu/đấu, khi/khí).
var stopExact = map[string]bool{
	"về": true, "có": true, "không": true, "được": true, "đâu": true, "khi": true, "ở": true,
	"thế": true, "mấy": true, "những": true, "này": true, "đó": true, "thì": true, "bạn": true,
	"tôi": true, "cho": true, "số": true, "giữ": true, "biết": true, "muốn": true, "hỏi": true, "với": true, "ạ": true,
}

// stopPairs are question phrases dropped as a whole, by folded form, when their parts are not
// stopwords on their own ("bao" alone may be "bảo" in "bảo vệ").
var stopPairs = map[string]bool{
	"bao nhieu": true, "khi nao": true, "the nao": true, "o dau": true, "cho biet": true,
	"tai sao": true, "vi sao": true, "nhu the": true, "bao gio": true, "luc nao": true,
}

// tokenize turns text into weighted terms: folded syllables, folded pairs of adjacent syllables
// (not across punctuation or a stopword), and syllables with diacritics as written.
func tokenize(s string) []term {
	words := synonyms.rewrite(splitWords(strings.ToLower(norm.NFC.String(s))))
	var out []term
	prev := ""
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w.text == "" { // a hard break
			prev = ""
			continue
		}
		f := Fold(w.text)
		if i+1 < len(words) && stopPairs[f+" "+Fold(words[i+1].text)] {
			i++
			prev = ""
			continue
		}
		if stopExact[w.text] || stopFolded[f] {
			prev = ""
			continue
		}
		f = stem(f)
		out = append(out, term{f, weightWord})
		if f != w.text && !isASCII(w.text) {
			out = append(out, term{"=" + w.text, weightExact})
		}
		if prev != "" {
			out = append(out, term{prev + "_" + f, weightPair})
		}
		prev = f
	}
	return out
}

type word struct{ text string }

// splitWords splits on anything that is not a letter, digit or mark; punctuation (not space)
// becomes an empty word so that pairs do not span it.
func splitWords(s string) []word {
	var out []word
	start := -1
	for i, r := range s {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if inWord {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, word{trimZeros(s[start:i])})
			start = -1
		}
		if !unicode.IsSpace(r) {
			out = append(out, word{})
		}
	}
	if start >= 0 {
		out = append(out, word{trimZeros(s[start:])})
	}
	return out
}

// trimZeros makes "08" and "8" (as in 19/08 and 19/8) the same number.
func trimZeros(w string) string {
	if strings.Trim(w, "0123456789") != "" {
		return w
	}
	if t := strings.TrimLeft(w, "0"); t != "" {
		return t
	}
	return "0"
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// stem strips common English endings so "signed", "signing" and "sign" meet. Vietnamese syllables
// never end in these (no final s, d, -ing, and no long syllable ends in e), so they pass untouched.
func stem(w string) string {
	if len(w) < 4 || !isASCII(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ion") && len(w) > 6:
		w = w[:len(w)-3]
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		w = w[:len(w)-3]
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		w = w[:len(w)-2]
	}
	for len(w) > 4 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	if n := len(w); n > 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		w = w[:n-1]
	}
	return w
}
