package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
)

// TypePurgeDoneEvents deletes outbox events handled more than a week ago: they are kept that long
// to tell what happened, and no longer.
const TypePurgeDoneEvents = "outbox:purge_done"

const doneEventRetention = 7 * 24 * time.Hour

// EventPurger is what the purge needs from the database.
type EventPurger interface {
	PurgeDoneEvents(ctx context.Context, cutoff time.Time) (int64, error)
}

// handlePurgeDoneEvents is idempotent: a second run finds nothing more to delete.
func handlePurgeDoneEvents(db EventPurger, log *slog.Logger) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		n, err := db.PurgeDoneEvents(ctx, time.Now().Add(-doneEventRetention))
		if err != nil {
			return err
		}
		log.InfoContext(ctx, "purged done outbox events", "rows", n)
		return nil
	}
}
