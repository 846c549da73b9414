package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/platform/metrics"
)

// observe counts every task by type and result, with how long it took.
func observe(m *metrics.Metrics) asynq.MiddlewareFunc {
	return func(next asynq.Handler) asynq.Handler {
		return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
			start := time.Now()
			err := next.ProcessTask(ctx, t)
			result := metrics.JobOK
			switch {
			case errors.Is(err, asynq.SkipRetry):
				result = metrics.JobSkipped
			case err != nil:
				result = metrics.JobError
			}
			m.ObserveJob(t.Type(), result, time.Since(start))
			return err
		})
	}
}
