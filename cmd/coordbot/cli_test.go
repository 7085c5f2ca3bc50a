package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordbot/coordbot/bot"
)

// envOf is a getenv over a fixed table; everything else is unset.
func envOf(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// runCLI runs the program with args, stdin and environment, as the shell would.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, envOf(env), strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

type askJSON struct {
	Answer string `json:"answer"`
	Found  bool   `json:"found"`
}

func TestAsk(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		found     bool
		wants     []string
		forbidden []string
	}{
		{"question without diacritics finds Dân vận khéo", []string{"ask", "-json", "dan van kheo"}, true,
			[]string{"Dân vận khéo"}, nil},
		{"gold price is declined", []string{"ask", "-json", "giá vàng hôm nay"}, false,
			[]string{"/chuongtrinh"}, []string{"Dân vận khéo"}},
		{"several words are one question", []string{"ask", "-json", "dan", "van", "kheo"}, true,
			[]string{"Dân vận khéo"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCLI(t, nil, "", tt.args...)
			if err != nil {
				t.Fatalf("run %v: %v", tt.args, err)
			}
			var got askJSON
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("output is not the JSON form: %v\n%s", err, out)
			}
			if got.Found != tt.found {
				t.Errorf("found = %v, want %v; answer:\n%s", got.Found, tt.found, got.Answer)
			}
			for _, w := range tt.wants {
				if !strings.Contains(got.Answer, w) {
					t.Errorf("answer lacks %q:\n%s", w, got.Answer)
				}
			}
			for _, f := range tt.forbidden {
				if strings.Contains(got.Answer, f) {
					t.Errorf("answer has %q, a passage where none fits:\n%s", f, got.Answer)
				}
			}
			if strings.Contains(got.Answer, "<b>") || strings.Contains(got.Answer, "&amp;") {
				t.Errorf("answer is HTML, not the plain text a terminal shows:\n%s", got.Answer)
			}
		})
	}

	t.Run("lang en answers in English", func(t *testing.T) {
		out, _, err := runCLI(t, nil, "", "ask", "-lang", "en", "dan van kheo")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "Source:") || !strings.Contains(out, "mass mobilisation") {
			t.Errorf("want an English answer, got:\n%s", out)
		}
		if strings.Contains(out, "Nguồn:") {
			t.Errorf("English answer carries Vietnamese labels:\n%s", out)
		}
	})
	t.Run("COORDBOT_LANG en is the default of ask", func(t *testing.T) {
		out, _, err := runCLI(t, map[string]string{"COORDBOT_LANG": "en"}, "", "ask", "giá vàng hôm nay")
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out, "Chưa tìm thấy") || !strings.Contains(out, "/program") {
			t.Errorf("want the English decline, got:\n%s", out)
		}
	})
	t.Run("no question is an error", func(t *testing.T) {
		out, _, err := runCLI(t, nil, "", "ask", "-json")
		if err == nil || !strings.Contains(err.Error(), "question") {
			t.Fatalf("err = %v, want one asking for a question", err)
		}
		if out != "" {
			t.Errorf("printed %q with no question", out)
		}
	})
	t.Run("bad lang flag is an error", func(t *testing.T) {
		if _, _, err := runCLI(t, nil, "", "ask", "-lang", "fr", "dan van kheo"); err == nil || !strings.Contains(err.Error(), "-lang") {
			t.Fatalf("err = %v, want one naming -lang", err)
		}
	})
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("title:\n  vi: X\nperiod:\n  from: 2026\n  to: 2022\ncontents: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(broken, []byte("title:\n  vi: X\nparties: [unclosed\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		ok    bool
		wants []string
	}{
		{"seed is valid", []string{"check", "../../bot/programme/seed.yaml"}, true, []string{"OK", "5 content areas"}},
		{"example plan is valid", []string{"check", "../../bot/programme/example-plan.yaml"}, true, []string{"OK", "activities"}},
		{"bad period names its line", []string{"check", bad}, false, []string{"line 4", "period"}},
		{"missing parties and contents are reported too", []string{"check", bad}, false, []string{"parties", "line 6"}},
		{"YAML syntax error names its line", []string{"check", broken}, false, []string{"line "}},
		{"missing file", []string{"check", filepath.Join(dir, "nope.yaml")}, false, []string{"nope.yaml"}},
		{"no file is a usage error", []string{"check"}, false, []string{"usage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCLI(t, nil, "", tt.args...)
			got := out
			if err != nil {
				got = err.Error()
			}
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v; out:\n%s", err, tt.ok, out)
			}
			for _, w := range tt.wants {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
		})
	}
}

func TestConsoleWithoutTokenOrRedis(t *testing.T) {
	out, _, err := runCLI(t, nil, "/chuongtrinh\n", "console")
	if err != nil {
		t.Fatalf("console: %v", err)
	}
	for _, w := range []string{"Giai đoạn: 2022 – 2026", "Ban Dân vận Thành ủy TPHCM", "Bộ Chỉ huy Bộ đội Biên phòng TPHCM", "19/08/2022"} {
		if !strings.Contains(out, w) {
			t.Errorf("overview lacks %q:\n%s", w, out)
		}
	}
	t.Run("a question and English after /lang en", func(t *testing.T) {
		out, _, err := runCLI(t, nil, "dan van kheo\n/lang en\n/help\n", "console")
		if err != nil {
			t.Fatalf("console: %v", err)
		}
		if !strings.Contains(out, "Dân vận khéo") || !strings.Contains(out, "Bot commands") {
			t.Errorf("want the answer and the English help, got:\n%s", out)
		}
	})
	t.Run("the example plan is loaded and listed", func(t *testing.T) {
		out, _, err := runCLI(t, map[string]string{"COORDBOT_PROGRAM": "../../bot/programme/example-plan.yaml"}, "/kehoach\n", "console")
		if err != nil {
			t.Fatalf("console: %v", err)
		}
		if !strings.Contains(out, "VD1") || !strings.Contains(out, "Ví dụ") {
			t.Errorf("plan lacks the example's activities:\n%s", out)
		}
	})
}

func TestBadSettingsStopStartUp(t *testing.T) {
	tests := []struct {
		name, env, value, cmd string
	}{
		{"unknown language", "COORDBOT_LANG", "fr", "console"},
		{"admins not numbers", "COORDBOT_ADMINS", "abc", "console"},
		{"unknown time zone", "COORDBOT_TZ", "Mars/Base", "console"},
		{"bad language for run", "COORDBOT_LANG", "fr", "run"},
		{"bad admins for run", "COORDBOT_ADMINS", "12,abc", "run"},
		{"an empty Zalo id among admins", "COORDBOT_ADMINS", "12,zl:", "run"},
		{"Zalo API URL not http", "ZALO_API_URL", "ftp://example.com", "run"},
		{"Zalo webhook not https", "ZALO_WEBHOOK_URL", "http://example.com/zalo/webhook", "run"},
		{"Zalo webhook without its secret", "ZALO_WEBHOOK_URL", "https://example.com/zalo/webhook", "run"},
		{"Zalo rate not a number", "ZALO_RATE", "fast", "run"},
		{"public URL not a URL", "COORDBOT_PUBLIC_URL", "bot.example.org", "run"},
		{"bad time zone for run", "COORDBOT_TZ", "Mars/Base", "run"},
		{"API URL not http", "TELEGRAM_API_URL", "ftp://example.com", "run"},
		{"webhook not https", "COORDBOT_WEBHOOK_URL", "http://example.com/hook", "run"},
		{"webhook without its secret", "COORDBOT_WEBHOOK_URL", "https://example.com/hook", "run"},
		{"webhook secret Telegram refuses", "COORDBOT_WEBHOOK_SECRET", "có dấu", "run"},
		{"viewers not numbers", "COORDBOT_VIEWERS", "5,lan", "run"},
		{"public URL not https", "COORDBOT_PUBLIC_URL", "http://bot.example.org", "run"},
		{"grace not a duration", "COORDBOT_GRACE", "soon", "run"},
		{"bad program file", "COORDBOT_PROGRAM", "/nonexistent/prog.yaml", "console"},
		{"bad redis url", "REDIS_URL", "http://localhost", "console"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{tt.env: tt.value, "TELEGRAM_BOT_TOKEN": "1:x"}
			_, _, err := runCLI(t, env, "/chuongtrinh\n", tt.cmd)
			if err == nil {
				t.Fatalf("%s=%q: start-up went on", tt.env, tt.value)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.env) {
				t.Errorf("error %q does not name %s", msg, tt.env)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error is not one line: %q", msg)
			}
		})
	}
	t.Run("a flag overrides the environment", func(t *testing.T) {
		_, _, err := runCLI(t, map[string]string{"COORDBOT_LANG": "fr"}, "", "console", "-lang", "en")
		if err != nil {
			t.Fatalf("-lang en should override COORDBOT_LANG=fr: %v", err)
		}
	})
}

func TestRunNeedsToken(t *testing.T) {
	for _, args := range [][]string{{"run"}, nil} {
		_, _, err := runCLI(t, nil, "", args...)
		if err == nil || !strings.Contains(err.Error(), "TELEGRAM_BOT_TOKEN") || !strings.Contains(err.Error(), "ZALO_BOT_TOKEN") {
			t.Errorf("run %v without a token: err = %v, want one naming TELEGRAM_BOT_TOKEN", args, err)
		}
	}
}

func TestAdminsOfBothPlatforms(t *testing.T) {
	c, _, err := loadConfig("run", nil, envOf(map[string]string{"COORDBOT_ADMINS": "11111, tg:22222,zl:e4ea2c0a9b"}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []bot.ID{"tg:11111", "tg:22222", "zl:e4ea2c0a9b"} {
		if !c.Admins[id] {
			t.Errorf("%s is not a coordinator: %v", id, c.Admins)
		}
	}
	if len(c.Admins) != 3 {
		t.Errorf("admins %v", c.Admins)
	}
}

func TestUnknownCommand(t *testing.T) {
	_, _, err := runCLI(t, nil, "", "frobnicate")
	if err == nil || !strings.Contains(err.Error(), "frobnicate") || !strings.Contains(err.Error(), "coordbot ask") {
		t.Fatalf("err = %v, want the unknown command named and the usage", err)
	}
}
