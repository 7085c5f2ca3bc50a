package i18n

var (
	ExportEmpty    = Text{"Chưa có báo cáo nào: tệp xuất lúc %s chỉ có dòng tiêu đề.", "There are no reports yet: the files exported %s hold only the header row."}
	ExportCaption  = Text{"Báo cáo tiến độ: %d báo cáo, xuất lúc %s", "Progress reports: %d, exported %s"}
	ExportPeriod   = Text{"; kỳ %s – %s", "; period %s – %s"}
	ExportNone     = Text{"; %d hoạt động chưa có báo cáo trong kỳ", "; activities with no report in the period: %d"}
	ExportTitle    = Text{"Báo cáo tiến độ — %s", "Progress reports — %s"}
	ExportAll      = Text{"Toàn chương trình, đến ngày %s", "The whole programme, up to %s"}
	ExportFromTo   = Text{"Từ ngày %s đến ngày %s", "From %s to %s"}
	ExportPart     = Text{"\n📦 Tệp quá 50 MB nên được chia theo năm: phần %d/%d, năm %d", "\n📦 Over 50 MB, so split by year: part %d of %d, year %d"}
	ExportPartNone = Text{"\n📦 Tệp quá 50 MB nên được chia theo năm: phần %d/%d, các hoạt động chưa có báo cáo", "\n📦 Over 50 MB, so split by year: part %d of %d, activities with no report"}
	ExportNoCSV    = Text{"Không gửi được tệp CSV (có thể do quá lớn); tệp XLSX ở trên có đủ các báo cáo.", "The CSV could not be sent (it may be too large); the XLSX above holds every report."}
	ExportNoneEver = Text{"; %d hoạt động chưa có báo cáo nào", "; activities with no report yet: %d"}
)
