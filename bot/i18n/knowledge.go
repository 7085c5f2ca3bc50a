package i18n

var (
	Start = Text{
		"Xin chào %s! Đây là bot hỗ trợ thực hiện <b>%s</b>.\n\nBot trả lời câu hỏi về chương trình, cho xem kế hoạch hoạt động, nhận báo cáo tiến độ, theo dõi chỉ tiêu theo đơn vị, nhắc việc trong các nhóm và lập sơ kết.\n\nBắt đầu với /chuongtrinh để xem tổng quan, hoặc gõ câu hỏi trực tiếp. Xem mọi lệnh: /trogiup. English: /ngonngu en",
		"Hello %s! This bot helps carry out the <b>%s</b>.\n\nIt answers questions about the programme, shows the plan of activities, takes progress reports, tracks targets by unit, sends reminders to groups and draws up interim reviews.\n\nStart with /program for an overview, or just type a question. All commands: /help. Tiếng Việt: /lang vi",
	}
	Parties   = Text{"Các bên phối hợp", "Parties"}
	Period    = Text{"Giai đoạn", "Period"}
	Signed    = Text{"Ký kết", "Signed"}
	Attendees = Text{"Tham dự lễ ký kết", "Present at the signing"}
	Contents  = Text{"Nội dung phối hợp (%d)", "Areas of content (%d)"}
	Movements = Text{"Phong trào thi đua", "Emulation movements"}
	MoreAbout = Text{"Xem chi tiết: /noidung N (N từ 1 đến %d).", "Details: /content N (N from 1 to %d)."}
	ContentN  = Text{"Nội dung %d/%d", "Content area %d of %d"}
	BadN      = Text{
		"Số nội dung không hợp lệ: %s. Chương trình có %d nội dung, hãy gõ /noidung N với N từ 1 đến %d, ví dụ /noidung 1.",
		"Invalid content number: %s. The programme has %d areas of content; type /content N with N from 1 to %d, e.g. /content 1.",
	}
	NoN = Text{
		"Hãy gõ số thứ tự nội dung, ví dụ /noidung 1 (từ 1 đến %d).",
		"Give the number of the content area, e.g. /content 1 (1 to %d).",
	}
	LangSet = Text{"Đã chuyển sang tiếng Việt.", "Replies will now be in English."}
	LangBad = Text{
		"Hãy chọn ngôn ngữ: /ngonngu vi (tiếng Việt) hoặc /ngonngu en (English).",
		"Choose a language: /lang vi (Vietnamese) or /lang en (English).",
	}
)
