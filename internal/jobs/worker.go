package jobs

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/platform/metrics"
)

// Deps are what the task handlers need.
type Deps struct {
	Tokens TokenPurger
	Log    *slog.Logger
	// Metrics, when set, count every task by type and result.
	Metrics *metrics.Metrics
}

// Run processes tasks and enqueues the periodic ones until ctx is cancelled; then it stops taking
// new tasks and waits for running ones to finish.
func Run(ctx context.Context, redis asynq.RedisConnOpt, deps Deps) error {
	mux := asynq.NewServeMux()
	if deps.Metrics != nil {
		mux.Use(observe(deps.Metrics))
	}
	mux.Handle(TypePurgeExpiredTokens, handlePurgeExpiredTokens(deps.Tokens, deps.Log))

	srv := asynq.NewServer(redis, asynq.Config{
		Concurrency: 4,
		Logger:      slogAdapter{deps.Log},
		ErrorHandler: asynq.ErrorHandlerFunc(func(ctx context.Context, t *asynq.Task, err error) {
			deps.Log.ErrorContext(ctx, "task failed", "type", t.Type(), "error", err.Error())
		}),
	})
	scheduler := asynq.NewScheduler(redis, &asynq.SchedulerOpts{Logger: slogAdapter{deps.Log}})
	if _, err := scheduler.Register("@hourly", NewPurgeExpiredTokensTask()); err != nil {
		return fmt.Errorf("scheduling token purge: %w", err)
	}
	if err := srv.Start(mux); err != nil {
		return fmt.Errorf("starting worker: %w", err)
	}
	if err := scheduler.Start(); err != nil {
		srv.Shutdown()
		return fmt.Errorf("starting scheduler: %w", err)
	}
	deps.Log.Info("worker started")
	<-ctx.Done()
	scheduler.Shutdown()
	srv.Shutdown() // waits for running tasks, up to asynq's shutdown timeout
	deps.Log.Info("worker stopped")
	return nil
}

// slogAdapter lets asynq log through slog.
type slogAdapter struct{ log *slog.Logger }

func (a slogAdapter) Debug(args ...any) { a.log.Debug(fmt.Sprint(args...)) }
func (a slogAdapter) Info(args ...any)  { a.log.Info(fmt.Sprint(args...)) }
func (a slogAdapter) Warn(args ...any)  { a.log.Warn(fmt.Sprint(args...)) }
func (a slogAdapter) Error(args ...any) { a.log.Error(fmt.Sprint(args...)) }
func (a slogAdapter) Fatal(args ...any) { a.log.Error(fmt.Sprint(args...)) }
