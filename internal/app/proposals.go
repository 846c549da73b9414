package app

import (
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// newProposals builds the nightly proposals' service: it makes offers on the offer service's ports
// to the referral and conflict domains, and ranks with the candidate service.
func newProposals(db *store.Store, placement *referral.Placement, conflicts conflict.Service, candidates *offer.Candidates) offer.ProposalService {
	proposals := store.Bind(db, func(tx *store.Store) offer.ProposalTx { return tx })
	return offer.NewProposalService(proposals, offerReferrals{placement}, offerConflicts{conflicts, db}, candidates)
}
