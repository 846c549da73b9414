package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/offer"
)

func toAPIProposal(p offer.Proposal) Proposal {
	return Proposal{Id: p.ID, RunId: p.RunID, Referral: toAPIBrief(p.Referral), AttorneyId: p.AttorneyID, AttorneyName: p.AttorneyName,
		FirmId: p.FirmID, FirmName: p.FirmName, Score: p.Score, Status: ProposalStatus(p.Status), CreatedAt: p.CreatedAt,
		DecidedAt: p.DecidedAt, OfferId: p.OfferID}
}

func (h *Handlers) ListProposals(c echo.Context, params ListProposalsParams) error {
	list, err := h.Proposals.Proposals(c.Request().Context(), principal(c), string(deref(params.Status)))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(list, toAPIProposal)))
}

func (h *Handlers) SendProposal(c echo.Context, id ProposalId) error {
	o, err := h.Proposals.Send(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIOffer(o))
}

func (h *Handlers) DismissProposal(c echo.Context, id ProposalId) error {
	p, err := h.Proposals.Dismiss(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIProposal(p))
}
