package i18n

import (
	"unicode"
	"unicode/utf8"
)

// statusNames is the one table of status names: /tiendo, the plan, the history, the digest, the sơ
// kết (text and workbook) and the dashboard all name a status from here, so the same status never
// reads "dự kiến" in one view and "Chưa bắt đầu" in another.
var statusNames = map[string]Text{
	"planned":   {"chưa bắt đầu", "not started"},
	"underway":  {"đang thực hiện", "under way"},
	"done":      {"hoàn thành", "done"},
	"overdue":   {"quá hạn", "overdue"},
	"cancelled": {"đã hủy", "cancelled"},
}

// StatusName is status s in lang, as written inside a sentence ("đang thực hiện"); an unknown
// status is shown as it is kept.
func StatusName[S ~string](lang string, s S) string {
	if m, ok := statusNames[string(s)]; ok {
		return m.In(lang)
	}
	return string(s)
}

// StatusLabel is status s in lang as a heading or a table cell: StatusName with a capital
// ("Đang thực hiện").
func StatusLabel[S ~string](lang string, s S) string { return CapitalFirst(StatusName(lang, s)) }

// CapitalFirst upper-cases the first letter of s.
func CapitalFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// StatusNames is every status's name in lang, for a view that lists them all (the dashboard).
func StatusNames[S ~string](lang string) map[S]string {
	out := make(map[S]string, len(statusNames))
	for s, m := range statusNames {
		out[S(s)] = m.In(lang)
	}
	return out
}

// IsStatus reports whether v is a status as it is kept ("underway"), as the audit writes one.
func IsStatus(v string) bool {
	_, ok := statusNames[v]
	return ok
}
