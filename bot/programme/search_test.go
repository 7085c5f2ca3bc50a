package programme

import (
	"slices"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// question is one row of the accuracy table: the passage a cadre asking it should get first, or
// "" when the bot must say it does not know.
type question struct {
	q    string
	want string
}

// questions covers the seed programme: with and without diacritics, NFD input, English, and
// questions about other things that must be declined.
func questions() []question {
	return []question{
		// General information.
		{"Chương trình phối hợp giữa những đơn vị nào?", "overview"},
		{"chuong trinh phoi hop giua nhung don vi nao", "overview"},
		{"Chương trình giai đoạn bao nhiêu năm?", "overview"},
		{"giai doan 2022 2026", "overview"},
		{"Chương trình được ký kết khi nào?", "signing"},
		{"ngay ky ket chuong trinh", "signing"},
		{"Ai tham dự lễ ký kết?", "attendees"},
		{"thanh phan tham du", "attendees"},
		{"Đại tá Nguyễn Quốc Ân giữ chức vụ gì?", "attendees"},
		{"nguyen van tien la ai", "attendees"},
		{"Ngô Văn Luận tặng quà lưu niệm cho ai?", "signing"},
		{"Chương trình có mấy nội dung?", "overview"},
		// Content areas.
		{"tham mưu đề xuất Thành ủy UBND TP", "content-1"},
		{"bảo vệ chủ quyền an ninh biên giới biển", "content-1"},
		{"quoc phong toan dan the tran bien phong", "content-1"},
		{"tuyên truyền vận động Nhân dân chấp hành pháp luật", "content-2"},
		{"khong gian van hoa Ho Chi Minh", "content-2"},
		{"xây dựng nông thôn mới giảm nghèo bền vững ở các tỉnh biên giới", "content-2"},
		{"đổi mới nội dung phương thức công tác dân vận", "content-3"},
		{"giai quyet diem nong tu co so", "content-3"},
		{"đấu tranh phản bác thông tin xuyên tạc sai trái", "content-3"},
		{"ung dung cong nghe vao tuyen truyen", "content-3"},
		{"Tập huấn, bồi dưỡng nghiệp vụ cho cán bộ chiến sĩ", "content-4"},
		{"tap huan cong tac dan toc ton giao", "content-4"},
		{"sơ kết tổng kết kiểm tra đôn đốc", "content-5"},
		{"Đề án xây dựng lực lượng Bộ đội Biên phòng cách mạng chính quy tinh nhuệ hiện đại", "content-5"},
		{"nội dung 3", "content-3"},
		{"noi dung so 4", "content-4"},
		// Emulation movements and the plan.
		{"dan van kheo", "movement-1"},
		{"Phong trào Dân vận khéo là gì?", "movement-1"},
		{"DÂN VẬN KHÉO", "movement-1"},
		{"don vi dan van tot", "movement-2"},
		{"Phong trào thi đua Đơn vị dân vận tốt", "movement-2"},
		{"kế hoạch phối hợp năm 2022 2023", "plan-1"},
		{"ke hoach 2022-2023", "plan-1"},
		// NFD input, as some keyboards send it.
		{norm.NFD.String("Dân vận khéo"), "movement-1"},
		{norm.NFD.String("Ai tham dự lễ ký kết?"), "attendees"},
		{norm.NFD.String("tập huấn nghiệp vụ dân vận"), "content-4"},
		// English.
		{"Who attended the signing?", "attendees"},
		{"When was the programme signed?", "signing"},
		{"What is the period of the programme?", "overview"},
		{"skilful mass mobilisation", "movement-1"},
		{"good mass-mobilisation unit emulation movement", "movement-2"},
		{"training officers and soldiers", "content-4"},
		{"counter false information from hostile forces", "content-3"},
		{"the 2022-2023 coordination plan", "plan-1"},
		{"Who is Colonel Nguyen Quoc An?", "attendees"},
		// Out of scope: must be declined.
		{"giá vàng hôm nay", ""},
		{"gia vang hom nay bao nhieu", ""},
		{"Thời tiết TPHCM ngày mai thế nào?", ""},
		{"kết quả bóng đá đội tuyển Việt Nam", ""},
		{"tỷ giá đô la", ""},
		{"công thức nấu phở bò", ""},
		{"What is the price of gold today?", ""},
		{"weather forecast for tomorrow", ""},
		{"who won the football match", ""},
		{"lịch chiếu phim cuối tuần", ""},
		{"mua vé máy bay đi Hà Nội", ""},
		{"cách cài đặt Telegram trên điện thoại", ""},
		{"chương trình khuyến mãi tháng này", ""},
		{"lịch thi đấu bóng đá năm 2023", ""},
		{"hoc phi dai hoc nam 2023", ""},
		{"giá xăng tăng bao nhiêu", ""},
		// Harder in-scope phrasings.
		{"Bộ đội Biên phòng phối hợp với Ban Dân vận làm gì?", "overview"},
		{"chuong trinh ky ngay nao", "signing"},
		{"phòng chống thiên tai dịch bệnh", "content-1"},
		{"nắm tâm tư nguyện vọng của nhân dân", "content-3"},
		{"Which units signed the programme?", "overview"},
		{"What does content area 5 say?", "content-5"},
	}
}

func TestSearchAccuracy(t *testing.T) {
	ix := NewIndex(Default())
	qs := questions()
	right, outOfScope := 0, 0
	for _, q := range qs {
		r := ix.Search(q.q)
		got := ""
		if r.Found {
			got = r.Hits[0].Passage.ID
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
	if len(qs) < 45 || outOfScope < 10 {
		t.Fatalf("question table too small: %d questions, %d out of scope", len(qs), outOfScope)
	}
	if acc < 0.9 {
		t.Errorf("accuracy %.1f%% is under 90%%", 100*acc)
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
		r := ix.Search("Bộ đội Biên phòng phối hợp với Ban Dân vận làm gì?")
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
		p, err := Parse(ExamplePlan())
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
