package bot

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot/programme"
)

// memberTTL is how long Telegram's answer on group membership is trusted; not-a-member answers are
// kept shorter so a cadre who just joined is let in soon.
const (
	memberTTL    = 10 * time.Minute
	nonMemberTTL = 2 * time.Minute
)

var (
	msgNotAllowed = msg{
		"Xin lỗi, tài khoản này chưa có quyền báo cáo tiến độ. Để được báo cáo, hãy tham gia nhóm của đơn vị đã đăng ký với bot, hoặc gửi mã số <code>%d</code> cho cán bộ điều phối để được thêm (/thanhvien them %d).",
		"Sorry, this account may not report progress yet. Join your unit's group that is subscribed to the bot, or send your id <code>%d</code> to a coordinator to be added (/member add %d).",
	}
	msgGroupOnly   = msg{"Lệnh này dùng trong nhóm: thêm bot vào nhóm của đơn vị rồi gõ lệnh tại đó.", "Use this command in a group: add the bot to your unit's group and type it there."}
	msgSubAdmin    = msg{"Chỉ quản trị viên của nhóm hoặc cán bộ điều phối mới đăng ký/hủy đăng ký được.", "Only the group's admins or a coordinator can subscribe or unsubscribe it."}
	msgSubscribed  = msg{"✅ %s đã đăng ký: nhóm sẽ nhận lời nhắc hoạt động và bản tin tuần; thành viên nhóm có thể báo cáo tiến độ (/baocao).", "✅ %s is subscribed: it gets activity reminders and the weekly digest, and its members may report progress (/report)."}
	msgUnsubbed    = msg{"%s đã hủy đăng ký và sẽ không nhận lời nhắc nữa.", "%s is unsubscribed and gets no more reminders."}
	msgMemberUsage = msg{"Cách dùng: /thanhvien them ID [đơn vị] hoặc /thanhvien xoa ID. Mỗi người xem mã số của mình bằng lệnh /maso.", "Usage: /member add ID [unit] or /member remove ID. Users learn their id with /id."}
	msgMemberAdded = msg{"✅ Người dùng %d được phép báo cáo%s.", "✅ User %d may now report%s."}
	msgMemberUnit  = msg{" (đơn vị: %s)", " (unit: %s)"}
	msgMemberGone  = msg{"Đã bỏ quyền báo cáo của người dùng %d.", "User %d may no longer report (unless a member of a subscribed group)."}
	msgYourID      = msg{"Mã số Telegram của bạn: <code>%d</code>", "Your Telegram id: <code>%d</code>"}
)

// reporter says whether the user may report, and under which unit.
func (b *Bot) reporter(ctx context.Context, u Update) (unit string, ok bool, err error) {
	unit, added, groups, err := b.cfg.Store.Access(ctx, u.From.ID)
	if err != nil || added {
		return unit, added, err
	}
	// Writing in a subscribed group shows membership of it.
	for _, g := range groups {
		if g.ChatID == u.ChatID {
			return g.Title, true, nil
		}
	}
	if b.isAdmin(u.From.ID) {
		return "", true, nil
	}
	if b.cfg.Members == nil || len(groups) == 0 {
		return "", false, nil
	}
	ids := make([]int64, len(groups))
	for i, g := range groups {
		ids[i] = g.ChatID
	}
	cached, err := b.cfg.Store.CachedMembership(ctx, u.From.ID, ids)
	if err != nil {
		return "", false, err
	}
	for i, g := range groups {
		if isMember(cached[i]) {
			return g.Title, true, nil
		}
	}
	for i, g := range groups {
		if cached[i] != "" {
			continue
		}
		status, err := b.cfg.Members.MemberStatus(ctx, g.ChatID, u.From.ID)
		if err != nil {
			b.log.Warn("membership check failed", "chat", g.ChatID, "err", err)
			continue
		}
		ttl := nonMemberTTL
		if isMember(status) {
			ttl = memberTTL
		}
		if err := b.cfg.Store.CacheMembership(ctx, u.From.ID, g.ChatID, status, ttl); err != nil {
			return "", false, err
		}
		if isMember(status) {
			return g.Title, true, nil
		}
	}
	return "", false, nil
}

func isMember(status string) bool {
	switch status {
	case "creator", "administrator", "member", "restricted":
		return true
	}
	return false
}

// mayReport returns the user's unit, or the polite refusal.
func (b *Bot) mayReport(ctx context.Context, u Update) (string, error) {
	unit, ok, err := b.reporter(ctx, u)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", userErr(msgNotAllowed, u.From.ID, u.From.ID)
	}
	return unit, nil
}

// subscribe handles /subscribe and /unsubscribe in a group.
func (b *Bot) subscribe(ctx context.Context, req *Request, on bool) error {
	if !req.ChatKind.IsGroup() {
		return userErr(msgGroupOnly)
	}
	if !b.isAdmin(req.From.ID) {
		ok := false
		if b.cfg.Members != nil {
			status, err := b.cfg.Members.MemberStatus(ctx, req.ChatID, req.From.ID)
			if err != nil {
				return err
			}
			ok = status == "creator" || status == "administrator"
		}
		if !ok {
			return userErr(msgSubAdmin)
		}
	}
	title := req.ChatTitle
	if title == "" {
		title = strconv.FormatInt(req.ChatID, 10)
	}
	if err := b.cfg.Store.SetGroup(ctx, SubscribedGroup{ChatID: req.ChatID, Title: title}, on); err != nil {
		return err
	}
	if on {
		return b.reply(ctx, req, tr(req.Lang, msgSubscribed, groupName(req.Lang, title)))
	}
	return b.reply(ctx, req, tr(req.Lang, msgUnsubbed, groupName(req.Lang, title)))
}

func (b *Bot) subscribeOn(ctx context.Context, req *Request) error {
	return b.subscribe(ctx, req, true)
}
func (b *Bot) subscribeOff(ctx context.Context, req *Request) error {
	return b.subscribe(ctx, req, false)
}

// member handles /member add|remove ID [unit] (coordinators).
func (b *Bot) member(ctx context.Context, req *Request) error {
	f := strings.Fields(req.Args)
	if len(f) < 2 {
		return userErr(msgMemberUsage)
	}
	id, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil || id <= 0 {
		return userErr(msgMemberUsage)
	}
	switch programme.Fold(f[0]) {
	case "add", "them":
		unit := strings.Join(f[2:], " ")
		if err := b.cfg.Store.SetReporter(ctx, id, unit, false); err != nil {
			return err
		}
		note := ""
		if unit != "" {
			note = tr(req.Lang, msgMemberUnit, esc(unit))
		}
		return b.reply(ctx, req, tr(req.Lang, msgMemberAdded, id, note))
	case "remove", "xoa", "bo":
		if err := b.cfg.Store.SetReporter(ctx, id, "", true); err != nil {
			return err
		}
		return b.reply(ctx, req, tr(req.Lang, msgMemberGone, id))
	}
	return userErr(msgMemberUsage)
}

// whoami tells a user their id, to pass to a coordinator.
func (b *Bot) whoami(ctx context.Context, req *Request) error {
	return b.reply(ctx, req, tr(req.Lang, msgYourID, req.From.ID))
}
