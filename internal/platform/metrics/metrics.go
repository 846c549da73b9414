// Package metrics holds the Prometheus metrics of one process in a registry of its own, served on
// a listener apart from the API (METRICS_ADDR) so they are never public by accident.
package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are one process's metrics. Labels only ever take values from short fixed sets (route
// templates, task types, status codes), never raw paths or ids, so the series stay few.
type Metrics struct {
	reg          *prometheus.Registry
	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	jobs         *prometheus.CounterVec
	jobDuration  *prometheus.HistogramVec
	emailsSent   prometheus.Counter
	emailsFailed prometheus.Counter
}

// Job results.
const (
	JobOK = "ok"
	// JobError is a failure asynq retries, or archives once the retries are used up.
	JobError = "error"
	// JobSkipped is a failure not worth retrying (asynq.SkipRetry): the task is archived at once.
	JobSkipped = "skipped"
)

// New makes the metrics, with the Go runtime's and the process's own beside them.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "probono_http_requests_total",
			Help: "HTTP requests answered, by method, route template and status code.",
		}, []string{"method", "route", "status"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "probono_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method and route template.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "route"}),
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "probono_jobs_total",
			Help: "Background tasks processed, by task type and result (ok, error, skipped).",
		}, []string{"type", "result"}),
		jobDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "probono_job_duration_seconds",
			Help:    "Time to process a background task, by task type.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300},
		}, []string{"type"}),
		emailsSent: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "probono_emails_sent_total",
			Help: "Emails handed to the mail server.",
		}),
		emailsFailed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "probono_emails_failed_total",
			Help: "Emails the mail server did not take.",
		}),
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.httpRequests, m.httpDuration, m.jobs, m.jobDuration, m.emailsSent, m.emailsFailed,
	)
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// ObserveHTTP counts one answered request; route is the route's template, such as
// /api/v1/referrals/:id.
func (m *Metrics) ObserveHTTP(method, route string, status int, elapsed time.Duration) {
	m.httpRequests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.httpDuration.WithLabelValues(method, route).Observe(elapsed.Seconds())
}

// ObserveJob counts one processed task with its result (JobOK, JobError or JobSkipped).
func (m *Metrics) ObserveJob(taskType, result string, elapsed time.Duration) {
	m.jobs.WithLabelValues(taskType, result).Inc()
	m.jobDuration.WithLabelValues(taskType).Observe(elapsed.Seconds())
}

// EmailSent counts an email the mail server took.
func (m *Metrics) EmailSent() { m.emailsSent.Inc() }

// EmailFailed counts an email the mail server did not take.
func (m *Metrics) EmailFailed() { m.emailsFailed.Inc() }

// OutboxStats reports how many outbox events are not done and the age of the oldest of them (0 when
// there is none).
type OutboxStats func(ctx context.Context) (backlog int64, lag time.Duration, err error)

// outboxTimeout bounds the outbox query of one scrape, so a slow database does not hang Prometheus.
const outboxTimeout = 2 * time.Second

// WatchOutbox reports the outbox's lag and backlog, read with stats at every scrape. When stats fails
// the two gauges are left out of that scrape (and the failure logged) rather than reported as zero,
// which would look healthy.
func (m *Metrics) WatchOutbox(stats OutboxStats, log *slog.Logger) {
	m.reg.MustRegister(&outboxCollector{
		stats: stats, log: log,
		lag: prometheus.NewDesc("probono_outbox_lag_seconds",
			"Age of the oldest outbox event not yet done; 0 when every event is done.", nil, nil),
		backlog: prometheus.NewDesc("probono_outbox_backlog",
			"Outbox events not yet done.", nil, nil),
	})
}

type outboxCollector struct {
	stats        OutboxStats
	log          *slog.Logger
	lag, backlog *prometheus.Desc
}

func (c *outboxCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.lag
	ch <- c.backlog
}

func (c *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), outboxTimeout)
	defer cancel()
	backlog, lag, err := c.stats(ctx)
	if err != nil {
		c.log.WarnContext(ctx, "reading the outbox for metrics", "error", err.Error())
		return
	}
	ch <- prometheus.MustNewConstMetric(c.lag, prometheus.GaugeValue, lag.Seconds())
	ch <- prometheus.MustNewConstMetric(c.backlog, prometheus.GaugeValue, float64(backlog))
}
