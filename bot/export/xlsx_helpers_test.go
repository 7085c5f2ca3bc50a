package export

import "time"

// XLSX is XLSXTitled without a title or period, as the older tests look at the workbook.
func XLSX(rows []Row, loc *time.Location, lang string, journal ...JournalRow) ([]byte, error) {
	return XLSXTitled(rows, loc, lang, "", "", journal...)
}
