package offer

import (
	"context"

	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// expiryBatch is how many offers one pass of the expiry job looks at before looking again.
const expiryBatch = 100

func (s *service) ExpireDue(ctx context.Context) (int, error) {
	total := 0
	for {
		var due []store.Offer
		err := s.db.Tx(ctx, func(tx Tx) (err error) {
			due, err = tx.DueOffers(ctx, s.now(), expiryBatch)
			return err
		})
		if err != nil {
			return total, err
		}
		expired := 0
		for _, o := range due {
			ok, err := s.expire(ctx, o)
			if err != nil {
				return total, err
			}
			if ok {
				expired++
			}
		}
		total += expired
		// A short batch was the last; one where nothing expired holds only offers others are busy
		// with, which the next run takes.
		if len(due) < expiryBatch || expired == 0 {
			return total, nil
		}
	}
}

// expire expires one due offer in a transaction of its own, as any answer to it would be: the
// referral first, then the offer, skipped if another transaction holds it or it was answered
// meanwhile. Reports whether it expired the offer.
func (s *service) expire(ctx context.Context, due store.Offer) (bool, error) {
	expired := false
	err := s.db.Tx(ctx, func(tx Tx) error {
		r, err := s.referrals.Lock(ctx, tx, due.ReferralID)
		if err != nil {
			return err
		}
		o, found, err := tx.LockPendingOffer(ctx, due.ID)
		if err != nil || !found || o.ExpiresAt == nil || o.ExpiresAt.After(s.now()) {
			return err
		}
		if err := tx.UpdateOffer(ctx, o.ID, map[string]any{"status": string(Expired), "responded_at": s.now()}); err != nil {
			return err
		}
		// The history names the attorney whose offer lapsed as the step's subject and its maker.
		step := referral.Step{ReferralID: r.ID, UserID: o.AttorneyID, Action: "expired", AttorneyID: &o.AttorneyID}
		if err := s.referrals.Record(ctx, tx, step); err != nil {
			return err
		}
		if err := s.offerGone(ctx, tx, r, o); err != nil {
			return err
		}
		expired = true
		return emit(ctx, tx, EventExpired, "offer/"+o.ID.String(), OfferEvent{OfferID: o.ID})
	})
	return expired, err
}

func (s *service) RemindExpiring(ctx context.Context) (int, error) {
	total := 0
	for {
		n := 0
		err := s.db.Tx(ctx, func(tx Tx) error {
			now := s.now()
			offers, err := tx.LockExpiringOffers(ctx, now, now.Add(ReminderLead), expiryBatch)
			if err != nil {
				return err
			}
			for _, o := range offers {
				if err := tx.UpdateOffer(ctx, o.ID, map[string]any{"reminded_at": now}); err != nil {
					return err
				}
				if err := emit(ctx, tx, EventExpiring, "offer/"+o.ID.String(), OfferEvent{OfferID: o.ID}); err != nil {
					return err
				}
			}
			n = len(offers)
			return nil
		})
		total += n
		if err != nil || n < expiryBatch {
			return total, err
		}
	}
}
