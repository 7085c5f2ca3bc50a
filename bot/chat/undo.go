package chat

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/view"
)

// undoTTL is how long the ↩️ Hoàn tác button of a correction or a withdrawal works.
const undoTTL = 10 * time.Minute

// undoButton saves what undoes a correction (old replaced by now) or a withdrawal (now nil) and
// returns the button that does it, or no button when it could not be saved (the change stands).
func (b *reports) undoButton(ctx context.Context, req *Request, code string, old bot.Report, now *bot.Report) []Button {
	var raw [6]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil
	}
	token := hex.EncodeToString(raw[:])
	u := bot.Undo{Code: code, By: req.From.ID, Restore: old, Remove: now}
	if now != nil {
		u.RemoveID = now.ID
	}
	if err := b.cfg.Store.SaveUndo(ctx, token, u, undoTTL); err != nil {
		b.log.Warn("could not keep the undo of a report", "code", code, "err", err)
		return nil
	}
	return []Button{{Text: i18n.UndoButton.F(req.Lang), Data: "ud:" + code + ":" + token}}
}

// onUndoButton puts back the report a correction replaced or a withdrawal removed, in one step
// that checks the correction is still the one standing; a second press, or one after ten
// minutes, changes nothing.
func (b *reports) onUndoButton(ctx context.Context, req *Request, _, rest string) error {
	code, token, _ := strings.Cut(rest, ":")
	u, ok, err := b.cfg.Store.TakeUndo(ctx, token)
	if err != nil {
		return err
	}
	if !ok || !strings.EqualFold(u.Code, code) {
		return b.ack(ctx, req, i18n.UndoGone.F(req.Lang))
	}
	if u.By != req.From.ID && !b.isAdmin(req.From.ID) {
		if err := b.cfg.Store.SaveUndo(ctx, token, u, undoTTL); err != nil {
			return err
		}
		return b.ack(ctx, req, i18n.UndoNotYou.F(req.Lang))
	}
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	if u.Remove != nil {
		u.Remove.ID = u.RemoveID
	}
	restore := u.Restore
	restore.ID, restore.UpdateID = "", req.ID
	au := b.grps.audit(req, bot.ActReportUndo)
	au.Code, au.After, au.Report, au.User = u.Code, view.ReportText(restore), bot.NewReportID, restore.UserID
	if u.Remove != nil {
		au.Before = view.ReportText(*u.Remove)
	}
	_, a, _, err := b.cfg.Store.ApplyReport(ctx, bot.ReportStep{Add: &restore, Withdraw: u.Remove, Audit: au, UpdateID: req.ID})
	if errors.Is(err, bot.ErrReportGone) {
		return userErr(i18n.UndoMoved, u.Code, u.Code)
	}
	if err != nil {
		return b.reportErr(err, u.Code)
	}
	if a.Code == "" {
		a.Code = u.Code
	}
	return b.reply(ctx, req, i18n.Undone.F(req.Lang, b.reportSummary(req.Lang, restore), view.Esc(a.Code)))
}
