package i18n

var (
	AskMore       = Text{"➡️ Xem thêm: %s", "➡️ More: %s"}
	AskUnderstood = Text{"Bot hiểu bạn hỏi về %s, nhưng chưa chắc. Nếu đúng, dùng %s; hoặc xem các mục gần nhất của chương trình bên dưới.", "The bot understood you ask about %s, but is not sure. If so, use %s; or see the closest items of the programme below."}
	AskKindWork   = Text{"công việc của chương trình", "the programme's work"}
	AskKindBot    = Text{"cách dùng bot", "how to use the bot"}
	AskPlanHead   = Text{"🗓 Kế hoạch %s (%s):", "🗓 Planned %s (%s):"}
	AskPlanNone   = Text{"Không có hoạt động nào trong %s (%s).", "No activity %s (%s)."}
	AskOwner      = Text{"<b>%s</b> · %s\nĐơn vị chủ trì: %s", "<b>%s</b> · %s\nOwner: %s"}
	AskOwnerNone  = Text{"chưa ghi", "not set"}
	AskPerson     = Text{"\nNgười phụ trách: %s", "\nPerson in charge: %s"}
	AskRoleAdmin  = Text{"🔑 Lệnh này dành cho cán bộ điều phối; bạn có thể xem bằng %s.", "🔑 This command is for coordinators; you can look with %s."}
	AskRoleReport = Text{"Nếu bot báo bạn chưa được phép báo cáo, gửi /maso cho cán bộ điều phối để được thêm.", "If the bot says you may not report yet, send /id to a coordinator to be added."}
	AskRoleGroup  = Text{"Gõ lệnh này trong nhóm (quản trị nhóm gửi); cán bộ điều phối duyệt.", "Type it in the group (a group admin sends it); a coordinator approves."}
	AskButtons    = Text{"Các nút dưới tin nhắn của bot làm đúng việc của lệnh tương ứng: chọn hoạt động và mức tiến độ khi báo cáo (/baocao), ↩️ Hoàn tác một lần sửa/rút báo cáo trong 10 phút, mở mục gợi ý khi hỏi.", "The buttons under the bot's messages do what the matching command does: pick the activity and progress when reporting (/report), ↩️ Undo a correction or withdrawal within 10 minutes, open a suggested item when asking."}
)

// RouteExamples are an example of each route a bot question names; CMD is the command's name
// in the asker's language.
var RouteExamples = map[string]Text{
	"subscribe":      {"CMD BDBP (gõ trong nhóm của đơn vị)", "CMD BDBP (typed in the unit's group)"},
	"remind":         {"CMD 07:30 thứ 2 Giao ban đầu tuần", "CMD 07:30 monday Weekly briefing"},
	"cancelreminder": {"CMD 3", "CMD 3"},
	"lang":           {"CMD en", "CMD vi"},
}
