package chat

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/scheduler/when"
)

var (
	msgFlowTitle   = msg{"Thêm hoạt động mới (gõ /huybo để dừng).\nNhập <b>tên hoạt động</b>:", "New activity (type /stop to quit).\nType the <b>activity's title</b>:"}
	msgFlowContent = msg{"<b>%s</b>\nHoạt động thuộc nội dung nào của chương trình?", "<b>%s</b>\nWhich content area does it serve?"}
	msgFlowNone    = msg{"Không gắn nội dung", "None"}
	msgFlowWhen    = msg{"Nhập <b>thời gian</b>, ví dụ 15/12 lúc 9h, thứ 6 tuần sau 14h, hằng tuần thứ hai 7h30 (ngày đã qua cũng được, để ghi việc đã làm):", "Type <b>when</b>, e.g. 15/12 lúc 9h, thứ 6 tuần sau 14h, hằng tuần thứ hai 7h30 (a past day is fine, to record work done):"}
	msgFlowOwner   = msg{"Nhập <b>đơn vị phụ trách</b>, hoặc bấm Bỏ qua:", "Type the <b>owner unit</b>, or press Skip:"}
	msgFlowUnit    = msg{"Chọn <b>đơn vị phụ trách</b> (hoặc gõ mã đơn vị), hoặc bấm Bỏ qua:", "Pick the <b>owner unit</b> (or type its code), or press Skip:"}
	msgFlowSkip    = msg{"Bỏ qua", "Skip"}
	msgFlowStopped = msg{"Đã dừng.", "Stopped."}
	msgFlowNothing = msg{"Không có thao tác từng bước nào đang làm.", "There is no step-by-step flow to stop."}
	msgFlowPrivate = msg{"Thêm hoạt động từng bước trong tin nhắn riêng với bot (hoặc gõ một dòng: /hoatdong them THỜI_GIAN Tên hoạt động):", "Add an activity step by step in a private chat with the bot (or in one line: /activity add WHEN Title):"}
	msgFlowOpen    = msg{"➕ Thêm hoạt động", "➕ Add an activity"}
	msgFlowInGroup = msg{"Trong nhóm, hãy thêm hoạt động bằng một dòng: /hoatdong them THỜI_GIAN Tên hoạt động [| nd N] [| đv Đơn vị], hoặc gõ /hoatdong trong tin nhắn riêng với bot.", "In a group, add an activity in one line: /activity add WHEN Title [| content N] [| owner Unit], or type /activity in a private chat with the bot."}
)

// startActivityFlow begins adding an activity step by step, in a private chat: asked for in a
// group, it links to the private chat (or, without a username for the link, gives the one-line
// form), so the group's talk never becomes an activity's title.
func (b *Bot) startActivityFlow(ctx context.Context, req *Request) error {
	if req.ChatKind.IsGroup() {
		btn, ok := b.privateButton(req.ChatID, tr(req.Lang, msgFlowOpen), "activity", "/start activity")
		if !ok {
			return userErr(msgFlowInGroup)
		}
		return b.reply(ctx, req, tr(req.Lang, msgFlowPrivate), []Button{btn})
	}
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, &bot.Flow{Kind: "activity", Step: "title"}); err != nil {
		return err
	}
	return b.reply(ctx, req, tr(req.Lang, msgFlowTitle))
}

// continueActivityFlow takes the typed title, time or owner.
func (b *Bot) continueActivityFlow(ctx context.Context, req *Request) error {
	f := *req.Flow
	text := strings.TrimSpace(req.Text)
	switch f.Step {
	case "title":
		if err := checkTitle(text); err != nil {
			return err
		}
		f.Draft.Title, f.Step = text, "content"
		if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, &f); err != nil {
			return err
		}
		var rows [][]Button
		for i, c := range b.cfg.Programme.Contents {
			rows = append(rows, []Button{{Text: truncate(fmt.Sprintf("%d. %s", i+1, c.Title.In(req.Lang)), 48), Data: fmt.Sprintf("ac:%d", i+1)}})
		}
		rows = append(rows, []Button{{Text: tr(req.Lang, msgFlowNone), Data: "ac:0"}})
		return b.reply(ctx, req, tr(req.Lang, msgFlowContent, esc(text)), rows...)
	case "when":
		w, err := when.ParseWhen(text, b.cfg.Now(), b.cfg.Loc, whenOpts(true))
		if err != nil {
			return b.whenErr(err)
		}
		setWhen(&f.Draft, w)
		f.Step = "owner"
		if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, &f); err != nil {
			return err
		}
		return b.reply(ctx, req, tr(req.Lang, b.ownerQuestion()), b.ownerButtons(req.Lang)...)
	case "owner":
		if err := b.setOwnerUnit(&f.Draft, text); err != nil {
			return err
		}
		return b.nextActivityStep(ctx, req, f)
	case "targets", "person", "lead":
		if err := b.applyFields(&f.Draft, map[string]string{f.Step: text}); err != nil {
			return err
		}
		return b.nextActivityStep(ctx, req, f)
	}
	// A step that wants a button: repeat the question.
	return b.reply(ctx, req, tr(req.Lang, msgFlowWhen))
}

// onActivityButton handles ac:N (content area) and ao: (skip owner); coordinators only, checked
// by the route table.
func (b *Bot) onActivityButton(ctx context.Context, req *Request, kind, rest string) error {
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	if req.Flow == nil || req.Flow.Kind != "activity" {
		return b.startActivityFlow(ctx, req)
	}
	f := *req.Flow
	switch {
	case kind == "ac" && f.Step == "content":
		n, err := strconv.Atoi(rest)
		if err != nil || n < 0 || n > len(b.cfg.Programme.Contents) {
			return userErr(msgBadArea, len(b.cfg.Programme.Contents))
		}
		f.Draft.Content, f.Step = n, "when"
		if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, &f); err != nil {
			return err
		}
		return b.reply(ctx, req, tr(req.Lang, msgFlowWhen))
	case kind == "ao" && f.Step == "owner":
		if rest != "" {
			if err := b.setOwnerUnit(&f.Draft, rest); err != nil {
				return err
			}
		}
		return b.nextActivityStep(ctx, req, f)
	case kind == "as" && rest == f.Step:
		// "Bỏ qua" on an optional step: nothing set, on to the next.
		return b.nextActivityStep(ctx, req, f)
	}
	return nil
}

// optionalSteps are what the one-line form can say beyond title, area, time and unit, asked in
// this order, each skippable: targets, the owner person, the lead times.
var optionalSteps = []struct {
	step     string
	question msg
}{
	{"targets", msg{"Nhập <b>chỉ tiêu</b> (số kèm đơn vị tính), ví dụ <i>20 buổi, 500 lượt người</i>, hoặc bấm Bỏ qua:", "Type the <b>targets</b> (numbers with units), e.g. <i>20 sessions, 500 people</i>, or press Skip:"}},
	{"person", msg{"Nhập <b>người phụ trách</b> (@tên_người_dùng hoặc mã số mà lệnh /maso hiển thị), hoặc bấm Bỏ qua:", "Type the <b>owner person</b> (@username or the id /id shows), or press Skip:"}},
	{"lead", msg{"Nhắc trước bao lâu? Ví dụ <i>1d, 1h</i> (1 ngày và 1 giờ trước), hoặc bấm Bỏ qua để nhắc như mặc định (1 ngày và 1 giờ trước):", "Remind how long before? E.g. <i>1d, 1h</i> (a day and an hour before), or press Skip for the default (a day and an hour before):"}},
}

// nextActivityStep asks the optional step after f's, or creates the activity after the last.
func (b *Bot) nextActivityStep(ctx context.Context, req *Request, f bot.Flow) error {
	next := 0
	for i, s := range optionalSteps {
		if s.step == f.Step {
			next = i + 1
		}
	}
	if next >= len(optionalSteps) {
		return b.finishActivityFlow(ctx, req, f)
	}
	s := optionalSteps[next]
	f.Step = s.step
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, &f); err != nil {
		return err
	}
	return b.reply(ctx, req, tr(req.Lang, s.question), []Button{{Text: tr(req.Lang, msgFlowSkip), Data: "as:" + s.step}})
}

// finishActivityFlow creates the drafted activity.
func (b *Bot) finishActivityFlow(ctx context.Context, req *Request, f bot.Flow) error {
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, nil); err != nil {
		return err
	}
	a := f.Draft
	a.Status, a.CreatedBy, a.Updated = bot.Planned, req.From.ID, b.cfg.Now()
	return b.createActivity(ctx, req, a)
}

// stopFlow ends whatever guided flow the user is in, in this chat.
func (b *Bot) stopFlow(ctx context.Context, req *Request) error {
	if req.Flow == nil {
		return b.reply(ctx, req, tr(req.Lang, msgFlowNothing))
	}
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, nil); err != nil {
		return err
	}
	return b.reply(ctx, req, tr(req.Lang, msgFlowStopped))
}

// ownerQuestion asks for the owner unit: to pick one of the programme's units, or to type one.
func (b *Bot) ownerQuestion() msg {
	if len(b.cfg.Programme.Units) > 0 {
		return msgFlowUnit
	}
	return msgFlowOwner
}

// ownerButtons are the programme's units, sub-units indented under their parents, and Skip.
func (b *Bot) ownerButtons(lang string) [][]Button {
	units, depth := b.cfg.Programme.UnitTree()
	rows := make([][]Button, 0, len(units)+1)
	for i, u := range units {
		label := strings.Repeat("· ", depth[i]) + u.Name.In(lang)
		rows = append(rows, []Button{{Text: truncate(label, 48), Data: "ao:" + strings.ToUpper(u.Code)}})
	}
	return append(rows, []Button{{Text: tr(lang, msgFlowSkip), Data: "ao:"}})
}
