package programme

import (
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// question is one row of the accuracy table: the passage a cadre asking it should get first, or
// "" when the bot must say it does not know.
type question struct {
	q    string
	want string
	// says, when set, must appear in the answer (the fact, or the passage) in Vietnamese or English.
	says []string
	// plan: asked of the seed with the example plan of activities, whose activities must not
	// outrank the programme's own text.
	plan bool
}

// questions covers the seed programme: with and without diacritics, NFD input, English, and
// questions about other things that must be declined.
func questions() []question {
	return []question{
		// General information.
		{q: "Chương trình phối hợp giữa những đơn vị nào?", want: "overview"},
		{q: "chuong trinh phoi hop giua nhung don vi nao", want: "overview"},
		{q: "Chương trình giai đoạn bao nhiêu năm?", want: "overview"},
		{q: "giai doan 2022 2026", want: "overview"},
		{q: "Chương trình được ký kết khi nào?", want: "signing"},
		{q: "ngay ky ket chuong trinh", want: "signing"},
		{q: "Ai tham dự lễ ký kết?", want: "attendees"},
		{q: "thanh phan tham du", want: "attendees"},
		{q: "Đại tá Nguyễn Quốc Ân giữ chức vụ gì?", want: "attendees"},
		{q: "nguyen van tien la ai", want: "attendees"},
		{q: "Ngô Văn Luận tặng quà lưu niệm cho ai?", want: "signing"},
		{q: "Chương trình có mấy nội dung?", want: "overview"},
		// Content areas.
		{q: "tham mưu đề xuất Thành ủy UBND TP", want: "content-1"},
		{q: "bảo vệ chủ quyền an ninh biên giới biển", want: "content-1"},
		{q: "quoc phong toan dan the tran bien phong", want: "content-1"},
		{q: "tuyên truyền vận động Nhân dân chấp hành pháp luật", want: "content-2"},
		{q: "khong gian van hoa Ho Chi Minh", want: "content-2"},
		{q: "xây dựng nông thôn mới giảm nghèo bền vững ở các tỉnh biên giới", want: "content-2"},
		{q: "đổi mới nội dung phương thức công tác dân vận", want: "content-3"},
		{q: "giai quyet diem nong tu co so", want: "content-3"},
		{q: "đấu tranh phản bác thông tin xuyên tạc sai trái", want: "content-3"},
		{q: "ung dung cong nghe vao tuyen truyen", want: "content-3"},
		{q: "Tập huấn, bồi dưỡng nghiệp vụ cho cán bộ chiến sĩ", want: "content-4"},
		{q: "tap huan cong tac dan toc ton giao", want: "content-4"},
		{q: "sơ kết tổng kết kiểm tra đôn đốc", want: "content-5"},
		{q: "Đề án xây dựng lực lượng Bộ đội Biên phòng cách mạng chính quy tinh nhuệ hiện đại", want: "content-5"},
		{q: "nội dung 3", want: "content-3"},
		{q: "noi dung so 4", want: "content-4"},
		// Emulation movements and the plan.
		{q: "dan van kheo", want: "movement-1"},
		{q: "Phong trào Dân vận khéo là gì?", want: "movement-1"},
		{q: "DÂN VẬN KHÉO", want: "movement-1"},
		{q: "don vi dan van tot", want: "movement-2"},
		{q: "Phong trào thi đua Đơn vị dân vận tốt", want: "movement-2"},
		{q: "kế hoạch phối hợp năm 2022 2023", want: "plan-1"},
		{q: "ke hoach 2022-2023", want: "plan-1"},
		// NFD input, as some keyboards send it.
		{q: norm.NFD.String("Dân vận khéo"), want: "movement-1"},
		{q: norm.NFD.String("Ai tham dự lễ ký kết?"), want: "attendees"},
		{q: norm.NFD.String("tập huấn nghiệp vụ dân vận"), want: "content-4"},
		// English.
		{q: "Who attended the signing?", want: "attendees"},
		{q: "When was the programme signed?", want: "signing"},
		{q: "What is the period of the programme?", want: "overview"},
		{q: "skilful mass mobilisation", want: "movement-1"},
		{q: "good mass-mobilisation unit emulation movement", want: "movement-2"},
		{q: "training officers and soldiers", want: "content-4"},
		{q: "counter false information from hostile forces", want: "content-3"},
		{q: "the 2022-2023 coordination plan", want: "plan-1"},
		{q: "Who is Colonel Nguyen Quoc An?", want: "attendees"},
		// Out of scope: must be declined.
		{q: "giá vàng hôm nay", want: ""},
		{q: "gia vang hom nay bao nhieu", want: ""},
		{q: "Thời tiết TPHCM ngày mai thế nào?", want: ""},
		{q: "kết quả bóng đá đội tuyển Việt Nam", want: ""},
		{q: "tỷ giá đô la", want: ""},
		{q: "công thức nấu phở bò", want: ""},
		{q: "What is the price of gold today?", want: ""},
		{q: "weather forecast for tomorrow", want: ""},
		{q: "who won the football match", want: ""},
		{q: "lịch chiếu phim cuối tuần", want: ""},
		{q: "mua vé máy bay đi Hà Nội", want: ""},
		{q: "cách cài đặt Telegram trên điện thoại", want: ""},
		{q: "chương trình khuyến mãi tháng này", want: ""},
		{q: "lịch thi đấu bóng đá năm 2023", want: ""},
		{q: "hoc phi dai hoc nam 2023", want: ""},
		{q: "giá xăng tăng bao nhiêu", want: ""},
		// Harder in-scope phrasings.
		{q: "Bộ đội Biên phòng phối hợp với Ban Dân vận làm gì?", want: "overview"},
		{q: "chuong trinh ky ngay nao", want: "signing"},
		{q: "phòng chống thiên tai dịch bệnh", want: "content-1"},
		{q: "nắm tâm tư nguyện vọng của nhân dân", want: "content-3"},
		{q: "Which units signed the programme?", want: "overview"},
		{q: "What does content area 5 say?", want: "content-5"},

		// Questions as cadres ask them, answered from the programme's facts (issue 10).
		// Until when, how long, since when.
		{q: "chương trình kéo dài đến năm nào", want: "overview", says: []string{"2026"}},
		{q: "chuong trinh keo dai den nam nao", want: "overview", says: []string{"2026"}},
		{q: "Chương trình kết thúc khi nào?", want: "overview", says: []string{"2026"}},
		{q: "chương trình bắt đầu từ năm nào", want: "overview", says: []string{"bắt đầu năm 2022"}},
		{q: "chương trình thực hiện trong bao lâu", want: "overview", says: []string{"5 năm"}},
		{q: "thoi han cua chuong trinh", want: "overview", says: []string{"2022 – 2026"}},
		{q: "when does the programme end", want: "overview", says: []string{"until 2026"}},
		{q: "How long does the program last?", want: "overview", says: []string{"2026"}},
		{q: "Until when does the programme run?", want: "overview", says: []string{"2026"}},
		// How many, which content areas.
		{q: "chuong trinh co bao nhieu noi dung", want: "overview", says: []string{"5 nội dung", "1. Tham mưu"}},
		{q: "How many content areas does the programme have?", want: "overview", says: []string{"5 content areas"}},
		{q: "5 nội dung phối hợp là gì", want: "overview", says: []string{"1. Tham mưu", "5. Đổi mới chỉ đạo"}},
		{q: "chuong trinh gom nhung noi dung nao", want: "overview", says: []string{"4. Tập huấn"}},
		{q: "Liệt kê các nội dung của chương trình", want: "overview", says: []string{"3. Đổi mới nội dung"}},
		{q: "What are the content areas?", want: "overview", says: []string{"2. Informing and mobilising"}},
		{q: "chương trình tập trung vào những gì", want: "overview", says: []string{"5 nội dung"}},
		// Who signed, who attended, who presided.
		{q: "ai chủ trì chương trình", want: "attendees", says: []string{"Ban Dân vận Thành ủy TPHCM", "Ngô Văn Luận", "Nguyễn Quốc Ân", "Nguyễn Văn Tiến"}},
		{q: "ai chu tri chuong trinh", want: "attendees", says: []string{"Nguyễn Văn Tiến"}},
		{q: "Ai ký chương trình?", want: "attendees", says: []string{"Bộ Chỉ huy Bộ đội Biên phòng TPHCM", "Ngô Văn Luận", "Nguyễn Quốc Ân", "Nguyễn Văn Tiến"}},
		{q: "ai ky chuong trinh phoi hop", want: "attendees", says: []string{"Ngô Văn Luận"}},
		{q: "Who signed the programme?", want: "attendees", says: []string{"Border Guard Command", "Colonel Nguyễn Quốc Ân"}},
		{q: "who was present at the signing ceremony", want: "attendees", says: []string{"Ngô Văn Luận"}},
		{q: "Ai tham dự lễ ký?", want: "attendees", says: []string{"Nguyễn Văn Tiến"}},
		// With whom.
		{q: "Bộ đội biên phòng phối hợp với cơ quan nào?", want: "overview", says: []string{"phối hợp với Ban Dân vận Thành ủy TPHCM"}},
		{q: "Ban Dân vận phối hợp với đơn vị nào", want: "overview", says: []string{"phối hợp với Bộ Chỉ huy Bộ đội Biên phòng TPHCM"}},
		{q: "BĐBP phối hợp với ai", want: "overview", says: []string{"phối hợp với Ban Dân vận Thành ủy TPHCM"}},
		{q: "Which organisation does the Border Guard work with?", want: "overview", says: []string{"works with the Mass Mobilisation Commission"}},
		{q: "Who are the parties to the programme?", want: "overview", says: []string{"Mass Mobilisation Commission", "Border Guard Command"}},
		// What must a unit do.
		{q: "nhiệm vụ của bộ đội biên phòng trong chương trình", want: "overview", says: []string{"Bộ Chỉ huy Bộ đội Biên phòng TPHCM cùng", "5 nội dung", "4. Tập huấn"}},
		{q: "BĐBP phải làm gì", want: "overview", says: []string{"Bộ Chỉ huy Bộ đội Biên phòng TPHCM cùng", "Nội dung nêu trực tiếp Bộ đội Biên phòng: 4, 5"}},
		{q: "bdbp phai lam gi", want: "overview", says: []string{"Bộ Chỉ huy Bộ đội Biên phòng TPHCM cùng"}},
		{q: "Ban Dân vận Thành ủy có nhiệm vụ gì", want: "overview", says: []string{"Ban Dân vận Thành ủy TPHCM cùng", "1. Tham mưu"}},
		{q: "Ban DV Thanh uy TPHCM lam gi", want: "overview", says: []string{"Ban Dân vận Thành ủy TPHCM cùng"}},
		{q: "nhiệm vụ của BCH BĐBP TP", want: "overview", says: []string{"Bộ Chỉ huy Bộ đội Biên phòng TPHCM cùng"}},
		{q: "What must the Border Guard do?", want: "overview", says: []string{"Border Guard Command and the", "5 content areas"}},
		{q: "What is the role of the Mass Mobilisation Commission?", want: "overview", says: []string{"Mass Mobilisation Commission of the Ho Chi Minh City Party Committee and the"}},
		{q: "hai bên có nhiệm vụ gì", want: "overview", says: []string{"phối hợp thực hiện 5 nội dung"}},
		// When signed.
		{q: "Chương trình ký ngày nào?", want: "signing", says: []string{"19/08/2022"}},
		{q: "When was it signed?", want: "signing", says: []string{"19/08/2022"}},
		{q: "ngày ký kết là ngày nào", want: "signing", says: []string{"19/08/2022"}},
		// Abbreviations.
		{q: "tham mưu cho Ủy ban nhân dân thành phố", want: "content-1"},
		{q: "cbcs duoc tap huan gi", want: "content-4"},
		{q: "UBND TP", want: "content-1"},
		// The example plan never outranks the programme's own text.
		{q: "tập huấn nghiệp vụ cho ai", want: "content-4", plan: true},
		{q: "tap huan nghiep vu cho ai", want: "content-4", plan: true},
		{q: "biên giới biển", want: "content-1", plan: true},
		{q: "mô hình Dân vận khéo", want: "movement-1", plan: true},
		{q: "VD4", want: "activity-VD4", plan: true},
		// Near misses: the same question words about something else must be declined.
		{q: "chương trình khuyến mãi kéo dài đến năm nào", want: ""},
		{q: "Ai chủ trì cuộc họp tổ dân phố?", want: ""},
		{q: "When does the football season end?", want: ""},
		{q: "How many content areas does the iPhone have?", want: ""},
		{q: "MTTQ có nhiệm vụ gì", want: ""},
		{q: "giá vàng kéo dài đến năm nào", want: ""},
		{q: "ai ký hợp đồng thuê nhà", want: ""},
		{q: "Who won the election?", want: ""},
		{q: "What must I do to get a passport?", want: ""},
		{q: "Công an phường phải làm gì", want: ""},
		{q: "hop dong lao dong ket thuc khi nao", want: ""},
		{q: "who signed the Paris agreement", want: ""},
		{q: "năm nay là năm nào", want: ""},
		{q: "how do I start", want: ""},
		{q: "Ai tham dự đám cưới?", want: ""},
		{q: "tôi phải làm gì để đổi mật khẩu", want: ""},
		{q: "khi nào hết hạn hộ chiếu", want: ""},
		{q: "thoi han nop thue la khi nao", want: ""},
		{q: "who is in charge of the weather service", want: ""},
		// More in scope.
		{q: "Who attended?", want: "attendees", says: []string{"Nguyễn Văn Tiến"}},
		{q: "chương trình có mấy nội dung?", want: "overview", says: []string{"5 nội dung"}},
		{q: "chuong trinh ket thuc nam nao", want: "overview", says: []string{"2026"}},
		{q: "chương trình có hiệu lực đến khi nào", want: "overview", says: []string{"2026"}},
		{q: "chương trình thời gian bao lâu", want: "overview", says: []string{"5 năm"}},
		{q: "what are the five areas", want: "overview", says: []string{"5 content areas"}},
		{q: "Mục tiêu của chương trình là gì", want: "overview", says: []string{"tập trung thực hiện 5 nội dung", "1. Tham mưu"}},
		{q: "What is the purpose of the programme?", want: "overview", says: []string{"focused on five areas"}},
		{q: "nhiệm vụ tập huấn cho cán bộ chiến sĩ", want: "content-4"},
		{q: "cán bộ chiến sĩ phải làm gì", want: "content-4"},
		{q: "ai chủ trì lớp tập huấn", want: "activity-VD4", plan: true},
		{q: "Bộ Công an có nhiệm vụ gì trong chương trình", want: ""},
		{q: "Đoàn thanh niên phối hợp với ai", want: ""},
		{q: "Hội Liên hiệp Phụ nữ có nhiệm vụ gì", want: ""},

		// Issue 23: the programme questions it quotes, and more of their kinds.
		// Who attended, asked with "dự".
		{q: "lãnh đạo nào dự lễ ký kết", want: "attendees", says: []string{"Ngô Văn Luận", "Nguyễn Quốc Ân"}},
		{q: "ai dự lễ ký", want: "attendees", says: []string{"Nguyễn Văn Tiến"}},
		{q: "lanh dao nao du le ky ket", want: "attendees", says: []string{"Ngô Văn Luận"}},
		// Ordinals read as content numbers where a content is asked about.
		{q: "nội dung thứ tư nói về gì", want: "content-4"},
		{q: "noi dung thu tu noi ve gi", want: "content-4"},
		{q: "nội dung thứ 4 là gì", want: "content-4"},
		{q: "nội dung số 4", want: "content-4"},
		{q: "nội dung thứ nhất", want: "content-1"},
		{q: "nội dung thứ hai nói gì", want: "content-2"},
		{q: "nội dung thứ ba là gì", want: "content-3"},
		{q: "noi dung thu nam", want: "content-5"},
		{q: "What is the fourth content area?", want: "content-4"},
		{q: "what does the second content area say", want: "content-2"},
		// Time of day of the signing.
		{q: "lễ ký diễn ra vào buổi nào", want: "signing", says: []string{"buổi chiều", "19/08/2022"}},
		{q: "le ky dien ra vao buoi nao", want: "signing", says: []string{"chiều"}},
		{q: "lễ ký kết lúc mấy giờ", want: "signing", says: []string{"chiều"}},
		{q: "ký kết buổi sáng hay chiều", want: "signing", says: []string{"chiều"}},
		{q: "What time of day was the programme signed?", want: "signing", says: []string{"afternoon"}},
		// Abbreviations the programme's text uses.
		{q: "bdbp là viết tắt của gì", want: "overview", says: []string{"BĐBP", "Bộ đội Biên phòng"}},
		{q: "BĐBP viết tắt của chữ gì", want: "overview", says: []string{"Bộ đội Biên phòng"}},
		{q: "What does BĐBP stand for?", want: "overview", says: []string{"Bộ đội Biên phòng"}},
		{q: "BĐBP nghĩa là gì", want: "overview", says: []string{"Bộ đội Biên phòng"}},
		{q: "cbcs là viết tắt của gì", want: "content-2", says: []string{"CBCS là viết tắt của “cán bộ chiến sĩ”"}},
		// A word that names one passage ranks it first.
		{q: "hiến kế là gì trong chương trình", want: "content-2"},
		{q: "hiến kế không gian văn hóa", want: "content-2"},
		{q: "điểm nóng là gì", want: "content-3"},
		// English paraphrases of what the programme asks of people.
		{q: "What must cadres do against hostile propaganda?", want: "content-3"},
		{q: "how should we fight fake news", want: "content-3"},
		{q: "counter disinformation", want: "content-3"},
		// Until when, asked another way.
		{q: "chương trình này đến năm nào thì hết", want: "overview", says: []string{"2026"}},
		{q: "chuong trinh nay den nam nao thi het", want: "overview", says: []string{"2026"}},
		{q: "khi nào chương trình hết", want: "overview", says: []string{"2026"}},
		// Kinds asked of other things stay declined.
		{q: "khi nào hết dịch", want: ""},
		{q: "iPhone là viết tắt của gì", want: ""},
		{q: "thứ tư này có mưa không", want: ""},
		{q: "lễ cưới diễn ra vào buổi nào", want: ""},
		{q: "What does NATO stand for?", want: ""},
	}
}

func TestSearchAccuracy(t *testing.T) {
	ix := NewIndex(Default())
	withPlan, err := Parse(examplePlanFile())
	if err != nil {
		t.Fatal(err)
	}
	planIx := NewIndex(withPlan)
	qs := questions()
	right, outOfScope := 0, 0
	for _, q := range qs {
		r := ix.Search(q.q)
		if q.plan {
			r = planIx.Search(q.q)
		}
		got := ""
		if r.Found {
			got = r.Hits[0].Passage.ID
			answer := r.Hits[0].Passage.Body.VI + "\n" + r.Hits[0].Passage.Body.EN
			if r.Fact != nil {
				answer = r.Fact.Text.VI + "\n" + r.Fact.Text.EN
			}
			for _, w := range q.says {
				if !strings.Contains(answer, w) {
					t.Logf("MISS %q: answer lacks %q:\n%s", q.q, w, answer)
					got = "(answer lacks " + w + ")"
				}
			}
			if strings.Contains(Fold(answer), "bai bao") || strings.Contains(strings.ToLower(answer), "article") {
				t.Errorf("%q: the answer speaks of the article:\n%s", q.q, answer)
			}
		}
		if q.want == "" {
			outOfScope++
			if r.Found {
				t.Errorf("out-of-scope %q answered with %s", q.q, got)
			}
		}
		if got == q.want {
			right++
		} else {
			t.Logf("MISS %q: want %q, got %q (suggestions %v)", q.q, q.want, got, ids(r.Suggestions))
		}
	}
	acc := float64(right) / float64(len(qs))
	t.Logf("search accuracy: %d/%d = %.1f%% (%d out-of-scope questions)", right, len(qs), 100*acc, outOfScope)
	if len(qs) < 110 || outOfScope < 25 {
		t.Fatalf("question table too small: %d questions, %d out of scope", len(qs), outOfScope)
	}
	if acc < 0.95 {
		t.Errorf("accuracy %.1f%% is under 95%%", 100*acc)
	}
}

func ids(ps []Passage) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

func TestFold(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"drops tones and marks", "Dân vận khéo", "dan van kheo"},
		{"maps đ", "Đơn vị ĐỘI", "don vi doi"},
		{"nfd input", norm.NFD.String("Bồi dưỡng"), "boi duong"},
		{"old and new tone placement", "hoà", Fold("hòa")},
		{"ascii untouched", "abc 123", "abc 123"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Fold(c.in); got != c.want {
				t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestSearchBehaviour(t *testing.T) {
	ix := NewIndex(Default())
	t.Run("same answer with or without diacritics, any case, nfd", func(t *testing.T) {
		want := ix.Search("Dân vận khéo")
		for _, q := range []string{"dan van kheo", "DAN VAN KHEO", norm.NFD.String("DÂN VẬN KHÉO")} {
			got := ix.Search(q)
			if !got.Found || got.Hits[0].Passage.ID != want.Hits[0].Passage.ID {
				t.Errorf("%q: got %+v", q, got)
			}
		}
	})
	t.Run("weak match suggests headings instead of answering", func(t *testing.T) {
		r := ix.Search("bộ đội biên phòng tuyển quân khi nào")
		if r.Found || len(r.Suggestions) == 0 || len(r.Suggestions) > 3 {
			t.Errorf("got %+v", r)
		}
	})
	t.Run("nothing in common suggests nothing", func(t *testing.T) {
		r := ix.Search("giá vàng hôm nay")
		if r.Found || len(r.Suggestions) != 0 {
			t.Errorf("got %+v", r)
		}
	})
	t.Run("a clear but partial match still returns its passage", func(t *testing.T) {
		// Found once came back with no hits when coverage passed only the clear-margin rule.
		r := ix.Search("0 thAm du")
		if r.Found != (len(r.Hits) > 0) {
			t.Errorf("Found=%v with %d hits", r.Found, len(r.Hits))
		}
	})
	t.Run("empty and stopword-only questions find nothing", func(t *testing.T) {
		for _, q := range []string{"", "   ", "là gì?", "what is it"} {
			if r := ix.Search(q); r.Found || len(r.Suggestions) > 0 {
				t.Errorf("%q: got %+v", q, r)
			}
		}
	})
	t.Run("finds activities of a plan", func(t *testing.T) {
		p, err := Parse(examplePlanFile())
		if err != nil {
			t.Fatal(err)
		}
		r := NewIndex(p).Search("lớp tập huấn nghiệp vụ cho cán bộ chiến sĩ VD4")
		if !r.Found || r.Hits[0].Passage.ID != "activity-VD4" {
			t.Errorf("got %+v", r)
		}
	})
	t.Run("safe for concurrent use", func(t *testing.T) {
		done := make(chan string)
		for range 8 {
			go func() {
				r := ix.Search("dan van kheo")
				id := ""
				if r.Found {
					id = r.Hits[0].Passage.ID
				}
				done <- id
			}()
		}
		for range 8 {
			if id := <-done; id != "movement-1" {
				t.Errorf("concurrent search got %q", id)
			}
		}
	})
}

func BenchmarkSearch(b *testing.B) {
	ix := NewIndex(Default())
	qs := questions()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		ix.Search(qs[i%len(qs)].q)
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	p99 := lat[(len(lat)*99)/100]
	b.ReportMetric(float64(p99.Nanoseconds())/1e6, "p99-ms")
}
