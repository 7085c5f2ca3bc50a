package i18n

var (
	HistUsage = Text{"Cách dùng: /lichsu MÃ, ví dụ /lichsu A7.", "Usage: /history CODE, e.g. /history A7."}
	HistHead  = Text{"📜 <b>Nhật ký hoạt động %s</b> — %s", "📜 <b>History of %s</b> — %s"}
	HistNone  = Text{"Chưa có thay đổi nào được ghi.", "No change recorded yet."}
	HistBy    = Text{"%s đã", "%s"} // "Lan đã thêm hoạt động", "Lan added the activity"
	HistWhy   = Text{"lý do: %s", "reason: %s"}
	// Actions name each kind of audit entry (bot.ActActivityAdd…) by its stored form.
	Actions = map[string]Text{
		"activity.add":     {"thêm hoạt động", "added the activity"},
		"activity.edit":    {"sửa hoạt động", "edited the activity"},
		"activity.cancel":  {"hủy hoạt động", "cancelled the activity"},
		"activity.restore": {"khôi phục hoạt động", "restored the activity"},
		"report.add":       {"báo cáo", "reported"},
		"report.withdraw":  {"rút báo cáo", "withdrew a report"},
		"report.correct":   {"sửa báo cáo", "corrected a report"},
		"report.undo":      {"hoàn tác sửa/rút báo cáo", "undid a correction or withdrawal"},
		"group.request":    {"xin đăng ký nhóm", "asked to subscribe a group"},
		"group.approve":    {"duyệt nhóm", "approved a group"},
		"group.refuse":     {"từ chối nhóm", "refused a group"},
		"group.remove":     {"hủy đăng ký nhóm", "unsubscribed a group"},
		"member.add":       {"thêm người báo cáo", "added a reporter"},
		"member.remove":    {"bỏ người báo cáo", "removed a reporter"},
		"group.unit":       {"gắn nhóm với đơn vị", "tied a group to a unit"},
	}
)

var HistReport = Text{"(mã báo cáo <code>%s</code>)", "(report id <code>%s</code>)"}

// Someone and AGroup stand in the history for a user or a group the bot no longer knows by name.
var (
	Someone = Text{"một người dùng", "a user"}
	AGroup  = Text{"một nhóm", "a group"}
)
