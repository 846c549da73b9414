package api

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/probono-match/probono/internal/platform/etag"
	"github.com/probono-match/probono/internal/referral"
)

func toReferralInput(in ReferralInput) referral.Input {
	out := referral.Input{
		PracticeArea: in.PracticeArea, Jurisdiction: in.Jurisdiction, Language: deref(in.Language),
		Summary: in.Summary, Urgency: string(in.Urgency), Deadline: fromDate(in.Deadline), EstimatedHours: in.EstimatedHours,
		LimitedScope: in.LimitedScope, RemoteAllowed: in.RemoteAllowed, MentoredOK: deref(in.MentoredOk),
		HouseholdSize: in.Eligibility.HouseholdSize, AnnualIncome: int64(in.Eligibility.AnnualIncome),
		Client: referral.Client{
			Name: in.Client.Name, Email: string(deref(in.Client.Email)), Phone: deref(in.Client.Phone),
			Address: deref(in.Client.Address), DateOfBirth: fromDate(in.Client.DateOfBirth), Notes: deref(in.Client.Notes),
		},
		Parties: []referral.Party{},
	}
	for _, p := range in.Parties {
		out.Parties = append(out.Parties, referral.Party{Name: p.Name, Role: string(p.Role), Kind: string(p.Kind), Aliases: deref(p.Aliases)})
	}
	return out
}

func toAPIClient(c referral.Client) *Client {
	out := &Client{Name: c.Name, Phone: nonZero(c.Phone), Address: nonZero(c.Address), Notes: nonZero(c.Notes), DateOfBirth: toDate(c.DateOfBirth)}
	if c.Email != "" {
		email := openapi_types.Email(c.Email)
		out.Email = &email
	}
	return out
}

func toAPIReferral(r referral.Referral) Referral {
	out := Referral{
		Id: r.ID, OrganizationId: r.OrgID, OrganizationName: r.OrgName, Status: ReferralStatus(r.Status),
		PracticeArea: r.PracticeArea, Jurisdiction: r.Jurisdiction, Language: nonZero(r.Language), Summary: r.Summary,
		Urgency: Urgency(r.Urgency), Deadline: toDate(r.Deadline), EstimatedHours: r.EstimatedHours,
		LimitedScope: r.LimitedScope, RemoteAllowed: r.RemoteAllowed, MentoredOk: r.MentoredOK, Redacted: r.Redacted,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, SubmittedAt: r.SubmittedAt, Parties: []Party{}, Version: r.Version,
		Eligibility: Eligibility{
			HouseholdSize: r.Eligibility.HouseholdSize, PovertyPercent: r.Eligibility.PovertyPercent,
			GuidelineYear: r.Eligibility.GuidelineYear, GuidelineRegion: EligibilityGuidelineRegion(r.Eligibility.Region),
		},
	}
	if r.Outcome != "" {
		o := Outcome(r.Outcome)
		out.Outcome = &o
	}
	if r.Eligibility.AnnualIncome != nil {
		income := int(*r.Eligibility.AnnualIncome)
		out.Eligibility.AnnualIncome = &income
	}
	if c := r.Client; c != nil {
		out.Client = toAPIClient(*c)
	}
	for _, p := range r.Parties {
		party := Party{Name: p.Name, Role: PartyRole(p.Role), Kind: PartyKind(p.Kind)}
		if len(p.Aliases) > 0 {
			aliases := p.Aliases
			party.Aliases = &aliases
		}
		out.Parties = append(out.Parties, party)
	}
	return out
}

func (h *Handlers) ListReferrals(c echo.Context, params ListReferralsParams) error {
	list, next, err := h.Referrals.List(c.Request().Context(), principal(c), referral.ListFilter{
		Status: string(deref(params.Status)), PracticeArea: deref(params.PracticeArea), Jurisdiction: deref(params.Jurisdiction),
		Urgency: string(deref(params.Urgency)), Sort: string(deref(params.Sort)), Cursor: deref(params.Cursor), Limit: deref(params.Limit),
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(list, toAPIReferral), "next_cursor": nonZero(next)})
}

func (h *Handlers) CreateReferral(c echo.Context, params CreateReferralParams) error {
	var req ReferralInput
	if err := decode(c, &req); err != nil {
		return err
	}
	r, err := h.Referrals.Create(c.Request().Context(), principal(c), toReferralInput(req), deref(req.Submit), deref(params.IdempotencyKey))
	if err != nil {
		return err
	}
	return referralResponse(c, http.StatusCreated, r)
}

// referralResponse writes a referral with its entity tag, for the next write's If-Match, when the
// caller sees it in full: only the referring organisation's staff write, and the redacted view is
// another representation.
func referralResponse(c echo.Context, status int, r referral.Referral) error {
	if !r.Redacted {
		c.Response().Header().Set("ETag", etag.Of(r.Version))
	}
	return c.JSON(status, toAPIReferral(r))
}

// ifMatch reads the If-Match precondition of a write.
func ifMatch(header *IfMatch) etag.Condition { return etag.ParseIfMatch(deref(header)) }

func (h *Handlers) GetReferral(c echo.Context, id uuid.UUID) error {
	r, err := h.Referrals.Get(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return referralResponse(c, http.StatusOK, r)
}

func (h *Handlers) UpdateReferral(c echo.Context, id uuid.UUID, params UpdateReferralParams) error {
	var req ReferralInput
	if err := decode(c, &req); err != nil {
		return err
	}
	r, err := h.Referrals.Update(c.Request().Context(), principal(c), id, toReferralInput(req), ifMatch(params.IfMatch))
	if err != nil {
		return err
	}
	return referralResponse(c, http.StatusOK, r)
}

func (h *Handlers) TransitionReferral(c echo.Context, id uuid.UUID, params TransitionReferralParams) error {
	var req ReferralTransition
	if err := decode(c, &req); err != nil {
		return err
	}
	r, err := h.Referrals.Transition(c.Request().Context(), principal(c), id, referral.Status(req.To), string(deref(req.Outcome)), ifMatch(params.IfMatch))
	if err != nil {
		return err
	}
	return referralResponse(c, http.StatusOK, r)
}

func (h *Handlers) GetReferralHistory(c echo.Context, id uuid.UUID) error {
	changes, err := h.Referrals.History(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(changes, func(ch referral.Change) ReferralChange {
		out := ReferralChange{At: ch.At, UserId: ch.UserID, UserName: ch.UserName, Action: ReferralAction(ch.Action), Fields: ch.Fields,
			FromStatus: nonZero(ReferralStatus(ch.FromStatus)), ToStatus: nonZero(ReferralStatus(ch.ToStatus))}
		if out.Fields == nil {
			out.Fields = []string{}
		}
		return out
	})))
}
