// Command coordbot runs the coordination-programme bot: on Telegram (run), in a terminal
// (console), as a one-shot answer (ask), or checks a programme file (check).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/alicebob/miniredis/v2"
	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/console"
	"github.com/coordbot/coordbot/bot/programme"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/schedstore"
	"github.com/redis/go-redis/v9"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "coordbot:", err)
		os.Exit(1)
	}
}

const usage = `coordbot — the coordination-programme bot

  coordbot [run]                 the Telegram bot (needs TELEGRAM_BOT_TOKEN)
  coordbot console               the same bot in this terminal, no token needed
  coordbot ask [-json] [-lang vi|en] QUESTION…
                                 print the bot's answer to a question
  coordbot check FILE            validate a programme file
  coordbot rebuild               recompute the report summaries and history indexes from the
                                 streams (after an upgrade, or as a check); bot stopped

Settings come from the environment or flags of the same meaning; see "coordbot run -h".`

// run is the whole program, callable from tests.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "run"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "run":
		return runTelegram(ctx, args, getenv, stderr)
	case "console":
		return runConsole(ctx, args, getenv, stdin, stdout, stderr)
	case "ask":
		return runAsk(args, getenv, stdout, stderr)
	case "check":
		return runCheck(args, stdout)
	case "rebuild":
		return runRebuild(ctx, args, getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n\n%s", cmd, usage)
}

// newLogger logs structured lines to w.
func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// loadProgramme reads the configured programme file, or the embedded seed.
func loadProgramme(c Config) (*programme.Programme, error) {
	if c.ProgramPath == "" {
		return programme.Default(), nil
	}
	p, err := programme.Load(c.ProgramPath)
	if err != nil {
		return nil, fmt.Errorf("COORDBOT_PROGRAM %s: %w", c.ProgramPath, err)
	}
	return p, nil
}

func runConsole(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	c, _, err := loadConfig("console", args, getenv, stderr)
	if err != nil {
		return err
	}
	p, err := loadProgramme(c)
	if err != nil {
		return err
	}
	log := newLogger(stderr)
	var rdb redis.UniversalClient
	if c.RedisURL == "" {
		m := miniredis.NewMiniRedis()
		if err := m.Start(); err != nil {
			return fmt.Errorf("embedded store: %w", err)
		}
		defer m.Close()
		rdb = redis.NewClient(&redis.Options{Addr: m.Addr()})
		fmt.Fprintln(stderr, "console: embedded store in memory, forgotten on exit; set REDIS_URL to keep state between runs")
	} else {
		if rdb, err = openRedis(c.RedisURL); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "console: state kept in Redis (prefix %q) between runs\n", c.Prefix)
	}
	defer rdb.Close()
	out := console.New(stdout)
	out.SaveFilesIn(c.FilesDir)
	q := newQueue(rdb, c)
	b := chat.New(chat.Config{
		Programme: p, Store: redisstore.New(rdb, c.Prefix, redisstore.WithQueue(q)), Sender: out, Members: out, Reminders: schedstore.New(q),
		Admins: c.Admins, Loc: c.TZ, Lang: c.Lang, Logger: log,
	})
	if err := prepare(ctx, rdb, b, c, log); err != nil {
		return err
	}
	// Reminders print in the terminal as they fall due, while the console reads input.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	schedDone := startScheduler(ctx, q, schedstore.Fire(b), c, log)
	defer func() { cancel(); <-schedDone }()
	// The console types as the lowest coordinator id, so COORDBOT_ADMINS=1 makes it a coordinator.
	user := chat.User{ID: bot.TelegramID(1), FirstName: "Cán bộ"}
	if len(c.Admins) > 0 {
		user = chat.User{ID: consoleAdmin(c.Admins), FirstName: "Điều phối viên"}
	}
	return out.Run(ctx, stdin, user, b.Handle)
}

// openRedis parses a redis URL: a single server, or Sentinel/Cluster through go-redis's own forms:
//
//	redis://host:6379/0                                            one server
//	redis://node1:6379?addr=node2:6379&addr=node3:6379             Cluster (ParseClusterURL; two or more nodes)
//	redis://sentinel1:26379/0?master_name=mymaster&addr=sentinel2:26379   Sentinel (ParseFailoverURL)
//
// go-redis retries each dial five times by default: while Redis is down every store call would
// take half a second before the user hears "try again shortly", so one try is enough.
func openRedis(u string) (redis.UniversalClient, error) {
	return openRedisPool(u, 0)
}

// openRedisPool is openRedis with a pool of size connections (per node on a Cluster); 0 keeps
// go-redis's default (10 per CPU) or the URL's pool_size.
func openRedisPool(u string, size int) (redis.UniversalClient, error) {
	if opt, err := redis.ParseURL(u); err == nil {
		opt.DialerRetries = 1
		if size > 0 {
			opt.PoolSize = size
		}
		return redis.NewClient(opt), nil
	}
	if strings.Contains(u, "master_name=") {
		opt, err := redis.ParseFailoverURL(u)
		if err != nil {
			return nil, fmt.Errorf("REDIS_URL: Sentinel URL: %w", err)
		}
		opt.DialerRetries = 1
		if size > 0 {
			opt.PoolSize = size
		}
		return redis.NewFailoverClient(opt), nil
	}
	if opt, err := redis.ParseClusterURL(u); err == nil && len(opt.Addrs) > 1 {
		opt.DialerRetries = 1
		if size > 0 {
			opt.PoolSize = size
		}
		return redis.NewClusterClient(opt), nil
	}
	return nil, fmt.Errorf("REDIS_URL: %q is not a redis:// or rediss:// URL (Cluster: ?addr=host:port for each other node; Sentinel: ?master_name=NAME)", u)
}

func runAsk(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, `print {"answer": "...", "found": true|false}`)
	lang := fs.String("lang", "", "reply language, vi or en (default $COORDBOT_LANG or vi)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, _, err := loadConfig("ask", nil, getenv, stderr)
	if err != nil {
		return err
	}
	if *lang != "" {
		if *lang != "vi" && *lang != "en" {
			return fmt.Errorf("-lang: must be vi or en, not %q", *lang)
		}
		c.Lang = *lang
	}
	q := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if q == "" {
		return errors.New(`ask: give a question, e.g. coordbot ask "dân vận khéo là gì"`)
	}
	p, err := loadProgramme(c)
	if err != nil {
		return err
	}
	b := chat.New(chat.Config{Programme: p, Loc: c.TZ, Lang: c.Lang})
	r, found := b.Answer(c.Lang, q)
	answer := chat.PlainText(r.Text)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			Answer string `json:"answer"`
			Found  bool   `json:"found"`
		}{answer, found})
	}
	_, err = fmt.Fprintln(stdout, answer)
	return err
}

func runCheck(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("check: usage: coordbot check FILE")
	}
	p, err := programme.Load(args[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: OK — %s (%d–%d): %d content areas, %d units, %d activities\n",
		args[0], p.Title.VI, p.Period.From, p.Period.To, len(p.Contents), len(p.Units), len(p.Activities))
	return nil
}

// consoleAdmin is the coordinator the console types as: the lowest Telegram id, else any.
func consoleAdmin(admins map[bot.ID]bool) bot.ID {
	ids := slices.Sorted(maps.Keys(admins))
	best := ids[0]
	for _, id := range ids {
		n, ok := id.Telegram()
		if m, bok := best.Telegram(); ok && (!bok || n < m) {
			best = id
		}
	}
	return best
}
