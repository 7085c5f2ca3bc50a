package i18n

var (
	NotAllowed = Text{
		"Xin lỗi, tài khoản này chưa có quyền báo cáo tiến độ. Để được báo cáo, hãy tham gia nhóm của đơn vị đã được duyệt với bot, hoặc gửi mã số <code>%s</code> cho cán bộ điều phối để được thêm (/thanhvien them %s).",
		"Sorry, this account may not report progress yet. Join your unit's group approved with the bot, or send your id <code>%s</code> to a coordinator to be added (/member add %s).",
	}
	GroupOnly       = Text{"Lệnh này dùng trong nhóm: thêm bot vào nhóm của đơn vị rồi gõ lệnh tại đó.", "Use this command in a group: add the bot to your unit's group and type it there."}
	ZaloNoGroups    = Text{"Bot Zalo này chưa được phép vào nhóm, nên không đăng ký nhóm được. Lời nhắc của đơn vị sẽ gửi riêng cho từng cán bộ đã được thêm (/thanhvien them) và đã nhắn tin cho bot.", "This Zalo bot may not join groups, so no group can subscribe. Reminders go privately to each reporter a coordinator added (/member add) who has written to the bot."}
	SubZalo         = Text{"Trên Zalo, chỉ cán bộ điều phối mới hủy đăng ký nhóm được.", "On Zalo, only a coordinator can unsubscribe a group."}
	SubAdmin        = Text{"Chỉ quản trị viên của nhóm hoặc cán bộ điều phối mới đăng ký/hủy đăng ký được.", "Only the group's admins or a coordinator can subscribe or unsubscribe it."}
	Subscribed      = Text{"✅ %s đã đăng ký: nhóm sẽ nhận lời nhắc hoạt động và bản tin tuần; thành viên nhóm có thể báo cáo tiến độ (/baocao).", "✅ %s is subscribed: it gets activity reminders and the weekly digest, and its members may report progress (/report)."}
	AlreadySub      = Text{"%s đã được đăng ký từ trước.", "%s is already subscribed."}
	Requested       = Text{"📨 Đã gửi yêu cầu đăng ký %s tới cán bộ điều phối. Khi được duyệt, nhóm sẽ nhận lời nhắc và thành viên nhóm có thể báo cáo.", "📨 The request to subscribe %s went to the coordinators. Once approved, the group gets reminders and its members may report."}
	RequestToAd     = Text{"📨 <b>Yêu cầu đăng ký nhóm</b>\nNhóm: <b>%s</b> (<code>%s</code>)\nNgười gửi: %s (quản trị nhóm)\nDuyệt để nhóm nhận lời nhắc và thành viên được báo cáo.", "📨 <b>Group subscription request</b>\nGroup: <b>%s</b> (<code>%s</code>)\nFrom: %s (group admin)\nApprove so the group gets reminders and its members may report."}
	Approve         = Text{"✅ Duyệt", "✅ Approve"}
	Refuse          = Text{"✖️ Từ chối", "✖️ Refuse"}
	RemoveGroup     = Text{"✖️ Gỡ", "✖️ Remove"}
	Approved        = Text{"✅ Đã duyệt %s.", "✅ Approved %s."}
	Refused         = Text{"Đã từ chối yêu cầu đăng ký của %s%s.", "Refused the request of %s%s."}
	Removed         = Text{"Đã gỡ %s khỏi danh sách nhóm nhận lời nhắc%s.", "Removed %s from the groups that get reminders%s."}
	DecidedApproved = Text{"Yêu cầu đăng ký %s đã được xử lý trước đó: nhóm đang được duyệt nhận nhắc việc. Không thay đổi gì. Muốn gỡ nhóm, dùng /nhom.", "The request of %s was already handled: the group is approved and gets reminders. Nothing changed. To remove the group, use /groups."}
	DecidedGone     = Text{"Yêu cầu đăng ký %s đã được xử lý trước đó: nhóm hiện không nhận nhắc việc. Không thay đổi gì.", "The request of %s was already handled: the group does not get reminders now. Nothing changed."}
	GroupGone       = Text{"Nhóm này không còn trong danh sách (đã được xử lý).", "That group is no longer listed (already handled)."}
	ToGroupOK       = Text{"✅ Cán bộ điều phối đã duyệt: %s sẽ nhận lời nhắc hoạt động và bản tin tuần; thành viên nhóm có thể báo cáo tiến độ (/baocao).", "✅ A coordinator approved %s: it gets activity reminders and the weekly digest, and its members may report progress (/report)."}
	ToGroupNo       = Text{"Yêu cầu đăng ký %s không được duyệt. Liên hệ cán bộ điều phối nếu cần.", "The request to subscribe %s was not approved. Contact a coordinator if needed."}
	Unsubbed        = Text{"%s đã hủy đăng ký: không nhận lời nhắc hoạt động và bản tin tuần nữa; thành viên nhóm không còn báo cáo qua nhóm này.", "%s is unsubscribed: no more activity reminders or digests, and its members no longer report through it."}
	UnsubRem        = Text{"\nĐã hủy %d lời nhắc đặt trong nhóm.", "\nCancelled %d reminders set in this group."}
	NotSubbed       = Text{"%s chưa đăng ký nên không có gì để hủy.", "%s is not subscribed; there is nothing to stop."}
	GroupsHead      = Text{"👥 <b>Các nhóm đã đăng ký</b>", "👥 <b>Subscribed groups</b>"}
	GroupsNone      = Text{"Chưa có nhóm nào được duyệt.", "No group is approved yet."}
	GroupsReqs      = Text{"⏳ <b>Đang chờ duyệt</b>", "⏳ <b>Waiting for approval</b>"}
	MemberUsage     = Text{"Cách dùng: /thanhvien them ID [đơn vị] hoặc /thanhvien xoa ID, trong đó ID là mã số mà lệnh /maso hiển thị: một số (Telegram) hoặc zl:… (Zalo), ví dụ /thanhvien them zl:e4ea2c0a9b Đồn Cần Giờ.", "Usage: /member add ID [unit] or /member remove ID, with the ID as /id shows it: a number (Telegram) or zl:… (Zalo), e.g. /member add zl:e4ea2c0a9b Can Gio post."}
	MemberAdded     = Text{"✅ Người dùng %s được phép báo cáo%s.", "✅ User %s may now report%s."}
	MemberUnit      = Text{" (đơn vị: %s)", " (unit: %s)"}
	MemberGone      = Text{"Đã bỏ quyền báo cáo của người dùng %s.", "User %s may no longer report (unless a member of a subscribed group)."}
	YourID          = Text{"Mã số của bạn: <code>%s</code>", "Your id: <code>%s</code>"}
)

var (
	GroupUnitUsage = Text{"Cách dùng: /nhom (danh sách nhóm) hoặc /nhom donvi MÃ_NHÓM MÃ_ĐƠN_VỊ để gắn nhóm với đơn vị (MÃ_ĐƠN_VỊ là - để bỏ gắn).", "Usage: /groups (the list) or /groups unit CHAT_ID UNIT_CODE to tie a group to a unit (- unties it)."}
	GroupUnitSet   = Text{"✅ %s thuộc đơn vị <b>%s</b>: báo cáo của thành viên nhóm được tính cho đơn vị này.", "✅ %s belongs to <b>%s</b>: its members' reports count for that unit."}
	GroupUnitOff   = Text{"%s không còn gắn với đơn vị nào.", "%s is no longer tied to a unit."}
	GroupNotSub    = Text{"Nhóm <code>%s</code> chưa được duyệt. Xem danh sách: /nhom", "Group <code>%s</code> is not approved. See the list: /groups"}
	GroupUnitLine  = Text{"\nĐơn vị: <b>%s</b>", "\nUnit: <b>%s</b>"}
	GroupNoUnit    = Text{"\nChưa gắn đơn vị; gắn bằng: /nhom donvi %s MÃ_ĐƠN_VỊ (các mã: %s)", "\nNot tied to a unit; tie it with: /groups unit %s UNIT_CODE (codes: %s)"}
	GroupUnitHint  = Text{"<i>Gắn nhóm với đơn vị: /nhom donvi MÃ_NHÓM MÃ_ĐƠN_VỊ</i>", "<i>Tie a group to a unit: /groups unit CHAT_ID UNIT_CODE</i>"}
)
