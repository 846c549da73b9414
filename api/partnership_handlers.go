package api

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/probono-match/probono/internal/partnership"
	"github.com/probono-match/probono/internal/platform/etag"
)

func toPartnershipInput(in PartnershipInput) partnership.Input {
	return partnership.Input{
		FirmID: in.FirmId, ReferrerID: in.ReferrerId, PracticeAreas: in.PracticeAreas, PledgedHours: in.PledgedHours,
		StartsOn: in.StartsOn.Time, EndsOn: fromDate(in.EndsOn), ContactName: deref(in.ContactName),
		ContactEmail: string(deref(in.ContactEmail)), Notes: deref(in.Notes),
	}
}

func toAPIPartnership(p partnership.Partnership) Partnership {
	return Partnership{
		Id: p.ID, FirmId: p.FirmID, FirmName: p.FirmName, ReferrerId: p.ReferrerID, ReferrerName: p.ReferrerName,
		PracticeAreas: p.PracticeAreas, PledgedHours: p.PledgedHours, HoursLeft: p.HoursLeft, DeliveredHours: p.DeliveredHours,
		StartsOn: openapi_types.Date{Time: p.StartsOn}, EndsOn: toDate(p.EndsOn), ContactName: p.ContactName,
		ContactEmail: nonZero(p.ContactEmail), Notes: p.Notes, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, Version: p.Version,
	}
}

// partnershipResponse writes a partnership with its entity tag, for the next write's If-Match.
func partnershipResponse(c echo.Context, status int, p partnership.Partnership) error {
	c.Response().Header().Set("ETag", etag.Of(p.Version))
	return c.JSON(status, toAPIPartnership(p))
}

func (h *Handlers) ListPartnerships(c echo.Context, params ListPartnershipsParams) error {
	list, next, err := h.Partnerships.List(c.Request().Context(), principal(c), partnership.ListFilter{
		FirmID: params.FirmId, ReferrerID: params.ReferrerId, Cursor: deref(params.Cursor), Limit: deref(params.Limit),
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(list, toAPIPartnership), "next_cursor": nonZero(next)})
}

func (h *Handlers) CreatePartnership(c echo.Context) error {
	var req PartnershipInput
	if err := decode(c, &req); err != nil {
		return err
	}
	p, err := h.Partnerships.Create(c.Request().Context(), principal(c), toPartnershipInput(req))
	if err != nil {
		return err
	}
	return partnershipResponse(c, http.StatusCreated, p)
}

func (h *Handlers) GetPartnership(c echo.Context, id uuid.UUID) error {
	p, err := h.Partnerships.Get(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return partnershipResponse(c, http.StatusOK, p)
}

func (h *Handlers) UpdatePartnership(c echo.Context, id uuid.UUID, params UpdatePartnershipParams) error {
	var req PartnershipInput
	if err := decode(c, &req); err != nil {
		return err
	}
	p, err := h.Partnerships.Update(c.Request().Context(), principal(c), id, toPartnershipInput(req), ifMatch(params.IfMatch))
	if err != nil {
		return err
	}
	return partnershipResponse(c, http.StatusOK, p)
}

func (h *Handlers) DeletePartnership(c echo.Context, id uuid.UUID, params DeletePartnershipParams) error {
	if err := h.Partnerships.Delete(c.Request().Context(), principal(c), id, ifMatch(params.IfMatch)); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *Handlers) ListPartnerOrganizations(c echo.Context) error {
	orgs, err := h.Partnerships.Counterparts(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(orgs, func(o partnership.Organization) map[string]any {
		return map[string]any{"id": o.ID, "name": o.Name, "kind": o.Kind}
	})))
}
