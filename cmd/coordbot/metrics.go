package main

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/coordbot/coordbot/bot/chat"
	"github.com/coordbot/coordbot/internal/lease"
	"github.com/coordbot/coordbot/scheduler"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics counts what the bot does for /metrics. It wraps the bot's edges (the update handler,
// the sender, the scheduler's fire function) so that bot itself knows nothing of Prometheus.
type metrics struct {
	reg      *prometheus.Registry
	updates  *prometheus.CounterVec
	latency  prometheus.Histogram
	sent     *prometheus.CounterVec
	fired    *prometheus.CounterVec
	pendingQ *scheduler.Queue
}

func newMetrics(q *scheduler.Queue) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "coordbot_updates_total", Help: "Updates handled, by result (ok, error).",
		}, []string{"result"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "coordbot_update_seconds", Help: "Time to handle one update, replies included.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 14),
		}),
		sent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "coordbot_replies_total", Help: "Replies sent, by result (ok, gone, error).",
		}, []string{"result"}),
		fired: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "coordbot_reminders_fired_total", Help: "Reminder occurrences fired, by kind and result.",
		}, []string{"kind", "result"}),
		pendingQ: q,
	}
	m.reg.MustRegister(m.updates, m.latency, m.sent, m.fired,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "coordbot_reminders_pending", Help: "Reminders waiting in the due queue.",
		}, m.pending))
	return m
}

func (m *metrics) pending() float64 {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	n, err := m.pendingQ.Pending(ctx)
	if err != nil {
		return -1
	}
	return float64(n)
}

// leader exposes whether this process holds the polling lease, labelled with the process's id,
// so a dashboard shows which instance polls.
func (m *metrics) leader(l *lease.Lease) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "coordbot_polling_leader", Help: "1 while this process holds the polling lease and polls Telegram, 0 while it stands by.",
		ConstLabels: prometheus.Labels{"instance_id": l.ID()},
	}, func() float64 {
		if l.Leading() {
			return 1
		}
		return 0
	}))
}

// handler serves /metrics.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// handle counts and times the updates next handles.
func (m *metrics) handle(next func(context.Context, chat.Update) error) func(context.Context, chat.Update) error {
	return func(ctx context.Context, u chat.Update) error {
		start := time.Now()
		err := next(ctx, u)
		m.latency.Observe(time.Since(start).Seconds())
		m.updates.WithLabelValues(result(err)).Inc()
		return err
	}
}

// sender counts replies.
type countingSender struct {
	chat.Sender
	m *metrics
}

func (s countingSender) Send(ctx context.Context, r chat.Reply) (chat.Sent, error) {
	sent, err := s.Sender.Send(ctx, r)
	switch {
	case errors.Is(err, chat.ErrChatGone):
		s.m.sent.WithLabelValues("gone").Inc()
	default:
		s.m.sent.WithLabelValues(result(err)).Inc()
	}
	return sent, err
}

// fire counts reminder occurrences.
func (m *metrics) fire(next func(context.Context, scheduler.Firing) error) func(context.Context, scheduler.Firing) error {
	return func(ctx context.Context, f scheduler.Firing) error {
		err := next(ctx, f)
		m.fired.WithLabelValues(f.Kind, result(err)).Inc()
		return err
	}
}

func result(err error) string {
	if err != nil {
		return "error"
	}
	return "ok"
}
