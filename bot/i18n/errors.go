package i18n

var (
	Sorry = Text{
		"Xin lỗi, bot gặp lỗi khi xử lý yêu cầu này; lỗi đã được ghi lại để kỹ thuật viên sửa. Nếu cần gấp, xin liên hệ cán bộ điều phối.",
		"Sorry, the bot hit an error handling this; it has been logged for the maintainers. If it is urgent, please contact a coordinator.",
	}
	StoreDown = Text{
		"Hệ thống lưu trữ đang tạm gián đoạn, vui lòng thử lại sau ít phút. Các câu hỏi về chương trình vẫn được trả lời bình thường.",
		"Storage is briefly unavailable; please try again shortly. Questions about the programme are still answered.",
	}
)
