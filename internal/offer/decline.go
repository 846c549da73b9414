package offer

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// MaxNote is the longest note of a decline or a withdrawal.
const MaxNote = 1000

// validReason checks a reason among reasons, and the note "other" needs.
func validReason(in Reasoned, reasons []string) error {
	switch {
	case !slices.Contains(reasons, in.Reason):
		return problem.Validation(problem.Field("reason", "is not one of the reasons"))
	case in.Reason == "other" && in.Note == "":
		return problem.Validation(problem.Field("note", "says why, when the reason is other"))
	case len([]rune(in.Note)) > MaxNote:
		return problem.Validation(problem.Field("note", "is longer than 1000 characters"))
	}
	return nil
}

func (s *service) Decline(ctx context.Context, p auth.Principal, id uuid.UUID, in Reasoned) (Offer, error) {
	v, err := s.visibleOffer(ctx, p, id)
	if err != nil {
		return Offer{}, err
	}
	if p.UserID != v.AttorneyID {
		return Offer{}, errNotAttorney
	}
	if err := validReason(in, DeclineReasons); err != nil {
		return Offer{}, err
	}
	err = s.db.Tx(ctx, func(tx Tx) error {
		r, err := s.referrals.Lock(ctx, tx, v.ReferralID)
		if err != nil {
			return err
		}
		o, err := tx.LockOffer(ctx, id)
		if err != nil {
			return err
		}
		now := s.now()
		if err := answerable(o, now); err != nil {
			return err
		}
		changes := map[string]any{"status": string(Declined), "decline_reason": in.Reason, "responded_at": now, "decline_note": nil}
		if in.Note != "" {
			changes["decline_note"] = in.Note
		}
		if err := tx.UpdateOffer(ctx, id, changes); err != nil {
			return err
		}
		step := referral.Step{ReferralID: r.ID, UserID: p.UserID, Action: "declined", AttorneyID: &o.AttorneyID, Reason: in.Reason}
		if err := s.referrals.Record(ctx, tx, step); err != nil {
			return err
		}
		if err := s.offerGone(ctx, tx, r, o); err != nil {
			return err
		}
		return emit(ctx, tx, EventDeclined, "offer/"+id.String(), OfferEvent{OfferID: id})
	})
	if err != nil {
		return Offer{}, err
	}
	v, err = s.db.OfferByID(ctx, id)
	return toOffer(v), err
}

// offerGone follows an offer o of a locked referral that ended unaccepted (declined or expired):
// when no offer is left pending, the referral goes back to matching, recorded as the attorney's
// doing; a sequential offer's end asks for the next candidate (EventNext).
func (s *service) offerGone(ctx context.Context, tx Tx, r store.Referral, o store.Offer) error {
	if Mode(o.Mode) == Sequential {
		if err := emitNext(ctx, tx, r.ID); err != nil {
			return err
		}
	}
	if referral.Status(r.Status) != referral.Offered {
		return nil
	}
	n, err := tx.PendingOffers(ctx, r.ID)
	if err != nil || n > 0 {
		return err
	}
	return s.referrals.Move(ctx, tx, r, referral.Matching, referral.Step{ReferralID: r.ID, UserID: o.AttorneyID, Action: "status_changed"})
}

// emitNext asks for the referral's next sequential offer.
func emitNext(ctx context.Context, tx Tx, referralID uuid.UUID) error {
	return emit(ctx, tx, EventNext, "referral/"+referralID.String(), ReferralEvent{ReferralID: referralID})
}
