package i18n

var (
	HelpHead = Text{
		"<b>Các lệnh của bot</b>",
		"<b>Bot commands</b>",
	}
	HelpTail = Text{
		"Trong tin nhắn riêng, có thể gõ câu hỏi trực tiếp, có dấu hoặc không dấu, ví dụ: <i>dan van kheo la gi</i>. 🔑 = dành cho cán bộ điều phối.",
		"In a private chat you can simply type a question, e.g. <i>what is Dân vận khéo</i>. 🔑 = coordinators only.",
	}
	ViewerOnly = Text{
		"Lệnh này chỉ dành cho cán bộ điều phối và lãnh đạo theo dõi chương trình.",
		"This command is for the programme's coordinators and the leaders who follow it only.",
	}
	UnknownCommand = Text{
		"Không có lệnh /%s. Gõ /trogiup để xem danh sách lệnh.",
		"There is no /%s command. Type /help for the list.",
	}
	AdminOnly = Text{
		"Lệnh này chỉ dành cho cán bộ điều phối chương trình.",
		"This command is for the programme's coordinators only.",
	}
)
