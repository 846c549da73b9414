// Package offer owns offers of referrals to attorneys and the matters accepted offers open.
package offer

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"golang.org/x/sync/errgroup"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

// Candidates: the attorneys ranked for one open referral (submitted, matching or offered), and
// why each attorney is or is not one.
//
// Who sees what:
//   - the referring organisation's staff and org admins see every firm's attorneys, in summary:
//     name, firm, practice areas with experience, the score and its factors, but no capacity,
//     hours or goal numbers: the factors about an attorney's own commitments (availability,
//     capacity, goal, fairness) carry their value without their explanation, and a failed
//     capacity or blackout constraint is named without the figures. Attorneys of firms whose
//     conflict check has not cleared the referral are left out of their view altogether (not
//     ranked, counted or explained), because which firms have a conflict with a client is the
//     firms' confidential knowledge, as their conflict checks are;
//   - platform admins see every firm's attorneys in full;
//   - a law firm's coordinators and org admins see their own firm's attorneys in full, once the
//     firm's conflict check has cleared the referral (before, the referral is not theirs to see);
//   - nobody else: NotFound, as for a referral that does not exist.
//
// Drafts answer NotFound to all but the referring organisation; a referral that is not open
// answers Conflict to those who may see it, naming its status.

// CandidateDetail says how much of an attorney a caller sees.
type CandidateDetail string

// The details: Summary for the referring organisation, Full for firms and platform admins.
const (
	Summary CandidateDetail = "summary"
	Full    CandidateDetail = "full"
)

// Factor is one weighted score of a candidate. Why is empty where the caller's view withholds it.
type Factor struct {
	Name          string
	Weight, Value float64
	Why           string
}

// Failure is a hard constraint an attorney fails, with why.
type Failure struct {
	Constraint matching.Constraint
	Why        string
}

// AreaExperience is a practice area of an attorney's profile and their experience of it.
type AreaExperience struct {
	Code       string
	Experience string // learning, some, experienced, expert
}

// Capacity is an attorney's commitments against their limits; only in the full view.
type Capacity struct {
	ActiveMatters, MaxActiveMatters   int
	HoursThisMonth, MonthlyHourBudget float64
	HoursThisYear, AnnualGoalHours    float64
	RecentOffers                      int
}

// Candidate is an attorney as ranked for a referral.
type Candidate struct {
	AttorneyID, FirmID uuid.UUID
	Name, FirmName     string
	Score              float64
	// Mentored: the attorney is learning the practice area and would work under a mentor of their firm.
	Mentored bool
	Areas    []AreaExperience
	Factors  []Factor
	Capacity *Capacity // nil in the summary view
}

// CandidateList is the ranking of one referral: the best candidates, how many attorneys are
// eligible and how many were left out by each constraint (by the first they fail).
type CandidateList struct {
	ReferralID uuid.UUID
	Detail     CandidateDetail
	Candidates []Candidate
	Eligible   int
	Excluded   map[matching.Constraint]int
}

// Explanation is why one attorney is or is not a candidate for a referral.
type Explanation struct {
	Candidate
	Detail   CandidateDetail
	Eligible bool
	Failures []Failure
}

// The candidate lists' sizes.
const (
	DefaultCandidates = 20
	MaxCandidates     = 100
)

// CandidateService ranks attorneys for referrals.
type CandidateService interface {
	// Candidates returns the best candidates for an open referral, at most limit (1..MaxCandidates;
	// 0 means DefaultCandidates). Returns NotFound when the caller may not see the referral's
	// candidates, Conflict when it is not open, Invalid for a limit out of range.
	Candidates(ctx context.Context, p auth.Principal, referralID uuid.UUID, limit int) (CandidateList, error)
	// Explain says whether one attorney is a candidate, every constraint they fail and why, and
	// their factors. Returns NotFound and Conflict as Candidates, and NotFound for an attorney the
	// caller may not see among the candidates.
	Explain(ctx context.Context, p auth.Principal, referralID, attorneyID uuid.UUID) (Explanation, error)
	// Ranked returns the eligible candidates of a referral, best first, at most limit (0: all),
	// without authorization: for offers made on the referring organisation's behalf.
	Ranked(ctx context.Context, referralID uuid.UUID, limit int) ([]matching.Candidate, error)
}

// CandidateStore is what ranking needs from the database; *store.Store provides it.
type CandidateStore interface {
	MatchingReferralByID(ctx context.Context, id uuid.UUID) (store.MatchingReferral, error)
	MatchingContext(ctx context.Context, r matching.Referral, now time.Time) (matching.Context, error)
	MatchingAttorneys(ctx context.Context, f store.MatchingAttorneyFilter, now time.Time) ([]store.MatchingAttorney, map[matching.Constraint]int, error)
	AttorneyNames(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]store.AttorneyName, error)
}

// Partnerships gives the partnerships of a referring organisation in force on a day, by firm id,
// as the engine reads them.
type Partnerships interface {
	ActiveFor(ctx context.Context, referrerID uuid.UUID, on time.Time) (map[uuid.UUID]matching.Partnership, error)
}

// Weighting gives the weights in force.
type Weighting interface {
	Settings(ctx context.Context) (Settings, error)
}

// NewCandidateService returns the candidate service. partnerships may be nil: the partnership
// factor is then 0 for everyone. unprofiled is what an attorney who never saved a profile is
// matched with (their profile's defaults).
func NewCandidateService(db CandidateStore, settings Weighting, partnerships Partnerships, unprofiled matching.Attorney) *Candidates {
	return &Candidates{db: db, settings: settings, partnerships: partnerships, unprofiled: unprofiled, now: time.Now}
}

// Candidates is the CandidateService, which the proposals' batch ranks with too: with its
// settings, partnerships and profile defaults.
type Candidates struct {
	db           CandidateStore
	settings     Weighting
	partnerships Partnerships
	unprofiled   matching.Attorney
	now          func() time.Time
}

var errCandidateUnknown = problem.New(problem.NotFound, "Attorney not found among this referral's candidates.")

// pool is one referral with what ranking it needs, and the caller's view of it.
type pool struct {
	referral  store.MatchingReferral
	context   matching.Context
	weights   matching.Weights
	detail    CandidateDetail
	attorneys []store.MatchingAttorney
	// skipped counts the attorneys the query left out, by constraint.
	skipped map[matching.Constraint]int
}

// cleared reports whether a conflict check lets the firm take the referral.
func cleared(s matching.ConflictState) bool {
	return s == matching.ConflictClear || s == matching.ConflictCleared
}

// view is what the caller may see of a referral's candidates.
type view struct {
	detail CandidateDetail
	// firm: only this firm's attorneys, once its check cleared the referral (a firm's own view).
	firm *uuid.UUID
	// clearedOnly: only the attorneys of firms whose check cleared the referral (the referrer's view).
	clearedOnly bool
}

// viewOf decides what the caller sees of the referral's candidates (see the rules above); the
// firm's own view still depends on its check.
func viewOf(p auth.Principal, r store.MatchingReferral) (view, error) {
	own := isReferrer(p, uuid.MustParse(r.OrgID))
	firm := p.OrgKind == auth.KindLawFirm && (p.Role == auth.RoleCoordinator || p.Role == auth.RoleOrgAdmin)
	open := r.Status == "submitted" || r.Status == "matching" || r.Status == "offered"
	switch {
	case !own && !p.IsPlatformAdmin() && !firm, r.Status == "draft" && !own, firm && !open:
		return view{}, errReferralNotFound
	case !open:
		return view{}, problem.New(problem.Conflict, "Candidates are ranked for open referrals only; this referral is %s.", r.Status)
	case firm:
		return view{detail: Full, firm: &p.OrgID}, nil
	case own:
		return view{detail: Summary, clearedOnly: true}, nil
	}
	return view{detail: Full}, nil
}

// load reads the referral, decides the caller's view, and reads what ranking it needs with the
// attorneys f (given the referral) keeps. The reads are independent, so they run at once.
func (s *Candidates) load(ctx context.Context, p auth.Principal, referralID uuid.UUID, f func(store.MatchingReferral) store.MatchingAttorneyFilter) (pool, error) {
	r, err := s.db.MatchingReferralByID(ctx, referralID)
	if problem.Is(err, problem.NotFound) {
		return pool{}, errReferralNotFound
	}
	if err != nil {
		return pool{}, err
	}
	v, err := viewOf(p, r)
	if err != nil {
		return pool{}, err
	}
	filter := f(r)
	filter.FirmID = v.firm
	if v.clearedOnly {
		filter.ClearedFor = &referralID
	}
	pl, err := s.gather(ctx, r, filter)
	if err != nil {
		return pool{}, err
	}
	if v.firm != nil && !cleared(pl.context.Conflicts[v.firm.String()]) {
		return pool{}, errReferralNotFound
	}
	pl.detail = v.detail
	return pl, nil
}

// rankingFilter keeps the attorneys who pass the constraints cheap to check in the query.
func rankingFilter(r store.MatchingReferral) store.MatchingAttorneyFilter {
	return store.MatchingAttorneyFilter{Jurisdiction: r.Jurisdiction, Area: r.Area, MentoredOK: r.MentoredOK, Language: r.Language}
}

// gather reads, at once, the settings, the referral's context and partnerships, and the attorneys
// the filter keeps with the count of those it leaves out.
func (s *Candidates) gather(ctx context.Context, r store.MatchingReferral, f store.MatchingAttorneyFilter) (pool, error) {
	pl := pool{referral: r}
	now := s.now().UTC()
	var partnerships map[uuid.UUID]matching.Partnership
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		settings, err := s.settings.Settings(gctx)
		pl.weights = settings.Weights
		return err
	})
	g.Go(func() (err error) {
		pl.context, err = s.db.MatchingContext(gctx, r.Referral, now)
		return err
	})
	if s.partnerships != nil {
		g.Go(func() (err error) {
			partnerships, err = s.partnerships.ActiveFor(gctx, uuid.MustParse(r.OrgID), now)
			return err
		})
	}
	g.Go(func() (err error) {
		pl.attorneys, pl.skipped, err = s.db.MatchingAttorneys(gctx, f, now)
		return err
	})
	if err := g.Wait(); err != nil {
		return pool{}, err
	}
	for firm, ps := range partnerships {
		pl.context.Partnerships[firm.String()] = ps
	}
	for i, a := range pl.attorneys {
		if !a.Profiled {
			pl.attorneys[i].Attorney = s.defaults(a.Attorney)
		}
	}
	return pl, nil
}

// defaults is withDefaults with the service's profile defaults.
func (s *Candidates) defaults(a matching.Attorney) matching.Attorney {
	return withDefaults(s.unprofiled, a)
}

// withDefaults gives an attorney without a profile the profile's defaults d, keeping what the
// store read of their matters and offers.
func withDefaults(d, a matching.Attorney) matching.Attorney {
	d.ID, d.FirmID = a.ID, a.FirmID
	d.Active, d.HoursThisMonth, d.HoursThisYear, d.RecentOffers = a.Active, a.HoursThisMonth, a.HoursThisYear, a.RecentOffers
	return d
}

// rank ranks the pool's attorneys, the best limit of them kept.
func (pl pool) rank(limit int) matching.Ranking {
	engine := make([]matching.Attorney, len(pl.attorneys))
	for i, a := range pl.attorneys {
		engine[i] = a.Attorney
	}
	return matching.Rank(pl.referral.Referral, engine, pl.context, pl.weights, limit)
}

func (s *Candidates) Candidates(ctx context.Context, p auth.Principal, referralID uuid.UUID, limit int) (CandidateList, error) {
	if limit == 0 {
		limit = DefaultCandidates
	}
	if limit < 1 || limit > MaxCandidates {
		return CandidateList{}, problem.Validation(problem.Field("limit", "must be between 1 and 100"))
	}
	pl, err := s.load(ctx, p, referralID, rankingFilter)
	if err != nil {
		return CandidateList{}, err
	}
	ranking := pl.rank(limit)
	out := CandidateList{ReferralID: referralID, Detail: pl.detail, Eligible: ranking.Eligible,
		Excluded: map[matching.Constraint]int{}, Candidates: make([]Candidate, 0, len(ranking.Candidates))}
	for _, c := range matching.Constraints {
		out.Excluded[c] = ranking.Excluded[c] + pl.skipped[c]
	}
	ids := make([]uuid.UUID, len(ranking.Candidates))
	for i, c := range ranking.Candidates {
		ids[i] = uuid.MustParse(c.AttorneyID)
	}
	names, err := s.db.AttorneyNames(ctx, ids)
	if err != nil {
		return CandidateList{}, err
	}
	byID := make(map[string]int, len(pl.attorneys))
	for i, a := range pl.attorneys {
		byID[a.ID] = i
	}
	for i, c := range ranking.Candidates {
		out.Candidates = append(out.Candidates, pl.present(c, pl.attorneys[byID[c.AttorneyID]].Attorney, ids[i], names[ids[i]]))
	}
	return out, nil
}

func (s *Candidates) Explain(ctx context.Context, p auth.Principal, referralID, attorneyID uuid.UUID) (Explanation, error) {
	pl, err := s.load(ctx, p, referralID, func(store.MatchingReferral) store.MatchingAttorneyFilter {
		return store.MatchingAttorneyFilter{AttorneyID: &attorneyID}
	})
	if err != nil {
		return Explanation{}, err
	}
	if len(pl.attorneys) == 0 {
		return Explanation{}, errCandidateUnknown
	}
	a := pl.attorneys[0].Attorney
	names, err := s.db.AttorneyNames(ctx, []uuid.UUID{attorneyID})
	if err != nil {
		return Explanation{}, err
	}
	e := matching.Evaluate(pl.referral.Referral, a, pl.context, pl.weights)
	out := Explanation{Candidate: pl.present(e.Candidate, a, attorneyID, names[attorneyID]), Detail: pl.detail,
		Eligible: len(e.Failures) == 0, Failures: make([]Failure, len(e.Failures))}
	for i, f := range e.Failures {
		out.Failures[i] = Failure{Constraint: f.Constraint, Why: f.Why}
		if why, withheld := summaryFailures[f.Constraint]; withheld && pl.detail == Summary {
			out.Failures[i].Why = why
		}
	}
	return out, nil
}

func (s *Candidates) Ranked(ctx context.Context, referralID uuid.UUID, limit int) ([]matching.Candidate, error) {
	r, err := s.db.MatchingReferralByID(ctx, referralID)
	if err != nil {
		return nil, err
	}
	pl, err := s.gather(ctx, r, rankingFilter(r))
	if err != nil {
		return nil, err
	}
	return pl.rank(limit).Candidates, nil
}

// summaryFactors are the factors whose explanation the referring organisation reads; the others
// are about the attorney's own time and commitments.
var summaryFactors = map[string]bool{matching.FactorExperience: true, matching.FactorLanguage: true,
	matching.FactorPartnership: true, matching.FactorUrgency: true}

// summaryFailures word, without the attorney's figures or dates, the failures whose explanation
// the summary view withholds.
var summaryFailures = map[matching.Constraint]string{
	matching.ConstraintCapacityMatters: "The attorney has as many active matters as they take on at once.",
	matching.ConstraintCapacityHours:   "The attorney has not enough hours left this month for this referral's estimate.",
	matching.ConstraintBlackout:        "The attorney is unavailable every working day until the deadline.",
}

// experienceNames are the engine's experience levels by name.
var experienceNames = map[matching.Experience]string{matching.ExperienceLearning: "learning", matching.ExperienceSome: "some",
	matching.ExperienceExperienced: "experienced", matching.ExperienceExpert: "expert"}

// present turns the engine's candidate into what the caller sees.
func (pl pool) present(c matching.Candidate, a matching.Attorney, id uuid.UUID, name store.AttorneyName) Candidate {
	out := Candidate{AttorneyID: id, FirmID: uuid.MustParse(a.FirmID), Name: name.Name, FirmName: name.FirmName,
		Score: c.Score, Mentored: c.Mentored, Areas: make([]AreaExperience, 0, len(a.Areas)), Factors: make([]Factor, len(c.Factors))}
	for code, level := range a.Areas {
		out.Areas = append(out.Areas, AreaExperience{Code: code, Experience: experienceNames[level]})
	}
	slices.SortFunc(out.Areas, func(x, y AreaExperience) int { return strings.Compare(x.Code, y.Code) })
	for i, f := range c.Factors {
		out.Factors[i] = Factor{Name: f.Name, Weight: f.Weight, Value: f.Value}
		if pl.detail == Full || summaryFactors[f.Name] {
			out.Factors[i].Why = f.Why(pl.referral.Referral, a, pl.context)
		}
	}
	if pl.detail == Full {
		out.Capacity = &Capacity{ActiveMatters: a.Active, MaxActiveMatters: a.MaxActive,
			HoursThisMonth: a.HoursThisMonth, MonthlyHourBudget: a.MonthlyBudget,
			HoursThisYear: a.HoursThisYear, AnnualGoalHours: a.AnnualGoal, RecentOffers: a.RecentOffers}
	}
	return out
}
