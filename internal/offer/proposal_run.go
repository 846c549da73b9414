package offer

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/store"
)

func (s *proposalService) Propose(ctx context.Context, id uuid.UUID) (Run, error) {
	now := s.now()
	pool, err := s.db.MatchingBatch(ctx, now)
	if err != nil {
		return Run{}, err
	}
	settings, err := s.candidates.settings.Settings(ctx)
	if err != nil {
		return Run{}, err
	}
	partnerships, err := s.partnerships(ctx, pool.Referrals)
	if err != nil {
		return Run{}, err
	}
	batch, attorneys := s.batch(pool, partnerships, settings.Weights)
	result, err := matching.Solve(batch)
	if err != nil {
		// The batch is built from valid ids and clamped scores: an invalid one is a bug.
		return Run{}, fmt.Errorf("solving the nightly batch: %w", err)
	}
	run := store.MatchRun{ID: id, Referrals: len(pool.Referrals), Matched: result.Matched, TotalScore: result.TotalScore}
	scores := make(map[matching.Assignment]float64, len(batch.Edges))
	for _, e := range batch.Edges {
		scores[matching.Assignment{Referral: e.Referral, Attorney: e.Attorney}] = e.Score
	}
	rows := make([]store.MatchProposal, len(result.Assignments))
	for i, a := range result.Assignments {
		rows[i] = store.MatchProposal{ID: uuid.New(), RunID: id, ReferralID: uuid.MustParse(a.Referral),
			AttorneyID: uuid.MustParse(a.Attorney), FirmID: uuid.MustParse(attorneys[a.Attorney].FirmID),
			Score: scores[a], Status: string(Proposed)}
	}
	var recorded bool
	err = s.db.Tx(ctx, func(tx ProposalTx) (err error) {
		recorded, err = tx.RecordMatchRun(ctx, run, rows)
		return err
	})
	return Run{ID: id, Referrals: run.Referrals, Matched: run.Matched, TotalScore: run.TotalScore, Repeat: !recorded}, err
}

// partnerships reads the partnerships of each referring organisation of the batch once, by
// organisation and then firm id.
func (s *proposalService) partnerships(ctx context.Context, referrals []store.MatchingReferral) (map[string]map[string]matching.Partnership, error) {
	out := map[string]map[string]matching.Partnership{}
	if s.candidates.partnerships == nil {
		return out, nil
	}
	for _, r := range referrals {
		if _, ok := out[r.OrgID]; ok {
			continue
		}
		active, err := s.candidates.partnerships.ActiveFor(ctx, uuid.MustParse(r.OrgID), s.now())
		if err != nil {
			return nil, err
		}
		byFirm := make(map[string]matching.Partnership, len(active))
		for firm, p := range active {
			byFirm[firm.String()] = p
		}
		out[r.OrgID] = byFirm
	}
	return out, nil
}

// batch builds the assignment problem: the attorneys with room (MaxActive - Active matters), each
// referral's best BatchEdges eligible candidates among them, scores clamped into (0, 1] as the
// solver takes them. It returns the attorneys by id too.
func (s *proposalService) batch(pool store.MatchingBatch, partnerships map[string]map[string]matching.Partnership, w matching.Weights) (matching.Batch, map[string]matching.Attorney) {
	var b matching.Batch
	byID := make(map[string]matching.Attorney, len(pool.Attorneys))
	var room []matching.Attorney
	for _, a := range pool.Attorneys {
		engine := a.Attorney
		if !a.Profiled {
			engine = s.candidates.defaults(engine)
		}
		if capacity := engine.MaxActive - engine.Active; capacity > 0 {
			b.Attorneys = append(b.Attorneys, matching.BatchAttorney{ID: engine.ID, Capacity: capacity})
			room = append(room, engine)
			byID[engine.ID] = engine
		}
	}
	for _, r := range pool.Referrals {
		b.Referrals = append(b.Referrals, matching.BatchReferral{ID: r.ID})
		c := matching.Context{Now: pool.Now, Conflicts: pool.Conflicts[r.ID], Mentors: pool.Mentors,
			Partnerships: partnerships[r.OrgID], Declined: pool.Declined[r.ID], MaxRecentOffers: pool.MaxRecentOffers}
		for _, cand := range matching.Rank(r.Referral, room, c, w, BatchEdges).Candidates {
			score := min(max(cand.Score, matching.ScoreUnit), 1)
			b.Edges = append(b.Edges, matching.BatchEdge{Referral: r.ID, Attorney: cand.AttorneyID, Score: score})
		}
	}
	return b, byID
}
