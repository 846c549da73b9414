package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
	"gorm.io/gorm"

	"github.com/probono-match/probono/internal/platform/problem"
)

// ConflictInquiry is a row of conflict_inquiries: a coordinator's question to the referring
// organisation about a hit on the referral's client, and its answer. The names are read with it.
type ConflictInquiry struct {
	ID             uuid.UUID
	ReferralID     uuid.UUID
	FirmID         uuid.UUID
	HitID          uuid.UUID
	Question       string
	EntryName      string
	EntryKind      string
	EntryAliases   pq.StringArray `gorm:"type:text[]"`
	AskedBy        uuid.UUID
	AskedAt        time.Time
	Answer         *string
	AnsweredBy     *uuid.UUID
	AnsweredAt     *time.Time
	FirmName       string `gorm:"->;-:migration"`
	AskedByName    string `gorm:"->;-:migration"`
	AnsweredByName string `gorm:"->;-:migration"`
}

// AddConflictInquiry records a question. Returns Conflict when its hit already has one waiting.
func (s *Store) AddConflictInquiry(ctx context.Context, q ConflictInquiry) error {
	err := translate(s.with(ctx).Omit("AskedAt").Create(&q).Error, "conflict inquiry")
	if problem.Is(err, problem.Conflict) {
		return problem.New(problem.Conflict, "A question about this hit is already waiting for an answer.")
	}
	return err
}

// conflictInquiries selects questions with the names of the firm and the people.
func (s *Store) conflictInquiries(ctx context.Context) *gorm.DB {
	return s.with(ctx).Table("conflict_inquiries i").
		Select("i.*, o.name AS firm_name, a.name AS asked_by_name, COALESCE(b.name, '') AS answered_by_name").
		Joins("JOIN organizations o ON o.id = i.firm_id JOIN users a ON a.id = i.asked_by LEFT JOIN users b ON b.id = i.answered_by").
		Order("i.asked_at, i.id")
}

// ConflictInquiryByID returns one question about a referral.
func (s *Store) ConflictInquiryByID(ctx context.Context, referralID, id uuid.UUID) (ConflictInquiry, error) {
	var q ConflictInquiry
	err := s.conflictInquiries(ctx).Where("i.referral_id = ? AND i.id = ?", referralID, id).Take(&q).Error
	return q, translate(err, "Question")
}

// ConflictInquiriesOfHits returns the questions about the given hits, oldest first.
func (s *Store) ConflictInquiriesOfHits(ctx context.Context, hitIDs []uuid.UUID) ([]ConflictInquiry, error) {
	var qs []ConflictInquiry
	if len(hitIDs) == 0 {
		return qs, nil
	}
	err := s.conflictInquiries(ctx).Where("i.hit_id IN ?", hitIDs).Find(&qs).Error
	return qs, translate(err, "conflict inquiries")
}

// ConflictInquiriesOfReferral returns the questions about a referral whose hits the checks still
// have, oldest first.
func (s *Store) ConflictInquiriesOfReferral(ctx context.Context, referralID uuid.UUID) ([]ConflictInquiry, error) {
	var qs []ConflictInquiry
	err := s.conflictInquiries(ctx).Where("i.referral_id = ?", referralID).
		Where("EXISTS (SELECT 1 FROM conflict_hits h JOIN conflict_checks c ON c.id = h.check_id WHERE h.id = i.hit_id AND c.referral_id = i.referral_id)").
		Find(&qs).Error
	return qs, translate(err, "conflict inquiries")
}

// ConflictHitExists reports whether a referral's checks still have the hit.
func (s *Store) ConflictHitExists(ctx context.Context, referralID, hitID uuid.UUID) (bool, error) {
	var n int64
	err := s.with(ctx).Table("conflict_hits h").Joins("JOIN conflict_checks c ON c.id = h.check_id").
		Where("h.id = ? AND c.referral_id = ?", hitID, referralID).Count(&n).Error
	return n > 0, translate(err, "conflict hits")
}

// AnswerConflictInquiry records the answer to a question not yet answered, with who and when.
// Returns Conflict when it was answered already, as by someone else a moment before.
func (s *Store) AnswerConflictInquiry(ctx context.Context, id uuid.UUID, answer string, by uuid.UUID, at time.Time) error {
	res := s.with(ctx).Model(&ConflictInquiry{}).Where("id = ? AND answered_at IS NULL", id).
		Updates(map[string]any{"answer": answer, "answered_by": by, "answered_at": at})
	if res.Error != nil {
		return translate(res.Error, "conflict inquiry")
	}
	if res.RowsAffected == 0 {
		return problem.New(problem.Conflict, "This question has already been answered.")
	}
	return nil
}
