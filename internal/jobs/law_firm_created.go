package jobs

import (
	"context"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/org"
	"github.com/probono-match/probono/internal/store"
)

// FirmChecker checks open referrals against a firm.
type FirmChecker interface {
	CheckOpenReferrals(ctx context.Context, tx *store.Store, firmID uuid.UUID) error
}

// handleLawFirmCreated checks every open referral against the new firm, in the transaction that
// marks the event done: running it twice finds the same results and records nothing new.
func handleLawFirmCreated(firms FirmChecker) func(context.Context, *store.Store, uuid.UUID, org.LawFirmCreated) error {
	return func(ctx context.Context, tx *store.Store, _ uuid.UUID, e org.LawFirmCreated) error {
		return firms.CheckOpenReferrals(ctx, tx, e.OrgID)
	}
}
