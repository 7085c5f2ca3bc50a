package i18n

var (
	RemindUsage = Text{
		"Cách dùng: /nhac THỜI_GIAN nội dung, ví dụ /nhac mai 8h Họp giao ban, /nhac 15h30 thứ 5 Sơ kết, /nhac 15/12 lúc 9h Tập huấn, /nhac 30 phút nữa Gọi điện đồn, /nhac hằng tuần thứ hai 7h30 Báo cáo tuần.",
		"Usage: /remind WHEN text, e.g. /remind mai 8h Meeting (tomorrow 08:00), /remind 15h30 thứ 5 Review (Thursday), /remind 15/12 lúc 9h Training, /remind 30 phút nữa Call the post (in 30 minutes), /remind hằng tuần thứ hai 7h30 Weekly report (Mondays).",
	}
	RemindNoText = Text{"Thiếu nội dung nhắc sau thời gian.", "The reminder's text is missing after WHEN."}
	RemindSet    = Text{"⏰ Đã đặt lời nhắc #%s vào %s:\n%s", "⏰ Reminder #%s set for %s:\n%s"}
	RemindEvery  = Text{"%s (lần tới %s)", "%s (next %s)"}
	RemindList   = Text{"⏰ <b>Lời nhắc đang chờ trong nhóm/cuộc trò chuyện này</b>", "⏰ <b>Pending reminders in this chat</b>"}
	RemindNone   = Text{"Không có lời nhắc nào đang chờ.", "No pending reminders."}
	RemindHowTo  = Text{" Cán bộ điều phối đặt lời nhắc mới bằng /nhac THỜI_GIAN nội dung.", " Coordinators set one with /remind WHEN text."}
	RemindAuto   = Text{"<i>Nhắc hoạt động theo kế hoạch được gửi tự động tới các nhóm đã đăng ký (/kehoach).</i>", "<i>Activity reminders go to subscribed groups automatically (/plan).</i>"}
	RemindActs   = Text{"🗓 <b>Nhắc hoạt động gửi tới nhóm này</b>", "🗓 <b>Activity reminders this group gets</b>"}
	RemindActRow = Text{"\n#%s · %s · nhắc trước %s: <b>%s</b> %s", "\n#%s · %s · %s before: <b>%s</b> %s"}
	CancelUsage  = Text{"Cách dùng: /huynhac SỐ, ví dụ /huynhac 12 (xem số bằng /dsnhac).", "Usage: /cancelreminder ID, e.g. /cancelreminder 12 (see ids with /reminders)."}
	Cancelled    = Text{"Đã hủy lời nhắc #%s.", "Reminder #%s cancelled."}
	NoReminder   = Text{"Không có lời nhắc #%s trong cuộc trò chuyện này.", "There is no reminder #%s in this chat."}
)
