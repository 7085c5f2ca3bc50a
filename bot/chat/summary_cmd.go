package chat

import (
	"context"
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/export"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/view"
)

// /summary (/soket): the sơ kết of a period — a short text in chat and a workbook to forward.

// summary handles /summary [from dd/mm/yyyy] [to dd/mm/yyyy] (coordinators).
func (b *records) summary(ctx context.Context, req *Request) error {
	p, err := b.parsePeriod(req.Args, false)
	if err != nil {
		return err
	}
	start, end := p.bounds()
	as, err := b.prog.assessPeriod(ctx, start, end, bot.DefaultStaleDays)
	if err != nil {
		return err
	}
	entries, err := b.cfg.Store.History(ctx, "")
	if err != nil {
		return err
	}
	if err := b.reply(ctx, req, b.summaryText(req.Lang, p, as)); err != nil {
		return err
	}
	s := b.summaryData(req.Lang, p, as, entries)
	s.By = req.From.Name()
	data, err := export.SummaryXLSX(s, b.cfg.Loc, req.Lang)
	if err != nil {
		return err
	}
	_, err = b.send(ctx, Reply{ChatID: req.ChatID, Text: i18n.SumFile.F(req.Lang, b.view.Date(p.From), b.view.Date(p.To)),
		Document: &Upload{Name: export.SummaryFileName(p.From, p.To, req.Lang), Data: data}})
	return err
}

// statusCounts counts an assessment's activities by status.
type statusCounts struct{ done, underway, planned, overdue, stale int }

func countStatus(as bot.Assessment) statusCounts {
	var c statusCounts
	for _, it := range as.Items {
		switch it.State.Status {
		case bot.Done:
			c.done++
		case bot.UnderWay:
			c.underway++
		case bot.Overdue:
			c.overdue++
		default:
			c.planned++
		}
		if it.Stale {
			c.stale++
		}
	}
	return c
}

// summaryText is the sơ kết in a few lines: counts, average, by area, by unit, targets, what is
// overdue and not reported.
func (b *records) summaryText(lang string, p period, as bot.Assessment) string {
	var sb strings.Builder
	c := countStatus(as)
	sb.WriteString(i18n.SumHead.F(lang, b.view.Date(p.From), b.view.Date(p.To)))
	cxl := ""
	if as.Cancelled > 0 {
		cxl = fmt.Sprintf(" · %s %d", i18n.StatusName(lang, bot.Cancelled), as.Cancelled)
	}
	counts := make([]string, 0, 4)
	for _, sc := range []struct {
		s bot.Status
		n int
	}{{bot.Done, c.done}, {bot.UnderWay, c.underway}, {bot.Planned, c.planned}, {bot.Overdue, c.overdue}} {
		counts = append(counts, fmt.Sprintf("%s %d", i18n.StatusName(lang, sc.s), sc.n))
	}
	sb.WriteString("\n" + i18n.SumCounts.F(lang, len(as.Items), strings.Join(counts, " · "), cxl))
	sb.WriteString("\n" + i18n.SumAverage.F(lang, as.Average(), len(as.Reports)))
	writeRolls := func(head msg, rolls []rollup) {
		var lines []string
		for _, r := range rolls {
			if r.Acts == 0 {
				continue
			}
			lines = append(lines, fmt.Sprintf("\n%s• %s: %s", strings.Repeat("  ", r.Depth), view.Esc(r.Name), i18n.SumRoll.F(lang, r.Percent(), r.Acts, r.Done)))
		}
		if len(lines) > 0 {
			sb.WriteString("\n\n" + head.F(lang) + strings.Join(lines, ""))
		}
	}
	writeRolls(i18n.SumAreas, b.prog.byArea(lang, as))
	if len(b.cfg.Programme.Units) > 0 {
		writeRolls(i18n.SumUnits, b.prog.byUnit(lang, as))
	}
	var targets, overdue, stale []string
	for _, it := range as.Items {
		a := it.Activity
		if t := view.TargetsText(lang, it.Achieved); t != "" {
			targets = append(targets, fmt.Sprintf("\n• <b>%s</b> %s: %s", view.Esc(a.Code), view.Esc(view.Truncate(view.Title(lang, a), 60)), t))
		}
		if it.State.Status == bot.Overdue {
			overdue = append(overdue, view.Esc(a.Code))
		}
		if it.Stale {
			who := b.view.OwnerUnit(lang, a)
			if a.Person != "" {
				who = strings.TrimPrefix(who+", "+view.PersonText(a.Person), ", ")
			}
			if who != "" {
				who = " (" + view.Esc(who) + ")"
			}
			stale = append(stale, view.Esc(a.Code)+who)
		}
	}
	if len(targets) > 0 {
		sb.WriteString("\n\n" + i18n.SumTargets.F(lang) + strings.Join(targets, ""))
	}
	if len(overdue) > 0 || len(stale) > 0 {
		sb.WriteString("\n")
	}
	if len(overdue) > 0 {
		sb.WriteString("\n" + i18n.SumOverdue.F(lang, strings.Join(overdue, ", ")))
	}
	if len(stale) > 0 {
		sb.WriteString("\n" + i18n.SumStale.F(lang, as.StaleDays, strings.Join(stale, "; ")))
	}
	return sb.String()
}

// summaryData is the workbook's content: the same assessment as the text, laid out as tables.
func (b *records) summaryData(lang string, p period, as bot.Assessment, entries []bot.Audit) export.Summary {
	c := countStatus(as)
	s := export.Summary{Title: b.cfg.Programme.Title.In(lang), From: p.From, To: p.To, Generated: as.Now, StaleDays: as.StaleDays}
	s.Status = []export.Count{
		{Label: i18n.StatusLabel(lang, bot.Done), N: c.done},
		{Label: i18n.StatusLabel(lang, bot.UnderWay), N: c.underway},
		{Label: i18n.StatusLabel(lang, bot.Planned), N: c.planned},
		{Label: i18n.StatusLabel(lang, bot.Overdue), N: c.overdue},
		{Label: i18n.StatusLabel(lang, bot.Cancelled), N: as.Cancelled},
		{Label: i18n.StaleCnt.F(lang, as.StaleDays), N: c.stale},
	}
	toRow := func(r rollup, unit bool) export.GroupRow {
		g := export.GroupRow{Name: r.Name, Depth: r.Depth, Activities: r.Acts, Done: r.Done, Overdue: r.Overdue,
			NotReported: r.Stale, Reports: r.Reports, Percent: float64(r.Percent())}
		if unit {
			g.Code = r.Code
		}
		return g
	}
	for _, r := range b.prog.byArea(lang, as) {
		s.Areas = append(s.Areas, toRow(r, false))
	}
	for _, r := range b.prog.byUnit(lang, as) {
		s.Units = append(s.Units, toRow(r, true))
	}
	for _, it := range as.Items {
		a := it.Activity
		for _, g := range it.Achieved {
			s.Targets = append(s.Targets, export.TargetRow{Activity: a.Code, Title: view.Title(lang, a), Unit: b.view.OwnerUnit(lang, a),
				Measure: g.Target.Unit, Target: g.Target.Value, Achieved: g.Value})
		}
		row := export.ActivityRow{Activity: a.Code, Title: view.Title(lang, a), Unit: b.view.OwnerUnit(lang, a), Owner: view.PersonText(a.Person),
			Last: it.Last, Percent: it.Percent(), Status: i18n.StatusLabel(lang, it.State.Status)}
		if a.Every == "" {
			row.Due = a.At
		}
		if it.State.Status == bot.Overdue {
			s.Overdue = append(s.Overdue, row)
		}
		if it.Stale {
			s.NotReported = append(s.NotReported, row)
		}
	}
	s.Details = b.detailRows(lang, as, period{}, true)
	for i := range s.Details {
		if s.Details[i].NoReport {
			s.Details[i].Note = "" // the workbook writes "no report in the period" itself
		}
	}
	start, end := p.bounds()
	names := view.JournalNames(entries)
	for _, e := range entries {
		if !e.At.Before(start) && e.At.Before(end) {
			s.Journal = append(s.Journal, b.journalRow(lang, e, names))
		}
	}
	return s
}

// detailRows are the assessment's reports matching f's content area and unit (the activity's
// owner unit or the reporter's, or a unit under it), as spreadsheet rows; with none, also a line
// for each matching activity that has no report in the period.
func (b *records) detailRows(lang string, as bot.Assessment, f period, none bool) []export.Row {
	within := func(unit string) bool { return unit != "" && b.cfg.Programme.UnitWithin(unit, f.Unit) }
	match := func(a bot.Activity, reporterUnit string) bool {
		return (f.Area == 0 || a.Content == f.Area) && (f.Unit == "" || within(a.Unit) || within(reporterUnit))
	}
	var rows []export.Row
	for _, r := range as.Reports {
		a, ok := as.All[r.Code]
		if !ok {
			a = bot.Activity{Code: r.Code}
		}
		if !match(a, r.Unit) {
			continue
		}
		row := b.exportRow(lang, a)
		row.Reporter, row.Unit, row.At, row.Percent, row.Note, row.File = r.Name, b.view.UnitName(lang, r.Unit), r.At, r.Percent, r.Note, r.FileID
		row.Quantities = view.Amounts(lang, r.Qty)
		if r.Occ != "" {
			row.Occurrence = b.reps.occDate(r.Occ)
		}
		rows = append(rows, row)
	}
	if !none {
		return rows
	}
	for _, it := range as.Items {
		if it.Reports > 0 || !match(it.Activity, "") {
			continue
		}
		row := b.exportRow(lang, it.Activity)
		row.NoReport, row.Note, row.Unit = true, i18n.NoReportIn.F(lang), b.view.OwnerUnit(lang, it.Activity)
		rows = append(rows, row)
	}
	return rows
}

// exportRow is the activity's cells of a spreadsheet row.
func (b *records) exportRow(lang string, a bot.Activity) export.Row {
	row := export.Row{Activity: a.Code, ActivityTitle: view.Title(lang, a)}
	if c, ok := b.acts.area(a.Content); ok {
		row.Content = c.Title.In(lang)
	}
	return row
}

// journalRow is an audit entry as a row of the "Nhật ký" sheet, in words a reader can sign:
// names instead of ids, dates as dd/mm/yyyy, no emoji (see plainValue).
func (b *records) journalRow(lang string, e bot.Audit, names map[bot.ID]string) export.JournalRow {
	what := e.Action
	if m, ok := i18n.Actions[e.Action]; ok {
		what = m.F(lang)
	}
	who := e.ByName
	if who == "" {
		who = view.NameOr(lang, names, e.By, i18n.Someone)
	}
	target := e.Code
	if target == "" && !e.Chat.IsZero() {
		target = view.NameOr(lang, names, e.Chat, i18n.AGroup)
	}
	if target == "" && !e.User.IsZero() {
		target = view.NameOr(lang, names, e.User, i18n.Someone)
	}
	return export.JournalRow{At: e.At, Who: view.PlainValue(lang, who, names), Action: what, Activity: view.PlainValue(lang, target, names),
		Before: view.PlainValue(lang, view.AuditValue(lang, e.Before), names), After: view.PlainValue(lang, view.AuditValue(lang, e.After), names),
		Reason: view.PlainValue(lang, e.Reason, names)}
}
