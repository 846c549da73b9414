package jobs

import (
	"context"
	"log/slog"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"
)

// TypeOfferExpiry expires the offers whose time ran out and reminds attorneys of those expiring
// within a day.
const TypeOfferExpiry = "offer:expiry"

// OfferService is what the offer jobs need of the offer service.
type OfferService interface {
	Advance(ctx context.Context, referralID uuid.UUID) error
	ExpireDue(ctx context.Context) (int, error)
	RemindExpiring(ctx context.Context) (int, error)
}

// handleOfferExpiry is idempotent: an offer expires once, and its reminder is sent once, however
// often the job runs.
func handleOfferExpiry(offers OfferService, log *slog.Logger) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		expired, err := offers.ExpireDue(ctx)
		if err != nil {
			return err
		}
		reminded, err := offers.RemindExpiring(ctx)
		if err != nil {
			return err
		}
		log.InfoContext(ctx, "offer expiry", "expired", expired, "reminded", reminded)
		return nil
	}
}
