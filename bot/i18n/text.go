// Package i18n is every word coordbot says: the reply languages and how a user's is chosen, the one
// bilingual text type with its one fallback rule, the catalogue of the bot's messages (one file
// per family of commands), the names of statuses, and numbers, percents and dates as each language
// writes them. Vietnamese is authoritative and always present; English is a courtesy.
package i18n

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Text is one entry of the catalogue, or any text kept in both languages: the Vietnamese and its
// English rendering. In the catalogue both are fmt formats taking the same arguments.
type Text struct {
	VI string `yaml:"vi"`
	EN string `yaml:"en,omitempty"`
}

// In is t in lang, falling back to Vietnamese: coordbot's one rule for bilingual text. The
// bot's messages, activity titles, exports, charts, the dashboard and Zalo's replies all go
// through it.
func (t Text) In(lang string) string {
	if English(lang) && t.EN != "" {
		return t.EN
	}
	return t.VI
}

// F formats t in lang with args: In, then fmt.Sprintf. A catalogue entry is a format even when
// it takes no argument, so its "%%" reads "%" either way ("60%%" in a usage line shows as 60%).
func (t Text) F(lang string, args ...any) string {
	f := t.In(lang)
	if len(args) == 0 {
		return strings.ReplaceAll(f, "%%", "%")
	}
	return fmt.Sprintf(f, args...)
}

// IsZero reports whether neither language holds text.
func (t Text) IsZero() bool { return t.VI == "" && t.EN == "" }

// Pick is vi or en as lang asks, by the same rule as Text.In.
func Pick(lang, vi, en string) string { return Text{VI: vi, EN: en}.In(lang) }

// English reports whether lang ("en", "en-US", "EN") asks for English; every other language
// gets Vietnamese, the programme's own.
func English(lang string) bool { return strings.HasPrefix(strings.ToLower(lang), "en") }

// UnmarshalYAML accepts a plain string as the Vietnamese text, so simple files stay simple. It
// starts from an empty Text so that a file extending the seed never inherits a stale translation.
func (t *Text) UnmarshalYAML(n *yaml.Node) error {
	*t = Text{}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		t.VI = n.Value
		return nil
	case yaml.MappingNode:
		type plain Text // no UnmarshalYAML: decode the mapping field by field
		var p plain
		if err := n.Decode(&p); err != nil {
			return err
		}
		*t = Text(p)
		return nil
	}
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: expected a text (a string, or vi:/en:)", n.Line)}}
}
