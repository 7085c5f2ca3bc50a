package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/coordbot/coordbot/bot/webapp"
	"github.com/coordbot/coordbot/bot/webapp/webapptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coordbot/coordbot/bot/telegramtest"
	"github.com/xuri/excelize/v2"
)

// The people and groups of the sơ kết story: a cadre in each of two border posts' groups, and
// two owner persons with Telegram usernames.
var (
	skCadre1  = telegramtest.User{ID: 61001, FirstName: "Trần Văn Một", LanguageCode: "vi"}
	skCadre2  = telegramtest.User{ID: 61002, FirstName: "Lê Thị Hai", LanguageCode: "vi"}
	skLan     = telegramtest.User{ID: 61003, FirstName: "Lan", Username: "lan_dvk", LanguageCode: "vi"}
	skHung    = telegramtest.User{ID: 61004, FirstName: "Hùng", Username: "hung_bdbp", LanguageCode: "vi"}
	skLeader  = telegramtest.User{ID: 61005, FirstName: "Nguyễn Văn Lãnh Đạo", LanguageCode: "vi"}
	skGroupCG = telegramtest.Group(-100801, "Đồn Biên phòng Cần Giờ")
	skGroupLH = telegramtest.Group(-100802, "Đồn Biên phòng Long Hòa")
)

// skAct is an activity of the test's programme file, with what the test expects of it.
type skAct struct {
	code, title string
	content     int
	unit        string
	person      string
	targets     string // as the file writes them
	tally       string // "" (sum) or "latest"
	at          time.Time
}

// skReport is a report the test sends, with its quantities by unit of measure.
type skReport struct {
	from telegramtest.User
	chat telegramtest.Chat
	code string
	pct  int
	text string // what follows /baocao
	qty  map[string]float64
}

// TestRunSoket drives issue 12's story ("sơ kết") through `coordbot run`, the Bot API test server
// and a real Redis: a programme file with units (a parent and its children) and activities with
// owner units, owner persons and targets; two groups tied to units on approval (one by a
// coordinator's /dangky MÃ, one by a group admin's request approved with the button); reports
// with quantities from the groups' members; /tiendo donvi rolls up to the parent; an owner with
// no report is listed by /tiendo chuabaocao and nudged privately once the bot knows them, and
// once only; /soket sends the summary and a workbook whose figures are the reports'.
//
// The bot has no clock to fake, so "no report in 7 days" is an activity past due with no report
// at all; the activities' times are set around the real now.
func TestRunSoket(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(loc).Truncate(time.Minute)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	units := []struct{ code, name, parent string }{
		{"BDBP", "Bộ Chỉ huy Bộ đội Biên phòng TPHCM", ""},
		{"DCG", "Đồn Biên phòng Cần Giờ", "BDBP"},
		{"DLH", "Đồn Biên phòng Long Hòa", "BDBP"},
		{"BDV", "Ban Dân vận Thành ủy TPHCM", ""},
	}
	unitName := map[string]string{}
	for _, u := range units {
		unitName[u.code] = u.name
	}
	acts := []skAct{
		// Past due, reported twice: overdue, not stale.
		{code: "T1", title: "Tuyên truyền Luật Biên phòng tại xã Thạnh An", content: 2, unit: "DCG",
			targets: "20 buổi, 500 lượt người", at: now.AddDate(0, 0, -2)},
		// Due this week, reported twice; counted by the latest report.
		{code: "T2", title: "Lớp tập huấn kỹ năng dân vận", content: 4, unit: "DLH",
			targets: "4 lớp, 120 lượt cán bộ", tally: "latest", at: now.AddDate(0, 0, 3)},
		// Past due, never reported, with an owner person: the one to nudge.
		{code: "T3", title: "Khám bệnh, cấp thuốc cho bà con vùng biên", content: 1, unit: "DLH",
			person: "@" + skLan.Username, targets: "10 buổi", at: now.AddDate(0, 0, -3)},
		// Three weeks away, never reported: not yet "not reported"; its owner is not nudged.
		{code: "T4", title: "Hội nghị sơ kết công tác dân vận", content: 3, unit: "BDBP",
			person: "@" + skHung.Username, at: now.AddDate(0, 0, 20)},
		// Another top unit's, done: outside BDBP's roll-up.
		{code: "T5", title: "Giao ban Ban Dân vận", content: 5, unit: "BDV", at: now.AddDate(0, 0, -1)},
	}
	var plan strings.Builder
	plan.WriteString("extends: seed\n\nunits:\n")
	for _, u := range units {
		fmt.Fprintf(&plan, "  - code: %s\n    name:\n      vi: %q\n", u.code, u.name)
		if u.parent != "" {
			fmt.Fprintf(&plan, "    parent: %s\n", u.parent)
		}
	}
	plan.WriteString("\nactivities:\n")
	for _, a := range acts {
		fmt.Fprintf(&plan, "  - code: %s\n    title:\n      vi: %q\n    content: %d\n    unit: %s\n    when: %s\n",
			a.code, a.title, a.content, a.unit, a.at.Format("02/01/2006 15:04"))
		if a.person != "" {
			fmt.Fprintf(&plan, "    person: %q\n", a.person)
		}
		if a.targets != "" {
			fmt.Fprintf(&plan, "    targets: %s\n", a.targets)
		}
		if a.tally != "" {
			fmt.Fprintf(&plan, "    tally: %s\n", a.tally)
		}
	}
	path := filepath.Join(t.TempDir(), "plan.yaml")
	if err := os.WriteFile(path, []byte(plan.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// The weekly digest also nudges owners; keep it away from the test's run.
	// A leader follows the programme as a viewer (COORDBOT_VIEWERS): read-only views, no edits.
	// The dashboard is on too, so its figures can be held against the chat's.
	e := newE2E(t, map[string]string{"COORDBOT_PROGRAM": path, "COORDBOT_DIGEST": "0 3 1 1 *",
		"COORDBOT_VIEWERS": strconv.FormatInt(skLeader.ID, 10), "COORDBOT_PUBLIC_URL": publicURL})
	coordChat := telegramtest.Private(coordinator)
	lanChat, hungChat := telegramtest.Private(skLan), telegramtest.Private(skHung)
	step := func(t *testing.T, from telegramtest.User, chat telegramtest.Chat, text string, wants ...string) []telegramtest.Sent {
		t.Helper()
		got := e.on(t).say(from, chat, text, 1)
		mustContain(t, plain(got), wants...)
		return got
	}
	mustContain(t, plain(e.say(coordinator, coordChat, "/kehoach", 1)), "T1", "T2", "T3", "T4", "T5")

	t.Run("groups are tied to units when approved", func(t *testing.T) {
		// A coordinator subscribes the Cần Giờ group to DCG at once.
		step(t, coordinator, skGroupCG, "/dangky DCG", "đã đăng ký", "Đơn vị: "+unitName["DCG"])
		// The Long Hòa group's admin asks for DLH; a coordinator approves with the button.
		e.srv.SetChatMember(skGroupLH.ID, groupAdmin.ID, "administrator")
		before := len(e.srv.SentTo(coordChat.ID))
		step(t, groupAdmin, skGroupLH, "/dangky DLH", "Đã gửi yêu cầu")
		sent, ok := e.srv.WaitSentTo(wait, coordChat.ID, before+1)
		if !ok {
			t.Fatal("the coordinator got no request")
		}
		req := sent[before]
		data := "ga:" + strconv.FormatInt(skGroupLH.ID, 10)
		mustContain(t, req.Plain, "Yêu cầu đăng ký nhóm", skGroupLH.Title, "Đơn vị: "+unitName["DLH"])
		if !hasButton(req, data) {
			t.Fatalf("the request has no %s button: %+v", data, req.Buttons)
		}
		mustContain(t, plain(e.on(t).press(coordinator, coordChat.ID, req.MessageID, data, 1)), "Đã duyệt", skGroupLH.Title, unitName["DLH"])
		if !e.srv.WaitFor(wait, func() bool { return strings.Contains(plain(e.srv.SentTo(skGroupLH.ID)), "đã duyệt") }) {
			t.Error("the group was not told it was approved")
		}
		got := plain(step(t, coordinator, coordChat, "/nhom", "Các nhóm đã đăng ký"))
		for _, g := range []struct {
			chat telegramtest.Chat
			unit string
		}{{skGroupCG, "DCG"}, {skGroupLH, "DLH"}} {
			if want := fmt.Sprintf("%s (tg:%d) — %s", g.chat.Title, g.chat.ID, unitName[g.unit]); !strings.Contains(got, want) {
				t.Errorf("/nhom lacks %q:\n%s", want, got)
			}
		}
		if strings.Contains(got, "Đang chờ duyệt") {
			t.Errorf("a request is still pending after the approval:\n%s", got)
		}
	})
	if t.Failed() {
		t.FailNow() // the rest needs the groups
	}

	e.srv.SetChatMember(skGroupCG.ID, skCadre1.ID, "member")
	e.srv.SetChatMember(skGroupLH.ID, skCadre2.ID, "member")
	cadre1Chat, cadre2Chat := telegramtest.Private(skCadre1), telegramtest.Private(skCadre2)
	reports := []skReport{
		{skCadre1, cadre1Chat, "T1", 60, "T1 60% tuyên truyền tại 3 ấp | 12 buổi, 320 lượt người", map[string]float64{"buổi": 12, "lượt người": 320}},
		{skCadre1, cadre1Chat, "T1", 80, "T1 80% | 3 buoi, 100 lượt người", map[string]float64{"buổi": 3, "lượt người": 100}},
		{skCadre2, skGroupLH, "T2", 25, "T2 25% khai giảng | 1 lớp, 30 lượt cán bộ", map[string]float64{"lớp": 1, "lượt cán bộ": 30}},
		{skCadre2, cadre2Chat, "T2", 40, "T2 40% | 2 lớp, 70 lượt cán bộ", map[string]float64{"lớp": 2, "lượt cán bộ": 70}},
		{coordinator, coordChat, "T5", 100, "T5 100% đã giao ban", nil},
	}
	t.Run("members report with quantities", func(t *testing.T) {
		for _, r := range reports {
			want := []string{"Đã ghi nhận", strconv.Itoa(r.pct) + "%"}
			if r.qty != nil {
				want = append(want, "Khối lượng: ")
			}
			step(t, r.from, r.chat, "/baocao "+r.text, want...)
		}
		// A quantity in no unit of the activity's targets is refused.
		step(t, skCadre1, cadre1Chat, "/baocao T1 90% | 5 lớp", "không thuộc chỉ tiêu nào")
	})
	if t.Failed() {
		t.FailNow()
	}

	// What the test expects, from what it planned and reported.
	type target struct {
		measure          string
		target, achieved float64
	}
	type expect struct {
		pct                      int
		reported, overdue, stale bool
		targets                  []target // in the file's order
	}
	exp := map[string]*expect{}
	for _, a := range acts {
		x := &expect{}
		for _, part := range strings.Split(a.targets, ",") {
			if part = strings.TrimSpace(part); part != "" {
				n, measure, _ := strings.Cut(part, " ")
				v, err := strconv.ParseFloat(n, 64)
				if err != nil {
					t.Fatalf("the test's target %q: %v", part, err)
				}
				x.targets = append(x.targets, target{measure: measure, target: v})
			}
		}
		exp[a.code] = x
	}
	for _, r := range reports {
		x := exp[r.code]
		x.pct, x.reported = r.pct, true
		for i, tg := range x.targets {
			if v, ok := r.qty[tg.measure]; ok {
				if acts[indexOf(acts, r.code)].tally == "latest" {
					x.targets[i].achieved = v
				} else {
					x.targets[i].achieved += v
				}
			}
		}
	}
	for _, a := range acts {
		x := exp[a.code]
		open := x.pct < 100
		x.overdue = open && a.at.Before(today)
		x.stale = open && !x.reported && a.at.Before(now.AddDate(0, 0, 7))
	}
	// targetsText is an activity's targets as /tiendo and /soket show them: "15/20 buổi (75%), …".
	targetsText := func(code string) string {
		var parts []string
		for _, tg := range exp[code].targets {
			parts = append(parts, fmt.Sprintf("%s/%s %s (%d%%)", strconv.FormatFloat(tg.achieved, 'f', -1, 64),
				strconv.FormatFloat(tg.target, 'f', -1, 64), tg.measure, int(tg.achieved/tg.target*100+0.5)))
		}
		return strings.Join(parts, ", ")
	}
	within := func(unit, ancestor string) bool {
		for c := unit; c != ""; {
			if c == ancestor {
				return true
			}
			next := ""
			for _, u := range units {
				if u.code == c {
					next = u.parent
				}
			}
			c = next
		}
		return false
	}
	rollLine := func(unit string) string {
		n, sum, done, overdue, stale := 0, 0, 0, 0, 0
		for _, a := range acts {
			if !within(a.unit, unit) {
				continue
			}
			x := exp[a.code]
			n++
			sum += x.pct
			if x.pct >= 100 {
				done++
			}
			if x.overdue {
				overdue++
			}
			if x.stale {
				stale++
			}
		}
		avg := 0
		if n > 0 {
			avg = sum / n
		}
		return fmt.Sprintf("%d hoạt động · trung bình %d%% · hoàn thành %d · quá hạn %d · chưa báo cáo %d", n, avg, done, overdue, stale)
	}

	t.Run("the dashboard over the whole programme gives /tiendo donvi's figures", func(t *testing.T) {
		auth := "tma " + webapptest.Sign(e.env["TELEGRAM_BOT_TOKEN"], webapp.User{ID: skLeader.ID, FirstName: "Lãnh đạo", LanguageCode: "vi"}, time.Now(), nil)
		code, body := apiGet(t, "http://"+httpAddr(t, e.logs)+"/app/api/dashboard?period=all", auth)
		if code != 200 {
			t.Fatalf("dashboard API: %d %s", code, body)
		}
		var d struct {
			Units []map[string]any `json:"units"`
		}
		if err := json.Unmarshal([]byte(body), &d); err != nil {
			t.Fatal(err)
		}
		num := func(m map[string]any, k string) int { f, _ := m[k].(float64); return int(f) }
		seen := 0
		for _, u := range d.Units {
			key, _ := u["key"].(string)
			if key == "" {
				continue
			}
			seen++
			line := fmt.Sprintf("%d hoạt động · trung bình %d%% · hoàn thành %d · quá hạn %d · chưa báo cáo %d",
				num(u, "activities"), num(u, "percent"), num(u, "done"), num(u, "overdue"), num(u, "not_reported"))
			if want := rollLine(key); line != want {
				t.Errorf("the dashboard's %s reads %q, /tiendo donvi %q", key, line, want)
			}
			mustContain(t, plain(step(t, skLeader, telegramtest.Private(skLeader), "/tiendo donvi "+key)), rollLine(key))
		}
		if seen == 0 {
			t.Fatalf("the dashboard shows no unit: %s", body)
		}
	})
	t.Run("tiendo donvi rolls up to the parent unit", func(t *testing.T) {
		got := plain(step(t, skCadre1, cadre1Chat, "/tiendo donvi BDBP", "Tiến độ — "+unitName["BDBP"]))
		// The parent's line counts its own and its children's activities: 4, at (80+40+0+0)/4.
		if want := rollLine("BDBP"); !strings.Contains(got, want) || !strings.HasPrefix(want, "4 hoạt động · trung bình 30%") {
			t.Errorf("the roll-up lacks %q:\n%s", want, got)
		}
		mustContain(t, got, "Đơn vị trực thuộc",
			"• "+unitName["DCG"]+": "+rollLine("DCG"),
			"• "+unitName["DLH"]+": "+rollLine("DLH"))
		for _, a := range acts {
			if within(a.unit, "BDBP") {
				mustContain(t, got, "• "+a.code+" "+a.title)
				if a.targets != "" {
					mustContain(t, got, "🎯 "+targetsText(a.code))
				}
			}
		}
		if strings.Contains(got, "T5") || strings.Contains(got, unitName["BDV"]) {
			t.Errorf("another top unit's activity is in BDBP's view:\n%s", got)
		}
	})

	t.Run("an owner with no report is listed and nudged once they wrote to the bot", func(t *testing.T) {
		stale := 0
		for _, x := range exp {
			if x.stale {
				stale++
			}
		}
		msg := step(t, coordinator, coordChat, "/tiendo chuabaocao", "Quá hạn và chưa báo cáo",
			fmt.Sprintf("Chưa báo cáo trong 7 ngày (%d)", stale), "Người phụ trách cần báo cáo", "@lan_dvk: T3")[0]
		got := msg.Plain
		staleList := got[strings.Index(got, "Chưa báo cáo trong 7 ngày"):]
		for code, x := range exp {
			if in := strings.Contains(staleList, "• "+code+" "); in != x.stale {
				t.Errorf("%s in the not-reported list: %v, want %v:\n%s", code, in, x.stale, staleList)
			}
		}
		if strings.Contains(got, "@hung_bdbp") {
			t.Errorf("the owner of an activity three weeks away is listed:\n%s", got)
		}
		// Every unit with activities not reported, a parent counting its children's.
		mustContain(t, staleList, "Đơn vị có việc chưa báo cáo")
		for _, u := range units {
			n := 0
			for _, a := range acts {
				if exp[a.code].stale && within(a.unit, u.code) {
					n++
				}
			}
			if line := fmt.Sprintf("• %s: ", u.name); (n > 0) != strings.Contains(staleList, line) || n > 0 && !strings.Contains(staleList, line+strconv.Itoa(n)) {
				t.Errorf("units not reported: want %s%d (none when 0):\n%s", line, n, staleList)
			}
		}
		if !hasButton(msg, "nu:7") {
			t.Fatalf("the coordinator has no nu:7 button: %+v", msg.Buttons)
		}
		// Lan has never written to the bot: @lan_dvk is nobody it knows.
		mustContain(t, plain(e.on(t).press(coordinator, coordChat.ID, msg.MessageID, "nu:7", 1)), "chưa nhắn tin cho bot")
		if n := len(e.srv.SentTo(lanChat.ID)); n != 0 {
			t.Fatalf("%d messages went to Lan before she wrote to the bot", n)
		}
		// Both owners write to the bot once, privately; then the press nudges Lan only.
		step(t, skLan, lanChat, "/maso", strconv.FormatInt(skLan.ID, 10))
		step(t, skHung, hungChat, "/maso", strconv.FormatInt(skHung.ID, 10))
		lanBefore, hungBefore := len(e.srv.SentTo(lanChat.ID)), len(e.srv.SentTo(hungChat.ID))
		mustContain(t, plain(e.on(t).press(coordinator, coordChat.ID, msg.MessageID, "nu:7", 1)), "Đã nhắc 1 người phụ trách")
		nudges := e.srv.SentTo(lanChat.ID)[lanBefore:]
		if len(nudges) != 1 {
			t.Fatalf("Lan got %d messages from the press, want 1 nudge: %+v", len(nudges), nudges)
		}
		mustContain(t, nudges[0].Plain, "T3", acts[2].title, "/baocao T3")
		if extra := e.srv.SentTo(hungChat.ID)[hungBefore:]; len(extra) != 0 {
			t.Errorf("Hùng, whose activity is three weeks away, was nudged: %+v", extra)
		}
		// A second press the same day nudges nobody again.
		mustContain(t, plain(e.on(t).press(coordinator, coordChat.ID, msg.MessageID, "nu:7", 1)), "Những người phụ trách này đã được nhắc hôm nay rồi (1 người)")
		e.on(t).barrier(skLan, lanChat)
		if got := e.srv.SentTo(lanChat.ID)[lanBefore:]; len(got) != 2 { // the nudge and the barrier's reply
			t.Errorf("Lan got %d messages after two presses, want the one nudge and the /maso reply: %+v", len(got), got)
		}
	})

	t.Run("soket sends the summary and its workbook", func(t *testing.T) {
		from, to := today.AddDate(0, 0, -10), today.AddDate(0, 0, 30)
		dFrom, dTo := from.Format("02/01/2006"), to.Format("02/01/2006")
		got := e.on(t).say(coordinator, coordChat, "/soket từ "+dFrom+" đến "+dTo, 2)
		text := got[0].Plain
		mustContain(t, text, "Sơ kết "+dFrom+" – "+dTo, fmt.Sprintf("báo cáo trong kỳ: %d", len(reports)),
			"Chưa báo cáo trong 7 ngày: T3")
		for _, a := range acts {
			if a.targets != "" {
				mustContain(t, text, a.code+" "+a.title+": "+targetsText(a.code))
			}
		}
		doc := got[1]
		if doc.Method != "sendDocument" {
			t.Fatalf("the second message is %s, want the workbook", doc.Method)
		}
		if want := "so-ket-" + from.Format("02-01-2006") + "-den-" + to.Format("02-01-2006") + ".xlsx"; doc.FileName != want {
			t.Errorf("file name %q, want %q", doc.FileName, want)
		}
		f, err := excelize.OpenReader(bytes.NewReader(doc.File))
		if err != nil {
			t.Fatalf("excelize cannot open the workbook: %v", err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		for _, s := range []string{"Tổng hợp", "Chi tiết", "Nhật ký"} {
			if !slices.Contains(sheets, s) {
				t.Errorf("no sheet %q in %q", s, sheets)
			}
		}

		// Targets: each target's "Đạt được" is what the period's reports add up to (the latest
		// report's figure for a tally: latest activity).
		rows, err := f.GetRows("Tổng hợp", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		table := tableAfter(rows, "IV. Chỉ tiêu")
		if len(table) == 0 {
			t.Fatalf("no targets table in Tổng hợp:\n%q", rows)
		}
		want := map[string]target{}
		for code, x := range exp {
			for _, tg := range x.targets {
				want[code+" "+tg.measure] = tg
			}
		}
		seen := map[string]bool{}
		for _, row := range table {
			if len(row) < 6 {
				t.Errorf("short targets row %q", row)
				continue
			}
			key := row[0] + " " + row[3]
			target, _ := strconv.ParseFloat(row[4], 64)
			achieved, _ := strconv.ParseFloat(row[5], 64)
			w, ok := want[key]
			if !ok {
				t.Errorf("unexpected target line %q", row)
				continue
			}
			seen[key] = true
			if target != w.target || achieved != w.achieved {
				t.Errorf("%s: target %v achieved %v, want %v and %v", key, target, achieved, w.target, w.achieved)
			}
		}
		if len(seen) != len(want) {
			t.Errorf("targets table has %d lines, want %d: %q", len(seen), len(want), table)
		}
		// The units table: a parent's line holds its children's activities.
		unitRows := tableAfter(rows, "III. Theo đơn vị")
		for _, u := range units {
			n := 0
			for _, a := range acts {
				if within(a.unit, u.code) {
					n++
				}
			}
			found := false
			for _, row := range unitRows {
				if len(row) > 2 && row[0] == u.code {
					found = true
					if row[2] != strconv.Itoa(n) {
						t.Errorf("%s has %s activities in the units table, want %d: %q", u.code, row[2], n, row)
					}
					// The same figures as /tiendo donvi's line for the unit (rollLine).
					if len(row) >= 8 {
						pct, _ := strconv.ParseFloat(row[7], 64)
						line := fmt.Sprintf("%s hoạt động · trung bình %d%% · hoàn thành %s · quá hạn %s · chưa báo cáo %s", row[2], int(pct), row[3], row[4], row[5])
						if want := rollLine(u.code); line != want {
							t.Errorf("%s in the sơ kết reads %q, /tiendo donvi %q", u.code, line, want)
						}
					}
				}
			}
			if !found {
				t.Errorf("no line for %s in the units table: %q", u.code, unitRows)
			}
		}

		// A chart per non-empty table: status, areas, units, targets, and the per-unit counts of
		// the overdue and not-reported lists.
		charts := 4
		anyOverdue, anyStale := false, false
		for _, x := range exp {
			anyOverdue = anyOverdue || x.overdue
			anyStale = anyStale || x.stale
		}
		if anyOverdue {
			charts++
		}
		if anyStale {
			charts++
		}
		if n := chartParts(t, doc.File); n != charts {
			t.Errorf("%d charts in the workbook, want %d", n, charts)
		}

		// Chi tiết: every report, the reporter's unit from their group, and a line for each
		// activity without a report in the period.
		details, err := f.GetRows("Chi tiết")
		if err != nil {
			t.Fatal(err)
		}
		if len(details) == 0 {
			t.Fatal("Chi tiết is empty")
		}
		reportLines, noReport := 0, map[string]bool{}
		for _, row := range details[1:] {
			row = append(row, make([]string, 11)...)
			if strings.Contains(row[7], "Chưa có báo cáo trong kỳ") {
				noReport[row[0]] = true
				if row[7] != "Chưa có báo cáo trong kỳ" {
					t.Errorf("%s: the no-report line's note is %q, want it said once", row[0], row[7])
				}
				continue
			}
			reportLines++
			if row[3] == skCadre1.FirstName && row[4] != unitName["DCG"] || row[3] == skCadre2.FirstName && row[4] != unitName["DLH"] {
				t.Errorf("report of %s counted for unit %q: %q", row[3], row[4], row)
			}
		}
		if reportLines != len(reports) {
			t.Errorf("Chi tiết has %d report lines, want %d", reportLines, len(reports))
		}
		// Each report's line has its quantities, in the units its targets write ("3 buoi" reads
		// "3 buổi").
		for _, r := range reports {
			found := false
			for _, row := range details[1:] {
				row = append(row, make([]string, 11)...)
				if row[0] != r.code || row[6] != strconv.Itoa(r.pct) {
					continue
				}
				found = true
				for measure, v := range r.qty {
					if q := strconv.FormatFloat(v, 'f', -1, 64) + " " + measure; !strings.Contains(row[9], q) {
						t.Errorf("%s %d%%: Khối lượng %q lacks %q", r.code, r.pct, row[9], q)
					}
				}
			}
			if !found {
				t.Errorf("no line in Chi tiết for the %d%% report on %s", r.pct, r.code)
			}
		}
		for code, x := range exp {
			if noReport[code] != !x.reported {
				t.Errorf("%s: no-report line %v, want %v", code, noReport[code], !x.reported)
			}
		}
		if journal, err := f.GetRows("Nhật ký"); err != nil || len(journal) < 1+len(reports) {
			t.Errorf("Nhật ký has %d rows (%v), want the header and at least the %d reports", len(journal), err, len(reports))
		}
	})

	t.Run("a leader draws the sơ kết and the export without a coordinator", func(t *testing.T) {
		leaderChat := telegramtest.Private(skLeader)
		q := (int(today.Month())-1)/3 + 1
		qFrom := time.Date(today.Year(), time.Month(3*q-2), 1, 0, 0, 0, 0, loc)
		qTo := qFrom.AddDate(0, 3, -1)
		got := e.on(t).say(skLeader, leaderChat, fmt.Sprintf("/soket quý %d/%d", q, today.Year()), 2)
		mustContain(t, got[0].Plain, "Sơ kết "+qFrom.Format("02/01/2006")+" – "+qTo.Format("02/01/2006"))
		if got[1].Method != "sendDocument" {
			t.Fatalf("the leader's second message is %s, want the workbook", got[1].Method)
		}
		if want := "so-ket-" + qFrom.Format("02-01-2006") + "-den-" + qTo.Format("02-01-2006") + ".xlsx"; got[1].FileName != want {
			t.Errorf("file name %q, want %q", got[1].FileName, want)
		}
		f, err := excelize.OpenReader(bytes.NewReader(got[1].File))
		if err != nil {
			t.Fatalf("excelize cannot open the leader's workbook: %v", err)
		}
		f.Close()
		// /tiendo in its forms, and /xuat.
		step(t, skLeader, leaderChat, "/tiendo donvi BDBP", "Tiến độ — "+unitName["BDBP"])
		step(t, skLeader, leaderChat, "/tiendo chuabaocao", "Quá hạn và chưa báo cáo")
		docs := e.on(t).say(skLeader, leaderChat, fmt.Sprintf("/xuat quý %d", q), 2)
		for _, d := range docs {
			if d.Method != "sendDocument" {
				t.Errorf("the leader's export sent %s: %q", d.Method, d.Plain)
			}
		}
		// Read only: a leader cannot change the programme; a cadre cannot draw the sơ kết; a
		// start in the future is refused.
		step(t, skLeader, leaderChat, "/hoatdong huy T4", "chỉ dành cho cán bộ điều phối")
		step(t, skCadre1, telegramtest.Private(skCadre1), "/soket", "chỉ dành cho cán bộ điều phối và lãnh đạo")
		step(t, skLeader, leaderChat, "/xuat từ "+today.AddDate(0, 0, 2).Format("02/01/2006"), "sau hôm nay")
		if !strings.Contains(e.logs.String(), "viewer read") {
			t.Errorf("the leader's reads are not in the log:\n%s", e.logs)
		}
	})

	e.alive()
	e.stop()
	e.checkAllAccepted()
}

// tableAfter is the data rows of the summary table whose caption is in column A: from the row
// after its header to the first row with an empty column A.
func tableAfter(rows [][]string, caption string) [][]string {
	for i, r := range rows {
		if len(r) == 0 || r[0] != caption {
			continue
		}
		var out [][]string
		for _, d := range rows[min(i+2, len(rows)):] {
			if len(d) == 0 || d[0] == "" {
				break
			}
			out = append(out, d)
		}
		return out
	}
	return nil
}

// chartParts counts the chart parts (xl/charts/chartN.xml) of a workbook.
func chartParts(t *testing.T, data []byte) int {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the workbook is not a zip: %v", err)
	}
	re := regexp.MustCompile(`^xl/charts/chart[0-9]+\.xml$`)
	n := 0
	for _, f := range zr.File {
		if re.MatchString(f.Name) {
			n++
		}
	}
	return n
}

func indexOf(acts []skAct, code string) int {
	for i, a := range acts {
		if a.code == code {
			return i
		}
	}
	return -1
}
