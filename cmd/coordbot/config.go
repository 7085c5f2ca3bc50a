package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/scheduler/when"
)

// Config is every setting, read once from the environment and flags and passed down.
type Config struct {
	Token       string
	APIURL      string
	RedisURL    string
	Prefix      string
	ProgramPath string
	Admins      map[bot.ID]bool
	// Viewers may open the dashboard besides coordinators; PublicURL is the HTTP server's public
	// HTTPS base (no dashboard button, and no file links for Zalo, without it).
	Viewers       map[bot.ID]bool
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
	// Zalo: the bot's token (run starts Zalo when set), the API's base URL, webhook mode's URL and
	// secret, and the messages per second it sends across chats.
	ZaloToken, ZaloAPIURL, ZaloWebhookURL, ZaloWebhookSecret string
	ZaloRate                                                 float64
	// PublicURL is the HTTPS base of the bot's HTTP server as the world reaches it: charts and
	// files go to Zalo as signed links under it.
	PublicURL string
	// MetricsAddr is where /healthz and /metrics listen, loopback by default; the same fixed
	// address as HTTPAddr puts them on the public listener instead (sharedListener).
	MetricsAddr string
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
	{"COORDBOT_ADMINS", "admins", "", "comma-separated user ids of coordinators (Telegram numbers, or zl: and a Zalo id)"},
	{"COORDBOT_VIEWERS", "viewers", "", "comma-separated user ids who may open the dashboard besides coordinators"},
	{"COORDBOT_PUBLIC_URL", "public-url", "", "public HTTPS base URL of the HTTP server: the dashboard (Mini App), and files reaching Zalo as signed links under /f/"},
	{"COORDBOT_TZ", "tz", "Asia/Ho_Chi_Minh", "time zone of every date typed and shown"},
	{"COORDBOT_LANG", "lang", "vi", "default reply language (vi or en)"},
	{"COORDBOT_HTTP_ADDR", "http-addr", ":8080", "public address: the webhooks, the dashboard (/app/) and file links (/f/)"},
	{"COORDBOT_METRICS_ADDR", "metrics-addr", "127.0.0.1:9090", "address of /healthz and /metrics (loopback by default; the same as COORDBOT_HTTP_ADDR serves them there)"},
	{"COORDBOT_WEBHOOK_URL", "webhook-url", "", "public HTTPS URL for webhook mode (polling when empty)"},
	{"COORDBOT_WEBHOOK_SECRET", "webhook-secret", "", "secret Telegram sends with every webhook request"},
	{"COORDBOT_GRACE", "grace", "6h", "how late a missed reminder may still be sent"},
	{"COORDBOT_DIGEST", "digest", "0 8 * * 1", "when the weekly digest goes out (5-field cron, in COORDBOT_TZ)"},
	{"ZALO_BOT_TOKEN", "zalo-token", "", "Zalo bot token (run starts the bot on Zalo when set; never logged)"},
	{"ZALO_API_URL", "zalo-api-url", "https://bot-api.zaloplatforms.com", "Zalo Bot API base URL"},
	{"ZALO_WEBHOOK_URL", "zalo-webhook-url", "", "public HTTPS URL of /zalo/webhook for Zalo's webhook mode (polling when empty)"},
	{"ZALO_WEBHOOK_SECRET", "zalo-webhook-secret", "", "secret Zalo sends with every webhook request (8-256 characters)"},
	{"ZALO_RATE", "zalo-rate", "5", "messages per second the bot sends on Zalo across chats (1 per second to one chat)"},
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
		Token:             get("TELEGRAM_BOT_TOKEN"),
		APIURL:            strings.TrimRight(get("TELEGRAM_API_URL"), "/"),
		RedisURL:          get("REDIS_URL"),
		Prefix:            get("COORDBOT_PREFIX"),
		ProgramPath:       get("COORDBOT_PROGRAM"),
		Lang:              strings.ToLower(get("COORDBOT_LANG")),
		HTTPAddr:          get("COORDBOT_HTTP_ADDR"),
		WebhookURL:        get("COORDBOT_WEBHOOK_URL"),
		WebhookSecret:     get("COORDBOT_WEBHOOK_SECRET"),
		Admins:            map[bot.ID]bool{},
		ZaloToken:         get("ZALO_BOT_TOKEN"),
		ZaloAPIURL:        strings.TrimRight(get("ZALO_API_URL"), "/"),
		ZaloWebhookURL:    get("ZALO_WEBHOOK_URL"),
		ZaloWebhookSecret: get("ZALO_WEBHOOK_SECRET"),
		PublicURL:         strings.TrimRight(get("COORDBOT_PUBLIC_URL"), "/"),
		MetricsAddr:       get("COORDBOT_METRICS_ADDR"),
	}
	var err error
	if c.TZ, err = time.LoadLocation(get("COORDBOT_TZ")); err != nil {
		return c, nil, fmt.Errorf("COORDBOT_TZ: unknown time zone %q", get("COORDBOT_TZ"))
	}
	if c.Lang != "vi" && c.Lang != "en" {
		return c, nil, fmt.Errorf("COORDBOT_LANG: must be vi or en, not %q", c.Lang)
	}
	if c.Admins, err = parseIDs("COORDBOT_ADMINS", get("COORDBOT_ADMINS")); err != nil {
		return c, nil, err
	}
	if c.Viewers, err = parseIDs("COORDBOT_VIEWERS", get("COORDBOT_VIEWERS")); err != nil {
		return c, nil, err
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || !(u.Scheme == "https" || u.Scheme == "http" && loopback(u.Hostname())) ||
			u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return c, nil, errors.New("COORDBOT_PUBLIC_URL: must be an https:// URL (Telegram opens Mini Apps only over HTTPS, and Zalo fetches files from it), such as https://bot.example.org")
		}
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
	if err := c.checkZalo(get("ZALO_RATE")); err != nil {
		return c, nil, err
	}
	c.Digest = get("COORDBOT_DIGEST")
	c.FilesDir = get("COORDBOT_FILES_DIR")
	if _, err := when.ParseCron(c.Digest); err != nil {
		return c, nil, fmt.Errorf("COORDBOT_DIGEST: %q is not a 5-field cron spec such as \"0 8 * * 1\"", c.Digest)
	}
	if c.MetricsAddr == "" {
		return c, nil, errors.New("COORDBOT_METRICS_ADDR: must not be empty (the default is 127.0.0.1:9090)")
	}
	if c.Prefix == "" {
		return c, nil, errors.New("COORDBOT_PREFIX: must not be empty")
	}
	return c, fs.Args(), nil
}

// sharedListener reports whether /healthz and /metrics are served on the public listener:
// COORDBOT_METRICS_ADDR set to the very address of COORDBOT_HTTP_ADDR. Port 0 picks a free port
// for each listener, so two such addresses are two listeners.
func (c Config) sharedListener() bool {
	_, port, err := net.SplitHostPort(c.HTTPAddr)
	return c.MetricsAddr == c.HTTPAddr && err == nil && port != "0"
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

// checkZalo checks the Zalo settings and the public URL.
func (c *Config) checkZalo(rate string) error {
	if u, err := url.Parse(c.ZaloAPIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("ZALO_API_URL: %q is not an http(s) URL", c.ZaloAPIURL)
	}
	if c.ZaloWebhookURL != "" {
		if u, err := url.Parse(c.ZaloWebhookURL); err != nil || u.Scheme != "https" || u.Host == "" {
			return errors.New("ZALO_WEBHOOK_URL: must be an https:// URL")
		}
		// Without a secret anyone who finds the URL could post messages as any user.
		if n := len(c.ZaloWebhookSecret); n < 8 || n > 256 {
			return errors.New("ZALO_WEBHOOK_SECRET: required with ZALO_WEBHOOK_URL, 8-256 characters")
		}
	}
	r, err := strconv.ParseFloat(rate, 64)
	if err != nil || r <= 0 || r > 1000 {
		return fmt.Errorf("ZALO_RATE: %q is not a number of messages per second such as 5", rate)
	}
	c.ZaloRate = r
	return nil
}

// loopback reports whether host is this machine, where tests serve the public URL over plain HTTP.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
