package bot

import (
	"context"
	"errors"
)

// Sessions is what the bot needs from the store to begin handling an update.
type Sessions interface {
	// Begin takes updateID's in-progress claim ("" claims nothing) and loads the user's language
	// and guided flow in this chat, in one round trip. Seen is true when the update was handled
	// before (Finish); Busy when another handler holds its claim now. A claim not renewed
	// (Renew) for 3×ClaimRenewal expires by itself, so a crashed process does not keep it.
	// A private chat also remembers, in the same round trip, the user's Telegram username
	// (UserByName) and, on Zalo, that the user wrote to the bot (PrivateRecipients).
	Begin(ctx context.Context, updateID UpdateKey, userID, chatID ID, username string) (Session, error)
	// Lang is the user's chosen reply language ("" when none).
	Lang(ctx context.Context, userID ID) (string, error)
	// UserByName is the user who wrote to the bot in private as @name.
	UserByName(ctx context.Context, name string) (ID, bool, error)
	// Forget releases the claim on updateID when its handler was cut off, so whoever gets the
	// update next handles it.
	Forget(ctx context.Context, updateID UpdateKey) error
	// Finish marks updateID handled, releasing its claim (and dropping it from the transport's
	// inbox of updates still to handle, when there is one).
	Finish(ctx context.Context, updateID UpdateKey) error
	// Renew extends the in-progress claim on updateID.
	Renew(ctx context.Context, updateID UpdateKey) error
	// SetLang remembers the user's reply language.
	SetLang(ctx context.Context, userID ID, lang string) error
}

// Session is what Begin loads.
type Session struct {
	// Seen: the update was handled before. Busy: another handler is running it now.
	Seen bool
	Busy bool
	Lang string
	// Flow is the guided flow the user is in, or nil.
	Flow *Flow
}

// Store is all the bot keeps: sessions, activities, reports, groups and flows.
type Store interface {
	Sessions
	ActivityStore
	ReportStore
	GroupStore
	FlowStore
	AckStore
	AuditStore
	ContactStore
	UndoStore
}

// ContactStore knows who wrote to the bot in private (Begin remembers them), for platforms where
// a bot may write only to them (Zalo).
type ContactStore interface {
	// PrivateRecipients are the reporters of platform ("zl") who wrote to the bot.
	PrivateRecipients(ctx context.Context, platform string) ([]ID, error)
}

// AckStore keeps who acknowledged a reminder message.
type AckStore interface {
	// SaveAck remembers a reminder message's text and activity code, for later edits.
	SaveAck(ctx context.Context, chatID ID, msgID int, text, code string) error
	// Ack records userID's acknowledgement; added is false when they had already. It returns the
	// message's text and code and the names of all who acknowledged, in order.
	Ack(ctx context.Context, chatID ID, msgID int, userID ID, name string) (text, code string, names []string, added bool, err error)
}

// ErrStoreDown is wrapped by stores when Redis cannot be reached; the user is asked to try again.
var ErrStoreDown = errors.New("store unavailable")
