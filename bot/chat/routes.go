package chat

import (
	"context"
	"fmt"
	"html"
	"strings"

	"github.com/coordbot/coordbot/bot/i18n"
)

// route is one command: its names (canonical English first, then Vietnamese aliases), who may use
// it, and its handler. Help text and Telegram's command menu are generated from the route table.
type route struct {
	names []string
	// usage is the argument form shown in help ("N", "CODE PERCENT [ghi chú]"); empty if none.
	usage msg
	help  msg
	admin bool
	// viewer routes are read-only views for coordinators and viewers (COORDBOT_VIEWERS, the
	// leaders who follow the programme); a viewer's use is logged.
	viewer bool
	// reporter routes are for people who may report (coordinators, members of approved groups,
	// reporters coordinators added); codeOf names the activity in the arguments, read with the
	// permission in one round trip.
	reporter bool
	codeOf   func(args string) string
	// groupAdmin routes are used in a group by its admins or a coordinator.
	groupAdmin bool
	// hidden commands work but are not listed in help or the menu.
	hidden bool
	run    func(*Bot, context.Context, *Request) error
}

// routeTable lists every command the bot understands.
func routeTable() []*route {
	return []*route{
		{names: []string{"start", "batdau"}, help: msg{VI: "Giới thiệu bot", EN: "What this bot does"}, run: cmdOf(asksOf, (*asker).start)},
		{names: []string{"help", "trogiup"}, help: msg{VI: "Danh sách lệnh", EN: "List of commands"}, run: cmdOf(asksOf, (*asker).help)},
		{names: []string{"program", "chuongtrinh"}, help: msg{VI: "Tổng quan chương trình phối hợp", EN: "Overview of the programme"}, run: cmdOf(asksOf, (*asker).program)},
		{names: []string{"content", "noidung"}, usage: msg{VI: "N", EN: "N"}, help: msg{VI: "Nội dung thứ N của chương trình", EN: "Content area N of the programme"}, run: cmdOf(asksOf, (*asker).content)},
		{names: []string{"plan", "kehoach"}, help: msg{VI: "Các hoạt động sắp tới", EN: "Upcoming activities"}, run: cmdOf(progOf, (*progressViews).plan)},
		{names: []string{"ask", "hoi"}, usage: msg{VI: "câu hỏi", EN: "question"}, help: msg{VI: "Hỏi về chương trình", EN: "Ask about the programme"}, run: cmdOf(asksOf, (*asker).ask)},
		{names: []string{"lang", "ngonngu"}, usage: msg{VI: "vi|en", EN: "vi|en"}, help: msg{VI: "Chọn ngôn ngữ trả lời", EN: "Choose the reply language"}, run: cmdOf(asksOf, (*asker).lang)},
		{names: []string{"report", "baocao"}, usage: msg{VI: "MÃ PHẦN_TRĂM [ghi chú] [| khối lượng]", EN: "CODE PERCENT [note] [| quantities]"}, help: msg{VI: "Báo cáo tiến độ một hoạt động", EN: "Report progress on an activity"}, reporter: true, codeOf: reportCode, run: cmdOf(repsOf, (*reports).report)},
		{names: []string{"progress", "tiendo"}, usage: msg{VI: "[MÃ | donvi MÃ | nd N | chuabaocao [N]]", EN: "[CODE | unit CODE | content N | stale [N]]"}, help: msg{VI: "Xem tiến độ: cả chương trình, một hoạt động, một đơn vị, một nội dung, việc chưa báo cáo", EN: "See progress: all, one activity, a unit, a content area, what is not reported"}, run: cmdOf(progOf, (*progressViews).progress)},
		{names: []string{"subscribe", "dangky"}, usage: msg{VI: "[MÃ_ĐƠN_VỊ]", EN: "[UNIT_CODE]"}, help: msg{VI: "Đăng ký nhóm nhận lời nhắc và bản tin (quản trị nhóm gửi yêu cầu, cán bộ điều phối duyệt)", EN: "Subscribe the group to reminders and digests (group admins ask, coordinators approve)"}, groupAdmin: true, run: cmdOf(grpsOf, (*groups).subscribeOn)},
		{names: []string{"unsubscribe", "huydangky"}, help: msg{VI: "Nhóm thôi nhận lời nhắc (lời nhắc đặt trong nhóm cũng bị hủy)", EN: "Group stops getting reminders (its own reminders are cancelled too)"}, groupAdmin: true, run: cmdOf(grpsOf, (*groups).subscribeOff)},
		{names: []string{"id", "maso"}, help: msg{VI: "Xem mã số của mình, để cán bộ điều phối thêm bạn", EN: "Show your id, for a coordinator to add you"}, run: cmdOf(grpsOf, (*groups).whoami)},
		{names: []string{"activity", "hoatdong"}, usage: msg{VI: "them|sua|huy …", EN: "add|edit|cancel …"}, help: msg{VI: "Thêm, sửa, hủy hoạt động", EN: "Add, edit, cancel activities"}, admin: true, run: cmdOf(actsOf, (*activities).activity)},
		{names: []string{"remind", "nhac"}, usage: msg{VI: "THỜI_GIAN nội dung", EN: "WHEN text"}, help: msg{VI: "Đặt lời nhắc cho nhóm/cuộc trò chuyện này", EN: "Set a reminder for this chat"}, admin: true, run: cmdOf(grpsOf, (*groups).remind)},
		{names: []string{"reminders", "dsnhac"}, help: msg{VI: "Các lời nhắc đang chờ", EN: "Pending reminders"}, run: cmdOf(grpsOf, (*groups).reminders)},
		{names: []string{"cancelreminder", "huynhac", "cancel", "huy"}, usage: msg{VI: "SỐ", EN: "ID"}, help: msg{VI: "Hủy một lời nhắc", EN: "Cancel a reminder"}, admin: true, run: cmdOf(grpsOf, (*groups).cancelReminder)},
		{names: []string{"member", "thanhvien"}, usage: msg{VI: "them|xoa ID [đơn vị]", EN: "add|remove ID [unit]"}, help: msg{VI: "Cho phép một người báo cáo", EN: "Let someone report"}, admin: true, run: cmdOf(grpsOf, (*groups).member)},
		{names: []string{"history", "lichsu"}, usage: msg{VI: "MÃ", EN: "CODE"}, help: msg{VI: "Nhật ký thay đổi của một hoạt động", EN: "Change history of an activity"}, run: cmdOf(recsOf, (*records).history)},
		{names: []string{"groups", "nhom"}, usage: msg{VI: "[donvi MÃ_NHÓM MÃ_ĐƠN_VỊ]", EN: "[unit CHAT_ID UNIT_CODE]"}, help: msg{VI: "Các nhóm đã đăng ký và đang chờ duyệt", EN: "Subscribed groups and pending requests"}, admin: true, run: cmdOf(grpsOf, (*groups).groups)},
		{names: []string{"summary", "soket"}, usage: msg{VI: "[từ dd/mm/yyyy] [đến dd/mm/yyyy] | quý N[/yyyy] | tháng N[/yyyy] | năm yyyy", EN: "[from dd/mm/yyyy] [to dd/mm/yyyy] | QN[/yyyy] | month N[/yyyy] | year yyyy"}, help: msg{VI: "Sơ kết một kỳ (mặc định: quý này; hoặc quý 4, 6 tháng đầu năm, năm 2026, tháng 11): tóm tắt và tệp Excel in được", EN: "Summary of a period (default: this quarter; or Q4, first half, year 2026, month 11): text and a printable Excel workbook"}, viewer: true, run: viewerOnly(cmdOf(recsOf, (*records).summary))},
		{names: []string{"export", "xuat"}, usage: msg{VI: "[từ dd/mm/yyyy] [đến dd/mm/yyyy] [nd N] [đv MÃ]", EN: "[from dd/mm/yyyy] [to dd/mm/yyyy] [content N] [unit CODE]"}, help: msg{VI: "Xuất báo cáo ra CSV và XLSX (có thể lọc theo kỳ, nội dung, đơn vị)", EN: "Export reports as CSV and XLSX (optionally by period, content area, unit)"}, viewer: true, run: viewerOnly(cmdOf(recsOf, (*records).export))},
		{names: []string{"stop", "huybo"}, help: msg{VI: "Dừng thao tác từng bước đang làm", EN: "Quit the step-by-step flow"}, run: cmdOf(actsOf, (*activities).stopFlow)},
	}
}

// viewerOnly lets run through for coordinators and viewers (read-only routes: the sơ kết, the
// export), logging a viewer's use with what they asked for, and refuses everyone else.
func viewerOnly(run func(*Bot, context.Context, *Request) error) func(*Bot, context.Context, *Request) error {
	return func(b *Bot, ctx context.Context, req *Request) error {
		switch {
		case b.isAdmin(req.From.ID):
		case b.cfg.Viewers[req.From.ID]:
			b.log.Info("viewer read", "cmd", req.Cmd, "args", req.Args, "user", req.From.ID.String(), "name", req.From.Name(), "chat", req.ChatID.String())
		default:
			return userErr(i18n.ViewerOnly)
		}
		return run(b, ctx, req)
	}
}

// button is a kind of inline button, by the prefix of its callback data ("rq:A7:60"), with the
// same permissions as a command: callback data can be forged by any client, so every press is
// checked here, once, before its handler.
type button struct {
	prefix   string
	admin    bool
	reporter bool
	run      func(b *Bot, ctx context.Context, req *Request, kind, rest string) error
}

// buttonTable lists every kind of button the bot sends.
func buttonTable() []*button {
	return []*button{
		{prefix: "p", run: btnOf(asksOf, (*asker).showPassage)},
		{prefix: "rp", reporter: true, run: btnOf(repsOf, (*reports).onReportButton)},
		{prefix: "rq", reporter: true, run: btnOf(repsOf, (*reports).onReportButton)},
		{prefix: "rn", reporter: true, run: btnOf(repsOf, (*reports).onReportButton)},
		{prefix: "rs", reporter: true, run: btnOf(repsOf, (*reports).onReportButton)},
		{prefix: "ack", run: btnOf(firesOf, (*firing).onAck)},
		{prefix: "ac", admin: true, run: btnOf(actsOf, (*activities).onActivityButton)},
		{prefix: "ao", admin: true, run: btnOf(actsOf, (*activities).onActivityButton)},
		{prefix: "as", admin: true, run: btnOf(actsOf, (*activities).onActivityButton)},
		{prefix: "ga", admin: true, run: btnOf(grpsOf, (*groups).onGroupButton)},
		{prefix: "gr", admin: true, run: btnOf(grpsOf, (*groups).onGroupButton)},
		{prefix: "gx", admin: true, run: btnOf(grpsOf, (*groups).onGroupButton)},
		{prefix: "nu", admin: true, run: btnOf(progOf, (*progressViews).onNudgeButton)},
		{prefix: "pv", run: btnOf(progOf, (*progressViews).onProgressButton)},
		{prefix: "rg", reporter: true, run: btnOf(progOf, (*progressViews).onPickerPage)},
		{prefix: "qa", reporter: true, run: btnOf(repsOf, (*reports).onNumberButton)},
		{prefix: "ud", reporter: true, run: btnOf(repsOf, (*reports).onUndoButton)},
		{prefix: "wd", reporter: true, run: btnOf(repsOf, (*reports).onWithdrawButton)},
		{prefix: "rc", run: (*Bot).onRunCommand},
	}
}

// onCallback routes a button press by the prefix of its data, after the permission check.
func (b *Bot) onCallback(ctx context.Context, req *Request) error {
	kind, rest, _ := strings.Cut(req.Callback.Data, ":")
	for _, bt := range buttonTable() {
		if bt.prefix != kind {
			continue
		}
		code := func(string) string { c, _, _ := strings.Cut(rest, ":"); return c }
		if err := b.allow(ctx, req, bt.admin, bt.reporter, false, code); err != nil {
			return b.reps.refuseButton(ctx, req, err)
		}
		return bt.run(b, ctx, req, kind, rest)
	}
	return b.ack(ctx, req, "")
}

// Command is an entry of Telegram's command menu.
type Command struct{ Name, Description string }

// Commands is the command menu in lang: Vietnamese names for "vi", English names otherwise.
func (b *Bot) Commands(lang string) []Command {
	var out []Command
	for _, r := range routeTable() {
		if r.hidden {
			continue
		}
		out = append(out, Command{Name: r.menuName(lang), Description: r.help.F(lang)})
	}
	return out
}

// Languages lists the languages the bot has menus for.
func Languages() []string { return append([]string(nil), i18n.Languages...) }

func (r *route) menuName(lang string) string {
	if lang == "vi" && len(r.names) > 1 {
		return r.names[1]
	}
	return r.names[0]
}

// helpText renders the command list for lang, marking coordinators' commands.
func (b *Bot) helpText(lang string, admin bool) string {
	var sb strings.Builder
	sb.WriteString(i18n.HelpHead.F(lang))
	for _, r := range routeTable() {
		if r.hidden || ((r.admin || r.viewer) && !admin) {
			continue
		}
		name := "/" + r.menuName(lang)
		other := r.names[0]
		if name == "/"+other && len(r.names) > 1 {
			other = r.names[1] // the Vietnamese name; later aliases are old names
		}
		usage := ""
		if u := r.usage.F(lang); u != "" {
			usage = " " + html.EscapeString(u)
		}
		fmt.Fprintf(&sb, "\n%s%s — %s <i>(/%s)</i>", name, usage, html.EscapeString(r.help.F(lang)), other)
		if r.admin || r.viewer {
			sb.WriteString(" 🔑")
		}
	}
	sb.WriteString("\n\n")
	sb.WriteString(i18n.HelpTail.F(lang))
	return sb.String()
}
