package chat

import "context"

// The handlers are grouped by family, each a type of its own that shares the Bot's configuration and
// its core (reply, send, permissions, the route table): a family calls another's method through the
// Bot's field for it (b.reps.saveReport).

// activities is the family of activities_cmd.go, activity_flow.go, names.go, units.go.
type activities struct{ *Bot }

func actsOf(b *Bot) *activities { return b.acts }

// reports is the family of reports_cmd.go, withdraw.go, numbers.go, undo.go.
type reports struct{ *Bot }

func repsOf(b *Bot) *reports { return b.reps }

// groups is the family of members.go, reminders.go.
type groups struct{ *Bot }

func grpsOf(b *Bot) *groups { return b.grps }

// progressViews is the family of progress.go, progress_views.go, views_bounded.go, assess.go.
type progressViews struct{ *Bot }

func progOf(b *Bot) *progressViews { return b.prog }

// records is the family of history.go, summary_cmd.go, dashboard.go, export_cmd.go, period.go.
type records struct{ *Bot }

func recsOf(b *Bot) *records { return b.recs }

// firing is the family of fire.go.
type firing struct{ *Bot }

func firesOf(b *Bot) *firing { return b.fires }

// asker is the family of ask.go, ask_router.go, knowledge.go.
type asker struct{ *Bot }

func asksOf(b *Bot) *asker { return b.asks }

// cmdOf adapts a family's command handler to the route table's signature.
func cmdOf[F any](pick func(*Bot) F, run func(F, context.Context, *Request) error) func(*Bot, context.Context, *Request) error {
	return func(b *Bot, ctx context.Context, req *Request) error { return run(pick(b), ctx, req) }
}

// btnOf adapts a family's button handler to the button table's signature.
func btnOf[F any](pick func(*Bot) F, run func(F, context.Context, *Request, string, string) error) func(*Bot, context.Context, *Request, string, string) error {
	return func(b *Bot, ctx context.Context, req *Request, kind, rest string) error {
		return run(pick(b), ctx, req, kind, rest)
	}
}

// families makes b's handler families.
func (b *Bot) families() {
	b.acts = &activities{b}
	b.reps = &reports{b}
	b.grps = &groups{b}
	b.prog = &progressViews{b}
	b.recs = &records{b}
	b.fires = &firing{b}
	b.asks = &asker{b}
}
