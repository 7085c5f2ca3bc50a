package programme

import (
	"sort"
	"strings"
)

// Unit returns the unit with code (any case).
func (p *Programme) Unit(code string) (Unit, bool) {
	for _, u := range p.Units {
		if strings.EqualFold(u.Code, code) {
			return u, true
		}
	}
	return Unit{}, false
}

// FindUnit finds the unit a person means by s: its code (any case), or its name in either
// language, compared without case or diacritics.
func (p *Programme) FindUnit(s string) (Unit, bool) {
	s = strings.TrimSpace(s)
	if u, ok := p.Unit(s); ok {
		return u, true
	}
	f := Fold(s)
	if f == "" {
		return Unit{}, false
	}
	for _, u := range p.Units {
		if Fold(u.Name.VI) == f || (u.Name.EN != "" && Fold(u.Name.EN) == f) {
			return u, true
		}
	}
	return Unit{}, false
}

// UnitTree lists the units parents first, each followed by its children (in file order), with
// each unit's depth (0 for a top unit).
func (p *Programme) UnitTree() (units []Unit, depth []int) {
	children := map[string][]Unit{}
	for _, u := range p.Units {
		parent := strings.ToUpper(u.Parent)
		if _, ok := p.Unit(parent); !ok {
			parent = ""
		}
		children[parent] = append(children[parent], u)
	}
	seen := map[string]bool{}
	var walk func(code string, d int)
	walk = func(code string, d int) {
		for _, u := range children[code] {
			k := strings.ToUpper(u.Code)
			if seen[k] {
				continue // a cycle the validator refuses; never loop on it
			}
			seen[k] = true
			units, depth = append(units, u), append(depth, d)
			walk(k, d+1)
		}
	}
	walk("", 0)
	return units, depth
}

// UnitWithin says whether unit code is ancestor or the same unit, or lies under it.
func (p *Programme) UnitWithin(code, ancestor string) bool {
	seen := map[string]bool{}
	for c := strings.ToUpper(code); c != "" && !seen[c]; {
		if strings.EqualFold(c, ancestor) {
			return true
		}
		seen[c] = true
		u, ok := p.Unit(c)
		if !ok {
			return false
		}
		c = strings.ToUpper(u.Parent)
	}
	return false
}

// UnitCodes are the units' codes, sorted, for messages that list them.
func (p *Programme) UnitCodes() []string {
	out := make([]string, len(p.Units))
	for i, u := range p.Units {
		out[i] = strings.ToUpper(u.Code)
	}
	sort.Strings(out)
	return out
}
