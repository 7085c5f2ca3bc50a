package i18n

import "strings"

// Languages the bot speaks; the first is the default when nothing else is known.
var Languages = []string{"vi", "en"}

// Client is the reply language for a user who has not chosen one: Vietnamese for a Telegram
// client in Vietnamese, English for a client in any other language, def when the client says none
// (Telegram's language_code, an IETF tag such as "vi" or "en-US").
func Client(code, def string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	switch {
	case code == "":
		return def
	case code == "vi" || strings.HasPrefix(code, "vi-") || strings.HasPrefix(code, "vi_"):
		return "vi"
	}
	return "en"
}

// Norm maps a user's choice ("tiếng Việt", "en") or a client's language tag to a language the
// bot speaks.
func Norm(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "vi" || s == "vn" || strings.HasPrefix(s, "vi-") || s == "tiếng việt" || s == "tieng viet":
		return "vi", true
	case s == "en" || strings.HasPrefix(s, "en-") || s == "english" || s == "tiếng anh" || s == "tieng anh":
		return "en", true
	}
	return "", false
}
