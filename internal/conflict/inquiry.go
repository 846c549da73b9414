// Questions to the referring organisation about hits on its client.

package conflict

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

var errHitNotFound = problem.New(problem.NotFound, "Potential conflict not found.")

func (s *service) Ask(ctx context.Context, p auth.Principal, referralID, hitID uuid.UUID, q Question) (Inquiry, error) {
	firm, err := s.checkTarget(ctx, p, referralID, nil, actOnCheck)
	if err != nil {
		return Inquiry{}, err
	}
	if p.Role != auth.RoleCoordinator {
		return Inquiry{}, problem.New(problem.Forbidden, "Only the firm's coordinators ask about potential conflicts.")
	}
	row := store.ConflictInquiry{ID: uuid.New(), ReferralID: referralID, FirmID: firm, HitID: hitID, Question: string(q), AskedBy: p.UserID}
	err = s.db.Tx(ctx, func(tx *store.Store) error {
		_, hits, err := tx.ConflictCheckFor(ctx, referralID, firm)
		if problem.Is(err, problem.NotFound) {
			return errCheckNotFound
		}
		if err != nil {
			return err
		}
		i := slices.IndexFunc(hits, func(h store.ConflictHit) bool { return h.ID == hitID })
		if i < 0 {
			return errHitNotFound
		}
		if err := s.askable(ctx, tx, referralID, hits[i]); err != nil {
			return err
		}
		names, err := tx.ConflictEntryNames(ctx, firm, []uuid.UUID{hits[i].EntryID})
		if err != nil {
			return err
		}
		if len(names) == 0 {
			return problem.New(problem.Conflict, "The registry entry of this hit was removed; run the check again.")
		}
		row.EntryName, row.EntryKind, row.EntryAliases = names[0].Name, names[0].Kind, []string{}
		for _, n := range names[1:] {
			row.EntryAliases = append(row.EntryAliases, n.Name)
		}
		return tx.AddConflictInquiry(ctx, row)
	})
	if err != nil {
		return Inquiry{}, err
	}
	return s.inquiry(ctx, referralID, row.ID)
}

// askable refuses a question about a hit that shows its party's name, that cannot be cleared, or
// that is cleared already.
func (s *service) askable(ctx context.Context, tx *store.Store, referralID uuid.UUID, hit store.ConflictHit) error {
	parties, err := referral.CheckedParties(ctx, tx, s.cipher, referralID)
	if err != nil {
		return err
	}
	switch {
	case hit.PartyPosition >= len(parties) || parties[hit.PartyPosition].Role != "client":
		return problem.New(problem.Conflict, "This hit shows the party's name; questions are for hits on the referral's client.")
	case hit.Level != Potential.String():
		return problem.New(problem.Conflict, "A blocking conflict cannot be cleared, so there is nothing to ask.")
	case hit.ClearedAt != nil:
		return problem.New(problem.Conflict, "This potential conflict is already cleared.")
	}
	return nil
}

func (s *service) inquiry(ctx context.Context, referralID, id uuid.UUID) (Inquiry, error) {
	q, err := s.db.ConflictInquiryByID(ctx, referralID, id)
	return toInquiry(q), err
}

var errReferralNotFound = problem.New(problem.NotFound, "Referral not found.")

// referrerOf loads a referral of the caller's organisation, which the referring organisation's
// staff answer questions about; NotFound for anyone else, as for a missing referral.
func (s *service) referrerOf(ctx context.Context, p auth.Principal, referralID uuid.UUID) (store.Referral, error) {
	r, err := s.db.ReferralByID(ctx, referralID)
	if problem.Is(err, problem.NotFound) || (err == nil && r.OrgID != p.OrgID) {
		return r, errReferralNotFound
	}
	return r, err
}

func (s *service) Inquiries(ctx context.Context, p auth.Principal, referralID uuid.UUID) ([]Inquiry, error) {
	if _, err := s.referrerOf(ctx, p, referralID); err != nil {
		return nil, err
	}
	rows, err := s.db.ConflictInquiriesOfReferral(ctx, referralID)
	if err != nil {
		return nil, err
	}
	out := make([]Inquiry, len(rows))
	for i, q := range rows {
		out[i] = toInquiry(q)
	}
	return out, nil
}

func (s *service) AnswerInquiry(ctx context.Context, p auth.Principal, referralID, inquiryID uuid.UUID, a Answer) (Inquiry, error) {
	r, err := s.referrerOf(ctx, p, referralID)
	if err != nil {
		return Inquiry{}, err
	}
	err = s.db.Tx(ctx, func(tx *store.Store) error {
		q, err := tx.ConflictInquiryByID(ctx, referralID, inquiryID)
		if err != nil {
			return err
		}
		if !slices.Contains(answers[Question(q.Question)], a) {
			return problem.Validation(problem.Field("answer", "does not answer this question"))
		}
		if !referral.Status(r.Status).Open() {
			return problem.New(problem.Conflict, "The referral is %s: firms no longer check it.", r.Status)
		}
		if exists, err := tx.ConflictHitExists(ctx, referralID, q.HitID); err != nil || !exists {
			if err != nil {
				return err
			}
			return problem.New(problem.Conflict, "The firm's check no longer has this match, so there is nothing to answer.")
		}
		if err := tx.AnswerConflictInquiry(ctx, inquiryID, string(a), p.UserID, time.Now().UTC()); err != nil {
			return err
		}
		return tx.Audit(ctx, firmRecord(p, ActionInquiryAnswered, "conflict_inquiry", inquiryID, nil, map[string]any{
			"referral_id": referralID, "hit_id": q.HitID, "firm_id": q.FirmID, "asked_by": q.AskedBy, "question": q.Question, "answer": a}))
	})
	if err != nil {
		return Inquiry{}, err
	}
	return s.inquiry(ctx, referralID, inquiryID)
}

func toInquiry(q store.ConflictInquiry) Inquiry {
	out := Inquiry{ID: q.ID, ReferralID: q.ReferralID, HitID: q.HitID, FirmName: q.FirmName, Question: Question(q.Question),
		EntryName: q.EntryName, EntryKind: q.EntryKind, EntryAliases: q.EntryAliases, AskedBy: q.AskedBy, AskedByName: q.AskedByName,
		AskedAt: q.AskedAt, AnsweredBy: q.AnsweredBy, AnsweredByName: q.AnsweredByName, AnsweredAt: q.AnsweredAt}
	if out.EntryAliases == nil {
		out.EntryAliases = []string{}
	}
	if q.Answer != nil {
		out.Answer = Answer(*q.Answer)
	}
	return out
}
