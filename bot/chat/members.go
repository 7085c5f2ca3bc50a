package chat

import (
	"context"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/view"
)

// memberTTL is how long Telegram's answer on group membership is trusted; not-a-member answers are
// kept shorter so a cadre who just joined is let in soon.
const (
	memberTTL    = 10 * time.Minute
	nonMemberTTL = 2 * time.Minute
)

// reporterAccess is who may report, as the permission check found it.
type reporterAccess struct {
	ok bool
	// unit is the reporter's unit as a coordinator gave it with /member; empty otherwise.
	unit string
	// act is the activity the command named, when found.
	act   bot.Activity
	found bool
}

// reporterAccess says whether the user may report, and reads the activity code with it.
func (b *groups) reporterAccess(ctx context.Context, u Update, code string) (reporterAccess, error) {
	acc, err := b.cfg.Store.Access(ctx, u.From.ID, code)
	if err != nil {
		return reporterAccess{}, err
	}
	out := reporterAccess{unit: acc.Unit, act: acc.Activity, found: acc.Found}
	var via bot.SubscribedGroup
	out.ok, via, err = b.mayReportWith(ctx, u, acc)
	if out.unit == "" {
		// A cadre reports for the unit of the group that lets them report.
		out.unit = via.Unit
	}
	return out, err
}

// mayReportWith decides from what Access read, asking Telegram only when needed; via is the
// approved group whose membership lets the user report, when that is what does.
func (b *groups) mayReportWith(ctx context.Context, u Update, acc bot.Access) (ok bool, via bot.SubscribedGroup, err error) {
	// Writing in an approved group shows membership of it.
	for _, g := range acc.Groups {
		if g.ChatID == u.ChatID {
			return true, g, nil
		}
	}
	if acc.Added || b.isAdmin(u.From.ID) {
		return true, via, nil
	}
	groups := acc.Groups
	if b.cfg.Members == nil || len(groups) == 0 {
		return false, via, nil
	}
	ids := make([]bot.ID, len(groups))
	for i, g := range groups {
		ids[i] = g.ChatID
	}
	cached, err := b.cfg.Store.CachedMembership(ctx, u.From.ID, ids)
	if err != nil {
		return false, via, err
	}
	for i, g := range groups {
		if isMember(cached[i]) {
			return true, g, nil
		}
	}
	for i, g := range groups {
		if cached[i] != "" {
			continue
		}
		status, err := b.cfg.Members.MemberStatus(ctx, g.ChatID, u.From.ID)
		if err != nil {
			b.log.Warn("membership check failed", "chat", g.ChatID, "err", err)
			continue
		}
		ttl := nonMemberTTL
		if isMember(status) {
			ttl = memberTTL
		}
		if err := b.cfg.Store.CacheMembership(ctx, u.From.ID, g.ChatID, status, ttl); err != nil {
			return false, via, err
		}
		if isMember(status) {
			return true, g, nil
		}
	}
	return false, via, nil
}

func isMember(status string) bool {
	switch status {
	case "creator", "administrator", "member", "restricted":
		return true
	}
	return false
}

// mayReport returns the user's unit, or the polite refusal.
func (b *groups) mayReport(ctx context.Context, u Update) (string, error) {
	acc, err := b.reporterAccess(ctx, u, "")
	if err != nil {
		return "", err
	}
	if !acc.ok {
		return "", notAllowed(u.From.ID)
	}
	return acc.unit, nil
}

// checkReporter lets the request's user through when they may report, keeping what the check
// read (their unit, the activity code names) on the request for the handler.
func (b *groups) checkReporter(ctx context.Context, req *Request, code string) error {
	acc, err := b.reporterAccess(ctx, req.Update, code)
	if err != nil {
		return err
	}
	if !acc.ok {
		return notAllowed(req.From.ID)
	}
	req.access = &acc
	return nil
}

// notAllowed is the polite refusal to someone who may not report, with how to be added.
func notAllowed(id bot.ID) error { return userErr(i18n.NotAllowed, id.String(), id.String()) }

// audit is an audit entry by the request's user, now.
func (b *groups) audit(req *Request, action string) bot.Audit {
	return bot.Audit{At: b.cfg.Now(), By: req.From.ID, ByName: req.From.Name(), Action: action}
}

// member handles /member add|remove ID [unit] (coordinators).
func (b *groups) member(ctx context.Context, req *Request) error {
	f := strings.Fields(req.Args)
	if len(f) < 2 {
		return userErr(i18n.MemberUsage)
	}
	id, err := bot.ParseID(f[1])
	if n, tg := id.Telegram(); err != nil || (tg && n <= 0) {
		return userErr(i18n.MemberUsage)
	}
	switch programme.Fold(f[0]) {
	case "add", "them":
		unit := strings.Join(f[2:], " ")
		if unit != "" && len(b.cfg.Programme.Units) > 0 {
			u, err := b.acts.findUnit(unit)
			if err != nil {
				return err
			}
			unit = strings.ToUpper(u.Code)
		}
		a := b.audit(req, bot.ActMemberAdd)
		a.User, a.After = id, unit
		if err := b.cfg.Store.SetReporter(ctx, id, unit, false, a); err != nil {
			return err
		}
		note := ""
		if unit != "" {
			note = i18n.MemberUnit.F(req.Lang, view.Esc(b.view.UnitName(req.Lang, unit)))
		}
		return b.reply(ctx, req, i18n.MemberAdded.F(req.Lang, view.Esc(id.String()), note))
	case "remove", "xoa", "bo":
		a := b.audit(req, bot.ActMemberRemove)
		a.User = id
		if err := b.cfg.Store.SetReporter(ctx, id, "", true, a); err != nil {
			return err
		}
		return b.reply(ctx, req, i18n.MemberGone.F(req.Lang, view.Esc(id.String())))
	}
	return userErr(i18n.MemberUsage)
}

// whoami tells a user their id, to pass to a coordinator.
func (b *groups) whoami(ctx context.Context, req *Request) error {
	return b.reply(ctx, req, i18n.YourID.F(req.Lang, view.Esc(req.From.ID.String())))
}
