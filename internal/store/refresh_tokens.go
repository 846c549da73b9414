package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// RefreshToken is a row of refresh_tokens. Only the token's digest is stored.
type RefreshToken struct {
	ID        uuid.UUID
	UserID    uuid.UUID
	FamilyID  uuid.UUID
	TokenHash string
	// TokenGeneration is the user's token generation when the token was issued.
	TokenGeneration int
	ExpiresAt       time.Time
	UsedAt          *time.Time
	RevokedAt       *time.Time
	CreatedAt       time.Time
}

// CreateRefreshToken inserts a refresh token.
func (s *Store) CreateRefreshToken(ctx context.Context, t *RefreshToken) error {
	return translate(s.with(ctx).Create(t).Error, "refresh token")
}

// UseRefreshToken marks the token with this digest used and returns it, locking the row so that two
// concurrent refreshes with one token cannot both succeed. The returned row shows the state before
// this call: a non-nil UsedAt means it had been used already.
func (s *Store) UseRefreshToken(ctx context.Context, digest string) (RefreshToken, error) {
	var t RefreshToken
	err := s.with(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Take(&t, "token_hash = ?", digest).Error
	if err != nil {
		return t, translate(err, "Refresh token")
	}
	if t.UsedAt == nil {
		err = s.with(ctx).Model(&RefreshToken{}).Where("id = ?", t.ID).Update("used_at", time.Now().UTC()).Error
	}
	return t, translate(err, "refresh token")
}

// RevokeRefreshFamily revokes every token of one login.
func (s *Store) RevokeRefreshFamily(ctx context.Context, familyID uuid.UUID) error {
	return translate(s.with(ctx).Model(&RefreshToken{}).
		Where("family_id = ? AND revoked_at IS NULL", familyID).
		Update("revoked_at", time.Now().UTC()).Error, "refresh tokens")
}

// RevokeUserRefreshTokensExcept revokes every login of a user but the one of keepFamily (uuid.Nil
// keeps none).
func (s *Store) RevokeUserRefreshTokensExcept(ctx context.Context, userID, keepFamily uuid.UUID) error {
	return translate(s.with(ctx).Model(&RefreshToken{}).
		Where("user_id = ? AND family_id <> ? AND revoked_at IS NULL", userID, keepFamily).
		Update("revoked_at", time.Now().UTC()).Error, "refresh tokens")
}

// EndUserSessions voids every token the user holds: it revokes their refresh tokens and bumps their
// token generation, so access tokens already issued stop working too, even once the user is active
// again.
func (s *Store) EndUserSessions(ctx context.Context, userID uuid.UUID) error {
	err := mustAffect(s.with(ctx).Model(&User{}).Where("id = ?", userID).
		Update("token_generation", gorm.Expr("token_generation + 1")), "User")
	if err != nil {
		return err
	}
	return s.RevokeUserRefreshTokensExcept(ctx, userID, uuid.Nil)
}

// EndOrganizationSessions ends the sessions of every member of an organisation as EndUserSessions
// does, so that reactivating the organisation later brings none of them back.
func (s *Store) EndOrganizationSessions(ctx context.Context, orgID uuid.UUID) error {
	members := s.with(ctx).Model(&Membership{}).Select("user_id").Where("org_id = ?", orgID)
	err := s.with(ctx).Model(&User{}).Where("id IN (?)", members).
		Update("token_generation", gorm.Expr("token_generation + 1")).Error
	if err != nil {
		return translate(err, "users")
	}
	return translate(s.with(ctx).Model(&RefreshToken{}).
		Where("user_id IN (?) AND revoked_at IS NULL", members).
		Update("revoked_at", time.Now().UTC()).Error, "refresh tokens")
}
