package chat

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/coordbot/coordbot/bot"
)

var (
	msgHistUsage = msg{"Cách dùng: /lichsu MÃ, ví dụ /lichsu A7.", "Usage: /history CODE, e.g. /history A7."}
	msgHistHead  = msg{"📜 <b>Nhật ký hoạt động %s</b> — %s", "📜 <b>History of %s</b> — %s"}
	msgHistNone  = msg{"Chưa có thay đổi nào được ghi.", "No change recorded yet."}
	msgHistBy    = msg{"%s đã", "%s"} // "Lan đã thêm hoạt động", "Lan added the activity"
	msgHistWhy   = msg{"lý do: %s", "reason: %s"}
	msgActions   = map[string]msg{
		bot.ActActivityAdd:     {"thêm hoạt động", "added the activity"},
		bot.ActActivityEdit:    {"sửa hoạt động", "edited the activity"},
		bot.ActActivityCancel:  {"hủy hoạt động", "cancelled the activity"},
		bot.ActActivityRestore: {"khôi phục hoạt động", "restored the activity"},
		bot.ActReportAdd:       {"báo cáo", "reported"},
		bot.ActReportWithdraw:  {"rút báo cáo", "withdrew a report"},
		bot.ActReportCorrect:   {"sửa báo cáo", "corrected a report"},
		bot.ActReportUndo:      {"hoàn tác sửa/rút báo cáo", "undid a correction or withdrawal"},
		bot.ActGroupRequest:    {"xin đăng ký nhóm", "asked to subscribe a group"},
		bot.ActGroupApprove:    {"duyệt nhóm", "approved a group"},
		bot.ActGroupRefuse:     {"từ chối nhóm", "refused a group"},
		bot.ActGroupRemove:     {"hủy đăng ký nhóm", "unsubscribed a group"},
		bot.ActMemberAdd:       {"thêm người báo cáo", "added a reporter"},
		bot.ActMemberRemove:    {"bỏ người báo cáo", "removed a reporter"},
		bot.ActGroupUnit:       {"gắn nhóm với đơn vị", "tied a group to a unit"},
	}
)

// history shows an activity's audit entries in order: who did what, when, before and after.
func (b *Bot) history(ctx context.Context, req *Request) error {
	code := strings.TrimSpace(req.Args) // a code or a name (mustActivity)
	if code == "" {
		return userErr(msgHistUsage)
	}
	a, err := b.mustActivity(ctx, code)
	if err != nil {
		return err
	}
	entries, err := b.cfg.Store.History(ctx, a.Code)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString(tr(req.Lang, msgHistHead, esc(a.Code), esc(a.TitleIn(req.Lang))))
	if len(entries) == 0 {
		sb.WriteString("\n" + tr(req.Lang, msgHistNone))
	}
	for _, e := range entries {
		sb.WriteString("\n• " + b.auditLine(req.Lang, e))
	}
	return b.reply(ctx, req, sb.String())
}

// auditLine is one audit entry as people read it.
func (b *Bot) auditLine(lang string, e bot.Audit) string {
	what := e.Action
	if m, ok := msgActions[e.Action]; ok {
		what = tr(lang, m)
	}
	who := e.ByName
	if who == "" {
		who = "#" + e.By.String()
	}
	line := fmt.Sprintf("%s — %s <b>%s</b>", b.fmtTime(e.At), tr(lang, msgHistBy, esc(who)), what)
	before, after := auditValue(lang, e.Before), auditValue(lang, e.After)
	switch {
	case before != "" && after != "":
		line += ": " + esc(before) + " → " + esc(after)
	case after != "":
		line += ": " + esc(after)
	case before != "":
		line += ": " + esc(before)
	}
	if e.Reason != "" {
		line += " (" + tr(lang, msgHistWhy, esc(e.Reason)) + ")"
	}
	if e.Report != "" && e.Report != bot.NewReportID {
		// The report's id, which a coordinator may give to /baocao rut or sua.
		line += " " + tr(lang, msgHistReport, esc(e.Report))
	}
	return line
}

// auditValue shows a before/after value of the audit: a status in words, anything else as kept.
func auditValue(lang, v string) string {
	if m, ok := msgStatus[bot.Status(v)]; ok {
		return tr(lang, m)
	}
	return v
}

var msgHistReport = msg{"(mã báo cáo <code>%s</code>)", "(report id <code>%s</code>)"}

var (
	msgSomeone = msg{"một người dùng", "a user"}
	msgAGroup  = msg{"một nhóm", "a group"}
	// machineDate is a day as the store keeps it (an occurrence "@2026-12-07").
	machineDate = regexp.MustCompile(`@?(\d{4})-(\d{2})-(\d{2})\b`)
	// machineID is a chat or user id ("tg:-1001", "zl:123").
	machineID = regexp.MustCompile(`\b[a-z]{2}:-?\d+\b`)
)

// journalNames are the names the audit itself gives ids: who made each entry, and the title of
// each group an entry concerns (a group entry's value starts with its title).
func journalNames(entries []bot.Audit) map[bot.ID]string {
	names := map[bot.ID]string{}
	for _, e := range entries {
		if !e.By.IsZero() && e.ByName != "" {
			names[e.By] = e.ByName
		}
		if !e.Chat.IsZero() && strings.HasPrefix(e.Action, "group.") {
			for _, v := range []string{e.After, e.Before} {
				if title, _, _ := strings.Cut(v, " · "); title != "" {
					names[e.Chat] = title
					break
				}
			}
		}
	}
	return names
}

// nameOr is id's name in names, else what m says ("một nhóm").
func nameOr(lang string, names map[bot.ID]string, id bot.ID, m msg) string {
	if n := names[id]; n != "" {
		return n
	}
	return tr(lang, m)
}

// plainValue is v without machine values, for the workbook a leader signs: a stored day
// ("@2026-12-07") as 07/12/2026, an id as the name the audit gives it, no emoji.
func plainValue(lang, v string, names map[bot.ID]string) string {
	v = machineDate.ReplaceAllString(v, "$3/$2/$1")
	v = machineID.ReplaceAllStringFunc(v, func(id string) string {
		m := msgSomeone
		if strings.Contains(id, ":-") {
			m = msgAGroup
		}
		return nameOr(lang, names, bot.ID(id), m)
	})
	v = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.So, r) || r == '\uFE0F' || r == '\u200D' || unicode.Is(unicode.Sk, r) && r > 0x1F000 {
			return -1
		}
		return r
	}, v)
	return strings.Join(strings.Fields(v), " ")
}
