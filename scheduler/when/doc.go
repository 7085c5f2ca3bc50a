// Package when parses the WHEN of a reminder or an activity as coordbot's users type it: one
// grammar (grammar.go) in which the parts — a time (9h, 9 giờ 30, 9g30, 08:00), a part of the day
// (sáng, chiều, tối), a day (mai, mốt, 15/12, ngày 15/12, 25/12/2026, cuối tháng), a weekday
// (thứ 5, T5, chủ nhật, CN, with tuần này / tuần sau), an offset (+30m, 30 phút nữa) and a
// recurrence (hằng ngày / tuần / tháng / năm, or a 5-field cron spec after every) — come in any
// order, read day first in the configured time zone. Every word is either understood or the WHEN
// is refused naming it; a day without a time takes the default hour and says so. Recurring
// schedules are 5-field cron specs parsed with robfig/cron and shown in words by Describe. It has
// no dependency on Redis or Telegram, so the bot can check what a user typed; the scheduler
// package stores and fires the reminders. Errors carry a kind (Past, ImpossibleDate, Conflict, …)
// and the word at fault, never prose: the bot owns the words.
package when
