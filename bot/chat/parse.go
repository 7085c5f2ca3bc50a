package chat

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/coordbot/coordbot/bot/programme"
)

// ParsePercent reads a progress figure: "60", "60%", "60 %", or "xong"/"done"/"hoàn thành" for
// 100. ok is false for anything else, including numbers outside 0–100 (then n holds the number so
// the error can echo it).
func ParsePercent(s string) (n int, ok bool) {
	s = strings.TrimSpace(s)
	switch programme.Fold(s) {
	case "xong", "done", "hoan thanh", "finished", "complete", "100 phan tram":
		return 100, true
	}
	if f := programme.Fold(s); strings.HasSuffix(f, "phan tram") {
		s = strings.TrimSpace(strings.TrimSuffix(f, "phan tram"))
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	if s == "" || len(s) > 6 {
		return 0, false
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, false
	}
	return v, v >= 0 && v <= 100
}

// cleanText drops control characters (keeping line breaks and tabs) from what a person typed.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// isCode says whether s looks like an activity code: the programme file's own rule
// (programme.ValidCode), so that every activity a file loads can be named in chat.
func isCode(s string) bool { return programme.ValidCode(s) }

// splitFields cuts a one-line command at "|", and at a ';' or a line break followed by a field's
// key ("; nd 4", a new line "đv Cần Giờ"), since "|" is hard to find on a phone keyboard. A ';' or
// a line break followed by anything else stays in the text.
func splitFields(s string) []string {
	var parts []string
	for _, p := range strings.Split(s, "|") {
		start := 0
		for i, r := range p {
			if (r == ';' || r == '\n') && i > start && startsWithKey(p[i+1:]) {
				parts = append(parts, p[start:i])
				start = i + 1
			}
		}
		parts = append(parts, p[start:])
	}
	return parts
}

// startsWithKey says whether s begins with a field's key ("nd 4", "đơn vị Cần Giờ").
func startsWithKey(s string) bool {
	words := strings.Fields(s)
	for n := min(3, len(words)); n >= 1; n-- {
		if _, ok := fieldKeys[programme.Fold(strings.Join(words[:n], " "))]; ok {
			return true
		}
	}
	return false
}

// fields maps the "| key value" segments of a one-line command to the canonical key. Keys are
// matched folded, so "nội dung", "noi dung" and "nd" are one.
var fieldKeys = map[string]string{
	"nd": "content", "noi dung": "content", "content": "content",
	"dv": "owner", "don vi": "owner", "owner": "owner", "unit": "owner",
	"phu trach": "person", "nguoi phu trach": "person", "pt": "person", "person": "person",
	"chi tieu": "targets", "ct": "targets", "target": "targets", "targets": "targets",
	"tinh": "tally", "cach tinh": "tally", "tally": "tally",
	"ma": "code", "code": "code",
	"nhac": "lead", "lead": "lead",
	"ten": "title", "title": "title",
	"luc": "when", "thoi gian": "when", "when": "when",
	"en": "title_en",
}

// splitSegments splits "head | key value | key value" into the head and a map of canonical keys.
// An unknown key is returned in bad.
func splitSegments(s string) (head string, kv map[string]string, bad string) {
	parts := splitFields(s)
	head = strings.TrimSpace(parts[0])
	kv = map[string]string{}
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		words := strings.Fields(p)
		matched := false
		// Keys are one to three words long; try the longer first ("noi dung" before "nd").
		for n := min(3, len(words)); n >= 1; n-- {
			k := programme.Fold(strings.Join(words[:n], " "))
			if canon, ok := fieldKeys[k]; ok {
				kv[canon] = strings.TrimSpace(strings.Join(words[n:], " "))
				matched = true
				break
			}
		}
		if !matched {
			return head, kv, p
		}
	}
	return head, kv, ""
}
