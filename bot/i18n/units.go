package i18n

var (
	NoSuchUnit = Text{"Không có đơn vị “%s”. Các đơn vị (mã): %s.", "There is no unit “%s”. The units (codes): %s."}
	ManyUnits  = Text{"Có nhiều đơn vị khớp với “%s”: %s. Ghi mã hoặc tên đầy đủ của đơn vị.", "More than one unit matches “%s”: %s. Give the unit's code or full name."}
	NoUnits    = Text{"Chương trình chưa khai báo đơn vị nào (mục units trong tệp chương trình).", "The programme lists no units (units in the programme file)."}
	BadPerson  = Text{"Người phụ trách “%s” không hợp lệ: ghi @tên_người_dùng hoặc mã số mà lệnh /maso hiển thị, ví dụ | phụ trách @lan hoặc | phụ trách 123456789.", "Invalid owner person “%s”: write @username or the id /id shows, e.g. | person @lan or | person 123456789."}
	BadTargets = Text{
		"Không đọc được chỉ tiêu “%s”: ghi số rồi đơn vị tính, cách nhau bằng dấu phẩy, ví dụ | chỉ tiêu 20 buổi, 500 lượt người.",
		"Can't read the targets “%s”: a number then its unit, separated by commas, e.g. | targets 20 sessions, 500 people.",
	}
	BadTally = Text{"Cách tính “%s” không hợp lệ: | tính tổng (cộng các báo cáo) hoặc | tính mới nhất (lấy số của báo cáo gần nhất).", "Invalid tally “%s”: | tally sum (add up the reports) or | tally latest (the latest report's figure)."}
	BadQty   = Text{
		"Không đọc được khối lượng “%s”: ghi sau dấu | số rồi đơn vị tính, cách nhau bằng dấu phẩy, ví dụ /baocao A7 60%% | 12 buổi, 320 lượt người.",
		"Can't read the quantities “%s”: after | write a number then its unit, separated by commas, e.g. /report A7 60%% | 12 sessions, 320 people.",
	}
	NoQty = Text{
		"Sau dấu | cần ghi khối lượng: số rồi đơn vị tính, ví dụ /baocao A7 60%% | 12 buổi, 320 lượt người. Không có khối lượng thì bỏ dấu |.",
		"After | give the quantities: a number then its unit, e.g. /report A7 60%% | 12 sessions, 320 people. Without quantities, leave out the |.",
	}
	QtyNotTarget = Text{"Hoạt động %s có chỉ tiêu tính bằng: %s; “%s” không thuộc chỉ tiêu nào. Kiểm tra lại đơn vị tính.", "Activity %s has targets in: %s; “%s” is not one of them. Check the unit."}
)
