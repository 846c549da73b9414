package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"
)

// PasswordReset is a row of password_resets. Only the token's digest is stored.
type PasswordReset struct {
	ID        uuid.UUID
	UserID    uuid.UUID
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

// CreatePasswordReset inserts a reset token.
func (s *Store) CreatePasswordReset(ctx context.Context, r *PasswordReset) error {
	return translate(s.with(ctx).Create(r).Error, "password reset")
}

// ConsumePasswordReset marks the unexpired, unused reset token with this digest used and returns its
// user. It answers NotFound when there is no such token.
func (s *Store) ConsumePasswordReset(ctx context.Context, digest string) (uuid.UUID, error) {
	var r PasswordReset
	res := s.with(ctx).Model(&r).Clauses(clause.Returning{}).
		Where("token_hash = ? AND used_at IS NULL AND expires_at > now()", digest).
		Update("used_at", time.Now().UTC())
	return r.UserID, mustAffect(res, "Password reset")
}

// UnusedPasswordResetByID reads a password reset that can still be used; NotFound otherwise.
func (s *Store) UnusedPasswordResetByID(ctx context.Context, id uuid.UUID) (PasswordReset, error) {
	var r PasswordReset
	err := s.with(ctx).Take(&r, "id = ? AND used_at IS NULL AND expires_at > now()", id).Error
	return r, translate(err, "Password reset")
}

// SetPasswordResetToken makes digest the unused reset's token, replacing any sent before;
// NotFound when it can no longer be used.
func (s *Store) SetPasswordResetToken(ctx context.Context, id uuid.UUID, digest string) error {
	return mustAffect(s.with(ctx).Model(&PasswordReset{}).
		Where("id = ? AND used_at IS NULL AND expires_at > now()", id).
		Update("token_hash", digest), "Password reset")
}
