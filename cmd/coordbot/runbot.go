package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/filelink"
	"github.com/coordbot/coordbot/bot/ratelimit"
	"github.com/coordbot/coordbot/bot/redisstore"
	"github.com/coordbot/coordbot/bot/schedstore"
	"github.com/coordbot/coordbot/bot/telegram"
	"github.com/coordbot/coordbot/internal/lease"
	"github.com/redis/go-redis/v9"
)

// runTelegram is `coordbot run`: the bot on Telegram, Zalo or both (whichever tokens are set),
// each by long polling or webhook.
func runTelegram(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	c, _, err := loadConfig("run", args, getenv, stderr)
	if err != nil {
		return err
	}
	if c.Token == "" && c.ZaloToken == "" {
		return errNoToken
	}
	if c.RedisURL == "" {
		c.RedisURL = "redis://localhost:6379/0"
	}
	p, err := loadProgramme(c)
	if err != nil {
		return err
	}
	log := newLogger(stderr)
	rdb, err := openRedis(c.RedisURL)
	if err != nil {
		return err
	}
	defer rdb.Close()
	if err := waitRedis(ctx, rdb, log); err != nil {
		return err
	}
	q := newQueue(rdb, c)
	store := redisstore.New(rdb, c.Prefix, redisstore.WithQueue(q), redisstore.WithBotID(botIDOf(c.Token)))
	limiter := ratelimit.New(rdb, c.Prefix, ratelimit.DefaultLimits(), ratelimit.WithLogger(log))
	// In polling mode one process polls (the lease's holder); the others stand by. The lease is
	// per bot, so bots sharing a Redis and a prefix do not stand by for each other.
	var elector *lease.Lease
	if c.WebhookURL == "" && c.Token != "" {
		elector = lease.New(rdb, c.Prefix+"poller:"+strconv.FormatInt(botIDOf(c.Token), 10), lease.Options{Logger: log})
	}
	senders := bot.Senders{}
	var tg *telegram.Client
	if c.Token != "" {
		tgc := telegram.Config{Token: c.Token, APIURL: c.APIURL, Logger: log, Limiter: limiter, Inbox: store}
		if elector != nil {
			tgc.Elector = elector
		}
		if tg, err = telegram.Dial(ctx, tgc); err != nil {
			return err
		}
		defer tg.Close()
		senders[bot.PlatformTelegram] = tg
	}
	links, err := fileLinks(rdb, c)
	if err != nil {
		return err
	}
	var zs *zaloSide
	if c.ZaloToken != "" {
		if zs, err = startZalo(ctx, rdb, c, links, log); err != nil {
			return err
		}
		defer zs.tr.Client().Close()
		senders[bot.PlatformZalo] = zs.tr
	}
	// A fatal error (the token refused by any call, the HTTP listener failing) ends ctx; its cause
	// is what run returns, so the process exits non-zero and a supervisor restarts or alerts.
	parent := ctx
	ctx, fail := context.WithCancelCause(ctx)
	defer fail(nil)
	if tg != nil {
		go watchFatal(ctx, tg.Fatal(), fail)
	}
	m := newMetrics(q)
	if elector != nil {
		m.leader(elector)
	}
	bc := bot.Config{Programme: p, Store: store, Sender: countingSender{senders, m}, Reminders: schedstore.New(q), Admins: c.Admins,
		Viewers: c.Viewers, Loc: c.TZ, Lang: c.Lang, Logger: log, ZaloPrivateReminders: zs != nil && !zs.canJoinGroups()}
	if tg != nil {
		bc.Members, bc.Username = tg, tg.Username()
		bc.DashboardURL = dashboardURL(c) // the Mini App is Telegram's
	}
	b := bot.New(bc)
	if err := prepare(ctx, rdb, b, c, log); err != nil {
		return err
	}
	schedDone := startScheduler(ctx, q, m.fire(schedstore.Fire(b)), c, log)
	// Whatever the return, the scheduler is told to stop before it is waited for.
	defer func() { fail(nil); <-schedDone }()
	for _, lang := range append([]string{""}, bot.Languages()...) {
		if tg == nil {
			break
		}
		menuLang := lang
		if lang == "" {
			menuLang = c.Lang
		}
		var cmds []telegram.Command
		for _, cmd := range b.Commands(menuLang) {
			cmds = append(cmds, telegram.Command{Name: cmd.Name, Description: cmd.Description})
		}
		if err := tg.SetCommands(ctx, lang, cmds); err != nil {
			log.Warn("could not set the command menu", "lang", lang, "err", err)
		}
	}
	if tg != nil {
		setMenuButtons(ctx, tg, c, log)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := rdb.Ping(r.Context()).Err(); err != nil {
			http.Error(w, "redis: unavailable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("/metrics", m.handler())
	if tg != nil {
		mux.Handle("/app/", dashboardHandler(b, c, log))
	}
	handle := m.handle(b.Handle)
	if c.WebhookURL != "" && tg != nil {
		mux.Handle("/webhook", tg.WebhookHandler(c.WebhookSecret, handle))
	}
	if zs != nil {
		zs.mount(mux, handle)
	}
	if links != nil {
		mux.Handle(filelink.PathPrefix, links.Handler())
	}
	ln, err := net.Listen("tcp", c.HTTPAddr)
	if err != nil {
		return fmt.Errorf("COORDBOT_HTTP_ADDR: %w", err)
	}
	log.Info("http: serving /healthz and /metrics", "addr", ln.Addr().String())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			fail(fmt.Errorf("http server: %w", err))
		}
	}()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		srv.Shutdown(sctx) //nolint:errcheck // best effort at exit
	}()

	if zs != nil {
		go watchFatal(ctx, zs.tr.Fatal(), fail)
		zaloDone := make(chan struct{})
		go func() {
			defer close(zaloDone)
			if err := zs.run(ctx, handle); err != nil {
				fail(err) // a refused token ends the process, as on Telegram
			}
		}()
		// Handlers still running finish (within the grace) before Redis is closed.
		defer func() { fail(nil); <-zaloDone }()
	}
	switch {
	case tg == nil:
		<-ctx.Done()
	case c.WebhookURL != "":
		if err := tg.SetWebhook(ctx, c.WebhookURL, c.WebhookSecret); err != nil {
			return fmt.Errorf("setWebhook refused: %w", err)
		}
		log.Info("webhook mode", "url", c.WebhookURL, "addr", ln.Addr().String())
		<-ctx.Done()
	default:
		if err := tg.Poll(ctx, handle); err != nil {
			return err
		}
	}
	if parent.Err() != nil {
		return nil // SIGTERM: a clean stop
	}
	return context.Cause(ctx)
}

// prepare moves data from the key names of earlier versions, loads the programme file's plan into
// the store and schedules the weekly digest.
func prepare(ctx context.Context, rdb redis.UniversalClient, b *bot.Bot, c Config, log *slog.Logger) error {
	moved, err := redisstore.MigrateKeys(ctx, rdb, c.Prefix)
	if err != nil {
		return fmt.Errorf("moving keys to their hash-tagged names: %w", err)
	}
	if moved > 0 {
		log.Info("moved keys to their hash-tagged names", "count", moved)
	}
	n, err := b.SeedPlan(ctx)
	if err != nil {
		return fmt.Errorf("loading the programme's plan: %w", err)
	}
	if n > 0 {
		log.Info("added the programme file's activities", "count", n)
	}
	if err := b.EnsureDigest(ctx, c.Digest); err != nil {
		return fmt.Errorf("scheduling the weekly digest: %w", err)
	}
	return nil
}

// waitRedis pings Redis until it answers, backing off and saying so in the log, so a bot started
// before its Redis waits instead of crash-looping.
func waitRedis(ctx context.Context, rdb redis.UniversalClient, log *slog.Logger) error {
	wait := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		err := rdb.Ping(pctx).Err()
		cancel()
		if err == nil {
			return nil
		}
		log.Warn("redis unreachable, retrying", "attempt", attempt, "wait", wait, "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("REDIS_URL: gave up waiting for Redis: %w", err)
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// botIDOf is the bot's Telegram id, the number before the colon of its token; 0 if the token has
// none.
func botIDOf(token string) int64 {
	id, _, _ := strings.Cut(token, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// watchFatal ends ctx with the first error a transport reports as fatal (its token refused), so
// run returns it and the process exits non-zero.
func watchFatal(ctx context.Context, fatal <-chan error, fail context.CancelCauseFunc) {
	select {
	case err := <-fatal:
		fail(err)
	case <-ctx.Done():
	}
}
