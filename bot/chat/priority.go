package chat

import "context"

type bulkKey struct{}

// Bulk marks ctx as sending messages nobody is waiting on right now (reminders, digests, nudges):
// a transport that paces its sends lets replies to people go first.
func Bulk(ctx context.Context) context.Context { return context.WithValue(ctx, bulkKey{}, true) }

// IsBulk reports whether ctx was marked by Bulk.
func IsBulk(ctx context.Context) bool { b, _ := ctx.Value(bulkKey{}).(bool); return b }
