package chat

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/view"
)

// The views of /progress beyond the whole programme: one unit with its sub-units, one content
// area, and what is overdue or not reported. All read one assessment (assess.go).

// progressView routes /progress's arguments: a unit, a content area, or "not reported"; ok is
// false for anything else (an activity code, or nothing).
func (b *progressViews) progressView(ctx context.Context, req *Request) (ok bool, err error) {
	args := strings.TrimSpace(req.Args)
	f := programme.Fold(args)
	for _, p := range []string{"chua bao cao", "qua han"} {
		if rest, ok := strings.CutPrefix(f, p); ok {
			return true, b.staleView(ctx, req, strings.TrimSpace(rest))
		}
	}
	verb, rest, _ := strings.Cut(args, " ")
	rest = strings.TrimSpace(rest)
	switch programme.Fold(verb) {
	case "donvi", "dv", "unit":
		return true, b.unitView(ctx, req, rest)
	case "nd", "noidung", "content":
		return true, b.areaView(ctx, req, rest)
	case "chuabaocao", "cbc", "stale", "late", "quahan", "overdue":
		return true, b.staleView(ctx, req, rest)
	}
	return false, nil
}

// unitView shows a unit: its roll-up, its sub-units' and its activities (its own and its
// sub-units').
func (b *progressViews) unitView(ctx context.Context, req *Request, code string) error {
	p := b.cfg.Programme
	if len(p.Units) == 0 {
		return userErr(i18n.NoUnits)
	}
	if code == "" {
		return userErr(i18n.UnitUsage, p.UnitCodes()[0], strings.Join(p.UnitCodes(), ", "))
	}
	u, err := b.acts.findUnit(code)
	if err != nil {
		return err
	}
	as, err := b.assessNow(ctx, 0)
	if err != nil {
		return err
	}
	code = strings.ToUpper(u.Code)
	var sb strings.Builder
	sb.WriteString(i18n.UnitHead.F(req.Lang, view.Esc(u.Name.In(req.Lang)), b.view.Time(as.Now)))
	rolls := b.byUnit(req.Lang, as)
	var self *rollup
	var subs []rollup
	for i, r := range rolls {
		switch {
		case r.Code == code:
			self = &rolls[i]
		case r.Code != "" && r.Code != code && b.cfg.Programme.UnitWithin(r.Code, code):
			subs = append(subs, r)
		}
	}
	if self != nil {
		sb.WriteString("\n" + b.rollText(req.Lang, *self))
	}
	if len(subs) > 0 {
		sb.WriteString("\n\n" + i18n.SubUnits.F(req.Lang))
		base := 0
		if self != nil {
			base = self.Depth + 1
		}
		for _, r := range subs {
			fmt.Fprintf(&sb, "\n%s• <b>%s</b>: %s", strings.Repeat("  ", max(0, r.Depth-base)), view.Esc(r.Name), b.rollText(req.Lang, r))
		}
	}
	var items []bot.Assessed
	for _, it := range as.Items {
		if it.Activity.Unit != "" && p.UnitWithin(it.Activity.Unit, code) {
			items = append(items, it)
		}
	}
	sb.WriteString("\n\n" + i18n.ActsHead.F(req.Lang))
	b.writeItems(&sb, req.Lang, items)
	return b.reply(ctx, req, sb.String())
}

// areaView shows one content area: its roll-up and its activities.
func (b *progressViews) areaView(ctx context.Context, req *Request, arg string) error {
	n, err := b.acts.findArea(arg)
	if err != nil {
		return err
	}
	c, _ := b.acts.area(n)
	as, err := b.assessNow(ctx, 0)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString(i18n.AreaHead.F(req.Lang, n, view.Esc(c.Title.In(req.Lang)), b.view.Time(as.Now)))
	sb.WriteString("\n" + b.rollText(req.Lang, b.byArea(req.Lang, as)[n-1]))
	var items []bot.Assessed
	for _, it := range as.Items {
		if it.Activity.Content == n {
			items = append(items, it)
		}
	}
	sb.WriteString("\n\n" + i18n.ActsHead.F(req.Lang))
	b.writeItems(&sb, req.Lang, items)
	return b.reply(ctx, req, sb.String())
}

// rollText is a roll-up's one line of figures.
func (b *progressViews) rollText(lang string, r rollup) string {
	return i18n.RollLine.F(lang, r.Acts, r.Percent(), r.Done, r.Overdue, r.Stale)
}

// writeItems lists activities with their status, progress and targets.
func (b *progressViews) writeItems(sb *strings.Builder, lang string, items []bot.Assessed) {
	if len(items) == 0 {
		sb.WriteString("\n" + i18n.NoActs.F(lang))
	}
	for _, it := range items {
		a := it.Activity
		fmt.Fprintf(sb, "\n• <b>%s</b> %s <i>(%s)</i>", view.Esc(a.Code), view.Esc(view.Title(lang, a)), i18n.StatusName(lang, it.State.Status))
		if o := b.view.OwnerUnit(lang, a); o != "" {
			sb.WriteString(" — " + view.Esc(o))
		}
		sb.WriteString("\n  " + b.progressLine(lang, it.State))
		if t := view.TargetsText(lang, it.Achieved); t != "" {
			sb.WriteString("\n  " + i18n.TargetsShort.F(lang, t))
		}
	}
}

// staleView lists what is overdue and what has no report in N days, with the units and owner
// persons concerned; a coordinator gets a button to nudge the owners now.
func (b *progressViews) staleView(ctx context.Context, req *Request, arg string) error {
	days := bot.DefaultStaleDays
	if arg != "" {
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(programme.Fold(arg), "ngay")))
		if err != nil || n < 1 || n > 365 {
			return userErr(i18n.StaleUsage)
		}
		days = n
	}
	as, err := b.assessNow(ctx, days)
	if err != nil {
		return err
	}
	text := b.staleText(req.Lang, as)
	var rows [][]Button
	if b.isAdmin(req.From.ID) && len(staleOwners(as)) > 0 {
		rows = append(rows, []Button{{Text: i18n.NudgeButton.F(req.Lang), Data: "nu:" + strconv.Itoa(days)}})
	}
	return b.reply(ctx, req, text, rows...)
}

// staleText is the overdue and not-reported lists of an assessment, with units and owners.
func (b *progressViews) staleText(lang string, as bot.Assessment) string {
	var sb strings.Builder
	sb.WriteString(i18n.StaleHead.F(lang, b.view.Time(as.Now)))
	var overdue, stale []bot.Assessed
	for _, it := range as.Items {
		if it.State.Status == bot.Overdue {
			overdue = append(overdue, it)
		}
		if it.Stale {
			stale = append(stale, it)
		}
	}
	if len(overdue) == 0 && len(stale) == 0 {
		return sb.String() + "\n" + i18n.NothingLate.F(lang)
	}
	if len(overdue) > 0 {
		sb.WriteString("\n\n" + i18n.OverdueHead.F(lang, len(overdue)))
		for _, it := range overdue {
			sb.WriteString(b.lateLine(lang, it))
		}
	}
	if len(stale) > 0 {
		sb.WriteString("\n\n" + i18n.StaleActs.F(lang, as.StaleDays, len(stale)))
		for _, it := range stale {
			sb.WriteString(b.lateLine(lang, it))
		}
		// Every unit with stale activities, a parent counting its sub-units' too.
		var units []string
		for _, r := range b.byUnit(lang, as) {
			if r.Stale > 0 {
				units = append(units, fmt.Sprintf("\n%s• %s: %d", strings.Repeat("  ", r.Depth), view.Esc(r.Name), r.Stale))
			}
		}
		if len(units) > 0 {
			sb.WriteString("\n\n" + i18n.StaleUnits.F(lang) + strings.Join(units, ""))
		}
		if owners := staleOwners(as); len(owners) > 0 {
			sb.WriteString("\n\n" + i18n.StaleOwners.F(lang))
			for _, o := range owners {
				fmt.Fprintf(&sb, "\n• %s: %s", view.Esc(view.PersonText(o.person)), view.Esc(strings.Join(o.codes, ", ")))
			}
		}
	}
	return sb.String()
}

// lateLine is one overdue or stale activity: code, title, unit, owner, due date, last report.
func (b *progressViews) lateLine(lang string, it bot.Assessed) string {
	a := it.Activity
	parts := []string{}
	if o := b.view.OwnerUnit(lang, a); o != "" {
		parts = append(parts, view.Esc(o))
	}
	if a.Person != "" {
		parts = append(parts, i18n.PersonShort.F(lang, view.Esc(view.PersonText(a.Person))))
	}
	if !it.State.Occ.IsZero() {
		parts = append(parts, i18n.DueOn.F(lang, b.view.Date(it.State.Occ)))
	}
	if it.Last.IsZero() {
		parts = append(parts, i18n.NeverRep.F(lang))
	} else {
		parts = append(parts, i18n.LastSeen.F(lang, b.view.Date(it.Last)))
	}
	return fmt.Sprintf("\n• <b>%s</b> %s — %s", view.Esc(a.Code), view.Esc(view.Title(lang, a)), strings.Join(parts, " · "))
}

// staleOwner is an owner person with the codes of their stale activities.
type staleOwner struct {
	person string
	codes  []string
}

// staleOwners are the owner persons of stale activities, in order of first appearance.
func staleOwners(as bot.Assessment) []staleOwner {
	var out []staleOwner
	idx := map[string]int{}
	for _, it := range as.Items {
		p := strings.ToLower(it.Activity.Person)
		if !it.Nudge || p == "" {
			continue
		}
		i, ok := idx[p]
		if !ok {
			i = len(out)
			idx[p] = i
			out = append(out, staleOwner{person: it.Activity.Person})
		}
		out[i].codes = append(out[i].codes, it.Activity.Code)
	}
	return out
}

// lateFooter is the line under /progress that counts what is overdue and not reported.
func (b *progressViews) lateFooter(lang string, as bot.Assessment) string {
	c := countStatus(as)
	if c.overdue == 0 && c.stale == 0 {
		return ""
	}
	return "\n\n" + i18n.LateFooter.F(lang, c.overdue, as.StaleDays, c.stale)
}

// nudgeOwners sends each owner person of a stale activity one private nudge per slot (once,
// also with several processes): the digest's occurrence, or a coordinator's press per day. It
// returns how many persons it nudged, and how many of the others it would have nudged but for
// a nudge already sent in this slot.
func (b *progressViews) nudgeOwners(ctx context.Context, as bot.Assessment, slot string) (sent, again int, err error) {
	nudged, skipped := map[bot.ID]bool{}, map[bot.ID]bool{}
	for _, it := range as.Items {
		if !it.Nudge || it.Activity.Person == "" {
			continue
		}
		id, ok, err := b.acts.personID(ctx, it.Activity)
		if err != nil {
			return len(nudged), 0, err
		}
		if !ok {
			b.log.Info("owner not nudged: unknown to the bot", "activity", it.Activity.Code, "person", it.Activity.Person)
			continue
		}
		if b.cfg.Reminders != nil {
			first, err := b.cfg.Reminders.Once(ctx, nudgeSlot(slot, it.Activity.Code, id), onceTTL)
			if err != nil {
				return len(nudged), 0, err
			}
			if !first {
				skipped[id] = true
				continue
			}
		}
		if b.sendNudge(ctx, id, it, as.StaleDays) {
			nudged[id] = true
		}
	}
	for id := range skipped {
		if !nudged[id] {
			again++
		}
	}
	return len(nudged), again, nil
}

// sendNudge asks one person privately to report on an activity with no report in days days.
func (b *progressViews) sendNudge(ctx context.Context, id bot.ID, it bot.Assessed, days int) bool {
	lang := b.userLang(ctx, id, b.cfg.Lang)
	a := it.Activity
	text := i18n.NudgePriv.F(lang, view.Esc(a.Code), view.Esc(view.Title(lang, a)), days, view.Esc(a.Code))
	if it.Last.IsZero() && !it.State.Reported {
		text = i18n.NudgeNever.F(lang, view.Esc(a.Code), view.Esc(view.Title(lang, a)), view.Esc(a.Code))
	}
	_, err := b.send(ctx, Reply{ChatID: id, Text: text})
	if err != nil {
		if !errors.Is(err, ErrChatGone) {
			b.log.Warn("private nudge failed", "user", id, "err", err)
		}
		return false
	}
	return true
}

// onNudgeButton handles "nu:N": a coordinator nudges the owners of what has no report in N days.
func (b *progressViews) onNudgeButton(ctx context.Context, req *Request, _, rest string) error {
	days, err := strconv.Atoi(rest)
	if err != nil || days < 1 || days > 365 {
		days = bot.DefaultStaleDays
	}
	as, err := b.assessNow(ctx, days)
	if err != nil {
		return err
	}
	slot := "press:" + as.Now.In(b.cfg.Loc).Format("2006-01-02")
	n, again, err := b.nudgeOwners(ctx, as, slot)
	if err != nil {
		return err
	}
	note := i18n.NudgesSent.F(req.Lang, n)
	switch {
	case n == 0 && again > 0:
		note = i18n.NudgesAgain.F(req.Lang, again)
	case n == 0:
		note = i18n.NudgesNone.F(req.Lang)
	}
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	return b.reply(ctx, req, note)
}

// dayBounds is [start of from's day, start of the day after to's) in the bot's zone.
func (b *progressViews) dayBounds(from, to time.Time) (time.Time, time.Time) {
	return dayStart(from, b.cfg.Loc), dayStart(to, b.cfg.Loc).AddDate(0, 0, 1)
}
