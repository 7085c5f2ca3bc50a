package i18n

var (
	SumHead    = Text{"📋 <b>Sơ kết %s – %s</b>", "📋 <b>Summary %s – %s</b>"}
	SumCounts  = Text{"Hoạt động: %d · %s%s", "Activities: %d · %s%s"}
	SumAverage = Text{"Tiến độ bình quân: <b>%d%%</b> · báo cáo trong kỳ: %d", "Average progress: <b>%d%%</b> · reports in the period: %d"}
	SumAreas   = Text{"<b>Theo nội dung</b>", "<b>By content area</b>"}
	SumUnits   = Text{"<b>Theo đơn vị</b>", "<b>By unit</b>"}
	SumTargets = Text{"<b>Chỉ tiêu</b>", "<b>Targets</b>"}
	SumRoll    = Text{"%d%% (%d hoạt động, xong %d)", "%d%% (activities: %d, done: %d)"}
	SumOverdue = Text{"<b>Quá hạn</b>: %s", "<b>Overdue</b>: %s"}
	SumStale   = Text{"<b>Chưa báo cáo trong %d ngày</b>: %s", "<b>No report in %d days</b>: %s"}
	SumFile    = Text{"Sơ kết %s – %s: bảng tổng hợp (có biểu đồ), chi tiết báo cáo và nhật ký thay đổi.", "Summary %s – %s: summary tables (with charts), report details and the change log."}
	NoReportIn = Text{"Chưa có báo cáo trong kỳ", "No report in the period"}
	StaleCnt   = Text{"Chưa báo cáo trong %d ngày", "No report in %d days"}
)
