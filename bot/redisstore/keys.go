package redisstore

import (
	"strconv"

	"github.com/coordbot/coordbot/bot"
)

// Tag is the hash tag of every key that a Lua script or MULTI of the programme writes together
// (activities, reports, the audit, groups, reporters, and the due queue, whose prefix cmd builds
// with ProgrammePrefix): on Redis Cluster they all live in one slot, so every atomic step runs
// there as on a single Redis. Keys only ever written alone (update claims, languages, flows, the
// membership cache, acknowledgements) carry no tag and spread over the cluster.
const Tag = "{prog}"

// ProgrammePrefix is the prefix of the programme's keys under the configured prefix; the due
// queue is given ProgrammePrefix(prefix)+"sched:" so that an activity and its reminders change in
// one step.
func ProgrammePrefix(prefix string) string { return prefix + Tag + ":" }

// keys builds every Redis key the store uses, under one prefix. The data model is described in
// the README's Design section; each function says what its key holds.
type keys struct {
	prefix string
	prog   string // prefix + "{prog}:"
	bot    string // the bot's Telegram id, or "" when unknown (the console)
}

func newKeys(prefix string, botID int64) keys {
	k := keys{prefix: prefix, prog: ProgrammePrefix(prefix)}
	if botID != 0 {
		k.bot = strconv.FormatInt(botID, 10) + ":"
	}
	return k
}

// update is an update id's claim: "r" while a handler runs it (SET NX, expires after claimTTL
// unless renewed, so a crashed process releases it by itself), "1" once it was handled (for
// updateTTL): a redelivered update finds "1" and is skipped. Update ids are per bot, so the key carries the bot's id: two
// bots sharing a Redis and a prefix never skip each other's updates.
func (k keys) update(id bot.UpdateKey) string {
	return k.prefix + "upd:" + k.bot + string(id)
}

// lang holds a user's chosen reply language ("vi" or "en"). Every id in a key or hash field is
// in its Key form (bot.ID.Key): a Telegram id's bare number, as before Zalo, or "zl:…".
func (k keys) lang(userID bot.ID) string {
	return k.prefix + "user:" + userID.Key() + ":lang"
}

// activities is a HASH: activity code → JSON of bot.Activity. Activities number in the hundreds,
// so one hash read whole by /plan is cheaper than a key each.
func (k keys) activities() string { return k.prog + "act" }

// activitySeq is the counter behind automatic codes A1, A2, …
func (k keys) activitySeq() string { return k.prog + "act:seq" }

// reports is a STREAM: one entry per progress report, field "r" = JSON of bot.Report. The stream
// id orders reports and is the report's id.
func (k keys) reports() string { return k.prog + "reports" }

// latest is a HASH: activity code (for a recurring activity "CODE@yyyy-mm-dd", one field per
// occurrence) → "streamID|JSON" of its latest report, kept by the same script that appends to
// the stream, so /progress reads one key.
func (k keys) latest() string { return k.prog + "reports:latest" }

// step holds what an update changed (a report's stream id, an activity's code) for updateTTL, so
// a redelivered update applies nothing twice; written by the step itself.
func (k keys) step(updateID bot.UpdateKey) string {
	return k.prog + "step:" + k.bot + string(updateID)
}

// audit is a STREAM: one entry per change of programme state, field "a" = JSON of bot.Audit.
func (k keys) audit() string { return k.prog + "audit" }

// groups is a HASH: approved group chat id → JSON {"t": title, "u": unit code} (older data: the
// bare title).
func (k keys) groups() string { return k.prog + "groups" }

// groupRequests is a HASH: chat id → JSON of bot.GroupRequest, groups a group admin asked to
// subscribe, waiting for a coordinator.
func (k keys) groupRequests() string { return k.prog + "groups:req" }

// reporters is a HASH: user id a coordinator added → unit (may be empty).
func (k keys) reporters() string { return k.prog + "reporters" }

// member caches Telegram's getChatMember status of a user in a group for a few minutes.
func (k keys) member(chatID, userID bot.ID) string {
	return k.prefix + "member:" + chatID.Key() + ":" + userID.Key()
}

// flow holds JSON of the guided flow a user is in, in one chat; it expires so an abandoned flow
// is forgotten. Keyed by chat too, so a flow begun in one chat never catches text in another.
func (k keys) flow(userID, chatID bot.ID) string {
	return k.prefix + "user:" + userID.Key() + ":flow:" + chatID.Key()
}

// ack is a HASH per reminder message: "_text" the message HTML, "_code" its activity, "_n" a
// counter, and "u:{user id}" = "{n}|{name}" for each person who pressed "✅ Đã nhận".
func (k keys) ack(chatID bot.ID, msgID int) string {
	return k.prefix + "ack:" + chatID.Key() + ":" + strconv.Itoa(msgID)
}

// contacts is a SET of the users (Key form) who wrote to the bot in private; a Zalo bot may write
// only to them, so private reminders go to the reporters among them.
func (k keys) contacts() string { return k.prefix + "contacts" }

// usernames is a HASH: lower-cased Telegram username → user id (Key form), written when a user
// writes to the bot in private, so an owner named "@lan" can be nudged there.
func (k keys) usernames() string { return k.prefix + "usernames" }

// inbox is a HASH: update key → JSON of the chat.Update, for each update the poller took from
// Telegram and has not yet finished handling. The poller writes a batch here before confirming it
// to Telegram; Finish removes an update together with marking it done; a process that starts
// polling first handles what is left here (in update id order, which is each chat's order).
func (k keys) inbox() string {
	return k.prefix + "inbox:" + k.bot
}

// undo is what the ↩️ Hoàn tác button of a correction or withdrawal restores (JSON of bot.Undo),
// for ten minutes; a key of its own, written alone.
func (k keys) undo(token string) string { return k.prefix + "undo:" + token }
