package api

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/org"
)

func toOrganization(o org.Organization) Organization {
	return Organization{Id: o.ID, Name: o.Name, Kind: OrganizationKind(o.Kind), CreatedAt: o.CreatedAt, LimitedScopeProgram: o.LimitedScopeProgram,
		Active: o.DeactivatedAt == nil, DeactivatedAt: o.DeactivatedAt}
}

func toMember(a auth.Account) Member {
	return Member{Id: a.ID, Email: a.Email, Name: a.Name, Role: Role(a.Role), Active: a.Active, CreatedAt: a.CreatedAt}
}

func toAPIInvitation(i org.Invitation) Invitation {
	return Invitation{Id: i.ID, Email: i.Email, Role: Role(i.Role), ExpiresAt: i.ExpiresAt, CreatedAt: i.CreatedAt}
}

func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

func (h *Handlers) ListOrganizations(c echo.Context) error {
	orgs, err := h.Orgs.List(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(orgs, toOrganization)))
}

func (h *Handlers) CreateOrganization(c echo.Context) error {
	var req OrganizationCreate
	if err := decode(c, &req); err != nil {
		return err
	}
	o, err := h.Orgs.Create(c.Request().Context(), principal(c), req.Name, auth.OrgKind(req.Kind))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toOrganization(o))
}

func (h *Handlers) GetOrganization(c echo.Context, orgID uuid.UUID) error {
	o, err := h.Orgs.Get(c.Request().Context(), principal(c), orgID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toOrganization(o))
}

func (h *Handlers) UpdateOrganization(c echo.Context, orgID uuid.UUID) error {
	var req OrganizationUpdate
	if err := decode(c, &req); err != nil {
		return err
	}
	o, err := h.Orgs.Update(c.Request().Context(), principal(c), orgID, org.OrganizationUpdate{Name: req.Name, LimitedScopeProgram: req.LimitedScopeProgram, Active: req.Active})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toOrganization(o))
}

func (h *Handlers) ListMembers(c echo.Context, orgID uuid.UUID) error {
	members, err := h.Orgs.Members(c.Request().Context(), principal(c), orgID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(members, toMember)))
}

func (h *Handlers) UpdateMember(c echo.Context, orgID, userID uuid.UUID) error {
	var req MemberUpdate
	if err := decode(c, &req); err != nil {
		return err
	}
	m, err := h.Orgs.UpdateMember(c.Request().Context(), principal(c), orgID, userID, org.MemberUpdate{
		Name: req.Name, Role: (*auth.Role)(req.Role), Active: req.Active,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toMember(m))
}

func (h *Handlers) ListInvitations(c echo.Context, orgID uuid.UUID) error {
	invs, err := h.Orgs.Invitations(c.Request().Context(), principal(c), orgID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(invs, toAPIInvitation)))
}

func (h *Handlers) CreateInvitation(c echo.Context, orgID uuid.UUID) error {
	var req InvitationCreate
	if err := decode(c, &req); err != nil {
		return err
	}
	inv, err := h.Orgs.Invite(c.Request().Context(), principal(c), orgID, string(req.Email), auth.Role(req.Role))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIInvitation(inv))
}

func (h *Handlers) RevokeInvitation(c echo.Context, orgID, invitationID uuid.UUID) error {
	if err := h.Orgs.RevokeInvitation(c.Request().Context(), principal(c), orgID, invitationID); err != nil {
		return err
	}
	return noContent(c)
}

func (h *Handlers) LookupInvitation(c echo.Context) error {
	var req LookupInvitationJSONRequestBody
	if err := decode(c, &req); err != nil {
		return err
	}
	p, err := h.Orgs.LookupInvitation(c.Request().Context(), req.Token)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, InvitationPreview{
		Email: p.Email, Role: Role(p.Role), OrganizationName: p.OrganizationName, OrganizationKind: OrganizationKind(p.OrganizationKind), ExpiresAt: p.ExpiresAt,
	})
}

func (h *Handlers) AcceptInvitation(c echo.Context) error {
	var req InvitationAccept
	if err := decode(c, &req); err != nil {
		return err
	}
	s, err := h.Orgs.AcceptInvitation(c.Request().Context(), req.Token, req.Name, req.Password)
	if err != nil {
		return err
	}
	return h.setSession(c, http.StatusCreated, s)
}
