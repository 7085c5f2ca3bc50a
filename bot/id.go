package bot

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// ID is a platform-qualified user or chat id: "tg:123" (a Telegram user), "tg:-100123" (a
// Telegram group), "zl:e4ea2c…" (a Zalo user or group; Zalo ids are opaque strings and are never
// parsed as numbers). The empty ID is "nobody".
//
// In Redis keys and hash fields an ID is written in its Key form, where a Telegram id is the
// bare number it always was: keys and stored data written before Zalo existed are read as they
// are, with no migration. In JSON an ID is a string ("tg:123"); a number (older data) reads as a
// Telegram id.
type ID string

// Platform prefixes of an ID.
const (
	PlatformTelegram = "tg"
	PlatformZalo     = "zl"
)

// TelegramID is the ID of a Telegram user or chat.
func TelegramID(n int64) ID {
	if n == 0 {
		return ""
	}
	return ID(PlatformTelegram + ":" + strconv.FormatInt(n, 10))
}

// ZaloID is the ID of a Zalo user or chat.
func ZaloID(s string) ID {
	if s == "" {
		return ""
	}
	return ID(PlatformZalo + ":" + s)
}

// Platform is "tg", "zl", or "" for the empty ID.
func (id ID) Platform() string {
	p, _, ok := strings.Cut(string(id), ":")
	if !ok {
		return ""
	}
	return p
}

// Native is the id as its platform knows it ("123", "e4ea2c…").
func (id ID) Native() string {
	_, n, _ := strings.Cut(string(id), ":")
	return n
}

// Telegram is the Telegram number of a tg: id.
func (id ID) Telegram() (int64, bool) {
	if id.Platform() != PlatformTelegram {
		return 0, false
	}
	n, err := strconv.ParseInt(id.Native(), 10, 64)
	return n, err == nil
}

// Zalo is the Zalo id of a zl: id.
func (id ID) Zalo() (string, bool) {
	if id.Platform() != PlatformZalo {
		return "", false
	}
	return id.Native(), true
}

// IsZero says whether the id is empty.
func (id ID) IsZero() bool { return id == "" }

// String is the qualified form.
func (id ID) String() string { return string(id) }

// Key is the form used in Redis keys and hash fields: a Telegram id's bare number (as before
// Zalo), every other id qualified.
func (id ID) Key() string {
	if id.Platform() == PlatformTelegram {
		return id.Native()
	}
	return string(id)
}

// ParseID reads an id typed in config or a command, or stored in a key: "tg:123", "zl:abc", or a
// bare number, which is a Telegram id.
func ParseID(s string) (ID, error) {
	s = strings.TrimSpace(s)
	p, rest, ok := strings.Cut(s, ":")
	if !ok {
		p, rest = PlatformTelegram, s
	}
	switch strings.ToLower(p) {
	case PlatformTelegram:
		n, err := strconv.ParseInt(rest, 10, 64)
		if err != nil || n == 0 {
			return "", fmt.Errorf("not a Telegram id: %q", s)
		}
		return TelegramID(n), nil
	case PlatformZalo:
		if !zaloIDChars(rest) {
			return "", fmt.Errorf("not a Zalo id: %q", s)
		}
		return ZaloID(rest), nil
	}
	return "", fmt.Errorf("unknown platform in id %q", s)
}

// UnmarshalJSON reads a string id, or a number as a Telegram id (data stored before Zalo).
func (id *ID) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*id = ""
		return nil
	}
	var s string
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	} else {
		s = string(b)
	}
	if s == "" || s == "0" {
		*id = ""
		return nil
	}
	v, err := ParseID(s)
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// UpdateKey identifies an update for its claim in the store: Telegram's update id as a decimal
// number (so claims keep their old keys), "zl:<message_id>" for Zalo. Empty means none (the
// console).
type UpdateKey string

// UnmarshalJSON reads a string, or a number (reports stored before Zalo).
func (k *UpdateKey) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*k = UpdateKey(s)
		return nil
	}
	if string(b) == "null" || string(b) == "0" {
		*k = ""
		return nil
	}
	*k = UpdateKey(b)
	return nil
}

// zaloIDChars says whether s can be a Zalo id: 1–128 letters, digits, '_', '-' or '.' (Zalo's
// ids are hexadecimal strings; nothing that could break a key, a command or a callback).
func zaloIDChars(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}
