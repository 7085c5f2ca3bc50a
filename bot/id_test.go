package bot_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/coordbot/coordbot/bot"
)

func TestParseID(t *testing.T) {
	for _, tt := range []struct {
		in       string
		want     bot.ID
		platform string
		key      string
	}{
		{"11111", "tg:11111", "tg", "11111"},
		{"-100123", "tg:-100123", "tg", "-100123"},
		{"tg:42", "tg:42", "tg", "42"},
		{" TG:42 ", "tg:42", "tg", "42"},
		{"zl:e4ea2c0a9b", "zl:e4ea2c0a9b", "zl", "zl:e4ea2c0a9b"},
		{"zl:123", "zl:123", "zl", "zl:123"}, // a Zalo id of digits stays a Zalo id
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := bot.ParseID(tt.in)
			if err != nil || got != tt.want || got.Platform() != tt.platform || got.Key() != tt.key {
				t.Fatalf("ParseID(%q) = %q (%q, key %q), %v; want %q", tt.in, got, got.Platform(), got.Key(), err, tt.want)
			}
			back, err := bot.ParseID(got.Key())
			if err != nil || back != got {
				t.Errorf("the key form %q reads back as %q, %v", got.Key(), back, err)
			}
		})
	}
	for _, bad := range []string{"", "0", "abc", "tg:", "tg:x", "zl:", "zl:a b", "fb:1", "zl:a:b"} {
		if id, err := bot.ParseID(bad); err == nil {
			t.Errorf("ParseID(%q) = %q, want an error", bad, id)
		}
	}
}

func TestIDPlatformAccessors(t *testing.T) {
	if n, ok := bot.TelegramID(-5).Telegram(); !ok || n != -5 {
		t.Errorf("Telegram() = %d, %v", n, ok)
	}
	if _, ok := bot.ZaloID("123").Telegram(); ok {
		t.Error("a Zalo id of digits read as a Telegram number")
	}
	if s, ok := bot.ZaloID("abc").Zalo(); !ok || s != "abc" {
		t.Errorf("Zalo() = %q, %v", s, ok)
	}
	if bot.TelegramID(0) != "" || bot.ZaloID("") != "" {
		t.Error("the zero ids are not empty")
	}
}

// Data stored before Zalo has numbers where ids are: they read as Telegram ids.
func TestIDJSONReadsOldNumbers(t *testing.T) {
	var r bot.Report
	if err := json.Unmarshal([]byte(`{"code":"A1","user":200,"name":"Tiến","pct":50,"upd":77}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.UserID != "tg:200" || r.UpdateID != "77" {
		t.Errorf("old report read as user %q, update %q", r.UserID, r.UpdateID)
	}
	var a bot.Audit
	if err := json.Unmarshal([]byte(`{"by":100,"do":"group.approve","chat":-1001,"user":0}`), &a); err != nil {
		t.Fatal(err)
	}
	if a.By != "tg:100" || a.Chat != "tg:-1001" || a.User != "" {
		t.Errorf("old audit read as %+v", a)
	}
	out, err := json.Marshal(bot.Report{UserID: bot.ZaloID("e4ea"), UpdateID: "zl:m1"})
	if err != nil || !strings.Contains(string(out), `"user":"zl:e4ea"`) || !strings.Contains(string(out), `"upd":"zl:m1"`) {
		t.Errorf("new report written as %s, %v", out, err)
	}
	var back bot.Report
	if err := json.Unmarshal(out, &back); err != nil || back.UserID != "zl:e4ea" || back.UpdateID != "zl:m1" {
		t.Errorf("new report read back as %+v, %v", back, err)
	}
}

func FuzzParseID(f *testing.F) {
	for _, s := range []string{"1", "-100", "tg:5", "zl:abc", "zl:", "tg:-", "9223372036854775808", "zl:a\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := bot.ParseID(s)
		if err != nil {
			return
		}
		if p := id.Platform(); p != "tg" && p != "zl" {
			t.Fatalf("ParseID(%q) = %q: platform %q", s, id, p)
		}
		if again, err := bot.ParseID(string(id)); err != nil || again != id {
			t.Fatalf("ParseID(%q) = %q does not read back (%q, %v)", s, id, again, err)
		}
		if again, err := bot.ParseID(id.Key()); err != nil || again != id {
			t.Fatalf("key %q of %q does not read back (%q, %v)", id.Key(), id, again, err)
		}
		var j bot.ID
		b, _ := json.Marshal(id)
		if err := json.Unmarshal(b, &j); err != nil || j != id {
			t.Fatalf("JSON of %q reads back as %q, %v", id, j, err)
		}
	})
}
