package bot_test

import (
	"testing"
	"unicode/utf8"

	"github.com/coordbot/coordbot/bot"
)

// FuzzHandle sends arbitrary text, as every kind of user in every kind of chat, through the whole
// bot on a real Redis: nothing may panic, and every reply must be non-empty valid UTF-8.
func FuzzHandle(f *testing.F) {
	for _, s := range []string{
		"/baocao A1 60% ghi chú", "/hoatdong them 01/12 08:00 X | nd 2 | mã B2", "/nhac every 0 8 * * 1 Họp",
		"/nhac CRON_TZ=UTC 0 8 * * *", "/noidung -1", "/report", "/hoatdong sua A1 | lúc +1d", "/huy #",
		"/thanhvien them 9223372036854775807", "/lang", "<b>", "/start report-A1", "/tiendo A1", "/baocao rut A1",
		"/baocao sua A1 200 70%", "/baocao rut 1764000000000-0 lý do: x", "/baocao GB 08/12 xong", "/lichsu A1", "/nhom", "/hoatdong mo A1", "/start activity",
	} {
		f.Add(s, int64(100), int64(100))
		f.Add(s, int64(200), int64(-1001))
	}
	f.Fuzz(func(t *testing.T, text string, fromN, chatN int64) {
		h := newHarness(t)
		if fromN == 0 {
			fromN = 1
		}
		from, chat := bot.TelegramID(fromN), bot.TelegramID(chatN)
		h.members[[2]bot.ID{groupID, from}] = "administrator"
		h.say(admin, admin, "/hoatdong them 05/12/2026 08:00 Tập huấn")
		for _, r := range h.say(from, chat, text) {
			if r.AnswerCallback != "" {
				continue
			}
			if r.Text == "" && r.Document == nil && r.Photo == nil {
				t.Fatalf("empty reply to %q", text)
			}
			if !utf8.ValidString(r.Text) && utf8.ValidString(text) {
				t.Fatalf("invalid UTF-8 reply to %q", text)
			}
		}
	})
}
