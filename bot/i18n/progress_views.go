package i18n

var (
	UnitHead     = Text{"🏢 <b>Tiến độ — %s</b> (%s)", "🏢 <b>Progress — %s</b> (%s)"}
	AreaHead     = Text{"📚 <b>Tiến độ — Nội dung %d: %s</b> (%s)", "📚 <b>Progress — Content area %d: %s</b> (%s)"}
	RollLine     = Text{"%d hoạt động · trung bình %d%% · hoàn thành %d · quá hạn %d · chưa báo cáo %d", "activities: %d · average %d%% · done %d · overdue %d · not reported %d"}
	SubUnits     = Text{"<b>Đơn vị trực thuộc</b>", "<b>Units under it</b>"}
	ActsHead     = Text{"<b>Hoạt động</b>", "<b>Activities</b>"}
	NoActs       = Text{"Chưa có hoạt động nào.", "No activities."}
	UnitUsage    = Text{"Cách dùng: /tiendo donvi MÃ_ĐƠN_VỊ, ví dụ /tiendo donvi %s. Các mã: %s.", "Usage: /progress unit UNIT_CODE, e.g. /progress unit %s. Codes: %s."}
	AreaUsage    = Text{"Cách dùng: /tiendo nd N, với N từ 1 đến %d.", "Usage: /progress content N, with N from 1 to %d."}
	StaleUsage   = Text{"Cách dùng: /tiendo chuabaocao [N], với N là số ngày từ 1 đến 365 (mặc định 7).", "Usage: /progress stale [N], with N a number of days from 1 to 365 (default 7)."}
	StaleHead    = Text{"⏰ <b>Quá hạn và chưa báo cáo</b> (%s)", "⏰ <b>Overdue and not reported</b> (%s)"}
	OverdueHead  = Text{"<b>Quá hạn</b> (%d)", "<b>Overdue</b> (%d)"}
	StaleActs    = Text{"<b>Chưa báo cáo trong %d ngày</b> (%d)", "<b>No report in %d days</b> (%d)"}
	StaleUnits   = Text{"<b>Đơn vị có việc chưa báo cáo</b>", "<b>Units with activities not reported</b>"}
	StaleOwners  = Text{"<b>Người phụ trách cần báo cáo</b>", "<b>Owners who need to report</b>"}
	NothingLate  = Text{"Không có hoạt động nào quá hạn hay chưa báo cáo. 👍", "Nothing is overdue or unreported. 👍"}
	LastSeen     = Text{"báo cáo gần nhất %s", "last report %s"}
	NeverRep     = Text{"chưa có báo cáo nào", "no report yet"}
	DueOn        = Text{"hạn %s", "due %s"}
	LateFooter   = Text{"⚠️ Quá hạn: %d · chưa báo cáo trong %d ngày: %d — xem /tiendo chuabaocao", "⚠️ Overdue: %d · not reported in %d days: %d — see /progress stale"}
	NudgeButton  = Text{"🔔 Nhắc người phụ trách", "🔔 Nudge the owners"}
	NudgesSent   = Text{"Đã nhắc %d người phụ trách qua tin nhắn riêng.", "Owners nudged in private: %d."}
	NudgesAgain  = Text{"Những người phụ trách này đã được nhắc hôm nay rồi (%d người); mỗi người chỉ được nhắc một lần mỗi ngày.", "Owners already nudged today: %d; each is nudged once a day."}
	NudgesNone   = Text{"Không có người phụ trách nào để nhắc (chưa ai được ghi | phụ trách, hoặc họ chưa nhắn tin cho bot).", "No owner to nudge (none is set with | person, or they have not written to the bot)."}
	TargetsShort = Text{"🎯 %s", "🎯 %s"}
)
