package jobs

import (
	"context"
	"strconv"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/store"
)

// ImportRechecker re-checks a firm's open referrals after a registry import.
type ImportRechecker interface {
	RecheckImport(ctx context.Context, e conflict.RegistryImported) error
	FinishImport(ctx context.Context, tx *store.Store, e conflict.RegistryImported) (conflict.FinishedImport, error)
}

// handleRegistryImported re-checks, one transaction each, the referrals the import left waiting
// (a redelivery finds fewer or none left), then marks the import done with its event and tells
// whoever imported.
func handleRegistryImported(db EventStore, imports ImportRechecker, n notify.Notifier) asynq.HandlerFunc {
	notifyDone := notifyOnEvent(db, n, func(ctx context.Context, tx *store.Store, eventID uuid.UUID, e conflict.RegistryImported) ([]notify.Event, error) {
		done, err := imports.FinishImport(ctx, tx, e)
		if err != nil || done.ImportedBy == nil {
			return nil, err
		}
		return []notify.Event{{ID: eventID, Type: notify.EventImportFinished, To: []uuid.UUID{*done.ImportedBy},
			Params: notify.Params{"import": e.ImportID.String(), "added": strconv.Itoa(done.Accepted), "rejected": strconv.Itoa(done.Rejected)}}}, nil
	})
	return func(ctx context.Context, t *asynq.Task) error {
		eventID, e, err := decodeEvent[conflict.RegistryImported](ctx, db, t)
		if err != nil {
			return err
		}
		if done, err := db.EventDone(ctx, eventID); err != nil || done {
			return err
		}
		if err := imports.RecheckImport(ctx, e); err != nil {
			return err
		}
		return notifyDone(ctx, t)
	}
}
