// Package scheduler holds coordbot's reminders: the WHEN grammar users type (one-off times,
// relative offsets, recurring cron specs: package when), and a Redis due queue whose firing loop
// sends each occurrence exactly once, also with several bot processes on one Redis and across
// crashes and restarts. It knows nothing of Telegram or of the bot: a due occurrence is handed to
// a fire function, and what it means is the caller's business.
//
// Exactly once, in short (the full data model is at the top of queue.go): reminders wait in a
// ZSET scored by due time; a Lua script claims due ones atomically into a processing ZSET with a
// lease and a claim token; right before the send another script checks the claim, that the
// reminder was not cancelled and that the occurrence has no sent marker; after the send an ack
// script writes the marker and deletes the reminder or re-queues it at its next cron occurrence,
// computed in the configured time zone. A process that dies mid-way loses its lease and another
// one sends the reminder; occurrences missed while every process was down are sent late (marked
// so) within a grace window and skipped after it.
package scheduler
