package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
)

// TypePurgeExpiredTokens deletes refresh tokens, password resets and invitations that expired a
// while ago; they can no longer be used and only keep email addresses around.
const TypePurgeExpiredTokens = "auth:purge_expired_tokens"

// purgeGrace keeps expired tokens for a day, so a "link expired" answer stays accurate for a while.
const purgeGrace = 24 * time.Hour

// TokenPurger is what the purge needs from the database.
type TokenPurger interface {
	PurgeExpiredTokens(ctx context.Context, cutoff time.Time) (int64, error)
}

// handlePurgeExpiredTokens is idempotent: a second run finds nothing more to delete.
func handlePurgeExpiredTokens(db TokenPurger, log *slog.Logger) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		n, err := db.PurgeExpiredTokens(ctx, time.Now().Add(-purgeGrace))
		if err != nil {
			return err
		}
		log.InfoContext(ctx, "purged expired tokens", "rows", n)
		return nil
	}
}
