package chat

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/view"
	"github.com/coordbot/coordbot/scheduler/when"
)

// startActivityFlow begins adding an activity step by step, in a private chat: asked for in a
// group, it links to the private chat (or, without a username for the link, gives the one-line
// form), so the group's talk never becomes an activity's title.
func (b *activities) startActivityFlow(ctx context.Context, req *Request) error {
	if req.ChatKind.IsGroup() {
		btn, ok := b.fires.privateButton(req.ChatID, i18n.FlowOpen.F(req.Lang), "activity", "/start activity")
		if !ok {
			return userErr(i18n.FlowInGroup)
		}
		return b.reply(ctx, req, i18n.FlowPrivate.F(req.Lang), []Button{btn})
	}
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, &bot.Flow{Kind: "activity", Step: "title"}); err != nil {
		return err
	}
	return b.reply(ctx, req, i18n.FlowTitle.F(req.Lang))
}

// continueActivityFlow takes the typed title, time or owner.
func (b *activities) continueActivityFlow(ctx context.Context, req *Request) error {
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
			rows = append(rows, []Button{{Text: view.Truncate(fmt.Sprintf("%d. %s", i+1, c.Title.In(req.Lang)), 48), Data: fmt.Sprintf("ac:%d", i+1)}})
		}
		rows = append(rows, []Button{{Text: i18n.FlowNone.F(req.Lang), Data: "ac:0"}})
		return b.reply(ctx, req, i18n.FlowContent.F(req.Lang, view.Esc(text)), rows...)
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
		return b.reply(ctx, req, b.ownerQuestion().F(req.Lang), b.ownerButtons(req.Lang)...)
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
	return b.reply(ctx, req, i18n.FlowWhen.F(req.Lang))
}

// onActivityButton handles ac:N (content area) and ao: (skip owner); coordinators only, checked
// by the route table.
func (b *activities) onActivityButton(ctx context.Context, req *Request, kind, rest string) error {
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
			return userErr(i18n.BadArea, len(b.cfg.Programme.Contents))
		}
		f.Draft.Content, f.Step = n, "when"
		if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, &f); err != nil {
			return err
		}
		return b.reply(ctx, req, i18n.FlowWhen.F(req.Lang))
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
	{"targets", msg{VI: "Nhập <b>chỉ tiêu</b> (số kèm đơn vị tính), ví dụ <i>20 buổi, 500 lượt người</i>, hoặc bấm Bỏ qua:", EN: "Type the <b>targets</b> (numbers with units), e.g. <i>20 sessions, 500 people</i>, or press Skip:"}},
	{"person", msg{VI: "Nhập <b>người phụ trách</b> (@tên_người_dùng hoặc mã số mà lệnh /maso hiển thị), hoặc bấm Bỏ qua:", EN: "Type the <b>owner person</b> (@username or the id /id shows), or press Skip:"}},
	{"lead", msg{VI: "Nhắc trước bao lâu? Ví dụ <i>1d, 1h</i> (1 ngày và 1 giờ trước), hoặc bấm Bỏ qua để nhắc như mặc định (1 ngày và 1 giờ trước):", EN: "Remind how long before? E.g. <i>1d, 1h</i> (a day and an hour before), or press Skip for the default (a day and an hour before):"}},
}

// nextActivityStep asks the optional step after f's, or creates the activity after the last.
func (b *activities) nextActivityStep(ctx context.Context, req *Request, f bot.Flow) error {
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
	return b.reply(ctx, req, s.question.F(req.Lang), []Button{{Text: i18n.FlowSkip.F(req.Lang), Data: "as:" + s.step}})
}

// finishActivityFlow creates the drafted activity.
func (b *activities) finishActivityFlow(ctx context.Context, req *Request, f bot.Flow) error {
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, nil); err != nil {
		return err
	}
	a := f.Draft
	a.Status, a.CreatedBy, a.Updated = bot.Planned, req.From.ID, b.cfg.Now()
	return b.createActivity(ctx, req, a)
}

// stopFlow ends whatever guided flow the user is in, in this chat.
func (b *activities) stopFlow(ctx context.Context, req *Request) error {
	if req.Flow == nil {
		return b.reply(ctx, req, i18n.FlowNothing.F(req.Lang))
	}
	if err := b.cfg.Store.SetFlow(ctx, req.From.ID, req.ChatID, nil); err != nil {
		return err
	}
	return b.reply(ctx, req, i18n.FlowStopped.F(req.Lang))
}

// ownerQuestion asks for the owner unit: to pick one of the programme's units, or to type one.
func (b *activities) ownerQuestion() msg {
	if len(b.cfg.Programme.Units) > 0 {
		return i18n.FlowUnit
	}
	return i18n.FlowOwner
}

// ownerButtons are the programme's units, sub-units indented under their parents, and Skip.
func (b *activities) ownerButtons(lang string) [][]Button {
	units, depth := b.cfg.Programme.UnitTree()
	rows := make([][]Button, 0, len(units)+1)
	for i, u := range units {
		label := strings.Repeat("· ", depth[i]) + u.Name.In(lang)
		rows = append(rows, []Button{{Text: view.Truncate(label, 48), Data: "ao:" + strings.ToUpper(u.Code)}})
	}
	return append(rows, []Button{{Text: i18n.FlowSkip.F(lang), Data: "ao:"}})
}
