package offer

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// Opportunities: the open referrals an attorney may take, best fit first. Only attorneys see
// theirs (Forbidden to anyone else). A referral is one when the attorney's firm's conflict check
// cleared it and the attorney passes every hard constraint; it is shown redacted as the referral
// list shows it to law firm members, with the factors of the attorney's score ("why it fits you").
// The partnership factor of each referral counts the firm's partnership with its referrer, read
// with the firm's other partnerships at once.

// MaxOpportunities is the longest list of opportunities.
const MaxOpportunities = 50

// Opportunity is an open referral ranked for the attorney.
type Opportunity struct {
	Referral referral.Referral
	Score    float64
	Mentored bool
	Factors  []Factor
}

// OpportunityStore is what the opportunities need from the database; *store.Store provides it.
type OpportunityStore interface {
	MatchingAttorneys(ctx context.Context, f store.MatchingAttorneyFilter, now time.Time) ([]store.MatchingAttorney, map[matching.Constraint]int, error)
	OpportunityPoolOf(ctx context.Context, firmID, attorneyID uuid.UUID, now time.Time) (store.OpportunityPool, error)
}

// RedactedReferrals shows referrals as a law firm member sees them (referral.Service does).
type RedactedReferrals interface {
	OpenForFirm(ctx context.Context, p auth.Principal, ids []uuid.UUID) ([]referral.Referral, error)
}

// FirmPartnerships gives the partnerships of a law firm in force on a day, by referrer id, as the
// matching engine reads them.
type FirmPartnerships interface {
	ActiveOfFirm(ctx context.Context, firmID uuid.UUID, on time.Time) (map[uuid.UUID]matching.Partnership, error)
}

// OpportunityService lists an attorney's opportunities.
type OpportunityService interface {
	// Opportunities returns the best limit (1..MaxOpportunities; 0: all of them up to the maximum)
	// open referrals for the calling attorney. Forbidden to anyone but attorneys, Invalid for a
	// limit out of range.
	Opportunities(ctx context.Context, p auth.Principal, limit int) ([]Opportunity, error)
}

// NewOpportunityService returns the opportunity service.
func NewOpportunityService(db OpportunityStore, settings Weighting, referrals RedactedReferrals, partnerships FirmPartnerships, unprofiled matching.Attorney) OpportunityService {
	return &opportunityService{db: db, settings: settings, referrals: referrals, partnerships: partnerships, unprofiled: unprofiled, now: time.Now}
}

type opportunityService struct {
	db           OpportunityStore
	settings     Weighting
	referrals    RedactedReferrals
	partnerships FirmPartnerships
	unprofiled   matching.Attorney
	now          func() time.Time
}

func (s *opportunityService) Opportunities(ctx context.Context, p auth.Principal, limit int) ([]Opportunity, error) {
	if p.Role != auth.RoleAttorney || p.OrgKind != auth.KindLawFirm {
		return nil, problem.New(problem.Forbidden, "Only attorneys have opportunities.")
	}
	if limit == 0 {
		limit = MaxOpportunities
	}
	if limit < 1 || limit > MaxOpportunities {
		return nil, problem.Validation(problem.Field("limit", "must be between 1 and 50"))
	}
	now := s.now().UTC()
	settings, err := s.settings.Settings(ctx)
	if err != nil {
		return nil, err
	}
	attorneys, _, err := s.db.MatchingAttorneys(ctx, store.MatchingAttorneyFilter{FirmID: &p.OrgID, AttorneyID: &p.UserID}, now)
	if err != nil || len(attorneys) == 0 {
		return []Opportunity{}, err
	}
	a := attorneys[0].Attorney
	if !attorneys[0].Profiled {
		a = withDefaults(s.unprofiled, a)
	}
	pool, err := s.db.OpportunityPoolOf(ctx, p.OrgID, p.UserID, now)
	if err != nil {
		return nil, err
	}
	partnerships, err := s.partnerships.ActiveOfFirm(ctx, p.OrgID, now)
	if err != nil {
		return nil, err
	}
	type fit struct {
		r matching.Referral
		e matching.Evaluation
		c matching.Context
	}
	var fits []fit
	firm := p.OrgID.String()
	for _, r := range pool.Referrals {
		c := matching.Context{Now: now, Conflicts: map[string]matching.ConflictState{firm: pool.Conflicts[r.ID]},
			Mentors: map[string]map[string]bool{firm: pool.Mentors}, MaxRecentOffers: pool.MaxRecentOffers,
			Declined: map[string]bool{a.ID: pool.Declined[r.ID]}}
		if ps, ok := partnerships[uuid.MustParse(r.OrgID)]; ok {
			c.Partnerships = map[string]matching.Partnership{firm: ps}
		}
		if e := matching.Evaluate(r.Referral, a, c, settings.Weights); len(e.Failures) == 0 {
			fits = append(fits, fit{r.Referral, e, c})
		}
	}
	slices.SortFunc(fits, func(x, y fit) int {
		return cmp.Or(cmp.Compare(y.e.Score, x.e.Score), cmp.Compare(x.r.ID, y.r.ID))
	})
	fits = fits[:min(limit, len(fits))]
	ids := make([]uuid.UUID, len(fits))
	for i, f := range fits {
		ids[i] = uuid.MustParse(f.r.ID)
	}
	shown, err := s.referrals.OpenForFirm(ctx, p, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[uuid.UUID]referral.Referral, len(shown))
	for _, r := range shown {
		byID[r.ID] = r
	}
	out := make([]Opportunity, 0, len(fits))
	for i, f := range fits {
		r, ok := byID[ids[i]]
		if !ok {
			continue // closed or no longer cleared since the ranking read it
		}
		o := Opportunity{Referral: r, Score: f.e.Score, Mentored: f.e.Mentored, Factors: make([]Factor, len(f.e.Factors))}
		for j, x := range f.e.Factors {
			o.Factors[j] = Factor{Name: x.Name, Weight: x.Weight, Value: x.Value, Why: x.Why(f.r, a, f.c)}
		}
		out = append(out, o)
	}
	return out, nil
}
