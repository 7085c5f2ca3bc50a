package chat

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/view"
)

// The one router for free text (issue 23): a message that is not a command, or /hoi's question,
// is read here as a question about the work (answered from the views /tiendo and /kehoach use),
// about the bot (answered from the route table's help), or about the programme (search), each
// with a confidence; off-topic questions are declined as before.

// askKind is what a question is about.
type askKind string

const (
	askWork      askKind = "work"
	askBot       askKind = "bot"
	askProgramme askKind = "programme"
)

// sureIntent is the confidence from which a work or bot reading is answered outright.
const sureIntent = 0.6

// reading is one understanding of a question: its kind, how sure, and how to answer it.
type reading struct {
	kind askKind
	conf float64
	// run answers the question; more is the command that shows more, sent last.
	run  func(ctx context.Context, req *Request) error
	more string
	// what says what was understood, for a reply below sureIntent.
	what string
}

// period words of work questions, folded: a day, a week, a month.
var weekdays = map[string]time.Weekday{"hai": time.Monday, "2": time.Monday, "ba": time.Tuesday, "3": time.Tuesday,
	"tu": time.Wednesday, "4": time.Wednesday, "nam": time.Thursday, "5": time.Thursday, "sau": time.Friday,
	"6": time.Friday, "bay": time.Saturday, "7": time.Saturday}

// hasPhrase reports whether the folded, space-joined words f hold phrase as whole words.
func hasPhrase(f, phrase string) bool {
	return strings.Contains(" "+f+" ", " "+phrase+" ")
}

func hasAnyPhrase(f string, phrases ...string) bool {
	for _, p := range phrases {
		if hasPhrase(f, p) {
			return true
		}
	}
	return false
}

var (
	howCues      = []string{"lam sao", "lam the nao", "the nao", "nhu the nao", "cach", "khi nao", "bang cach nao", "huong dan", "how do", "how to", "how can", "how should", "when do", "when should", "o dau", "the nao de", "ra sao", "what do the", "what does the"}
	progressCues = []string{"chi tieu", "tien do", "den dau", "ket qua", "dat", "dat duoc", "bao nhieu", "the nao", "ra sao", "xong chua", "target", "targets", "progress", "how far", "achieved", "lam duoc"}
	planCues     = []string{"viec", "viec gi", "hoat dong", "lich", "ke hoach", "su kien", "co gi", "lam gi", "planned", "plan", "activities", "activity", "scheduled"}
	ownerCues    = []string{"ai phu trach", "phu trach", "ai chu tri", "chu tri", "don vi nao", "cua ai", "ai lam", "who owns", "owner", "who is in charge", "in charge", "who runs"}
	staleCues    = []string{"chua bao cao", "qua han", "tre han", "cham tien do", "not reported", "overdue", "late", "behind"}
)

// readQuestion reads q as a work or bot question. It returns nil when neither fits, for the
// programme's search to answer.
func (b *asker) readQuestion(ctx context.Context, req *Request, q string) *reading {
	words := programme.Fold(strings.Join(strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !(r == '/' || r == '-' || r == '_' || isWordRune(r))
	}), " "))
	f := strings.Join(strings.Fields(words), " ")
	if f == "" {
		return nil
	}
	how := hasAnyPhrase(f, howCues...)
	// Not reported, overdue: /tiendo chuabaocao.
	if hasAnyPhrase(f, staleCues...) && !how {
		return b.viewReading(0.9, "progress", "chuabaocao", "/tiendo chuabaocao")
	}
	botR := b.botReading(req, f, how)
	if botR != nil && botR.conf >= sureIntent {
		return botR
	}
	// A code of an activity in the store: how far it is, or who owns it.
	// With the store down the question goes on to the programme, which needs none.
	if r, err := b.activityReading(ctx, f); err == nil && r != nil {
		return r
	}
	// A unit, by code or name: /tiendo donvi CODE.
	if hasAnyPhrase(f, progressCues...) {
		if u, ok := b.unitIn(q); ok {
			arg := strings.ToUpper(u.Code)
			return b.viewReading(0.85, "progress", "donvi "+arg, "/tiendo donvi "+arg)
		}
	}
	// A content area by number: /tiendo nd N, when its progress is asked.
	if n := contentNumber(f); n > 0 && hasAnyPhrase(f, "tien do", "den dau", "dat", "ket qua", "progress", "how far", "chi tieu") {
		return b.viewReading(0.85, "progress", "nd "+strconv.Itoa(n), "/tiendo nd "+strconv.Itoa(n))
	}
	// What is planned for a day, a week, a month.
	if from, to, name, ok := b.periodIn(f); ok && hasAnyPhrase(f, planCues...) && !how {
		return &reading{kind: askWork, conf: 0.85, more: "/kehoach", run: func(ctx context.Context, req *Request) error {
			return b.planFor(ctx, req, from, to, name)
		}}
	}
	// Reminders set here.
	if hasAnyPhrase(f, "nhac", "loi nhac", "reminder", "reminders") && hasAnyPhrase(f, "nao", "gi", "dang co", "which", "what", "co nhung", "list") {
		return b.viewReading(0.8, "reminders", "", "/dsnhac")
	}
	// The whole programme's progress.
	if hasAnyPhrase(f, "tien do", "progress") && hasAnyPhrase(f, "chung", "the nao", "ra sao", "den dau", "how", "overall", "bao nhieu") {
		return b.viewReading(0.7, "progress", "", "/tiendo")
	}
	return botR
}

func isWordRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 127
}

// viewReading answers with the command's own view (the same assessment), then its command.
func (b *asker) viewReading(conf float64, route, args, more string) *reading {
	return &reading{kind: askWork, conf: conf, more: more, run: func(ctx context.Context, req *Request) error {
		r := b.routes[route]
		sub := *req
		sub.Cmd, sub.Args = route, args
		return r.run(b.Bot, ctx, &sub)
	}}
}

// contentNumber is N of "nội dung N" / "nd N" / "content N" in folded f, or 0.
func contentNumber(f string) int {
	ws := strings.Fields(f)
	for i := range ws {
		j := -1
		switch {
		case ws[i] == "noi" && i+2 < len(ws) && ws[i+1] == "dung":
			j = i + 2
		case (ws[i] == "nd" || ws[i] == "content") && i+1 < len(ws):
			j = i + 1
		}
		if j < 0 {
			continue
		}
		if (ws[j] == "so" || ws[j] == "thu") && j+1 < len(ws) {
			j++
		}
		if n, err := strconv.Atoi(ws[j]); err == nil {
			return n
		}
	}
	return 0
}

// activityReading finds an activity code in f among the store's activities.
func (b *asker) activityReading(ctx context.Context, f string) (*reading, error) {
	var cands []string
	for _, w := range strings.Fields(f) {
		c := strings.ToUpper(w)
		if strings.ContainsAny(c, "0123456789") && isCode(c) {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return nil, nil
	}
	for _, c := range cands {
		a, ok, err := b.cfg.Store.Activity(ctx, c)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if hasAnyPhrase(f, ownerCues...) {
			return &reading{kind: askWork, conf: 0.9, more: "/tiendo " + a.Code, run: func(ctx context.Context, req *Request) error {
				owner := b.view.OwnerUnit(req.Lang, a)
				if owner == "" {
					owner = i18n.AskOwnerNone.F(req.Lang)
				}
				text := i18n.AskOwner.F(req.Lang, view.Esc(a.Code), view.Esc(view.Title(req.Lang, a)), view.Esc(owner))
				if a.Person != "" {
					text += i18n.AskPerson.F(req.Lang, view.Esc(view.PersonText(a.Person)))
				}
				return b.reply(ctx, req, text)
			}}, nil
		}
		return b.viewReading(0.9, "progress", a.Code, "/tiendo "+a.Code), nil
	}
	return nil, nil
}

// unitIn finds the one unit q names, by code or by two or more words of its name.
func (b *asker) unitIn(q string) (programme.Unit, bool) {
	p := b.cfg.Programme
	if len(p.Units) == 0 {
		return programme.Unit{}, false
	}
	ws := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !(r == '-' || r == '_' || isWordRune(r)) })
	for n := min(len(ws), 5); n >= 1; n-- {
		for i := 0; i+n <= len(ws); i++ {
			s := strings.Join(ws[i:i+n], " ")
			if n == 1 {
				if u, ok := p.Unit(s); ok && strings.ContainsAny(s, "0123456789-_") || ok && len(s) >= 3 && s != "bot" {
					return u, true
				}
				continue
			}
			if us := p.FindUnits(s); len(us) == 1 {
				return us[0], true
			}
		}
	}
	return programme.Unit{}, false
}

// periodIn reads the day, week or month f asks about: [from, to) in the bot's zone and its name.
func (b *asker) periodIn(f string) (from, to time.Time, name msg, ok bool) {
	now := b.cfg.Now().In(b.cfg.Loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, b.cfg.Loc)
	day := func(d time.Time, vi, en string) (time.Time, time.Time, msg, bool) {
		return d, d.AddDate(0, 0, 1), msg{VI: vi, EN: en}, true
	}
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	switch {
	case hasAnyPhrase(f, "hom nay", "today"):
		return day(today, "hôm nay", "today")
	case hasAnyPhrase(f, "ngay mai", "mai", "tomorrow"):
		return day(today.AddDate(0, 0, 1), "ngày mai", "tomorrow")
	case hasAnyPhrase(f, "tuan nay", "this week"):
		return monday, monday.AddDate(0, 0, 7), msg{VI: "tuần này", EN: "this week"}, true
	case hasAnyPhrase(f, "tuan sau", "tuan toi", "next week"):
		return monday.AddDate(0, 0, 7), monday.AddDate(0, 0, 14), msg{VI: "tuần sau", EN: "next week"}, true
	case hasAnyPhrase(f, "thang nay", "this month"):
		m := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, b.cfg.Loc)
		return m, m.AddDate(0, 1, 0), msg{VI: "tháng này", EN: "this month"}, true
	case hasAnyPhrase(f, "thang sau", "thang toi", "next month"):
		m := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, b.cfg.Loc).AddDate(0, 1, 0)
		return m, m.AddDate(0, 1, 0), msg{VI: "tháng sau", EN: "next month"}, true
	case hasAnyPhrase(f, "chu nhat", "cn", "sunday"):
		d := today.AddDate(0, 0, (7-int(today.Weekday()))%7)
		return day(d, "chủ nhật", "on Sunday")
	}
	ws := strings.Fields(f)
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] != "thu" {
			continue
		}
		if wd, ok := weekdays[ws[i+1]]; ok {
			d := today.AddDate(0, 0, (int(wd)-int(today.Weekday())+7)%7)
			vi := ws[i+1]
			if n, ok := map[string]string{"tu": "tư", "nam": "năm", "sau": "sáu", "bay": "bảy"}[vi]; ok {
				vi = n
			}
			return day(d, "thứ "+vi, "on "+d.Weekday().String())
		}
	}
	return time.Time{}, time.Time{}, msg{}, false
}

// planFor lists the activities that take place in [from, to), as /kehoach shows them.
func (b *asker) planFor(ctx context.Context, req *Request, from, to time.Time, name msg) error {
	acts, err := b.cfg.Store.Activities(ctx)
	if err != nil {
		return err
	}
	span := b.view.Date(from)
	if last := to.AddDate(0, 0, -1); !last.Equal(from) {
		span += " – " + b.view.Date(last)
	}
	type item struct {
		at time.Time
		a  bot.Activity
	}
	var items []item
	for _, a := range acts {
		if a.IsCancelled() {
			continue
		}
		if a.Every == "" {
			if !a.At.IsZero() && !a.At.Before(from) && a.At.Before(to) {
				items = append(items, item{a.At, a})
			}
			continue
		}
		for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
			if t, ok := b.cal.OccurrenceOn(a, d); ok {
				items = append(items, item{t, a})
			}
		}
	}
	if len(items) == 0 {
		return b.reply(ctx, req, i18n.AskPlanNone.F(req.Lang, name.F(req.Lang), span))
	}
	for i := 1; i < len(items); i++ { // by time; few items
		for j := i; j > 0 && items[j].at.Before(items[j-1].at); j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
	var sb strings.Builder
	sb.WriteString(i18n.AskPlanHead.F(req.Lang, name.F(req.Lang), span))
	for _, it := range items {
		fmt.Fprintf(&sb, "\n• %s <b>%s</b> %s", it.at.In(b.cfg.Loc).Format("02/01 15:04"), view.Esc(it.a.Code), view.Esc(view.Title(req.Lang, it.a)))
		if o := b.view.OwnerUnit(req.Lang, it.a); o != "" {
			fmt.Fprintf(&sb, " — %s", view.Esc(o))
		}
	}
	return b.reply(ctx, req, sb.String())
}
