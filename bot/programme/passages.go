package programme

import (
	"fmt"

	"strconv"
	"strings"

	"github.com/coordbot/coordbot/scheduler/when"
)

// Passage is a piece of the programme that search can answer with.
type Passage struct {
	// ID is stable across runs for the same file: "overview", "signing", "attendees",
	// "content-N", "movement-N", "plan-N", "faq-N", "activity-CODE".
	ID string
	// Source says where in the programme the passage comes from ("Nội dung 2", "Thông tin chung").
	Source  Text
	Heading Text
	Body    Text
}

func dateVI(p *Programme) Text {
	if p.SignedOn.IsZero() {
		return Text{}
	}
	d := p.SignedOn.Format(DateLayout)
	t := Text{VI: d, EN: d}
	if p.SignedWhen.VI != "" {
		t.VI = p.SignedWhen.VI + " " + d
	}
	if p.SignedWhen.EN != "" {
		t.EN = p.SignedWhen.EN + " of " + d
	}
	return t
}

func joinNames(ts []Text, lang, sep string) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.In(lang)
	}
	return strings.Join(parts, sep)
}

func partyNames(p *Programme) []Text {
	out := make([]Text, len(p.Parties))
	for i, pt := range p.Parties {
		out[i] = pt.Name
	}
	return out
}

// personLine writes a person the way the source does: rank and name, then position.
func personLine(pe Person, lang string) string {
	name := pe.Name
	if r := pe.Rank.In(lang); r != "" {
		name = r + " " + name
	}
	if pos := pe.Position.In(lang); pos != "" {
		return name + ", " + pos
	}
	return name
}

func people(ps []Person, lang string) string {
	lines := make([]string, len(ps))
	for i, pe := range ps {
		lines[i] = "• " + personLine(pe, lang)
	}
	return strings.Join(lines, "\n")
}

func both(vi, en string) Text { return Text{VI: vi, EN: en} }

// Passages cuts the programme into the pieces search answers with, in reading order.
func Passages(p *Programme) []Passage {
	general := both("Thông tin chung", "General information")
	parties := both(joinNames(partyNames(p), "vi", "; "), joinNames(partyNames(p), "en", "; "))
	when := dateVI(p)

	ov := both(p.Summary.VI, p.Summary.EN)
	ov.VI += fmt.Sprintf("\nCác bên: %s.\nGiai đoạn: %s.", parties.VI, p.Period)
	ov.EN += fmt.Sprintf("\nParties: %s.\nPeriod: %d–%d.", parties.EN, p.Period.From, p.Period.To)
	if when.VI != "" {
		ov.VI += "\nKý kết: " + when.VI + "."
		ov.EN += "\nSigned: " + when.EN + "."
	}
	ov.VI += fmt.Sprintf("\nGồm %d nội dung (xem /noidung 1–%d).", len(p.Contents), len(p.Contents))
	ov.EN += fmt.Sprintf("\n%d content areas (see /content 1–%d).", len(p.Contents), len(p.Contents))
	out := []Passage{{ID: "overview", Source: general, Heading: p.Title, Body: ov}}

	if when.VI != "" || len(p.Signatories) > 0 {
		sg := Text{}
		if when.VI != "" {
			sg = both(fmt.Sprintf("Ngày ký kết: %s.\nChương trình được ký kết giữa %s, giai đoạn %s.", when.VI, parties.VI, p.Period),
				fmt.Sprintf("Date signed: %s.\nThe programme was signed by %s, for %d–%d.", when.EN, parties.EN, p.Period.From, p.Period.To))
		}
		if len(p.Signatories) > 0 {
			sg.VI += "\nNgười ký:\n" + people(p.Signatories, "vi")
			sg.EN += "\nSigned by:\n" + people(p.Signatories, "en")
		}
		for _, n := range p.Notes {
			sg.VI += "\n" + n.VI
			sg.EN += "\n" + n.In("en")
		}
		out = append(out, Passage{ID: "signing", Source: general, Heading: both("Lễ ký kết", "Signing ceremony"), Body: trim(sg)})
	}
	if len(p.Attendees) > 0 {
		out = append(out, Passage{ID: "attendees", Source: general,
			Heading: both("Thành phần tham dự lễ ký kết", "Attendees of the signing"),
			Body: both("Tham dự có (cấp bậc, họ tên, chức vụ):\n"+people(p.Attendees, "vi"),
				"Present (rank, name, position):\n"+people(p.Attendees, "en"))})
	}
	for i, c := range p.Contents {
		n := i + 1
		body := c.Body
		if body.VI == "" {
			body.VI = c.Summary.VI
		}
		if body.EN == "" {
			body.EN = c.Summary.EN
		}
		out = append(out, Passage{ID: "content-" + strconv.Itoa(n),
			Source:  both(fmt.Sprintf("Nội dung %d", n), fmt.Sprintf("Content area %d", n)),
			Heading: c.Title, Body: body})
	}
	for i, m := range p.Movements {
		b := m.Body
		if len(m.Contents) > 0 {
			nums := make([]string, len(m.Contents))
			for j, c := range m.Contents {
				nums[j] = strconv.Itoa(c)
			}
			// A colon before the numbers keeps "nội dung 5" as a phrase for the content area itself.
			b.VI += "\nLiên quan đến các nội dung: " + strings.Join(nums, ", ") + "."
			b.EN += "\nRelated content areas: " + strings.Join(nums, ", ") + "."
		}
		out = append(out, Passage{ID: fmt.Sprintf("movement-%d", i+1),
			Source:  both("Phong trào thi đua", "Emulation movement"),
			Heading: both("Phong trào thi đua “"+m.Name.VI+"”", "Emulation movement “"+m.Name.In("en")+"”"),
			Body:    trim(b)})
	}
	for i, pl := range p.Plans {
		out = append(out, Passage{ID: fmt.Sprintf("plan-%d", i+1), Source: both("Kế hoạch", "Plan"), Heading: pl.Title, Body: pl.Note})
	}
	for i, f := range p.FAQ {
		out = append(out, Passage{ID: fmt.Sprintf("faq-%d", i+1), Source: both("Hỏi đáp", "FAQ"), Heading: f.Q, Body: f.A})
	}
	for _, a := range p.Activities {
		out = append(out, activityPassage(p, a))
	}
	return out
}

func activityPassage(p *Programme, a Activity) Passage {
	b := Text{}
	if a.Content >= 1 && a.Content <= len(p.Contents) {
		c := p.Contents[a.Content-1].Title
		b = both(fmt.Sprintf("Nội dung %d: %s.", a.Content, c.VI), fmt.Sprintf("Content area %d: %s.", a.Content, c.In("en")))
	}
	if u, ok := p.Unit(a.Unit); ok {
		b.VI += "\nĐơn vị chủ trì: " + u.Name.VI + "."
		b.EN += "\nOwner: " + u.Name.In("en") + "."
	} else if a.Owner != "" {
		b.VI += "\nĐơn vị chủ trì: " + a.Owner + "."
		b.EN += "\nOwner: " + a.Owner + "."
	}
	if a.When != "" {
		b.VI += "\nThời gian: " + a.When + "."
		b.EN += "\nWhen: " + a.When + "."
	}
	if a.Every != "" {
		vi, en := when.Describe(a.Every)
		b.VI += "\nLặp lại: " + vi + "."
		b.EN += "\nRepeats: " + en + "."
	}
	return Passage{ID: "activity-" + a.Code, Source: both("Hoạt động "+a.Code, "Activity "+a.Code),
		Heading: a.Title, Body: trim(b)}
}

func trim(t Text) Text {
	return Text{VI: strings.TrimSpace(t.VI), EN: strings.TrimSpace(t.EN)}
}
