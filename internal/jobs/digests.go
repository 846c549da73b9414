package jobs

import (
	"context"

	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/notify"
)

// TypeDailyDigest and TypeWeeklyDigest send each user on that digest one email listing the
// notifications it holds.
const (
	TypeDailyDigest  = "notify:digest_daily"
	TypeWeeklyDigest = "notify:digest_weekly"
)

// handleDigest is idempotent: a notification goes into one digest, and a digest is emailed once.
func handleDigest(n notify.Notifier, period notify.Delivery) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error { return n.SendDigests(ctx, period) }
}
