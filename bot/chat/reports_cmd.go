package chat

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
)

var (
	msgReportUsageGroup = msg{
		"Trong nhóm, báo cáo bằng một dòng: /baocao MÃ PHẦN_TRĂM [ghi chú] [; khối lượng], ví dụ /baocao A7 60% đã tập huấn 2 đợt; 12 buổi. Muốn chọn bằng nút bấm, nhắn riêng cho bot lệnh /baocao.",
		"In a group, report in one line: /report CODE PERCENT [note] [; quantities], e.g. /report A7 60% trained two groups; 12 sessions. To pick with buttons, send /report to the bot in a private chat.",
	}
	msgReportUsage = msg{
		"Cách báo cáo: /baocao MÃ PHẦN_TRĂM [ghi chú] [| khối lượng], ví dụ /baocao A7 60% đã tập huấn 2 đợt | 12 buổi, 320 lượt người (xong = 100%). Hoạt động lặp lại: /baocao GB 08/12 xong.\nRút báo cáo gần nhất: /baocao rut A7 · Sửa: /baocao sua A7 70% …\nGõ /baocao không kèm gì để chọn bằng nút bấm.",
		"How to report: /report CODE PERCENT [note] [| quantities], e.g. /report A7 60% trained two groups | 12 sessions, 320 people (done = 100%). Recurring activity: /report GB 08/12 done.\nWithdraw your last report: /report undo A7 · Correct it: /report fix A7 70% …\nType /report alone to pick with buttons.",
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
	msgQtyLine      = msg{"\nKhối lượng: %s", "\nQuantities: %s"}
	msgWithdrawn    = msg{"Đã rút báo cáo %d%% ngày %s của hoạt động <b>%s</b>.", "Withdrew your %d%% report of %s on <b>%s</b>."}
	msgWithdrawnOf  = msg{"Đã rút báo cáo %d%% của %s (ngày %s) về hoạt động <b>%s</b>.", "Withdrew the %d%% report by %s (%s) on <b>%s</b>."}
	msgPickWithdraw = msg{"Có nhiều báo cáo về hoạt động <b>%s</b>. Chọn báo cáo cần rút:", "There is more than one report on <b>%s</b>. Pick the one to withdraw:"}
	msgWdGone       = msg{"Báo cáo này không còn (đã được rút hoặc sửa).", "That report is no longer there (withdrawn or corrected)."}
	msgWdNotYours   = msg{"Bạn chỉ rút được báo cáo của chính mình.", "You can withdraw only your own reports."}
	msgOverTarget   = msg{"\n⚠️ Khối lượng %s (%d%% chỉ tiêu cả hoạt động) chỉ trong một báo cáo: đã lưu như đã gõ, kiểm tra lại nếu gõ nhầm (sửa: /baocao sua).", "\n⚠️ %s (%d%% of the whole activity's target) in one report: stored as typed; check it in case of a slip (correct: /report fix)."}
	msgDoneUnder    = msg{"\n⚠️ Báo cáo 100%% nhưng mới đạt %s (chưa tới một nửa chỉ tiêu): đã lưu, kiểm tra lại.", "\n⚠️ 100%% reported but only %s reached (under half the target): stored; please check."}
	msgReplaced     = msg{"\n↩️ Thay cho báo cáo trước: %s.", "\n↩️ Replaces the earlier report: %s."}
	msgRemovedRep   = msg{"\nBáo cáo đã rút: %s.", "\nThe report withdrawn: %s."}
	msgReportOn     = msg{"%d%% ngày %s", "%d%% of %s"}
	msgCorrected    = msg{"✅ Đã sửa báo cáo <b>%s</b> — %s\n%s%s\n<i>%s · %s</i>", "✅ Report corrected for <b>%s</b> — %s\n%s%s\n<i>%s · %s</i>"}
	msgOccOf        = msg{" (buổi %s)", " (occurrence of %s)"}
	msgNoteLong     = msg{"Ghi chú dài %d ký tự; tối đa %d ký tự. Hãy rút gọn hoặc gửi kèm tệp.", "The note is %d characters long; at most %d. Shorten it or attach a file."}
	msgReportGone   = msg{"Báo cáo đó về hoạt động %s vừa được rút rồi.", "That report on %s was already withdrawn."}
	msgNoReportOf   = msg{"Không có báo cáo nào về hoạt động %s của %s.", "There is no report on %s by %s."}
	msgNoReportID   = msg{"Không có báo cáo mã %s.", "There is no report %s."}
	msgBadDay       = msg{"Ngày “%s” không hợp lệ: dùng dạng dd/mm, ví dụ 08/12.", "Invalid day “%s”: use dd/mm, e.g. 08/12."}
	msgBeforeFirst  = msg{"Hoạt động lặp lại %s chưa diễn ra lần nào: lần đầu là %s. Báo cáo sau khi hoạt động diễn ra.", "Recurring activity %s has not taken place yet: the first time is %s. Report once it has."}
	msgNoOccurrence = msg{"Hoạt động %s không diễn ra ngày %s.", "Activity %s does not take place on %s."}
	msgNothingToWd  = msg{"Không có báo cáo nào của bạn về hoạt động %s để rút.", "You have no report on %s to withdraw."}
	msgPickActivity = msg{"Chọn hoạt động cần báo cáo:", "Pick the activity to report on:"}
	msgNoOpen       = msg{"Hiện không có hoạt động nào đang mở để báo cáo.", "There are no open activities to report on."}
	msgPickPercent  = msg{"<b>%s</b> — %s\nTiến độ hiện tại đạt bao nhiêu phần trăm? (có thể gõ số, ví dụ 65)", "<b>%s</b> — %s\nHow far along is it? (you may type a number, e.g. 65)"}
	msgAskNote      = msg{"<b>%s</b>: %d%%. Gõ ghi chú ngắn (việc đã làm, khó khăn), hoặc bấm “Không ghi chú”.", "<b>%s</b>: %d%%. Type a short note (what was done, problems), or press “No note”."}
	msgSkipNote     = msg{"Không ghi chú", "No note"}
	msgSkipQty      = msg{"Bỏ qua", "Skip"}
	msgAskQtyStep   = msg{"<b>%s</b>: %d%%. Khối lượng đã làm được? Chỉ tiêu: %s. Gõ số kèm đơn vị, ví dụ <i>%s</i>, hoặc bấm “Bỏ qua”.", "<b>%s</b>: %d%%. How much was done? Targets: %s. Type numbers with their units, e.g. <i>%s</i>, or press “Skip”."}
	msgAskQty       = msg{"\nChỉ tiêu: %s. Khối lượng đã làm ghi sau dấu ; (hoặc | hay xuống dòng), ví dụ: <i>đã tổ chức; %s</i>", "\nTargets: %s. Give what was done after ; (or | or a new line), e.g. <i>held; %s</i>"}
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
func (b *Bot) submitReport(ctx context.Context, req *Request, args string, correct bool) error {
	if correct {
		return b.correctReport(ctx, req, args)
	}
	p := parseReportArgs(args)
	switch {
	case p.code == "" && p.hasPct:
		return userErr(msgReportUsage)
	case p.code == "":
		return userErr(msgReportUsage)
	case strings.HasPrefix(p.bad, "|"):
		return userErr(msgReportUsage)
	case p.bad != "":
		return userErr(msgBadPercent, truncate(p.bad, 20))
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
func (b *Bot) reportActivity(ctx context.Context, req *Request, code string) (bot.Activity, error) {
	if acc := req.access; acc != nil && strings.EqualFold(acc.act.Code, code) && acc.found {
		if acc.act.IsCancelled() {
			return acc.act, userErr(msgActIsCxl, acc.act.Code)
		}
		return acc.act, nil
	}
	return b.openActivity(ctx, code)
}

// reportOcc is the occurrence a report goes to: the one named by day, or the current one.
func (b *Bot) reportOcc(req *Request, a bot.Activity, day string) (string, error) {
	if a.Every == "" {
		return "", nil
	}
	if day == "" {
		occ := b.currentOcc(a, b.cfg.Now())
		if occ.After(b.cfg.Now()) {
			// Nothing has taken place yet: a report now would count for an occurrence to come.
			return "", userErr(msgBeforeFirst, esc(a.Code), b.fmtTime(occ))
		}
		return b.occKey(a, occ), nil
	}
	t, ok := b.parseDay(day)
	if !ok {
		return "", userErr(msgBadDay, truncate(day, 12))
	}
	occ, ok := b.occurrenceOn(a, t)
	if !ok || occ.After(b.cfg.Now().Add(7*24*time.Hour)) {
		return "", userErr(msgNoOccurrence, esc(a.Code), b.fmtDate(t))
	}
	return b.occKey(a, occ), nil
}

// openActivity loads an activity that may be reported on.
func (b *Bot) openActivity(ctx context.Context, code string) (bot.Activity, error) {
	a, err := b.mustActivity(ctx, code)
	if err != nil {
		return a, err
	}
	if a.IsCancelled() {
		return a, userErr(msgActIsCxl, a.Code)
	}
	return a, nil
}

// newReport is a report by the request's user on occurrence occ of a.
func (b *Bot) newReport(req *Request, a bot.Activity, occ string, pct int, note string) (bot.Report, error) {
	note, qty, err := splitQuantities(a, note)
	if err != nil {
		return bot.Report{}, err
	}
	if n := len([]rune(note)); n > maxNote {
		return bot.Report{}, userErr(msgNoteLong, n, maxNote)
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
func (b *Bot) saveReport(ctx context.Context, req *Request, a bot.Activity, occ string, pct int, note string) error {
	r, err := b.newReport(req, a, occ, pct, note)
	if q, ok := ambiguityOf(err); ok {
		return b.askNumber(ctx, req, a, occ, pct, note, q)
	}
	if err != nil {
		return err
	}
	au := b.audit(req, bot.ActReportAdd)
	au.Code, au.After, au.Report = a.Code, reportText(r), bot.NewReportID
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
	return b.reply(ctx, req, b.reportReply(req.Lang, msgReported, a, r))
}

// reportReply confirms a stored report.
func (b *Bot) reportReply(lang string, head msg, a bot.Activity, r bot.Report) string {
	note := ""
	if r.Note != "" {
		note = tr(lang, msgNoteLine, esc(r.Note))
	}
	if len(r.Qty) > 0 {
		note += tr(lang, msgQtyLine, esc(amounts(lang, r.Qty)))
	}
	if r.FileID != "" {
		note += tr(lang, msgWithFile)
	}
	title := esc(a.TitleIn(lang))
	if r.Occ != "" {
		title += tr(lang, msgOccOf, b.occDate(r.Occ))
	}
	return tr(lang, head, esc(a.Code), title, bar(r.Percent), note, b.fmtTime(r.At), esc(r.Name)) + remarks(lang, a, r)
}

// remarks points out, under a stored report, figures that look like a slip (issue 19): a
// quantity in this one report above the whole activity's target, and, where a report's figures
// stand for the whole (tally "latest"), 100% with under half a target reached. The report is
// stored as typed; the remark only asks to check it.
func remarks(lang string, a bot.Activity, r bot.Report) string {
	var out strings.Builder
	for _, q := range r.Qty {
		for _, t := range a.Targets {
			if t.Key() != q.Key() || t.Value <= 0 {
				continue
			}
			if q.Value > t.Value {
				out.WriteString(tr(lang, msgOverTarget, esc(quantity.Format(q.Value, lang)+"/"+quantity.Format(t.Value, lang)+" "+t.Unit), int(q.Value/t.Value*100+0.5)))
			} else if r.Percent == 100 && a.Tally == quantity.Latest && q.Value < t.Value/2 {
				out.WriteString(tr(lang, msgDoneUnder, esc(quantity.Format(q.Value, lang)+"/"+quantity.Format(t.Value, lang)+" "+t.Unit)))
			}
		}
	}
	return out.String()
}

// occDate shows an occurrence key as dd/mm/yyyy.
func (b *Bot) occDate(occ string) string {
	t, err := time.ParseInLocation("2006-01-02", occ, b.cfg.Loc)
	if err != nil {
		return occ
	}
	return b.fmtDate(t)
}

// reportText is how a report reads in the audit.
func reportText(r bot.Report) string {
	s := fmt.Sprintf("%d%%", r.Percent)
	if r.Occ != "" {
		s += " @" + r.Occ
	}
	if len(r.Qty) > 0 {
		s += " | " + amounts("vi", r.Qty)
	}
	if r.Note != "" {
		s += " — " + truncate(r.Note, 80)
	}
	return s + " · " + r.Name
}

// reportErr turns the store's refusals into what the user reads.
func (b *Bot) reportErr(err error, code string) error {
	switch {
	case errors.Is(err, bot.ErrNoActivity):
		return userErr(msgNoSuchAct, code)
	case errors.Is(err, bot.ErrActivityCancelled):
		return userErr(msgActIsCxl, code)
	case errors.Is(err, bot.ErrReportGone):
		return userErr(msgReportGone, code)
	}
	return err
}

// startReportFlow shows the activity buttons (or, with a code, the percent buttons). In a group it
// links to the private chat instead, where the flow does not disturb the group.
func (b *Bot) startReportFlow(ctx context.Context, req *Request, code string) error {
	if req.ChatKind.IsGroup() {
		payload, cmd := "report", "/baocao"
		if code != "" && isCode(code) {
			payload, cmd = payload+"-"+strings.ToUpper(code), cmd+" "+strings.ToUpper(code)
		}
		btn, ok := b.privateButton(req.ChatID, tr(req.Lang, msgOpenPrivate), payload, cmd)
		if !ok {
			// No link to offer (a bot without a username): the one-line form, and where the
			// buttons are — not "type /baocao alone", which is what the user just did here.
			return userErr(msgReportUsageGroup)
		}
		return b.reply(ctx, req, tr(req.Lang, msgInPrivate), []Button{btn})
	}
	if req.access == nil {
		if _, err := b.mayReport(ctx, req.Update); err != nil {
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
	return b.pickerPage(ctx, req, 0, 0)
}

// askPercent shows the percent buttons for a (editing message edit when non-zero) and waits for a
// typed percent too.
func (b *Bot) askPercent(ctx context.Context, req *Request, a bot.Activity, edit int) error {
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
	_, err := b.send(ctx, Reply{ChatID: req.ChatID, Edit: edit, Text: tr(req.Lang, msgPickPercent, esc(a.Code), esc(a.TitleIn(req.Lang))), Buttons: [][]Button{row1, row2}})
	return err
}

// askNote waits for the note, offering to skip it.
func (b *Bot) askNote(ctx context.Context, req *Request, a bot.Activity, pct, edit int) error {
	code := a.Code
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, &bot.Flow{Kind: "report", Step: "note", Code: code, Percent: pct}); err != nil {
		return err
	}
	text := tr(req.Lang, msgAskNote, esc(code), pct)
	if len(a.Targets) > 0 {
		// An activity with targets: say how to give the quantities with the note.
		example := make([]quantity.Amount, len(a.Targets))
		for i, t := range a.Targets {
			example[i] = quantity.Amount{Value: 1, Unit: t.Unit}
		}
		text += tr(req.Lang, msgAskQty, esc(amounts(req.Lang, a.Targets)), esc(amounts(req.Lang, example)))
	}
	_, err := b.send(ctx, Reply{ChatID: req.ChatID, Edit: edit, Text: text,
		Buttons: [][]Button{{{Text: tr(req.Lang, msgSkipNote), Data: fmt.Sprintf("rn:%s:%d", code, pct)}}}})
	return err
}

// onReportButton handles the report flow's buttons: rp:CODE (activity picked), rq:CODE:PCT
// (percent picked), rn:CODE:PCT (no note). The route table checked that the presser may report.
func (b *Bot) onReportButton(ctx context.Context, req *Request, kind, rest string) error {
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
		return userErr(msgBadPercent, truncate(pctStr, 10))
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
func (b *Bot) askQuantities(ctx context.Context, req *Request, a bot.Activity, pct int, note string) error {
	f := &bot.Flow{Kind: "report", Step: "qty", Code: a.Code, Percent: pct, Text: note}
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, f); err != nil {
		return err
	}
	example := make([]quantity.Amount, len(a.Targets))
	for i, t := range a.Targets {
		example[i] = quantity.Amount{Value: 1, Unit: t.Unit}
	}
	text := tr(req.Lang, msgAskQtyStep, esc(a.Code), pct, esc(amounts(req.Lang, a.Targets)), esc(amounts(req.Lang, example)))
	return b.reply(ctx, req, text, []Button{{Text: tr(req.Lang, msgSkipQty), Data: fmt.Sprintf("rs:%s:%d", a.Code, pct)}})
}

// refuseButton answers a button press the user may not make, in the toast and in the chat.
func (b *Bot) refuseButton(ctx context.Context, req *Request, err error) error {
	text, _ := errorText(req.Lang, err)
	// Telegram shows at most 200 characters in the toast; the whole text follows in the chat.
	if aerr := b.ack(ctx, req, truncate(PlainText(text), 190)); aerr != nil {
		return aerr
	}
	return err
}

// continueFlow takes typed text as the answer to the step the user's flow is at in this chat.
func (b *Bot) continueFlow(ctx context.Context, req *Request) error {
	f := req.Flow
	switch f.Kind {
	case "report":
		if err := b.checkReporter(ctx, req, f.Code); err != nil {
			return err
		}
		a, err := b.reportActivity(ctx, req, f.Code)
		if err != nil {
			return err
		}
		if f.Step == "percent" {
			p := parseReportArgs(a.Code + " " + req.Text)
			if !p.hasPct {
				return userErr(msgTypePercent)
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
		return b.continueActivityFlow(ctx, req)
	case "qty":
		return b.reply(ctx, req, tr(req.Lang, msgAmbChoose, esc(f.Step)))
	}
	return b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, nil)
}
