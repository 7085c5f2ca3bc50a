package programme

import (
	"strings"
	"testing"
)

// withUnits is minimal with two units, DV (top) and DV-1 under it, for activity checks.
const withUnits = minimal + `units:
  - code: DV
    name: Ban Dân vận
  - code: DV-1
    name: {vi: Đồn Biên phòng Cần Giờ, en: Can Gio border post}
    parent: dv
`

func TestUnitProblems(t *testing.T) {
	act := func(extra string) string {
		return withUnits + "activities:\n  - {code: A1, title: x, content: 1, when: 01/01/2025 08:00, " + extra + "}\n"
	}
	for _, c := range []struct {
		name string
		file string
		line int
		msg  string
	}{
		{"duplicate code, any case", minimal + "units:\n  - {code: DV, name: A}\n  - {code: dv, name: B}\n", 9, `units[2].code "dv" is already used by units[1]`},
		{"unknown parent", minimal + "units:\n  - {code: DV, name: A, parent: XYZ}\n", 8, `units[1].parent "XYZ" is not a unit of this file`},
		{"own parent", minimal + "units:\n  - {code: DV, name: A, parent: DV}\n", 8, `units[1] "DV" is its own parent`},
		{"cycle of two", minimal + "units:\n  - {code: A, name: A, parent: B}\n  - {code: B, name: B, parent: a}\n", 8, `units[1] "A" is its own parent`},
		{"cycle names the second too", minimal + "units:\n  - {code: A, name: A, parent: B}\n  - {code: B, name: B, parent: a}\n", 9, `units[2] "B" is its own parent`},
		{"bad code", minimal + "units:\n  - {code: '1DV', name: A}\n", 8, `units[1].code "1DV": want a letter then`},
		{"code with a space", minimal + "units:\n  - {code: 'D V', name: A}\n", 8, `want a letter then`},
		{"missing code", minimal + "units:\n  - {name: A}\n", 8, "units[1].code is required"},
		{"missing name", minimal + "units:\n  - {code: DV}\n", 8, "units[1].name.vi is required"},
		{"English name only", minimal + "units:\n  - {code: DV, name: {en: Commission}}\n", 8, "units[1].name.vi is required"},
		{"activity of an unknown unit", act("unit: XYZ"), 14, `activities[1].unit "XYZ" is not one of the file's units`},
		{"activity unit in a file without units", minimal + "activities:\n  - {code: A1, title: x, content: 1, when: 01/01/2025 08:00, unit: DV}\n", 8, `unit "DV" is not one of the file's units`},
		{"bad person", act("person: lan"), 14, `activities[1].person "lan": want @username or a user id`},
		{"person with a short name", act("person: '@ab'"), 14, `person "@ab"`},
		{"a group as the person", act("person: '-1001234'"), 14, `person "-1001234"`},
		{"a group as the person, qualified", act("person: 'tg:-1001234'"), 14, `person "tg:-1001234"`},
		{"bad targets", act("targets: 'nhiều buổi'"), 14, `activities[1].targets "nhiều buổi": want numbers with units`},
		{"target without a unit", act("targets: '20'"), 14, `targets "20"`},
		{"target unit twice", act("targets: '2 buổi, 3 Buổi'"), 14, `targets "2 buổi, 3 Buổi"`},
		{"an ambiguous number in a target", act("targets: '1.500 lượt người'"), 14, `"1.500" may be 1500 or 1.5; write it without the separator`},
		{"bad tally", act("tally: average"), 14, `activities[1].tally "average": want sum or latest`},
	} {
		t.Run(c.name, func(t *testing.T) { mustHaveProblem(t, c.file, c.line, c.msg) })
	}
}

func TestUnitsAccepted(t *testing.T) {
	p, err := Parse([]byte(withUnits + `activities:
  - code: A1
    title: Tập huấn
    content: 1
    when: 01/01/2025 08:00
    unit: dv-1
    person: "@lan_nguyen"
    targets: 20 buổi, 1 200 lượt người
    tally: latest
  - {code: A2, title: Họp, content: 1, when: 02/01/2025 08:00, person: "123456789"}
  - {code: A3, title: Họp, content: 1, when: 03/01/2025 08:00, person: "zl:e4ea2c0a9b"}
  - {code: A4, title: Họp, content: 1, when: 04/01/2025 08:00, person: "tg:42", tally: sum}
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Units) != 2 || p.Units[1].Parent != "dv" || p.Units[1].Name.In("en") != "Can Gio border post" {
		t.Errorf("units = %+v", p.Units)
	}
	a := p.Activities[0]
	if a.Unit != "dv-1" || a.Person != "@lan_nguyen" || a.Targets != "20 buổi, 1 200 lượt người" || a.Tally != "latest" {
		t.Errorf("activity = %+v", a)
	}
}

// tree is a programme whose units are listed children before parents, parents in lower case.
func tree() *Programme {
	return &Programme{Units: []Unit{
		{Code: "C1", Name: Text{VI: "Con một"}, Parent: "p2"},
		{Code: "P1", Name: Text{VI: "Cha một"}},
		{Code: "P2", Name: Text{VI: "Bộ Chỉ huy Bộ đội Biên phòng", EN: "Border Guard Command"}},
		{Code: "C2", Name: Text{VI: "Con hai"}, Parent: "P2"},
		{Code: "G1", Name: Text{VI: "Đồn Biên phòng Cần Giờ"}, Parent: "C1"},
		{Code: "O1", Name: Text{VI: "Mồ côi"}, Parent: "NONE"},
	}}
}

func TestUnitTree(t *testing.T) {
	units, depth := tree().UnitTree()
	var got []string
	for i, u := range units {
		got = append(got, u.Code+":"+string(rune('0'+depth[i])))
	}
	// Top units in file order (one whose parent is missing counts as top), each followed by
	// its children in file order, depth first.
	want := "P1:0 P2:0 C1:1 G1:2 C2:1 O1:0"
	if strings.Join(got, " ") != want {
		t.Errorf("UnitTree = %s, want %s", strings.Join(got, " "), want)
	}
	if len(units) != len(depth) {
		t.Errorf("%d units but %d depths", len(units), len(depth))
	}
}

// A cycle the validator refuses must still not hang the tree or the roll-up.
func TestUnitTreeCycleTerminates(t *testing.T) {
	p := &Programme{Units: []Unit{
		{Code: "T", Name: Text{VI: "Trên"}},
		{Code: "A", Name: Text{VI: "A"}, Parent: "B"},
		{Code: "B", Name: Text{VI: "B"}, Parent: "A"},
	}}
	units, _ := p.UnitTree()
	if len(units) != 1 || units[0].Code != "T" {
		t.Errorf("UnitTree with a cycle = %+v, want only T", units)
	}
	if p.UnitWithin("A", "T") {
		t.Error("A lies within T through a cycle")
	}
	if !p.UnitWithin("A", "B") {
		t.Error("A's parent is B, yet A is not within B")
	}
}

func TestUnitWithin(t *testing.T) {
	p := tree()
	for _, c := range []struct {
		code, ancestor string
		want           bool
	}{
		{"G1", "P2", true}, {"G1", "C1", true}, {"G1", "G1", true}, {"g1", "p2", true},
		{"C2", "P2", true}, {"C2", "C1", false}, {"P2", "G1", false}, {"G1", "P1", false},
		{"X", "P2", false}, {"", "", false}, {"O1", "P2", false},
	} {
		if got := p.UnitWithin(c.code, c.ancestor); got != c.want {
			t.Errorf("UnitWithin(%q, %q) = %v, want %v", c.code, c.ancestor, got, c.want)
		}
	}
}

func TestFindUnit(t *testing.T) {
	p := tree()
	for _, c := range []struct{ in, want string }{
		{"G1", "G1"}, {"g1", "G1"}, {"  c2 ", "C2"},
		{"Đồn Biên phòng Cần Giờ", "G1"},
		{"don bien phong can gio", "G1"},
		{"ĐỒN BIÊN PHÒNG CẦN GIỜ", "G1"},
		{"Border Guard Command", "P2"},
		{"bo chi huy bo doi bien phong", "P2"},
		// Part of a name, as whole words, diacritics-blind (issue 19): one unit fits.
		{"Cần Giờ", "G1"}, {"can gio", "G1"}, {"Đồn Biên phòng", "G1"},
		// Part of a word is not a name; two units fitting is no answer.
		{"Cần Gi", ""}, {"biên phòng", ""},
		{"", ""}, {"   ", ""}, {"Z9", ""},
	} {
		u, ok := p.FindUnit(c.in)
		if ok != (c.want != "") || u.Code != c.want {
			t.Errorf("FindUnit(%q) = %q, %v; want %q", c.in, u.Code, ok, c.want)
		}
	}
	// "biên phòng" is in two names: both are offered.
	if us := p.FindUnits("bien phong"); len(us) != 2 {
		t.Errorf("FindUnits(bien phong) = %v, want the two units whose names hold it", us)
	}
	if u, ok := p.Unit("p2"); !ok || u.Code != "P2" {
		t.Errorf("Unit(p2) = %+v, %v", u, ok)
	}
	if codes := strings.Join(p.UnitCodes(), ","); codes != "C1,C2,G1,O1,P1,P2" {
		t.Errorf("UnitCodes = %s, want sorted", codes)
	}
}

// The example plan's units are the two parties, then invented units marked as examples.
func TestExamplePlanUnits(t *testing.T) {
	p, err := Parse(examplePlanFile())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Units) < 3 {
		t.Fatalf("example plan has %d units, want the parties and some examples", len(p.Units))
	}
	parties := map[string]bool{}
	for _, pt := range p.Parties {
		parties[pt.Name.VI] = true
	}
	var notExample []string
	for _, u := range p.Units {
		example := strings.HasPrefix(u.Name.VI, "Ví dụ") && strings.HasPrefix(u.Name.EN, "Example")
		if !example {
			notExample = append(notExample, u.Name.VI)
			if !parties[u.Name.VI] || u.Parent != "" {
				t.Errorf("unit %s %q is neither a party (top unit) nor marked as an example", u.Code, u.Name.VI)
			}
		} else if u.Parent == "" {
			t.Errorf("example unit %s has no parent; examples sit under a party", u.Code)
		}
	}
	if len(notExample) != len(p.Parties) {
		t.Errorf("units that are not examples: %q, want exactly the %d parties", notExample, len(p.Parties))
	}
	for _, a := range p.Activities {
		if a.Unit == "" {
			t.Errorf("example activity %s has no unit", a.Code)
		} else if _, ok := p.Unit(a.Unit); !ok {
			t.Errorf("example activity %s names unit %q, not one of the file's", a.Code, a.Unit)
		}
	}
}

// FuzzFindUnits: whatever is typed, FindUnits never panics and offers only the programme's units.
func FuzzFindUnits(f *testing.F) {
	for _, s := range []string{"G1", "can gio", "Đồn Biên phòng", "dbp-x", "  ", "biên phòng"} {
		f.Add(s)
	}
	p := tree()
	f.Fuzz(func(t *testing.T, s string) {
		for _, u := range p.FindUnits(s) {
			if _, ok := p.Unit(u.Code); !ok {
				t.Fatalf("FindUnits(%q) offered %q, not a unit of the programme", s, u.Code)
			}
		}
	})
}
