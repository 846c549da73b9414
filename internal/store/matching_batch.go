package store

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/probono-match/probono/internal/matching"
)

// MatchingBatch is what the nightly batch matching reads: the open referrals nobody has been
// offered (no pending offer, no active matter), every attorney, and what ranking each referral
// needs beyond them, keyed by referral id where it is the referral's own.
type MatchingBatch struct {
	Now       time.Time
	Referrals []MatchingReferral
	Attorneys []MatchingAttorney
	// Conflicts are each referral's checks, by firm id.
	Conflicts map[string]map[string]matching.ConflictState
	// Declined are, by referral, the attorneys who declined it and those a coordinator dismissed a
	// proposal of it for: neither is proposed again.
	Declined map[string]map[string]bool
	// Mentors are, for every practice area of the referrals, the firms with a mentor in it.
	Mentors         map[string]map[string]bool
	MaxRecentOffers int
}

// MatchingBatch reads the batch as of now in six queries however many referrals and attorneys
// there are; the attorneys are read as MatchingAttorneys reads them, unfiltered.
func (s *Store) MatchingBatch(ctx context.Context, now time.Time) (MatchingBatch, error) {
	b := MatchingBatch{Now: now, Conflicts: map[string]map[string]matching.ConflictState{},
		Declined: map[string]map[string]bool{}, Mentors: map[string]map[string]bool{}}
	ids, areas, err := s.batchReferrals(ctx, &b)
	if err != nil {
		return b, err
	}
	var referral, other uuid.UUID
	var text string
	// As for one referral: a check waiting to be run again counts as not checked.
	err = s.scanRows(ctx, `SELECT referral_id, firm_id, CASE WHEN recheck_pending THEN '' ELSE result END
		FROM conflict_checks WHERE referral_id = ANY($1)`, []any{uuidArray(ids)}, []any{uuidDest{&referral}, uuidDest{&other}, &text},
		func() { setIn(b.Conflicts, referral.String(), other.String(), matching.ConflictState(text)) })
	if err != nil {
		return b, translate(err, "conflict checks")
	}
	err = s.scanRows(ctx, `SELECT referral_id, attorney_id FROM offers WHERE status = 'declined' AND referral_id = ANY($1)
		UNION SELECT referral_id, attorney_id FROM match_proposals WHERE status = 'dismissed' AND referral_id = ANY($1)`,
		[]any{uuidArray(ids)}, []any{uuidDest{&referral}, uuidDest{&other}},
		func() { setIn(b.Declined, referral.String(), other.String(), true) })
	if err != nil {
		return b, translate(err, "declined offers")
	}
	err = s.scanRows(ctx, mentorsQuery, []any{areas, nil}, []any{uuidDest{&other}, &text}, func() {
		addMentor(b.Mentors, other.String(), text)
	})
	if err != nil {
		return b, translate(err, "mentors")
	}
	if b.MaxRecentOffers, err = s.maxRecentOffers(ctx, now); err != nil {
		return b, err
	}
	b.Attorneys, _, err = s.MatchingAttorneys(ctx, MatchingAttorneyFilter{}, now)
	return b, err
}

// batchReferrals reads the batch's referrals, in id order, and returns their ids and practice
// areas (each sub-area with its top level).
func (s *Store) batchReferrals(ctx context.Context, b *MatchingBatch) ([]uuid.UUID, []string, error) {
	const query = `SELECT id, org_id, status, practice_area, jurisdiction, coalesce(language, ''), urgency,
		deadline, coalesce(estimated_hours, 0), remote_allowed, mentored_ok
	FROM referrals r
	WHERE status IN ('submitted', 'matching', 'offered')
		AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.referral_id = r.id AND o.status = 'pending')
		AND NOT EXISTS (SELECT 1 FROM matters m WHERE m.referral_id = r.id AND m.status = 'active')
	ORDER BY id`
	var (
		ids      []uuid.UUID
		areas    []string
		seen     = map[string]bool{}
		r        MatchingReferral
		id, org  uuid.UUID
		deadline pgtype.Date
		hours    int
	)
	dest := []any{uuidDest{&id}, uuidDest{&org}, &r.Status, &r.PracticeArea, &r.Jurisdiction, &r.Language, &r.Urgency,
		&deadline, &hours, &r.RemoteAllowed, &r.MentoredOK}
	err := s.scanRows(ctx, query, nil, dest, func() {
		r.ID, r.OrgID, r.EstimatedHours = id.String(), org.String(), float64(hours)
		r.Area, _, _ = strings.Cut(r.PracticeArea, ".")
		if r.Language == "en" {
			r.Language = "" // the engine's "no language needed but English"
		}
		r.Deadline = time.Time{}
		if deadline.Valid {
			r.Deadline = deadline.Time
		}
		b.Referrals = append(b.Referrals, r)
		ids = append(ids, id)
		for _, a := range []string{r.PracticeArea, r.Area} {
			if !seen[a] {
				seen[a] = true
				areas = append(areas, a)
			}
		}
	})
	return ids, areas, translate(err, "referrals")
}

// setIn sets m[outer][inner], making the inner map when it is missing.
func setIn[V any](m map[string]map[string]V, outer, inner string, v V) {
	if m[outer] == nil {
		m[outer] = map[string]V{}
	}
	m[outer][inner] = v
}
