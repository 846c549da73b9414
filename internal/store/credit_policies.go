package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
)

// CreditPolicy is a row of credit_policies, with its numbers in whole units: the cap in tenths of
// an hour, the ratio in hundredths; and the name of who recorded it read alongside.
type CreditPolicy struct {
	ID                   uuid.UUID
	FirmID               uuid.UUID
	EffectiveFrom        time.Time
	FiscalYearStartMonth int
	CapTenths            *int64
	RatioPercent         int
	EligibleActivities   pq.StringArray `gorm:"type:text[]"`
	TrainingCounts       bool
	SupervisionCounts    bool
	MatterEligibility    string
	ChallengeMeasure     string
	CreatedBy            uuid.UUID
	CreatedByName        string
	CreatedAt            time.Time
}

// CreditPolicies returns the firms' policy versions, newest effective date first.
func (s *Store) CreditPolicies(ctx context.Context, firmIDs []uuid.UUID) ([]CreditPolicy, error) {
	var rows []CreditPolicy
	err := s.with(ctx).Raw(`
		SELECT p.id, p.firm_id, p.effective_from, p.fiscal_year_start_month, (p.annual_cap_hours * 10)::bigint AS cap_tenths,
		       (p.credit_ratio * 100)::int AS ratio_percent, p.eligible_activities, p.training_counts, p.supervision_counts,
		       p.matter_eligibility, p.challenge_measure, p.created_by, u.name AS created_by_name, p.created_at
		FROM credit_policies p JOIN users u ON u.id = p.created_by
		WHERE p.firm_id IN ?
		ORDER BY p.effective_from DESC, p.firm_id`, firmIDs).Scan(&rows).Error
	return rows, translate(err, "credit policies")
}

// InsertCreditPolicy records a policy version; Conflict when the firm has one from that date.
func (s *Store) InsertCreditPolicy(ctx context.Context, p CreditPolicy) error {
	activities := p.EligibleActivities
	if activities == nil {
		activities = pq.StringArray{}
	}
	return translate(s.with(ctx).Exec(`
		INSERT INTO credit_policies (id, firm_id, effective_from, fiscal_year_start_month, annual_cap_hours, credit_ratio,
		    eligible_activities, training_counts, supervision_counts, matter_eligibility, challenge_measure, created_by)
		VALUES (?, ?, ?, ?, ?::numeric / 10, ?::numeric / 100, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.FirmID, p.EffectiveFrom, p.FiscalYearStartMonth, p.CapTenths, p.RatioPercent, activities,
		p.TrainingCounts, p.SupervisionCounts, p.MatterEligibility, p.ChallengeMeasure, p.CreatedBy).Error, "credit policy")
}
