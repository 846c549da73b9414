package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"

	"github.com/probono-match/probono/internal/platform/problem"
)

// MatchRun is a row of match_runs: one nightly batch matching.
type MatchRun struct {
	ID         uuid.UUID
	CreatedAt  time.Time
	Referrals  int
	Matched    int
	TotalScore float64
}

// MatchProposal is a row of match_proposals: a run's assignment of a referral to an attorney.
type MatchProposal struct {
	ID         uuid.UUID
	RunID      uuid.UUID
	ReferralID uuid.UUID
	AttorneyID uuid.UUID
	FirmID     uuid.UUID
	Score      float64
	Status     string
	CreatedAt  time.Time
	DecidedAt  *time.Time
	DecidedBy  *uuid.UUID
	OfferID    *uuid.UUID
}

// MatchProposalView is a proposal with its attorney's and firm's names and its referral's brief.
type MatchProposalView struct {
	MatchProposal
	AttorneyName string
	FirmName     string
	ReferralBrief
}

const matchProposalViewSelect = `SELECT p.*, u.name AS attorney_name, f.name AS firm_name, ` + referralBriefColumns + `
	FROM match_proposals p
	JOIN users u ON u.id = p.attorney_id
	JOIN organizations f ON f.id = p.firm_id
	JOIN referrals r ON r.id = p.referral_id
	JOIN organizations ro ON ro.id = r.org_id`

// MatchProposalFilter selects proposals, newest first, at most Limit: of one firm (uuid.Nil: every
// firm's) in one status ("": all).
type MatchProposalFilter struct {
	FirmID uuid.UUID
	Status string
	Limit  int
}

// MatchProposals lists the proposals the filter selects, with their views.
func (s *Store) MatchProposals(ctx context.Context, f MatchProposalFilter) ([]MatchProposalView, error) {
	q, args := listQuery(matchProposalViewSelect, "p", "created_at", ListFilter{Scope: Scope{FirmID: f.FirmID}, Status: f.Status, Limit: f.Limit})
	var out []MatchProposalView
	return out, translate(s.with(ctx).Raw(q, args...).Scan(&out).Error, "proposals")
}

// MatchProposalByID returns one proposal with its view; NotFound if there is none.
func (s *Store) MatchProposalByID(ctx context.Context, id uuid.UUID) (MatchProposalView, error) {
	var out []MatchProposalView
	if err := s.with(ctx).Raw(matchProposalViewSelect+" WHERE p.id = ?", id).Scan(&out).Error; err != nil {
		return MatchProposalView{}, translate(err, "proposal")
	}
	if len(out) == 0 {
		return MatchProposalView{}, problem.New(problem.NotFound, "Proposal not found.")
	}
	return out[0], nil
}

// LockMatchProposal returns a proposal, locked for update until the transaction ends; call it
// inside Tx.
func (s *Store) LockMatchProposal(ctx context.Context, id uuid.UUID) (MatchProposal, error) {
	var p MatchProposal
	return p, translate(s.with(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Take(&p, "id = ?", id).Error, "Proposal")
}

// UpdateMatchProposal writes the given columns of a proposal; call it inside Tx after
// LockMatchProposal.
func (s *Store) UpdateMatchProposal(ctx context.Context, id uuid.UUID, changes map[string]any) error {
	return mustAffect(s.with(ctx).Model(&MatchProposal{}).Where("id = ?", id).Updates(changes), "Proposal")
}

// RecordMatchRun records a run and its proposals, superseding every earlier proposal nobody sent
// or dismissed; call it inside Tx. Runs are written one at a time (an advisory lock held until the
// transaction ends), so each supersedes all that came before. It reports false, and writes nothing,
// when a run with this id was already recorded.
func (s *Store) RecordMatchRun(ctx context.Context, run MatchRun, proposals []MatchProposal) (bool, error) {
	db := s.with(ctx)
	if err := db.Exec(`SELECT pg_advisory_xact_lock(hashtext('match_runs'))`).Error; err != nil {
		return false, translate(err, "match run lock")
	}
	res := db.Clauses(clause.OnConflict{DoNothing: true}).Omit("CreatedAt").Create(&run)
	if res.Error != nil || res.RowsAffected == 0 {
		return false, translate(res.Error, "match run")
	}
	err := db.Exec(`UPDATE match_proposals SET status = 'superseded' WHERE status = 'proposed'`).Error
	if err != nil {
		return false, translate(err, "proposals")
	}
	if len(proposals) == 0 {
		return true, nil
	}
	return true, translate(db.Omit("CreatedAt").CreateInBatches(&proposals, 1000).Error, "proposals")
}
