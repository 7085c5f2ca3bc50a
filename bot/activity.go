package bot

import (
	"context"
	"errors"
	"time"

	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/quantity"
)

// Status is where an activity stands. Only Cancelled is stored (a coordinator's decision); every
// other status is derived by StatusOf from the reports and the time, so nothing gets stuck.
type Status string

// Activity statuses.
const (
	Planned   Status = "planned"
	UnderWay  Status = "underway"
	Done      Status = "done"
	Overdue   Status = "overdue"
	Cancelled Status = "cancelled"
)

// Activity is a planned activity of the programme that cadres report on.
type Activity struct {
	Code    string `json:"code"`
	Title   string `json:"title"`
	TitleEN string `json:"title_en,omitempty"`
	// Content is the content area (1..N) it serves; 0 when none was given.
	Content int `json:"content,omitempty"`
	// Unit is the code of the owner unit (one of the programme's units); Owner is free text,
	// kept when the programme lists no units.
	Unit  string `json:"unit,omitempty"`
	Owner string `json:"owner,omitempty"`
	// Person is the owner person, who gets the nudges: an ID, or "@username" until the bot
	// knows who that is.
	Person string `json:"person,omitempty"`
	// Targets are the activity's targets (chỉ tiêu); Tally how reports' quantities add up
	// (empty means quantity.Sum).
	Targets []quantity.Amount `json:"targets,omitempty"`
	Tally   quantity.Mode     `json:"tally,omitempty"`
	// At is the (first) time of the activity; zero for a purely recurring one.
	At time.Time `json:"at,omitzero"`
	// Every is a 5-field cron spec for a recurring activity.
	Every string `json:"every,omitempty"`
	// Lead are the reminder lead times; empty means the default (1 day and 1 hour).
	Lead []time.Duration `json:"lead,omitempty"`
	// Status is Cancelled when a coordinator cancelled it; any other stored value (older data
	// kept "done" or "underway" here) means "not cancelled": see StatusOf.
	Status    Status    `json:"status"`
	CreatedBy ID        `json:"created_by,omitempty"`
	Updated   time.Time `json:"updated"`
}

// IsCancelled says whether a coordinator cancelled the activity.
func (a Activity) IsCancelled() bool { return a.Status == Cancelled }

// LeadTimes are the reminder lead times: the activity's own, or the programme default (1 day
// and 1 hour before).
func (a Activity) LeadTimes() []time.Duration {
	if len(a.Lead) > 0 {
		return a.Lead
	}
	return programme.DefaultLead()
}

// Report is one progress report by a cadre on an activity (for a recurring activity, on one of
// its occurrences).
type Report struct {
	// ID is the store's id of the report (a Redis stream id), ordered by time.
	ID       string    `json:"-"`
	Code     string    `json:"code"`
	UserID   ID        `json:"user"`
	Name     string    `json:"name"`
	Username string    `json:"un,omitempty"`
	Unit     string    `json:"unit,omitempty"`
	At       time.Time `json:"at"`
	Percent  int       `json:"pct"`
	Note     string    `json:"note,omitempty"`
	FileID   string    `json:"file,omitempty"`
	FileKind string    `json:"fkind,omitempty"`
	// Qty are the quantities the report gives ("12 buổi, 320 lượt người").
	Qty []quantity.Amount `json:"qty,omitempty"`
	// Occ is the occurrence (yyyy-mm-dd in the bot's zone) of a recurring activity the report is for.
	Occ string `json:"occ,omitempty"`
	// UpdateID is the update the report came in, so a redelivered update adds nothing.
	UpdateID UpdateKey `json:"upd,omitempty"`
}

// LatestKey is the key of the latest report of an activity's occurrence in Latest: the code,
// or "CODE@yyyy-mm-dd" for an occurrence of a recurring activity.
func LatestKey(code, occ string) string {
	if occ == "" {
		return code
	}
	return code + "@" + occ
}

// SubscribedGroup is a group chat that gets reminders and whose members may report.
type SubscribedGroup struct {
	ChatID ID
	Title  string
	// Unit is the code of the unit the group belongs to, as a coordinator approved it.
	Unit string
}

// GroupRequest is a group admin's /subscribe waiting for a coordinator.
type GroupRequest struct {
	ChatID ID        `json:"chat"`
	Title  string    `json:"title"`
	By     ID        `json:"by"`
	ByName string    `json:"by_name"`
	At     time.Time `json:"at"`
	// Unit is the unit code the group admin named (/dangky CODE), for the coordinator to confirm.
	Unit string `json:"unit,omitempty"`
}

// Audit is one change of programme state: who, when, what, before and after.
type Audit struct {
	ID     string    `json:"-"`
	At     time.Time `json:"at"`
	By     ID        `json:"by"`
	ByName string    `json:"by_name,omitempty"`
	// Action is one of the Act… constants.
	Action string `json:"do"`
	Code   string `json:"code,omitempty"`
	Chat   ID     `json:"chat,omitempty"`
	// User is the member or reporter the change concerns.
	User   ID     `json:"user,omitempty"`
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
	Reason string `json:"reason,omitempty"`
	// Report is the id of the report added or withdrawn; the store fills in a new report's id.
	Report string `json:"rid,omitempty"`
}

// Audit actions.
const (
	ActActivityAdd     = "activity.add"
	ActActivityEdit    = "activity.edit"
	ActActivityCancel  = "activity.cancel"
	ActActivityRestore = "activity.restore"
	ActReportAdd       = "report.add"
	ActReportWithdraw  = "report.withdraw"
	ActReportCorrect   = "report.correct"
	ActReportUndo      = "report.undo"
	ActGroupRequest    = "group.request"
	ActGroupApprove    = "group.approve"
	ActGroupRefuse     = "group.refuse"
	ActGroupRemove     = "group.remove"
	ActGroupUnit       = "group.unit"
	ActMemberAdd       = "member.add"
	ActMemberRemove    = "member.remove"
)

// NewReportID is the placeholder of Audit.Report that the store replaces by the id it gives the
// report added in the same step.
const NewReportID = "new"

// Errors of the store's atomic steps.
var (
	// ErrExists is returned when an activity code is already taken.
	ErrExists = errors.New("already exists")
	// ErrNoActivity: the activity named does not exist.
	ErrNoActivity = errors.New("no such activity")
	// ErrActivityCancelled: the activity was cancelled.
	ErrActivityCancelled = errors.New("activity cancelled")
	// ErrReportGone: the report to withdraw or correct was withdrawn meanwhile.
	ErrReportGone = errors.New("report already withdrawn")
)

// ActivityChange is one change of an activity, applied with its reminders and its audit entry
// in one atomic step.
type ActivityChange struct {
	Activity Activity
	// Create assigns the next code when Activity.Code is empty, and fails with ErrExists when
	// the code is taken.
	Create bool
	// Edit, when set, makes the change a function of the activity as stored: the step reads the
	// stored activity of Activity.Code under WATCH and writes what Edit makes of it (it may fill in
	// the audit's Before and After), so a change that raced another — an edit and a cancel —
	// applies to what the other left, never to a stale copy. An error from Edit aborts the step
	// and is returned as it is; a missing activity is ErrNoActivity. Edit may run more than once.
	Edit func(stored Activity, audit *Audit) (Activity, error)
	// Reminders builds the activity's reminders once its code is known; they replace every
	// reminder it had. Nil leaves none.
	Reminders func(Activity) []Reminder
	Audit     Audit
	// UpdateID, when not 0, makes the step happen once for this update.
	UpdateID UpdateKey
}

// ActivityStore keeps activities.
type ActivityStore interface {
	// ChangeActivity applies ch atomically and returns the activity as stored; applied is false
	// when ch.UpdateID had already made this change (the activity then is what it made).
	ChangeActivity(ctx context.Context, ch ActivityChange) (a Activity, applied bool, err error)
	Activity(ctx context.Context, code string) (Activity, bool, error)
	Activities(ctx context.Context) ([]Activity, error)
}

// ReportStep adds a report, withdraws one, or both at once (a correction), atomically with its
// audit entry. The activity must exist and not be cancelled when a report is added.
type ReportStep struct {
	Add *Report
	// Withdraw is the report to take back (as found by FindReport).
	Withdraw *Report
	Audit    Audit
	UpdateID UpdateKey
}

// ReportStore keeps progress reports.
type ReportStore interface {
	// ApplyReport applies st and returns the report added (or withdrawn) and the activity;
	// applied is false when st.UpdateID already did it. Errors: ErrNoActivity,
	// ErrActivityCancelled, ErrReportGone.
	ApplyReport(ctx context.Context, st ReportStep) (r Report, a Activity, applied bool, err error)
	// Latest is the latest report of each activity (of each occurrence), by LatestKey.
	Latest(ctx context.Context) (map[string]Report, error)
	// Reports are all reports, oldest first.
	Reports(ctx context.Context) ([]Report, error)
	// Everything is Activities, Latest and Reports read in one round trip.
	Everything(ctx context.Context) ([]Activity, map[string]Report, []Report, error)
	// ReportByID is the report with that id, if it still exists.
	ReportByID(ctx context.Context, id string) (Report, bool, error)
	// FindReport is the newest report on code for which match is true.
	FindReport(ctx context.Context, code string, match func(Report) bool) (Report, bool, error)
}

// AuditStore reads the audit stream.
type AuditStore interface {
	// History is the audit of one activity (all of it when code is ""), oldest first.
	History(ctx context.Context, code string) ([]Audit, error)
}

// Access is what deciding a report needs, read in one round trip.
type Access struct {
	// Unit and Added: a coordinator added the user (with this unit, possibly empty).
	Unit  string
	Added bool
	// Groups are the approved groups.
	Groups []SubscribedGroup
	// Activity is the activity asked about, when Found.
	Activity Activity
	Found    bool
}

// GroupStore keeps who belongs: approved groups and requests, reporters coordinators added, and a
// short-lived cache of Telegram's group membership answers.
type GroupStore interface {
	// RequestGroup records a group admin's request; approved is true when the group already is.
	RequestGroup(ctx context.Context, r GroupRequest, audit Audit) (approved bool, err error)
	// ApproveGroup subscribes a group (ending its request); changed is false if it already was.
	ApproveGroup(ctx context.Context, g SubscribedGroup, audit Audit) (changed bool, err error)
	// DecideRequest approves (subscribing g) or refuses a group's request if it is still pending;
	// decided is false, and nothing changed, when it no longer was.
	DecideRequest(ctx context.Context, g SubscribedGroup, approve bool, audit Audit) (decided bool, err error)
	// RemoveGroup unsubscribes a group or refuses its request, cancelling the reminders set in
	// that chat, in one step; it says whether there was anything and how many reminders went.
	RemoveGroup(ctx context.Context, chatID ID, audit Audit) (removed bool, reminders int, err error)
	Groups(ctx context.Context) ([]SubscribedGroup, error)
	GroupRequests(ctx context.Context) ([]GroupRequest, error)
	// SetReporter adds (unit may be empty) or, with remove, removes a reporter.
	SetReporter(ctx context.Context, userID ID, unit string, remove bool, audit Audit) error
	// Access reads, in one round trip, whether a coordinator added userID, the approved groups,
	// and the activity code ("" for none).
	Access(ctx context.Context, userID ID, code string) (Access, error)
	// CachedMembership returns the cached membership of userID in each chat ("" = not cached).
	CachedMembership(ctx context.Context, userID ID, chats []ID) ([]string, error)
	CacheMembership(ctx context.Context, userID, chatID ID, status string, ttl time.Duration) error
	// SetGroupUnit ties an approved group to a unit ("" unties it); found is false when the
	// group is not approved.
	SetGroupUnit(ctx context.Context, chatID ID, unit string, audit Audit) (found bool, err error)
	// MigrateGroup moves a subscription to the group's new supergroup id.
	MigrateGroup(ctx context.Context, from, to ID) error
}

// Undo is what the ↩️ Hoàn tác button of a correction or a withdrawal puts back: Restore is
// the report taken back, Remove the correction that replaced it (none for a withdrawal).
type Undo struct {
	Code    string  `json:"c"`
	By      ID      `json:"by"`
	Restore Report  `json:"r"`
	Remove  *Report `json:"x,omitempty"`
	// RemoveID is Remove's store id, which a Report does not carry in JSON.
	RemoveID string `json:"xid,omitempty"`
}

// UndoStore keeps undo records for a short while.
type UndoStore interface {
	SaveUndo(ctx context.Context, token string, u Undo, ttl time.Duration) error
	// TakeUndo returns and forgets token's record; ok is false once it expired or was taken.
	TakeUndo(ctx context.Context, token string) (u Undo, ok bool, err error)
}

// FlowStore keeps the step a user is at in a guided flow, per chat.
type FlowStore interface {
	SetFlow(ctx context.Context, userID, chatID ID, f *Flow) error
}

// Flow is a guided conversation waiting for the user's next typed answer.
type Flow struct {
	Kind    string   `json:"k"`
	Step    string   `json:"s"`
	Code    string   `json:"c,omitempty"`
	Occ     string   `json:"o,omitempty"`
	Percent int      `json:"p,omitempty"`
	Draft   Activity `json:"d,omitzero"`
	// Text is what the user typed that the flow holds on to (a report's note while the bot asks
	// what an ambiguous number in it is).
	Text string `json:"t,omitempty"`
}

// MemberChecker asks the chat platform whether a user is in a group.
type MemberChecker interface {
	// MemberStatus is Telegram's status: "creator", "administrator", "member", "restricted",
	// "left" or "kicked".
	MemberStatus(ctx context.Context, chatID, userID ID) (string, error)
}
