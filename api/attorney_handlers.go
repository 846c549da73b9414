package api

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/probono-match/probono/internal/attorney"
	"github.com/probono-match/probono/internal/platform/etag"
)

func toAttorneyProfile(in AttorneyProfileInput) attorney.Profile {
	p := attorney.Profile{
		Languages: in.Languages, MonthlyHourBudget: in.MonthlyHourBudget, MaxActiveMatters: in.MaxActiveMatters,
		AnnualGoalHours: in.AnnualGoalHours, WorkMode: attorney.WorkMode(in.WorkMode), AcceptsMentored: in.AcceptsMentored,
	}
	for _, b := range in.BarAdmissions {
		p.BarAdmissions = append(p.BarAdmissions, attorney.BarAdmission{Jurisdiction: b.Jurisdiction, BarNumber: b.BarNumber, Active: b.Status == BarAdmissionStatusActive, AdmittedOn: b.AdmittedOn.Time})
	}
	for _, a := range in.PracticeAreas {
		p.PracticeAreas = append(p.PracticeAreas, attorney.PracticeArea{Code: a.Code, Experience: attorney.Experience(a.Experience)})
	}
	for _, w := range in.Availability {
		p.Availability = append(p.Availability, attorney.Window{Weekday: time.Weekday(w.Weekday), Start: w.Start, End: w.End, TimeZone: w.TimeZone})
	}
	for _, d := range in.Blackouts {
		p.Blackouts = append(p.Blackouts, attorney.DateRange{Start: d.Start.Time, End: d.End.Time})
	}
	return p
}

func toAPIAttorney(a attorney.Attorney) AttorneyProfile {
	out := AttorneyProfile{
		UserId: a.UserID, Name: a.Name, Email: a.Email, UpdatedAt: a.UpdatedAt, Version: a.Version,
		Languages: a.Languages, MonthlyHourBudget: a.MonthlyHourBudget, MaxActiveMatters: a.MaxActiveMatters,
		AnnualGoalHours: a.AnnualGoalHours, WorkMode: WorkMode(a.WorkMode), AcceptsMentored: a.AcceptsMentored,
		BarAdmissions: []BarAdmission{}, PracticeAreas: []AttorneyPracticeArea{}, Availability: []AvailabilityWindow{}, Blackouts: []DateRange{},
	}
	if out.Languages == nil {
		out.Languages = []string{}
	}
	for _, b := range a.BarAdmissions {
		status := BarAdmissionStatusInactive
		if b.Active {
			status = BarAdmissionStatusActive
		}
		out.BarAdmissions = append(out.BarAdmissions, BarAdmission{Jurisdiction: b.Jurisdiction, BarNumber: b.BarNumber, Status: status, AdmittedOn: openapi_types.Date{Time: b.AdmittedOn}})
	}
	for _, p := range a.PracticeAreas {
		out.PracticeAreas = append(out.PracticeAreas, AttorneyPracticeArea{Code: p.Code, Experience: ExperienceLevel(p.Experience)})
	}
	for _, w := range a.Availability {
		out.Availability = append(out.Availability, AvailabilityWindow{Weekday: int(w.Weekday), Start: w.Start, End: w.End, TimeZone: w.TimeZone})
	}
	for _, d := range a.Blackouts {
		out.Blackouts = append(out.Blackouts, DateRange{Start: openapi_types.Date{Time: d.Start}, End: openapi_types.Date{Time: d.End}})
	}
	return out
}

func (h *Handlers) ListAttorneys(c echo.Context) error {
	list, err := h.Attorneys.List(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(list, toAPIAttorney)))
}

func (h *Handlers) GetAttorney(c echo.Context, userID uuid.UUID) error {
	a, err := h.Attorneys.Get(c.Request().Context(), principal(c), userID)
	if err != nil {
		return err
	}
	return attorneyResponse(c, a)
}

func (h *Handlers) PutAttorney(c echo.Context, userID uuid.UUID, params PutAttorneyParams) error {
	var req AttorneyProfileInput
	if err := decode(c, &req); err != nil {
		return err
	}
	a, err := h.Attorneys.Put(c.Request().Context(), principal(c), userID, toAttorneyProfile(req), ifMatch(params.IfMatch))
	if err != nil {
		return err
	}
	return attorneyResponse(c, a)
}

// attorneyResponse writes a profile with its entity tag, for the next save's If-Match.
func attorneyResponse(c echo.Context, a attorney.Attorney) error {
	c.Response().Header().Set("ETag", etag.Of(a.Version))
	return c.JSON(http.StatusOK, toAPIAttorney(a))
}
