package i18n

var (
	AmbNumber = Text{
		"Số “%s” chưa rõ: là %s hay %s? Hãy ghi %s (nghìn) hoặc %s (số thập phân).",
		"The number “%s” is unclear: %s or %s? Write %s (thousands) or %s (a decimal).",
	}
	AmbAsk = Text{
		"❓ Số “%s” trong báo cáo %s là bao nhiêu? Chọn một trong hai, báo cáo được lưu sau khi bạn chọn.",
		"❓ What is “%s” in the report on %s? Choose one; the report is stored once you do.",
	}
	AmbDone   = Text{"Câu hỏi này đã được trả lời hoặc đã hết hiệu lực.", "This question was already answered or has expired."}
	AmbChoose = Text{"Bot đang chờ bạn chọn số “%s” bằng một trong hai nút ở trên (hoặc gửi lại cả báo cáo).", "The bot is waiting for you to choose what “%s” is with one of the two buttons above (or send the whole report again)."}
)
