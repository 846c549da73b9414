package conflict

import (
	"context"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/store"
)

// CheckFirm runs one firm's check of a referral again inside the caller's transaction, as an
// attorney of the firm accepts it: a registry entry added since the last run must not slip
// through. Hits found before keep their clearances.
func (s *service) CheckFirm(ctx context.Context, tx *store.Store, referralID, firmID uuid.UUID) (Result, error) {
	c, err := s.check(ctx, tx, referralID, firmID, nil)
	return c.Result, err
}
