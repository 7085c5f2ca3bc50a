package chat

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/export"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/view"
)

// export sends the reports as CSV (UTF-8 with BOM, for Excel) and as XLSX: every report, or
// with a period, content area or unit, the reports matching them and a line for each matching
// activity with none.
func (b *records) export(ctx context.Context, req *Request) error {
	f, err := b.parsePeriod(req.Args, true)
	if err != nil {
		return err
	}
	filtered := f.Given || f.Area != 0 || f.Unit != ""
	var start, end time.Time
	if f.Given {
		start, end = f.bounds()
	}
	as, err := b.prog.assessPeriod(ctx, start, end, bot.DefaultStaleDays)
	if err != nil {
		return err
	}
	rows := b.detailRows(req.Lang, as, f, filtered)
	entries, err := b.cfg.Store.History(ctx, "")
	if err != nil {
		return err
	}
	var journal []export.JournalRow
	names := view.JournalNames(entries)
	for _, e := range entries {
		if start.IsZero() || !e.At.Before(start) && e.At.Before(end) {
			journal = append(journal, b.journalRow(req.Lang, e, names))
		}
	}
	periodText := i18n.ExportAll.F(req.Lang, b.view.Date(b.cfg.Now()))
	if f.Given {
		periodText = i18n.ExportFromTo.F(req.Lang, b.view.Date(f.From), b.view.Date(f.To))
	}
	title := i18n.ExportTitle.F(req.Lang, b.cfg.Programme.Title.In(req.Lang))
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
	caption := i18n.ExportCaption.F(req.Lang, reports, b.view.Time(b.cfg.Now()))
	if f.Given {
		caption += i18n.ExportPeriod.F(req.Lang, b.view.Date(f.From), b.view.Date(f.To))
	}
	switch {
	case reports < len(rows) && f.Given:
		caption += i18n.ExportNone.F(req.Lang, len(rows)-reports)
	case reports < len(rows):
		caption += i18n.ExportNoneEver.F(req.Lang, len(rows)-reports)
	}
	if len(rows) == 0 {
		// Still send the files: the columns show a coordinator what an export will hold.
		caption = i18n.ExportEmpty.F(req.Lang, b.view.Time(b.cfg.Now()))
	}
	// Each file goes whole when it fits Telegram's limit, else in one part per year (the reply
	// says so); the XLSX goes out even when the CSV could not.
	csvParts := b.exportParts(rows, nil, func(rows []export.Row, _ []export.JournalRow) ([]byte, error) {
		return export.CSV(rows, b.cfg.Loc, req.Lang), nil
	})
	xlsxParts := b.exportParts(rows, journal, func(rows []export.Row, journal []export.JournalRow) ([]byte, error) {
		return export.XLSXTitled(rows, b.cfg.Loc, req.Lang, title, periodText, journal...)
	})
	csvErr := b.sendParts(ctx, req, caption, name, ".csv", csvParts)
	if err := b.sendParts(ctx, req, caption, name, ".xlsx", xlsxParts); err != nil {
		return errors.Join(err, csvErr)
	}
	if csvErr != nil {
		b.log.Warn("export: the CSV was not sent", "err", csvErr)
		return b.reply(ctx, req, i18n.ExportNoCSV.F(req.Lang))
	}
	return nil
}

// maxUpload is the largest file the bot sends: Telegram's 50 MB for bots.
var maxUpload = 50 << 20

// exportPart is one file of an export: the whole, or one year of it.
type exportPart struct {
	Year int // 0 for the whole export; -1 for the activities with no report
	Data []byte
	Err  error
}

// exportParts renders rows (and journal) with render: in one file when it fits maxUpload, else
// in one file per year of the reports (and the journal), then one of the activities with no
// report.
func (b *records) exportParts(rows []export.Row, journal []export.JournalRow, render func([]export.Row, []export.JournalRow) ([]byte, error)) []exportPart {
	data, err := render(rows, journal)
	if err != nil || len(data) <= maxUpload {
		return []exportPart{{Data: data, Err: err}}
	}
	byYear := map[int][]export.Row{}
	jByYear := map[int][]export.JournalRow{}
	var years []int
	seen := map[int]bool{}
	note := func(y int) {
		if !seen[y] {
			seen[y] = true
			years = append(years, y)
		}
	}
	for _, r := range rows {
		y := -1
		if !r.NoReport && !r.At.IsZero() {
			y = r.At.In(b.cfg.Loc).Year()
		}
		note(y)
		byYear[y] = append(byYear[y], r)
	}
	var undated []export.JournalRow
	for _, j := range journal {
		if j.At.IsZero() {
			undated = append(undated, j)
			continue
		}
		y := j.At.In(b.cfg.Loc).Year()
		note(y)
		jByYear[y] = append(jByYear[y], j)
	}
	slices.SortFunc(years, func(x, y int) int {
		switch {
		case x == y:
			return 0
		case x == -1:
			return 1
		case y == -1:
			return -1
		}
		return x - y
	})
	if len(undated) > 0 {
		// An entry of no time (none is written so) goes with the first part.
		if len(years) == 0 {
			years = append(years, -1)
		}
		jByYear[years[0]] = append(undated, jByYear[years[0]]...)
	}
	parts := make([]exportPart, 0, len(years))
	for _, y := range years {
		data, err := render(byYear[y], jByYear[y])
		parts = append(parts, exportPart{Year: y, Data: data, Err: err})
	}
	return parts
}

// sendParts sends an export's parts as name[-nam-YYYY]ext, each with caption and, when split,
// which part it is.
func (b *records) sendParts(ctx context.Context, req *Request, caption, name, ext string, parts []exportPart) error {
	var errs []error
	for i, p := range parts {
		if p.Err != nil {
			errs = append(errs, p.Err)
			continue
		}
		text, file := caption, name
		switch {
		case len(parts) == 1:
		case p.Year < 0:
			text += i18n.ExportPartNone.F(req.Lang, i+1, len(parts))
			file += "-chua-bao-cao"
		default:
			text += i18n.ExportPart.F(req.Lang, i+1, len(parts), p.Year)
			file += "-nam-" + strconv.Itoa(p.Year)
		}
		if _, err := b.send(ctx, Reply{ChatID: req.ChatID, Text: text, Document: &Upload{Name: file + ext, Data: p.Data}}); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
