package export

import (
	"fmt"
	"strings"

	"github.com/coordbot/coordbot/bot/i18n"
	"golang.org/x/text/unicode/norm"
)

// summaryWords are the sơ kết workbook's fixed texts in one language.
type summaryWords struct {
	summarySheet, detailsSheet string
	period, generated          string // formats: the period's days; the time it was made
	heading, by                string // the title block's heading; who drew it up (a format)
	page                       string // the page footer's "page n of m", in Excel's codes
	none                       string // the line of an empty table
	noReport                   string // the note of a no-report line
	recurring, never           string // an activity with no due time; no report yet
	noUnit                     string

	statusCaption, statusChart    string
	targetsChart, targetLabelHead string
	statusHead                    []string
	areasCaption, areasChart      string
	areaHead                      string
	unitsCaption, unitsChart      string
	unitCodeHead, unitHead        string
	groupHead                     []string // the figures of an area or unit
	targetsCaption                string
	targetHead                    []string
	overdueCaption, overdueByUnit string
	notReportedCaption            string // set by summaryWordsFor, from the two below
	notReportedByUnit             string
	activityHead, byUnitHead      []string
	// The not-reported column and caption, with N days (a format) and without (N unknown).
	staleHeadDays, staleHead       string
	staleCaptionDays, staleCaption string
}

var summaryVI = summaryWords{
	summarySheet: "Tổng hợp", detailsSheet: "Chi tiết",
	period: "Từ ngày %s đến ngày %s", generated: "Ngày lập: %s", page: "Trang &P/&N",
	heading: "BÁO CÁO SƠ KẾT", by: "Người lập: %s",
	none: "(không có)", noReport: "Chưa có báo cáo trong kỳ",
	recurring: "Định kỳ", never: "Chưa có", noUnit: "(chưa có đơn vị)",

	statusCaption: "I. Tổng quan", statusHead: []string{"Tình trạng", "Số hoạt động"},
	statusChart:  "Hoạt động theo tình trạng",
	areasCaption: "II. Theo nội dung", areasChart: "Tiến độ trung bình theo nội dung", areaHead: "Nội dung",
	unitsCaption: "III. Theo đơn vị", unitsChart: "Tiến độ trung bình theo đơn vị",
	unitCodeHead: "Mã đơn vị", unitHead: "Đơn vị",
	groupHead:      []string{"Số hoạt động", "Hoàn thành", "Quá hạn", "", "Số báo cáo", "Tiến độ TB"},
	targetsCaption: "IV. Chỉ tiêu",
	targetHead:     []string{"Mã hoạt động", "Hoạt động", "Đơn vị", "Đơn vị tính", "Chỉ tiêu", "Đạt được", "Tỷ lệ đạt"},
	targetsChart:   "Tỷ lệ đạt so với chỉ tiêu", targetLabelHead: "Hoạt động – đơn vị tính",
	overdueCaption: "V. Quá hạn", overdueByUnit: "Hoạt động quá hạn theo đơn vị",
	notReportedByUnit: "Hoạt động chưa báo cáo theo đơn vị",
	activityHead: []string{"Mã hoạt động", "Hoạt động", "Đơn vị", "Người phụ trách", "Thời hạn",
		"Báo cáo gần nhất", "Tiến độ", "Tình trạng"},
	byUnitHead:       []string{"Đơn vị", "Số hoạt động"},
	staleHeadDays:    "Chưa báo cáo %d ngày",
	staleHead:        "Chưa báo cáo",
	staleCaptionDays: "VI. Chưa báo cáo trong %d ngày",
	staleCaption:     "VI. Chưa báo cáo",
}

var summaryEN = summaryWords{
	summarySheet: "Summary", detailsSheet: "Details",
	period: "From %s to %s", generated: "Drawn up: %s", page: "Page &P/&N",
	heading: "INTERIM REVIEW", by: "Drawn up by: %s",
	none: "(none)", noReport: "No report in the period",
	recurring: "Recurring", never: "None yet", noUnit: "(no unit)",

	statusCaption: "I. Overview", statusHead: []string{"Status", "Activities"},
	statusChart:  "Activities by status",
	areasCaption: "II. By content area", areasChart: "Mean progress by content area", areaHead: "Content area",
	unitsCaption: "III. By unit", unitsChart: "Mean progress by unit",
	unitCodeHead: "Unit code", unitHead: "Unit",
	groupHead:      []string{"Activities", "Done", "Overdue", "", "Reports", "Mean progress"},
	targetsCaption: "IV. Targets",
	targetHead:     []string{"Activity code", "Activity", "Unit", "Measure", "Target", "Achieved", "% of target"},
	targetsChart:   "Achieved as a share of the target", targetLabelHead: "Activity – measure",
	overdueCaption: "V. Overdue", overdueByUnit: "Overdue activities by unit",
	notReportedByUnit: "Activities with no report by unit",
	activityHead: []string{"Activity code", "Activity", "Unit", "Owner", "Due", "Last report",
		"Progress", "Status"},
	byUnitHead:       []string{"Unit", "Activities"},
	staleHeadDays:    "No report in %d days",
	staleHead:        "No report",
	staleCaptionDays: "VI. No report in %d days",
	staleCaption:     "VI. No report",
}

// summaryWordsFor picks the texts for lang (Vietnamese unless English) and writes staleDays
// into those that name it.
func summaryWordsFor(lang string, staleDays int) summaryWords {
	w := summaryVI
	if i18n.English(lang) {
		w = summaryEN
	}
	w.groupHead = append([]string(nil), w.groupHead...)
	if staleDays > 0 {
		w.groupHead[3] = fmt.Sprintf(w.staleHeadDays, staleDays)
		w.notReportedCaption = fmt.Sprintf(w.staleCaptionDays, staleDays)
	} else {
		w.groupHead[3] = w.staleHead
		w.notReportedCaption = w.staleCaption
	}
	return w
}

// hfText is s made safe for a page header or footer: one line, & written as && (a lone &
// starts one of Excel's codes), at most limit runes.
func hfText(s string, limit int) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > limit {
		s = string(r[:limit-1]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}
