package programme

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Problem is one thing wrong with a programme file, at a line of it (1-based; the first line when
// the problem is something missing from the whole file).
type Problem struct {
	Line int
	Msg  string
}

// Problems is every problem found in a file, sorted by line. Parse returns it as its error so the
// operator can fix a file in one pass rather than one error at a time.
type Problems []Problem

// Error writes one "line N: msg" per problem.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = fmt.Sprintf("line %d: %s", p.Line, p.Msg)
	}
	return strings.Join(lines, "\n")
}

// document is the file's shape. It differs from Programme only where the file holds text that
// Parse turns into something richer (the signing date) or needs to see missing (the period).
type document struct {
	Extends     string     `yaml:"extends,omitempty"`
	Title       Text       `yaml:"title"`
	Summary     Text       `yaml:"summary,omitempty"`
	Parties     []Party    `yaml:"parties"`
	Attendees   []Person   `yaml:"attendees,omitempty"`
	Signatories []Person   `yaml:"signatories,omitempty"`
	Period      *Period    `yaml:"period"`
	SignedOn    string     `yaml:"signed_on,omitempty"`
	SignedWhen  Text       `yaml:"signed_when,omitempty"`
	Contents    []Content  `yaml:"contents"`
	Movements   []Movement `yaml:"movements,omitempty"`
	Plans       []Plan     `yaml:"plans,omitempty"`
	Notes       []Text     `yaml:"notes,omitempty"`
	Units       []Unit     `yaml:"units,omitempty"`
	Activities  []Activity `yaml:"activities,omitempty"`
	FAQ         []FAQ      `yaml:"faq,omitempty"`
	Source      Source     `yaml:"source,omitempty"`
}

var lineRE = regexp.MustCompile(`line (\d+): ?(.*)`)

// Parse reads a programme file and validates it. A file with `extends: seed` takes every top-level
// field it leaves out from the embedded seed programme. The error is Problems when the file is wrong.
func Parse(data []byte) (p *Programme, err error) {
	defer func() {
		// yaml.v3 has panicked on hostile input before; a bad file must never crash `coordbot check`.
		if r := recover(); r != nil {
			p, err = nil, Problems{{Line: 1, Msg: fmt.Sprintf("unreadable file: %v", r)}}
		}
	}()
	doc, root, probs, typed := decode(data)
	if doc == nil {
		return nil, probs.sorted()
	}
	if doc.Extends != "" {
		if doc.Extends != "seed" {
			return nil, Problems{{Line: lineOf(root, "extends"), Msg: `extends: only "seed" is supported`}}
		}
		seed, _, sp, _ := decode(seedYAML)
		if len(sp) > 0 {
			return nil, fmt.Errorf("embedded seed: %w", sp.sorted())
		}
		inherit(doc, seed, root)
	}
	v := validator{root: root}
	prog := v.check(doc)
	// A field of the wrong type also looks missing to the validator: say it once, as a type error.
	for _, pr := range v.probs {
		if !typed[pr.Line] {
			probs = append(probs, pr)
		}
	}
	if len(probs) > 0 {
		return nil, probs.sorted()
	}
	prog.indexUnits()
	return prog, nil
}

// decode turns the bytes into a document and its node tree, collecting syntax, type and
// unknown-field problems; typed holds the lines of type errors. The document is nil when the file
// cannot be read as a mapping at all.
func decode(data []byte) (doc *document, top *yaml.Node, probs Problems, typed map[int]bool) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, nil, Problems{problemFrom(err.Error(), 1)}, nil
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, nil, Problems{{Line: 1, Msg: "the file is empty"}}, nil
	}
	top = root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, nil, Problems{{Line: top.Line, Msg: "the file must be a mapping of fields (title:, parties:, …)"}}, nil
	}
	checkFields(top, reflect.TypeOf(document{}), "", &probs)
	typed = map[int]bool{}
	doc = &document{}
	if err := top.Decode(doc); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for _, e := range te.Errors {
				pr := problemFrom(e, top.Line)
				if path := pathAt(top, pr.Line); path != "" {
					pr.Msg = path + ": " + pr.Msg
				}
				probs = append(probs, pr)
				typed[pr.Line] = true
			}
		} else {
			probs = append(probs, problemFrom(err.Error(), top.Line))
		}
	}
	return doc, top, probs, typed
}

func problemFrom(msg string, fallback int) Problem {
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return Problem{Line: n, Msg: m[2]}
		}
	}
	return Problem{Line: fallback, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// checkFields reports keys the file's shape does not know, which yaml.v3 would silently drop: a
// misspelt "activites:" must not quietly leave the plan empty.
func checkFields(n *yaml.Node, t reflect.Type, where string, probs *Problems) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, c := range n.Content {
			checkFields(c, t.Elem(), fmt.Sprintf("%s[%d]", where, i+1), probs)
		}
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			name := joinPath(where, k.Value)
			f, ok := fieldByTag(t, k.Value)
			if !ok {
				*probs = append(*probs, Problem{Line: k.Line, Msg: fmt.Sprintf("unknown field %q", name)})
				continue
			}
			checkFields(n.Content[i+1], f.Type, name, probs)
		}
	}
}

func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if strings.Split(f.Tag.Get("yaml"), ",")[0] == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func joinPath(where, key string) string {
	if where == "" {
		return key
	}
	return where + "." + key
}

// inherit copies from seed every top-level field the file does not mention.
func inherit(doc, seed *document, top *yaml.Node) {
	present := map[string]bool{}
	for i := 0; i+1 < len(top.Content); i += 2 {
		present[top.Content[i].Value] = true
	}
	dv, sv := reflect.ValueOf(doc).Elem(), reflect.ValueOf(seed).Elem()
	for i := 0; i < dv.NumField(); i++ {
		tag := strings.Split(dv.Type().Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "extends" && !present[tag] {
			dv.Field(i).Set(sv.Field(i))
		}
	}
}

// lineOf finds the line of the node at path (keys and 1-based indexes) below top; where the path
// stops existing, the line of the deepest node that does, so a missing field points at its parent.
func lineOf(top *yaml.Node, path ...any) int {
	n := top
	line := top.Line
	for _, step := range path {
		var next *yaml.Node
		switch s := step.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == s {
						line = n.Content[i].Line
						next = n.Content[i+1]
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && s >= 1 && s <= len(n.Content) {
				next = n.Content[s-1]
			}
		}
		if next == nil {
			break
		}
		n = next
		if n.Line > 0 {
			line = n.Line
		}
	}
	if line < 1 {
		line = 1
	}
	return line
}

// pathAt names the deepest field whose key or value starts on line, so a type error can say which
// field it is about rather than which Go type.
func pathAt(n *yaml.Node, line int) string {
	best := ""
	var walk func(n *yaml.Node, where string)
	walk = func(n *yaml.Node, where string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := joinPath(where, k.Value)
				if k.Line == line || v.Line == line {
					best = p
				}
				walk(v, p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := fmt.Sprintf("%s[%d]", where, i+1)
				if c.Line == line && c.Kind == yaml.ScalarNode {
					best = p
				}
				walk(c, p)
			}
		}
	}
	walk(n, "")
	return best
}

func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	return ps
}
