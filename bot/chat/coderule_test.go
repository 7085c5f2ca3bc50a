package chat_test

import (
	"context"
	"testing"

	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/internal/testutil"
)

// An activity whose code the programme file accepts (an underscore, 16 characters) can be named
// in chat: reported on, shown and edited. Before one rule served both, such an activity loaded
// but every command refused its code.
func TestFileCodesWorkInChat(t *testing.T) {
	p, err := programme.Parse([]byte(`extends: seed
activities:
  - code: VD_1
    title: {vi: "Ví dụ: Tập huấn kỹ năng dân vận", en: "Example: training"}
    content: 1
    when: 10/12/2026 08:00
  - code: ABCDEFGHIJKLMNOP
    title: {vi: "Ví dụ: Giao ban mười sáu ký tự", en: "Example: sixteen"}
    content: 2
    when: 11/12/2026 08:00
`))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarnessWith(t, p)
	if n, err := h.b.SeedPlan(context.Background()); err != nil || n != 2 {
		t.Fatalf("SeedPlan: %d, %v", n, err)
	}
	for _, code := range []string{"VD_1", "ABCDEFGHIJKLMNOP"} {
		got := texts(h.say(admin, admin, "/baocao "+code+" 40% đã chuẩn bị tài liệu"))
		testutil.MustContain(t, got, code, "40%")
		if st := h.reports(); len(st) == 0 || st[len(st)-1].Code != code || st[len(st)-1].Percent != 40 {
			t.Fatalf("%s: the report was not stored against it: %+v", code, st)
		}
		testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo "+code)), code, "40%")
		h.say(admin, admin, "/hoatdong sua "+code+" | tên Ví dụ: đã đổi tên")
		if a := h.activity(code); a.Title != "Ví dụ: đã đổi tên" {
			t.Errorf("%s: edit not applied, title %q", code, a.Title)
		}
	}
	// Past the shared rule: 17 characters is refused in chat as in the file.
	testutil.MustContain(t, texts(h.say(admin, admin, "/tiendo ABCDEFGHIJKLMNOPQ")), "không hợp lệ")
}
