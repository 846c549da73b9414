package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// PurgeExpiredTokens deletes refresh tokens, password resets and invitations that expired before cutoff.
func (s *Store) PurgeExpiredTokens(ctx context.Context, cutoff time.Time) (int64, error) {
	var total int64
	err := s.Tx(ctx, func(tx *Store) error {
		for _, q := range []*gorm.DB{
			tx.with(ctx).Where("expires_at < ?", cutoff).Delete(&RefreshToken{}),
			tx.with(ctx).Where("expires_at < ?", cutoff).Delete(&PasswordReset{}),
			tx.with(ctx).Where("expires_at < ? AND accepted_at IS NULL", cutoff).Delete(&Invitation{}),
		} {
			if q.Error != nil {
				return translate(q.Error, "expired tokens")
			}
			total += q.RowsAffected
		}
		return nil
	})
	return total, err
}
