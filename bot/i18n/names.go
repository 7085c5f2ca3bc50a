package i18n

var NoSuchName = Text{"Không có hoạt động nào mang mã hay tên “%s”. Xem mã các hoạt động: /kehoach.", "No activity has the code or name “%s”. See the codes: /plan."}

var ManyActs = Text{"Có nhiều hoạt động khớp với “%s”: %s. Ghi mã hoạt động.", "More than one activity matches “%s”: %s. Give the activity's code."}

var ManyAreas = Text{"Có nhiều nội dung khớp với “%s”: %s. Ghi số của nội dung.", "More than one content area matches “%s”: %s. Give the area's number."}
