package store

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"

	"github.com/probono-match/probono/internal/platform/problem"
)

// Matter is a row of matters: a referral an attorney accepted.
type Matter struct {
	ID             uuid.UUID
	ReferralID     uuid.UUID
	AttorneyID     uuid.UUID
	FirmID         uuid.UUID
	OfferID        uuid.UUID
	Status         string
	AttestedAt     time.Time
	StartedAt      time.Time
	InProgressAt   *time.Time
	EndedAt        *time.Time
	WithdrawReason *string
	WithdrawNote   *string
	// How a closed matter ended: its Legal Services Corporation closing category, whether the
	// client's goal was met, the hours its attorney reported, a note, and who closed it.
	Outcome      *string
	GoalMet      *bool
	ClosingHours *float64
	OutcomeNote  *string
	ClosedBy     *uuid.UUID
}

// MatterView is a matter with its attorney's and firm's names, its offer's mode and its
// referral's brief.
type MatterView struct {
	Matter
	AttorneyName string
	FirmName     string
	OfferMode    string
	ClosedByName *string
	ReferralBrief
}

const matterViewSelect = `SELECT m.*, u.name AS attorney_name, f.name AS firm_name, o.mode AS offer_mode, cb.name AS closed_by_name, ` + referralBriefColumns + `
	FROM matters m
	JOIN users u ON u.id = m.attorney_id
	LEFT JOIN users cb ON cb.id = m.closed_by
	JOIN organizations f ON f.id = m.firm_id
	JOIN offers o ON o.id = m.offer_id
	JOIN referrals r ON r.id = m.referral_id
	JOIN organizations ro ON ro.id = r.org_id`

// Matters lists the matters the filter selects, with their views.
func (s *Store) Matters(ctx context.Context, f ListFilter) ([]MatterView, error) {
	q, args := listQuery(matterViewSelect, "m", "started_at", f)
	var out []MatterView
	return out, translate(s.with(ctx).Raw(q, args...).Scan(&out).Error, "matters")
}

// HasActiveMatter reports whether an attorney holds the referral.
func (s *Store) HasActiveMatter(ctx context.Context, referralID uuid.UUID) (bool, error) {
	var active bool
	err := s.with(ctx).Raw(`SELECT EXISTS (SELECT 1 FROM matters WHERE referral_id = ? AND status = 'active')`, referralID).Scan(&active).Error
	return active, translate(err, "matters")
}

// MatterByID returns one matter with its view.
func (s *Store) MatterByID(ctx context.Context, id uuid.UUID) (MatterView, error) {
	var out []MatterView
	if err := s.with(ctx).Raw(matterViewSelect+" WHERE m.id = ?", id).Scan(&out).Error; err != nil {
		return MatterView{}, translate(err, "matter")
	}
	if len(out) == 0 {
		return MatterView{}, problem.New(problem.NotFound, "Matter not found.")
	}
	return out[0], nil
}

// LockMatter returns a matter, locked for update until the transaction ends; call it inside Tx.
func (s *Store) LockMatter(ctx context.Context, id uuid.UUID) (Matter, error) {
	var m Matter
	return m, translate(s.with(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Take(&m, "id = ?", id).Error, "Matter")
}

// ErrReferralTaken is returned by InsertMatter when the referral already has an active matter.
var ErrReferralTaken = errors.New("the referral already has an active matter")

// InsertMatter records a new matter; call it inside Tx. Of concurrent inserts for one referral,
// one wins (the partial unique index on active matters), and the others get ErrReferralTaken.
func (s *Store) InsertMatter(ctx context.Context, m Matter) error {
	err := s.with(ctx).Omit("StartedAt").Create(&m).Error
	if isUniqueViolation(err, "matters_active_referral_key") {
		return ErrReferralTaken
	}
	return translate(err, "matter")
}

// UpdateMatter writes the given columns of a matter; call it inside Tx after LockMatter.
func (s *Store) UpdateMatter(ctx context.Context, id uuid.UUID, changes map[string]any) error {
	return mustAffect(s.with(ctx).Model(&Matter{}).Where("id = ?", id).Updates(changes), "Matter")
}
