package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
)

// Partnership is a row of partnerships, with its sides' names read alongside.
type Partnership struct {
	ID            uuid.UUID
	FirmID        uuid.UUID
	ReferrerID    uuid.UUID
	PracticeAreas pq.StringArray `gorm:"type:text[]"`
	PledgedHours  int
	StartsOn      time.Time
	EndsOn        *time.Time
	ContactName   string
	ContactEmail  string
	Notes         string
	CreatedBy     uuid.UUID
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Version       int
	FirmName      string `gorm:"->;-:migration"`
	ReferrerName  string `gorm:"->;-:migration"`
	// DeliveredMinutes are the approved minutes of the firm's attorneys on the referrer's matters
	// in the partnership's practice areas (a top-level area covers its sub-areas), in the months
	// its dates meet: hours_monthly is by month, so a partnership's first and last months count whole.
	DeliveredMinutes int64 `gorm:"->;-:migration"`
}

// PartnershipFilter selects partnerships. Member limits them to one organisation's (either side);
// AfterCreated and AfterID, when set, are the last row of the previous page, newest first.
type PartnershipFilter struct {
	Member, FirmID, ReferrerID *uuid.UUID
	AfterCreated               *time.Time
	AfterID                    uuid.UUID
	Limit                      int
}

// deliveredMinutes sums a partnership's delivered minutes (see Partnership.DeliveredMinutes) from
// the roll-up, on its index by referrer and month.
const deliveredMinutes = `SELECT coalesce(sum(h.minutes), 0) FROM hours_monthly h
	WHERE h.referrer_id = partnerships.referrer_id AND h.firm_id = partnerships.firm_id
	AND h.month >= date_trunc('month', partnerships.starts_on)
	AND (partnerships.ends_on IS NULL OR h.month <= partnerships.ends_on)
	AND (cardinality(partnerships.practice_areas) = 0 OR h.practice_area = ANY (partnerships.practice_areas)
		OR split_part(h.practice_area, '.', 1) = ANY (partnerships.practice_areas))`

func (s *Store) partnerships(ctx context.Context) *gormDB {
	return s.with(ctx).Table("partnerships").
		Select("partnerships.*, firm.name AS firm_name, referrer.name AS referrer_name, (" + deliveredMinutes + ") AS delivered_minutes").
		Joins("JOIN organizations firm ON firm.id = partnerships.firm_id").
		Joins("JOIN organizations referrer ON referrer.id = partnerships.referrer_id")
}

// PartnershipByID returns one partnership.
func (s *Store) PartnershipByID(ctx context.Context, id uuid.UUID) (Partnership, error) {
	var r Partnership
	return r, translate(s.partnerships(ctx).Where("partnerships.id = ?", id).Take(&r).Error, "Partnership")
}

// LockPartnership returns a partnership locked for update until the transaction ends; call it
// inside Tx.
func (s *Store) LockPartnership(ctx context.Context, id uuid.UUID) (Partnership, error) {
	var r Partnership
	err := s.partnerships(ctx).Where("partnerships.id = ?", id).Clauses(lockForUpdateOf("partnerships")).Take(&r).Error
	return r, translate(err, "Partnership")
}

// ListPartnerships returns one page of partnerships, newest first.
func (s *Store) ListPartnerships(ctx context.Context, f PartnershipFilter) ([]Partnership, error) {
	q := s.partnerships(ctx)
	if f.Member != nil {
		q = q.Where("(partnerships.firm_id = ? OR partnerships.referrer_id = ?)", *f.Member, *f.Member)
	}
	if f.FirmID != nil {
		q = q.Where("partnerships.firm_id = ?", *f.FirmID)
	}
	if f.ReferrerID != nil {
		q = q.Where("partnerships.referrer_id = ?", *f.ReferrerID)
	}
	if f.AfterCreated != nil {
		q = q.Where("(partnerships.created_at, partnerships.id) < (?, ?)", *f.AfterCreated, f.AfterID)
	}
	var rows []Partnership
	err := q.Order("partnerships.created_at DESC, partnerships.id DESC").Limit(f.Limit).Find(&rows).Error
	return rows, translate(err, "partnerships")
}

// ActivePartnerships returns a referring organisation's partnerships whose dates include day, by firm.
func (s *Store) ActivePartnerships(ctx context.Context, referrerID uuid.UUID, day time.Time) ([]Partnership, error) {
	return s.activePartnerships(ctx, "partnerships.referrer_id", referrerID, "partnerships.firm_id", day)
}

// ActivePartnershipsOfFirm returns a law firm's partnerships whose dates include day, by referrer.
func (s *Store) ActivePartnershipsOfFirm(ctx context.Context, firmID uuid.UUID, day time.Time) ([]Partnership, error) {
	return s.activePartnerships(ctx, "partnerships.firm_id", firmID, "partnerships.referrer_id", day)
}

// activePartnerships returns the partnerships whose side column is id and whose dates include
// day, ordered by the other side's column.
func (s *Store) activePartnerships(ctx context.Context, side string, id uuid.UUID, other string, day time.Time) ([]Partnership, error) {
	var rows []Partnership
	err := s.partnerships(ctx).
		Where(side+" = ? AND partnerships.starts_on <= ? AND (partnerships.ends_on IS NULL OR partnerships.ends_on >= ?)", id, day, day).
		Order(other).Find(&rows).Error
	return rows, translate(err, "partnerships")
}

// LockPartnershipPair serialises writes of one firm and referrer's partnerships until the
// transaction ends; call it inside Tx.
func (s *Store) LockPartnershipPair(ctx context.Context, firmID, referrerID uuid.UUID) error {
	key := "partnership|" + firmID.String() + "|" + referrerID.String()
	return translate(s.with(ctx).Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", key).Error, "partnership")
}

// PartnershipOverlaps reports whether the pair has a partnership other than except whose dates meet
// [startsOn, endsOn] (endsOn nil: open-ended).
func (s *Store) PartnershipOverlaps(ctx context.Context, firmID, referrerID uuid.UUID, startsOn time.Time, endsOn *time.Time, except uuid.UUID) (bool, error) {
	var found bool
	err := s.with(ctx).Raw(`SELECT EXISTS (SELECT 1 FROM partnerships
		WHERE firm_id = ? AND referrer_id = ? AND id <> ?
		AND daterange(starts_on, ends_on, '[]') && daterange(?::date, ?::date, '[]'))`,
		firmID, referrerID, except, startsOn, endsOn).Scan(&found).Error
	return found, translate(err, "partnerships")
}

// OrganizationKinds returns the kind of each of the given organisations that exists.
func (s *Store) OrganizationKinds(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]string, error) {
	var orgs []Organization
	if err := s.with(ctx).Select("id", "kind").Where("id IN ?", ids).Find(&orgs).Error; err != nil {
		return nil, translate(err, "organizations")
	}
	out := make(map[uuid.UUID]string, len(orgs))
	for _, o := range orgs {
		out[o.ID] = o.Kind
	}
	return out, nil
}

// SavePartnership inserts a partnership (CreatedAt zero) or replaces it; call it inside Tx.
func (s *Store) SavePartnership(ctx context.Context, r *Partnership) error {
	r.UpdatedAt = time.Now().UTC()
	if r.PracticeAreas == nil {
		r.PracticeAreas = pq.StringArray{}
	}
	db := s.with(ctx).Omit("FirmName", "ReferrerName", "DeliveredMinutes")
	if r.CreatedAt.IsZero() {
		r.CreatedAt = r.UpdatedAt
		return translate(db.Create(r).Error, "partnership")
	}
	return translate(db.Save(r).Error, "partnership")
}

// DeletePartnership removes a partnership; call it inside Tx.
func (s *Store) DeletePartnership(ctx context.Context, id uuid.UUID) error {
	return mustAffect(s.with(ctx).Where("id = ?", id).Delete(&Partnership{}), "Partnership")
}
