package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/probono-match/probono/internal/credit"
	"github.com/probono-match/probono/internal/platform/etag"
)

func toAPICreditPolicy(p credit.Policy) CreditPolicy {
	return CreditPolicy{
		Id: p.ID, FirmId: p.FirmID, EffectiveFrom: openapi_types.Date{Time: p.EffectiveFrom}, FiscalYearStartMonth: p.FiscalYearStartMonth,
		AnnualCapHours: hoursOrNil(p.AnnualCap), CreditRatio: float64(p.RatioPercent) / 100, EligibleActivities: p.EligibleActivities,
		TrainingCounts: p.TrainingCounts, SupervisionCounts: p.SupervisionCounts,
		MatterEligibility: CreditPolicyMatterEligibility(p.MatterEligibility), ChallengeMeasure: CreditPolicyChallengeMeasure(p.ChallengeMeasure),
		CreatedByName: p.CreatedByName, CreatedAt: p.CreatedAt,
	}
}

func hoursOrNil(c *credit.Centihours) *float64 {
	if c == nil {
		return nil
	}
	h := c.Hours()
	return &h
}

func toAPIMonths(months []credit.Month) []CreditMonth {
	return mapSlice(months, func(m credit.Month) CreditMonth {
		return CreditMonth{Month: m.Month.Format("2006-01"), Hours: m.Hours.Hours(), CreditedHours: m.Credited.Hours()}
	})
}

func toAPIAreas(areas []credit.AreaHours) []PracticeAreaHours {
	return mapSlice(areas, func(a credit.AreaHours) PracticeAreaHours {
		return PracticeAreaHours{PracticeArea: a.PracticeArea, Hours: a.Hours.Hours()}
	})
}

func toAPIAttorneySummary(a credit.AttorneyCredit) AttorneyCreditSummary {
	return AttorneyCreditSummary{
		AttorneyId: a.AttorneyID, AttorneyName: a.AttorneyName, ApprovedHours: a.Approved.Hours(), CreditedHours: a.Credited.Hours(),
		AnnualCapHours: hoursOrNil(a.AnnualCap), RemainingCap: hoursOrNil(a.Remaining), AnnualGoalHours: a.AnnualGoalHours,
		GoalProgress: a.GoalProgress,
	}
}

func (h *Handlers) ListCreditPolicies(c echo.Context, params ListCreditPoliciesParams) error {
	list, err := h.Credit.Policies(c.Request().Context(), principal(c), params.FirmId)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(list, toAPICreditPolicy)))
}

func (h *Handlers) CreateCreditPolicy(c echo.Context) error {
	var req CreditPolicyInput
	if err := decode(c, &req); err != nil {
		return err
	}
	activities := mapSlice(req.EligibleActivities, func(a CreditPolicyInputEligibleActivities) string { return string(a) })
	p, err := h.Credit.CreatePolicy(c.Request().Context(), principal(c), credit.PolicyInput{
		FirmID: req.FirmId, EffectiveFrom: req.EffectiveFrom.Time, FiscalYearStartMonth: req.FiscalYearStartMonth,
		AnnualCapHours: req.AnnualCapHours, CreditRatio: req.CreditRatio, EligibleActivities: activities,
		TrainingCounts: req.TrainingCounts, SupervisionCounts: req.SupervisionCounts,
		MatterEligibility: string(req.MatterEligibility), ChallengeMeasure: string(req.ChallengeMeasure),
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPICreditPolicy(p))
}

func (h *Handlers) SetBillableHours(c echo.Context, firmID openapi_types.UUID, year int, params SetBillableHoursParams) error {
	var req BillableHoursInput
	if err := decode(c, &req); err != nil {
		return err
	}
	b, err := h.Credit.SetBillableHours(c.Request().Context(), principal(c), firmID, year,
		credit.BillableHoursInput{Hours: req.BillableHours, Attorneys: req.Attorneys}, ifMatch(params.IfMatch))
	if err != nil {
		return err
	}
	c.Response().Header().Set("ETag", etag.Of(b.Version))
	return c.JSON(http.StatusOK, BillableHours{FirmId: b.FirmID, FiscalYear: b.FiscalYear, BillableHours: b.Hours.Hours(),
		Attorneys: b.Attorneys, UpdatedAt: b.UpdatedAt, Version: b.Version})
}

func (h *Handlers) GetAttorneyCredit(c echo.Context, attorneyID openapi_types.UUID, params GetAttorneyCreditParams) error {
	a, err := h.Credit.Attorney(c.Request().Context(), principal(c), attorneyID, params.FiscalYear)
	if err != nil {
		return err
	}
	s := toAPIAttorneySummary(a)
	return c.JSON(http.StatusOK, AttorneyCredit{
		AttorneyId: s.AttorneyId, AttorneyName: s.AttorneyName, ApprovedHours: s.ApprovedHours, CreditedHours: s.CreditedHours,
		AnnualCapHours: s.AnnualCapHours, RemainingCap: s.RemainingCap, AnnualGoalHours: s.AnnualGoalHours, GoalProgress: s.GoalProgress,
		FirmId: a.FirmID, FiscalYear: a.FiscalYear, StartsOn: openapi_types.Date{Time: a.StartsOn}, EndsOn: openapi_types.Date{Time: a.EndsOn},
		ByMonth: toAPIMonths(a.ByMonth), ByPracticeArea: toAPIAreas(a.ByArea),
	})
}

func (h *Handlers) GetFirmCredit(c echo.Context, firmID openapi_types.UUID, params GetFirmCreditParams) error {
	f, err := h.Credit.Firm(c.Request().Context(), principal(c), firmID, params.FiscalYear)
	if err != nil {
		return err
	}
	ch := f.Challenge
	return c.JSON(http.StatusOK, FirmCredit{
		FirmId: f.FirmID, FirmName: f.FirmName, FiscalYear: f.FiscalYear, StartsOn: openapi_types.Date{Time: f.StartsOn},
		EndsOn: openapi_types.Date{Time: f.EndsOn}, ApprovedHours: f.Approved.Hours(), CreditedHours: f.Credited.Hours(),
		Attorneys: mapSlice(f.Attorneys, toAPIAttorneySummary), ByMonth: toAPIMonths(f.ByMonth), ByPracticeArea: toAPIAreas(f.ByArea),
		Challenge: Challenge{
			Measure: ChallengeMeasure(ch.Measure), BillableHours: hoursOrNil(ch.BillableHours), Attorneys: ch.Attorneys,
			ProBonoHours: ch.ProBono.Hours(), Percentage: ch.Percentage, HoursPerAttorney: ch.PerAttorney, Marks: ch.Marks,
			MetMark: ch.MetMark, ShareWith20Hours: ch.ShareActive,
		},
	})
}

func (h *Handlers) ListCreditLedger(c echo.Context, params ListCreditLedgerParams) error {
	rows, next, err := h.Credit.Ledger(c.Request().Context(), principal(c), credit.LedgerFilter{
		AttorneyID: params.AttorneyId, FiscalYear: params.FiscalYear, Cursor: deref(params.Cursor), Limit: deref(params.Limit),
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(rows, func(r credit.LedgerRow) CreditLedgerRow {
		return CreditLedgerRow{Id: r.ID, EntryId: r.EntryID, AttorneyId: r.AttorneyID, FirmId: r.FirmID, FiscalYear: r.FiscalYear,
			WorkDate: openapi_types.Date{Time: r.WorkDate}, Hours: r.Hours.Hours(), CreditedHours: r.Credited.Hours(),
			CapApplied: r.CapApplied, Reason: r.Reason, PolicyId: r.PolicyID, CreatedAt: r.CreatedAt}
	}), "next_cursor": nonZero(next)})
}
