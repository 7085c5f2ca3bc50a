package bot

import (
	"context"
	"time"

	"github.com/coordbot/coordbot/bot/export"
)

var (
	msgExportEmpty    = msg{"Chưa có báo cáo nào: tệp xuất lúc %s chỉ có dòng tiêu đề.", "There are no reports yet: the files exported %s hold only the header row."}
	msgExportCaption  = msg{"Báo cáo tiến độ: %d báo cáo, xuất lúc %s", "Progress reports: %d, exported %s"}
	msgExportPeriod   = msg{"; kỳ %s – %s", "; period %s – %s"}
	msgExportNone     = msg{"; %d hoạt động chưa có báo cáo trong kỳ", "; activities with no report in the period: %d"}
	msgExportTitle    = msg{"Báo cáo tiến độ — %s", "Progress reports — %s"}
	msgExportAll      = msg{"Toàn chương trình, đến ngày %s", "The whole programme, up to %s"}
	msgExportFromTo   = msg{"Từ ngày %s đến ngày %s", "From %s to %s"}
	msgExportNoneEver = msg{"; %d hoạt động chưa có báo cáo nào", "; activities with no report yet: %d"}
)

// export sends the reports as CSV (UTF-8 with BOM, for Excel) and as XLSX: every report, or
// with a period, content area or unit, the reports matching them and a line for each matching
// activity with none.
func (b *Bot) export(ctx context.Context, req *Request) error {
	f, err := b.parsePeriod(req.Args, true)
	if err != nil {
		return err
	}
	filtered := f.Given || f.Area != 0 || f.Unit != ""
	var start, end time.Time
	if f.Given {
		start, end = f.bounds()
	}
	as, err := b.assessPeriod(ctx, start, end, defaultStaleDays)
	if err != nil {
		return err
	}
	rows := b.detailRows(req.Lang, as, f, filtered)
	entries, err := b.cfg.Store.History(ctx, "")
	if err != nil {
		return err
	}
	var journal []export.JournalRow
	names := journalNames(entries)
	for _, e := range entries {
		if start.IsZero() || !e.At.Before(start) && e.At.Before(end) {
			journal = append(journal, b.journalRow(req.Lang, e, names))
		}
	}
	periodText := tr(req.Lang, msgExportAll, b.fmtDate(b.cfg.Now()))
	if f.Given {
		periodText = tr(req.Lang, msgExportFromTo, b.fmtDate(f.From), b.fmtDate(f.To))
	}
	xlsx, err := export.XLSXTitled(rows, b.cfg.Loc, req.Lang, tr(req.Lang, msgExportTitle, b.cfg.Programme.Title.In(req.Lang)), periodText, journal...)
	if err != nil {
		return err
	}
	// Named as the sơ kết is: the days in dd-mm-yyyy, "den" between them.
	name := "bao-cao-den-" + dayStart(b.cfg.Now(), b.cfg.Loc).Format("02-01-2006")
	if f.Given {
		name = "bao-cao-" + f.From.Format("02-01-2006") + "-den-" + f.To.Format("02-01-2006")
	}
	reports := 0
	for _, r := range rows {
		if !r.NoReport {
			reports++
		}
	}
	caption := tr(req.Lang, msgExportCaption, reports, b.fmtTime(b.cfg.Now()))
	if f.Given {
		caption += tr(req.Lang, msgExportPeriod, b.fmtDate(f.From), b.fmtDate(f.To))
	}
	switch {
	case reports < len(rows) && f.Given:
		caption += tr(req.Lang, msgExportNone, len(rows)-reports)
	case reports < len(rows):
		caption += tr(req.Lang, msgExportNoneEver, len(rows)-reports)
	}
	if len(rows) == 0 {
		// Still send the files: the columns show a coordinator what an export will hold.
		caption = tr(req.Lang, msgExportEmpty, b.fmtTime(b.cfg.Now()))
	}
	if _, err := b.send(ctx, Reply{ChatID: req.ChatID, Text: caption,
		Document: &Upload{Name: name + ".csv", Data: export.CSV(rows, b.cfg.Loc, req.Lang)}}); err != nil {
		return err
	}
	_, err = b.send(ctx, Reply{ChatID: req.ChatID, Text: caption,
		Document: &Upload{Name: name + ".xlsx", Data: xlsx}})
	return err
}
