package api

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/offer"
)

func toAPIBrief(b offer.Brief) ReferralBrief {
	return ReferralBrief{Id: b.ID, OrganizationId: b.OrgID, OrganizationName: b.OrgName, Status: ReferralStatus(b.Status),
		PracticeArea: b.PracticeArea, Jurisdiction: b.Jurisdiction, Language: nonZero(b.Language), Urgency: Urgency(b.Urgency),
		Summary: b.Summary, Deadline: toDate(b.Deadline), EstimatedHours: b.EstimatedHours, RemoteAllowed: b.RemoteAllowed,
		LimitedScope: b.LimitedScope}
}

func toAPIOffer(o offer.Offer) Offer {
	out := Offer{Id: o.ID, Referral: toAPIBrief(o.Referral), AttorneyId: o.AttorneyID, AttorneyName: o.AttorneyName,
		FirmId: o.FirmID, FirmName: o.FirmName, Mode: OfferMode(o.Mode), Status: OfferStatus(o.Status), Score: o.Score, Rank: o.Rank,
		CreatedAt: o.CreatedAt, ExpiresAt: o.ExpiresAt, ViewedAt: o.ViewedAt, RespondedAt: o.RespondedAt, DeclineNote: nonZero(o.DeclineNote)}
	if o.DeclineReason != "" {
		r := OfferDeclineReason(o.DeclineReason)
		out.DeclineReason = &r
	}
	return out
}

func toAPIMatter(m offer.Matter) Matter {
	out := Matter{Id: m.ID, Referral: toAPIBrief(m.Referral), OfferId: m.OfferID, AttorneyId: m.AttorneyID, AttorneyName: m.AttorneyName,
		FirmId: m.FirmID, FirmName: m.FirmName, Status: MatterStatus(m.Status), StartedAt: m.StartedAt, InProgressAt: m.InProgressAt,
		EndedAt: m.EndedAt, WithdrawNote: nonZero(m.WithdrawNote),
		GoalMet: m.GoalMet, ClosingHours: m.ClosingHours, OutcomeNote: nonZero(m.OutcomeNote), ClosedBy: m.ClosedBy, ClosedByName: nonZero(m.ClosedByName)}
	if m.WithdrawReason != "" {
		r := MatterWithdrawReason(m.WithdrawReason)
		out.WithdrawReason = &r
	}
	if m.Outcome != "" {
		o := ClosingCategory(m.Outcome)
		out.Outcome = &o
	}
	if c := m.Client; c != nil {
		out.Client = toAPIClient(*c)
	}
	return out
}

func (h *Handlers) MakeOffers(c echo.Context, referralID uuid.UUID) error {
	var req OfferRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	list, err := h.Offers.Make(c.Request().Context(), principal(c), referralID, offer.MakeInput{
		Mode: offer.Mode(req.Mode), Count: deref(req.Count), AttorneyIDs: deref(req.AttorneyIds)})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, items(mapSlice(list, toAPIOffer)))
}

func (h *Handlers) ExpressInterest(c echo.Context, referralID uuid.UUID) error {
	var req Attestation
	if err := decode(c, &req); err != nil {
		return err
	}
	o, err := h.Offers.Interest(c.Request().Context(), principal(c), referralID, req.AttestNoConflict)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIOffer(o))
}

func (h *Handlers) ListOffers(c echo.Context, params ListOffersParams) error {
	list, next, err := h.Offers.List(c.Request().Context(), principal(c), offer.ListFilter{
		Status: string(deref(params.Status)), ReferralID: deref(params.ReferralId), Cursor: deref(params.Cursor), Limit: deref(params.Limit)})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(list, toAPIOffer), "next_cursor": nonZero(next)})
}

func (h *Handlers) GetOffer(c echo.Context, id uuid.UUID) error {
	o, err := h.Offers.Get(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIOffer(o))
}

func (h *Handlers) AcceptOffer(c echo.Context, id uuid.UUID) error {
	var req Attestation
	if err := decode(c, &req); err != nil {
		return err
	}
	m, err := h.Offers.Accept(c.Request().Context(), principal(c), id, req.AttestNoConflict)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIMatter(m))
}

func (h *Handlers) DeclineOffer(c echo.Context, id uuid.UUID) error {
	var req DeclineRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	o, err := h.Offers.Decline(c.Request().Context(), principal(c), id, offer.Reasoned{Reason: string(req.Reason), Note: deref(req.Note)})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIOffer(o))
}

func (h *Handlers) ConfirmOffer(c echo.Context, id uuid.UUID) error {
	m, err := h.Offers.Confirm(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIMatter(m))
}

func (h *Handlers) ListMatters(c echo.Context, params ListMattersParams) error {
	list, next, err := h.Offers.Matters(c.Request().Context(), principal(c), offer.ListFilter{
		Status: string(deref(params.Status)), ReferralID: deref(params.ReferralId), Cursor: deref(params.Cursor), Limit: deref(params.Limit)})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(list, toAPIMatter), "next_cursor": nonZero(next)})
}

func (h *Handlers) GetMatter(c echo.Context, id uuid.UUID) error {
	m, err := h.Offers.Matter(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIMatter(m))
}

func (h *Handlers) StartMatter(c echo.Context, id uuid.UUID) error {
	m, err := h.Offers.Start(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIMatter(m))
}

func (h *Handlers) WithdrawMatter(c echo.Context, id uuid.UUID) error {
	var req WithdrawRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	m, err := h.Offers.Withdraw(c.Request().Context(), principal(c), id, offer.Reasoned{Reason: string(req.Reason), Note: deref(req.Note)})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIMatter(m))
}

func (h *Handlers) GetReferralTimeline(c echo.Context, id uuid.UUID, params GetReferralTimelineParams) error {
	steps, next, err := h.Offers.Timeline(c.Request().Context(), principal(c), id, deref(params.Cursor), deref(params.Limit))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(steps, func(s offer.Step) TimelineStep {
		return TimelineStep{Id: s.ID, At: s.At, Action: ReferralAction(s.Action), ActorName: s.ActorName, Fields: s.Fields,
			Reason: nonZero(s.Reason), AttorneyId: s.AttorneyID, AttorneyName: nonZero(s.AttorneyName), FirmName: nonZero(s.FirmName),
			FromStatus: nonZero(ReferralStatus(s.FromStatus)), ToStatus: nonZero(ReferralStatus(s.ToStatus))}
	}), "next_cursor": nonZero(next)})
}
