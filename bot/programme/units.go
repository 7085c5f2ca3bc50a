package programme

import (
	"slices"
	"sort"
	"strings"
)

// unitIndex is the unit tree computed once, at programme load: each unit by code, its chain of
// ancestors, and the tree in order. A roll-up by unit is then activities × depth.
type unitIndex struct {
	// n and first identify the Units it was computed from, so that a programme whose Units were
	// changed after load is never answered from a stale index.
	n     int
	first *Unit
	// byCode maps an upper-case code to its position in Units (the first, when repeated).
	byCode map[string]int
	// chain is, per position in Units, the upper-case codes of the unit and its ancestors, the
	// unit first, up to a top unit, a parent not listed, or a cycle.
	chain [][]string
	tree  []Unit
	depth []int
}

// indexUnits computes the unit tree; Parse calls it once.
func (p *Programme) indexUnits() { p.units = newUnitIndex(p.Units) }

// index is the unit tree computed at load, or computed now when Units changed since.
func (p *Programme) index() *unitIndex {
	if ix := p.units; ix != nil && ix.n == len(p.Units) && (ix.n == 0 || ix.first == &p.Units[0]) {
		return ix
	}
	return newUnitIndex(p.Units)
}

func newUnitIndex(units []Unit) *unitIndex {
	ix := &unitIndex{n: len(units), byCode: make(map[string]int, len(units)), chain: make([][]string, len(units))}
	if len(units) > 0 {
		ix.first = &units[0]
	}
	for i, u := range units {
		if _, ok := ix.byCode[strings.ToUpper(u.Code)]; !ok {
			ix.byCode[strings.ToUpper(u.Code)] = i
		}
	}
	for i, u := range units {
		seen := map[string]bool{}
		for c, ok := strings.ToUpper(u.Code), true; ok && !seen[c]; {
			seen[c] = true
			ix.chain[i] = append(ix.chain[i], c)
			var j int
			if j, ok = ix.byCode[strings.ToUpper(units[ix.byCode[c]].Parent)]; ok {
				c = strings.ToUpper(units[j].Code)
			}
		}
	}
	ix.tree, ix.depth = unitTree(units, ix.byCode)
	return ix
}

// Unit returns the unit with code (any case).
func (p *Programme) Unit(code string) (Unit, bool) {
	ix := p.index()
	if i, ok := ix.byCode[strings.ToUpper(code)]; ok {
		return p.Units[i], true
	}
	return Unit{}, false
}

// Ancestors are the upper-case codes of unit code and of the units above it, code first; nil
// when the programme has no such unit. The slice is shared: do not change it.
func (p *Programme) Ancestors(code string) []string {
	ix := p.index()
	if i, ok := ix.byCode[strings.ToUpper(code)]; ok {
		return ix.chain[i]
	}
	return nil
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
// each unit's depth (0 for a top unit). The slices are shared: do not change them.
func (p *Programme) UnitTree() (units []Unit, depth []int) {
	ix := p.index()
	return ix.tree, ix.depth
}

// unitTree computes UnitTree's answer from the units and their positions by code.
func unitTree(all []Unit, byCode map[string]int) (units []Unit, depth []int) {
	children := map[string][]Unit{}
	for _, u := range all {
		parent := strings.ToUpper(u.Parent)
		if _, ok := byCode[parent]; !ok {
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
	if strings.EqualFold(code, ancestor) {
		return code != ""
	}
	for _, c := range p.Ancestors(code) {
		if strings.EqualFold(c, ancestor) {
			return true
		}
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
