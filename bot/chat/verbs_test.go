package chat_test

import (
	"testing"

	"github.com/coordbot/coordbot/internal/testutil"
)

// A coordinator types the verb as the bot writes it: "khôi phục", "danh sách" are two words, and
// each restores or lists as "mo" and "ds" do.
func TestActivityVerbsOfTwoWords(t *testing.T) {
	for _, verb := range []string{"khôi phục", "khoi phuc", "khoiphuc", "mo"} {
		h := newHarness(t)
		h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tuần tra chung")
		h.say(admin, admin, "/hoatdong huy A1 trùng lịch")
		got := texts(h.say(admin, admin, "/hoatdong "+verb+" A1"))
		testutil.MustContain(t, got, "Đã khôi phục hoạt động A1")
	}
	h := newHarness(t)
	h.say(admin, admin, "/hoatdong them 10/12/2026 08:00 Tuần tra chung")
	testutil.MustContain(t, texts(h.say(admin, admin, "/hoatdong danh sách")), "Tuần tra chung")
}
