package org

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/crypto"
	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

// Store is what the org service reads from the database, and its transactions; the store
// provides it.
type Store interface {
	Tx(ctx context.Context, fn func(tx OrgTx) error) error
	OrganizationByID(ctx context.Context, id uuid.UUID) (store.Organization, error)
	OrganizationByName(ctx context.Context, name string) (store.Organization, error)
	Organizations(ctx context.Context) ([]store.Organization, error)
	AccountByID(ctx context.Context, userID uuid.UUID) (store.Account, error)
	AccountByEmail(ctx context.Context, email string) (store.Account, error)
	AccountsByOrg(ctx context.Context, orgID uuid.UUID) ([]store.Account, error)
	PendingInvitations(ctx context.Context, orgID uuid.UUID) ([]store.Invitation, error)
	PendingInvitationByID(ctx context.Context, id uuid.UUID) (store.Invitation, error)
	InvitationByDigest(ctx context.Context, digest string) (store.Invitation, error)
	SetInvitationToken(ctx context.Context, id uuid.UUID, digest string) error
}

// OrgTx is what the org service does inside a transaction.
type OrgTx interface {
	CreateOrganization(ctx context.Context, o *store.Organization) error
	UpdateOrganization(ctx context.Context, id uuid.UUID, changes map[string]any) error
	EndOrganizationSessions(ctx context.Context, orgID uuid.UUID) error
	AccountByID(ctx context.Context, userID uuid.UUID) (store.Account, error)
	CreateAccount(ctx context.Context, u store.User, orgID uuid.UUID, role string) error
	UpdateUser(ctx context.Context, userID uuid.UUID, changes map[string]any) error
	UpdateRole(ctx context.Context, orgID, userID uuid.UUID, role string) error
	CountActiveRole(ctx context.Context, orgID uuid.UUID, role string) (int64, error)
	EndUserSessions(ctx context.Context, userID uuid.UUID) error
	InvitationByDigest(ctx context.Context, digest string) (store.Invitation, error)
	RevokePendingInvitationsFor(ctx context.Context, orgID uuid.UUID, email string) error
	CreateInvitation(ctx context.Context, inv *store.Invitation) error
	MarkInvitationAccepted(ctx context.Context, id uuid.UUID) error
	RevokeInvitation(ctx context.Context, orgID, id uuid.UUID) error
	Emit(ctx context.Context, e outbox.Event) error
	Audit(ctx context.Context, r audit.Record) error
}

// NewService returns the org service; sessions signs in users who accept an invitation, and firms
// (optional) checks open referrals against each new law firm.
func NewService(db Store, sessions auth.Service, baseURL string) Service {
	return &service{db: db, sessions: sessions, baseURL: baseURL}
}

type service struct {
	db       Store
	sessions auth.Service
	baseURL  string
}

func toOrganization(o store.Organization) Organization {
	return Organization{ID: o.ID, Name: o.Name, Kind: auth.OrgKind(o.Kind), CreatedAt: o.CreatedAt,
		LimitedScopeProgram: o.LimitedScopeProgram, DeactivatedAt: o.DeactivatedAt}
}

func toInvitation(i store.Invitation) Invitation {
	return Invitation{ID: i.ID, OrgID: i.OrgID, Email: i.Email, Role: auth.Role(i.Role), ExpiresAt: i.ExpiresAt, CreatedAt: i.CreatedAt}
}

var errOrgNotFound = problem.New(problem.NotFound, "Organization not found.")

// visible loads an organisation the caller may see: their own, or any for a platform admin.
func (s *service) visible(ctx context.Context, p auth.Principal, orgID uuid.UUID) (store.Organization, error) {
	if !p.IsPlatformAdmin() && p.OrgID != orgID {
		return store.Organization{}, errOrgNotFound
	}
	return s.db.OrganizationByID(ctx, orgID)
}

// administered loads an organisation the caller administers.
func (s *service) administered(ctx context.Context, p auth.Principal, orgID uuid.UUID) (store.Organization, error) {
	o, err := s.visible(ctx, p, orgID)
	if err != nil {
		return o, err
	}
	if !p.Administers(orgID) {
		return o, problem.New(problem.Forbidden, "Only the organization's admins may do this.")
	}
	return o, nil
}

func validName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if n := len([]rune(name)); n < 2 || n > 200 {
		return "", problem.Validation(problem.Field("name", "must be 2 to 200 characters"))
	}
	return name, nil
}

func (s *service) Create(ctx context.Context, p auth.Principal, name string, kind auth.OrgKind) (Organization, error) {
	if !p.IsPlatformAdmin() {
		return Organization{}, problem.New(problem.Forbidden, "Only platform admins may create organizations.")
	}
	return s.ProvisionOrganization(ctx, name, kind)
}

func (s *service) ProvisionOrganization(ctx context.Context, name string, kind auth.OrgKind) (Organization, error) {
	name, err := validName(name)
	if err != nil {
		return Organization{}, err
	}
	if !auth.ValidKind(kind) {
		return Organization{}, problem.Validation(problem.Field("kind", "is not an organization kind"))
	}
	o := store.Organization{ID: uuid.New(), Name: name, Kind: string(kind)}
	// A new firm sees no referral until its check of each has run, in the event's job.
	err = s.db.Tx(ctx, func(tx OrgTx) error {
		if err := tx.CreateOrganization(ctx, &o); err != nil {
			return err
		}
		if kind != auth.KindLawFirm {
			return nil
		}
		e, err := outbox.New(EventLawFirmCreated, "organization/"+o.ID.String(), LawFirmCreated{OrgID: o.ID})
		if err != nil {
			return err
		}
		return tx.Emit(ctx, e)
	})
	if err != nil {
		return Organization{}, err
	}
	return toOrganization(o), nil
}

func (s *service) List(ctx context.Context, p auth.Principal) ([]Organization, error) {
	var rows []store.Organization
	if p.IsPlatformAdmin() {
		var err error
		if rows, err = s.db.Organizations(ctx); err != nil {
			return nil, err
		}
	} else {
		o, err := s.db.OrganizationByID(ctx, p.OrgID)
		if err != nil {
			return nil, err
		}
		rows = []store.Organization{o}
	}
	out := make([]Organization, len(rows))
	for i, o := range rows {
		out[i] = toOrganization(o)
	}
	return out, nil
}

func (s *service) Get(ctx context.Context, p auth.Principal, orgID uuid.UUID) (Organization, error) {
	o, err := s.visible(ctx, p, orgID)
	return toOrganization(o), err
}

func (s *service) Update(ctx context.Context, p auth.Principal, orgID uuid.UUID, u OrganizationUpdate) (Organization, error) {
	o, err := s.administered(ctx, p, orgID)
	if err != nil {
		return Organization{}, err
	}
	changes := map[string]any{}
	if u.Name != nil {
		name, err := validName(*u.Name)
		if err != nil {
			return Organization{}, err
		}
		changes["name"] = name
	}
	if u.LimitedScopeProgram != nil {
		if auth.OrgKind(o.Kind) == auth.KindLawFirm || auth.OrgKind(o.Kind) == auth.KindPlatform {
			return Organization{}, problem.Validation(problem.Field("limited_scope_program", "applies only to organizations that refer matters"))
		}
		changes["limited_scope_program"] = *u.LimitedScopeProgram
	}
	deactivate := u.Active != nil && !*u.Active
	if u.Active != nil {
		if err := mayDeactivate(p, o); err != nil {
			return Organization{}, err
		}
		changes["deactivated_at"] = nil
		if deactivate {
			changes["deactivated_at"] = time.Now().UTC()
		}
	}
	err = s.db.Tx(ctx, func(tx OrgTx) error {
		if err := tx.UpdateOrganization(ctx, orgID, changes); err != nil {
			return err
		}
		if deactivate {
			if err := tx.EndOrganizationSessions(ctx, orgID); err != nil {
				return err
			}
		}
		before, after := organizationChange(o, changes)
		return tx.Audit(ctx, record(p, orgID, ActionOrganizationUpdated, "organization", orgID, before, after))
	})
	if err != nil {
		return Organization{}, err
	}
	return s.Get(ctx, p, orgID)
}

// mayDeactivate says whether the caller may deactivate or reactivate the organisation: platform
// admins may, for any but their own, which would lock every platform admin out.
func mayDeactivate(p auth.Principal, o store.Organization) error {
	if !p.IsPlatformAdmin() {
		return problem.New(problem.Forbidden, "Only platform admins may deactivate or reactivate an organization.")
	}
	if auth.OrgKind(o.Kind) == auth.KindPlatform {
		return problem.Validation(problem.Field("active", "the platform's own organization cannot be deactivated"))
	}
	return nil
}

func (s *service) Members(ctx context.Context, p auth.Principal, orgID uuid.UUID) ([]auth.Account, error) {
	if _, err := s.visible(ctx, p, orgID); err != nil {
		return nil, err
	}
	if !p.Administers(orgID) && p.Role != auth.RoleCoordinator {
		return nil, problem.New(problem.Forbidden, "Only the organization's admins and coordinators may list its members.")
	}
	rows, err := s.db.AccountsByOrg(ctx, orgID)
	if err != nil {
		return nil, err
	}
	out := make([]auth.Account, len(rows))
	for i, a := range rows {
		out[i] = auth.ToAccount(a)
	}
	return out, nil
}

var errMemberNotFound = problem.New(problem.NotFound, "Member not found.")

func (s *service) UpdateMember(ctx context.Context, p auth.Principal, orgID, userID uuid.UUID, u MemberUpdate) (auth.Account, error) {
	o, err := s.administered(ctx, p, orgID)
	if err != nil {
		return auth.Account{}, err
	}
	changes := map[string]any{}
	if u.Name != nil {
		name := strings.TrimSpace(*u.Name)
		if name == "" {
			return auth.Account{}, problem.Validation(problem.Field("name", "must not be blank"))
		}
		changes["name"] = name
	}
	if u.Role != nil && !auth.RoleAllowed(auth.OrgKind(o.Kind), *u.Role) {
		return auth.Account{}, problem.Validation(problem.Field("role", fmt.Sprintf("is not a role of a %s organization", o.Kind)))
	}
	if u.Active != nil {
		changes["active"] = *u.Active
	}
	err = s.db.Tx(ctx, func(tx OrgTx) error {
		member, err := tx.AccountByID(ctx, userID)
		if problem.Is(err, problem.NotFound) || (err == nil && member.OrgID != orgID) {
			return errMemberNotFound
		}
		if err != nil {
			return err
		}
		if len(changes) > 0 {
			if err := tx.UpdateUser(ctx, userID, changes); err != nil {
				return err
			}
		}
		if u.Role != nil {
			if err := tx.UpdateRole(ctx, orgID, userID, string(*u.Role)); err != nil {
				return err
			}
		}
		if u.Active != nil && !*u.Active {
			if err := tx.EndUserSessions(ctx, userID); err != nil {
				return err
			}
		}
		if err := keepAnAdmin(ctx, tx, o, member); err != nil {
			return err
		}
		if u.Role == nil && u.Active == nil {
			return nil // a new name is no change of membership
		}
		before, after := membershipChange(member, u)
		return tx.Audit(ctx, record(p, orgID, ActionMemberUpdated, "user", userID, before, after))
	})
	if err != nil {
		return auth.Account{}, err
	}
	acct, err := s.db.AccountByID(ctx, userID)
	return auth.ToAccount(acct), err
}

// keepAnAdmin refuses a change that leaves an organisation that had an active org admin without one:
// nobody could then invite or manage its members. Checked after the change, inside its transaction.
func keepAnAdmin(ctx context.Context, tx OrgTx, o store.Organization, before store.Account) error {
	if auth.Role(before.Role) != auth.RoleOrgAdmin || !before.Active {
		return nil
	}
	n, err := tx.CountActiveRole(ctx, o.ID, string(auth.RoleOrgAdmin))
	if err != nil {
		return err
	}
	if n == 0 {
		return problem.New(problem.Conflict, "This is the organization's last active admin; make someone else an admin first.")
	}
	return nil
}

func (s *service) Invite(ctx context.Context, p auth.Principal, orgID uuid.UUID, email string, role auth.Role) (Invitation, error) {
	o, err := s.administered(ctx, p, orgID)
	if err != nil {
		return Invitation{}, err
	}
	if !auth.RoleAllowed(auth.OrgKind(o.Kind), role) {
		return Invitation{}, problem.Validation(problem.Field("role", fmt.Sprintf("is not a role of a %s organization", o.Kind)))
	}
	email = auth.NormalizeEmail(email)
	// Whether the address has an account in another organisation is that person's business: the
	// inviting organisation gets the same answer either way, and only the email differs.
	if acct, err := s.db.AccountByEmail(ctx, email); err == nil && acct.OrgID == orgID {
		return Invitation{}, &problem.Error{Kind: problem.Conflict, Detail: "This person is already a member of the organization.",
			Fields: []problem.FieldError{problem.Field("email", "is already a member of the organization")}}
	} else if err != nil && !problem.Is(err, problem.NotFound) {
		return Invitation{}, err
	}
	// The token is made when the email is sent, by the event's job: the request never holds one.
	// Until then the invitation's token is one nobody has.
	row := store.Invitation{
		ID: uuid.New(), OrgID: orgID, Email: email, Role: string(role), TokenHash: crypto.TokenDigest(crypto.NewToken()),
		InvitedBy: p.UserID, ExpiresAt: time.Now().UTC().Add(InvitationTTL),
	}
	event, err := outbox.New(EventInvitationCreated, "invitation/"+row.ID.String(), InvitationCreated{InvitationID: row.ID})
	if err != nil {
		return Invitation{}, err
	}
	err = s.db.Tx(ctx, func(tx OrgTx) error {
		if err := tx.RevokePendingInvitationsFor(ctx, orgID, email); err != nil {
			return err
		}
		if err := tx.CreateInvitation(ctx, &row); err != nil {
			return err
		}
		if err := tx.Emit(ctx, event); err != nil {
			return err
		}
		return tx.Audit(ctx, record(p, orgID, ActionInvitationCreated, "invitation", row.ID, nil,
			map[string]any{"email": email, "role": role, "expires_at": row.ExpiresAt}))
	})
	if err != nil {
		return Invitation{}, err
	}
	return toInvitation(row), nil
}

func (s *service) InvitationEmail(ctx context.Context, invitationID uuid.UUID) (notify.Email, error) {
	inv, err := s.db.PendingInvitationByID(ctx, invitationID)
	if err != nil {
		return notify.Email{}, err
	}
	o, err := s.db.OrganizationByID(ctx, inv.OrgID)
	if err != nil {
		return notify.Email{}, err
	}
	// Whether the address has an account in another organisation is that person's business: the
	// inviting organisation got the same answer either way, and only the email differs.
	_, err = s.db.AccountByEmail(ctx, inv.Email)
	registered := err == nil
	if err != nil && !problem.Is(err, problem.NotFound) {
		return notify.Email{}, err
	}
	token := crypto.NewToken()
	if err := s.db.SetInvitationToken(ctx, inv.ID, crypto.TokenDigest(token)); err != nil {
		return notify.Email{}, err
	}
	return notify.InvitationEmail("invitation-"+inv.ID.String(), inv.Email, notify.Invitation{
		OrgName: o.Name, Role: strings.ReplaceAll(inv.Role, "_", " "),
		HasAccount: registered, Link: s.baseURL + "/invite?token=" + token,
	})
}

func (s *service) Invitations(ctx context.Context, p auth.Principal, orgID uuid.UUID) ([]Invitation, error) {
	if _, err := s.administered(ctx, p, orgID); err != nil {
		return nil, err
	}
	rows, err := s.db.PendingInvitations(ctx, orgID)
	if err != nil {
		return nil, err
	}
	out := make([]Invitation, len(rows))
	for i, r := range rows {
		out[i] = toInvitation(r)
	}
	return out, nil
}

func (s *service) RevokeInvitation(ctx context.Context, p auth.Principal, orgID, invitationID uuid.UUID) error {
	if _, err := s.administered(ctx, p, orgID); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx OrgTx) error {
		if err := tx.RevokeInvitation(ctx, orgID, invitationID); err != nil {
			return err
		}
		return tx.Audit(ctx, record(p, orgID, ActionInvitationRevoked, "invitation", invitationID,
			map[string]any{"status": "pending"}, map[string]any{"status": "revoked"}))
	})
}

var errInvitationGone = problem.New(problem.Gone, "This invitation has expired, was revoked or was already used. Ask for a new one.")

func (s *service) LookupInvitation(ctx context.Context, token string) (InvitationPreview, error) {
	inv, err := s.db.InvitationByDigest(ctx, crypto.TokenDigest(token))
	if problem.Is(err, problem.NotFound) {
		return InvitationPreview{}, errInvitationGone
	}
	if err != nil {
		return InvitationPreview{}, err
	}
	o, err := s.db.OrganizationByID(ctx, inv.OrgID)
	if err != nil {
		return InvitationPreview{}, err
	}
	return InvitationPreview{Email: inv.Email, Role: auth.Role(inv.Role), OrganizationName: o.Name, OrganizationKind: auth.OrgKind(o.Kind), ExpiresAt: inv.ExpiresAt}, nil
}

func (s *service) AcceptInvitation(ctx context.Context, token, name, password string) (auth.Session, error) {
	user, err := newUserRow("", name, password)
	if err != nil {
		return auth.Session{}, err
	}
	err = s.db.Tx(ctx, func(tx OrgTx) error {
		inv, err := tx.InvitationByDigest(ctx, crypto.TokenDigest(token))
		if problem.Is(err, problem.NotFound) {
			return errInvitationGone
		}
		if err != nil {
			return err
		}
		user.Email = inv.Email
		if err := tx.CreateAccount(ctx, user, inv.OrgID, inv.Role); err != nil {
			return err
		}
		if err := tx.MarkInvitationAccepted(ctx, inv.ID); err != nil {
			return err
		}
		invitee := auth.Principal{UserID: user.ID, OrgID: inv.OrgID}
		return tx.Audit(ctx, record(invitee, inv.OrgID, ActionInvitationAccepted, "invitation", inv.ID,
			map[string]any{"status": "pending"}, map[string]any{"status": "accepted", "user_id": user.ID, "role": inv.Role}))
	})
	if err != nil {
		return auth.Session{}, err
	}
	return s.sessions.StartSession(ctx, user.ID)
}

// newUserRow validates a new user's name and password and hashes the password.
func newUserRow(email, name, password string) (store.User, error) {
	var fields []problem.FieldError
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 200 {
		fields = append(fields, problem.Field("name", "must be 1 to 200 characters"))
	}
	if msg := crypto.PasswordProblem(password); msg != "" {
		fields = append(fields, problem.Field("password", msg))
	}
	if len(fields) > 0 {
		return store.User{}, problem.Validation(fields...)
	}
	hash, err := crypto.HashPassword(password)
	if err != nil {
		return store.User{}, err
	}
	return store.User{ID: uuid.New(), Email: auth.NormalizeEmail(email), Name: name, PasswordHash: hash, Active: true}, nil
}

func (s *service) PlatformOrganization(ctx context.Context) (Organization, error) {
	o, err := s.db.OrganizationByName(ctx, PlatformOrganizationName)
	if problem.Is(err, problem.NotFound) {
		return s.ProvisionOrganization(ctx, PlatformOrganizationName, auth.KindPlatform)
	}
	return toOrganization(o), err
}

func (s *service) Provision(ctx context.Context, u NewUser) (auth.Account, error) {
	if !strings.Contains(u.Email, "@") {
		return auth.Account{}, problem.Validation(problem.Field("email", "is not an email address"))
	}
	user, err := newUserRow(u.Email, u.Name, u.Password)
	if err != nil {
		return auth.Account{}, err
	}
	o, err := s.db.OrganizationByID(ctx, u.OrgID)
	if err != nil {
		return auth.Account{}, err
	}
	if !auth.RoleAllowed(auth.OrgKind(o.Kind), u.Role) {
		return auth.Account{}, problem.Validation(problem.Field("role", fmt.Sprintf("is not a role of a %s organization", o.Kind)))
	}
	err = s.db.Tx(ctx, func(tx OrgTx) error { return tx.CreateAccount(ctx, user, u.OrgID, string(u.Role)) })
	if err != nil {
		return auth.Account{}, err
	}
	acct, err := s.db.AccountByID(ctx, user.ID)
	return auth.ToAccount(acct), err
}
