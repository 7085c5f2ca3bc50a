package i18n

// TooFast answers an update that a chat sent while it already had too many waiting.
var TooFast = Text{
	"Bạn gửi nhanh quá, bot chưa kịp xử lý hết các tin nhắn trước. Những tin nhắn gửi thêm lúc này chưa được xử lý; vui lòng đợi một lát rồi gửi lại.",
	"You are sending faster than the bot can handle. The messages sent just now were not handled; please wait a moment and send them again.",
}
