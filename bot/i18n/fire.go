package i18n

var (
	Reminder        = Text{"⏰ <b>Nhắc việc</b>\n%s", "⏰ <b>Reminder</b>\n%s"}
	Late            = Text{"\n<i>(gửi muộn — lẽ ra lúc %s, khi bot tạm ngừng hoạt động)</i>", "\n<i>(sent late — it was due at %s, while the bot was down)</i>"}
	ActSoon         = Text{"⏰ <b>Sắp diễn ra</b> (còn %s): <b>%s</b> — %s\n%s", "⏰ <b>Coming up</b> (in %s): <b>%s</b> — %s\n%s"}
	AckButton       = Text{"✅ Đã nhận", "✅ Got it"}
	ReportBtn       = Text{"📝 Báo cáo", "📝 Report"}
	Acked           = Text{"\n\n✅ Đã nhận: %s", "\n\n✅ Acknowledged: %s"}
	AckedToast      = Text{"Đã ghi nhận.", "Noted."}
	AlreadyAck      = Text{"Bạn đã xác nhận lời nhắc này từ trước rồi.", "You have already acknowledged this."}
	AckExpired      = Text{"Lời nhắc này đã quá cũ để xác nhận.", "This reminder is too old to acknowledge."}
	DigestHead      = Text{"📋 <b>Bản tin tuần</b> — %s", "📋 <b>Weekly digest</b> — %s"}
	DigestWeek      = Text{"<b>Hoạt động trong tuần:</b>", "<b>This week's activities:</b>"}
	DigestUnit      = Text{"<i>Đơn vị %s và các đơn vị trực thuộc</i>", "<i>Unit %s and the units under it</i>"}
	DigestMoreWeek  = Text{"<i>… và %d hoạt động khác trong tuần — xem /kehoach</i>", "<i>… and %d more this week — see /plan</i>"}
	DigestMoreStale = Text{"<i>… và %d hoạt động khác cần cập nhật — xem /tiendo chuabaocao</i>", "<i>… and %d more need an update — see /progress stale</i>"}
	DigestNone      = Text{"Không có hoạt động nào trong tuần này.", "No activities this week."}
	DigestProg      = Text{"<b>Tiến độ chung:</b> %d hoạt động đang mở, trung bình %d%%. Chi tiết: /tiendo", "<b>Overall:</b> %d open activities, average %d%%. Details: /progress"}
	NudgeHead       = Text{"<b>Cần cập nhật</b> (chưa có báo cáo trong 7 ngày):", "<b>Needs an update</b> (no report for 7 days):"}
	NudgeNever      = Text{"🔔 Hoạt động <b>%s</b> — %s chưa có báo cáo tiến độ nào. Báo cáo: /baocao %s PHẦN_TRĂM", "🔔 Activity <b>%s</b> — %s has no progress report yet. Report: /report %s PERCENT"}
	NudgePriv       = Text{"🔔 Hoạt động <b>%s</b> — %s chưa có báo cáo tiến độ trong %d ngày qua. Báo cáo: /baocao %s PHẦN_TRĂM", "🔔 Activity <b>%s</b> — %s has had no progress report for %d days. Report: /report %s PERCENT"}
	LeadDays        = Text{"%d ngày", "%d days"}
	LeadHours       = Text{"%d giờ", "%d hours"}
	LeadMinutes     = Text{"%d phút", "%d minutes"}
)
