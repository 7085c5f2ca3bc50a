package chat

import (
	"context"
	"fmt"
	"html"
	"strconv"
	"strings"
)

var (
	msgStart = msg{
		"Xin chào %s! Đây là bot hỗ trợ thực hiện <b>%s</b>.\n\nBot trả lời câu hỏi về chương trình, cho xem kế hoạch hoạt động, nhận báo cáo tiến độ, theo dõi chỉ tiêu theo đơn vị, nhắc việc trong các nhóm và lập sơ kết.\n\nBắt đầu với /chuongtrinh để xem tổng quan, hoặc gõ câu hỏi trực tiếp. Xem mọi lệnh: /trogiup. English: /ngonngu en",
		"Hello %s! This bot helps carry out the <b>%s</b>.\n\nIt answers questions about the programme, shows the plan of activities, takes progress reports, tracks targets by unit, sends reminders to groups and draws up interim reviews.\n\nStart with /program for an overview, or just type a question. All commands: /help. Tiếng Việt: /lang vi",
	}
	msgParties   = msg{"Các bên phối hợp", "Parties"}
	msgPeriod    = msg{"Giai đoạn", "Period"}
	msgSigned    = msg{"Ký kết", "Signed"}
	msgAttendees = msg{"Tham dự lễ ký kết", "Present at the signing"}
	msgContents  = msg{"Nội dung phối hợp (%d)", "Areas of content (%d)"}
	msgMovements = msg{"Phong trào thi đua", "Emulation movements"}
	msgMoreAbout = msg{"Xem chi tiết: /noidung N (N từ 1 đến %d).", "Details: /content N (N from 1 to %d)."}
	msgContentN  = msg{"Nội dung %d/%d", "Content area %d of %d"}
	msgBadN      = msg{
		"Số nội dung không hợp lệ: %s. Chương trình có %d nội dung, hãy gõ /noidung N với N từ 1 đến %d, ví dụ /noidung 1.",
		"Invalid content number: %s. The programme has %d areas of content; type /content N with N from 1 to %d, e.g. /content 1.",
	}
	msgNoN = msg{
		"Hãy gõ số thứ tự nội dung, ví dụ /noidung 1 (từ 1 đến %d).",
		"Give the number of the content area, e.g. /content 1 (1 to %d).",
	}
	msgLangSet = msg{"Đã chuyển sang tiếng Việt.", "Replies will now be in English."}
	msgLangBad = msg{
		"Hãy chọn ngôn ngữ: /ngonngu vi (tiếng Việt) hoặc /ngonngu en (English).",
		"Choose a language: /lang vi (Vietnamese) or /lang en (English).",
	}
)

func (b *Bot) start(ctx context.Context, req *Request) error {
	// A deep link (t.me/bot?start=payload) arrives as "/start payload".
	if req.Args != "" {
		if ok, err := b.startPayload(ctx, req); ok || err != nil {
			return err
		}
	}
	p := b.cfg.Programme
	return b.reply(ctx, req, tr(req.Lang, msgStart, html.EscapeString(req.From.Name()), html.EscapeString(p.Title.In(req.Lang))))
}

// startPayload handles deep-link payloads: "report" and "report-CODE" open the report flow.
func (b *Bot) startPayload(ctx context.Context, req *Request) (bool, error) {
	p := req.Args
	switch {
	case p == "report":
		return true, b.startReportFlow(ctx, req, "")
	case strings.HasPrefix(p, "report-"):
		return true, b.startReportFlow(ctx, req, strings.TrimPrefix(p, "report-"))
	case p == "activity":
		if !b.isAdmin(req.From.ID) {
			return true, userErr(msgAdminOnly)
		}
		return true, b.startActivityFlow(ctx, req)
	}
	return false, nil
}

func (b *Bot) help(ctx context.Context, req *Request) error {
	return b.reply(ctx, req, b.helpText(req.Lang, b.isAdmin(req.From.ID)))
}

// program is the overview: title, parties, period, signing date, attendees, content areas.
func (b *Bot) program(ctx context.Context, req *Request) error {
	return b.reply(ctx, req, b.overview(req.Lang))
}

func (b *Bot) overview(lang string) string {
	p := b.cfg.Programme
	var sb strings.Builder
	fmt.Fprintf(&sb, "📘 <b>%s</b>\n", esc(p.Title.In(lang)))
	if s := p.Summary.In(lang); s != "" {
		fmt.Fprintf(&sb, "%s\n", esc(s))
	}
	sb.WriteString("\n")
	var parties []string
	for _, pt := range p.Parties {
		parties = append(parties, esc(pt.Name.In(lang)))
	}
	fmt.Fprintf(&sb, "<b>%s:</b> %s\n", tr(lang, msgParties), strings.Join(parties, "; "))
	fmt.Fprintf(&sb, "<b>%s:</b> %d – %d\n", tr(lang, msgPeriod), p.Period.From, p.Period.To)
	if !p.SignedOn.IsZero() {
		when := p.SignedOn.Format("02/01/2006")
		if q := p.SignedWhen.In(lang); q != "" {
			when = q + " " + when
		}
		fmt.Fprintf(&sb, "<b>%s:</b> %s\n", tr(lang, msgSigned), esc(when))
	}
	if len(p.Attendees) > 0 {
		fmt.Fprintf(&sb, "<b>%s:</b>\n", tr(lang, msgAttendees))
		for _, a := range p.Attendees {
			name := a.Name
			if r := a.Rank.In(lang); r != "" {
				name = r + " " + name
			}
			fmt.Fprintf(&sb, "• %s — %s\n", esc(name), esc(a.Position.In(lang)))
		}
	}
	fmt.Fprintf(&sb, "\n<b>%s:</b>\n", tr(lang, msgContents, len(p.Contents)))
	for i, c := range p.Contents {
		fmt.Fprintf(&sb, "%d. %s\n", i+1, esc(c.Title.In(lang)))
	}
	if len(p.Movements) > 0 {
		var ms []string
		for _, m := range p.Movements {
			ms = append(ms, "“"+esc(m.Name.In(lang))+"”")
		}
		fmt.Fprintf(&sb, "\n<b>%s:</b> %s\n", tr(lang, msgMovements), strings.Join(ms, ", "))
	}
	sb.WriteString("\n")
	sb.WriteString(tr(lang, msgMoreAbout, len(p.Contents)))
	return sb.String()
}

// content shows one content area in full.
func (b *Bot) content(ctx context.Context, req *Request) error {
	p := b.cfg.Programme
	n := len(p.Contents)
	arg := strings.TrimSpace(req.Args)
	if arg == "" {
		return userErr(msgNoN, n)
	}
	i, err := strconv.Atoi(arg)
	if err != nil || i < 1 || i > n {
		return userErr(msgBadN, truncate(arg, 20), n, n)
	}
	c := p.Contents[i-1]
	text := fmt.Sprintf("<b>%s</b>\n<b>%s</b>\n\n%s", tr(req.Lang, msgContentN, i, n), esc(c.Title.In(req.Lang)), esc(c.Body.In(req.Lang)))
	return b.reply(ctx, req, text)
}

// lang sets the user's reply language.
func (b *Bot) lang(ctx context.Context, req *Request) error {
	l, ok := normLang(req.Args)
	if !ok {
		return userErr(msgLangBad)
	}
	if err := b.cfg.Store.SetLang(ctx, req.From.ID, l); err != nil {
		return err
	}
	req.Lang = l
	return b.reply(ctx, req, tr(l, msgLangSet))
}

// esc escapes programme or user text for Telegram HTML.
func esc(s string) string { return html.EscapeString(s) }

// truncate shortens s to at most n runes, for echoing bad input back.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
