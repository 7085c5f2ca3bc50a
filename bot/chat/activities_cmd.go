package chat

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
	"github.com/coordbot/coordbot/scheduler/when"
)

var (
	msgActUsage = msg{
		"Cách dùng (cán bộ điều phối):\n" +
			"• /hoatdong them THỜI_GIAN Tên hoạt động [| nd N] [| đv MÃ_ĐƠN_VỊ] [| phụ trách @tên] [| chỉ tiêu 20 buổi, 500 lượt người] [| tính tổng/mới nhất] [| mã A7] [| nhắc 1d,1h]\n" +
			"  ví dụ: /hoatdong them 05/12/2026 08:00 Tập huấn nghiệp vụ dân vận | nd 4 | chỉ tiêu 2 lớp\n" +
			"• /hoatdong sua A7 | lúc 06/12/2026 14:00 | tên Tên mới | đv Đơn vị mới\n" +
			"• /hoatdong huy A7 · khôi phục: /hoatdong mo A7\n" +
			"• /hoatdong — thêm từng bước bằng nút bấm (trong tin nhắn riêng)\n" +
			"THỜI_GIAN: 05/12/2026 08:00, 05/12 08:00, 08:00, +2d, hằng tuần t2 08:00 …",
		"Usage (coordinators):\n" +
			"• /activity add WHEN Title [| content N] [| unit CODE] [| person @name] [| targets 20 sessions, 500 people] [| tally sum/latest] [| code A7] [| lead 1d,1h]\n" +
			"  e.g. /activity add 05/12/2026 08:00 Training on mass mobilisation work | content 4 | targets 2 courses\n" +
			"• /activity edit A7 | when 06/12/2026 14:00 | title New title | owner New unit\n" +
			"• /activity cancel A7 · restore: /activity restore A7\n" +
			"• /activity — add step by step with buttons (in a private chat)\n" +
			"WHEN: 05/12/2026 08:00, 05/12 08:00, 08:00, +2d, weekly mon 08:00 …",
	}
	msgActCreated = msg{"✅ Đã thêm hoạt động <b>%s</b>: %s\n%s", "✅ Added activity <b>%s</b>: %s\n%s"}
	msgActEdited  = msg{"✅ Đã cập nhật hoạt động <b>%s</b>: %s\n%s", "✅ Updated activity <b>%s</b>: %s\n%s"}
	msgActCancel  = msg{"Đã hủy hoạt động <b>%s</b>: %s. Các lời nhắc của hoạt động này cũng được gỡ. Khôi phục: /hoatdong mo %s", "Cancelled activity <b>%s</b>: %s. Its reminders are removed too. Restore: /activity restore %s"}
	msgActAlready = msg{"Hoạt động <b>%s</b> đã bị hủy từ trước. Khôi phục: /hoatdong mo %s", "Activity <b>%s</b> is already cancelled. Restore: /activity restore %s"}
	msgActRestore = msg{"✅ Đã khôi phục hoạt động <b>%s</b>: %s\n%s", "✅ Restored activity <b>%s</b>: %s\n%s"}
	msgActNotCxl  = msg{"Hoạt động <b>%s</b> không bị hủy nên không cần khôi phục.", "Activity <b>%s</b> is not cancelled; there is nothing to restore."}
	msgActEditCxl = msg{"Hoạt động %s đã bị hủy nên không sửa được. Khôi phục trước: /hoatdong mo %s", "Activity %s is cancelled and cannot be edited. Restore it first: /activity restore %s"}
	msgTitleLong  = msg{"Tên hoạt động dài %d ký tự; tối đa %d ký tự.", "The title is %d characters long; at most %d."}
	msgLeadPast   = msg{"\n⚠️ Không gửi được lời nhắc trước %s vì thời điểm nhắc đã qua.", "\n⚠️ The reminder %s before will not be sent: its time has passed."}
	msgNoTitle    = msg{"Thiếu tên hoạt động sau thời gian.", "The activity's title is missing after WHEN."}
	msgBadField   = msg{"Không hiểu phần “%s”. Các phần hợp lệ: nd N, đv Đơn vị, phụ trách @tên, chỉ tiêu …, tính tổng/mới nhất, mã A7, nhắc 1d,1h, tên …, lúc ….", "Can't read “%s”. Valid parts: content N, unit …, person @name, targets …, tally sum/latest, code A7, lead 1d,1h, title …, when …."}
	msgBadArea    = msg{"Nội dung phải là số từ 1 đến %d.", "Content must be a number from 1 to %d."}
	msgBadCode    = msg{"Mã hoạt động “%s” không hợp lệ: dùng chữ cái rồi chữ số, ví dụ A7.", "Invalid activity code “%s”: a letter then digits, e.g. A7."}
	msgCodeTaken  = msg{"Mã %s đã có hoạt động khác. Chọn mã khác hoặc bỏ phần mã để bot tự đặt.", "Code %s is taken. Choose another, or leave it out to get one automatically."}
	msgBadLead    = msg{"Thời gian nhắc trước “%s” không hợp lệ: dùng dạng 1d,1h hoặc 30m.", "Invalid lead time “%s”: use forms like 1d,1h or 30m."}
	msgNoSuchAct  = msg{"Không có hoạt động mã %s. Xem danh sách: /kehoach", "There is no activity %s. See the list: /plan"}
	msgActIsCxl   = msg{"Hoạt động %s đã bị hủy.", "Activity %s is cancelled."}
	msgWhenLine   = msg{"🗓 %s", "🗓 %s"}
	msgRecurring  = msg{"lặp lại %s, lần tới %s", "repeats %s, next %s"}
)

// activity handles /activity add|edit|cancel, or starts the guided flow.
func (b *Bot) activity(ctx context.Context, req *Request) error {
	verb, rest, _ := strings.Cut(strings.TrimSpace(req.Args), " ")
	switch programme.Fold(verb) {
	case "":
		return b.startActivityFlow(ctx, req)
	case "add", "them", "new", "tao":
		return b.addActivity(ctx, req, strings.TrimSpace(rest))
	case "edit", "sua":
		return b.editActivity(ctx, req, strings.TrimSpace(rest))
	case "cancel", "huy":
		return b.cancelActivity(ctx, req, strings.TrimSpace(rest))
	case "restore", "mo", "khoi phuc", "reopen":
		return b.restoreActivity(ctx, req, strings.TrimSpace(rest))
	case "list", "ds", "danh sach":
		return b.plan(ctx, req)
	}
	return userErr(msgActUsage)
}

func (b *Bot) addActivity(ctx context.Context, req *Request, args string) error {
	if args == "" {
		return userErr(msgActUsage)
	}
	head, kv, bad := splitSegments(args)
	if bad != "" {
		return userErr(msgBadField, bad)
	}
	// A coordinator may enter the year's work already done: a past time is accepted, and the
	// reply says it is past and sends no reminders.
	w, title, err := when.SplitWhen(head, b.cfg.Now(), b.cfg.Loc, whenOpts(true))
	if err != nil {
		return b.whenErr(err)
	}
	if title == "" {
		return userErr(msgNoTitle)
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
func (b *Bot) createActivity(ctx context.Context, req *Request, a bot.Activity, notes ...string) error {
	if err := checkTitle(a.Title); err != nil {
		return err
	}
	au := b.audit(req, bot.ActActivityAdd)
	au.After = b.describe(a)
	a, _, err := b.changeActivity(ctx, bot.ActivityChange{Activity: a, Create: true, Audit: au, UpdateID: req.ID})
	if errors.Is(err, bot.ErrExists) {
		return userErr(msgCodeTaken, a.Code)
	}
	if err != nil {
		return err
	}
	text := tr(req.Lang, msgActCreated, esc(a.Code), esc(a.TitleIn(req.Lang)), b.activityDetails(req.Lang, a)) + strings.Join(notes, "")
	switch {
	case a.Every == "" && !a.At.IsZero() && !a.At.After(b.cfg.Now()):
		text += tr(req.Lang, msgActPast, b.fmtTime(a.At))
	case a.Every == "" && !a.At.IsZero():
		for _, l := range a.LeadTimes() {
			if !a.At.Add(-l).After(b.cfg.Now()) {
				text += tr(req.Lang, msgLeadPast, b.leadText(req.Lang, l))
			}
		}
	}
	return b.reply(ctx, req, text)
}

// changeActivity is every change of an activity: the activity, its reminders (built from it as
// stored) and the audit entry go to the store in one atomic step.
func (b *Bot) changeActivity(ctx context.Context, ch bot.ActivityChange) (bot.Activity, bool, error) {
	if b.cfg.Reminders != nil {
		ch.Reminders = b.activityReminders
	}
	return b.cfg.Store.ChangeActivity(ctx, ch)
}

// describe is how an activity reads in the audit, on one line: title, time, area, owner, targets.
func (b *Bot) describe(a bot.Activity) string {
	return strings.ReplaceAll(PlainText(a.Title+" · "+b.activityDetails("vi", a)), "\n", " · ")
}

// maxTitle and maxNote bound what people type.
const (
	maxTitle = 200
	maxNote  = 1000
)

func checkTitle(t string) error {
	if n := len([]rune(t)); n > maxTitle {
		return userErr(msgTitleLong, n, maxTitle)
	}
	return nil
}

func (b *Bot) editActivity(ctx context.Context, req *Request, args string) error {
	head, kv, bad := splitSegments(args)
	if bad != "" {
		return userErr(msgBadField, bad)
	}
	code, extra, _ := strings.Cut(head, " ")
	if code == "" || len(kv) == 0 && strings.TrimSpace(extra) == "" {
		return userErr(msgActUsage)
	}
	a, err := b.mustActivity(ctx, code)
	if err != nil {
		return err
	}
	if a.IsCancelled() {
		return userErr(msgActEditCxl, a.Code, a.Code)
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
			return stored, userErr(msgActEditCxl, stored.Code, stored.Code)
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
	a, _, err = b.changeActivity(ctx, bot.ActivityChange{Activity: a, Edit: edit, Audit: b.audit(req, bot.ActActivityEdit), UpdateID: req.ID})
	if err != nil {
		return err
	}
	return b.reply(ctx, req, tr(req.Lang, msgActEdited, esc(a.Code), esc(a.TitleIn(req.Lang)), b.activityDetails(req.Lang, a)))
}

func (b *Bot) cancelActivity(ctx context.Context, req *Request, code string) error {
	if code == "" {
		return userErr(msgActUsage)
	}
	code, reason, _ := strings.Cut(code, " ")
	a, err := b.mustActivity(ctx, code)
	if err != nil {
		return err
	}
	if a.IsCancelled() {
		return b.reply(ctx, req, tr(req.Lang, msgActAlready, esc(a.Code), esc(a.Code)))
	}
	reason = strings.TrimSpace(reason)
	// The audit says where the activity stood when it was cancelled ("đang thực hiện → đã hủy"),
	// not always "chưa bắt đầu".
	before, err := b.statusNow(ctx, a)
	if err != nil {
		return err
	}
	au := b.audit(req, bot.ActActivityCancel)
	au.Before, au.After, au.Reason = string(before), string(bot.Cancelled), reason
	now := b.cfg.Now()
	cancel := func(stored bot.Activity, _ *bot.Audit) (bot.Activity, error) {
		if stored.IsCancelled() {
			return stored, errUnchanged
		}
		stored.Status, stored.Updated = bot.Cancelled, now
		return stored, nil
	}
	a, _, err = b.changeActivity(ctx, bot.ActivityChange{Activity: a, Edit: cancel, Audit: au, UpdateID: req.ID})
	if errors.Is(err, errUnchanged) {
		return b.reply(ctx, req, tr(req.Lang, msgActAlready, esc(a.Code), esc(a.Code)))
	}
	if err != nil {
		return err
	}
	return b.reply(ctx, req, tr(req.Lang, msgActCancel, esc(a.Code), esc(a.TitleIn(req.Lang)), esc(a.Code)))
}

// restoreActivity brings a cancelled activity back, with its future reminders, in one step.
func (b *Bot) restoreActivity(ctx context.Context, req *Request, code string) error {
	if code == "" {
		return userErr(msgActUsage)
	}
	a, err := b.mustActivity(ctx, code)
	if err != nil {
		return err
	}
	if !a.IsCancelled() {
		return b.reply(ctx, req, tr(req.Lang, msgActNotCxl, esc(a.Code)))
	}
	now := b.cfg.Now()
	restored := a
	restored.Status = bot.Planned
	after, err := b.statusNow(ctx, restored)
	if err != nil {
		return err
	}
	au := b.audit(req, bot.ActActivityRestore)
	au.Before, au.After = string(bot.Cancelled), string(after)
	restore := func(stored bot.Activity, _ *bot.Audit) (bot.Activity, error) {
		if !stored.IsCancelled() {
			return stored, errUnchanged
		}
		stored.Status, stored.Updated = bot.Planned, now
		return stored, nil
	}
	a, _, err = b.changeActivity(ctx, bot.ActivityChange{Activity: a, Edit: restore, Audit: au, UpdateID: req.ID})
	if errors.Is(err, errUnchanged) {
		return b.reply(ctx, req, tr(req.Lang, msgActNotCxl, esc(a.Code)))
	}
	if err != nil {
		return err
	}
	return b.reply(ctx, req, tr(req.Lang, msgActRestore, esc(a.Code), esc(a.TitleIn(req.Lang)), b.activityDetails(req.Lang, a)))
}

// errUnchanged aborts an activity's step whose change another one already made (a cancel of
// what was cancelled meanwhile).
var errUnchanged = errors.New("already in that state")

// statusNow is where a stands now, given its latest reports.
func (b *Bot) statusNow(ctx context.Context, a bot.Activity) (bot.Status, error) {
	latest, err := b.cfg.Store.Latest(ctx)
	if err != nil {
		return "", err
	}
	return b.state(a, latest, b.cfg.Now()).Status, nil
}

// mustActivity loads an activity or returns the user error for an unknown code.
// Whatever is not a known code is looked for among the titles (activityByName).
func (b *Bot) mustActivity(ctx context.Context, code string) (bot.Activity, error) {
	typed := strings.TrimSpace(code)
	code = strings.ToUpper(typed)
	if !isCode(code) {
		return b.activityByName(ctx, typed, userErr(msgNoSuchName, truncate(typed, 40)))
	}
	a, ok, err := b.cfg.Store.Activity(ctx, code)
	if err != nil {
		return a, err
	}
	if !ok {
		return b.activityByName(ctx, typed, userErr(msgNoSuchAct, code))
	}
	return a, nil
}

// applyFields sets the optional "| key value" parts on a.
func (b *Bot) applyFields(a *bot.Activity, kv map[string]string) error {
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
			return userErr(msgBadCode, truncate(v, 20))
		}
		a.Code = v
	}
	if v, ok := kv["content"]; ok {
		n := len(b.cfg.Programme.Contents)
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 1 || i > n {
			return userErr(msgBadArea, n)
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

// parseLeads reads "1d,1h,30m".
func parseLeads(s string) ([]time.Duration, error) {
	var out []time.Duration
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		d, err := programme.ParseLead(f)
		if err != nil {
			return nil, userErr(msgBadLead, truncate(f, 20))
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, userErr(msgBadLead, s)
	}
	return out, nil
}

// setWhen copies a parsed WHEN onto an activity.
func setWhen(a *bot.Activity, w when.When) {
	a.At, a.Every = w.At, w.Cron
}

// activityDetails is the line of time, area, owner and lead times under an activity.
func (b *Bot) activityDetails(lang string, a bot.Activity) string {
	var parts []string
	if a.Every != "" {
		parts = append(parts, tr(lang, msgRecurring, esc(schedule(lang, a.Every)), b.fmtTime(a.At)))
	} else if !a.At.IsZero() {
		parts = append(parts, b.fmtTime(a.At))
	}
	if _, ok := b.area(a.Content); ok {
		parts = append(parts, tr(lang, msgContentShort, a.Content))
	}
	if o := b.ownerUnit(lang, a); o != "" {
		parts = append(parts, esc(o))
	}
	if a.Person != "" {
		parts = append(parts, tr(lang, msgPersonShort, esc(personText(a.Person))))
	}
	line := tr(lang, msgWhenLine, strings.Join(parts, " · "))
	if len(a.Targets) > 0 {
		line += "\n" + tr(lang, msgTargetsLine, esc(amounts(lang, a.Targets)))
		if a.Tally == quantity.Latest {
			line += tr(lang, msgTallyLatest)
		}
	}
	return line
}

var (
	msgContentShort = msg{"nội dung %d", "content area %d"}
	msgPersonShort  = msg{"phụ trách %s", "owner %s"}
	msgTargetsLine  = msg{"🎯 Chỉ tiêu: %s", "🎯 Targets: %s"}
	msgTallyLatest  = msg{" (tính theo báo cáo mới nhất)", " (as the latest report gives it)"}
)

// area is content area n (1-based) of the programme, if it has one: the one bounds check of
// every content-area lookup, since stored activities may name an area a changed programme file
// no longer has.
func (b *Bot) area(n int) (programme.Content, bool) {
	cs := b.cfg.Programme.Contents
	if n < 1 || n > len(cs) {
		return programme.Content{}, false
	}
	return cs[n-1], true
}

// fmtTime shows t as dd/mm/yyyy HH:MM in the bot's time zone.
func (b *Bot) fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(b.cfg.Loc).Format("02/01/2006 15:04")
}

// fmtDate shows t as dd/mm/yyyy in the bot's time zone.
func (b *Bot) fmtDate(t time.Time) string { return t.In(b.cfg.Loc).Format("02/01/2006") }

var (
	msgWhenMalformed = msg{
		"Không hiểu thời gian “%s”. Viết như người ta vẫn nói, thứ tự nào cũng được, ví dụ: %s. Ngày không kèm giờ thì lấy giờ mặc định 08:00.",
		"Can't read the time “%s”. Write it as you would say it, in any order, e.g. %s. A day without a time takes the default 08:00.",
	}
	msgWhenWord = msg{
		"Không hiểu “%s” trong thời gian “%s”. Viết như người ta vẫn nói, ví dụ: %s.",
		"Can't read “%s” in the time “%s”. Write it as you would say it, e.g. %s.",
	}
	msgWhenConflict = msg{
		"Thời gian “%s” có hai phần không khớp nhau (“%s”). Chỉ ghi một ngày và một giờ, ví dụ: %s.",
		"The time “%s” has two parts that disagree (“%s”). Give one day and one time, e.g. %s.",
	}
	msgWhenPast = msg{
		"Thời điểm “%s” đã qua (ngày không ghi năm mà mới qua trong vòng 7 ngày được coi là gõ nhầm). Hãy chọn một thời điểm trong tương lai, hoặc ghi rõ năm, ví dụ 20/11/2027 08:00.",
		"“%s” is in the past (a day without a year that went by in the last 7 days is taken as a slip). Choose a future time, or give the year, e.g. 20/11/2027 08:00.",
	}
	msgWhenImpossible = msg{"Ngày “%s” không có trong lịch. Kiểm tra lại ngày và tháng (ngày trước, tháng sau).", "“%s” is not a calendar date. Check the day and month (day first)."}
	msgWhenBadCron    = msg{"Lịch lặp “%s” không hợp lệ. Viết lịch lặp bằng lời, ví dụ hằng tuần thứ hai 7h30, hằng ngày 7h, hằng tháng ngày 1 8h.", "Invalid schedule “%s”. Write a repeating time in words, e.g. hằng tuần thứ hai 7h30 (Mondays 07:30), hằng ngày 7h, hằng tháng ngày 1 8h."}
	msgWhenDefault    = msg{" (giờ mặc định %s — gõ kèm giờ để đổi, ví dụ mai 14h)", " (the default time %s — add a time to change it, e.g. mai 14h)"}
	msgActPast        = msg{"\nℹ️ Hoạt động này đã diễn ra (%s): được ghi vào kế hoạch để báo cáo, không gửi lời nhắc.", "\nℹ️ This activity is in the past (%s): it is recorded for reporting, and no reminders are sent."}
	msgWhenTooFar     = msg{"Thời điểm “%s” quá xa (hơn 5 năm). Kiểm tra lại năm.", "“%s” is more than 5 years away. Check the year."}
)

// whenErr explains a WHEN error in the user's language.
func (b *Bot) whenErr(err error) error {
	var we *when.WhenError
	if !errors.As(err, &we) {
		return err
	}
	in := truncate(we.Input, 40)
	examples := strings.Join(when.Examples(), ", ")
	switch we.Kind {
	case when.Conflict:
		return userErr(msgWhenConflict, in, truncate(we.Word, 20), examples)
	case when.Past:
		return userErr(msgWhenPast, in)
	case when.ImpossibleDate:
		return userErr(msgWhenImpossible, in)
	case when.BadCron:
		return userErr(msgWhenBadCron, in)
	case when.TooFar:
		return userErr(msgWhenTooFar, in)
	}
	if we.Word != "" && we.Word != we.Input {
		return userErr(msgWhenWord, truncate(we.Word, 20), in, examples)
	}
	return userErr(msgWhenMalformed, in, examples)
}

// whenOpts are the WHEN options of the bot's commands: a day without a time takes the default
// hour (and the reply says so); past lets a coordinator enter work already done.
func whenOpts(past bool) when.Opts {
	return when.Opts{AllowNoTime: true, AllowPast: past, DefaultHour: when.DefaultHour}
}

// defaultNote says, after a time shown, that it is the default hour because none was typed.
func (b *Bot) defaultNote(lang string, w when.When) string {
	if !w.DefaultTime {
		return ""
	}
	return tr(lang, msgWhenDefault, w.At.In(b.cfg.Loc).Format("15:04"))
}
