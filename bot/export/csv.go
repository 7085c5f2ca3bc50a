package export

import (
	"bytes"
	"encoding/csv"
	"time"
)

// bom is the UTF-8 byte order mark. Excel reads a CSV without it in the
// machine's ANSI code page, which turns "Tiến độ" into mojibake.
const bom = "\xEF\xBB\xBF"

// CSV renders rows as comma-separated values: UTF-8 with a BOM, CRLF line
// ends (RFC 4180), a header row in lang ("vi" unless it starts with "en"),
// times as dd/mm/yyyy HH:MM in loc (UTC if nil). Text goes through clean.
func CSV(rows []Row, loc *time.Location, lang string) []byte {
	h := headers(lang)
	records := make([][]string, 0, len(rows)+1)
	records = append(records, h[:])
	for _, r := range rows {
		records = append(records, record(r, loc, clean))
	}
	var buf bytes.Buffer
	buf.WriteString(bom)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	// csv.Writer fails only when its io.Writer does or Comma is invalid;
	// neither can happen with a bytes.Buffer and the default comma.
	if err := w.WriteAll(records); err != nil {
		panic("export: unreachable CSV error: " + err.Error())
	}
	return buf.Bytes()
}
