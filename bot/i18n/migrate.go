package i18n

var Migrated = Text{"Nhóm đã được nâng cấp thành siêu nhóm; đăng ký và lời nhắc của nhóm được giữ nguyên.", "The group became a supergroup; its subscription and reminders carry over."}
