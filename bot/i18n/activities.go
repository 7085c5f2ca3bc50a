package i18n

var (
	ActUsage = Text{
		"Cách dùng (cán bộ điều phối):\n" +
			"• /hoatdong them THỜI_GIAN Tên hoạt động [| nd N] [| đv MÃ_ĐƠN_VỊ] [| phụ trách @tên] [| chỉ tiêu 20 buổi, 500 lượt người] [| tính tổng/mới nhất] [| mã A7] [| nhắc 1d,1h]\n" +
			"  ví dụ: /hoatdong them 05/12/2026 08:00 Tập huấn nghiệp vụ dân vận | nd 4 | chỉ tiêu 2 lớp\n" +
			"• /hoatdong sua A7 | lúc 06/12/2026 14:00 | tên Tên mới | đv Đơn vị mới\n" +
			"• /hoatdong huy A7 · khôi phục: /hoatdong mo A7\n" +
			"• /hoatdong — thêm từng bước bằng nút bấm (trong tin nhắn riêng)\n" +
			"THỜI_GIAN: 05/12/2026 08:00, 05/12 08:00, 08:00, +2d, hằng tuần t2 08:00 …",
		"Usage (coordinators):\n" +
			"• /activity add WHEN Title [| content N] [| unit CODE] [| person @name] [| targets 20 sessions, 500 people] [| tally sum/latest] [| code A7] [| lead 1d,1h]\n" +
			"  e.g. /activity add 05/12/2026 08:00 Training on mass mobilisation work | content 4 | targets 2 courses\n" +
			"• /activity edit A7 | when 06/12/2026 14:00 | title New title | owner New unit\n" +
			"• /activity cancel A7 · restore: /activity restore A7\n" +
			"• /activity — add step by step with buttons (in a private chat)\n" +
			"WHEN: 05/12/2026 08:00, 05/12 08:00, 08:00, +2d, weekly mon 08:00 …",
	}
	ActCreated = Text{"✅ Đã thêm hoạt động <b>%s</b>: %s\n%s", "✅ Added activity <b>%s</b>: %s\n%s"}
	ActEdited  = Text{"✅ Đã cập nhật hoạt động <b>%s</b>: %s\n%s", "✅ Updated activity <b>%s</b>: %s\n%s"}
	ActCancel  = Text{"Đã hủy hoạt động <b>%s</b>: %s. Các lời nhắc của hoạt động này cũng được gỡ. Khôi phục: /hoatdong mo %s", "Cancelled activity <b>%s</b>: %s. Its reminders are removed too. Restore: /activity restore %s"}
	ActAlready = Text{"Hoạt động <b>%s</b> đã bị hủy từ trước. Khôi phục: /hoatdong mo %s", "Activity <b>%s</b> is already cancelled. Restore: /activity restore %s"}
	ActRestore = Text{"✅ Đã khôi phục hoạt động <b>%s</b>: %s\n%s", "✅ Restored activity <b>%s</b>: %s\n%s"}
	ActNotCxl  = Text{"Hoạt động <b>%s</b> không bị hủy nên không cần khôi phục.", "Activity <b>%s</b> is not cancelled; there is nothing to restore."}
	ActEditCxl = Text{"Hoạt động %s đã bị hủy nên không sửa được. Khôi phục trước: /hoatdong mo %s", "Activity %s is cancelled and cannot be edited. Restore it first: /activity restore %s"}
	TitleLong  = Text{"Tên hoạt động dài %d ký tự; tối đa %d ký tự.", "The title is %d characters long; at most %d."}
	LeadPast   = Text{"\n⚠️ Không gửi được lời nhắc trước %s vì thời điểm nhắc đã qua.", "\n⚠️ The reminder %s before will not be sent: its time has passed."}
	NoTitle    = Text{"Thiếu tên hoạt động sau thời gian.", "The activity's title is missing after WHEN."}
	BadField   = Text{"Không hiểu phần “%s”. Các phần hợp lệ: nd N, đv Đơn vị, phụ trách @tên, chỉ tiêu …, tính tổng/mới nhất, mã A7, nhắc 1d,1h, tên …, lúc ….", "Can't read “%s”. Valid parts: content N, unit …, person @name, targets …, tally sum/latest, code A7, lead 1d,1h, title …, when …."}
	BadArea    = Text{"Nội dung phải là số từ 1 đến %d.", "Content must be a number from 1 to %d."}
	BadCode    = Text{"Mã hoạt động “%s” không hợp lệ: dùng chữ cái rồi chữ số, ví dụ A7.", "Invalid activity code “%s”: a letter then digits, e.g. A7."}
	CodeTaken  = Text{"Mã %s đã có hoạt động khác. Chọn mã khác hoặc bỏ phần mã để bot tự đặt.", "Code %s is taken. Choose another, or leave it out to get one automatically."}
	BadLead    = Text{"Thời gian nhắc trước “%s” không hợp lệ: dùng dạng 1d,1h hoặc 30m.", "Invalid lead time “%s”: use forms like 1d,1h or 30m."}
	NoSuchAct  = Text{"Không có hoạt động mã %s. Xem danh sách: /kehoach", "There is no activity %s. See the list: /plan"}
	ActIsCxl   = Text{"Hoạt động %s đã bị hủy.", "Activity %s is cancelled."}
	WhenLine   = Text{"🗓 %s", "🗓 %s"}
	Recurring  = Text{"lặp lại %s, lần tới %s", "repeats %s, next %s"}
)

var (
	ContentShort = Text{"nội dung %d", "content area %d"}
	PersonShort  = Text{"phụ trách %s", "owner %s"}
	TargetsLine  = Text{"🎯 Chỉ tiêu: %s", "🎯 Targets: %s"}
	TallyLatest  = Text{" (tính theo báo cáo mới nhất)", " (as the latest report gives it)"}
)

var (
	WhenMalformed = Text{
		"Không hiểu thời gian “%s”. Viết như người ta vẫn nói, thứ tự nào cũng được, ví dụ: %s. Ngày không kèm giờ thì lấy giờ mặc định 08:00.",
		"Can't read the time “%s”. Write it as you would say it, in any order, e.g. %s. A day without a time takes the default 08:00.",
	}
	WhenWord = Text{
		"Không hiểu “%s” trong thời gian “%s”. Viết như người ta vẫn nói, ví dụ: %s.",
		"Can't read “%s” in the time “%s”. Write it as you would say it, e.g. %s.",
	}
	WhenConflict = Text{
		"Thời gian “%s” có hai phần không khớp nhau (“%s”). Chỉ ghi một ngày và một giờ, ví dụ: %s.",
		"The time “%s” has two parts that disagree (“%s”). Give one day and one time, e.g. %s.",
	}
	WhenPast = Text{
		"Thời điểm “%s” đã qua (ngày không ghi năm mà mới qua trong vòng 7 ngày được coi là gõ nhầm). Hãy chọn một thời điểm trong tương lai, hoặc ghi rõ năm, ví dụ 20/11/2027 08:00.",
		"“%s” is in the past (a day without a year that went by in the last 7 days is taken as a slip). Choose a future time, or give the year, e.g. 20/11/2027 08:00.",
	}
	WhenImpossible = Text{"Ngày “%s” không có trong lịch. Kiểm tra lại ngày và tháng (ngày trước, tháng sau).", "“%s” is not a calendar date. Check the day and month (day first)."}
	WhenBadCron    = Text{"Lịch lặp “%s” không hợp lệ. Viết lịch lặp bằng lời, ví dụ hằng tuần thứ hai 7h30, hằng ngày 7h, hằng tháng ngày 1 8h.", "Invalid schedule “%s”. Write a repeating time in words, e.g. hằng tuần thứ hai 7h30 (Mondays 07:30), hằng ngày 7h, hằng tháng ngày 1 8h."}
	WhenDefault    = Text{" (giờ mặc định %s — gõ kèm giờ để đổi, ví dụ mai 14h)", " (the default time %s — add a time to change it, e.g. mai 14h)"}
	ActPast        = Text{"\nℹ️ Hoạt động này đã diễn ra (%s): được ghi vào kế hoạch để báo cáo, không gửi lời nhắc.", "\nℹ️ This activity is in the past (%s): it is recorded for reporting, and no reminders are sent."}
	WhenTooFar     = Text{"Thời điểm “%s” quá xa (hơn 5 năm). Kiểm tra lại năm.", "“%s” is more than 5 years away. Check the year."}
)
