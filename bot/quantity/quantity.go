// Package quantity reads and writes the numbers coordination work is judged by: an activity's
// targets (chỉ tiêu: "20 buổi, 500 lượt người") and the quantities a report gives ("12 buổi, 320
// lượt người"). Units are free words, matched across reports without regard to case or
// diacritics, so "buoi" counts toward "buổi".
package quantity

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/internal/vi"
)

// MaxItems bounds how many quantities one line may carry.
const MaxItems = 10

// maxUnit bounds a unit's length in characters.
const maxUnit = 40

// Amount is a number of something.
type Amount struct {
	Value float64 `json:"v"`
	Unit  string  `json:"u"`
}

// Key is the unit in the form units are compared by.
func (a Amount) Key() string { return Key(a.Unit) }

// Key folds a unit for comparison: case, diacritics and inner spacing do not matter.
func Key(unit string) string { return strings.Join(strings.Fields(vi.Fold(unit)), " ") }

// FormError says which item of a line could not be read.
type FormError struct {
	Item   string
	Reason string
}

func (e *FormError) Error() string { return fmt.Sprintf("quantity %q: %s", e.Item, e.Reason) }

// AmbiguousError is returned for a number with one ',' or '.' followed by exactly three digits
// ("1,200", "2.500"): Vietnamese write 1.200 for twelve hundred and 1,2 for one and a fifth, many
// phones and English writers the other way round, so the reader must be asked, never guess.
type AmbiguousError struct {
	// Number is the number as typed; Thousands and Decimal are its two readings (1200 and 1.2).
	Number             string
	Thousands, Decimal float64
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("quantity: %q may be %v or %v", e.Number, e.Thousands, e.Decimal)
}

// ambiguous reads s as AmbiguousError's pattern: digits, one ',' or '.', exactly three digits.
func ambiguous(s string) (*AmbiguousError, bool) {
	i := strings.IndexAny(s, ",.")
	if i < 1 || i > 3 || len(s)-i-1 != 3 || strings.Trim(s[:i]+s[i+1:], "0123456789") != "" {
		return nil, false
	}
	th, err1 := strconv.ParseFloat(s[:i]+s[i+1:], 64)
	de, err2 := strconv.ParseFloat(s[:i]+"."+s[i+1:], 64)
	if err1 != nil || err2 != nil {
		return nil, false
	}
	return &AmbiguousError{Number: s, Thousands: th, Decimal: de}, true
}

// Resolve rewrites the first number of line that is ambiguous as num, in the reading the person
// chose (thousands or decimal), so that Parse reads it so: "1,200" becomes "1200" or "1,2000".
func Resolve(line, num string, thousands bool) string {
	i := strings.Index(line, num)
	if i < 0 {
		return line
	}
	sep := strings.IndexAny(num, ",.")
	var with string
	if thousands {
		with = num[:sep] + num[sep+1:]
	} else {
		with = num[:sep] + "," + num[sep+1:] + "0" // four decimals: no longer three digits
	}
	return line[:i] + with + line[i+len(num):]
}

// ErrTooMany is returned for a line of more than MaxItems quantities.
var ErrTooMany = errors.New("quantity: too many items")

// Parse reads a list of quantities: items separated by ";" or by a comma followed by a space,
// each a number then a unit ("12 buổi", "1.200 lượt người", "2,5 km", "3 tin bài"). In a number,
// "." or a space before exactly three digits separates thousands, and "," is the decimal mark (as
// Vietnamese write them); "1.5" with one or two digits after the point is read as a decimal too.
// One ',' or '.' before exactly three digits ("1,200", "1.200") could be either: Parse returns an
// *AmbiguousError for the first such number, and Resolve rewrites it as the person meant.
// A unit may appear once per line.
func Parse(s string) ([]Amount, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var out []Amount
	seen := map[string]bool{}
	for _, item := range splitItems(s) {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if len(out) == MaxItems {
			return nil, ErrTooMany
		}
		a, err := parseItem(item)
		if err != nil {
			return nil, err
		}
		if seen[a.Key()] {
			return nil, &FormError{Item: item, Reason: "unit given twice"}
		}
		seen[a.Key()] = true
		out = append(out, a)
	}
	return out, nil
}

// splitItems cuts at ";" and at "," followed by white space.
func splitItems(s string) []string {
	var items []string
	start := 0
	for i, r := range s {
		switch {
		case r == ';':
		case r == ',' && i+1 < len(s) && unicode.IsSpace(rune(s[i+1])):
		default:
			continue
		}
		items = append(items, s[start:i])
		start = i + 1
	}
	return append(items, s[start:])
}

func parseItem(item string) (Amount, error) {
	// The number runs while digits and separators followed by digits continue.
	end := 0
	for end < len(item) {
		c := item[end]
		switch {
		case c >= '0' && c <= '9':
			end++
			continue
		case (c == '.' || c == ',' || c == ' ') && end > 0 && end+1 < len(item) && item[end+1] >= '0' && item[end+1] <= '9':
			end++
			continue
		}
		break
	}
	if end == 0 {
		return Amount{}, &FormError{Item: item, Reason: "no number first"}
	}
	if amb, ok := ambiguous(strings.TrimSpace(item[:end])); ok {
		return Amount{}, amb
	}
	v, err := number(strings.TrimSpace(item[:end]))
	if err != nil {
		return Amount{}, &FormError{Item: item, Reason: err.Error()}
	}
	unit := strings.Join(strings.Fields(item[end:]), " ")
	switch {
	case unit == "":
		return Amount{}, &FormError{Item: item, Reason: "no unit"}
	case utf8.RuneCountInString(unit) > maxUnit:
		return Amount{}, &FormError{Item: item, Reason: "unit too long"}
	case strings.ContainsFunc(unit, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsControl(r) }):
		return Amount{}, &FormError{Item: item, Reason: "unit has digits"}
	}
	return Amount{Value: v, Unit: unit}, nil
}

// number reads "1.200", "1 200", "2,5", "1.5", "1.200,5".
func number(s string) (float64, error) {
	intPart, frac, hasFrac := strings.Cut(s, ",")
	if hasFrac && strings.ContainsAny(frac, ". ,") {
		return 0, errors.New("bad number")
	}
	groups := strings.FieldsFunc(intPart, func(r rune) bool { return r == '.' || r == ' ' })
	if len(groups) == 2 && !hasFrac && strings.Count(intPart, ".") == 1 && len(groups[1]) < 3 {
		// "1.5": a decimal point, as English writes it.
		frac, hasFrac = groups[1], true
		groups = groups[:1]
	}
	for i, g := range groups {
		if g == "" || (i > 0 && len(g) != 3) || (i == 0 && len(groups) > 1 && len(g) > 3) {
			return 0, errors.New("bad thousands grouping")
		}
	}
	digits := strings.Join(groups, "")
	if hasFrac {
		digits += "." + frac
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil || math.IsInf(v, 0) || v > 1e12 {
		return 0, errors.New("bad number")
	}
	return v, nil
}

// Format writes v as lang writes numbers: "1.200" and "2,5" in Vietnamese, "1,200" and "2.5" in
// English; at most two decimals.
func Format(v float64, lang string) string {
	thousands, decimal := ".", ","
	if i18n.English(lang) {
		thousands, decimal = ",", "."
	}
	neg := v < 0
	v = math.Abs(v)
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var sb strings.Builder
	if neg {
		sb.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			sb.WriteString(thousands)
		}
		sb.WriteRune(c)
	}
	if frac != "" {
		sb.WriteString(decimal + frac)
	}
	return sb.String()
}

// Mode says how an activity adds up its reports' quantities.
type Mode string

// The modes: the sum of every report (sessions held), or the latest report's figure (people
// reached so far, as each report restates it).
const (
	Sum    Mode = "sum"
	Latest Mode = "latest"
)

// Achieved adds up reports (oldest first) for each target unit, by mode; units no target names
// are ignored.
func Achieved(targets []Amount, reports [][]Amount, mode Mode) map[string]float64 {
	out := make(map[string]float64, len(targets))
	for _, t := range targets {
		out[t.Key()] = 0
	}
	for _, r := range reports {
		for _, a := range r {
			k := a.Key()
			if _, ok := out[k]; !ok {
				continue
			}
			if mode == Latest {
				out[k] = a.Value
			} else {
				out[k] += a.Value
			}
		}
	}
	return out
}
