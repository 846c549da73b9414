package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"
)

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
