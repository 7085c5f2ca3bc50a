package zalotest

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
)

// The payloads the server is written from: each fixture is a documented (or reported) body with
// the source it comes from. Tests run the transport against every one of them.
//
//go:embed testdata/*.json
var fixtureFS embed.FS

// Fixture is one payload from the platform's documents or integrations.
type Fixture struct {
	// Name is the file's name under testdata/.
	Name string `json:"-"`
	// Source names where the payload comes from (repository and path, or URL).
	Source string `json:"source"`
	Note   string `json:"note"`
	// Kind is "webhook" (a body Zalo POSTs to the webhook), "getUpdates" (a whole getUpdates
	// answer) or "answer" (a whole answer to Method, with HTTP Status).
	Kind   string `json:"kind"`
	Method string `json:"method"`
	Status int    `json:"status"`
	// Body is the JSON body; BodyText a body that is not JSON (a proxy's page).
	Body     json.RawMessage `json:"body"`
	BodyText string          `json:"body_text"`
	// Want is what a client should make of it (see the fixtures).
	Want FixtureWant `json:"want"`
}

// FixtureWant is what a fixture means.
type FixtureWant struct {
	// For deliveries.
	Event     string `json:"event"`
	MessageID string `json:"message_id"`
	Chat      string `json:"chat"`
	ChatType  string `json:"chat_type"`
	From      string `json:"from"`
	Name      string `json:"name"`
	Text      string `json:"text"`
	Caption   string `json:"caption"`
	Photo     string `json:"photo"`
	Sticker   string `json:"sticker"`
	Date      int64  `json:"date"`
	// For answers.
	OK            bool   `json:"ok"`
	ID            string `json:"id"`
	CanJoinGroups bool   `json:"can_join_groups"`
	Code          int    `json:"code"`
	Retried       bool   `json:"retried"`
	ChatGone      bool   `json:"chat_gone"`
	Fatal         bool   `json:"fatal"`
}

// RawBody is the body as sent on the wire.
func (f Fixture) RawBody() []byte {
	if f.BodyText != "" {
		return []byte(f.BodyText)
	}
	return f.Body
}

// Fixtures returns every fixture, sorted by name. It fails on a fixture without a source.
func Fixtures() ([]Fixture, error) {
	names, err := fixtureFS.ReadDir("testdata")
	if err != nil {
		return nil, err
	}
	var out []Fixture
	for _, n := range names {
		data, err := fixtureFS.ReadFile(path.Join("testdata", n.Name()))
		if err != nil {
			return nil, err
		}
		var f Fixture
		if err := json.Unmarshal(data, &f); err != nil {
			return nil, fmt.Errorf("%s: %w", n.Name(), err)
		}
		f.Name = n.Name()
		if f.Source == "" || f.Kind == "" {
			return nil, fmt.Errorf("%s: a fixture needs its source and kind", n.Name())
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
