package i18n_test

import (
	"testing"

	"github.com/coordbot/coordbot/bot/i18n"
)

func TestTextFallsBackToVietnamese(t *testing.T) {
	both := i18n.Text{VI: "Xin chào", EN: "Hello"}
	viOnly := i18n.Text{VI: "Đồn Biên phòng"}
	for _, c := range []struct {
		t          i18n.Text
		lang, want string
	}{
		{both, "vi", "Xin chào"}, {both, "en", "Hello"}, {both, "en-US", "Hello"}, {both, "EN", "Hello"},
		{both, "fr", "Xin chào"}, {both, "", "Xin chào"}, {viOnly, "en", "Đồn Biên phòng"},
	} {
		if got := c.t.In(c.lang); got != c.want {
			t.Errorf("%+v.In(%q) = %q, want %q", c.t, c.lang, got, c.want)
		}
	}
}

// A catalogue entry is a format: "60%%" reads "60%" whether or not the entry takes arguments.
func TestFormatWithAndWithoutArguments(t *testing.T) {
	usage := i18n.Text{VI: "ví dụ /baocao A7 60%% | 12 buổi", EN: "e.g. /report A7 60%% | 12 sessions"}
	if got := usage.F("vi"); got != "ví dụ /baocao A7 60% | 12 buổi" {
		t.Errorf("F without args = %q", got)
	}
	done := i18n.Text{VI: "Đã báo cáo %s: %d%%", EN: "Reported %s: %d%%"}
	if got := done.F("en", "A7", 60); got != "Reported A7: 60%" {
		t.Errorf("F with args = %q", got)
	}
}

func TestLanguageChoice(t *testing.T) {
	for code, want := range map[string]string{"vi": "vi", "vi-VN": "vi", "en-US": "en", "de": "en", "": "vi"} {
		if got := i18n.Client(code, "vi"); got != want {
			t.Errorf("Client(%q) = %q, want %q", code, got, want)
		}
	}
	for typed, want := range map[string]string{"Tiếng Việt": "vi", "vn": "vi", "english": "en", "EN": "en"} {
		if got, ok := i18n.Norm(typed); !ok || got != want {
			t.Errorf("Norm(%q) = %q, %v; want %q", typed, got, ok, want)
		}
	}
	if _, ok := i18n.Norm("français"); ok {
		t.Error("Norm accepted a language the bot does not speak")
	}
}

func TestStatusNamesOneTable(t *testing.T) {
	if got := i18n.StatusName("vi", "underway"); got != "đang thực hiện" {
		t.Errorf("StatusName = %q", got)
	}
	if got := i18n.StatusLabel("vi", "planned"); got != "Chưa bắt đầu" {
		t.Errorf("StatusLabel = %q", got)
	}
	if got := i18n.StatusName("en", "whatever"); got != "whatever" {
		t.Errorf("an unknown status = %q, want it as kept", got)
	}
	if names := i18n.StatusNames[string]("en"); len(names) != 5 || names["done"] != "done" {
		t.Errorf("StatusNames = %v", names)
	}
}
