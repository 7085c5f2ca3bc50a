package webapp

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/coordbot/coordbot/bot"
	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/bot/i18n"
)

//go:embed assets
var assets embed.FS

// Source is what the dashboard reads from the bot: who may look, the default period, the data.
type Source interface {
	// CanSeeDashboard says whether the user may open the dashboard.
	CanSeeDashboard(userID bot.ID) bool
	// Quarter is the default period: the quarter holding now.
	Quarter(now time.Time) (from, to time.Time)
	// Dashboard is the data for the days from..to in lang.
	// The user's language chosen with /lang wins over lang, the client's.
	Dashboard(ctx context.Context, user bot.ID, lang string, from, to time.Time) (chat.Dashboard, error)
}

// Config is what the dashboard's handler is built from.
type Config struct {
	// Token is the bot token initData is signed with.
	Token  string
	Source Source
	// Loc is the zone the period's dates are read in.
	Loc    *time.Location
	Now    func() time.Time
	Logger *slog.Logger
}

// maxPeriod bounds the period asked for, so a typo such as 0026 does not walk centuries.
const maxPeriod = 5 * 366 * 24 * time.Hour

// Handler serves the dashboard under /app/: the page and its assets (public: they hold no data)
// and the JSON under /app/api/, which answers only a request whose "Authorization: tma <initData>"
// Telegram signed for a coordinator or viewer less than 24 h ago.
func Handler(cfg Config) http.Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Loc == nil {
		cfg.Loc = time.UTC
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.StripPrefix("/app/", http.FileServer(http.FS(sub)))
	mux := http.NewServeMux()
	mux.HandleFunc("/app/api/dashboard", func(w http.ResponseWriter, r *http.Request) { serveDashboard(cfg, w, r) })
	mux.HandleFunc("/app/api/", func(w http.ResponseWriter, r *http.Request) {
		if _, _, ok := authorize(cfg, w, r); ok {
			writeError(w, http.StatusNotFound, "not found")
		}
	})
	mux.HandleFunc("/app/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self' https://telegram.org; "+
			"style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		files.ServeHTTP(w, r)
	})
	return mux
}

// authorize checks the request's initData; on failure it answers 401 (no valid signature, or
// stale) or 403 (signed, but not a coordinator or viewer) and says false.
func authorize(cfg Config, w http.ResponseWriter, r *http.Request) (User, string, bool) {
	w.Header().Set("Cache-Control", "no-store")
	raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "tma ")
	if !ok || raw == "" {
		writeError(w, http.StatusUnauthorized, "unauthorized")
		return User{}, "", false
	}
	d, err := Verify(raw, cfg.Token, cfg.Now(), MaxAge)
	if err != nil {
		cfg.Logger.Info("dashboard: initData refused", "err", err)
		writeError(w, http.StatusUnauthorized, "unauthorized")
		return User{}, "", false
	}
	if !cfg.Source.CanSeeDashboard(bot.TelegramID(d.User.ID)) {
		cfg.Logger.Info("dashboard: not a coordinator or viewer", "user", d.User.ID)
		writeError(w, http.StatusForbidden, "forbidden")
		return User{}, "", false
	}
	lang := "vi"
	if strings.HasPrefix(strings.ToLower(d.User.LanguageCode), "en") {
		lang = "en"
	}
	return d.User, lang, true
}

func serveDashboard(cfg Config, w http.ResponseWriter, r *http.Request) {
	user, lang, ok := authorize(cfg, w, r)
	if !ok {
		return
	}
	if r.Method != http.MethodGet {
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	from, to := cfg.Source.Quarter(cfg.Now())
	q := r.URL.Query()
	if q.Get("period") == "all" {
		// The whole programme, as /tiendo and /tiendo donvi count it.
		from, to = time.Time{}, time.Time{}
	} else if q.Get("from") != "" || q.Get("to") != "" {
		f, err1 := parseDay(q.Get("from"), cfg.Loc)
		t, err2 := parseDay(q.Get("to"), cfg.Loc)
		switch {
		case err1 != nil || err2 != nil:
			writeError(w, http.StatusBadRequest, i18n.Pick(lang, "Khoảng thời gian không hợp lệ: cần cả ngày bắt đầu và ngày kết thúc.",
				"Invalid period: both a start and an end date are needed."))
			return
		case t.Before(f):
			writeError(w, http.StatusBadRequest, i18n.Pick(lang, "Ngày kết thúc không được trước ngày bắt đầu.", "The end date must not be before the start date."))
			return
		case t.Sub(f) > maxPeriod:
			writeError(w, http.StatusBadRequest, i18n.Pick(lang, "Khoảng thời gian dài nhất là 5 năm.", "The longest period is 5 years."))
			return
		}
		from, to = f, t
	}
	d, err := cfg.Source.Dashboard(r.Context(), bot.TelegramID(user.ID), lang, from, to)
	if err != nil {
		status := http.StatusInternalServerError
		msg := i18n.Pick(lang, "Lỗi khi đọc dữ liệu.", "Could not read the data.")
		if errors.Is(err, bot.ErrStoreDown) {
			status = http.StatusServiceUnavailable
			msg = i18n.Pick(lang, "Chưa đọc được dữ liệu, vui lòng thử lại sau ít phút.", "The data cannot be read right now; try again shortly.")
		}
		cfg.Logger.Error("dashboard: reading the data", "err", err)
		writeError(w, status, msg)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) //nolint:errcheck // the client may have gone
}

// parseDay reads a day as the page's fields hold it, dd/mm/yyyy (as Vietnamese write dates), or
// as yyyy-mm-dd.
func parseDay(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.ParseInLocation("2/1/2006", s, loc); err == nil {
		return t, nil
	}
	return time.ParseInLocation("2006-01-02", s, loc)
}
