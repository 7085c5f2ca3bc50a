// Package when parses the WHEN of a reminder as coordbot's users type it: dates and times read
// day first in the configured time zone (01/12 08:00, 08:00, 8h30), offsets from now (+30m,
// +1h30m), and recurring schedules (every 0 8 * * 1, daily 08:00, weekly t2 08:00, hằng tuần thứ
// Hai 08:00) as 5-field cron specs parsed with robfig/cron. It has no dependency on Redis or
// Telegram, so the bot can check what a user typed; the scheduler package stores and fires the
// reminders. Errors carry a kind (Past, ImpossibleDate, …), never prose: the bot owns the words.
package when
