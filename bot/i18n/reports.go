package i18n

var (
	ReportUsageGroup = Text{
		"Trong nhóm, báo cáo bằng một dòng: /baocao MÃ PHẦN_TRĂM [ghi chú] [; khối lượng], ví dụ /baocao A7 60% đã tập huấn 2 đợt; 12 buổi. Muốn chọn bằng nút bấm, nhắn riêng cho bot lệnh /baocao.",
		"In a group, report in one line: /report CODE PERCENT [note] [; quantities], e.g. /report A7 60% trained two groups; 12 sessions. To pick with buttons, send /report to the bot in a private chat.",
	}
	ReportUsage = Text{
		"Cách báo cáo: /baocao MÃ PHẦN_TRĂM [ghi chú] [| khối lượng], ví dụ /baocao A7 60% đã tập huấn 2 đợt | 12 buổi, 320 lượt người (xong = 100%). Hoạt động lặp lại: /baocao GB 08/12 xong.\nRút báo cáo gần nhất: /baocao rut A7 · Sửa: /baocao sua A7 70% …\nGõ /baocao không kèm gì để chọn bằng nút bấm.",
		"How to report: /report CODE PERCENT [note] [| quantities], e.g. /report A7 60% trained two groups | 12 sessions, 320 people (done = 100%). Recurring activity: /report GB 08/12 done.\nWithdraw your last report: /report undo A7 · Correct it: /report fix A7 70% …\nType /report alone to pick with buttons.",
	}
	BadPercent = Text{
		"Phần trăm “%s” không hợp lệ: dùng số từ 0 đến 100, ví dụ 60%% (hoặc “xong” cho 100%%).",
		"Invalid percent “%s”: use a number from 0 to 100, e.g. 60%% (or “done” for 100%%).",
	}
	Reported = Text{
		"✅ Đã ghi nhận báo cáo <b>%s</b> — %s\n%s%s\n<i>%s · %s</i>",
		"✅ Report recorded for <b>%s</b> — %s\n%s%s\n<i>%s · %s</i>",
	}
	NoteLine     = Text{"\nGhi chú: %s", "\nNote: %s"}
	WithFile     = Text{" (kèm tệp)", " (with file)"}
	QtyLine      = Text{"\nKhối lượng: %s", "\nQuantities: %s"}
	Withdrawn    = Text{"Đã rút báo cáo %d%% ngày %s của hoạt động <b>%s</b>.", "Withdrew your %d%% report of %s on <b>%s</b>."}
	WithdrawnOf  = Text{"Đã rút báo cáo %d%% của %s (ngày %s) về hoạt động <b>%s</b>.", "Withdrew the %d%% report by %s (%s) on <b>%s</b>."}
	PickWithdraw = Text{"Có nhiều báo cáo về hoạt động <b>%s</b>. Chọn báo cáo cần rút:", "There is more than one report on <b>%s</b>. Pick the one to withdraw:"}
	WdGone       = Text{"Báo cáo này không còn (đã được rút hoặc sửa).", "That report is no longer there (withdrawn or corrected)."}
	WdNotYours   = Text{"Bạn chỉ rút được báo cáo của chính mình.", "You can withdraw only your own reports."}
	OverTarget   = Text{"\n⚠️ Khối lượng %s (%d%% chỉ tiêu cả hoạt động) chỉ trong một báo cáo: đã lưu như đã gõ, kiểm tra lại nếu gõ nhầm (sửa: /baocao sua).", "\n⚠️ %s (%d%% of the whole activity's target) in one report: stored as typed; check it in case of a slip (correct: /report fix)."}
	DoneUnder    = Text{"\n⚠️ Báo cáo 100%% nhưng mới đạt %s (chưa tới một nửa chỉ tiêu): đã lưu, kiểm tra lại.", "\n⚠️ 100%% reported but only %s reached (under half the target): stored; please check."}
	Replaced     = Text{"\n↩️ Thay cho báo cáo trước: %s.", "\n↩️ Replaces the earlier report: %s."}
	RemovedRep   = Text{"\nBáo cáo đã rút: %s.", "\nThe report withdrawn: %s."}
	ReportOn     = Text{"%d%% ngày %s", "%d%% of %s"}
	Corrected    = Text{"✅ Đã sửa báo cáo <b>%s</b> — %s\n%s%s\n<i>%s · %s</i>", "✅ Report corrected for <b>%s</b> — %s\n%s%s\n<i>%s · %s</i>"}
	OccOf        = Text{" (buổi %s)", " (occurrence of %s)"}
	NoteLong     = Text{"Ghi chú dài %d ký tự; tối đa %d ký tự. Hãy rút gọn hoặc gửi kèm tệp.", "The note is %d characters long; at most %d. Shorten it or attach a file."}
	ReportGone   = Text{"Báo cáo đó về hoạt động %s vừa được rút rồi.", "That report on %s was already withdrawn."}
	NoReportOf   = Text{"Không có báo cáo nào về hoạt động %s của %s.", "There is no report on %s by %s."}
	NoReportID   = Text{"Không có báo cáo mã %s.", "There is no report %s."}
	BadDay       = Text{"Ngày “%s” không hợp lệ: dùng dạng dd/mm, ví dụ 08/12.", "Invalid day “%s”: use dd/mm, e.g. 08/12."}
	BeforeFirst  = Text{"Hoạt động lặp lại %s chưa diễn ra lần nào: lần đầu là %s. Báo cáo sau khi hoạt động diễn ra.", "Recurring activity %s has not taken place yet: the first time is %s. Report once it has."}
	NoOccurrence = Text{"Hoạt động %s không diễn ra ngày %s.", "Activity %s does not take place on %s."}
	NothingToWd  = Text{"Không có báo cáo nào của bạn về hoạt động %s để rút.", "You have no report on %s to withdraw."}
	PickActivity = Text{"Chọn hoạt động cần báo cáo:", "Pick the activity to report on:"}
	NoOpen       = Text{"Hiện không có hoạt động nào đang mở để báo cáo.", "There are no open activities to report on."}
	PickPercent  = Text{"<b>%s</b> — %s\nTiến độ hiện tại đạt bao nhiêu phần trăm? (có thể gõ số, ví dụ 65)", "<b>%s</b> — %s\nHow far along is it? (you may type a number, e.g. 65)"}
	AskNote      = Text{"<b>%s</b>: %d%%. Gõ ghi chú ngắn (việc đã làm, khó khăn), hoặc bấm “Không ghi chú”.", "<b>%s</b>: %d%%. Type a short note (what was done, problems), or press “No note”."}
	SkipNote     = Text{"Không ghi chú", "No note"}
	SkipQty      = Text{"Bỏ qua", "Skip"}
	AskQtyStep   = Text{"<b>%s</b>: %d%%. Khối lượng đã làm được? Chỉ tiêu: %s. Gõ số kèm đơn vị, ví dụ <i>%s</i>, hoặc bấm “Bỏ qua”.", "<b>%s</b>: %d%%. How much was done? Targets: %s. Type numbers with their units, e.g. <i>%s</i>, or press “Skip”."}
	AskQty       = Text{"\nChỉ tiêu: %s. Khối lượng đã làm ghi sau dấu ; (hoặc | hay xuống dòng), ví dụ: <i>đã tổ chức; %s</i>", "\nTargets: %s. Give what was done after ; (or | or a new line), e.g. <i>held; %s</i>"}
	InPrivate    = Text{"Báo cáo từng bước trong tin nhắn riêng với bot:", "Report step by step in a private chat with the bot:"}
	OpenPrivate  = Text{"📝 Báo cáo", "📝 Report"}
	TypePercent  = Text{"Hãy gõ số phần trăm từ 0 đến 100 (ví dụ 60), hoặc bấm một nút.", "Type a percent from 0 to 100 (e.g. 60), or press a button."}
)
