package api

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/probono-match/probono/internal/outcome"
)

func (h *Handlers) CloseMatter(c echo.Context, id uuid.UUID) error {
	var req MatterClosing
	if err := decode(c, &req); err != nil {
		return err
	}
	m, err := h.Outcomes.Close(c.Request().Context(), principal(c), id, outcome.Closing{
		Outcome: string(req.Outcome), GoalMet: req.GoalMet, Hours: req.Hours, Note: deref(req.Note)})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIMatter(m))
}

func toAPIFeedback(f outcome.Feedback) ClientFeedback {
	return ClientFeedback{Id: f.ID, MatterId: f.MatterID, Satisfaction: f.Satisfaction, Comment: f.Comment,
		Source: ClientFeedbackSource(f.Source), RecordedByName: nonZero(f.RecordedByName), CreatedAt: f.CreatedAt}
}

func toFeedbackInput(in FeedbackInput) outcome.FeedbackInput {
	return outcome.FeedbackInput{Satisfaction: in.Satisfaction, Comment: deref(in.Comment)}
}

func (h *Handlers) ListClientFeedback(c echo.Context, id uuid.UUID) error {
	list, err := h.Outcomes.Feedback(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(list, toAPIFeedback)))
}

func (h *Handlers) RecordClientFeedback(c echo.Context, id uuid.UUID) error {
	var req FeedbackInput
	if err := decode(c, &req); err != nil {
		return err
	}
	f, err := h.Outcomes.RecordFeedback(c.Request().Context(), principal(c), id, toFeedbackInput(req))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIFeedback(f))
}

func (h *Handlers) CreateFeedbackLink(c echo.Context, id uuid.UUID) error {
	l, err := h.Outcomes.CreateLink(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, FeedbackLink{Url: l.URL, ExpiresAt: l.ExpiresAt})
}

func (h *Handlers) GetFeedbackRequest(c echo.Context, token string) error {
	a, err := h.Outcomes.Ask(c.Request().Context(), token, c.RealIP())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, FeedbackRequest{OrganizationName: a.OrgName, ExpiresAt: a.ExpiresAt})
}

func (h *Handlers) AnswerFeedbackRequest(c echo.Context, token string) error {
	var req FeedbackInput
	if err := decode(c, &req); err != nil {
		return err
	}
	if err := h.Outcomes.Answer(c.Request().Context(), token, c.RealIP(), toFeedbackInput(req)); err != nil {
		return err
	}
	return noContent(c)
}

func (h *Handlers) GetImpact(c echo.Context, params GetImpactParams) error {
	f := outcome.ImpactFilter{OrgID: params.OrgId}
	if params.From != nil {
		f.From = params.From.Time
	}
	if params.To != nil {
		f.To = params.To.Time
	}
	im, err := h.Outcomes.Impact(c.Request().Context(), principal(c), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIImpact(im))
}

func toAPIDurations(d outcome.Durations) Durations {
	return Durations{Count: d.Count, MedianHours: d.MedianHours, P90Hours: d.P90Hours}
}

func toAPIImpact(im outcome.Impact) Impact {
	return Impact{
		OrgId: im.OrgID, From: openapi_types.Date{Time: im.From}, To: openapi_types.Date{Time: im.To}, Submitted: im.Submitted,
		TimeToFirstOffer: toAPIDurations(im.TimeToFirstOffer), TimeToAcceptance: toAPIDurations(im.TimeToAcceptance),
		MatchesByMonth: mapSlice(im.MatchesByMonth, func(m outcome.MonthCount) MonthMatters {
			return MonthMatters{Month: m.Month, Matters: m.Matters}
		}),
		Outcomes: OutcomeCounts{Closed: im.Outcomes.Closed, GoalMet: im.Outcomes.GoalMet, ReportedHours: im.Outcomes.ReportedHours,
			ByCategory: mapSlice(im.Outcomes.ByCategory, func(c outcome.CategoryCount) CategoryCount {
				return CategoryCount{Outcome: ClosingCategory(c.Outcome), Closed: c.Closed, GoalMet: c.GoalMet}
			})},
		Satisfaction: SatisfactionSummary{Count: im.Satisfaction.Count, Average: im.Satisfaction.Average,
			Distribution: im.Satisfaction.Distribution[:]},
		UnmetNeed: mapSlice(im.UnmetNeed, func(n outcome.Need) UnmetNeed {
			return UnmetNeed{PracticeArea: n.PracticeArea, Jurisdiction: n.Jurisdiction, Count: n.Count, Expired: n.Expired,
				Withdrawn: n.Withdrawn, Open: n.Open}
		}),
		OpenAfterDays: im.OpenAfterDays, ApprovedHours: im.ApprovedHours,
	}
}
