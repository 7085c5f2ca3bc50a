package bot

import (
	"context"
	"strings"

	"github.com/coordbot/coordbot/bot/programme"
)

// This file is taking a report back: a withdrawal, or a correction (withdraw and add in one
// step). A cadre takes back their own last report while they may report; a coordinator anyone's.

// withdrawTarget reads "CODE [who] [reason]" or "REPORT_ID [reason]" of /report undo|fix and
// finds the report meant: a cadre's own last one; for a coordinator, the one of the user named
// (by id or @username), the report with that id, or else the latest on the activity.
func (b *Bot) withdrawTarget(ctx context.Context, req *Request, args string) (Activity, Report, string, error) {
	f := strings.Fields(args)
	if len(f) == 0 {
		return Activity{}, Report{}, "", userErr(msgReportUsage)
	}
	admin := b.isAdmin(req.From.ID)
	var code, rid string
	var who string
	if isStreamID(f[0]) {
		if !admin {
			return Activity{}, Report{}, "", userErr(msgAdminOnly)
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
	var match func(Report) bool
	switch {
	case who != "":
		whoID, _ := ParseID(who)
		match = func(r Report) bool {
			return r.UserID == whoID || (r.Username != "" && strings.EqualFold("@"+r.Username, who))
		}
	case admin:
		match = func(r Report) bool { return true }
	default:
		me := req.From.ID
		match = func(r Report) bool { return r.UserID == me }
	}
	if rid != "" {
		// By report id: one read of the stream at that id.
		r, ok, err := b.cfg.Store.ReportByID(ctx, rid)
		if err != nil {
			return Activity{}, r, "", err
		}
		if !ok || (code != "" && r.Code != code) {
			return Activity{}, r, "", userErr(msgNoReportID, rid)
		}
		a, err := b.mustActivity(ctx, r.Code)
		return a, r, reason, err
	}
	a, err := b.mustActivity(ctx, code)
	if err != nil {
		return a, Report{}, "", err
	}
	r, ok, err := b.cfg.Store.FindReport(ctx, a.Code, match)
	if err != nil {
		return a, r, "", err
	}
	if !ok {
		if admin && who != "" {
			return a, r, "", userErr(msgNoReportOf, a.Code, who)
		}
		return a, r, "", userErr(msgNothingToWd, a.Code)
	}
	return a, r, reason, nil
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
	id, err := ParseID(w)
	n, tg := id.Telegram()
	return err == nil && (!tg || n > 0)
}

func (b *Bot) withdrawReport(ctx context.Context, req *Request, args string) error {
	a, r, reason, err := b.withdrawTarget(ctx, req, args)
	if err != nil {
		return err
	}
	au := b.audit(req, ActReportWithdraw)
	au.Code, au.Before, au.Report, au.Reason, au.User = a.Code, reportText(r), r.ID, reason, r.UserID
	if _, _, _, err := b.cfg.Store.ApplyReport(ctx, ReportStep{Withdraw: &r, Audit: au, UpdateID: req.ID}); err != nil {
		return b.reportErr(err, a.Code)
	}
	undo := b.undoButton(ctx, req, a.Code, r, nil)
	text := tr(req.Lang, msgWithdrawn, r.Percent, b.fmtDate(r.At), esc(a.Code))
	if r.UserID != req.From.ID {
		text = tr(req.Lang, msgWithdrawnOf, r.Percent, esc(r.Name), b.fmtDate(r.At), esc(a.Code))
	}
	text += tr(req.Lang, msgRemovedRep, b.reportSummary(req.Lang, r))
	if undo != nil {
		text += tr(req.Lang, msgUndoHint)
	}
	return b.reply(ctx, req, text, rows(undo)...)
}

// correctReport replaces a report by a corrected one in one step: if the step fails, the old
// report stands.
func (b *Bot) correctReport(ctx context.Context, req *Request, args string) error {
	f := strings.Fields(args)
	if len(f) < 2 {
		return userErr(msgReportUsage)
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
		return userErr(msgBadPercent, truncate(bad, 20))
	}
	r, err := b.newReport(req, a, old.Occ, p.pct, keepClear(p.note))
	if err != nil {
		return err
	}
	keepUnnamed(&r, old, p.note)
	// The corrected report stays the reporter's, whoever corrects it.
	r.UserID, r.Name, r.Username, r.Unit = old.UserID, old.Name, old.Username, old.Unit
	au := b.audit(req, ActReportCorrect)
	au.Code, au.Before, au.After, au.Report, au.User = a.Code, reportText(old), reportText(r), NewReportID, old.UserID
	r, _, _, err = b.cfg.Store.ApplyReport(ctx, ReportStep{Add: &r, Withdraw: &old, Audit: au, UpdateID: req.ID})
	if err != nil {
		return b.reportErr(err, a.Code)
	}
	text := b.reportReply(req.Lang, msgCorrected, a, r) + tr(req.Lang, msgReplaced, b.reportSummary(req.Lang, old))
	undo := b.undoButton(ctx, req, a.Code, old, &r)
	if undo != nil {
		text += tr(req.Lang, msgUndoHint)
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
func keepUnnamed(r *Report, old Report, typed string) {
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
func (b *Bot) reportSummary(lang string, r Report) string {
	s := tr(lang, msgReportOn, r.Percent, b.fmtDate(r.At))
	if len(r.Qty) > 0 {
		s += "; " + esc(amounts(lang, r.Qty))
	}
	if r.Note != "" {
		s += "; “" + esc(truncate(r.Note, 80)) + "”"
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
