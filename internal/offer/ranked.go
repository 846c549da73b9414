package offer

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// offerRanked makes sequential and broadcast offers, to the ranking's best candidates not offered
// the referral yet, or (broadcast) to the eligible candidates the caller named.
func (s *service) offerRanked(ctx context.Context, p auth.Principal, r store.Referral, in MakeInput) ([]Offer, error) {
	if !isReferrer(p, r.OrgID) && !p.IsPlatformAdmin() {
		return nil, problem.New(problem.Forbidden, "Only the referring organization offers a referral to candidates; a firm routes it to its own attorneys.")
	}
	if in.Mode == Sequential {
		pending, err := s.db.PendingOffers(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		if pending > 0 {
			return nil, problem.New(problem.Conflict, "The referral is waiting on an answer to an offer already; the next candidate is offered when it ends.")
		}
	}
	picked, err := s.pick(ctx, r.ID, in)
	if err != nil {
		return nil, err
	}
	if len(picked) == 0 {
		return nil, problem.New(problem.Conflict, "No eligible candidate is left to offer this referral to.")
	}
	rows, err := s.rankedRows(ctx, r, in.Mode, picked, &p.UserID)
	if err != nil {
		return nil, err
	}
	if err := s.db.Tx(ctx, func(tx Tx) error { return s.insertOffers(ctx, tx, p.UserID, "offered", rows) }); err != nil {
		return nil, err
	}
	return s.views(ctx, rows)
}

// ranked is a candidate with its place in the ranking, from 1.
type ranked struct {
	matching.Candidate
	rank int
}

// pick chooses whom to offer a referral: the named attorneys, each of whom must be an eligible
// candidate, or the best candidates not offered it before (one for sequential offers).
func (s *service) pick(ctx context.Context, referralID uuid.UUID, in MakeInput) ([]ranked, error) {
	candidates, err := s.ranker.Ranked(ctx, referralID, 0)
	if err != nil {
		return nil, err
	}
	if len(in.AttorneyIDs) > 0 {
		var out []ranked
		var faults []problem.FieldError
		for i, id := range in.AttorneyIDs {
			at := slices.IndexFunc(candidates, func(c matching.Candidate) bool { return c.AttorneyID == id.String() })
			if at < 0 {
				faults = append(faults, problem.Field(indexed("attorney_ids", i), "is not an eligible candidate for this referral"))
				continue
			}
			out = append(out, ranked{candidates[at], at + 1})
		}
		if len(faults) > 0 {
			return nil, problem.Validation(faults...)
		}
		return out, nil
	}
	want := 1
	if in.Mode == Broadcast {
		want = in.Count
		if want == 0 {
			want = DefaultBroadcast
		}
	}
	offered, err := s.db.OfferedAttorneys(ctx, referralID)
	if err != nil {
		return nil, err
	}
	var out []ranked
	for i, c := range candidates {
		if len(out) == want {
			break
		}
		if !slices.ContainsFunc(offered, func(id uuid.UUID) bool { return id.String() == c.AttorneyID }) {
			out = append(out, ranked{c, i + 1})
		}
	}
	return out, nil
}

// rankedRows are the offers of a referral to the candidates picked.
func (s *service) rankedRows(ctx context.Context, r store.Referral, mode Mode, picked []ranked, by *uuid.UUID) ([]store.Offer, error) {
	expires, err := s.expiry(ctx, r.Urgency)
	if err != nil {
		return nil, err
	}
	rows := make([]store.Offer, len(picked))
	for i, c := range picked {
		attorney, err := uuid.Parse(c.AttorneyID)
		if err != nil {
			return nil, err
		}
		firm, err := uuid.Parse(c.FirmID)
		if err != nil {
			return nil, err
		}
		score, rank := c.Score, c.rank
		rows[i] = store.Offer{ID: uuid.New(), ReferralID: r.ID, AttorneyID: attorney, FirmID: firm, Mode: string(mode),
			Status: string(Pending), Score: &score, Rank: &rank, OfferedBy: by, ExpiresAt: &expires}
	}
	return rows, nil
}

func (s *service) Advance(ctx context.Context, referralID uuid.UUID) error {
	r, err := s.referrals.Find(ctx, referralID)
	if err != nil || !referral.Status(r.Status).Open() {
		return err
	}
	picked, err := s.pick(ctx, referralID, MakeInput{Mode: Sequential})
	if err != nil || len(picked) == 0 {
		return err
	}
	rows, err := s.rankedRows(ctx, r, Sequential, picked, nil)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx Tx) error {
		// Checked again under the referral's lock, which insertOffers takes: of two runs, the
		// second finds the first one's offer pending. The step is the referrer's, who chose
		// sequential offers.
		if _, err := s.referrals.Lock(ctx, tx, referralID); err != nil {
			return err
		}
		if n, err := tx.PendingOffers(ctx, referralID); err != nil || n > 0 {
			return err
		}
		return s.insertOffers(ctx, tx, r.CreatedBy, "offered", rows)
	})
}
