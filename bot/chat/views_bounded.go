package chat

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/i18n"
	"github.com/coordbot/coordbot/bot/view"
)

// Views that stay one screen whatever the number of activities (issue 20, item 5): /tiendo over
// many activities shows the content areas' roll-ups and the ten activities that most need
// attention, with buttons to see more; the report picker is paged.

// progressListMax is how many activities /tiendo still lists in full, under their areas; over
// it, /tiendo shows the areas' figures and the progressWorst activities that most need attention.
const progressListMax = 10

// progressWorst is how many activities the bounded /tiendo lists.
const progressWorst = 10

// worstFirst orders items by how much they need attention: overdue, then not reported, then
// the lowest percent; the store's order otherwise.
func worstFirst(items []bot.Assessed) []bot.Assessed {
	out := slices.Clone(items)
	rank := func(it bot.Assessed) int {
		switch {
		case it.State.Status == bot.Overdue:
			return 0
		case it.Stale:
			return 1
		case it.State.Status == bot.Done:
			return 3
		}
		return 2
	}
	slices.SortStableFunc(out, func(x, y bot.Assessed) int {
		if c := rank(x) - rank(y); c != 0 {
			return c
		}
		return x.Percent() - y.Percent()
	})
	return out
}

// progressBounded is /tiendo over more than progressListMax activities: the content areas'
// figures, the progressWorst activities most in need of attention, the late footer, and buttons
// to the areas and the late list.
func (b *progressViews) progressBounded(lang string, as bot.Assessment, areas []rollup) (string, [][]Button) {
	var sb strings.Builder
	sb.WriteString(i18n.ProgHead.F(lang, b.view.Time(as.Now)))
	var rows [][]Button
	var row []Button
	for _, r := range areas {
		if r.Acts == 0 {
			continue
		}
		n, _ := strconv.Atoi(r.Code)
		if c, ok := b.acts.area(n); ok {
			fmt.Fprintf(&sb, "\n\n%s", i18n.ProgArea.F(lang, n, view.Esc(view.Truncate(c.Title.In(lang), view.TitleMax)), r.Percent()))
			row = append(row, Button{Text: i18n.MoreArea.F(lang, n), Data: "pv:nd " + strconv.Itoa(n)})
		} else {
			fmt.Fprintf(&sb, "\n\n%s", i18n.ProgNoArea.F(lang, r.Percent()))
		}
		sb.WriteString("\n" + b.rollText(lang, r))
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	worst := worstFirst(as.Items)
	if len(worst) > progressWorst {
		worst = worst[:progressWorst]
	}
	sb.WriteString("\n\n" + i18n.ProgWorst.F(lang, len(worst), len(as.Items)))
	for _, it := range worst {
		a, st := it.Activity, it.State
		fmt.Fprintf(&sb, "\n• <b>%s</b> %s <i>(%s)</i>", view.Esc(a.Code), view.Esc(view.Truncate(view.Title(lang, a), view.TitleMax)), i18n.StatusName(lang, st.Status))
		if o := b.view.OwnerUnit(lang, a); o != "" {
			sb.WriteString(" — " + view.Esc(view.Truncate(o, view.TitleMax)))
		}
		sb.WriteString("\n  ")
		if a.Every != "" {
			sb.WriteString(i18n.OccHead.F(lang, b.view.Date(st.Occ), ""))
		}
		sb.WriteString(b.progressLine(lang, st))
	}
	sb.WriteString(b.lateFooter(lang, as))
	sb.WriteString("\n\n" + i18n.ProgMore.F(lang))
	if c := countStatus(as); c.overdue > 0 || c.stale > 0 {
		rows = append(rows, []Button{{Text: i18n.MoreStale.F(lang), Data: "pv:chuabaocao"}})
	}
	return sb.String(), rows
}

// onProgressButton handles "pv:ARGS", a "xem thêm" button under /tiendo: the view /tiendo ARGS.
func (b *progressViews) onProgressButton(ctx context.Context, req *Request, _, rest string) error {
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	req.Args = rest
	if ok, err := b.progressView(ctx, req); ok {
		return err
	}
	return nil
}

// pickerSize is how many activity buttons a page of the report picker holds; with the two
// buttons that turn the page, a page has at most 20 buttons.
const pickerSize = 18

// pickerActs are the open activities a reporter may pick, those of the reporter's own unit (and
// the units under it) first, each group in the store's order.
func (b *progressViews) pickerActs(ctx context.Context, req *Request) ([]bot.Activity, error) {
	acts, latest, err := b.programmeState(ctx)
	if err != nil {
		return nil, err
	}
	unit := ""
	if req.access != nil {
		unit = req.access.unit
	}
	now := b.cfg.Now()
	var own, rest []bot.Activity
	for _, a := range acts {
		if !b.cal.State(a, latest, now).Open() {
			continue
		}
		if unit != "" && a.Unit != "" && b.cfg.Programme.UnitWithin(a.Unit, unit) {
			own = append(own, a)
		} else {
			rest = append(rest, a)
		}
	}
	return append(own, rest...), nil
}

// pickerPage shows page (from 0) of the report picker, as a new message or editing message edit.
func (b *progressViews) pickerPage(ctx context.Context, req *Request, page, edit int) error {
	acts, err := b.pickerActs(ctx, req)
	if err != nil {
		return err
	}
	if len(acts) == 0 {
		_, err := b.send(ctx, Reply{ChatID: req.ChatID, Edit: edit, Text: i18n.NoOpen.F(req.Lang)})
		return err
	}
	pages := (len(acts) + pickerSize - 1) / pickerSize
	page = max(0, min(page, pages-1))
	var rows [][]Button
	for _, a := range acts[page*pickerSize : min(len(acts), (page+1)*pickerSize)] {
		rows = append(rows, []Button{{Text: view.Truncate(a.Code+" · "+view.Title(req.Lang, a), 48), Data: "rp:" + a.Code}})
	}
	text := i18n.PickActivity.F(req.Lang)
	if pages > 1 {
		text = i18n.PickPage.F(req.Lang, page+1, pages, len(acts))
		var nav []Button
		if page > 0 {
			nav = append(nav, Button{Text: i18n.PagePrev.F(req.Lang), Data: "rg:" + strconv.Itoa(page-1)})
		}
		if page < pages-1 {
			nav = append(nav, Button{Text: i18n.PageNext.F(req.Lang), Data: "rg:" + strconv.Itoa(page+1)})
		}
		rows = append(rows, nav)
	}
	_, err = b.send(ctx, Reply{ChatID: req.ChatID, Edit: edit, Text: text, Buttons: rows, Lang: req.Lang})
	return err
}

// onPickerPage handles "rg:N": the report picker turned to page N (from 0), in the same message.
func (b *progressViews) onPickerPage(ctx context.Context, req *Request, _, rest string) error {
	if err := b.ack(ctx, req, ""); err != nil {
		return err
	}
	page, err := strconv.Atoi(rest)
	if err != nil {
		page = 0
	}
	return b.pickerPage(ctx, req, page, req.Callback.MessageID)
}
