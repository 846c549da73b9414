package offer

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

// Proposals: each night a batch run assigns the open referrals nobody has been offered (no
// pending offer, no matter) to the attorneys with room for them, matching as many referrals as it
// can and then maximising the total score (matching.Solve), and proposes each assignment to the
// attorney's firm.
//
// Who may do what:
//   - a firm's coordinators and org admins see their firm's proposals, send one (a routed offer
//     to its attorney) or dismiss it;
//   - platform admins see every proposal;
//   - anyone else sees none, and a proposal they may not see answers NotFound.
//
// A run supersedes every proposal nobody sent or dismissed; it never proposes again an attorney a
// coordinator dismissed for the referral.

// ProposalStatus is where a proposal is.
type ProposalStatus string

// The statuses of a proposal.
const (
	Proposed   ProposalStatus = "proposed"
	Sent       ProposalStatus = "sent"
	Dismissed  ProposalStatus = "dismissed"
	Superseded ProposalStatus = "superseded"
)

// Proposal is a run's assignment of a referral to an attorney, as the caller may see it.
type Proposal struct {
	ID, RunID, ReferralID, AttorneyID, FirmID uuid.UUID
	AttorneyName, FirmName                    string
	Score                                     float64
	Status                                    ProposalStatus
	CreatedAt                                 time.Time
	DecidedAt                                 *time.Time
	OfferID                                   *uuid.UUID
	Referral                                  Brief
}

// Run is what one batch run found: how many referrals it tried to place, how many it placed, and
// the total score of the assignment. Repeat is true when the run had been recorded before and
// this call wrote nothing.
type Run struct {
	ID                 uuid.UUID
	Referrals, Matched int
	TotalScore         float64
	Repeat             bool
}

// BatchEdges is how many of each referral's best eligible candidates the run considers.
const BatchEdges = 50

// ProposalService is the contract of the nightly proposals.
type ProposalService interface {
	// Propose runs the batch matching as of now and records the proposals as run id in one
	// transaction, superseding the earlier ones nobody decided on. Running it again with the same
	// id writes nothing (Run.Repeat). No principal: the nightly job runs it.
	Propose(ctx context.Context, id uuid.UUID) (Run, error)
	// Proposals lists the proposals the caller sees in a status ("": proposed), newest first, at
	// most 100. Invalid for an unknown status.
	Proposals(ctx context.Context, p auth.Principal, status string) ([]Proposal, error)
	// Send offers the referral to the proposal's attorney as a routed offer, in the transaction
	// that marks the proposal sent. Returns NotFound when the caller may not see the proposal,
	// Forbidden unless they manage its firm, Conflict when it is no longer proposed, the referral
	// is no longer open to the firm, or the attorney is no longer eligible (naming why).
	Send(ctx context.Context, p auth.Principal, id uuid.UUID) (Offer, error)
	// Dismiss marks the proposal dismissed. NotFound and Forbidden as Send, Conflict when it is no
	// longer proposed.
	Dismiss(ctx context.Context, p auth.Principal, id uuid.UUID) (Proposal, error)
}

// ProposalStore is what the proposals need from the database: the offer service's reads, the
// batch's and the proposals' own, and a transaction that does both offers' and proposals' writes.
type ProposalStore interface {
	Reads
	MatchingBatch(ctx context.Context, now time.Time) (store.MatchingBatch, error)
	MatchProposals(ctx context.Context, f store.MatchProposalFilter) ([]store.MatchProposalView, error)
	MatchProposalByID(ctx context.Context, id uuid.UUID) (store.MatchProposalView, error)
	Tx(ctx context.Context, fn func(tx ProposalTx) error) error
}

// ProposalTx is the proposals' transaction: an offer transaction that writes proposals too.
type ProposalTx interface {
	Tx
	LockMatchProposal(ctx context.Context, id uuid.UUID) (store.MatchProposal, error)
	UpdateMatchProposal(ctx context.Context, id uuid.UUID, changes map[string]any) error
	RecordMatchRun(ctx context.Context, run store.MatchRun, proposals []store.MatchProposal) (bool, error)
}

// NewProposalService returns the proposal service. It makes offers as the offer service does, on
// the same ports, and ranks with candidates.
func NewProposalService(db ProposalStore, referrals Referrals, conflicts Conflicts, candidates *Candidates) ProposalService {
	return &proposalService{
		db:         db,
		offers:     newService(proposalOffers{db}, referrals, conflicts, candidates, candidates.settings),
		candidates: candidates,
		now:        func() time.Time { return time.Now().UTC() },
	}
}

type proposalService struct {
	db         ProposalStore
	offers     *service
	candidates *Candidates
	now        func() time.Time
}

// proposalOffers is the proposals' store as the offer service's: its transactions are ProposalTx,
// so that an offer and its proposal are written in one.
type proposalOffers struct{ ProposalStore }

func (p proposalOffers) Tx(ctx context.Context, fn func(tx Tx) error) error {
	return p.ProposalStore.Tx(ctx, func(tx ProposalTx) error { return fn(tx) })
}

var errProposalNotFound = problem.New(problem.NotFound, "Proposal not found.")

func toProposal(v store.MatchProposalView) Proposal {
	return Proposal{ID: v.ID, RunID: v.RunID, ReferralID: v.ReferralID, AttorneyID: v.AttorneyID, FirmID: v.FirmID,
		AttorneyName: v.AttorneyName, FirmName: v.FirmName, Score: v.Score, Status: ProposalStatus(v.Status),
		CreatedAt: v.CreatedAt, DecidedAt: v.DecidedAt, OfferID: v.OfferID, Referral: briefOf(v.ReferralID, v.ReferralBrief)}
}

func (s *proposalService) Proposals(ctx context.Context, p auth.Principal, status string) ([]Proposal, error) {
	switch ProposalStatus(status) {
	case "":
		status = string(Proposed)
	case Proposed, Sent, Dismissed, Superseded:
	default:
		return nil, problem.Validation(problem.Field("status", "is not a proposal status"))
	}
	f := store.MatchProposalFilter{Status: status, Limit: listLimit}
	switch {
	case managesFirm(p, p.OrgID):
		f.FirmID = p.OrgID
	case !p.IsPlatformAdmin():
		return []Proposal{}, nil
	}
	rows, err := s.db.MatchProposals(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]Proposal, len(rows))
	for i, r := range rows {
		out[i] = toProposal(r)
	}
	return out, nil
}

// decidable loads a proposal for its firm's coordinator to decide on: NotFound unless the caller
// sees it, Forbidden unless they manage its firm.
func (s *proposalService) decidable(ctx context.Context, p auth.Principal, id uuid.UUID) (store.MatchProposalView, error) {
	v, err := s.db.MatchProposalByID(ctx, id)
	switch {
	case problem.Is(err, problem.NotFound), err == nil && !managesFirm(p, v.FirmID) && !p.IsPlatformAdmin():
		return v, errProposalNotFound
	case err != nil:
		return v, err
	case !managesFirm(p, v.FirmID):
		return v, problem.New(problem.Forbidden, "Only the firm's coordinators and org admins send or dismiss its proposals.")
	}
	return v, nil
}

// lockProposed locks a proposal that must still be proposed; Conflict otherwise.
func lockProposed(ctx context.Context, tx ProposalTx, id uuid.UUID) (store.MatchProposal, error) {
	row, err := tx.LockMatchProposal(ctx, id)
	if err == nil && ProposalStatus(row.Status) != Proposed {
		err = problem.New(problem.Conflict, "The proposal is %s: it can no longer be sent or dismissed.", row.Status)
	}
	return row, err
}

func (s *proposalService) Send(ctx context.Context, p auth.Principal, id uuid.UUID) (Offer, error) {
	v, err := s.decidable(ctx, p, id)
	if err != nil {
		return Offer{}, err
	}
	if err := s.eligible(ctx, p, v); err != nil {
		return Offer{}, err
	}
	expires, err := s.offers.expiry(ctx, v.Urgency)
	if err != nil {
		return Offer{}, err
	}
	score := v.Score
	row := store.Offer{ID: uuid.New(), ReferralID: v.ReferralID, AttorneyID: v.AttorneyID, FirmID: v.FirmID, Mode: string(Routed),
		Status: string(Pending), Score: &score, OfferedBy: &p.UserID, ExpiresAt: &expires}
	err = s.db.Tx(ctx, func(tx ProposalTx) error {
		if _, err := lockProposed(ctx, tx, id); err != nil {
			return err
		}
		if err := s.offers.insertOffers(ctx, tx, p.UserID, "offered", []store.Offer{row}); err != nil {
			return err
		}
		return tx.UpdateMatchProposal(ctx, id, map[string]any{"status": string(Sent), "offer_id": row.ID, "decided_by": p.UserID, "decided_at": s.now()})
	})
	if err != nil {
		return Offer{}, err
	}
	offers, err := s.offers.views(ctx, []store.Offer{row})
	if err != nil {
		return Offer{}, err
	}
	return offers[0], nil
}

// eligible checks, as the caller's firm sees it, that the referral is still open to the firm and
// the attorney still a candidate; Conflict naming why otherwise. The offer's own transaction checks
// again that the referral is open.
func (s *proposalService) eligible(ctx context.Context, p auth.Principal, v store.MatchProposalView) error {
	e, err := s.candidates.Explain(ctx, p, v.ReferralID, v.AttorneyID)
	switch {
	case problem.Is(err, problem.NotFound), problem.Is(err, problem.Conflict):
		// The referral closed, the firm's check no longer clears it, or the attorney left the firm.
		return problem.New(problem.Conflict, "The referral is no longer open to %s for this attorney.", v.FirmName)
	case err != nil:
		return err
	case !e.Eligible:
		why := make([]string, len(e.Failures))
		for i, f := range e.Failures {
			why[i] = f.Why
		}
		return problem.New(problem.Conflict, "%s is no longer eligible for this referral: %s", v.AttorneyName, strings.Join(why, " "))
	}
	return nil
}

func (s *proposalService) Dismiss(ctx context.Context, p auth.Principal, id uuid.UUID) (Proposal, error) {
	if _, err := s.decidable(ctx, p, id); err != nil {
		return Proposal{}, err
	}
	err := s.db.Tx(ctx, func(tx ProposalTx) error {
		if _, err := lockProposed(ctx, tx, id); err != nil {
			return err
		}
		return tx.UpdateMatchProposal(ctx, id, map[string]any{"status": string(Dismissed), "decided_by": p.UserID, "decided_at": s.now()})
	})
	if err != nil {
		return Proposal{}, err
	}
	v, err := s.db.MatchProposalByID(ctx, id)
	return toProposal(v), err
}
