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

// Invitation is a row of invitations. Only the token's digest is stored.
type Invitation struct {
	ID         uuid.UUID
	OrgID      uuid.UUID
	Email      string
	Role       string
	TokenHash  string
	InvitedBy  uuid.UUID
	ExpiresAt  time.Time
	AcceptedAt *time.Time
	RevokedAt  *time.Time
	CreatedAt  time.Time
}

// CreateInvitation inserts an invitation.
func (s *Store) CreateInvitation(ctx context.Context, inv *Invitation) error {
	return translate(s.with(ctx).Create(inv).Error, "invitation")
}

// PendingInvitations lists an organisation's invitations that are neither accepted nor revoked.
func (s *Store) PendingInvitations(ctx context.Context, orgID uuid.UUID) ([]Invitation, error) {
	var invs []Invitation
	err := s.with(ctx).Where("org_id = ? AND accepted_at IS NULL AND revoked_at IS NULL", orgID).
		Order("created_at DESC").Find(&invs).Error
	return invs, translate(err, "invitations")
}

// RevokeInvitation revokes a pending invitation of the organisation.
func (s *Store) RevokeInvitation(ctx context.Context, orgID, id uuid.UUID) error {
	return mustAffect(s.with(ctx).Model(&Invitation{}).
		Where("id = ? AND org_id = ? AND accepted_at IS NULL AND revoked_at IS NULL", id, orgID).
		Update("revoked_at", time.Now().UTC()), "Invitation")
}

// RevokePendingInvitationsFor revokes the organisation's pending invitations to email, so it can be
// invited afresh.
func (s *Store) RevokePendingInvitationsFor(ctx context.Context, orgID uuid.UUID, email string) error {
	return translate(s.with(ctx).Model(&Invitation{}).
		Where("org_id = ? AND email = ? AND accepted_at IS NULL AND revoked_at IS NULL", orgID, email).
		Update("revoked_at", time.Now().UTC()).Error, "invitations")
}

// InvitationByDigest returns the pending, unexpired invitation with this token digest to an active
// organisation, locked for update when called inside Tx.
func (s *Store) InvitationByDigest(ctx context.Context, digest string) (Invitation, error) {
	var inv Invitation
	err := s.with(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).
		Take(&inv, "token_hash = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now() "+
			"AND org_id IN (SELECT id FROM organizations WHERE deactivated_at IS NULL)", digest).Error
	return inv, translate(err, "Invitation")
}

// MarkInvitationAccepted records that the invitation was used.
func (s *Store) MarkInvitationAccepted(ctx context.Context, id uuid.UUID) error {
	return mustAffect(s.with(ctx).Model(&Invitation{}).Where("id = ? AND accepted_at IS NULL", id).
		Update("accepted_at", time.Now().UTC()), "Invitation")
}

// PendingInvitationByID reads an invitation that can still be accepted; NotFound otherwise.
func (s *Store) PendingInvitationByID(ctx context.Context, id uuid.UUID) (Invitation, error) {
	var inv Invitation
	err := s.with(ctx).Take(&inv, "id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()", id).Error
	return inv, translate(err, "Invitation")
}

// SetInvitationToken makes digest the pending invitation's token, replacing any sent before;
// NotFound when it can no longer be accepted.
func (s *Store) SetInvitationToken(ctx context.Context, id uuid.UUID, digest string) error {
	return mustAffect(s.with(ctx).Model(&Invitation{}).
		Where("id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()", id).
		Update("token_hash", digest), "Invitation")
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
