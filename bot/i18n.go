package bot

import (
	"fmt"
	"strings"
)

// Languages the bot speaks; the first is the default when nothing else is known.
var languages = []string{"vi", "en"}

// msg is one entry of the catalogue: the Vietnamese text and its English rendering, both
// fmt formats taking the same arguments.
type msg struct{ vi, en string }

// tr formats catalogue entry m in lang, falling back to Vietnamese.
func tr(lang string, m msg, args ...any) string {
	f := m.vi
	if lang == "en" && m.en != "" {
		f = m.en
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// normLang maps a user's choice or a client's language tag to a language the bot speaks.
func normLang(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "vi" || s == "vn" || strings.HasPrefix(s, "vi-") || s == "tiếng việt" || s == "tieng viet":
		return "vi", true
	case s == "en" || strings.HasPrefix(s, "en-") || s == "english" || s == "tiếng anh" || s == "tieng anh":
		return "en", true
	}
	return "", false
}
