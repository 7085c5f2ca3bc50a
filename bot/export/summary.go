package export

import "time"

// Summary is a sơ kết of one period, already computed by the bot: the workbook only lays it out.
// Every text is in the reader's language; numbers are numbers (the workbook formats them).
type Summary struct {
	// Title is the programme's title; From and To are the period's first and last day
	// (inclusive, at midnight in Loc).
	Title    string
	From, To time.Time
	// Generated is when the summary was made; By who drew it up (a name, or empty).
	Generated time.Time
	By        string
	// StaleDays is N of "no report in N days".
	StaleDays int
	// Status counts the activities by status (done, under way, planned, overdue: these four add
	// up to the activities counted, and only they are charted), then the cancelled ones and those
	// not reported in StaleDays, in that order; each has its label.
	Status []Count
	// Areas is one line per content area, Units one per unit (parents before their children,
	// Depth giving the level, each parent's figures including its children's).
	Areas []GroupRow
	Units []GroupRow
	// Targets is one line per activity target: target against what the period's reports
	// achieved.
	Targets []TargetRow
	// Overdue are the open activities whose time has passed; NotReported those with no report
	// in StaleDays days.
	Overdue     []ActivityRow
	NotReported []ActivityRow
	// Details are the period's reports, and a line for each activity with none in the period
	// (NoReport set).
	Details []Row
	// Journal are the period's audit entries.
	Journal []JournalRow
}

// Count is one labelled number.
type Count struct {
	Label string
	N     int
}

// GroupRow sums the activities of one content area or unit.
type GroupRow struct {
	Code  string // the unit's code; empty for a content area
	Name  string
	Depth int // 0 for a top unit or an area
	// Activities counts the (not cancelled) activities; Done, Overdue and NotReported count
	// those among them; Reports counts the period's reports on them.
	Activities, Done, Overdue, NotReported, Reports int
	// Percent is the mean of the activities' latest percent (0 when there are none).
	Percent float64
}

// TargetRow is one target of one activity.
type TargetRow struct {
	Activity string // code
	Title    string
	Unit     string // owner unit's name
	Measure  string // the unit of measure: "buổi", "lượt người"
	Target   float64
	Achieved float64
}

// ActivityRow is an activity in the overdue or not-reported list.
type ActivityRow struct {
	Activity string
	Title    string
	Unit     string
	Owner    string    // owner person, if any
	Due      time.Time // the activity's time; zero for a recurring one
	Last     time.Time // last report; zero when none
	Percent  int
	Status   string // in words
}
