package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm/clause"

	"github.com/probono-match/probono/internal/platform/problem"
)

// Offer is a row of offers: one attorney asked to take one referral.
type Offer struct {
	ID            uuid.UUID
	ReferralID    uuid.UUID
	AttorneyID    uuid.UUID
	FirmID        uuid.UUID
	Mode          string
	Status        string
	Score         *float64
	Rank          *int
	OfferedBy     *uuid.UUID
	CreatedAt     time.Time
	ExpiresAt     *time.Time
	ViewedAt      *time.Time
	RespondedAt   *time.Time
	RemindedAt    *time.Time
	DeclineReason *string
	DeclineNote   *string
}

// ReferralBrief is what offers and matters show of their referral: nothing of the client.
type ReferralBrief struct {
	ReferralOrgID     uuid.UUID
	ReferralOrgName   string
	ReferralStatus    string
	PracticeArea      string
	Jurisdiction      string
	Language          *string
	Urgency           string
	Deadline          *time.Time
	EstimatedHours    *int
	Summary           string
	RemoteAllowed     bool
	LimitedScope      bool
	ReferralCreatedAt time.Time
}

// OfferView is an offer with its attorney's and firm's names and its referral's brief.
type OfferView struct {
	Offer
	AttorneyName string
	FirmName     string
	ReferralBrief
}

// referralBriefColumns are ReferralBrief's columns, from referrals r and their organisation ro.
const referralBriefColumns = `r.org_id AS referral_org_id, ro.name AS referral_org_name, r.status AS referral_status,
	r.practice_area, r.jurisdiction, r.language, r.urgency, r.deadline, r.estimated_hours, r.summary,
	r.remote_allowed, r.limited_scope, r.created_at AS referral_created_at`

const offerViewSelect = `SELECT o.*, u.name AS attorney_name, f.name AS firm_name, ` + referralBriefColumns + `
	FROM offers o
	JOIN users u ON u.id = o.attorney_id
	JOIN organizations f ON f.id = o.firm_id
	JOIN referrals r ON r.id = o.referral_id
	JOIN organizations ro ON ro.id = r.org_id`

// Scope selects the offers or matters of one attorney, one firm, or the referrals of one referring
// organisation; the zero value of a field does not select.
type Scope struct {
	AttorneyID, FirmID, ReferrerOrgID uuid.UUID
}

// where appends the scope's conditions on table t (offers o or matters m, joined with referrals r).
func (sc Scope) where(t string, conds []string, args []any) ([]string, []any) {
	for _, c := range []struct {
		col string
		v   uuid.UUID
	}{{t + ".attorney_id", sc.AttorneyID}, {t + ".firm_id", sc.FirmID}, {"r.org_id", sc.ReferrerOrgID}} {
		if c.v != uuid.Nil {
			conds, args = append(conds, c.col+" = ?"), append(args, c.v)
		}
	}
	return conds, args
}

// ListFilter selects a scope's offers or matters, newest first: of one status ("" all) and one
// referral (Nil all), after a position of the previous page, at most Limit.
type ListFilter struct {
	Scope
	Status     string
	ReferralID uuid.UUID
	After      *Position
	Limit      int
}

// Position is a row's place in a list read newest first: its time, then its id.
type Position struct {
	At time.Time
	ID uuid.UUID
}

// listQuery reads the views of the filter's rows of table t (with its referral r), newest by
// column first.
func listQuery(selectFrom, t, newest string, f ListFilter) (string, []any) {
	conds, args := f.Scope.where(t, []string{"true"}, nil)
	if f.Status != "" {
		conds, args = append(conds, t+".status = ?"), append(args, f.Status)
	}
	if f.ReferralID != uuid.Nil {
		conds, args = append(conds, t+".referral_id = ?"), append(args, f.ReferralID)
	}
	if f.After != nil {
		conds, args = append(conds, "("+t+"."+newest+", "+t+".id) < (?, ?)"), append(args, f.After.At, f.After.ID)
	}
	return selectFrom + " WHERE " + strings.Join(conds, " AND ") + " ORDER BY " + t + "." + newest + " DESC, " + t + ".id DESC LIMIT ?", append(args, f.Limit)
}

// Offers lists the offers the filter selects, with their views.
func (s *Store) Offers(ctx context.Context, f ListFilter) ([]OfferView, error) {
	q, args := listQuery(offerViewSelect, "o", "created_at", f)
	var out []OfferView
	return out, translate(s.with(ctx).Raw(q, args...).Scan(&out).Error, "offers")
}

// OfferByID returns one offer with its view.
func (s *Store) OfferByID(ctx context.Context, id uuid.UUID) (OfferView, error) {
	var out []OfferView
	if err := s.with(ctx).Raw(offerViewSelect+" WHERE o.id = ?", id).Scan(&out).Error; err != nil {
		return OfferView{}, translate(err, "offer")
	}
	if len(out) == 0 {
		return OfferView{}, problem.New(problem.NotFound, "Offer not found.")
	}
	return out[0], nil
}

// LockOffer returns an offer, locked for update until the transaction ends; call it inside Tx.
func (s *Store) LockOffer(ctx context.Context, id uuid.UUID) (Offer, error) {
	var o Offer
	return o, translate(s.with(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Take(&o, "id = ?", id).Error, "Offer")
}

// ErrOfferPending is returned by InsertOffers when an attorney already has a pending offer of the
// referral.
var ErrOfferPending = problem.New(problem.Conflict, "An attorney named already has a pending offer of this referral.")

// InsertOffers records new offers; call it inside Tx.
func (s *Store) InsertOffers(ctx context.Context, offers []Offer) error {
	if len(offers) == 0 {
		return nil
	}
	err := s.with(ctx).Omit("CreatedAt").Create(&offers).Error
	if isUniqueViolation(err, "offers_pending_key") {
		return ErrOfferPending
	}
	return translate(err, "offers")
}

// UpdateOffer writes the given columns of an offer; call it inside Tx after LockOffer.
func (s *Store) UpdateOffer(ctx context.Context, id uuid.UUID, changes map[string]any) error {
	return mustAffect(s.with(ctx).Model(&Offer{}).Where("id = ?", id).Updates(changes), "Offer")
}

// CloseOtherOffers closes every pending offer of the referral but one, and returns whom they were
// made to; call it inside Tx.
func (s *Store) CloseOtherOffers(ctx context.Context, referralID, except uuid.UUID, at time.Time) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := s.with(ctx).Raw(`UPDATE offers SET status = 'closed', responded_at = ?
		WHERE referral_id = ? AND status = 'pending' AND id <> ? RETURNING attorney_id`, at, referralID, except).Scan(&ids).Error
	return ids, translate(err, "offers")
}

// PendingOffers counts a referral's pending offers.
func (s *Store) PendingOffers(ctx context.Context, referralID uuid.UUID) (int64, error) {
	var n int64
	err := s.with(ctx).Model(&Offer{}).Where("referral_id = ? AND status = 'pending'", referralID).Count(&n).Error
	return n, translate(err, "offers")
}

// OfferedAttorneys lists everyone who was ever offered the referral, in any mode.
func (s *Store) OfferedAttorneys(ctx context.Context, referralID uuid.UUID) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := s.with(ctx).Model(&Offer{}).Distinct("attorney_id").Where("referral_id = ?", referralID).Pluck("attorney_id", &ids).Error
	return ids, translate(err, "offers")
}

// DueOffers lists up to limit pending offers whose expiry has passed, soonest due first.
func (s *Store) DueOffers(ctx context.Context, now time.Time, limit int) ([]Offer, error) {
	var out []Offer
	err := s.with(ctx).Where("status = 'pending' AND expires_at <= ?", now).Order("expires_at, id").Limit(limit).Find(&out).Error
	return out, translate(err, "offers")
}

// LockPendingOffer locks an offer that is still pending, unless another transaction holds it;
// found is false then, and when it is no longer pending. Call it inside Tx.
func (s *Store) LockPendingOffer(ctx context.Context, id uuid.UUID) (o Offer, found bool, err error) {
	var out []Offer
	err = s.with(ctx).Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).
		Where("id = ? AND status = 'pending'", id).Find(&out).Error
	if err != nil || len(out) == 0 {
		return o, false, translate(err, "offer")
	}
	return out[0], true, nil
}

// LockExpiringOffers returns up to limit pending offers expiring before the time given whose
// reminder has not gone out, locked, skipping those another transaction holds; call it inside Tx.
func (s *Store) LockExpiringOffers(ctx context.Context, now, before time.Time, limit int) ([]Offer, error) {
	var out []Offer
	err := s.with(ctx).Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).
		Where("status = 'pending' AND reminded_at IS NULL AND expires_at > ? AND expires_at <= ?", now, before).
		Order("expires_at, id").Limit(limit).Find(&out).Error
	return out, translate(err, "offers")
}

// isUniqueViolation reports whether err is a violation of the named unique index.
func isUniqueViolation(err error, index string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == index
}
