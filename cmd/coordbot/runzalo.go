package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/filelink"
	"github.com/coordbot/coordbot/bot/ratelimit"
	"github.com/coordbot/coordbot/bot/zalo"
	"github.com/coordbot/coordbot/internal/lease"
	"github.com/redis/go-redis/v9"
)

// zaloSide is the bot on Zalo: its transport, and how it receives messages.
type zaloSide struct {
	tr      *zalo.Transport
	hook    *zalo.Webhook
	c       Config
	log     *slog.Logger
	elector *lease.Lease
}

// zaloWebhookPath is where Zalo's webhook calls arrive on the HTTP server.
const zaloWebhookPath = "/zalo/webhook"

// startZalo connects to Zalo (getMe, retried while Zalo cannot be reached; a refused token is
// fatal) and builds its transport: its own send limiter (ZALO_RATE across chats, 1/s to a chat,
// under its own keys), the memory of numbered choices, and file links when links is not nil.
func startZalo(ctx context.Context, rdb redis.UniversalClient, c Config, links *filelink.Links, log *slog.Logger) (*zaloSide, error) {
	cl, err := zalo.Dial(ctx, zalo.Config{Token: c.ZaloToken, APIURL: c.ZaloAPIURL, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("ZALO_BOT_TOKEN: %w", err)
	}
	limits := ratelimit.Limits{Global: c.ZaloRate, GlobalBurst: 1, PerChat: 1, ChatBurst: 2, PerGroupPerMinute: 20, GroupBurst: 3}
	cfg := zalo.TransportConfig{
		Memory:  zalo.NewMemory(rdb, c.Prefix),
		Limiter: ratelimit.New(rdb, c.Prefix+"zalo:", limits, ratelimit.WithLogger(log)),
		Lang:    c.Lang,
	}
	if links != nil {
		cfg.Publisher = links
	}
	z := &zaloSide{tr: zalo.NewTransport(cl, cfg), c: c, log: log}
	if c.ZaloWebhookURL == "" {
		// One process polls Zalo (the lease's holder), as for Telegram, under a key of its own.
		z.elector = lease.New(rdb, c.Prefix+"poller:zalo:"+cl.Me().ID, lease.Options{Logger: log})
	}
	return z, nil
}

// canJoinGroups is getMe's can_join_groups.
func (z *zaloSide) canJoinGroups() bool { return z.tr.Client().Me().CanJoinGroups }

// mount serves Zalo's webhook on mux in webhook mode: each delivery is answered at once and its
// message handled after (run stops the handlers when it returns).
func (z *zaloSide) mount(mux *http.ServeMux, handle func(context.Context, chat.Update) error) {
	if z.c.ZaloWebhookURL != "" {
		z.hook = z.tr.Client().NewWebhook(z.c.ZaloWebhookSecret, 8, z.tr.Handler(handle))
		mux.Handle(zaloWebhookPath, z.hook)
	}
}

// run receives messages until ctx ends: it sets the webhook (production, as the docs advise), or
// polls while this process holds the polling lease (a way to try the bot). It returns an error wrapping zalo.ErrUnauthorized when the token is refused.
func (z *zaloSide) run(ctx context.Context, handle func(context.Context, chat.Update) error) error {
	cl := z.tr.Client()
	if z.hook != nil {
		defer z.hook.Close(10 * time.Second)
	}
	if z.c.ZaloWebhookURL != "" {
		if err := cl.SetWebhook(ctx, z.c.ZaloWebhookURL, z.c.ZaloWebhookSecret); err != nil {
			return fmt.Errorf("zalo: setWebhook refused: %w", err)
		}
		z.log.Info("zalo: webhook mode", "url", z.c.ZaloWebhookURL)
		<-ctx.Done()
		return nil
	}
	for {
		z.log.Info("zalo: standing by until this process holds the polling lease")
		lctx, release, err := z.elector.Lead(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		z.log.Info("zalo: this process polls for messages")
		err = cl.Poll(lctx, 8, 10*time.Second, z.tr.Handler(handle))
		release()
		if err != nil || ctx.Err() != nil {
			return err
		}
		z.log.Warn("zalo: lost the polling lease; standing by")
	}
}

// fileLinks are the signed links charts and files reach Zalo by, when COORDBOT_PUBLIC_URL is set;
// the signing secret comes from the bot tokens, so every instance signs alike.
func fileLinks(rdb redis.UniversalClient, c Config) (*filelink.Links, error) {
	if c.PublicURL == "" {
		return nil, nil
	}
	return filelink.New(rdb, c.Prefix, filelink.SecretFrom(c.ZaloToken+"\n"+c.Token), c.PublicURL)
}

// errNoToken is run without any bot token.
var errNoToken = errors.New("TELEGRAM_BOT_TOKEN or ZALO_BOT_TOKEN: run needs at least one (Telegram: from @BotFather; Zalo: from Zalo Bot Creator), or try `coordbot console`")
