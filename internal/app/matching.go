package app

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/attorney"
	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/partnership"
	"github.com/probono-match/probono/internal/store"
)

// newCandidates builds the candidate service. An attorney who never saved a profile is matched
// with attorney.DefaultProfile's numbers; their lists are empty, so they fail the bar admission.
func newCandidates(db *store.Store, settings offer.SettingsService, partnerships partnership.Service) *offer.Candidates {
	return offer.NewCandidateService(db, settings, matchingPartnerships{partnerships}, unprofiled())
}

// unprofiled is what matching reads of an attorney who never saved a profile.
func unprofiled() matching.Attorney {
	d := attorney.DefaultProfile
	return matching.Attorney{
		MaxActive: d.MaxActiveMatters, MonthlyBudget: float64(d.MonthlyHourBudget), AnnualGoal: float64(d.AnnualGoalHours),
		WorkMode: string(d.WorkMode), AcceptsMentored: d.AcceptsMentored,
		Admissions: map[string]bool{}, Areas: map[string]matching.Experience{},
	}
}

// matchingPartnerships is offer.Partnerships and offer.FirmPartnerships: the partnership domain's
// active partnerships as the engine reads them.
type matchingPartnerships struct{ s partnership.Service }

func (m matchingPartnerships) ActiveFor(ctx context.Context, referrerID uuid.UUID, on time.Time) (map[uuid.UUID]matching.Partnership, error) {
	active, err := m.s.ActiveFor(ctx, referrerID, on)
	return toMatchingPartnerships(active), err
}

func (m matchingPartnerships) ActiveOfFirm(ctx context.Context, firmID uuid.UUID, on time.Time) (map[uuid.UUID]matching.Partnership, error) {
	active, err := m.s.ActiveOfFirm(ctx, firmID, on)
	return toMatchingPartnerships(active), err
}

// toMatchingPartnerships converts partnerships keyed by their other side's id.
func toMatchingPartnerships(active map[uuid.UUID]partnership.Partnership) map[uuid.UUID]matching.Partnership {
	out := make(map[uuid.UUID]matching.Partnership, len(active))
	for id, p := range active {
		out[id] = matching.Partnership{Areas: p.PracticeAreas, PledgedHours: float64(p.PledgedHours), HoursLeft: p.HoursLeft}
	}
	return out
}
