package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot/programme"
)

var (
	msgReportUsage = msg{
		"Cách báo cáo: /baocao MÃ PHẦN_TRĂM [ghi chú], ví dụ /baocao A7 60% đã tập huấn 2 đợt (xong = 100%).\nRút báo cáo gần nhất: /baocao rut A7 · Sửa: /baocao sua A7 70% …\nGõ /baocao không kèm gì để chọn bằng nút bấm.",
		"How to report: /report CODE PERCENT [note], e.g. /report A7 60% trained two groups (done = 100%).\nWithdraw your last report: /report undo A7 · Correct it: /report fix A7 70% …\nType /report alone to pick with buttons.",
	}
	msgBadPercent = msg{
		"Phần trăm “%s” không hợp lệ: dùng số từ 0 đến 100, ví dụ 60%% (hoặc “xong” cho 100%%).",
		"Invalid percent “%s”: use a number from 0 to 100, e.g. 60%% (or “done” for 100%%).",
	}
	msgReported = msg{
		"✅ Đã ghi nhận báo cáo <b>%s</b> — %s\n%s%s\n<i>%s · %s</i>",
		"✅ Report recorded for <b>%s</b> — %s\n%s%s\n<i>%s · %s</i>",
	}
	msgNoteLine     = msg{"\nGhi chú: %s", "\nNote: %s"}
	msgWithFile     = msg{" (kèm tệp)", " (with file)"}
	msgWithdrawn    = msg{"Đã rút báo cáo %d%% ngày %s của hoạt động <b>%s</b>.", "Withdrew your %d%% report of %s on <b>%s</b>."}
	msgNothingToWd  = msg{"Không có báo cáo nào của bạn về hoạt động %s để rút.", "You have no report on %s to withdraw."}
	msgPickActivity = msg{"Chọn hoạt động cần báo cáo:", "Pick the activity to report on:"}
	msgNoOpen       = msg{"Hiện không có hoạt động nào đang mở để báo cáo.", "There are no open activities to report on."}
	msgPickPercent  = msg{"<b>%s</b> — %s\nTiến độ hiện tại đạt bao nhiêu phần trăm? (có thể gõ số, ví dụ 65)", "<b>%s</b> — %s\nHow far along is it? (you may type a number, e.g. 65)"}
	msgAskNote      = msg{"<b>%s</b>: %d%%. Gõ ghi chú ngắn (việc đã làm, khó khăn), hoặc bấm “Không ghi chú”.", "<b>%s</b>: %d%%. Type a short note (what was done, problems), or press “No note”."}
	msgSkipNote     = msg{"Không ghi chú", "No note"}
	msgInPrivate    = msg{"Báo cáo từng bước trong tin nhắn riêng với bot:", "Report step by step in a private chat with the bot:"}
	msgOpenPrivate  = msg{"📝 Báo cáo", "📝 Report"}
	msgTypePercent  = msg{"Hãy gõ số phần trăm từ 0 đến 100 (ví dụ 60), hoặc bấm một nút.", "Type a percent from 0 to 100 (e.g. 60), or press a button."}
)

// report handles /report in its one-line forms, or starts the guided flow.
func (b *Bot) report(ctx context.Context, req *Request) error {
	args := strings.TrimSpace(req.Args)
	if args == "" {
		return b.startReportFlow(ctx, req, "")
	}
	f := strings.Fields(args)
	switch programme.Fold(f[0]) {
	case "rut", "undo", "withdraw":
		if len(f) != 2 {
			return userErr(msgReportUsage)
		}
		return b.withdrawReport(ctx, req, f[1])
	case "sua", "fix", "correct":
		return b.submitReport(ctx, req, strings.Join(f[1:], " "), true)
	}
	return b.submitReport(ctx, req, args, false)
}

// submitReport parses "CODE PERCENT [note]" and stores the report.
func (b *Bot) submitReport(ctx context.Context, req *Request, args string, correct bool) error {
	f := strings.Fields(args)
	if len(f) == 0 {
		return userErr(msgReportUsage)
	}
	if len(f) == 1 {
		// Only a code: go on with the buttons for the percent.
		return b.startReportFlow(ctx, req, f[0])
	}
	pctWord, rest := f[1], strings.Join(f[2:], " ")
	// "60 %" is written with a space by some.
	if len(f) > 2 && f[2] == "%" {
		pctWord, rest = f[1]+"%", strings.Join(f[3:], " ")
	}
	pct, ok := ParsePercent(pctWord)
	if !ok {
		return userErr(msgBadPercent, truncate(pctWord, 20))
	}
	unit, err := b.mayReport(ctx, req.Update)
	if err != nil {
		return err
	}
	a, err := b.openActivity(ctx, f[0])
	if err != nil {
		return err
	}
	if correct {
		if _, _, err := b.cfg.Store.WithdrawLast(ctx, a.Code, req.From.ID); err != nil {
			return err
		}
	}
	return b.saveReport(ctx, req, a, unit, pct, rest)
}

// openActivity loads an activity that may be reported on.
func (b *Bot) openActivity(ctx context.Context, code string) (Activity, error) {
	a, err := b.mustActivity(ctx, code)
	if err != nil {
		return a, err
	}
	if a.Status == Cancelled {
		return a, userErr(msgActIsCxl, a.Code)
	}
	return a, nil
}

// saveReport stores a report (before confirming it) and moves the activity's status along.
func (b *Bot) saveReport(ctx context.Context, req *Request, a Activity, unit string, pct int, note string) error {
	r := Report{Code: a.Code, UserID: req.From.ID, Name: req.From.Name(), Unit: unit, At: b.cfg.Now(),
		Percent: pct, Note: strings.TrimSpace(note), UpdateID: req.ID}
	if req.File != nil {
		r.FileID, r.FileKind = req.File.ID, req.File.Kind
	}
	r, fresh, err := b.cfg.Store.AddReport(ctx, r)
	if err != nil {
		return err
	}
	if fresh {
		status := UnderWay
		if pct == 100 {
			status = Done
		}
		if a.Status != status {
			a.Status, a.Updated = status, b.cfg.Now()
			if _, err := b.cfg.Store.SaveActivity(ctx, a, false); err != nil {
				return err
			}
			if status == Done {
				if err := b.scheduleActivity(ctx, a); err != nil {
					return err
				}
			}
		}
	}
	if req.Flow != nil {
		if err := b.cfg.Store.SetFlow(ctx, req.From.ID, nil); err != nil {
			return err
		}
	}
	note = ""
	if r.Note != "" {
		note = tr(req.Lang, msgNoteLine, esc(r.Note))
	}
	if r.FileID != "" {
		note += tr(req.Lang, msgWithFile)
	}
	return b.reply(ctx, req, tr(req.Lang, msgReported, esc(a.Code), esc(a.TitleIn(req.Lang)), bar(r.Percent), note, b.fmtTime(r.At), esc(r.Name)))
}

func (b *Bot) withdrawReport(ctx context.Context, req *Request, code string) error {
	a, err := b.mustActivity(ctx, code)
	if err != nil {
		return err
	}
	r, ok, err := b.cfg.Store.WithdrawLast(ctx, a.Code, req.From.ID)
	if err != nil {
		return err
	}
	if !ok {
		return userErr(msgNothingToWd, a.Code)
	}
	return b.reply(ctx, req, tr(req.Lang, msgWithdrawn, r.Percent, b.fmtDate(r.At), esc(a.Code)))
}

// startReportFlow shows the activity buttons (or, with a code, the percent buttons). In a group it
// links to the private chat instead, where the flow does not disturb the group.
func (b *Bot) startReportFlow(ctx context.Context, req *Request, code string) error {
	if req.ChatKind.IsGroup() && b.cfg.Username != "" {
		link := "https://t.me/" + b.cfg.Username + "?start=report"
		if code != "" && isCode(code) {
			link += "-" + strings.ToUpper(code)
		}
		return b.reply(ctx, req, tr(req.Lang, msgInPrivate), []Button{{Text: tr(req.Lang, msgOpenPrivate), URL: link}})
	}
	if _, err := b.mayReport(ctx, req.Update); err != nil {
		return err
	}
	if code != "" {
		a, err := b.openActivity(ctx, code)
		if err != nil {
			return err
		}
		return b.askPercent(ctx, req, a, 0)
	}
	acts, err := b.cfg.Store.Activities(ctx)
	if err != nil {
		return err
	}
	var rows [][]Button
	for _, a := range acts {
		if a.Status == Cancelled || a.Status == Done {
			continue
		}
		rows = append(rows, []Button{{Text: truncate(a.Code+" · "+a.TitleIn(req.Lang), 48), Data: "rp:" + a.Code}})
	}
	if len(rows) == 0 {
		return b.reply(ctx, req, tr(req.Lang, msgNoOpen))
	}
	return b.reply(ctx, req, tr(req.Lang, msgPickActivity), rows...)
}

// askPercent shows the percent buttons for a (editing message edit when non-zero) and waits for a
// typed percent too.
func (b *Bot) askPercent(ctx context.Context, req *Request, a Activity, edit int) error {
	var row1, row2 []Button
	for _, p := range []int{0, 10, 25, 40, 50} {
		row1 = append(row1, Button{Text: strconv.Itoa(p) + "%", Data: fmt.Sprintf("rq:%s:%d", a.Code, p)})
	}
	for _, p := range []int{60, 75, 90, 100} {
		row2 = append(row2, Button{Text: strconv.Itoa(p) + "%", Data: fmt.Sprintf("rq:%s:%d", a.Code, p)})
	}
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, &Flow{Kind: "report", Step: "percent", Code: a.Code}); err != nil {
		return err
	}
	_, err := b.send(ctx, Reply{ChatID: req.ChatID, Edit: edit, Text: tr(req.Lang, msgPickPercent, esc(a.Code), esc(a.TitleIn(req.Lang))), Buttons: [][]Button{row1, row2}})
	return err
}

// askNote waits for the note, offering to skip it.
func (b *Bot) askNote(ctx context.Context, req *Request, code string, pct, edit int) error {
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, &Flow{Kind: "report", Step: "note", Code: code, Percent: pct}); err != nil {
		return err
	}
	_, err := b.send(ctx, Reply{ChatID: req.ChatID, Edit: edit, Text: tr(req.Lang, msgAskNote, esc(code), pct),
		Buttons: [][]Button{{{Text: tr(req.Lang, msgSkipNote), Data: fmt.Sprintf("rn:%s:%d", code, pct)}}}})
	return err
}

// onReportButton handles the report flow's buttons: rp:CODE (activity picked), rq:CODE:PCT
// (percent picked), rn:CODE:PCT (no note). Callback data can be forged by any client, so every
// step checks again that the presser may report.
func (b *Bot) onReportButton(ctx context.Context, req *Request, kind, rest string) error {
	unit, err := b.mayReport(ctx, req.Update)
	if err != nil {
		return b.refuseButton(ctx, req, err)
	}
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	code, pctStr, _ := strings.Cut(rest, ":")
	a, err := b.openActivity(ctx, code)
	if err != nil {
		return err
	}
	if kind == "rp" {
		return b.askPercent(ctx, req, a, req.Callback.MessageID)
	}
	pct, ok := ParsePercent(pctStr)
	if !ok {
		return userErr(msgBadPercent, truncate(pctStr, 10))
	}
	if kind == "rq" {
		return b.askNote(ctx, req, a.Code, pct, req.Callback.MessageID)
	}
	return b.saveReport(ctx, req, a, unit, pct, "")
}

// refuseButton answers a button press the user may not make, in the toast and in the chat.
func (b *Bot) refuseButton(ctx context.Context, req *Request, err error) error {
	text, _ := errorText(req.Lang, err)
	if aerr := b.ack(ctx, req, PlainText(text)); aerr != nil {
		return aerr
	}
	return err
}

// continueFlow takes typed text as the answer to the step the user's flow is at.
func (b *Bot) continueFlow(ctx context.Context, req *Request) error {
	f := req.Flow
	switch f.Kind {
	case "report":
		unit, err := b.mayReport(ctx, req.Update)
		if err != nil {
			return err
		}
		a, err := b.openActivity(ctx, f.Code)
		if err != nil {
			return err
		}
		if f.Step == "percent" {
			pct, ok := ParsePercent(req.Text)
			if !ok {
				return userErr(msgTypePercent)
			}
			return b.askNote(ctx, req, a.Code, pct, 0)
		}
		return b.saveReport(ctx, req, a, unit, f.Percent, req.Text)
	case "activity":
		return b.continueActivityFlow(ctx, req)
	}
	return b.cfg.Store.SetFlow(ctx, req.From.ID, nil)
}
