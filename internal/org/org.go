// Package org owns organisations and their membership: creating organisations, inviting people with
// a preset role, and managing members.
//
// Who may do what:
//   - platform admins create, deactivate and reactivate organisations and may manage any of them;
//   - an organisation's org admins rename it, invite people, and change or deactivate members;
//   - its coordinators may list its members; everyone may read their own organisation.
//
// Another organisation's objects answer NotFound, as if they did not exist.
package org

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/notify"
)

// EventLawFirmCreated is emitted when a law firm joins; its job checks every open referral against
// the new firm, which sees none of them until then.
const EventLawFirmCreated = "org:law_firm_created"

// LawFirmCreated is the payload of EventLawFirmCreated.
type LawFirmCreated struct {
	OrgID uuid.UUID `json:"org_id"`
}

// EventInvitationCreated is emitted with a new invitation; its job emails the invitee a link.
const EventInvitationCreated = "org:invitation_created"

// InvitationCreated is the payload of EventInvitationCreated.
type InvitationCreated struct {
	InvitationID uuid.UUID `json:"invitation_id"`
}

// Organization is an organisation as its members and the API see it.
type Organization struct {
	ID   uuid.UUID
	Name string
	Kind auth.OrgKind
	// LimitedScopeProgram marks a referring organisation's limited-scope program (ABA Model Rule 6.5):
	// firm conflicts on its limited-scope referrals are potential, not blocking.
	LimitedScopeProgram bool
	// DeactivatedAt is set while a platform admin has deactivated the organisation.
	DeactivatedAt *time.Time
	CreatedAt     time.Time
}

// Invitation is a pending invitation to join an organisation with a preset role.
type Invitation struct {
	ID        uuid.UUID
	OrgID     uuid.UUID
	Email     string
	Role      auth.Role
	ExpiresAt time.Time
	CreatedAt time.Time
}

// InvitationPreview is what the holder of an invitation token may learn before accepting it.
type InvitationPreview struct {
	Email            string
	Role             auth.Role
	OrganizationName string
	OrganizationKind auth.OrgKind
	ExpiresAt        time.Time
}

// OrganizationUpdate changes an organisation; nil fields stay as they are. Only platform admins
// change Active.
type OrganizationUpdate struct {
	Name                *string
	LimitedScopeProgram *bool
	Active              *bool
}

// MemberUpdate changes a member; nil fields stay as they are.
type MemberUpdate struct {
	Name   *string
	Role   *auth.Role
	Active *bool
}

// NewUser is an account created directly, without an invitation (seed data, the admin command).
type NewUser struct {
	OrgID    uuid.UUID
	Email    string
	Name     string
	Password string
	Role     auth.Role
}

// PlatformOrganizationName is the name of the organisation that platform admins belong to.
const PlatformOrganizationName = "Probono Match"

// InvitationTTL is how long an invitation can be accepted.
const InvitationTTL = 7 * 24 * time.Hour

// Service is the contract of the org domain.
type Service interface {
	// Create makes an organisation. Returns Forbidden unless the caller is a platform admin, Invalid
	// for a bad name or kind, Conflict if the name is taken.
	Create(ctx context.Context, p auth.Principal, name string, kind auth.OrgKind) (Organization, error)
	// List returns every organisation to platform admins and the caller's own to everyone else.
	List(ctx context.Context, p auth.Principal) ([]Organization, error)
	// Get returns one organisation. Returns NotFound for an organisation the caller cannot see.
	Get(ctx context.Context, p auth.Principal, orgID uuid.UUID) (Organization, error)
	// Update renames an organisation, changes its settings, or deactivates or reactivates it.
	// Deactivating ends its members' sessions at once and keeps them from signing in until it is
	// reactivated; its referrals, checks and matters are left as they are. Returns NotFound as Get,
	// Forbidden unless the caller administers it (platform admins only for Active), Conflict if the
	// name is taken, Invalid for a setting its kind does not have or for deactivating the platform's
	// own organisation.
	Update(ctx context.Context, p auth.Principal, orgID uuid.UUID, u OrganizationUpdate) (Organization, error)
	// Members lists an organisation's members. Returns NotFound as Get, Forbidden unless the caller
	// administers it or is one of its coordinators.
	Members(ctx context.Context, p auth.Principal, orgID uuid.UUID) ([]auth.Account, error)
	// UpdateMember renames, changes the role of, deactivates or reactivates a member. A deactivated
	// member's sessions end at once. Returns NotFound as Get or for a user outside the organisation,
	// Forbidden unless the caller administers it, Invalid for a role the organisation's kind does not
	// have, Conflict when it would leave the organisation without an active org admin.
	UpdateMember(ctx context.Context, p auth.Principal, orgID, userID uuid.UUID, u MemberUpdate) (auth.Account, error)
	// Invite emails a single-use invitation with a preset role, valid for InvitationTTL; it replaces a
	// pending invitation to the same address. Returns NotFound as Get, Forbidden unless the caller
	// administers the organisation, Invalid for a role it does not have, Conflict if the email is
	// already a member's. An address with an account in another organisation is invited like any
	// other (the email tells its owner the account cannot join), so the caller cannot tell.
	Invite(ctx context.Context, p auth.Principal, orgID uuid.UUID, email string, role auth.Role) (Invitation, error)
	// InvitationEmail makes the invitation's link with a new token (one sent before stops working)
	// and composes its email, for the job of EventInvitationCreated. NotFound once the invitation
	// can no longer be accepted.
	InvitationEmail(ctx context.Context, invitationID uuid.UUID) (notify.Email, error)
	// Invitations lists pending invitations; errors as Invite.
	Invitations(ctx context.Context, p auth.Principal, orgID uuid.UUID) ([]Invitation, error)
	// RevokeInvitation cancels a pending invitation; errors as Invite, NotFound if it is not pending.
	RevokeInvitation(ctx context.Context, p auth.Principal, orgID, invitationID uuid.UUID) error
	// LookupInvitation tells the holder of a token what it invites them to. Returns Gone if the token
	// is unknown, expired, revoked or used.
	LookupInvitation(ctx context.Context, token string) (InvitationPreview, error)
	// AcceptInvitation creates the invitee's account with their name and password and signs them in.
	// Returns Gone as LookupInvitation, Invalid for a weak password, Conflict if the email was
	// registered meanwhile.
	AcceptInvitation(ctx context.Context, token, name, password string) (auth.Session, error)
	// ProvisionOrganization creates an organisation without a caller, for seed data; errors as Create.
	ProvisionOrganization(ctx context.Context, name string, kind auth.OrgKind) (Organization, error)
	// PlatformOrganization returns the organisation of the platform admins, creating it if needed.
	PlatformOrganization(ctx context.Context) (Organization, error)
	// Provision creates an account without an invitation, for seed data and the admin command.
	Provision(ctx context.Context, u NewUser) (auth.Account, error)
}
