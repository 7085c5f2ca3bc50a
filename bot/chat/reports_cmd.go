package chat

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/view"
)

// report handles /report in its one-line forms, or starts the guided flow.
func (b *reports) report(ctx context.Context, req *Request) error {
	args := strings.TrimSpace(req.Args)
	if args == "" {
		return b.startReportFlow(ctx, req, "")
	}
	verb, rest, _ := strings.Cut(args, " ")
	switch programme.Fold(verb) {
	case "rut", "undo", "withdraw":
		return b.withdrawReport(ctx, req, strings.TrimSpace(rest))
	case "sua", "fix", "correct":
		return b.submitReport(ctx, req, strings.TrimSpace(rest), true)
	}
	return b.submitReport(ctx, req, args, false)
}

// submitReport parses "CODE [dd/mm] PERCENT [note]" and stores the report; with correct, it
// replaces the report being corrected in the same step.
func (b *reports) submitReport(ctx context.Context, req *Request, args string, correct bool) error {
	if correct {
		return b.correctReport(ctx, req, args)
	}
	p := parseReportArgs(args)
	switch {
	case p.code == "" && p.hasPct:
		return userErr(i18n.ReportUsage)
	case p.code == "":
		return userErr(i18n.ReportUsage)
	case strings.HasPrefix(p.bad, "|"):
		return userErr(i18n.ReportUsage)
	case p.bad != "":
		return userErr(i18n.BadPercent, view.Truncate(p.bad, 20))
	case !p.hasPct:
		// Only a code: go on with the buttons for the percent.
		return b.startReportFlow(ctx, req, p.code)
	}
	a, err := b.reportActivity(ctx, req, p.code)
	if err != nil {
		return err
	}
	occ, err := b.reportOcc(req, a, p.day)
	if err != nil {
		return err
	}
	return b.saveReport(ctx, req, a, occ, p.pct, p.note)
}

// reportActivity is the activity a report names, as the permission check read it.
func (b *reports) reportActivity(ctx context.Context, req *Request, code string) (bot.Activity, error) {
	if acc := req.access; acc != nil && strings.EqualFold(acc.act.Code, code) && acc.found {
		if acc.act.IsCancelled() {
			return acc.act, userErr(i18n.ActIsCxl, acc.act.Code)
		}
		return acc.act, nil
	}
	return b.openActivity(ctx, code)
}

// reportOcc is the occurrence a report goes to: the one named by day, or the current one.
func (b *reports) reportOcc(req *Request, a bot.Activity, day string) (string, error) {
	if a.Every == "" {
		return "", nil
	}
	if day == "" {
		occ := b.cal.CurrentOcc(a, b.cfg.Now())
		if occ.After(b.cfg.Now()) {
			// Nothing has taken place yet: a report now would count for an occurrence to come.
			return "", userErr(i18n.BeforeFirst, view.Esc(a.Code), b.view.Time(occ))
		}
		return b.cal.OccKey(a, occ), nil
	}
	t, ok := b.parseDay(day)
	if !ok {
		return "", userErr(i18n.BadDay, view.Truncate(day, 12))
	}
	occ, ok := b.cal.OccurrenceOn(a, t)
	if !ok || occ.After(b.cfg.Now().Add(7*24*time.Hour)) {
		return "", userErr(i18n.NoOccurrence, view.Esc(a.Code), b.view.Date(t))
	}
	return b.cal.OccKey(a, occ), nil
}

// openActivity loads an activity that may be reported on.
func (b *reports) openActivity(ctx context.Context, code string) (bot.Activity, error) {
	a, err := b.acts.mustActivity(ctx, code)
	if err != nil {
		return a, err
	}
	if a.IsCancelled() {
		return a, userErr(i18n.ActIsCxl, a.Code)
	}
	return a, nil
}

// newReport is a report by the request's user on occurrence occ of a.
func (b *reports) newReport(req *Request, a bot.Activity, occ string, pct int, note string) (bot.Report, error) {
	note, qty, err := splitQuantities(a, note)
	if err != nil {
		return bot.Report{}, err
	}
	if n := len([]rune(note)); n > maxNote {
		return bot.Report{}, userErr(i18n.NoteLong, n, maxNote)
	}
	r := bot.Report{Code: a.Code, UserID: req.From.ID, Name: req.From.Name(), Username: req.From.Username,
		At: b.cfg.Now(), Percent: pct, Note: note, Qty: qty, Occ: occ, UpdateID: req.ID}
	if req.access != nil {
		r.Unit = req.access.unit
	}
	if req.File != nil {
		r.FileID, r.FileKind = req.File.ID, req.File.Kind
	}
	return r, nil
}

// saveReport stores a report with its audit entry in one step, before confirming it.
func (b *reports) saveReport(ctx context.Context, req *Request, a bot.Activity, occ string, pct int, note string) error {
	r, err := b.newReport(req, a, occ, pct, note)
	if q, ok := ambiguityOf(err); ok {
		return b.askNumber(ctx, req, a, occ, pct, note, q)
	}
	if err != nil {
		return err
	}
	au := b.grps.audit(req, bot.ActReportAdd)
	au.Code, au.After, au.Report = a.Code, view.ReportText(r), bot.NewReportID
	r, stored, _, err := b.cfg.Store.ApplyReport(ctx, bot.ReportStep{Add: &r, Audit: au, UpdateID: req.ID})
	if err != nil {
		return b.reportErr(err, a.Code)
	}
	if stored.Code != "" {
		a = stored
	}
	if req.Flow != nil {
		if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, nil); err != nil {
			return err
		}
	}
	return b.reply(ctx, req, b.reportReply(req.Lang, i18n.Reported, a, r))
}

// reportReply confirms a stored report.
func (b *reports) reportReply(lang string, head msg, a bot.Activity, r bot.Report) string {
	note := ""
	if r.Note != "" {
		note = i18n.NoteLine.F(lang, view.Esc(r.Note))
	}
	if len(r.Qty) > 0 {
		note += i18n.QtyLine.F(lang, view.Esc(view.Amounts(lang, r.Qty)))
	}
	if r.FileID != "" {
		note += i18n.WithFile.F(lang)
	}
	title := view.Esc(view.Title(lang, a))
	if r.Occ != "" {
		title += i18n.OccOf.F(lang, b.occDate(r.Occ))
	}
	return head.F(lang, view.Esc(a.Code), title, view.Bar(r.Percent), note, b.view.Time(r.At), view.Esc(r.Name)) + view.Remarks(lang, a, r)
}

// occDate shows an occurrence key as dd/mm/yyyy.
func (b *reports) occDate(occ string) string {
	t, err := time.ParseInLocation("2006-01-02", occ, b.cfg.Loc)
	if err != nil {
		return occ
	}
	return b.view.Date(t)
}

// reportErr turns the store's refusals into what the user reads.
func (b *reports) reportErr(err error, code string) error {
	switch {
	case errors.Is(err, bot.ErrNoActivity):
		return userErr(i18n.NoSuchAct, code)
	case errors.Is(err, bot.ErrActivityCancelled):
		return userErr(i18n.ActIsCxl, code)
	case errors.Is(err, bot.ErrReportGone):
		return userErr(i18n.ReportGone, code)
	}
	return err
}

// startReportFlow shows the activity buttons (or, with a code, the percent buttons). In a group it
// links to the private chat instead, where the flow does not disturb the group.
func (b *reports) startReportFlow(ctx context.Context, req *Request, code string) error {
	if req.ChatKind.IsGroup() {
		payload, cmd := "report", "/baocao"
		if code != "" && isCode(code) {
			payload, cmd = payload+"-"+strings.ToUpper(code), cmd+" "+strings.ToUpper(code)
		}
		btn, ok := b.fires.privateButton(req.ChatID, i18n.OpenPrivate.F(req.Lang), payload, cmd)
		if !ok {
			// No link to offer (a bot without a username): the one-line form, and where the
			// buttons are — not "type /baocao alone", which is what the user just did here.
			return userErr(i18n.ReportUsageGroup)
		}
		return b.reply(ctx, req, i18n.InPrivate.F(req.Lang), []Button{btn})
	}
	if req.access == nil {
		if _, err := b.grps.mayReport(ctx, req.Update); err != nil {
			return err
		}
	}
	if code != "" {
		a, err := b.openActivity(ctx, code)
		if err != nil {
			return err
		}
		return b.askPercent(ctx, req, a, 0)
	}
	return b.prog.pickerPage(ctx, req, 0, 0)
}

// askPercent shows the percent buttons for a (editing message edit when non-zero) and waits for a
// typed percent too.
func (b *reports) askPercent(ctx context.Context, req *Request, a bot.Activity, edit int) error {
	var row1, row2 []Button
	for _, p := range []int{0, 10, 25, 40, 50} {
		row1 = append(row1, Button{Text: strconv.Itoa(p) + "%", Data: fmt.Sprintf("rq:%s:%d", a.Code, p)})
	}
	for _, p := range []int{60, 75, 90, 100} {
		row2 = append(row2, Button{Text: strconv.Itoa(p) + "%", Data: fmt.Sprintf("rq:%s:%d", a.Code, p)})
	}
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, &bot.Flow{Kind: "report", Step: "percent", Code: a.Code}); err != nil {
		return err
	}
	_, err := b.send(ctx, Reply{ChatID: req.ChatID, Edit: edit, Text: i18n.PickPercent.F(req.Lang, view.Esc(a.Code), view.Esc(view.Title(req.Lang, a))), Buttons: [][]Button{row1, row2}})
	return err
}

// askNote waits for the note, offering to skip it.
func (b *reports) askNote(ctx context.Context, req *Request, a bot.Activity, pct, edit int) error {
	code := a.Code
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, &bot.Flow{Kind: "report", Step: "note", Code: code, Percent: pct}); err != nil {
		return err
	}
	text := i18n.AskNote.F(req.Lang, view.Esc(code), pct)
	if len(a.Targets) > 0 {
		// An activity with targets: say how to give the quantities with the note.
		example := make([]quantity.Amount, len(a.Targets))
		for i, t := range a.Targets {
			example[i] = quantity.Amount{Value: 1, Unit: t.Unit}
		}
		text += i18n.AskQty.F(req.Lang, view.Esc(view.Amounts(req.Lang, a.Targets)), view.Esc(view.Amounts(req.Lang, example)))
	}
	_, err := b.send(ctx, Reply{ChatID: req.ChatID, Edit: edit, Text: text,
		Buttons: [][]Button{{{Text: i18n.SkipNote.F(req.Lang), Data: fmt.Sprintf("rn:%s:%d", code, pct)}}}})
	return err
}

// onReportButton handles the report flow's buttons: rp:CODE (activity picked), rq:CODE:PCT
// (percent picked), rn:CODE:PCT (no note). The route table checked that the presser may report.
func (b *reports) onReportButton(ctx context.Context, req *Request, kind, rest string) error {
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	code, pctStr, _ := strings.Cut(rest, ":")
	a, err := b.reportActivity(ctx, req, code)
	if err != nil {
		return err
	}
	if kind == "rp" {
		return b.askPercent(ctx, req, a, req.Callback.MessageID)
	}
	pct, ok := ParsePercent(pctStr)
	if !ok {
		return userErr(i18n.BadPercent, view.Truncate(pctStr, 10))
	}
	if kind == "rq" {
		return b.askNote(ctx, req, a, pct, req.Callback.MessageID)
	}
	note := ""
	switch {
	case kind == "rs":
		// "Bỏ qua" on the quantities: the note typed before, if the flow still holds it.
		if f := req.Flow; f != nil && f.Kind == "report" && f.Step == "qty" && strings.EqualFold(f.Code, a.Code) {
			note = f.Text
		}
	case len(a.Targets) > 0:
		return b.askQuantities(ctx, req, a, pct, "")
	}
	occ, err := b.reportOcc(req, a, "")
	if err != nil {
		return err
	}
	return b.saveReport(ctx, req, a, occ, pct, note)
}

// askQuantities is the guided report's last step for an activity with targets: what was done,
// in the targets' units, or "Bỏ qua". note is what was typed at the note step.
func (b *reports) askQuantities(ctx context.Context, req *Request, a bot.Activity, pct int, note string) error {
	f := &bot.Flow{Kind: "report", Step: "qty", Code: a.Code, Percent: pct, Text: note}
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, f); err != nil {
		return err
	}
	example := make([]quantity.Amount, len(a.Targets))
	for i, t := range a.Targets {
		example[i] = quantity.Amount{Value: 1, Unit: t.Unit}
	}
	text := i18n.AskQtyStep.F(req.Lang, view.Esc(a.Code), pct, view.Esc(view.Amounts(req.Lang, a.Targets)), view.Esc(view.Amounts(req.Lang, example)))
	return b.reply(ctx, req, text, []Button{{Text: i18n.SkipQty.F(req.Lang), Data: fmt.Sprintf("rs:%s:%d", a.Code, pct)}})
}

// refuseButton answers a button press the user may not make, in the toast and in the chat.
func (b *reports) refuseButton(ctx context.Context, req *Request, err error) error {
	text, _ := errorText(req.Lang, err)
	// Telegram shows at most 200 characters in the toast; the whole text follows in the chat.
	if aerr := b.ack(ctx, req, view.Truncate(view.PlainText(text), 190)); aerr != nil {
		return aerr
	}
	return err
}

// continueFlow takes typed text as the answer to the step the user's flow is at in this chat.
func (b *reports) continueFlow(ctx context.Context, req *Request) error {
	f := req.Flow
	switch f.Kind {
	case "report":
		if err := b.grps.checkReporter(ctx, req, f.Code); err != nil {
			return err
		}
		a, err := b.reportActivity(ctx, req, f.Code)
		if err != nil {
			return err
		}
		if f.Step == "percent" {
			p := parseReportArgs(a.Code + " " + req.Text)
			if !p.hasPct {
				return userErr(i18n.TypePercent)
			}
			return b.askNote(ctx, req, a, p.pct, 0)
		}
		note := req.Text
		switch {
		case f.Step == "qty":
			// The answer to the quantities step, after the note typed before.
			note = f.Text + "|" + req.Text
		case len(a.Targets) > 0:
			if _, _, hasQty := cutQuantities(note); !hasQty {
				return b.askQuantities(ctx, req, a, f.Percent, note)
			}
		}
		occ, err := b.reportOcc(req, a, "")
		if err != nil {
			return err
		}
		return b.saveReport(ctx, req, a, occ, f.Percent, note)
	case "activity":
		return b.acts.continueActivityFlow(ctx, req)
	case "qty":
		return b.reply(ctx, req, i18n.AmbChoose.F(req.Lang, view.Esc(f.Step)))
	}
	return b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, nil)
}
