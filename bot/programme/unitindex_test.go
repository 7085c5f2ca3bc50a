package programme

import (
	"slices"
	"testing"
)

// The unit tree is computed once at load: each unit's chain of ancestors is ready, a parent not
// listed ends the chain, and Within, Unit and UnitTree answer from it.
func TestUnitAncestorsAtLoad(t *testing.T) {
	p, err := Parse([]byte(`extends: seed
units:
  - {code: tcg, name: Tổ Cần Giờ, parent: DCG}
  - {code: BCH, name: Bộ Chỉ huy}
  - {code: DCG, name: Đồn Cần Giờ, parent: bch}
`))
	if err != nil {
		t.Fatal(err)
	}
	if p.units == nil || p.units.n != 3 {
		t.Fatalf("the unit tree was not computed at load: %+v", p.units)
	}
	for code, want := range map[string][]string{
		"TCG": {"TCG", "DCG", "BCH"}, "dcg": {"DCG", "BCH"}, "BCH": {"BCH"}, "NONE": nil,
	} {
		if got := p.Ancestors(code); !slices.Equal(got, want) {
			t.Errorf("Ancestors(%s) = %v; want %v", code, got, want)
		}
	}
	if !p.UnitWithin("tcg", "BCH") || p.UnitWithin("BCH", "TCG") || p.UnitWithin("", "") {
		t.Error("UnitWithin disagrees with the tree")
	}
	units, depth := p.UnitTree()
	var codes []string
	for _, u := range units {
		codes = append(codes, u.Code)
	}
	if !slices.Equal(codes, []string{"BCH", "DCG", "tcg"}) || !slices.Equal(depth, []int{0, 1, 2}) {
		t.Errorf("UnitTree = %v %v", codes, depth)
	}
	// Units changed after load are never answered from the old tree.
	p.Units = append(slices.Clone(p.Units), Unit{Code: "T2", Parent: "TCG"}, Unit{Code: "XA", Parent: "KHONG_CO"})
	if got := p.Ancestors("T2"); !slices.Equal(got, []string{"T2", "TCG", "DCG", "BCH"}) {
		t.Errorf("after a change, Ancestors(T2) = %v", got)
	}
	// A parent not listed ends the chain.
	if got := p.Ancestors("xa"); !slices.Equal(got, []string{"XA"}) || p.UnitWithin("XA", "BCH") || !p.UnitWithin("xa", "XA") {
		t.Errorf("Ancestors(XA) = %v; want [XA] alone", got)
	}
}
