package i18n

var (
	FlowTitle   = Text{"Thêm hoạt động mới (gõ /huybo để dừng).\nNhập <b>tên hoạt động</b>:", "New activity (type /stop to quit).\nType the <b>activity's title</b>:"}
	FlowContent = Text{"<b>%s</b>\nHoạt động thuộc nội dung nào của chương trình?", "<b>%s</b>\nWhich content area does it serve?"}
	FlowNone    = Text{"Không gắn nội dung", "None"}
	FlowWhen    = Text{"Nhập <b>thời gian</b>, ví dụ 15/12 lúc 9h, thứ 6 tuần sau 14h, hằng tuần thứ hai 7h30 (ngày đã qua cũng được, để ghi việc đã làm):", "Type <b>when</b>, e.g. 15/12 lúc 9h, thứ 6 tuần sau 14h, hằng tuần thứ hai 7h30 (a past day is fine, to record work done):"}
	FlowOwner   = Text{"Nhập <b>đơn vị phụ trách</b>, hoặc bấm Bỏ qua:", "Type the <b>owner unit</b>, or press Skip:"}
	FlowUnit    = Text{"Chọn <b>đơn vị phụ trách</b> (hoặc gõ mã đơn vị), hoặc bấm Bỏ qua:", "Pick the <b>owner unit</b> (or type its code), or press Skip:"}
	FlowSkip    = Text{"Bỏ qua", "Skip"}
	FlowStopped = Text{"Đã dừng.", "Stopped."}
	FlowNothing = Text{"Không có thao tác từng bước nào đang làm.", "There is no step-by-step flow to stop."}
	FlowPrivate = Text{"Thêm hoạt động từng bước trong tin nhắn riêng với bot (hoặc gõ một dòng: /hoatdong them THỜI_GIAN Tên hoạt động):", "Add an activity step by step in a private chat with the bot (or in one line: /activity add WHEN Title):"}
	FlowOpen    = Text{"➕ Thêm hoạt động", "➕ Add an activity"}
	FlowInGroup = Text{"Trong nhóm, hãy thêm hoạt động bằng một dòng: /hoatdong them THỜI_GIAN Tên hoạt động [| nd N] [| đv Đơn vị], hoặc gõ /hoatdong trong tin nhắn riêng với bot.", "In a group, add an activity in one line: /activity add WHEN Title [| content N] [| owner Unit], or type /activity in a private chat with the bot."}
)
