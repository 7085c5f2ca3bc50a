package bot

import (
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot/programme"
)

// The arguments /summary and /export share: a period ("từ 01/10/2026 đến 31/12/2026") and, for
// /export, a content area ("nd 2") and a unit ("đv DCG").

var (
	msgPeriodUsage = msg{
		"Không hiểu “%s”. Cách dùng: [từ dd/mm/yyyy] [đến dd/mm/yyyy], ví dụ /soket từ 01/10/2026 đến 31/12/2026 (mặc định: quý này; dd/mm không kèm năm là năm nay).",
		"Can't read “%s”. Usage: [from dd/mm/yyyy] [to dd/mm/yyyy], e.g. /summary from 01/10/2026 to 31/12/2026 (default: this quarter; dd/mm without a year is this year).",
	}
	msgExportUsage = msg{
		"Không hiểu “%s”. Cách dùng: /xuat [từ dd/mm/yyyy] [đến dd/mm/yyyy] [nd N] [đv MÃ_ĐƠN_VỊ], ví dụ /xuat từ 01/10/2026 nd 2.",
		"Can't read “%s”. Usage: /export [from dd/mm/yyyy] [to dd/mm/yyyy] [content N] [unit CODE], e.g. /export from 01/10/2026 content 2.",
	}
	msgBadDate       = msg{"Ngày “%s” không hợp lệ: dùng dạng dd/mm/yyyy, ví dụ 01/10/2026.", "Invalid date “%s”: use dd/mm/yyyy, e.g. 01/10/2026."}
	msgPeriodReverse = msg{"Ngày bắt đầu %s sau ngày kết thúc %s.", "The start %s is after the end %s."}
)

// period is what /summary and /export were asked for.
type period struct {
	// From and To are the first and last day (at midnight in the bot's zone).
	From, To time.Time
	// Given says the user named a day (else From..To is the default).
	Given bool
	// Area is a content area (0: all); Unit a unit code ("": all).
	Area int
	Unit string
}

// bounds is the period as [start, end).
func (p period) bounds() (time.Time, time.Time) { return p.From, p.To.AddDate(0, 0, 1) }

// parsePeriod reads "[từ|from] dd/mm/yyyy [đến|to] dd/mm/yyyy", with filters when filters is
// set. A period with only a start runs to today; only an end starts at its quarter; none is this
// quarter.
func (b *Bot) parsePeriod(args string, filters bool) (period, error) {
	usage := msgPeriodUsage
	if filters {
		usage = msgExportUsage
	}
	var p period
	var from, to time.Time
	words := strings.Fields(args)
	want := "" // "from" or "to": the next date's role
	for i := 0; i < len(words); i++ {
		w := words[i]
		f := programme.Fold(w)
		switch {
		case f == "tu" || f == "from" || f == "since":
			want = "from"
			continue
		case f == "den" || f == "to" || f == "until" || f == "-" || f == "–":
			want = "to"
			continue
		case filters && (f == "nd" || f == "content" || f == "noidung") && i+1 < len(words):
			n, err := strconv.Atoi(words[i+1])
			if _, ok := b.area(n); err != nil || !ok {
				return p, userErr(msgBadArea, len(b.cfg.Programme.Contents))
			}
			p.Area = n
			i++
			continue
		case filters && (f == "dv" || f == "unit" || f == "donvi") && i+1 < len(words):
			u, err := b.findUnit(words[i+1])
			if err != nil {
				return p, err
			}
			p.Unit = strings.ToUpper(u.Code)
			i++
			continue
		case isDay(w):
			t, err := time.ParseInLocation("02/01/2006", b.normDay(w), b.cfg.Loc)
			if err != nil {
				return p, userErr(msgBadDate, truncate(w, 12))
			}
			if want == "to" || (want == "" && !from.IsZero()) {
				to = t
			} else {
				from = t
			}
			want = ""
			continue
		}
		return p, userErr(usage, truncate(w, 30))
	}
	now := b.cfg.Now()
	p.Given = !from.IsZero() || !to.IsZero()
	switch {
	case from.IsZero() && to.IsZero():
		from, to = b.Quarter(now)
	case to.IsZero():
		to = dayStart(now, b.cfg.Loc)
		if to.Before(from) {
			to = from
		}
	case from.IsZero():
		from, _ = b.Quarter(to)
	}
	if from.After(to) {
		return p, userErr(msgPeriodReverse, b.fmtDate(from), b.fmtDate(to))
	}
	p.From, p.To = from, to
	return p, nil
}

// normDay writes d/m/yyyy as dd/mm/yyyy for time.Parse, and dd/mm as a day of this year.
func (b *Bot) normDay(w string) string {
	parts := strings.Split(w, "/")
	for i := 0; i < 2 && i < len(parts); i++ {
		if len(parts[i]) == 1 {
			parts[i] = "0" + parts[i]
		}
	}
	if len(parts) == 2 {
		parts = append(parts, strconv.Itoa(b.cfg.Now().In(b.cfg.Loc).Year()))
	}
	return strings.Join(parts, "/")
}
