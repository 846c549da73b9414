package offer

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

func (s *service) Accept(ctx context.Context, p auth.Principal, id uuid.UUID, attested bool) (Matter, error) {
	v, err := s.visibleOffer(ctx, p, id)
	if err != nil {
		return Matter{}, err
	}
	if p.UserID != v.AttorneyID {
		return Matter{}, errNotAttorney
	}
	if !attested {
		return Matter{}, errAttestation
	}
	matterID, err := s.accept(ctx, p, v, s.now())
	if err != nil {
		return Matter{}, err
	}
	return s.matterAfterWrite(ctx, matterID)
}

func (s *service) Confirm(ctx context.Context, p auth.Principal, offerID uuid.UUID) (Matter, error) {
	v, err := s.visibleOffer(ctx, p, offerID)
	if err != nil {
		return Matter{}, err
	}
	if !isReferrer(p, v.ReferralOrgID) {
		return Matter{}, problem.New(problem.Forbidden, "Only the referring organization's staff confirm a volunteer.")
	}
	if Mode(v.Mode) != Volunteer {
		return Matter{}, problem.New(problem.Conflict, "Only a volunteer's offer is confirmed; the attorney accepts this one.")
	}
	// The volunteer attested that they know of no conflict when they said they were interested.
	matterID, err := s.accept(ctx, p, v, v.CreatedAt)
	if err != nil {
		return Matter{}, err
	}
	return s.matterAfterWrite(ctx, matterID)
}

// accept opens the matter of a pending offer in one transaction: the referral is locked first, so
// that acceptances of one referral queue there and each after the first finds its offer closed;
// the firm's check runs again; of inserts that still race (a withdrawal and a new acceptance), the
// active-matter unique index lets one win. Every other pending offer closes and the referral moves
// to accepted. by is who accepts (the attorney, or the referrer confirming a volunteer).
func (s *service) accept(ctx context.Context, by auth.Principal, v store.OfferView, attestedAt time.Time) (uuid.UUID, error) {
	matterID := uuid.New()
	refused := false
	err := s.db.Tx(ctx, func(tx Tx) error {
		r, err := s.referrals.Lock(ctx, tx, v.ReferralID)
		if err != nil {
			return err
		}
		o, err := tx.LockOffer(ctx, v.ID)
		if err != nil {
			return err
		}
		now := s.now()
		if err := answerable(o, now); err != nil {
			return err
		}
		clear, err := s.conflicts.Recheck(ctx, tx, o.ReferralID, o.FirmID)
		if err != nil {
			return err
		}
		if !clear {
			// The check's new result stands for the coordinator to clear: it commits, and no
			// matter opens.
			refused = true
			return nil
		}
		m := store.Matter{ID: matterID, ReferralID: o.ReferralID, AttorneyID: o.AttorneyID, FirmID: o.FirmID, OfferID: o.ID,
			Status: "active", AttestedAt: attestedAt}
		if err := tx.InsertMatter(ctx, m); errors.Is(err, store.ErrReferralTaken) {
			return ErrOfferTaken
		} else if err != nil {
			return err
		}
		if err := tx.UpdateOffer(ctx, o.ID, map[string]any{"status": string(Accepted), "responded_at": now}); err != nil {
			return err
		}
		closed, err := tx.CloseOtherOffers(ctx, o.ReferralID, o.ID, now)
		if err != nil {
			return err
		}
		step := referral.Step{ReferralID: o.ReferralID, UserID: by.UserID, Action: "accepted", AttorneyID: &o.AttorneyID}
		if err := s.referrals.Move(ctx, tx, r, referral.Accepted, step); err != nil {
			return err
		}
		if err := emit(ctx, tx, EventAccepted, "matter/"+matterID.String(), AcceptedEvent{MatterID: matterID, Closed: closed}); err != nil {
			return err
		}
		return tx.Audit(ctx, accepted(by, o, matterID, len(closed)))
	})
	if err == nil && refused {
		err = ErrConflictNotCleared
	}
	return matterID, err
}

// answerable returns nil for a pending offer still in time: ErrOfferTaken once another acceptance
// closed it, Conflict when it was answered or expired.
func answerable(o store.Offer, now time.Time) error {
	switch Status(o.Status) {
	case Pending:
		if o.ExpiresAt != nil && !o.ExpiresAt.After(now) {
			return problem.New(problem.Conflict, "This offer has expired.")
		}
		return nil
	case Closed:
		return ErrOfferTaken
	}
	return problem.New(problem.Conflict, "This offer was already answered: it is %s.", o.Status)
}
