package programme

import (
	"slices"
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

// FindUnit finds the unit a person means by s, when only one fits (see FindUnits).
func (p *Programme) FindUnit(s string) (Unit, bool) {
	us := p.FindUnits(s)
	if len(us) != 1 {
		return Unit{}, false
	}
	return us[0], true
}

// FindUnits lists the units a person may mean by s, compared without case or diacritics: the
// unit whose code it is (also without its '-' and '_': "dbp longhoa"), else those whose whole
// name it is, else those whose name holds its words, whole and in order ("Cần Thạnh", "can thanh",
// "đồn long hòa" for "Đồn Biên phòng Long Hòa"). More than one means s is ambiguous.
func (p *Programme) FindUnits(s string) []Unit {
	s = strings.TrimSpace(s)
	if u, ok := p.Unit(s); ok {
		return []Unit{u}
	}
	f := Fold(s)
	if f == "" {
		return nil
	}
	squash := func(x string) string {
		return strings.NewReplacer("-", "", "_", "", " ", "").Replace(Fold(x))
	}
	var code, whole, part []Unit
	for _, u := range p.Units {
		names := []string{Fold(u.Name.VI)}
		if u.Name.EN != "" {
			names = append(names, Fold(u.Name.EN))
		}
		switch {
		case squash(u.Code) == squash(s):
			code = append(code, u)
		case slices.Contains(names, f):
			whole = append(whole, u)
		case slices.ContainsFunc(names, func(n string) bool { return WordsIn(strings.Fields(f), strings.Fields(n)) }):
			part = append(part, u)
		}
	}
	for _, us := range [][]Unit{code, whole, part} {
		if len(us) > 0 {
			return us
		}
	}
	return nil
}

// WordsIn says whether every word of q stands in name, in q's order ("don can gio" in "don bien
// phong can gio"): how a name typed in part finds a unit or an activity.
func WordsIn(q, name []string) bool {
	i := 0
	for _, w := range name {
		if i < len(q) && w == q[i] {
			i++
		}
	}
	return len(q) > 0 && i == len(q)
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
