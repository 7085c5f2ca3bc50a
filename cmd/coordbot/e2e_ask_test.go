package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/telegramtest"
)

// TestRunAskInOwnWords: the questions of issue 23 typed into a private chat with `coordbot run`
// get the fact, or the view of the command that knows it with that command named.
func TestRunAskInOwnWords(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	tomorrow := time.Now().In(loc).AddDate(0, 0, 1)
	prog := filepath.Join(t.TempDir(), "plan.yaml")
	yaml := fmt.Sprintf(`extends: seed
units:
  - {code: BDBP, name: Bộ Chỉ huy Bộ đội Biên phòng TPHCM}
  - {code: CANTHANH, name: Đồn Biên phòng Cần Thạnh, parent: BDBP}
activities:
  - code: A7
    title: {vi: Tập huấn dân vận cho cán bộ đồn, en: Training for the post's officers}
    content: 4
    unit: CANTHANH
    targets: 10 buổi
    when: %s 08:00
`, tomorrow.Format("02/01/2006"))
	if err := os.WriteFile(prog, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	e := newE2E(t, map[string]string{"COORDBOT_PROGRAM": prog})
	chat := telegramtest.Private(cadre)
	for _, c := range []struct {
		q     string
		n     int
		wants []string
	}{
		{"mai có việc gì", 2, []string{"ngày mai", tomorrow.Format("02/01/2006"), "A7", "Đồn Biên phòng Cần Thạnh", "/kehoach"}},
		{"chỉ tiêu của đồn Cần Thạnh là bao nhiêu", 2, []string{"Đồn Biên phòng Cần Thạnh", "10 buổi", "/tiendo donvi CANTHANH"}},
		{"A7 đến đâu rồi", 2, []string{"A7", "/tiendo A7"}},
		{"đơn vị nào chưa báo cáo", 2, []string{"/tiendo chuabaocao"}},
		{"làm sao để báo cáo tiến độ", 1, []string{"/baocao MÃ PHẦN_TRĂM"}},
		{"khi nao bao cao", 1, []string{"/baocao MÃ PHẦN_TRĂM"}},
		{"đăng ký nhóm thế nào", 1, []string{"/dangky"}},
		{"lãnh đạo nào dự lễ ký kết", 1, []string{"Ngô Văn Luận"}},
		{"giá vàng hôm nay", 1, []string{"Chưa tìm thấy"}},
	} {
		mustContain(t, plain(e.say(cadre, chat, c.q, c.n)), c.wants...)
	}
	e.stop()
	e.checkAllAccepted()
}

// TestAskJSONProgrammeQuestionsOfIssue23: the programme questions issue 23 quotes, through
// `coordbot ask -json`, are found with the right fact.
func TestAskJSONProgrammeQuestionsOfIssue23(t *testing.T) {
	for q, want := range map[string]string{
		"lãnh đạo nào dự lễ ký kết":                       "Ngô Văn Luận",
		"nội dung thứ tư nói về gì":                       "Tập huấn, bồi dưỡng nghiệp vụ công tác dân vận",
		"lễ ký diễn ra vào buổi nào":                      "buổi chiều ngày 19/08/2022",
		"bdbp là viết tắt của gì":                         "BĐBP là viết tắt của “Bộ đội Biên phòng”",
		"hiến kế là gì trong chương trình":                "hiến kế xây dựng không gian văn hóa Hồ Chí Minh",
		"What must cadres do against hostile propaganda?": "đấu tranh, phản bác những thông tin xuyên tạc, sai trái",
		"chương trình này đến năm nào thì hết":            "kéo dài đến năm 2026",
		"chuong trinh ket thuc nam nao":                   "kéo dài đến năm 2026",
	} {
		out, _, err := runCLI(t, nil, "", "ask", "-json", q)
		if err != nil {
			t.Fatalf("ask %q: %v", q, err)
		}
		var got askJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%q: not JSON: %v\n%s", q, err, out)
		}
		if !got.Found || !strings.Contains(got.Answer, want) {
			t.Errorf("%q: found=%v, want %q in:\n%s", q, got.Found, want, got.Answer)
		}
	}
}
