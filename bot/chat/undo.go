package chat

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
)

// undoTTL is how long the ↩️ Hoàn tác button of a correction or a withdrawal works.
const undoTTL = 10 * time.Minute

var (
	msgUndoButton = msg{"↩️ Hoàn tác", "↩️ Undo"}
	msgUndoHint   = msg{"\n<i>Bấm ↩️ Hoàn tác trong 10 phút để trả lại như trước.</i>", "\n<i>Press ↩️ Undo within 10 minutes to put it back.</i>"}
	msgUndone     = msg{"↩️ Đã hoàn tác: khôi phục báo cáo %s về hoạt động <b>%s</b>.", "↩️ Undone: the report %s on <b>%s</b> is back."}
	msgUndoGone   = msg{"Không còn hoàn tác được: đã quá 10 phút hoặc đã hoàn tác rồi.", "This can no longer be undone: 10 minutes have passed, or it was already undone."}
	msgUndoMoved  = msg{"Không hoàn tác được: báo cáo của hoạt động %s đã thay đổi sau đó. Xem /lichsu %s.", "Cannot undo: the report on %s changed since. See /history %s."}
	msgUndoNotYou = msg{"Chỉ người đã sửa/rút báo cáo này hoặc cán bộ điều phối mới hoàn tác được.", "Only whoever corrected or withdrew this report, or a coordinator, can undo it."}
)

// undoButton saves what undoes a correction (old replaced by now) or a withdrawal (now nil) and
// returns the button that does it, or no button when it could not be saved (the change stands).
func (b *Bot) undoButton(ctx context.Context, req *Request, code string, old bot.Report, now *bot.Report) []Button {
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
	return []Button{{Text: tr(req.Lang, msgUndoButton), Data: "ud:" + code + ":" + token}}
}

// onUndoButton puts back the report a correction replaced or a withdrawal removed, in one step
// that checks the correction is still the one standing; a second press, or one after ten
// minutes, changes nothing.
func (b *Bot) onUndoButton(ctx context.Context, req *Request, _, rest string) error {
	code, token, _ := strings.Cut(rest, ":")
	u, ok, err := b.cfg.Store.TakeUndo(ctx, token)
	if err != nil {
		return err
	}
	if !ok || !strings.EqualFold(u.Code, code) {
		return b.ack(ctx, req, tr(req.Lang, msgUndoGone))
	}
	if u.By != req.From.ID && !b.isAdmin(req.From.ID) {
		if err := b.cfg.Store.SaveUndo(ctx, token, u, undoTTL); err != nil {
			return err
		}
		return b.ack(ctx, req, tr(req.Lang, msgUndoNotYou))
	}
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	if u.Remove != nil {
		u.Remove.ID = u.RemoveID
	}
	restore := u.Restore
	restore.ID, restore.UpdateID = "", req.ID
	au := b.audit(req, bot.ActReportUndo)
	au.Code, au.After, au.Report, au.User = u.Code, reportText(restore), bot.NewReportID, restore.UserID
	if u.Remove != nil {
		au.Before = reportText(*u.Remove)
	}
	_, a, _, err := b.cfg.Store.ApplyReport(ctx, bot.ReportStep{Add: &restore, Withdraw: u.Remove, Audit: au, UpdateID: req.ID})
	if errors.Is(err, bot.ErrReportGone) {
		return userErr(msgUndoMoved, u.Code, u.Code)
	}
	if err != nil {
		return b.reportErr(err, u.Code)
	}
	if a.Code == "" {
		a.Code = u.Code
	}
	return b.reply(ctx, req, tr(req.Lang, msgUndone, b.reportSummary(req.Lang, restore), esc(a.Code)))
}
