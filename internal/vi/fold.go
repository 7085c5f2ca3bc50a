// Package vi holds the one piece of Vietnamese text handling several packages need: folding text
// to the form that search and keyword matching compare.
package vi

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces text to its comparison form: decomposed (NFD), combining marks dropped, đ/Đ mapped
// to d (it has no decomposition), lower-cased. "Dân vận KHÉO" and "dan van kheo" fold alike, as do
// the old and new tone placements (hoà, hòa) that NFC keeps apart. It builds nothing shared (a
// shared transform.Chain is not safe across goroutines), so it is safe for concurrent use.
func Fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.Is(unicode.Mn, r):
			return -1
		case r == 'đ' || r == 'Đ':
			return 'd'
		}
		return unicode.ToLower(r)
	}, norm.NFD.String(s))
}
