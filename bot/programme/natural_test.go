package programme

import (
	"strings"
	"testing"
)

// The questions issue 10 found unanswered or answered wrongly, each of which must now be right.
func TestNaturalQuestionsOfIssue10(t *testing.T) {
	seed := NewIndex(Default())
	withPlan, err := Parse(examplePlanFile())
	if err != nil {
		t.Fatal(err)
	}
	plan := NewIndex(withPlan)
	for _, c := range []struct {
		ix         *Index
		q, passage string
		says       []string
		lacks      []string
	}{
		{seed, "chương trình kéo dài đến năm nào", "overview", []string{"kéo dài đến năm 2026"}, nil},
		{seed, "ai chủ trì chương trình", "attendees", []string{"Ban Dân vận Thành ủy TPHCM", "Bộ Chỉ huy Bộ đội Biên phòng TPHCM", "Ngô Văn Luận"}, nil},
		{seed, "nhiệm vụ của bộ đội biên phòng trong chương trình", "overview", []string{"Bộ Chỉ huy Bộ đội Biên phòng TPHCM cùng", "5 nội dung", "1. Tham mưu"}, nil},
		{seed, "BĐBP phải làm gì", "overview", []string{"Bộ Chỉ huy Bộ đội Biên phòng TPHCM cùng", "5 nội dung"}, nil},
		{seed, "Ban Dân vận Thành ủy có nhiệm vụ gì", "overview", []string{"Ban Dân vận Thành ủy TPHCM cùng", "5 nội dung"}, nil},
		{seed, "How many content areas does the programme have?", "overview", []string{"5 content areas", "1. Advising"}, nil},
		{seed, "when does the programme end", "overview", []string{"until 2026"}, nil},
		{seed, "who signed the programme", "attendees", []string{"between the Mass Mobilisation Commission", "and the Ho Chi Minh City Border Guard Command"}, nil},
		{seed, "chuong trinh co bao nhieu noi dung", "overview", []string{"5 nội dung", "1. Tham mưu", "5. Đổi mới chỉ đạo"}, nil},
		{seed, "Ai ký chương trình?", "attendees", []string{"Ban Dân vận Thành ủy TPHCM", "Ngô Văn Luận", "Nguyễn Quốc Ân", "Nguyễn Văn Tiến"}, nil},
		{seed, "5 nội dung phối hợp là gì", "overview", []string{"1. Tham mưu", "2. Tuyên truyền", "3. Đổi mới nội dung", "4. Tập huấn", "5. Đổi mới chỉ đạo"}, []string{"/noidung"}},
		{plan, "tập huấn nghiệp vụ cho ai", "content-4", []string{"cho cán bộ, chiến sĩ"}, nil},
		{plan, "biên giới biển", "content-1", []string{"biên giới biển"}, nil},
		{seed, "kế hoạch năm 2022 2023", "plan-1", nil, []string{"Bài báo", "bài báo", "article"}},
	} {
		r := c.ix.Search(c.q)
		if !r.Found || r.Hits[0].Passage.ID != c.passage {
			t.Errorf("%q: found=%v hits=%v, want %s", c.q, r.Found, r.Hits, c.passage)
			continue
		}
		answer := r.Hits[0].Passage.Body.VI + "\n" + r.Hits[0].Passage.Body.EN
		if r.Fact != nil {
			answer = r.Fact.Text.VI + "\n" + r.Fact.Text.EN
		}
		for _, w := range c.says {
			if !strings.Contains(answer, w) {
				t.Errorf("%q: answer lacks %q:\n%s", c.q, w, answer)
			}
		}
		for _, w := range c.lacks {
			if strings.Contains(answer, w) {
				t.Errorf("%q: answer has %q:\n%s", c.q, w, answer)
			}
		}
	}
}
