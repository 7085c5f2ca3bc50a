package programme

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot/i18n"
)

func (ix *Index) passage(id string) Passage {
	for _, p := range ix.passages {
		if p.ID == id {
			return p
		}
	}
	return ix.passages[0]
}

func (ix *Index) contentsFact(q *asked) *Fact {
	p := ix.prog
	if len(p.Contents) == 0 {
		return nil
	}
	t := both(fmt.Sprintf("Chương trình tập trung thực hiện %d nội dung:", len(p.Contents)),
		fmt.Sprintf("The programme focuses on %d content areas:", len(p.Contents)))
	for i, c := range p.Contents {
		t.VI += fmt.Sprintf("\n%d. %s", i+1, c.Title.VI)
		t.EN += fmt.Sprintf("\n%d. %s", i+1, c.Title.In("en"))
	}
	return &Fact{Text: t, Source: ix.passage("overview")}
}

func (ix *Index) partyList(lang string) string {
	names := partyNames(ix.prog)
	if len(names) == 2 {
		and := " và "
		if i18n.English(lang) {
			// Organisations take the article in English: "the Border Guard Command".
			return theName(names[0].In(lang)) + " and " + theName(names[1].In(lang))
		}
		return names[0].In(lang) + and + names[1].In(lang)
	}
	return joinNames(names, lang, "; ")
}

// theName puts "the" before an organisation's English name that lacks it.
func theName(n string) string {
	if strings.HasPrefix(strings.ToLower(n), "the ") {
		return n
	}
	return "the " + n
}

func (ix *Index) partiesFact(q *asked) *Fact {
	p := ix.prog
	if len(p.Parties) < 2 {
		return nil
	}
	t := both(fmt.Sprintf("Chương trình phối hợp giữa %s.", ix.partyList("vi")),
		fmt.Sprintf("The programme is between %s.", ix.partyList("en")))
	if len(q.units) == 1 && len(p.Parties) == 2 {
		me, other := p.Parties[q.units[0]], p.Parties[1-q.units[0]]
		t = both(fmt.Sprintf("Trong chương trình, %s phối hợp với %s.", me.Name.VI, other.Name.VI),
			fmt.Sprintf("In the programme, the %s works with the %s.", me.Name.In("en"), other.Name.In("en")))
	}
	return &Fact{Text: t, Source: ix.passage("overview")}
}

func (ix *Index) whoFact(q *asked) *Fact {
	p := ix.prog
	t := both(fmt.Sprintf("Chương trình được ký kết giữa %s.", ix.partyList("vi")),
		fmt.Sprintf("The programme was signed between %s.", ix.partyList("en")))
	if len(p.Signatories) > 0 {
		t.VI += "\nNgười ký:\n" + people(p.Signatories, "vi")
		t.EN += "\nSigned by:\n" + people(p.Signatories, "en")
	}
	src := ix.passage("overview")
	if len(p.Attendees) > 0 {
		t.VI += "\nTham dự lễ ký kết có:\n" + people(p.Attendees, "vi")
		t.EN += "\nPresent at the signing:\n" + people(p.Attendees, "en")
		src = ix.passage("attendees")
	}
	return &Fact{Text: t, Source: src}
}

func (ix *Index) periodFact(q *asked) *Fact {
	pd := ix.prog.Period
	if pd.From == 0 || pd.To == 0 {
		return nil
	}
	n := pd.To - pd.From + 1
	return &Fact{Text: both(
		fmt.Sprintf("Chương trình thực hiện trong giai đoạn %s: bắt đầu năm %d, kéo dài đến năm %d (%d năm).", pd, pd.From, pd.To, n),
		fmt.Sprintf("The programme covers %d–%d: it starts in %d and runs until %d (%d years).", pd.From, pd.To, pd.From, pd.To, n)),
		Source: ix.passage("overview")}
}

func (ix *Index) signedFact(q *asked) *Fact {
	when := dateVI(ix.prog)
	if when.VI == "" {
		return nil
	}
	return &Fact{Text: both(
		fmt.Sprintf("Chương trình được ký kết %s, giữa %s.", when.VI, ix.partyList("vi")),
		fmt.Sprintf("The programme was signed on the %s, between %s.", when.EN, ix.partyList("en"))),
		Source: ix.passage("signing")}
}

// stripUnit shortens a party's name to how its text refers to it: "Bộ Chỉ huy Bộ đội Biên phòng
// TPHCM" is "Bộ đội Biên phòng" in the content areas.
var unitWords = regexp.MustCompile(`(?i)^(bộ chỉ huy\s+)|(\s+(tphcm|tp))$`)

func (ix *Index) dutyFact(q *asked) *Fact {
	p := ix.prog
	if len(p.Contents) == 0 || len(p.Parties) == 0 {
		return nil
	}
	var t Text
	if len(q.units) == 1 && len(p.Parties) == 2 {
		me, other := p.Parties[q.units[0]], p.Parties[1-q.units[0]]
		t = both(fmt.Sprintf("Theo chương trình, %s cùng %s phối hợp thực hiện %d nội dung:", me.Name.VI, other.Name.VI, len(p.Contents)),
			fmt.Sprintf("Under the programme, the %s and the %s jointly carry out %d content areas:", me.Name.In("en"), other.Name.In("en"), len(p.Contents)))
	} else {
		t = both(fmt.Sprintf("Theo chương trình, %s phối hợp thực hiện %d nội dung:", ix.partyList("vi"), len(p.Contents)),
			fmt.Sprintf("Under the programme, %s jointly carry out %d content areas:", ix.partyList("en"), len(p.Contents)))
	}
	for i, c := range p.Contents {
		t.VI += fmt.Sprintf("\n%d. %s", i+1, c.Title.VI)
		t.EN += fmt.Sprintf("\n%d. %s", i+1, c.Title.In("en"))
	}
	if len(q.units) == 1 {
		key := Fold(unitWords.ReplaceAllString(p.Parties[q.units[0]].Name.VI, ""))
		var nums []string
		for i, c := range p.Contents {
			if strings.Contains(Fold(c.Body.VI), key) {
				nums = append(nums, strconv.Itoa(i+1))
			}
		}
		if len(nums) > 0 {
			short := unitWords.ReplaceAllString(p.Parties[q.units[0]].Name.VI, "")
			t.VI += fmt.Sprintf("\nNội dung nêu trực tiếp %s: %s.", short, strings.Join(nums, ", "))
			t.EN += fmt.Sprintf("\nContent areas that name the %s directly: %s.", p.Parties[q.units[0]].Name.In("en"), strings.Join(nums, ", "))
		}
	}
	return &Fact{Text: t, Source: ix.passage("overview")}
}

func (ix *Index) aboutFact(q *asked) *Fact {
	f := ix.contentsFact(q)
	if f == nil || ix.prog.Summary.VI == "" {
		return f
	}
	f.Text.VI = ix.prog.Summary.VI + "\n" + f.Text.VI
	f.Text.EN = ix.prog.Summary.In("en") + "\n" + f.Text.EN
	return f
}

// signedTimeFact answers at what time of day the programme was signed ("chiều 19/8").
func (ix *Index) signedTimeFact(q *asked) *Fact {
	p := ix.prog
	if p.SignedOn.IsZero() || p.SignedWhen.VI == "" {
		return nil
	}
	d := p.SignedOn.Format(DateLayout)
	return &Fact{Text: both(
		fmt.Sprintf("Lễ ký kết diễn ra vào buổi %s ngày %s.", p.SignedWhen.VI, d),
		fmt.Sprintf("The signing took place in the %s of %s.", p.SignedWhen.In("en"), d)),
		Source: ix.passage("signing")}
}
