package metrics_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/platform/metrics"
)

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	out, err := io.ReadAll(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestWatchOutbox_ReportsLagAndBacklogAtEachScrape(t *testing.T) {
	m := metrics.New()
	lag, backlog := 90*time.Second, int64(7)
	m.WatchOutbox(func(context.Context) (int64, time.Duration, error) { return backlog, lag, nil }, slog.New(slog.DiscardHandler))

	out := scrape(t, m)
	for _, want := range []string{"probono_outbox_lag_seconds 90", "probono_outbox_backlog 7"} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	lag, backlog = 0, 0
	if out := scrape(t, m); !strings.Contains(out, "probono_outbox_backlog 0") {
		t.Errorf("the backlog is not read again at the next scrape:\n%s", out)
	}
}

func TestWatchOutbox_LeavesTheGaugesOutWhenTheOutboxCannotBeRead(t *testing.T) {
	m := metrics.New()
	m.WatchOutbox(func(context.Context) (int64, time.Duration, error) { return 0, 0, errors.New("database unavailable") }, slog.New(slog.DiscardHandler))
	out := scrape(t, m)
	if strings.Contains(out, "probono_outbox_") {
		t.Errorf("a failed read is reported as values:\n%s", out)
	}
	if !strings.Contains(out, "go_goroutines") {
		t.Errorf("a failed outbox read takes the other metrics with it:\n%s", out)
	}
}
