package redisstore

import "strconv"

// keys builds every Redis key the store uses, under one prefix. The data model is described in
// the README's Design section; each function says what its key holds.
type keys struct{ prefix string }

// update holds "1" while update id is claimed (SET NX, expires after updateTTL): a redelivered
// update finds it and is skipped.
func (k keys) update(id int64) string { return k.prefix + "upd:" + strconv.FormatInt(id, 10) }

// lang holds a user's chosen reply language ("vi" or "en").
func (k keys) lang(userID int64) string {
	return k.prefix + "user:" + strconv.FormatInt(userID, 10) + ":lang"
}

// activities is a HASH: activity code → JSON of bot.Activity. Activities number in the hundreds,
// so one hash read whole by /plan is cheaper than a key each.
func (k keys) activities() string { return k.prefix + "act" }

// activitySeq is the counter behind automatic codes A1, A2, …
func (k keys) activitySeq() string { return k.prefix + "act:seq" }

// reports is a STREAM: one entry per progress report, field "r" = JSON of bot.Report. The stream
// id orders reports and is the report's id.
func (k keys) reports() string { return k.prefix + "reports" }

// latest is a HASH: activity code → "streamID|JSON" of its latest report, kept by the same script
// that appends to the stream, so /progress reads one key.
func (k keys) latest() string { return k.prefix + "reports:latest" }

// reportUpdate holds the stream id of the report an update created (expires with updateTTL), so a
// redelivered update appends nothing.
func (k keys) reportUpdate(updateID int64) string {
	return k.prefix + "reports:upd:" + strconv.FormatInt(updateID, 10)
}

// groups is a HASH: subscribed group chat id → title.
func (k keys) groups() string { return k.prefix + "groups" }

// reporters is a HASH: user id a coordinator added → unit (may be empty).
func (k keys) reporters() string { return k.prefix + "reporters" }

// member caches Telegram's getChatMember status of a user in a group for a few minutes.
func (k keys) member(chatID, userID int64) string {
	return k.prefix + "member:" + strconv.FormatInt(chatID, 10) + ":" + strconv.FormatInt(userID, 10)
}

// flow holds JSON of the guided flow a user is in; it expires so an abandoned flow is forgotten.
func (k keys) flow(userID int64) string {
	return k.prefix + "user:" + strconv.FormatInt(userID, 10) + ":flow"
}

// ack is a HASH per reminder message: "_text" the message HTML, "_code" its activity, "_n" a
// counter, and "u:{user id}" = "{n}|{name}" for each person who pressed "✅ Đã nhận".
func (k keys) ack(chatID int64, msgID int) string {
	return k.prefix + "ack:" + strconv.FormatInt(chatID, 10) + ":" + strconv.Itoa(msgID)
}
