package chat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/view"
)

// Config is everything a Bot is built from. Programme, Store and Sender are required, except
// that Answer needs only the Programme.
type Config struct {
	Programme *programme.Programme
	// Index searches Programme; built from it when nil.
	Index  *programme.Index
	Store  bot.Store
	Sender Sender
	// Members answers whether a user is in a group; nil means only coordinators and added
	// reporters may report.
	Members bot.MemberChecker
	// Reminders is the due queue; nil in tools that send none.
	Reminders bot.ReminderStore
	// Admins are the coordinators' user ids.
	Admins map[bot.ID]bool
	// Viewers may open the dashboard besides coordinators; DashboardURL is its address ("" when
	// it is not offered).
	Viewers      map[bot.ID]bool
	DashboardURL string
	// Loc is the time zone of every date typed and shown.
	Loc *time.Location
	// Lang is the default reply language ("vi").
	Lang string
	// Username is the bot's Telegram username, for deep links; empty in the console.
	Username string
	// ZaloPrivateReminders sends what goes to subscribed groups also privately to each Zalo
	// reporter who has written to the bot: set when the Zalo bot cannot join groups.
	ZaloPrivateReminders bool
	Now                  func() time.Time
	Logger               *slog.Logger
}

// Bot routes updates to handlers. It is safe for concurrent use; the transport keeps the order of
// updates within a chat.
type Bot struct {
	cfg    Config
	cal    bot.Calendar
	view   view.View
	index  *programme.Index
	routes map[string]*route
	log    *slog.Logger

	acts  *activities
	reps  *reports
	grps  *groups
	prog  *progressViews
	recs  *records
	fires *firing
	asks  *asker
}

// New builds a Bot from cfg, filling defaults.
func New(cfg Config) *Bot {
	if cfg.Index == nil {
		cfg.Index = programme.NewIndex(cfg.Programme)
	}
	if cfg.Loc == nil {
		cfg.Loc = time.FixedZone("ICT", 7*3600)
	}
	if l, ok := i18n.Norm(cfg.Lang); ok {
		cfg.Lang = l
	} else {
		cfg.Lang = i18n.Languages[0]
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	b := &Bot{cfg: cfg, cal: bot.Calendar{Loc: cfg.Loc}, view: view.View{Programme: cfg.Programme, Loc: cfg.Loc}, index: cfg.Index, log: cfg.Logger}
	b.families()
	b.routes = make(map[string]*route)
	for _, r := range routeTable() {
		for _, n := range r.names {
			b.routes[n] = r
		}
	}
	return b
}

// Request is one update being handled, with what the handlers need to answer it.
type Request struct {
	Update
	// Lang is the reply language for this user.
	Lang string
	// Cmd is the command's canonical name ("report"), empty for plain text.
	Cmd string
	// Args is the text after the command, trimmed.
	Args string
	// Flow is the guided flow the user was in when the update arrived, or nil.
	Flow *bot.Flow
	// answered is set once the button press was acknowledged: Telegram refuses a second answer.
	answered bool
	// access is what the permission check of a reporters' route read: the reporter's unit and
	// the activity the command names, so the handler need not read them again.
	access *reporterAccess
}

// ClaimRenewal is how often a running handler renews its update's claim; a store lets a claim
// live 3× as long without renewal.
const ClaimRenewal = 5 * time.Second

// ErrUpdateBusy is returned by Handle when another handler (in this process or another) is
// running the same update: the transport tries it again later, once that one finished (then it
// is seen) or its claim expired (then it is handled).
var ErrUpdateBusy = errors.New("bot: the update is being handled elsewhere")

// bookkeepingTimeout bounds marking an update done or releasing it, which runs even when the
// handler's context was cancelled.
const bookkeepingTimeout = 5 * time.Second

// Handle handles one update. Errors the user caused are answered in their language; others are
// logged and answered with a short apology.
//
// The update counts as seen only once its handler has finished (or failed for good, answered
// with an apology): Handle then marks it done (Finish), also when its context was cancelled just
// after. A handler cut off (its context cancelled while it failed) releases the update's claim
// instead (Forget), and Handle returns an error, so that whoever gets the update next handles it
// — its store steps are idempotent on the update id, so it applies nothing twice. ErrUpdateBusy
// means another handler holds the update.
func (b *Bot) Handle(ctx context.Context, u Update) error {
	lang := b.cfg.Lang
	sess, berr := b.cfg.Store.Begin(ctx, u.ID, u.From.ID, u.ChatID, u.From.Username)
	switch {
	case berr != nil:
		// Without the store the bot still answers questions about the programme; actions that
		// need it report that the store is down.
		b.log.Warn("session store unavailable", "update", u.ID, "err", berr)
	case sess.Seen:
		b.log.Debug("update already handled", "update", u.ID)
		return b.finish(ctx, u.ID, nil, nil) // drops it from the inbox, should it still be there
	case sess.Busy:
		b.log.Info("update held by another handler; it will be tried again", "update", u.ID)
		return ErrUpdateBusy
	}
	if berr != nil || u.ID == "" {
		_, out := b.handle(ctx, u, lang, sess, berr)
		return out
	}
	herr, out := b.handleClaimed(ctx, u, lang, sess)
	return b.finish(ctx, u.ID, herr, out)
}

// handleClaimed is handle while renewing the update's claim. Should the handler panic, the claim
// is no longer renewed and expires by itself.
func (b *Bot) handleClaimed(ctx context.Context, u Update, lang string, sess bot.Session) (herr, out error) {
	defer b.keepClaim(ctx, u.ID)()
	return b.handle(ctx, u, lang, sess, nil)
}

// keepClaim renews u's claim every ClaimRenewal while its handler runs; the returned function
// stops it. A timer rather than a goroutine: most updates are handled long before the first
// renewal. A renewal racing with the end of the handler is harmless: it extends only a claim
// still running.
func (b *Bot) keepClaim(ctx context.Context, id bot.UpdateKey) func() {
	var mu sync.Mutex
	stopped := false
	var t *time.Timer
	mu.Lock() // t is set before the first renewal reads it
	defer mu.Unlock()
	t = time.AfterFunc(ClaimRenewal, func() {
		if ctx.Err() != nil {
			return
		}
		if err := b.cfg.Store.Renew(ctx, id); err != nil {
			b.log.Warn("could not renew an update's claim", "update", id, "err", err)
		}
		mu.Lock()
		defer mu.Unlock()
		if !stopped {
			t.Reset(ClaimRenewal)
		}
	})
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		t.Stop()
	}
}

// finish settles an update's claim after its handler failed with herr (nil when it did not) and
// the answer went out with out: released when the handler was cut off (its context cancelled),
// else done — also when it failed, the store being down included: the user was told to try
// again, so handling it later as well would apply it twice. It runs even when ctx was cancelled.
// The result is what Handle returns.
func (b *Bot) finish(ctx context.Context, id bot.UpdateKey, herr, out error) error {
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), bookkeepingTimeout)
	defer cancel()
	if herr != nil && ctx.Err() != nil {
		if ferr := b.cfg.Store.Forget(bctx, id); ferr != nil {
			b.log.Warn("could not release update claim", "update", id, "err", ferr)
		}
		return fmt.Errorf("handling update %s was cut off: %w", id, herr)
	}
	if ferr := b.cfg.Store.Finish(bctx, id); ferr != nil {
		// The claim expires by itself; a redelivery is then handled again, applying nothing twice.
		b.log.Warn("could not mark update handled", "update", id, "err", ferr)
	}
	return out
}

// handle is Handle once the update is claimed. herr is the handler's failure, out the error
// Handle reports (the failure to send the apology).
func (b *Bot) handle(ctx context.Context, u Update, lang string, sess bot.Session, berr error) (herr, out error) {
	switch {
	case berr != nil:
	case sess.Lang != "":
		lang = sess.Lang
	default:
		// Not chosen yet: the language of the user's Telegram client until they choose with /lang.
		lang = i18n.Client(u.From.LangCode, lang)
		if lang != b.cfg.Lang && !u.From.ID.IsZero() {
			// Remembered, so that messages the bot starts (private nudges) find it too.
			if err := b.cfg.Store.SetLang(ctx, u.From.ID, lang); err != nil {
				b.log.Debug("could not remember the client's language", "user", u.From.ID, "err", err)
			}
		}
	}
	req := &Request{Update: u, Lang: lang, Flow: sess.Flow}
	herr = b.dispatch(ctx, req)
	if herr == nil {
		return nil, nil
	}
	if errors.Is(herr, ErrChatGone) {
		// The user blocked the bot (or the group removed it, and send unsubscribed it): nobody
		// is left to tell.
		b.log.Info("chat gone", "chat", u.ChatID, "err", herr)
		return nil, nil
	}
	text, internal := errorText(lang, herr)
	if internal {
		b.log.Error("handling update failed", "update", u.ID, "chat", u.ChatID, "cmd", req.Cmd, "err", herr)
	}
	if u.Callback != nil && !req.answered {
		return herr, b.answer(ctx, u, view.PlainText(text))
	}
	var buttons [][]Button
	var ce *choiceError
	if errors.As(herr, &ce) {
		buttons = choiceButtons(req, ce)
	}
	_, out = b.send(ctx, Reply{ChatID: u.ChatID, Text: text, Lang: lang, Buttons: buttons})
	return herr, out
}

// dispatch finds the handler for req and runs it.
func (b *Bot) dispatch(ctx context.Context, req *Request) error {
	u := req.Update
	switch {
	case !u.MigrateTo.IsZero():
		return b.onMigrate(ctx, req)
	case u.Callback != nil:
		return b.onCallback(ctx, req)
	}
	name, args, addressed := parseCommand(u.Text, b.cfg.Username)
	if name == "" {
		if u.ChatKind.IsGroup() || strings.TrimSpace(u.Text) == "" {
			return nil // groups talk among themselves; only commands are for the bot
		}
		if req.Flow != nil {
			req.Text = cleanText(req.Text)
			return b.reps.continueFlow(ctx, req)
		}
		req.Cmd, req.Args = "ask", strings.TrimSpace(u.Text)
		return b.asks.ask(ctx, req)
	}
	if !addressed {
		return nil // a command for another bot in the same group
	}
	r, ok := b.routes[name]
	if !ok {
		if u.ChatKind.IsGroup() {
			return nil
		}
		return userErr(i18n.UnknownCommand, name)
	}
	req.Cmd, req.Args = r.names[0], cleanText(args)
	if err := b.allow(ctx, req, r.admin, r.reporter, r.groupAdmin, r.codeOf); err != nil {
		return err
	}
	if req.Flow != nil && !keepsFlow[req.Cmd] {
		// Another command abandons the guided flow, so later plain text is a question again.
		if err := b.cfg.Store.SetFlow(ctx, u.From.ID, u.ChatID, nil); err != nil {
			return err
		}
		req.Flow = nil
	}
	return r.run(b, ctx, req)
}

// allow is the one permission check of every route, command or button, before its handler runs:
// coordinators' routes refuse everyone else; group admins' routes work only in a group, for its
// admins and coordinators; reporters' routes refuse whoever may not report, and keep what the
// check read (the unit, the activity named by codeOf) for the handler.
func (b *Bot) allow(ctx context.Context, req *Request, admin, reporter, groupAdmin bool, codeOf func(string) string) error {
	switch {
	case admin && !b.isAdmin(req.From.ID):
		return userErr(i18n.AdminOnly)
	case groupAdmin:
		return b.grps.groupAdmin(ctx, req)
	case reporter:
		code := ""
		if codeOf != nil {
			code = codeOf(req.Args)
		}
		return b.grps.checkReporter(ctx, req, code)
	}
	return nil
}

// keepsFlow are the commands that belong to a guided flow rather than abandon it.
var keepsFlow = map[string]bool{"report": true, "stop": true}

func (b *Bot) isAdmin(id bot.ID) bool { return b.cfg.Admins[id] }

// reply sends text (HTML) to the request's chat.
func (b *Bot) reply(ctx context.Context, req *Request, text string, buttons ...[]Button) error {
	_, err := b.send(ctx, Reply{ChatID: req.ChatID, Text: text, Buttons: buttons, Lang: req.Lang})
	return err
}

// ack acknowledges the request's button press, once.
func (b *Bot) ack(ctx context.Context, req *Request, note string) error {
	req.answered = true
	return b.answer(ctx, req.Update, note)
}

// answer acknowledges a button press, showing note to the presser when not empty.
func (b *Bot) answer(ctx context.Context, u Update, note string) error {
	_, err := b.send(ctx, Reply{ChatID: u.ChatID, AnswerCallback: u.Callback.ID, CallbackNote: note})
	return err
}

// parseCommand splits "/cmd@bot args" into a lower-case name and args. addressed is false when
// the command names another bot.
func parseCommand(text, username string) (name, args string, addressed bool) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	head, rest, _ := strings.Cut(text, " ")
	if i := strings.IndexAny(head, "\n\t"); i >= 0 {
		head, rest = head[:i], head[i+1:]+" "+rest
	}
	head = strings.TrimPrefix(head, "/")
	name, target, hasTarget := strings.Cut(head, "@")
	addressed = !hasTarget || username == "" || strings.EqualFold(target, username)
	return strings.ToLower(name), strings.TrimSpace(rest), addressed
}

// TooFastText is the polite refusal a transport sends when a chat floods it past its bound, in
// the language of the user's client (langCode, Vietnamese when unknown).
func TooFastText(langCode string) string {
	return i18n.TooFast.F(i18n.Client(langCode, i18n.Languages[0]))
}
