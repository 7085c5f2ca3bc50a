package chat

import (
	"context"
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/view"
)

// This file is taking a report back: a withdrawal, or a correction (withdraw and add in one
// step). A cadre takes back their own last report while they may report; a coordinator anyone's.

// withdrawTarget reads "CODE [who] [reason]" or "REPORT_ID [reason]" of /report undo|fix and
// finds the report meant: a cadre's own last one; for a coordinator, the one of the user named
// (by id or @username), the report with that id, or else the latest on the activity.
func (b *reports) withdrawTarget(ctx context.Context, req *Request, args string) (bot.Activity, bot.Report, string, error) {
	a, rs, reason, err := b.withdrawCandidates(ctx, req, args, 1)
	if err != nil || len(rs) == 0 {
		return a, bot.Report{}, reason, err
	}
	return a, rs[0], reason, nil
}

// withdrawCandidates is withdrawTarget with up to n reports that fit when a coordinator names
// none (no report id, no reporter), newest first; a named one, or a cadre's own last report, is
// the only candidate.
func (b *reports) withdrawCandidates(ctx context.Context, req *Request, args string, n int) (bot.Activity, []bot.Report, string, error) {
	f := strings.Fields(args)
	if len(f) == 0 {
		return bot.Activity{}, nil, "", userErr(i18n.ReportUsage)
	}
	admin := b.isAdmin(req.From.ID)
	var code, rid string
	var who string
	if isStreamID(f[0]) {
		if !admin {
			return bot.Activity{}, nil, "", userErr(i18n.AdminOnly)
		}
		rid, f = f[0], f[1:]
	} else {
		code, f = strings.ToUpper(f[0]), f[1:]
		if len(f) > 0 && admin && (strings.HasPrefix(f[0], "@") || isUserID(f[0]) || isStreamID(f[0])) {
			if isStreamID(f[0]) {
				rid = f[0]
			} else {
				who = f[0]
			}
			f = f[1:]
		}
	}
	rest := strings.Join(f, " ")
	if i := strings.Index(programme.Fold(rest), "ly do:"); i == 0 {
		rest = strings.TrimSpace(string([]rune(rest)[len([]rune("lý do:")):]))
	}
	reason := rest
	var match func(bot.Report) bool
	switch {
	case who != "":
		whoID, _ := bot.ParseID(who)
		match = func(r bot.Report) bool {
			return r.UserID == whoID || (r.Username != "" && strings.EqualFold("@"+r.Username, who))
		}
	case admin:
		match = func(r bot.Report) bool { return true }
	default:
		me := req.From.ID
		match = func(r bot.Report) bool { return r.UserID == me }
	}
	if rid != "" {
		// By report id: one read of the stream at that id.
		r, ok, err := b.cfg.Store.ReportByID(ctx, rid)
		if err != nil {
			return bot.Activity{}, nil, "", err
		}
		if !ok || (code != "" && r.Code != code) {
			return bot.Activity{}, nil, "", userErr(i18n.NoReportID, rid)
		}
		a, err := b.acts.mustActivity(ctx, r.Code)
		return a, []bot.Report{r}, reason, err
	}
	a, err := b.acts.mustActivity(ctx, code)
	if err != nil {
		return a, nil, "", err
	}
	if who != "" || !admin {
		n = 1 // a named reporter's latest, or a cadre's own last: one report
	}
	var found []bot.Report
	if _, _, err := b.cfg.Store.FindReport(ctx, a.Code, func(r bot.Report) bool {
		if match(r) {
			found = append(found, r)
		}
		return len(found) >= n
	}); err != nil {
		return a, nil, "", err
	}
	if len(found) == 0 {
		if admin && who != "" {
			return a, nil, "", userErr(i18n.NoReportOf, a.Code, who)
		}
		return a, nil, "", userErr(i18n.NothingToWd, a.Code)
	}
	return a, found, reason, nil
}

func hasPercentAt(f []string, i int) bool {
	if i >= len(f) {
		return false
	}
	_, _, ok := percentAt(f, i)
	return ok
}

func isStreamID(w string) bool {
	ms, seq, ok := strings.Cut(w, "-")
	return ok && len(ms) >= 10 && strings.Trim(ms, "0123456789") == "" && seq != "" && strings.Trim(seq, "0123456789") == ""
}

func isUserID(w string) bool {
	id, err := bot.ParseID(w)
	n, tg := id.Telegram()
	return err == nil && (!tg || n > 0)
}

func (b *reports) withdrawReport(ctx context.Context, req *Request, args string) error {
	a, rs, reason, err := b.withdrawCandidates(ctx, req, args, maxCandidates)
	if err != nil {
		return err
	}
	if len(rs) > 1 {
		// More than one report fits and none was named: which one is the person's to say.
		return b.listCandidates(ctx, req, a, rs)
	}
	return b.withdrawOne(ctx, req, a, rs[0], reason)
}

// maxCandidates bounds the reports a withdrawal offers to choose from.
const maxCandidates = 5

// listCandidates shows the reports a withdrawal could mean, newest first, a button each.
func (b *reports) listCandidates(ctx context.Context, req *Request, a bot.Activity, rs []bot.Report) error {
	var sb strings.Builder
	sb.WriteString(i18n.PickWithdraw.F(req.Lang, view.Esc(a.Code)))
	var rows [][]Button
	for i, r := range rs {
		sb.WriteString(fmt.Sprintf("\n%d. %s — %s", i+1, b.reportSummary(req.Lang, r), view.Esc(r.Name)))
		rows = append(rows, []Button{{Text: view.Truncate(fmt.Sprintf("%d. %d%% %s", i+1, r.Percent, b.view.Date(r.At)), 40), Data: "wd:" + a.Code + ":" + r.ID}})
	}
	return b.reply(ctx, req, sb.String(), rows...)
}

// onWithdrawButton withdraws the report picked from the list (wd:CODE:REPORT_ID): a cadre only
// their own, a coordinator anyone's; a report already gone says so.
func (b *reports) onWithdrawButton(ctx context.Context, req *Request, _, rest string) error {
	code, rid, _ := strings.Cut(rest, ":")
	r, ok, err := b.cfg.Store.ReportByID(ctx, rid)
	if err != nil {
		return err
	}
	if !ok || !strings.EqualFold(r.Code, code) {
		return b.ack(ctx, req, i18n.WdGone.F(req.Lang))
	}
	if r.UserID != req.From.ID && !b.isAdmin(req.From.ID) {
		return b.ack(ctx, req, i18n.WdNotYours.F(req.Lang))
	}
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	a, err := b.acts.mustActivity(ctx, r.Code)
	if err != nil {
		return err
	}
	return b.withdrawOne(ctx, req, a, r, "")
}

// withdrawOne withdraws r in one step with its audit entry, says what it removed, and offers to
// undo it.
func (b *reports) withdrawOne(ctx context.Context, req *Request, a bot.Activity, r bot.Report, reason string) error {
	au := b.grps.audit(req, bot.ActReportWithdraw)
	au.Code, au.Before, au.Report, au.Reason, au.User = a.Code, view.ReportText(r), r.ID, reason, r.UserID
	if _, _, _, err := b.cfg.Store.ApplyReport(ctx, bot.ReportStep{Withdraw: &r, Audit: au, UpdateID: req.ID}); err != nil {
		return b.reportErr(err, a.Code)
	}
	undo := b.undoButton(ctx, req, a.Code, r, nil)
	text := i18n.Withdrawn.F(req.Lang, r.Percent, b.view.Date(r.At), view.Esc(a.Code))
	if r.UserID != req.From.ID {
		text = i18n.WithdrawnOf.F(req.Lang, r.Percent, view.Esc(r.Name), b.view.Date(r.At), view.Esc(a.Code))
	}
	text += i18n.RemovedRep.F(req.Lang, b.reportSummary(req.Lang, r))
	if undo != nil {
		text += i18n.UndoHint.F(req.Lang)
	}
	return b.reply(ctx, req, text, rows(undo)...)
}

// correctReport replaces a report by a corrected one in one step: if the step fails, the old
// report stands.
func (b *reports) correctReport(ctx context.Context, req *Request, args string) error {
	f := strings.Fields(args)
	if len(f) < 2 {
		return userErr(i18n.ReportUsage)
	}
	// The target is the code and, for a coordinator, who; the rest is the new percent and note.
	targetWords := 1
	if b.isAdmin(req.From.ID) && (strings.HasPrefix(f[1], "@") || isStreamID(f[1]) || (isUserID(f[1]) && hasPercentAt(f, 2))) {
		targetWords = 2
	}
	if isStreamID(f[0]) {
		targetWords = 1
	}
	a, old, _, err := b.withdrawTarget(ctx, req, strings.Join(f[:targetWords], " "))
	if err != nil {
		return err
	}
	p := parseReportArgs(a.Code + " " + strings.Join(f[targetWords:], " "))
	if !p.hasPct {
		bad := p.bad
		if bad == "" {
			bad = strings.Join(f[targetWords:], " ")
		}
		return userErr(i18n.BadPercent, view.Truncate(bad, 20))
	}
	r, err := b.newReport(req, a, old.Occ, p.pct, keepClear(p.note))
	if err != nil {
		return err
	}
	keepUnnamed(&r, old, p.note)
	// The corrected report stays the reporter's, whoever corrects it.
	r.UserID, r.Name, r.Username, r.Unit = old.UserID, old.Name, old.Username, old.Unit
	au := b.grps.audit(req, bot.ActReportCorrect)
	au.Code, au.Before, au.After, au.Report, au.User = a.Code, view.ReportText(old), view.ReportText(r), bot.NewReportID, old.UserID
	r, _, _, err = b.cfg.Store.ApplyReport(ctx, bot.ReportStep{Add: &r, Withdraw: &old, Audit: au, UpdateID: req.ID})
	if err != nil {
		return b.reportErr(err, a.Code)
	}
	text := b.reportReply(req.Lang, i18n.Corrected, a, r) + i18n.Replaced.F(req.Lang, b.reportSummary(req.Lang, old))
	undo := b.undoButton(ctx, req, a.Code, old, &r)
	if undo != nil {
		text += i18n.UndoHint.F(req.Lang)
	}
	return b.reply(ctx, req, text, rows(undo)...)
}

// keepClear turns a correction's "| -" (clear the quantities) into a note without quantities,
// for newReport to read; keepUnnamed then leaves them cleared.
func keepClear(note string) string {
	if before, after, ok := cutQuantities(note); ok && strings.TrimSpace(after) == "-" {
		return before
	}
	return note
}

// keepUnnamed makes a correction change only what it names: a correction with no note keeps the
// old note and quantities, one with a note but no quantities keeps the old quantities ("| -"
// clears them; a note of "-" clears the note), and one without a file keeps the old file.
func keepUnnamed(r *bot.Report, old bot.Report, typed string) {
	typed = strings.TrimSpace(typed)
	_, qtext, hasQty := cutQuantities(typed)
	switch {
	case typed == "":
		r.Note, r.Qty = old.Note, old.Qty
	case r.Note == "-":
		r.Note = ""
	}
	if typed != "" && !hasQty {
		r.Qty = old.Qty
	}
	if hasQty && strings.TrimSpace(qtext) == "-" {
		r.Qty = nil
	}
	if r.FileID == "" {
		r.FileID, r.FileKind = old.FileID, old.FileKind
	}
}

// reportSummary is a report as the reply names what it replaced or removed: its percent, date,
// quantities and note.
func (b *reports) reportSummary(lang string, r bot.Report) string {
	s := i18n.ReportOn.F(lang, r.Percent, b.view.Date(r.At))
	if len(r.Qty) > 0 {
		s += "; " + view.Esc(view.Amounts(lang, r.Qty))
	}
	if r.Note != "" {
		s += "; “" + view.Esc(view.Truncate(r.Note, 80)) + "”"
	}
	return s
}

// rows is one row of buttons, or none when there are none.
func rows(row []Button) [][]Button {
	if len(row) == 0 {
		return nil
	}
	return [][]Button{row}
}
