package chat

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/bot/view"
	"github.com/coordbot/coordbot/scheduler/when"
)

// activity handles /activity add|edit|cancel, or starts the guided flow.
func (b *activities) activity(ctx context.Context, req *Request) error {
	verb, rest, _ := strings.Cut(strings.TrimSpace(req.Args), " ")
	if v := programme.Fold(verb); v == "khoi" || v == "danh" { // two words: "khôi phục", "danh sách"
		w, r, _ := strings.Cut(strings.TrimSpace(rest), " ")
		verb, rest = verb+" "+w, r
	}
	switch programme.Fold(verb) {
	case "":
		return b.startActivityFlow(ctx, req)
	case "add", "them", "new", "tao":
		return b.addActivity(ctx, req, strings.TrimSpace(rest))
	case "edit", "sua":
		return b.editActivity(ctx, req, strings.TrimSpace(rest))
	case "cancel", "huy":
		return b.cancelActivity(ctx, req, strings.TrimSpace(rest))
	case "restore", "mo", "khoi phuc", "khoiphuc", "reopen":
		return b.restoreActivity(ctx, req, strings.TrimSpace(rest))
	case "list", "ds", "danh sach", "danhsach":
		return b.prog.plan(ctx, req)
	}
	return userErr(i18n.ActUsage)
}

func (b *activities) addActivity(ctx context.Context, req *Request, args string) error {
	if args == "" {
		return userErr(i18n.ActUsage)
	}
	head, kv, bad := splitSegments(args)
	if bad != "" {
		return userErr(i18n.BadField, bad)
	}
	// A coordinator may enter the year's work already done: a past time is accepted, and the
	// reply says it is past and sends no reminders.
	w, title, err := when.SplitWhen(head, b.cfg.Now(), b.cfg.Loc, whenOpts(true))
	if err != nil {
		return b.whenErr(err)
	}
	if title == "" {
		return userErr(i18n.NoTitle)
	}
	a := bot.Activity{Title: title, Status: bot.Planned, CreatedBy: req.From.ID, Updated: b.cfg.Now()}
	setWhen(&a, w)
	if err := b.applyFields(&a, kv); err != nil {
		return err
	}
	return b.createActivity(ctx, req, a, b.defaultNote(req.Lang, w))
}

// createActivity stores a new activity with its reminders in one step and tells the user its
// code, and which reminders will not be sent because their time has passed.
func (b *activities) createActivity(ctx context.Context, req *Request, a bot.Activity, notes ...string) error {
	if err := checkTitle(a.Title); err != nil {
		return err
	}
	au := b.grps.audit(req, bot.ActActivityAdd)
	au.After = b.describe(a)
	a, _, err := b.changeActivity(ctx, bot.ActivityChange{Activity: a, Create: true, Audit: au, UpdateID: req.ID})
	if errors.Is(err, bot.ErrExists) {
		return userErr(i18n.CodeTaken, a.Code)
	}
	if err != nil {
		return err
	}
	text := i18n.ActCreated.F(req.Lang, view.Esc(a.Code), view.Esc(view.Title(req.Lang, a)), b.activityDetails(req.Lang, a)) + strings.Join(notes, "")
	switch {
	case a.Every == "" && !a.At.IsZero() && !a.At.After(b.cfg.Now()):
		text += i18n.ActPast.F(req.Lang, b.view.Time(a.At))
	case a.Every == "" && !a.At.IsZero():
		for _, l := range a.LeadTimes() {
			if !a.At.Add(-l).After(b.cfg.Now()) {
				text += i18n.LeadPast.F(req.Lang, b.fires.leadText(req.Lang, l))
			}
		}
	}
	return b.reply(ctx, req, text)
}

// changes is the service of an activity's changes of state (bot.Activities): the activity, its
// reminders (built from it as stored) and the audit entry go to the store in one atomic step.
func (b *activities) changes() bot.Activities {
	svc := bot.Activities{Store: b.cfg.Store, Cal: b.cal, Now: b.cfg.Now}
	if b.cfg.Reminders != nil {
		svc.Reminders = b.grps.activityReminders
	}
	return svc
}

// changeActivity applies ch through the service.
func (b *activities) changeActivity(ctx context.Context, ch bot.ActivityChange) (bot.Activity, bool, error) {
	return b.changes().Change(ctx, ch)
}

// describe is how an activity reads in the audit, on one line: title, time, area, owner, targets.
func (b *activities) describe(a bot.Activity) string {
	return strings.ReplaceAll(view.PlainText(a.Title+" · "+b.activityDetails("vi", a)), "\n", " · ")
}

// maxTitle and maxNote bound what people type.
const (
	maxTitle = 200
	maxNote  = 1000
)

func checkTitle(t string) error {
	if n := len([]rune(t)); n > maxTitle {
		return userErr(i18n.TitleLong, n, maxTitle)
	}
	return nil
}

func (b *activities) editActivity(ctx context.Context, req *Request, args string) error {
	head, kv, bad := splitSegments(args)
	if bad != "" {
		return userErr(i18n.BadField, bad)
	}
	code, extra, _ := strings.Cut(head, " ")
	if code == "" || len(kv) == 0 && strings.TrimSpace(extra) == "" {
		return userErr(i18n.ActUsage)
	}
	a, err := b.mustActivity(ctx, code)
	if err != nil {
		return err
	}
	if a.IsCancelled() {
		return userErr(i18n.ActEditCxl, a.Code, a.Code)
	}
	if extra = strings.TrimSpace(extra); extra != "" && kv["title"] == "" {
		kv["title"] = extra
	}
	var w *when.When
	if v, ok := kv["when"]; ok {
		pw, err := when.ParseWhen(v, b.cfg.Now(), b.cfg.Loc, whenOpts(true))
		if err != nil {
			return b.whenErr(err)
		}
		w = &pw
	}
	delete(kv, "code")
	now := b.cfg.Now()
	// The edit is applied to the activity as stored, inside the store's step: an edit racing a
	// cancel never writes back a copy read before the cancel.
	edit := func(stored bot.Activity, au *bot.Audit) (bot.Activity, error) {
		if stored.IsCancelled() {
			return stored, userErr(i18n.ActEditCxl, stored.Code, stored.Code)
		}
		before := b.describe(stored)
		if w != nil {
			setWhen(&stored, *w)
		}
		if err := b.applyFields(&stored, kv); err != nil {
			return stored, err
		}
		if err := checkTitle(stored.Title); err != nil {
			return stored, err
		}
		stored.Updated = now
		au.Before, au.After = before, b.describe(stored)
		return stored, nil
	}
	a, _, err = b.changeActivity(ctx, bot.ActivityChange{Activity: a, Edit: edit, Audit: b.grps.audit(req, bot.ActActivityEdit), UpdateID: req.ID})
	if err != nil {
		return err
	}
	return b.reply(ctx, req, i18n.ActEdited.F(req.Lang, view.Esc(a.Code), view.Esc(view.Title(req.Lang, a)), b.activityDetails(req.Lang, a)))
}

func (b *activities) cancelActivity(ctx context.Context, req *Request, code string) error {
	if code == "" {
		return userErr(i18n.ActUsage)
	}
	code, reason, _ := strings.Cut(code, " ")
	a, err := b.mustActivity(ctx, code)
	if err != nil {
		return err
	}
	if a.IsCancelled() {
		return b.reply(ctx, req, i18n.ActAlready.F(req.Lang, view.Esc(a.Code), view.Esc(a.Code)))
	}
	// The audit says where the activity stood when it was cancelled ("đang thực hiện → đã hủy").
	au := b.grps.audit(req, bot.ActActivityCancel)
	au.Reason = strings.TrimSpace(reason)
	a, err = b.changes().Cancel(ctx, a, au, req.ID)
	if errors.Is(err, bot.ErrUnchanged) {
		return b.reply(ctx, req, i18n.ActAlready.F(req.Lang, view.Esc(a.Code), view.Esc(a.Code)))
	}
	if err != nil {
		return err
	}
	return b.reply(ctx, req, i18n.ActCancel.F(req.Lang, view.Esc(a.Code), view.Esc(view.Title(req.Lang, a)), view.Esc(a.Code)))
}

// restoreActivity brings a cancelled activity back, with its future reminders, in one step.
func (b *activities) restoreActivity(ctx context.Context, req *Request, code string) error {
	if code == "" {
		return userErr(i18n.ActUsage)
	}
	a, err := b.mustActivity(ctx, code)
	if err != nil {
		return err
	}
	if !a.IsCancelled() {
		return b.reply(ctx, req, i18n.ActNotCxl.F(req.Lang, view.Esc(a.Code)))
	}
	a, err = b.changes().Restore(ctx, a, b.grps.audit(req, bot.ActActivityRestore), req.ID)
	if errors.Is(err, bot.ErrUnchanged) {
		return b.reply(ctx, req, i18n.ActNotCxl.F(req.Lang, view.Esc(a.Code)))
	}
	if err != nil {
		return err
	}
	return b.reply(ctx, req, i18n.ActRestore.F(req.Lang, view.Esc(a.Code), view.Esc(view.Title(req.Lang, a)), b.activityDetails(req.Lang, a)))
}

// mustActivity loads an activity or returns the user error for an unknown code.
// Whatever is not a known code is looked for among the titles (activityByName).
func (b *activities) mustActivity(ctx context.Context, code string) (bot.Activity, error) {
	typed := strings.TrimSpace(code)
	code = strings.ToUpper(typed)
	if !isCode(code) {
		return b.activityByName(ctx, typed, userErr(i18n.NoSuchName, view.Truncate(typed, 40)))
	}
	a, ok, err := b.cfg.Store.Activity(ctx, code)
	if err != nil {
		return a, err
	}
	if !ok {
		return b.activityByName(ctx, typed, userErr(i18n.NoSuchAct, code))
	}
	return a, nil
}

// applyFields sets the optional "| key value" parts on a.
func (b *activities) applyFields(a *bot.Activity, kv map[string]string) error {
	if v, ok := kv["title"]; ok && v != "" {
		a.Title = v
	}
	if v, ok := kv["title_en"]; ok {
		a.TitleEN = v
	}
	if v, ok := kv["owner"]; ok {
		if err := b.setOwnerUnit(a, v); err != nil {
			return err
		}
	}
	if v, ok := kv["person"]; ok {
		p, err := parsePerson(v)
		if err != nil {
			return err
		}
		a.Person = p
	}
	if v, ok := kv["targets"]; ok {
		ts, err := parseTargets(v)
		if err != nil {
			return err
		}
		a.Targets = ts
	}
	if v, ok := kv["tally"]; ok {
		m, err := parseTally(v)
		if err != nil {
			return err
		}
		a.Tally = m
	}
	if v, ok := kv["code"]; ok {
		v = strings.ToUpper(v)
		if !isCode(v) {
			return userErr(i18n.BadCode, view.Truncate(v, 20))
		}
		a.Code = v
	}
	if v, ok := kv["content"]; ok {
		n := len(b.cfg.Programme.Contents)
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 1 || i > n {
			return userErr(i18n.BadArea, n)
		}
		a.Content = i
	}
	if v, ok := kv["lead"]; ok {
		lead, err := parseLeads(v)
		if err != nil {
			return err
		}
		a.Lead = lead
	}
	return nil
}

// activityDetails is the line of time, area, owner and lead times under an activity.
func (b *activities) activityDetails(lang string, a bot.Activity) string {
	var parts []string
	if a.Every != "" {
		parts = append(parts, i18n.Recurring.F(lang, view.Esc(schedule(lang, a.Every)), b.view.Time(a.At)))
	} else if !a.At.IsZero() {
		parts = append(parts, b.view.Time(a.At))
	}
	if _, ok := b.area(a.Content); ok {
		parts = append(parts, i18n.ContentShort.F(lang, a.Content))
	}
	if o := b.view.OwnerUnit(lang, a); o != "" {
		parts = append(parts, view.Esc(o))
	}
	if a.Person != "" {
		parts = append(parts, i18n.PersonShort.F(lang, view.Esc(view.PersonText(a.Person))))
	}
	line := i18n.WhenLine.F(lang, strings.Join(parts, " · "))
	if len(a.Targets) > 0 {
		line += "\n" + i18n.TargetsLine.F(lang, view.Esc(view.Amounts(lang, a.Targets)))
		if a.Tally == quantity.Latest {
			line += i18n.TallyLatest.F(lang)
		}
	}
	return line
}

// area is content area n (1-based) of the programme, if it has one: the one bounds check of
// every content-area lookup, since stored activities may name an area a changed programme file
// no longer has.
func (b *activities) area(n int) (programme.Content, bool) {
	cs := b.cfg.Programme.Contents
	if n < 1 || n > len(cs) {
		return programme.Content{}, false
	}
	return cs[n-1], true
}
