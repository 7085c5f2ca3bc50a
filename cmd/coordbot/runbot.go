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
	"github.com/coordbot/coordbot/bot/chat"
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
		var closeLease func() error
		if elector, closeLease, err = newElector(c, lease.Options{Logger: log}); err != nil {
			return err
		}
		defer closeLease()
	}
	senders := chat.Senders{}
	var tg *telegram.Client
	if c.Token != "" {
		tgc := telegram.Config{Token: c.Token, APIURL: c.APIURL, Logger: log, Limiter: limiter, Inbox: redisstore.NewInbox(store, chat.UpdateKeyOf)}
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
	bc := chat.Config{Programme: p, Store: store, Sender: countingSender{senders, m}, Reminders: schedstore.New(q), Admins: c.Admins,
		Viewers: c.Viewers, Loc: c.TZ, Lang: c.Lang, Logger: log, ZaloPrivateReminders: zs != nil && !zs.canJoinGroups()}
	if tg != nil {
		bc.Members, bc.Username = tg, tg.Username()
		bc.DashboardURL = dashboardURL(c) // the Mini App is Telegram's
	}
	b := chat.New(bc)
	if err := prepare(ctx, rdb, b, c, log); err != nil {
		return err
	}
	schedDone := startScheduler(ctx, q, m.fire(schedstore.Fire(b)), c, log)
	// Whatever the return, the scheduler is told to stop before it is waited for.
	defer func() { fail(nil); <-schedDone }()
	for _, lang := range append([]string{""}, chat.Languages()...) {
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

	// /healthz and /metrics tell about the host (pid, runtime figures) and cost a Redis round
	// trip each: they listen on their own address, loopback by default, unless configured onto
	// the public one.
	ops := http.NewServeMux()
	ops.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := rdb.Ping(r.Context()).Err(); err != nil {
			http.Error(w, "redis: unavailable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	ops.Handle("/metrics", m.handler())
	mux := http.NewServeMux()
	if c.sharedListener() {
		mux.Handle("/healthz", ops)
		mux.Handle("/metrics", ops)
	}
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
	if c.sharedListener() {
		log.Info("http: serving the webhooks, /app/, /f/, /healthz and /metrics", "addr", ln.Addr().String())
	} else {
		log.Info("http: serving the webhooks, /app/ and /f/", "addr", ln.Addr().String())
	}
	// Handlers run under a context of their own, not run's: SIGTERM stops new requests and lets
	// those in flight finish within the grace (Shutdown), as polling handlers do; only then is
	// their context cancelled.
	hctx, hcancel := context.WithCancel(context.WithoutCancel(ctx))
	defer hcancel()
	srv := newServer(mux, publicTimeouts, hctx)
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			fail(fmt.Errorf("http server: %w", err))
		}
	}()
	defer func() {
		grace := shutdownGrace
		if parent.Err() == nil {
			grace = fatalGrace // a fatal error: exit within seconds
		}
		drain(srv, grace, hcancel, log)
	}()
	if !c.sharedListener() {
		mln, err := net.Listen("tcp", c.MetricsAddr)
		if err != nil {
			return fmt.Errorf("COORDBOT_METRICS_ADDR: %w", err)
		}
		log.Info("metrics: serving /healthz and /metrics", "metrics_addr", mln.Addr().String())
		msrv := newServer(ops, opsTimeouts, hctx)
		go func() {
			if err := msrv.Serve(mln); !errors.Is(err, http.ErrServerClosed) {
				fail(fmt.Errorf("metrics server: %w", err))
			}
		}()
		defer drain(msrv, time.Second, func() {}, log)
	}

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

// The HTTP servers' limits. Public: a webhook request is answered once its handler has sent the
// replies (Telegram delivers again on a failure), so writing may take as long as a reply paced by
// Telegram's limits; a handler that outlives WriteTimeout still finishes, and its update, already
// claimed, is not handled twice when Telegram delivers it again.
var (
	publicTimeouts = timeouts{readHeader: 10 * time.Second, read: 30 * time.Second, write: 60 * time.Second, idle: 120 * time.Second}
	opsTimeouts    = timeouts{readHeader: 5 * time.Second, read: 10 * time.Second, write: 30 * time.Second, idle: 60 * time.Second}
)

// shutdownGrace is how long webhook handlers in flight may go on after SIGTERM, as polling ones
// do (telegram.Config.ShutdownGrace); fatalGrace the same after a fatal error, which must end
// the process within seconds.
const (
	shutdownGrace = 10 * time.Second
	fatalGrace    = 3 * time.Second
)

type timeouts struct{ readHeader, read, write, idle time.Duration }

// newServer is an HTTP server with every timeout set, whose handlers run under base.
func newServer(h http.Handler, t timeouts, base context.Context) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: t.readHeader, ReadTimeout: t.read, WriteTimeout: t.write,
		IdleTimeout: t.idle, BaseContext: func(net.Listener) context.Context { return base }}
}

// drain stops srv taking requests and waits up to grace for those in flight; then it cancels
// their context and closes what is left.
func drain(srv *http.Server, grace time.Duration, cancel context.CancelFunc, log *slog.Logger) {
	sctx, scancel := context.WithTimeout(context.Background(), grace)
	defer scancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("http: handlers still running after the grace; cancelling them", "grace", grace, "err", err)
		cancel()
		srv.Close() //nolint:errcheck // best effort at exit
	}
}

// prepare moves data from the key names of earlier versions, loads the programme file's plan into
// the store and schedules the weekly digest.
func prepare(ctx context.Context, rdb redis.UniversalClient, b *chat.Bot, c Config, log *slog.Logger) error {
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

// newElector is the polling lease, on a Redis client of its own with a pool of two connections
// that no handler can take. On the shared client a pool exhausted by handlers (a bug, logged as
// one) delayed every renewal until the lease ran out in Redis, although Redis answered, and the
// process lost its polling lease and cancelled the handlers in flight (issue 17). Two: one renews
// while the other may still be finishing a call cut off by its deadline.
func newElector(c Config, opt lease.Options) (*lease.Lease, func() error, error) {
	rdb, err := openRedisPool(c.RedisURL, 2)
	if err != nil {
		return nil, nil, err
	}
	return lease.New(rdb, c.Prefix+"poller:"+strconv.FormatInt(botIDOf(c.Token), 10), opt), rdb.Close, nil
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
