package app

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/outcome"
	"github.com/probono-match/probono/internal/platform/crypto"
	"github.com/probono-match/probono/internal/platform/ratelimit"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// newOutcomes builds the outcome service on the store, with ports to the matters the offer domain
// owns and to the referral's placement, both working in the outcome service's transactions.
func newOutcomes(db *store.Store, placement *referral.Placement, offers offer.Service, cipher *crypto.FieldCipher,
	counters *ratelimit.Counters, baseURL string, openAfterDays int) outcome.Service {
	return outcome.NewService(outcome.Config{
		Store:     store.Bind(db, func(tx *store.Store) outcome.Tx { return tx }),
		Matters:   outcomeMatters{db: db, offers: offers},
		Referrals: outcomeReferrals{placement},
		Cipher:    cipher, Counters: counters, BaseURL: baseURL, OpenAfterDays: openAfterDays,
	})
}

// outcomeMatters is outcome.Matters: the matters table through the store, and the offer domain's
// view of a matter to answer with.
type outcomeMatters struct {
	db     *store.Store
	offers offer.Service
}

func toMatterRef(m store.Matter, referrerID uuid.UUID) outcome.MatterRef {
	return outcome.MatterRef{ID: m.ID, ReferralID: m.ReferralID, ReferrerID: referrerID, AttorneyID: m.AttorneyID, FirmID: m.FirmID, Status: m.Status}
}

func (m outcomeMatters) Find(ctx context.Context, id uuid.UUID) (outcome.MatterRef, error) {
	v, err := m.db.MatterByID(ctx, id)
	return toMatterRef(v.Matter, v.ReferralOrgID), err
}

func (m outcomeMatters) Lock(ctx context.Context, tx outcome.Tx, id uuid.UUID) (outcome.MatterRef, error) {
	row, err := store.Unwrap(tx).LockMatter(ctx, id)
	return toMatterRef(row, uuid.Nil), err
}

func (m outcomeMatters) Close(ctx context.Context, tx outcome.Tx, id uuid.UUID, in outcome.Closing, by uuid.UUID, at time.Time) error {
	changes := map[string]any{"status": "closed", "ended_at": at, "closed_by": by, "outcome": in.Outcome,
		"goal_met": in.GoalMet, "closing_hours": in.Hours, "outcome_note": nil}
	if in.Note != "" {
		changes["outcome_note"] = in.Note
	}
	return store.Unwrap(tx).UpdateMatter(ctx, id, changes)
}

func (m outcomeMatters) Shown(ctx context.Context, p auth.Principal, id uuid.UUID) (offer.Matter, error) {
	return m.offers.Matter(ctx, p, id)
}

// outcomeReferrals is outcome.Referrals: referral.Placement in the outcome service's transactions.
type outcomeReferrals struct{ p *referral.Placement }

func (r outcomeReferrals) Lock(ctx context.Context, tx outcome.Tx, id uuid.UUID) (store.Referral, error) {
	return r.p.Lock(ctx, store.Unwrap(tx), id)
}

func (r outcomeReferrals) Close(ctx context.Context, tx outcome.Tx, ref store.Referral, result string, step referral.Step) error {
	ref.Outcome = &result // Move writes the referral's outcome with its status
	return r.p.Move(ctx, store.Unwrap(tx), ref, referral.Closed, step)
}

func (r outcomeReferrals) Record(ctx context.Context, tx outcome.Tx, step referral.Step) error {
	return r.p.Record(ctx, store.Unwrap(tx), step)
}
