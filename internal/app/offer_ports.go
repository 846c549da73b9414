package app

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// newOffers builds the offer service on the store and its ports to the referral and conflict
// domains, which work in the offer service's own transactions, to the ranking and to the matching
// settings' offer windows.
func newOffers(db *store.Store, placement *referral.Placement, conflicts conflict.Service, ranker offer.Ranker, windows offer.Weighting) offer.Service {
	offers := store.Bind(db, func(tx *store.Store) offer.Tx { return tx })
	return offer.NewService(offers, offerReferrals{placement}, offerConflicts{conflicts, db}, ranker, windows)
}

// offerReferrals is offer.Referrals: referral.Placement in the offer service's transactions.
type offerReferrals struct{ p *referral.Placement }

func (r offerReferrals) Find(ctx context.Context, id uuid.UUID) (store.Referral, error) {
	return r.p.Find(ctx, id)
}

func (r offerReferrals) Lock(ctx context.Context, tx offer.Tx, id uuid.UUID) (store.Referral, error) {
	return r.p.Lock(ctx, store.Unwrap(tx), id)
}

func (r offerReferrals) Move(ctx context.Context, tx offer.Tx, ref store.Referral, to referral.Status, step referral.Step) error {
	return r.p.Move(ctx, store.Unwrap(tx), ref, to, step)
}

func (r offerReferrals) Record(ctx context.Context, tx offer.Tx, step referral.Step) error {
	return r.p.Record(ctx, store.Unwrap(tx), step)
}

func (r offerReferrals) Client(ctx context.Context, id uuid.UUID) (referral.Client, error) {
	return r.p.Client(ctx, id)
}

// offerConflicts is offer.Conflicts: one firm's check, run again in the accepting transaction.
type offerConflicts struct {
	c  conflict.Service
	db *store.Store
}

func (c offerConflicts) Recheck(ctx context.Context, tx offer.Tx, referralID, firmID uuid.UUID) (bool, error) {
	result, err := c.c.CheckFirm(ctx, store.Unwrap(tx), referralID, firmID)
	return result == conflict.ResultClear || result == conflict.ResultCleared, err
}

func (c offerConflicts) Cleared(ctx context.Context, referralID, firmID uuid.UUID) (bool, error) {
	return c.db.FirmCleared(ctx, referralID, firmID)
}

// referralOffers is referral.OfferCloser: a withdrawn referral's pending offers close in the
// withdrawing transaction.
type referralOffers struct{}

func (referralOffers) ClosePendingOffers(ctx context.Context, tx *store.Store, referralID uuid.UUID) error {
	_, err := tx.CloseOtherOffers(ctx, referralID, uuid.Nil, time.Now())
	return err
}

func (referralOffers) HasActiveMatter(ctx context.Context, tx *store.Store, referralID uuid.UUID) (bool, error) {
	return tx.HasActiveMatter(ctx, referralID)
}
