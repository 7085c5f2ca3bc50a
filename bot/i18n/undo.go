package i18n

var (
	UndoButton = Text{"↩️ Hoàn tác", "↩️ Undo"}
	UndoHint   = Text{"\n<i>Bấm ↩️ Hoàn tác trong 10 phút để trả lại như trước.</i>", "\n<i>Press ↩️ Undo within 10 minutes to put it back.</i>"}
	Undone     = Text{"↩️ Đã hoàn tác: khôi phục báo cáo %s về hoạt động <b>%s</b>.", "↩️ Undone: the report %s on <b>%s</b> is back."}
	UndoGone   = Text{"Không còn hoàn tác được: đã quá 10 phút hoặc đã hoàn tác rồi.", "This can no longer be undone: 10 minutes have passed, or it was already undone."}
	UndoMoved  = Text{"Không hoàn tác được: báo cáo của hoạt động %s đã thay đổi sau đó. Xem /lichsu %s.", "Cannot undo: the report on %s changed since. See /history %s."}
	UndoNotYou = Text{"Chỉ người đã sửa/rút báo cáo này hoặc cán bộ điều phối mới hoàn tác được.", "Only whoever corrected or withdrew this report, or a coordinator, can undo it."}
)
