package zalo

import "github.com/coordbot/coordbot/bot/i18n"

// The replies the transport gives itself, Vietnamese first, to what the bot cannot read.
var (
	// A protected user's message (message.unsupported.received: Zalo withholds the content of
	// children and others it shields).
	msgUnsupported = i18n.Text{
		VI: "Bot chưa đọc được tin nhắn này: Zalo không chuyển nội dung của một số tài khoản cho bot. Bot chỉ đọc được tin nhắn chữ và ảnh có chú thích; nếu cần, nhờ cán bộ điều phối báo cáo giúp.",
		EN: "The bot cannot read this message: Zalo does not pass some accounts' messages to bots. The bot reads text messages and photos with a caption; if need be, ask a coordinator to report for you.",
	}
	msgSticker = i18n.Text{
		VI: "Bot chưa đọc được nhãn dán. Bot đọc được tin nhắn chữ (ví dụ /baocao, /tiendo, hoặc một câu hỏi) và ảnh có chú thích.",
		EN: "The bot cannot read stickers. It reads text messages (e.g. /baocao, /tiendo, or a question) and photos with a caption.",
	}
	msgPhotoNoCaption = i18n.Text{
		VI: "Bot đã nhận ảnh nhưng ảnh không có chú thích nên bot không biết dùng vào đâu. Để gửi ảnh làm minh chứng, gửi lại ảnh kèm chú thích là lệnh báo cáo, ví dụ: /baocao A1 100% đã xong.",
		EN: "The bot got a photo without a caption, so it cannot tell what it is for. To send it as evidence, send it again with a report as its caption, e.g. /baocao A1 100% done.",
	}
	msgOther = i18n.Text{
		VI: "Bot chưa đọc được loại tin nhắn này. Bot đọc được tin nhắn chữ (ví dụ /baocao, /tiendo, hoặc một câu hỏi) và ảnh có chú thích.",
		EN: "The bot cannot read this kind of message. It reads text messages (e.g. /baocao, /tiendo, or a question) and photos with a caption.",
	}
)
