package main

import (
	"errors"
	"flag"
	"fmt"
	"github.com/coordbot/coordbot/bot"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/coordbot/coordbot/scheduler/when"
)

// Config is every setting, read once from the environment and flags and passed down.
type Config struct {
	Token         string
	APIURL        string
	RedisURL      string
	Prefix        string
	ProgramPath   string
	Admins        map[bot.ID]bool
	TZ            *time.Location
	Lang          string
	HTTPAddr      string
	WebhookURL    string
	WebhookSecret string
	// Grace is how late a reminder that fell due while the bot was down may still be sent.
	Grace time.Duration
	// Digest is the 5-field cron spec of the weekly digest.
	Digest string
	// FilesDir is where the console writes the files the bot sends.
	FilesDir string
}

// setting is one configuration variable and the flag of the same meaning.
type setting struct {
	env, flag, def, help string
}

var settings = []setting{
	{"TELEGRAM_BOT_TOKEN", "token", "", "Telegram bot token (required by run; never logged)"},
	{"TELEGRAM_API_URL", "api-url", "https://api.telegram.org", "Bot API base URL"},
	{"REDIS_URL", "redis-url", "", "Redis URL (redis://, rediss://; default redis://localhost:6379/0 for run, embedded for console)"},
	{"COORDBOT_PREFIX", "prefix", "coordbot:", "prefix of every Redis key"},
	{"COORDBOT_PROGRAM", "program", "", "path of a programme file (default: the embedded seed programme)"},
	{"COORDBOT_ADMINS", "admins", "", "comma-separated Telegram user ids of coordinators"},
	{"COORDBOT_TZ", "tz", "Asia/Ho_Chi_Minh", "time zone of every date typed and shown"},
	{"COORDBOT_LANG", "lang", "vi", "default reply language (vi or en)"},
	{"COORDBOT_HTTP_ADDR", "http-addr", ":8080", "address of /healthz, /metrics and the webhook"},
	{"COORDBOT_WEBHOOK_URL", "webhook-url", "", "public HTTPS URL for webhook mode (polling when empty)"},
	{"COORDBOT_WEBHOOK_SECRET", "webhook-secret", "", "secret Telegram sends with every webhook request"},
	{"COORDBOT_GRACE", "grace", "6h", "how late a missed reminder may still be sent"},
	{"COORDBOT_DIGEST", "digest", "0 8 * * 1", "when the weekly digest goes out (5-field cron, in COORDBOT_TZ)"},
	{"COORDBOT_FILES_DIR", "files-dir", "coordbot-files", "console: folder where the files the bot sends (exports, charts) are written"},
}

// loadConfig reads settings from getenv, then flags in args override them. It returns the
// remaining arguments.
func loadConfig(name string, args []string, getenv func(string) string, stderr io.Writer) (Config, []string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	vals := make(map[string]*string, len(settings))
	for _, s := range settings {
		v := getenv(s.env)
		if v == "" {
			v = s.def
		}
		vals[s.env] = fs.String(s.flag, v, s.help+" ($"+s.env+")")
	}
	if err := fs.Parse(args); err != nil {
		return Config{}, nil, err
	}
	get := func(env string) string { return strings.TrimSpace(*vals[env]) }
	c := Config{
		Token:         get("TELEGRAM_BOT_TOKEN"),
		APIURL:        strings.TrimRight(get("TELEGRAM_API_URL"), "/"),
		RedisURL:      get("REDIS_URL"),
		Prefix:        get("COORDBOT_PREFIX"),
		ProgramPath:   get("COORDBOT_PROGRAM"),
		Lang:          strings.ToLower(get("COORDBOT_LANG")),
		HTTPAddr:      get("COORDBOT_HTTP_ADDR"),
		WebhookURL:    get("COORDBOT_WEBHOOK_URL"),
		WebhookSecret: get("COORDBOT_WEBHOOK_SECRET"),
		Admins:        map[bot.ID]bool{},
	}
	var err error
	if c.TZ, err = time.LoadLocation(get("COORDBOT_TZ")); err != nil {
		return c, nil, fmt.Errorf("COORDBOT_TZ: unknown time zone %q", get("COORDBOT_TZ"))
	}
	if c.Lang != "vi" && c.Lang != "en" {
		return c, nil, fmt.Errorf("COORDBOT_LANG: must be vi or en, not %q", c.Lang)
	}
	for _, f := range strings.Split(get("COORDBOT_ADMINS"), ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		id, err := bot.ParseID(f)
		if err != nil {
			return c, nil, fmt.Errorf("COORDBOT_ADMINS: %q is not a user id (comma-separated: a Telegram number, or zl: and a Zalo id)", f)
		}
		c.Admins[id] = true
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, nil, fmt.Errorf("TELEGRAM_API_URL: %q is not an http(s) URL", c.APIURL)
	}
	if c.WebhookURL != "" {
		if u, err := url.Parse(c.WebhookURL); err != nil || u.Scheme != "https" || u.Host == "" {
			return c, nil, errors.New("COORDBOT_WEBHOOK_URL: must be an https:// URL")
		}
		// Without a secret anyone who finds the URL could post updates as any user.
		if c.WebhookSecret == "" {
			return c, nil, errors.New("COORDBOT_WEBHOOK_SECRET: required with COORDBOT_WEBHOOK_URL (1-256 characters A-Z a-z 0-9 _ -)")
		}
	}
	if c.WebhookSecret != "" && !validSecret(c.WebhookSecret) {
		return c, nil, errors.New("COORDBOT_WEBHOOK_SECRET: must be 1-256 characters A-Z a-z 0-9 _ - (Telegram's rule for secret_token)")
	}
	if c.Grace, err = time.ParseDuration(get("COORDBOT_GRACE")); err != nil || c.Grace < 0 {
		return c, nil, fmt.Errorf("COORDBOT_GRACE: %q is not a duration such as 6h", get("COORDBOT_GRACE"))
	}
	c.Digest = get("COORDBOT_DIGEST")
	c.FilesDir = get("COORDBOT_FILES_DIR")
	if _, err := when.ParseCron(c.Digest); err != nil {
		return c, nil, fmt.Errorf("COORDBOT_DIGEST: %q is not a 5-field cron spec such as \"0 8 * * 1\"", c.Digest)
	}
	if c.Prefix == "" {
		return c, nil, errors.New("COORDBOT_PREFIX: must not be empty")
	}
	return c, fs.Args(), nil
}

// validSecret is Telegram's rule for setWebhook's secret_token.
func validSecret(s string) bool {
	if len(s) == 0 || len(s) > 256 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
