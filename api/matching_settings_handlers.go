package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/platform/etag"
)

func toAPIMatchingSettings(s offer.Settings) MatchingSettings {
	w, o := s.Weights, s.OfferWindows
	return MatchingSettings{
		Weights: MatchingWeights{Experience: w.Experience, Availability: w.Availability, Capacity: w.Capacity, Goal: w.Goal,
			Partnership: w.Partnership, Language: w.Language, Fairness: w.Fairness, Urgency: w.Urgency},
		OfferWindows: OfferWindows{Routine: o["routine"], Soon: o["soon"], Urgent: o["urgent"], Emergency: o["emergency"]},
		UpdatedAt:    s.UpdatedAt, UpdatedBy: s.UpdatedBy, Version: s.Version,
	}
}

func (h *Handlers) GetMatchingSettings(c echo.Context) error {
	s, err := h.MatchingSettings.Get(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return matchingSettingsResponse(c, s)
}

func (h *Handlers) PutMatchingSettings(c echo.Context, params PutMatchingSettingsParams) error {
	var req MatchingSettingsInput
	if err := decode(c, &req); err != nil {
		return err
	}
	w, o := req.Weights, req.OfferWindows
	in := offer.Settings{
		Weights: matching.Weights{Experience: w.Experience, Availability: w.Availability, Capacity: w.Capacity, Goal: w.Goal,
			Partnership: w.Partnership, Language: w.Language, Fairness: w.Fairness, Urgency: w.Urgency},
		OfferWindows: map[string]int{"routine": o.Routine, "soon": o.Soon, "urgent": o.Urgent, "emergency": o.Emergency},
	}
	s, err := h.MatchingSettings.Put(c.Request().Context(), principal(c), in, ifMatch(params.IfMatch))
	if err != nil {
		return err
	}
	return matchingSettingsResponse(c, s)
}

// matchingSettingsResponse writes the settings with their entity tag, for the next change's If-Match.
func matchingSettingsResponse(c echo.Context, s offer.Settings) error {
	c.Response().Header().Set("ETag", etag.Of(s.Version))
	return c.JSON(http.StatusOK, toAPIMatchingSettings(s))
}
