package when

// examples are WHENs as people type them, for the bot's usage lines and error hints: words, never
// cron or +30m. Each one parses (TestExamplesParse), except "15/12 lúc 9h" in the week after 15/12
// (a slip).
var examples = []string{
	"9h", "mai 8h", "chiều mai 3h", "thứ 5 15h30", "15/12 lúc 9h", "thứ 6 tuần sau 14h", "30 phút nữa",
	"hằng ngày 7h", "hằng tuần thứ hai 7h30", "hằng tháng ngày 1 8h",
}

// Examples returns WHENs in words for hints ("9h, mai 8h, chiều mai 3h, …"): the same in both
// languages, since they are what the user types.
func Examples() []string { return append([]string(nil), examples...) }
