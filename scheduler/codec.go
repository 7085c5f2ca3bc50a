package scheduler

import (
	"encoding/json"
	"strconv"
	"time"
)

// encode gives the fields of a reminder's HASH (see the design note in queue.go).
func encode(r Reminder) map[string]any {
	m := map[string]any{
		"chat": r.ChatID, "kind": r.Kind, "ref": r.Ref, "text": r.Text, "cron": r.Cron,
		"at": r.At.UnixMilli(), "by": r.CreatedBy, "tries": 0,
	}
	if r.Lead != 0 {
		m["lead"] = r.Lead.Milliseconds()
	}
	if len(r.Meta) > 0 {
		b, _ := json.Marshal(r.Meta) // a map[string]string always marshals
		m["meta"] = string(b)
	}
	return m
}

// decode is lenient: a field that does not parse is left zero rather than losing the reminder.
func decode(id string, m map[string]string, loc *time.Location) (Reminder, int) {
	r := Reminder{ID: id, Kind: m["kind"], Ref: m["ref"], Text: m["text"], Cron: m["cron"]}
	r.ChatID, r.CreatedBy = m["chat"], m["by"]
	if ms, err := strconv.ParseInt(m["at"], 10, 64); err == nil {
		r.At = time.UnixMilli(ms).In(loc)
	}
	if ms, err := strconv.ParseInt(m["lead"], 10, 64); err == nil && ms > 0 {
		r.Lead = time.Duration(ms) * time.Millisecond
	}
	if s := m["meta"]; s != "" {
		if err := json.Unmarshal([]byte(s), &r.Meta); err != nil {
			r.Meta = nil // written by encode; a damaged value only loses Meta
		}
	}
	tries, _ := strconv.Atoi(m["tries"])
	return r, tries
}
