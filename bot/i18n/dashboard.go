package i18n

var WholeProgramme = Text{"toàn chương trình", "the whole programme"}

var DashboardButton = Text{"📊 Bảng điều khiển", "📊 Dashboard"}
