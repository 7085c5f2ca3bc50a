package i18n

var (
	PlanHead  = Text{"🗓 <b>Kế hoạch hoạt động</b>", "🗓 <b>Plan of activities</b>"}
	PlanEmpty = Text{
		"Chưa có hoạt động nào trong kế hoạch. Cán bộ điều phối thêm hoạt động bằng /hoatdong.",
		"No activities are planned yet. Coordinators add them with /activity.",
	}
	PlanPast     = Text{"<i>Đã qua hoặc đã xong: %d hoạt động (xem /tiendo).</i>", "<i>Past or done: %d activities (see /progress).</i>"}
	PlanCxl      = Text{"<i>Đã hủy: %d hoạt động.</i>", "<i>Cancelled: %d activities.</i>"}
	PlanOverdue  = Text{"⚠️ quá hạn", "⚠️ overdue"}
	OccHead      = Text{"Buổi %s: %s", "Occurrence of %s: %s"}
	OccPast      = Text{"<i>Các buổi trước:</i>", "<i>Earlier occurrences:</i>"}
	ProgHead     = Text{"📊 <b>Tiến độ chương trình</b> — %s", "📊 <b>Programme progress</b> — %s"}
	ProgArea     = Text{"<b>Nội dung %d: %s</b> — trung bình %d%%", "<b>Content area %d: %s</b> — average %d%%"}
	ProgNoArea   = Text{"<b>Chưa gắn nội dung</b> — trung bình %d%%", "<b>No content area</b> — average %d%%"}
	NoReport     = Text{"chưa có báo cáo", "no report yet"}
	LastReport   = Text{"%s · %s", "%s · %s"}
	ProgEmpty    = Text{"Chưa có hoạt động nào để theo dõi tiến độ.", "There are no activities to track yet."}
	ChartTitle   = Text{"Tiến độ theo nội dung chương trình", "Progress by content area"}
	ChartCaption = Text{"Biểu đồ tiến độ theo nội dung, %s", "Progress by content area, %s"}
)

var ProgNoAreaShort = Text{"Chưa gắn nội dung", "No content area"}
