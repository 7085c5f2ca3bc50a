// Package export turns progress reports into the files coordinators download
// with /export (/xuat): a CSV that Excel opens with Vietnamese intact, and an
// XLSX workbook; and a period's sơ kết (interim review) into a printable
// workbook with charts. It knows nothing about Redis or Telegram; callers hand
// it rows and figures already loaded from the store.
package export

import (
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot/i18n"
	"golang.org/x/text/unicode/norm"
)

// Row is one progress report, flattened for a spreadsheet.
type Row struct {
	Activity      string    // activity code, e.g. "A7"
	ActivityTitle string    // activity title
	Content       string    // content area title
	Reporter      string    // display name of the cadre who reported
	Unit          string    // the reporter's unit
	At            time.Time // when the report was made; the zero time leaves the cell empty
	Percent       int       // progress, 0–100
	Note          string    // free text typed by the reporter
	File          string    // optional attachment file name or Telegram file id
	// Quantities are the report's quantities as the reader writes them ("12 buổi; 320 lượt người").
	Quantities string
	// Occurrence is the day (dd/mm/yyyy) of a recurring activity's occurrence the report is for.
	Occurrence string
	// NoReport marks the line of an activity with no report (in a summary's period): its
	// reporter, time and percent cells stay empty.
	NoReport bool
}

// timeLayout is dd/mm/yyyy HH:MM, the date form Vietnamese readers expect.
const timeLayout = "02/01/2006 15:04"

// Column order, shared by both formats so a CSV and an XLSX of the same rows
// line up column for column.
const (
	colActivity = iota
	colTitle
	colContent
	colReporter
	colUnit
	colAt
	colPercent
	colNote
	colFile
	// The two added after the first release go last, so a sheet or macro built on the
	// earlier columns still finds them where they were.
	colQuantities
	colOccurrence
	numCols
)

var headersVI = [numCols]string{
	"Mã hoạt động", "Hoạt động", "Nội dung", "Người báo cáo", "Đơn vị",
	"Thời gian", "Tiến độ (%)", "Ghi chú", "Tệp đính kèm", "Khối lượng", "Ngày diễn ra",
}

var headersEN = [numCols]string{
	"Activity code", "Activity", "Content area", "Reporter", "Unit",
	"Time", "Progress (%)", "Note", "Attachment", "Quantities", "Occurrence date",
}

// headers picks the header row; anything but English gets Vietnamese, the
// project's first language.
func headers(lang string) [numCols]string {
	if i18n.English(lang) {
		return headersEN
	}
	return headersVI
}

// sheetName is the XLSX worksheet name for lang.
func sheetName(lang string) string {
	if i18n.English(lang) {
		return "Reports"
	}
	return "Báo cáo"
}

// isFormulaStart reports whether a spreadsheet would take s as the start of a
// formula (or of a DDE payload, for tab and CR): OWASP's CSV-injection list.
func isFormulaStart(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// text is what every text cell goes through in both formats: invalid UTF-8 replaced, NFC (so
// Excel's search and sort treat "ệ" typed on different keyboards as one letter), line breaks
// unified to "\n" (Excel shows CRLF inside a cell as a stray character, and encoding/csv folds
// CRLF to LF on reading anyway). An XLSX cell holds it as it is: it is typed as text, so
// "=1+1" there is text that no spreadsheet runs.
func text(s string) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// clean is text for a CSV cell: a CSV has no types, so a leading ' is added when the
// spreadsheet that opens the file would otherwise run the text as a formula.
func clean(s string) string {
	// Judged before line breaks are unified, so a leading CR still counts.
	formula := isFormulaStart(norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD")))
	s = text(s)
	if formula {
		s = "'" + s
	}
	return s
}

// formatAt renders t in loc as dd/mm/yyyy HH:MM; the zero time is empty
// rather than 01/01/0001.
func formatAt(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(location(loc)).Format(timeLayout)
}

// location defaults a nil loc to UTC rather than panicking deep inside time.
func location(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// record is r as the cells of one line, each text through cell (clean for a CSV, text for an
// XLSX). A no-report line has no reporter, time or
// percent: a 0 there would read as a report of no progress.
func record(r Row, loc *time.Location, cell func(string) string) []string {
	rec := make([]string, numCols)
	rec[colActivity] = cell(r.Activity)
	rec[colTitle] = cell(r.ActivityTitle)
	rec[colContent] = cell(r.Content)
	rec[colUnit] = cell(r.Unit)
	if !r.NoReport {
		rec[colReporter] = cell(r.Reporter)
		rec[colAt] = formatAt(r.At, loc)
		rec[colPercent] = strconv.Itoa(r.Percent)
	}
	rec[colNote] = cell(r.Note)
	rec[colFile] = cell(r.File)
	rec[colQuantities] = cell(r.Quantities)
	rec[colOccurrence] = cell(r.Occurrence)
	return rec
}
