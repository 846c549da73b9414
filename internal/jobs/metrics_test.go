package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/platform/metrics"
)

func TestObserve_CountsTasksByTypeAndResult(t *testing.T) {
	m := metrics.New()
	results := map[string]error{
		"test:ok":      nil,
		"test:failed":  errors.New("database unavailable"),
		"test:garbled": fmt.Errorf("decoding the payload: %w", asynq.SkipRetry),
	}
	for taskType, want := range results {
		h := observe(m)(asynq.HandlerFunc(func(context.Context, *asynq.Task) error { return want }))
		if err := h.ProcessTask(context.Background(), asynq.NewTask(taskType, nil)); !errors.Is(err, want) {
			t.Errorf("%s: error %v, want the handler's %v", taskType, err, want)
		}
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	out, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`probono_jobs_total{result="ok",type="test:ok"} 1`,
		`probono_jobs_total{result="error",type="test:failed"} 1`,
		`probono_jobs_total{result="skipped",type="test:garbled"} 1`,
		`probono_job_duration_seconds_count{type="test:ok"} 1`,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
