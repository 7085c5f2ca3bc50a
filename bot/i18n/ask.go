package i18n

var (
	AskEmpty = Text{
		"Hãy gõ câu hỏi sau lệnh, ví dụ: /hoi dân vận khéo là gì",
		"Type your question after the command, e.g. /ask what is Dân vận khéo",
	}
	NotFound = Text{
		"Chưa tìm thấy thông tin phù hợp trong chương trình phối hợp. Bot chỉ trả lời về nội dung chương trình; xem tổng quan bằng /chuongtrinh.",
		"Nothing in the coordination programme matches that. The bot only answers about the programme; see /program for an overview.",
	}
	Maybe   = Text{"Các mục gần nhất:", "Closest items:"}
	Source  = Text{"Nguồn: %s", "Source: %s"}
	SeeAlso = Text{"Xem thêm", "See also"}
	Gone    = Text{"Mục này không còn trong chương trình.", "That item is no longer in the programme."}
)
