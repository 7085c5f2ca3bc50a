package i18n

var (
	ProgWorst = Text{"<b>Cần chú ý nhất</b> (%d trong %d hoạt động)", "<b>Most in need of attention</b> (%d of %d activities)"}
	ProgMore  = Text{"<i>Xem thêm: /tiendo nd N (theo nội dung), /tiendo donvi MÃ (theo đơn vị), /tiendo MÃ_HOẠT_ĐỘNG.</i>", "<i>See more: /progress content N, /progress unit CODE, /progress ACTIVITY_CODE.</i>"}
	MoreArea  = Text{"📚 Xem thêm ND %d", "📚 More: area %d"}
	MoreStale = Text{"⏰ Quá hạn, chưa báo cáo", "⏰ Overdue, not reported"}
	PickPage  = Text{"Chọn hoạt động cần báo cáo (trang %d/%d, %d hoạt động đang mở):", "Pick the activity to report on (page %d of %d, %d open activities):"}
	PagePrev  = Text{"◀ Trang trước", "◀ Previous"}
	PageNext  = Text{"Trang sau ▶", "Next ▶"}
)
