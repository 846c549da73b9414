package jobs

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/store"
)

// TypeNewOpportunities tells attorneys how many of the referrals opened since the last run fit
// them, for their digest.
const TypeNewOpportunities = "offer:new_opportunities"

// newOpportunitiesWindow is how far back a run looks: the time between two daily runs.
const newOpportunitiesWindow = 24 * time.Hour

// opportunitiesPerReferral is how many of a new referral's best candidates hear of it: the ones
// it fits best, not every attorney it would merely be allowed to.
const opportunitiesPerReferral = 25

// NewOpportunitiesStore is what the run needs from the database.
type NewOpportunitiesStore interface {
	OpenReferralsSubmittedSince(ctx context.Context, since time.Time) ([]uuid.UUID, error)
	OfferedAttorneys(ctx context.Context, referralID uuid.UUID) ([]uuid.UUID, error)
}

// Ranker ranks a referral's eligible candidates, best first, without authorization.
type Ranker interface {
	Ranked(ctx context.Context, referralID uuid.UUID, limit int) ([]matching.Candidate, error)
}

// handleNewOpportunities ranks each referral opened in the window and tells each attorney among
// its best candidates, who was not offered it already, how many such referrals there are: one
// notification per attorney and day, whose id is made from the attorney and the day, so a run
// repeated the same day tells nobody twice.
func handleNewOpportunities(deps Deps) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		now := deps.now()
		referrals, err := deps.Store.OpenReferralsSubmittedSince(ctx, now.Add(-newOpportunitiesWindow))
		if err != nil || len(referrals) == 0 {
			return err
		}
		fits := map[uuid.UUID]int{}
		for _, id := range referrals {
			if err := countFits(ctx, deps, id, fits); err != nil {
				return err
			}
		}
		day := int(now.Unix() / int64(newOpportunitiesWindow/time.Second))
		return notifyAll(ctx, deps.Store, deps.Notify, func(*store.Store) ([]notify.Event, error) {
			events := make([]notify.Event, 0, len(fits))
			for attorney, n := range fits {
				events = append(events, notify.Event{
					ID: recurringEventID(string(notify.EventNewOpportunities), attorney, day), Type: notify.EventNewOpportunities,
					To: []uuid.UUID{attorney}, Params: notify.Params{"count": strconv.Itoa(n)},
				})
			}
			return events, nil
		})
	}
}

// countFits adds one to fits for each of the referral's best candidates not offered it yet.
func countFits(ctx context.Context, deps Deps, referralID uuid.UUID, fits map[uuid.UUID]int) error {
	ranked, err := deps.Ranker.Ranked(ctx, referralID, opportunitiesPerReferral)
	if err != nil {
		return err
	}
	offered, err := deps.Store.OfferedAttorneys(ctx, referralID)
	if err != nil {
		return err
	}
	told := make(map[uuid.UUID]bool, len(offered))
	for _, id := range offered {
		told[id] = true
	}
	for _, c := range ranked {
		id, err := uuid.Parse(c.AttorneyID)
		if err != nil {
			return err
		}
		if !told[id] {
			fits[id]++
		}
	}
	return nil
}
