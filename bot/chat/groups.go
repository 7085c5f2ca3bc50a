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

// groupAdmin lets through, in a group, a coordinator or an admin of the group.
func (b *groups) groupAdmin(ctx context.Context, req *Request) error {
	zalo := req.ChatID.Platform() == bot.PlatformZalo
	if !req.ChatKind.IsGroup() {
		if zalo && b.cfg.ZaloPrivateReminders {
			return userErr(i18n.ZaloNoGroups)
		}
		return userErr(i18n.GroupOnly)
	}
	if b.isAdmin(req.From.ID) {
		return nil
	}
	if zalo {
		// Zalo tells a bot nothing of who administers a group: anyone in it may ask to subscribe
		// (a coordinator approves, which is the real check); only a coordinator unsubscribes.
		if req.Cmd == "subscribe" {
			return nil
		}
		return userErr(i18n.SubZalo)
	}
	if b.cfg.Members != nil {
		status, err := b.cfg.Members.MemberStatus(ctx, req.ChatID, req.From.ID)
		if err != nil {
			return err
		}
		if status == "creator" || status == "administrator" {
			return nil
		}
	}
	return userErr(i18n.SubAdmin)
}

func (b *groups) chatTitle(req *Request) string {
	if req.ChatTitle != "" {
		return req.ChatTitle
	}
	return req.ChatID.String()
}

// subscribeOn handles /subscribe in a group: a coordinator approves at once; a group admin's
// is a request that goes to the coordinators with "Duyệt" / "Từ chối" buttons.
func (b *groups) subscribeOn(ctx context.Context, req *Request) error {
	title := b.chatTitle(req)
	unit := ""
	if req.Args != "" && len(b.cfg.Programme.Units) > 0 {
		// A programme without units has nothing to tie the group to: what follows is ignored.
		u, err := b.acts.findUnit(req.Args)
		if err != nil {
			return err
		}
		unit = strings.ToUpper(u.Code)
	}
	if b.isAdmin(req.From.ID) {
		a := b.audit(req, bot.ActGroupApprove)
		a.Chat, a.After = req.ChatID, view.GroupAudit(title, unit)
		changed, err := b.cfg.Store.ApproveGroup(ctx, bot.SubscribedGroup{ChatID: req.ChatID, Title: title, Unit: unit}, a)
		if err != nil {
			return err
		}
		if !changed {
			if unit != "" {
				return b.setGroupUnit(ctx, req, req.ChatID, unit)
			}
			return b.reply(ctx, req, i18n.AlreadySub.F(req.Lang, view.GroupName(req.Lang, title)))
		}
		return b.reply(ctx, req, i18n.Subscribed.F(req.Lang, view.GroupName(req.Lang, title))+b.groupUnitNote(req.Lang, req.ChatID, unit))
	}
	a := b.audit(req, bot.ActGroupRequest)
	a.Chat, a.After = req.ChatID, view.GroupAudit(title, unit)
	approved, err := b.cfg.Store.RequestGroup(ctx, bot.GroupRequest{ChatID: req.ChatID, Title: title, By: req.From.ID,
		ByName: req.From.Name(), At: b.cfg.Now(), Unit: unit}, a)
	if err != nil {
		return err
	}
	if approved {
		return b.reply(ctx, req, i18n.AlreadySub.F(req.Lang, view.GroupName(req.Lang, title)))
	}
	if err := b.reply(ctx, req, i18n.Requested.F(req.Lang, view.GroupNameMid(req.Lang, title))); err != nil {
		return err
	}
	// Each coordinator gets the request privately (one who never started the bot cannot).
	for id := range b.cfg.Admins {
		lang := b.userLang(ctx, id, b.cfg.Lang)
		text := i18n.RequestToAd.F(lang, view.Esc(title), view.Esc(req.ChatID.String()), view.Mention(req.From.ID, req.From.Name())) +
			b.groupUnitNote(lang, req.ChatID, unit)
		buttons := []Button{{Text: i18n.Approve.F(lang), Data: "ga:" + req.ChatID.Key()},
			{Text: i18n.Refuse.F(lang), Data: "gr:" + req.ChatID.Key()}}
		if _, err := b.send(ctx, Reply{ChatID: id, Text: text, Buttons: [][]Button{buttons}}); err != nil {
			b.log.Warn("group request not delivered to a coordinator", "coordinator", id, "err", err)
		}
	}
	return nil
}

// subscribeOff handles /unsubscribe in a group: the group gets nothing more, and the reminders
// set in it are cancelled with it, in one step.
func (b *groups) subscribeOff(ctx context.Context, req *Request) error {
	title := b.chatTitle(req)
	a := b.audit(req, bot.ActGroupRemove)
	a.Chat, a.Before = req.ChatID, title
	removed, n, err := b.cfg.Store.RemoveGroup(ctx, req.ChatID, a)
	if err != nil {
		return err
	}
	if !removed && n == 0 {
		return b.reply(ctx, req, i18n.NotSubbed.F(req.Lang, view.GroupName(req.Lang, title)))
	}
	text := i18n.Unsubbed.F(req.Lang, view.GroupName(req.Lang, title))
	if n > 0 {
		text += i18n.UnsubRem.F(req.Lang, n)
	}
	return b.reply(ctx, req, text)
}

// groups lists approved groups and pending requests, with buttons (coordinators).
func (b *groups) groups(ctx context.Context, req *Request) error {
	if verb, rest, _ := strings.Cut(req.Args, " "); req.Args != "" {
		switch programme.Fold(verb) {
		case "donvi", "dv", "unit":
			return b.groupUnitCmd(ctx, req, rest)
		}
		return userErr(i18n.GroupUnitUsage)
	}
	gs, err := b.cfg.Store.Groups(ctx)
	if err != nil {
		return err
	}
	rqs, err := b.cfg.Store.GroupRequests(ctx)
	if err != nil {
		return err
	}
	var sb strings.Builder
	var rows [][]Button
	sb.WriteString(i18n.GroupsHead.F(req.Lang))
	if len(gs) == 0 {
		sb.WriteString("\n" + i18n.GroupsNone.F(req.Lang))
	}
	for _, g := range gs {
		fmt.Fprintf(&sb, "\n• %s (<code>%s</code>)", view.Esc(g.Title), view.Esc(g.ChatID.String()))
		if g.Unit != "" {
			sb.WriteString(" — " + view.Esc(b.view.UnitName(req.Lang, g.Unit)))
		}
		rows = append(rows, []Button{{Text: view.Truncate(i18n.RemoveGroup.F(req.Lang)+" "+g.Title, 48), Data: "gx:" + g.ChatID.Key()}})
	}
	if len(b.cfg.Programme.Units) > 0 && len(gs) > 0 {
		sb.WriteString("\n" + i18n.GroupUnitHint.F(req.Lang))
	}
	if len(rqs) > 0 {
		sb.WriteString("\n\n" + i18n.GroupsReqs.F(req.Lang))
		for _, r := range rqs {
			fmt.Fprintf(&sb, "\n• %s (<code>%s</code>) — %s, %s", view.Esc(r.Title), view.Esc(r.ChatID.String()), view.Esc(r.ByName), b.view.Time(r.At))
			if r.Unit != "" {
				sb.WriteString(" — " + view.Esc(b.view.UnitName(req.Lang, r.Unit)))
			}
			rows = append(rows, []Button{
				{Text: view.Truncate(i18n.Approve.F(req.Lang)+" "+r.Title, 40), Data: "ga:" + r.ChatID.Key()},
				{Text: i18n.Refuse.F(req.Lang), Data: "gr:" + r.ChatID.Key()}})
		}
	}
	return b.reply(ctx, req, sb.String(), rows...)
}

// onGroupButton handles the group buttons, coordinators only (checked by the route table): ga:CHAT
// approves and gr:CHAT refuses a pending request, gx:CHAT removes an approved group. Each kind
// does only its own thing, so a stale press (a request another coordinator already decided)
// changes nothing and says what happened. A gx on a group that is not approved but still asks is
// a refusal: messages sent before gr existed carried gx on their refuse buttons.
func (b *groups) onGroupButton(ctx context.Context, req *Request, kind, rest string) error {
	chat, err := bot.ParseID(rest)
	if n, tg := chat.Telegram(); err != nil || (tg && n >= 0) {
		return b.ack(ctx, req, i18n.GroupGone.F(req.Lang))
	}
	title := chat.String()
	rqs, err := b.cfg.Store.GroupRequests(ctx)
	if err != nil {
		return err
	}
	pending, unit := false, ""
	for _, r := range rqs {
		if r.ChatID == chat {
			title, pending, unit = r.Title, true, r.Unit
		}
	}
	gs, err := b.cfg.Store.Groups(ctx)
	if err != nil {
		return err
	}
	subscribed := false
	for _, g := range gs {
		if g.ChatID == chat {
			title, subscribed = g.Title, true
		}
	}
	switch {
	case kind == "ga" || kind == "gr":
		return b.decideRequest(ctx, req, chat, title, unit, kind == "ga", subscribed)
	case !subscribed && pending:
		return b.decideRequest(ctx, req, chat, title, unit, false, false)
	}
	a := b.audit(req, bot.ActGroupRemove)
	a.Chat, a.Before = chat, title
	removed, n, err := b.cfg.Store.RemoveGroup(ctx, chat, a)
	if err != nil {
		return err
	}
	if !removed && n == 0 {
		return b.ack(ctx, req, i18n.GroupGone.F(req.Lang))
	}
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	note := ""
	if n > 0 {
		note = " — " + strings.TrimSuffix(strings.TrimPrefix(i18n.UnsubRem.F(req.Lang, n), "\n"), ".")
	}
	return b.reply(ctx, req, i18n.Removed.F(req.Lang, view.GroupNameMid(req.Lang, title), note))
}

// decideRequest approves or refuses chat's request in one store step that checks it is still
// pending; when it is not (another coordinator decided first, or this is an old message), it says
// how the group stands now and changes nothing.
func (b *groups) decideRequest(ctx context.Context, req *Request, chat bot.ID, title, unit string, approve, subscribed bool) error {
	action := bot.ActGroupRefuse
	if approve {
		action = bot.ActGroupApprove
	}
	a := b.audit(req, action)
	a.Chat = chat
	if approve {
		a.After = view.GroupAudit(title, unit)
	} else {
		a.Before = title
	}
	decided, err := b.cfg.Store.DecideRequest(ctx, bot.SubscribedGroup{ChatID: chat, Title: title, Unit: unit}, approve, a)
	if err != nil {
		return err
	}
	if !decided {
		if err := b.ack(ctx, req, ""); err != nil {
			return err
		}
		now := i18n.DecidedGone
		if subscribed {
			now = i18n.DecidedApproved
		}
		return b.reply(ctx, req, now.F(req.Lang, view.GroupNameMid(req.Lang, title)))
	}
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	if approve {
		if err := b.reply(ctx, req, i18n.Approved.F(req.Lang, view.GroupNameMid(req.Lang, title))+b.groupUnitNote(req.Lang, chat, unit)); err != nil {
			return err
		}
		return b.notifyGroup(ctx, chat, i18n.ToGroupOK.F(b.cfg.Lang, view.GroupNameMid(b.cfg.Lang, title)))
	}
	if err := b.reply(ctx, req, i18n.Refused.F(req.Lang, view.GroupNameMid(req.Lang, title), "")); err != nil {
		return err
	}
	return b.notifyGroup(ctx, chat, i18n.ToGroupNo.F(b.cfg.Lang, view.GroupNameMid(b.cfg.Lang, title)))
}

// notifyGroup tells a group what a coordinator decided; a group that removed the bot is fine.
func (b *groups) notifyGroup(ctx context.Context, chat bot.ID, text string) error {
	if _, err := b.send(ctx, Reply{ChatID: chat, Text: text}); err != nil {
		b.log.Warn("could not tell the group", "chat", chat, "err", err)
	}
	return nil
}

// groupUnitNote says which unit a group is tied to, or, when the programme has units and the
// group none, how to tie it.
func (b *groups) groupUnitNote(lang string, chat bot.ID, unit string) string {
	switch {
	case unit != "":
		return i18n.GroupUnitLine.F(lang, view.Esc(b.view.UnitName(lang, unit)))
	case len(b.cfg.Programme.Units) > 0:
		return i18n.GroupNoUnit.F(lang, view.Esc(chat.String()), view.Esc(strings.Join(b.cfg.Programme.UnitCodes(), ", ")))
	}
	return ""
}

// groupUnitCmd handles /groups unit CHAT CODE (coordinators); the unit may be named, as with
// /subscribe and /member.
func (b *groups) groupUnitCmd(ctx context.Context, req *Request, args string) error {
	f := strings.Fields(args)
	if len(f) < 2 {
		return userErr(i18n.GroupUnitUsage)
	}
	chat, err := bot.ParseID(f[0])
	if err != nil {
		return userErr(i18n.GroupUnitUsage)
	}
	unit, name := "", strings.Join(f[1:], " ")
	if name != "-" {
		u, err := b.acts.findUnit(name)
		if err != nil {
			return err
		}
		unit = strings.ToUpper(u.Code)
	}
	return b.setGroupUnit(ctx, req, chat, unit)
}

// setGroupUnit ties an approved group to unit ("" unties it), with its audit entry.
func (b *groups) setGroupUnit(ctx context.Context, req *Request, chat bot.ID, unit string) error {
	gs, err := b.cfg.Store.Groups(ctx)
	if err != nil {
		return err
	}
	var g bot.SubscribedGroup
	for _, x := range gs {
		if x.ChatID == chat {
			g = x
		}
	}
	if g.ChatID.IsZero() {
		return userErr(i18n.GroupNotSub, chat.String())
	}
	a := b.audit(req, bot.ActGroupUnit)
	a.Chat, a.Before, a.After = chat, view.GroupAudit(g.Title, g.Unit), view.GroupAudit(g.Title, unit)
	found, err := b.cfg.Store.SetGroupUnit(ctx, chat, unit, a)
	if err != nil {
		return err
	}
	if !found {
		return userErr(i18n.GroupNotSub, chat.String())
	}
	if unit == "" {
		return b.reply(ctx, req, i18n.GroupUnitOff.F(req.Lang, view.GroupName(req.Lang, g.Title)))
	}
	return b.reply(ctx, req, i18n.GroupUnitSet.F(req.Lang, view.GroupName(req.Lang, g.Title), view.Esc(b.view.UnitName(req.Lang, unit))))
}
