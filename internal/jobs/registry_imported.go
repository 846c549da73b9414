package jobs

import (
	"context"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/store"
)

// ImportRechecker re-checks a firm's open referrals after a registry import.
type ImportRechecker interface {
	RecheckImport(ctx context.Context, e conflict.RegistryImported) error
	FinishImport(ctx context.Context, tx *store.Store, e conflict.RegistryImported) error
}

// handleRegistryImported re-checks, one transaction each, the referrals the import left waiting
// (a redelivery finds fewer or none left), then marks the import done with its event.
func handleRegistryImported(db EventStore, imports ImportRechecker) asynq.HandlerFunc {
	return longEventHandler(db,
		func(ctx context.Context, _ uuid.UUID, e conflict.RegistryImported) error {
			return imports.RecheckImport(ctx, e)
		},
		func(ctx context.Context, tx *store.Store, _ uuid.UUID, e conflict.RegistryImported) error {
			return imports.FinishImport(ctx, tx, e)
		})
}
