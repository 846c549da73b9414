package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/probono-match/probono/internal/offer"
)

func toAPIFactors(fs []offer.Factor) []CandidateFactor {
	return mapSlice(fs, func(f offer.Factor) CandidateFactor {
		return CandidateFactor{Name: CandidateFactorName(f.Name), Weight: f.Weight, Value: f.Value, Why: nonZero(f.Why)}
	})
}

func toAPICandidate(c offer.Candidate) Candidate {
	out := Candidate{
		AttorneyId: c.AttorneyID, AttorneyName: c.Name, FirmId: c.FirmID, FirmName: c.FirmName,
		Score: c.Score, Mentored: c.Mentored, Factors: toAPIFactors(c.Factors),
		PracticeAreas: mapSlice(c.Areas, func(a offer.AreaExperience) AttorneyPracticeArea {
			return AttorneyPracticeArea{Code: a.Code, Experience: ExperienceLevel(a.Experience)}
		}),
	}
	if k := c.Capacity; k != nil {
		out.Capacity = &CandidateCapacity{ActiveMatters: k.ActiveMatters, MaxActiveMatters: k.MaxActiveMatters,
			HoursThisMonth: k.HoursThisMonth, MonthlyHourBudget: k.MonthlyHourBudget,
			HoursThisYear: k.HoursThisYear, AnnualGoalHours: k.AnnualGoalHours, RecentOffers: k.RecentOffers}
	}
	return out
}

func (h *Handlers) ListCandidates(c echo.Context, referralID ReferralId, params ListCandidatesParams) error {
	list, err := h.Candidates.Candidates(c.Request().Context(), principal(c), referralID, deref(params.Limit))
	if err != nil {
		return err
	}
	x := list.Excluded
	return c.JSON(http.StatusOK, CandidateList{
		ReferralId: list.ReferralID, Detail: CandidateDetail(list.Detail), Eligible: list.Eligible,
		Items: mapSlice(list.Candidates, toAPICandidate),
		Excluded: ExcludedCounts{BarAdmission: x["bar_admission"], PracticeArea: x["practice_area"], Language: x["language"],
			CapacityMatters: x["capacity_matters"], CapacityHours: x["capacity_hours"], Blackout: x["blackout"],
			Conflict: x["conflict"], Declined: x["declined"], WorkMode: x["work_mode"]},
	})
}

func (h *Handlers) ExplainCandidate(c echo.Context, referralID ReferralId, attorneyID openapi_types.UUID) error {
	e, err := h.Candidates.Explain(c.Request().Context(), principal(c), referralID, attorneyID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, CandidateExplanation{
		Candidate: toAPICandidate(e.Candidate), Detail: CandidateDetail(e.Detail), Eligible: e.Eligible,
		Failures: mapSlice(e.Failures, func(f offer.Failure) CandidateFailure {
			return CandidateFailure{Constraint: Constraint(f.Constraint), Why: f.Why}
		}),
	})
}

func (h *Handlers) ListOpportunities(c echo.Context, params ListOpportunitiesParams) error {
	list, err := h.Opportunities.Opportunities(c.Request().Context(), principal(c), deref(params.Limit))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(list, func(o offer.Opportunity) Opportunity {
		return Opportunity{Referral: toAPIReferral(o.Referral), Score: o.Score, Mentored: o.Mentored, Factors: toAPIFactors(o.Factors)}
	})))
}
