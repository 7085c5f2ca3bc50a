package bot

import (
	"context"
	"errors"
	"github.com/coordbot/coordbot/bot/programme"
	"time"
)

// Status is where an activity stands.
type Status string

// Activity statuses. An activity is planned until its first report, under way until one reports
// 100%, and done then; a coordinator may cancel it at any time.
const (
	Planned   Status = "planned"
	UnderWay  Status = "underway"
	Done      Status = "done"
	Cancelled Status = "cancelled"
)

// Activity is a planned activity of the programme that cadres report on.
type Activity struct {
	Code    string `json:"code"`
	Title   string `json:"title"`
	TitleEN string `json:"title_en,omitempty"`
	// Content is the content area (1..N) it serves; 0 when none was given.
	Content int    `json:"content,omitempty"`
	Owner   string `json:"owner,omitempty"`
	// At is the (first) time of the activity; zero for a purely recurring one.
	At time.Time `json:"at,omitzero"`
	// Every is a 5-field cron spec for a recurring activity.
	Every string `json:"every,omitempty"`
	// Lead are the reminder lead times; empty means the default (1 day and 1 hour).
	Lead      []time.Duration `json:"lead,omitempty"`
	Status    Status          `json:"status"`
	CreatedBy int64           `json:"created_by,omitempty"`
	Updated   time.Time       `json:"updated"`
}

// LeadTimes are the reminder lead times: the activity's own, or the programme default (1 day
// and 1 hour before).
func (a Activity) LeadTimes() []time.Duration {
	if len(a.Lead) > 0 {
		return a.Lead
	}
	return programme.DefaultLead()
}

// TitleIn is the title in lang, falling back to Vietnamese.
func (a Activity) TitleIn(lang string) string {
	return programme.Text{VI: a.Title, EN: a.TitleEN}.In(lang)
}

// Report is one progress report by a cadre on an activity.
type Report struct {
	// ID is the store's id of the report (a Redis stream id), ordered by time.
	ID       string    `json:"-"`
	Code     string    `json:"code"`
	UserID   int64     `json:"user"`
	Name     string    `json:"name"`
	Unit     string    `json:"unit,omitempty"`
	At       time.Time `json:"at"`
	Percent  int       `json:"pct"`
	Note     string    `json:"note,omitempty"`
	FileID   string    `json:"file,omitempty"`
	FileKind string    `json:"fkind,omitempty"`
	// UpdateID is the update the report came in, so a redelivered update adds nothing.
	UpdateID int64 `json:"upd,omitempty"`
}

// SubscribedGroup is a group chat that gets reminders and whose members may report.
type SubscribedGroup struct {
	ChatID int64
	Title  string
}

// ErrExists is returned when an activity code is already taken.
var ErrExists = errors.New("already exists")

// ActivityStore keeps activities.
type ActivityStore interface {
	// SaveActivity stores a; with create, it assigns the next code when a.Code is empty and
	// fails with ErrExists when the code is taken.
	SaveActivity(ctx context.Context, a Activity, create bool) (Activity, error)
	Activity(ctx context.Context, code string) (Activity, bool, error)
	Activities(ctx context.Context) ([]Activity, error)
}

// ReportStore keeps progress reports.
type ReportStore interface {
	// AddReport appends r; when r.UpdateID was already recorded it returns that report and false.
	AddReport(ctx context.Context, r Report) (Report, bool, error)
	// Latest is the latest report on each activity, by code.
	Latest(ctx context.Context) (map[string]Report, error)
	// Reports are all reports, oldest first.
	Reports(ctx context.Context) ([]Report, error)
	// WithdrawLast removes userID's latest report on code.
	WithdrawLast(ctx context.Context, code string, userID int64) (Report, bool, error)
}

// GroupStore keeps who belongs: subscribed groups, reporters coordinators added, and a short-lived
// cache of Telegram's group membership answers.
type GroupStore interface {
	SetGroup(ctx context.Context, g SubscribedGroup, subscribed bool) error
	Groups(ctx context.Context) ([]SubscribedGroup, error)
	// SetReporter adds (unit may be empty) or, with remove, removes a reporter.
	SetReporter(ctx context.Context, userID int64, unit string, remove bool) error
	// Access says, in one round trip, whether a coordinator added userID (and with which unit),
	// and which groups are subscribed: what deciding who may report needs first.
	Access(ctx context.Context, userID int64) (unit string, added bool, groups []SubscribedGroup, err error)
	// CachedMembership returns the cached membership of userID in each chat ("" = not cached).
	CachedMembership(ctx context.Context, userID int64, chats []int64) ([]string, error)
	CacheMembership(ctx context.Context, userID, chatID int64, status string, ttl time.Duration) error
	// MigrateGroup moves a subscription to the group's new supergroup id.
	MigrateGroup(ctx context.Context, from, to int64) error
}

// FlowStore keeps the step a user is at in a guided flow.
type FlowStore interface {
	SetFlow(ctx context.Context, userID int64, f *Flow) error
	Flow(ctx context.Context, userID int64) (*Flow, error)
}

// Flow is a guided conversation waiting for the user's next typed answer.
type Flow struct {
	Kind    string   `json:"k"`
	Step    string   `json:"s"`
	Code    string   `json:"c,omitempty"`
	Percent int      `json:"p,omitempty"`
	Draft   Activity `json:"d,omitzero"`
}

// MemberChecker asks the chat platform whether a user is in a group.
type MemberChecker interface {
	// MemberStatus is Telegram's status: "creator", "administrator", "member", "restricted",
	// "left" or "kicked".
	MemberStatus(ctx context.Context, chatID, userID int64) (string, error)
}
