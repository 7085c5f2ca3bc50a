package i18n

var (
	PeriodUsage = Text{
		"Không hiểu “%s”. Cách dùng: [từ dd/mm/yyyy] [đến dd/mm/yyyy], hoặc quý 4, quý 3/2026, Q3, 6 tháng đầu năm, 6 tháng cuối năm, năm 2026, tháng 11, tháng 11/2026; ví dụ /soket từ 01/10/2026 đến 31/12/2026 (mặc định: quý này; không kèm năm là năm nay).",
		"Can't read “%s”. Usage: [from dd/mm/yyyy] [to dd/mm/yyyy], or Q4, Q3/2026, quarter 3, first half, second half, year 2026, month 11, month 11/2026; e.g. /summary from 01/10/2026 to 31/12/2026 (default: this quarter; no year is this year).",
	}
	ExportUsage = Text{
		"Không hiểu “%s”. Cách dùng: /xuat [từ dd/mm/yyyy] [đến dd/mm/yyyy] [nd N] [đv MÃ_ĐƠN_VỊ], kỳ cũng có thể là quý 4, quý 3/2026, 6 tháng đầu năm, năm 2026, tháng 11; ví dụ /xuat từ 01/10/2026 nd 2.",
		"Can't read “%s”. Usage: /export [from dd/mm/yyyy] [to dd/mm/yyyy] [content N] [unit CODE], the period may also be Q4, Q3/2026, first half, year 2026, month 11; e.g. /export from 01/10/2026 content 2.",
	}
	FutureStart   = Text{"Kỳ bắt đầu ngày %s, sau hôm nay (%s): chưa có gì để tổng hợp. Chọn một kỳ đã bắt đầu.", "The period starts on %s, after today (%s): there is nothing to report yet. Choose a period that has begun."}
	BadDate       = Text{"Ngày “%s” không hợp lệ: dùng dạng dd/mm/yyyy, ví dụ 01/10/2026.", "Invalid date “%s”: use dd/mm/yyyy, e.g. 01/10/2026."}
	BadPeriodWord = Text{"“%s” không phải một kỳ hợp lệ: quý từ 1 đến 4, tháng từ 1 đến 12, năm viết đủ 4 chữ số (ví dụ quý 3/2026, tháng 11/2026).", "“%s” is not a valid period: a quarter is 1 to 4, a month 1 to 12, a year has 4 digits (e.g. Q3/2026, month 11/2026)."}
	PeriodReverse = Text{"Ngày bắt đầu %s sau ngày kết thúc %s.", "The start %s is after the end %s."}
)
