package redisstore

import "strings"

// The keys below are the summaries and indexes of issue 20: kept by the same step that changes
// the reports or the audit (reportStep, auditStep), rebuilt from the streams by Rebuild. All carry
// the {prog} tag, so every step that writes them runs in one Cluster slot.

// summaries is a HASH: activity code → its summary (see package summary for the text form): how
// many reports stand, the time of the last one, the newest report, and per quantity unit the sum
// and the latest value of its reports. Views read one entry per activity, never the stream.
func (k keys) summaries() string { return k.prog + "sum" }

// reportsOf is a ZSET of the stream ids of the reports standing on one activity (code as
// stored), scored in stream order (streamScore): the reports a withdrawal recomputes the
// activity's summary from, and its reports page by page.
func (k keys) reportsOf(code string) string { return k.prog + "ract:" + code }

// reportsByTime is a ZSET: report stream id scored by the report's time (Report.At, Unix ms), so
// the reports of a period are a range read.
func (k keys) reportsByTime() string { return k.prog + "rtime" }

// tallies is a HASH: report stream id → what its activity's summary needs of it, in the text
// form "sec\tnsec\tpercent\tunit key\tvalue\t…" (unit keys folded by quantity.Key, which the
// scripts cannot do).
func (k keys) tallies() string { return k.prog + "rtally" }

// auditOf is a ZSET of the audit stream ids of one activity (code upper-cased), in stream order:
// /lichsu reads a page of it.
func (k keys) auditOf(code string) string { return k.prog + "aact:" + strings.ToUpper(code) }

// auditByTime is a ZSET: audit stream id scored by the entry's time (Audit.At, Unix ms).
func (k keys) auditByTime() string { return k.prog + "atime" }

// indexed is "1" once the summaries and indexes hold everything in the streams: set by the first
// write to empty streams, or by Rebuild. Data written by an older version has none until rebuilt.
func (k keys) indexed() string { return k.prog + "idx" }
