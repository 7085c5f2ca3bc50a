package bot

import (
	"context"

	"github.com/coordbot/coordbot/bot/export"
)

var (
	msgExportEmpty   = msg{"Chưa có báo cáo nào: tệp xuất lúc %s chỉ có dòng tiêu đề.", "There are no reports yet: the files exported %s hold only the header row."}
	msgExportCaption = msg{"Báo cáo tiến độ: %d dòng, xuất lúc %s", "Progress reports: %d rows, exported %s"}
)

// export sends every report as CSV (UTF-8 with BOM, for Excel) and as XLSX.
func (b *Bot) export(ctx context.Context, req *Request) error {
	reports, err := b.cfg.Store.Reports(ctx)
	if err != nil {
		return err
	}
	acts, err := b.cfg.Store.Activities(ctx)
	if err != nil {
		return err
	}
	byCode := make(map[string]Activity, len(acts))
	for _, a := range acts {
		byCode[a.Code] = a
	}
	rows := make([]export.Row, 0, len(reports))
	for _, r := range reports {
		a := byCode[r.Code]
		row := export.Row{Activity: r.Code, ActivityTitle: a.TitleIn(req.Lang), Reporter: r.Name, Unit: r.Unit,
			At: r.At, Percent: r.Percent, Note: r.Note, File: r.FileID}
		if c, ok := b.area(a.Content); ok {
			row.Content = c.Title.In(req.Lang)
		}
		rows = append(rows, row)
	}
	entries, err := b.cfg.Store.History(ctx, "")
	if err != nil {
		return err
	}
	journal := make([]export.JournalRow, len(entries))
	for i, e := range entries {
		what := e.Action
		if m, ok := msgActions[e.Action]; ok {
			what = tr(req.Lang, m)
		}
		who := e.ByName
		if who == "" {
			who = e.By.String()
		}
		target := e.Code
		if target == "" && !e.Chat.IsZero() {
			target = e.Chat.String()
		}
		if target == "" && !e.User.IsZero() {
			target = e.User.String()
		}
		journal[i] = export.JournalRow{At: e.At, Who: who, Action: what, Activity: target, Before: auditValue(req.Lang, e.Before), After: auditValue(req.Lang, e.After), Reason: e.Reason}
	}
	xlsx, err := export.XLSX(rows, b.cfg.Loc, req.Lang, journal...)
	if err != nil {
		return err
	}
	stamp := b.cfg.Now().In(b.cfg.Loc).Format("2006-01-02")
	caption := tr(req.Lang, msgExportCaption, len(rows), b.fmtTime(b.cfg.Now()))
	if len(rows) == 0 {
		// Still send the files: the columns show a coordinator what an export will hold.
		caption = tr(req.Lang, msgExportEmpty, b.fmtTime(b.cfg.Now()))
	}
	if _, err := b.send(ctx, Reply{ChatID: req.ChatID, Text: caption,
		Document: &Upload{Name: "bao-cao-" + stamp + ".csv", Data: export.CSV(rows, b.cfg.Loc, req.Lang)}}); err != nil {
		return err
	}
	_, err = b.send(ctx, Reply{ChatID: req.ChatID, Text: caption,
		Document: &Upload{Name: "bao-cao-" + stamp + ".xlsx", Data: xlsx}})
	return err
}
