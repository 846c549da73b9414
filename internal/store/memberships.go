package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Membership is a row of memberships: the user's organisation and role.
type Membership struct {
	UserID    uuid.UUID `gorm:"primaryKey"`
	OrgID     uuid.UUID
	Role      string
	CreatedAt time.Time
}

// UpdateRole changes a member's role within their organisation.
func (s *Store) UpdateRole(ctx context.Context, orgID, userID uuid.UUID, role string) error {
	return mustAffect(s.with(ctx).Model(&Membership{}).
		Where("user_id = ? AND org_id = ?", userID, orgID).Update("role", role), "Member")
}

// CountActiveRole counts the active members of an organisation holding role.
func (s *Store) CountActiveRole(ctx context.Context, orgID uuid.UUID, role string) (int64, error) {
	var n int64
	err := s.with(ctx).Table("memberships m").Joins("JOIN users u ON u.id = m.user_id").
		Where("m.org_id = ? AND m.role = ? AND u.active", orgID, role).Count(&n).Error
	return n, translate(err, "members")
}

// ActiveMembers lists the active users holding one of roles in the organisations, leaving out
// organisations that are deactivated.
func (s *Store) ActiveMembers(ctx context.Context, orgIDs []uuid.UUID, roles []string) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	var id uuid.UUID
	err := s.scanRows(ctx, `SELECT u.id FROM memberships m
		JOIN users u ON u.id = m.user_id JOIN organizations o ON o.id = m.org_id
		WHERE m.org_id = ANY($1) AND m.role = ANY($2) AND u.active AND o.deactivated_at IS NULL ORDER BY u.id`,
		[]any{uuidArray(orgIDs), roles}, []any{uuidDest{&id}}, func() { ids = append(ids, id) })
	return ids, translate(err, "members")
}

// FirmAttorney is an attorney member of a law firm, with their annual goal (0 without a profile).
type FirmAttorney struct {
	ID, FirmID      uuid.UUID
	Name            string
	AnnualGoalHours int
}

const firmAttorneySelect = `
	SELECT u.id, m.org_id AS firm_id, u.name, coalesce(p.annual_goal_hours, 0) AS annual_goal_hours
	FROM memberships m
	JOIN users u ON u.id = m.user_id
	JOIN organizations o ON o.id = m.org_id AND o.kind = 'law_firm'
	LEFT JOIN attorney_profiles p ON p.user_id = m.user_id
	WHERE m.role = 'attorney'`

// FirmAttorneyByID returns an attorney member of a law firm; NotFound for anyone else.
func (s *Store) FirmAttorneyByID(ctx context.Context, id uuid.UUID) (FirmAttorney, error) {
	var a FirmAttorney
	return a, translate(s.with(ctx).Raw(firmAttorneySelect+" AND m.user_id = ?", id).Take(&a).Error, "Attorney")
}

// FirmAttorneys returns a firm's attorneys, by name.
func (s *Store) FirmAttorneys(ctx context.Context, firmID uuid.UUID) ([]FirmAttorney, error) {
	var rows []FirmAttorney
	err := s.with(ctx).Raw(firmAttorneySelect+" AND m.org_id = ? ORDER BY u.name, u.id", firmID).Scan(&rows).Error
	return rows, translate(err, "attorneys")
}
