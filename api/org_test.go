package api_test

import (
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

type member struct {
	ID     string `json:"id"`
	Email  string `json:"email"`
	Name   string `json:"name"`
	Role   string `json:"role"`
	Active bool   `json:"active"`
}

// orgOf returns the organisation id of a signed-in user.
func orgOf(t *testing.T, env *apptest.Env, s apptest.Session) string {
	t.Helper()
	var m me
	getMe(t, env, s.Token).JSON(t, &m)
	return m.Organization.ID
}

func members(t *testing.T, env *apptest.Env, s apptest.Session, orgID string) map[string]member {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/organizations/" + orgID + "/members", Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("members: %d %s", r.Status, r.Body)
	}
	var list struct{ Items []member }
	r.JSON(t, &list)
	byEmail := map[string]member{}
	for _, m := range list.Items {
		byEmail[m.Email] = m
	}
	return byEmail
}

var inviteLink = regexp.MustCompile(`/invite\?token=([A-Za-z0-9_-]+)`)

func TestInvitation_InviteeSetsNameAndPasswordAndJoinsWithPresetRole(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@northside.example", password)
	orgID := orgOf(t, env, admin)
	invitations := "/api/v1/organizations/" + orgID + "/invitations"

	p := env.Do(t, apptest.Request{Method: "POST", Path: invitations, Token: admin.Token,
		Body: map[string]string{"email": "new.staff@northside.example", "role": "attorney"}}).Problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "role" {
		t.Fatalf("a nonprofit cannot have attorneys: %+v", p)
	}
	env.Do(t, apptest.Request{Method: "POST", Path: invitations, Token: admin.Token,
		Body: map[string]string{"email": "staff@northside.example", "role": "nonprofit_staff"}}).Problem(t, http.StatusConflict)

	r := env.Do(t, apptest.Request{Method: "POST", Path: invitations, Token: admin.Token,
		Body: map[string]string{"email": "New.Staff@northside.example", "role": "nonprofit_staff"}})
	if r.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	var pending struct{ Items []struct{ Email string } }
	env.Do(t, apptest.Request{Method: "GET", Path: invitations, Token: admin.Token}).JSON(t, &pending)
	if len(pending.Items) != 1 || pending.Items[0].Email != "new.staff@northside.example" {
		t.Fatalf("pending invitations: %+v", pending)
	}
	mails := env.MailTo(t, "new.staff@northside.example")
	if len(mails) != 1 {
		t.Fatalf("want one invitation email, got %d", len(mails))
	}
	token := inviteLink.FindStringSubmatch(mails[0].Text)[1]

	var preview struct {
		Email            string `json:"email"`
		Role             string `json:"role"`
		OrganizationName string `json:"organization_name"`
		OrganizationKind string `json:"organization_kind"`
	}
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/invitations/lookup", Body: map[string]string{"token": token}}).JSON(t, &preview)
	if preview.OrganizationName != "Northside Legal Aid Society" || preview.OrganizationKind != "nonprofit" || preview.Role != "nonprofit_staff" ||
		preview.Email != "new.staff@northside.example" {
		t.Fatalf("preview: %+v", preview)
	}

	accept := func(pw string) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/invitations/accept",
			Body: map[string]string{"token": token, "name": "Noor Haddad", "password": pw}})
	}
	accept("short").Problem(t, http.StatusUnprocessableEntity)
	r = accept("a long enough passphrase")
	if r.Status != http.StatusCreated {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	s := apptest.TokenFrom(t, r)
	var m me
	getMe(t, env, s.Token).JSON(t, &m)
	if m.Name != "Noor Haddad" || m.Role != "nonprofit_staff" || m.Organization.ID != orgID {
		t.Fatalf("new member: %+v", m)
	}
	accept("a long enough passphrase").Problem(t, http.StatusGone) // single use
	env.Login(t, "new.staff@northside.example", "a long enough passphrase")
}

func TestInvitation_RevokedCannotBeAccepted(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@hartwell.example", password)
	invitations := "/api/v1/organizations/" + orgOf(t, env, admin) + "/invitations"
	var inv struct{ ID string }
	env.Do(t, apptest.Request{Method: "POST", Path: invitations, Token: admin.Token,
		Body: map[string]string{"email": "lateral@hartwell.example", "role": "attorney"}}).JSON(t, &inv)
	token := inviteLink.FindStringSubmatch(env.MailTo(t, "lateral@hartwell.example")[0].Text)[1]
	if r := env.Do(t, apptest.Request{Method: "DELETE", Path: invitations + "/" + inv.ID, Token: admin.Token}); r.Status != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", r.Status, r.Body)
	}
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/invitations/accept",
		Body: map[string]string{"token": token, "name": "Lee Lateral", "password": "a long enough passphrase"}}).Problem(t, http.StatusGone)
}

func TestDeactivatedMember_TokensStopWorkingAtOnceAndStayVoidAfterReactivation(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@hartwell.example", password)
	attorney := env.Login(t, "priya.raman@hartwell.example", password)
	orgID := orgOf(t, env, admin)
	setActive := memberActivation(t, env, admin, orgID, "priya.raman@hartwell.example")

	setActive(false)
	getMe(t, env, attorney.Token).Problem(t, http.StatusUnauthorized)
	refresh(t, env, attorney.Refresh).Problem(t, http.StatusUnauthorized)
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": "priya.raman@hartwell.example", "password": password}}).Problem(t, http.StatusUnauthorized)

	setActive(true)
	getMe(t, env, attorney.Token).Problem(t, http.StatusUnauthorized)
	refresh(t, env, attorney.Refresh).Problem(t, http.StatusUnauthorized)
	again := env.Login(t, "priya.raman@hartwell.example", password)
	if r := getMe(t, env, again.Token); r.Status != http.StatusOK {
		t.Fatalf("a token issued after reactivation must work: %d %s", r.Status, r.Body)
	}
}

func TestDeactivatedMember_ARefreshRacingTheDeactivationYieldsNoLastingSession(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@hartwell.example", password)
	orgID := orgOf(t, env, admin)
	setActive := memberActivation(t, env, admin, orgID, "priya.raman@hartwell.example")
	for range 5 {
		before := env.Login(t, "priya.raman@hartwell.example", password)
		var won *apptest.Response
		var wg sync.WaitGroup
		wg.Go(func() { setActive(false) })
		wg.Go(func() { won = refresh(t, env, before.Refresh) })
		wg.Wait()
		setActive(true)
		if won.Status == http.StatusOK {
			s := apptest.TokenFrom(t, won)
			getMe(t, env, s.Token).Problem(t, http.StatusUnauthorized)
			refresh(t, env, s.Refresh).Problem(t, http.StatusUnauthorized)
		}
	}
}

// memberActivation returns a function that activates or deactivates the member of orgID with email.
func memberActivation(t *testing.T, env *apptest.Env, admin apptest.Session, orgID, email string) func(active bool) {
	t.Helper()
	path := "/api/v1/organizations/" + orgID + "/members/" + members(t, env, admin, orgID)[email].ID
	return func(active bool) {
		r := env.Do(t, apptest.Request{Method: "PATCH", Path: path, Token: admin.Token, Body: map[string]any{"active": active}})
		if r.Status != http.StatusOK {
			t.Errorf("set active %t: %d %s", active, r.Status, r.Body)
		}
	}
}

func TestUpdateMember_RolesAndTheLastAdmin(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@hartwell.example", password)
	orgID := orgOf(t, env, admin)
	byEmail := members(t, env, admin, orgID)
	path := func(email string) string {
		return "/api/v1/organizations/" + orgID + "/members/" + byEmail[email].ID
	}
	patch := func(email string, body any) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "PATCH", Path: path(email), Token: admin.Token, Body: body})
	}
	patch("james.okafor@hartwell.example", map[string]string{"role": "nonprofit_staff"}).Problem(t, http.StatusUnprocessableEntity)
	patch("admin@hartwell.example", map[string]any{"active": false}).Problem(t, http.StatusConflict)
	patch("admin@hartwell.example", map[string]string{"role": "attorney"}).Problem(t, http.StatusConflict)

	var m member
	r := patch("james.okafor@hartwell.example", map[string]string{"role": "org_admin"})
	r.JSON(t, &m)
	if r.Status != http.StatusOK || m.Role != "org_admin" {
		t.Fatalf("promote: %d %s", r.Status, r.Body)
	}
	// With a second admin, the first may step down.
	if r := patch("admin@hartwell.example", map[string]string{"role": "attorney"}); r.Status != http.StatusOK {
		t.Fatalf("step down: %d %s", r.Status, r.Body)
	}
	if got := members(t, env, env.Login(t, "james.okafor@hartwell.example", password), orgID)["admin@hartwell.example"].Role; got != "attorney" {
		t.Fatalf("role = %q", got)
	}
}

func TestCreateOrganization_OnlyPlatformAdmins(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	body := map[string]string{"name": "Eastside Immigrant Justice Clinic", "kind": "clinic"}
	coordinator := env.Login(t, coordinator, password)
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations", Token: coordinator.Token, Body: body}).Problem(t, http.StatusForbidden)

	admin := env.Login(t, "admin@probono.example", password)
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations", Token: admin.Token, Body: body})
	if r.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	var list struct{ Items []struct{ Name string } }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/organizations", Token: coordinator.Token}).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].Name != "Hartwell & Pierce LLP" {
		t.Fatalf("a coordinator sees only their own organisation, got %+v", list.Items)
	}
}

type organizationView struct {
	ID            string  `json:"id"`
	Name          string  `json:"name"`
	Active        bool    `json:"active"`
	DeactivatedAt *string `json:"deactivated_at"`
}

func TestDeactivatedOrganization_MembersCannotSignInOrUseTokensUntilReactivated(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	platform := env.Login(t, "admin@probono.example", password)
	firmAdmin := env.Login(t, "admin@hartwell.example", password)
	attorney := env.Login(t, "priya.raman@hartwell.example", password)
	orgID := orgOf(t, env, firmAdmin)
	invitations := "/api/v1/organizations/" + orgID + "/invitations"
	env.Do(t, apptest.Request{Method: "POST", Path: invitations, Token: firmAdmin.Token,
		Body: map[string]string{"email": "lateral@hartwell.example", "role": "attorney"}})
	invite := inviteLink.FindStringSubmatch(env.MailTo(t, "lateral@hartwell.example")[0].Text)[1]
	setActive := func(s apptest.Session, active bool) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/organizations/" + orgID, Token: s.Token, Body: map[string]any{"active": active}})
	}

	setActive(firmAdmin, false).Problem(t, http.StatusForbidden) // an org admin cannot switch their own organisation off
	var o organizationView
	r := setActive(platform, false)
	r.JSON(t, &o)
	if r.Status != http.StatusOK || o.Active || o.DeactivatedAt == nil {
		t.Fatalf("deactivate: %d %s", r.Status, r.Body)
	}
	for _, s := range []apptest.Session{firmAdmin, attorney} {
		getMe(t, env, s.Token).Problem(t, http.StatusUnauthorized)
		refresh(t, env, s.Refresh).Problem(t, http.StatusUnauthorized)
	}
	login := func(pw string) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
			Body: map[string]string{"email": "priya.raman@hartwell.example", "password": pw}})
	}
	// The right password is told why it does not work; a wrong one learns nothing new.
	if p := login(password).Problem(t, http.StatusForbidden); !strings.Contains(p.Detail, "deactivated") {
		t.Fatalf("signing in to a deactivated organisation should say so: %+v", p)
	}
	if p := login("not-the-password").Problem(t, http.StatusUnauthorized); strings.Contains(p.Detail, "deactivated") {
		t.Fatalf("a wrong password must not learn that the organisation is deactivated: %+v", p)
	}
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/invitations/lookup", Body: map[string]string{"token": invite}}).Problem(t, http.StatusGone)
	// Other organisations carry on.
	if r := getMe(t, env, env.Login(t, nonprofitStaff, password).Token); r.Status != http.StatusOK {
		t.Fatalf("another organisation's member: %d", r.Status)
	}

	var list struct{ Items []organizationView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/organizations", Token: platform.Token}).JSON(t, &list)
	for _, item := range list.Items {
		if item.Active != (item.ID != orgID) {
			t.Fatalf("the platform admin's list shows which organisation is deactivated: %+v", list.Items)
		}
	}

	var back organizationView
	r = setActive(platform, true)
	r.JSON(t, &back)
	if r.Status != http.StatusOK || !back.Active || back.DeactivatedAt != nil {
		t.Fatalf("reactivate: %d %s", r.Status, r.Body)
	}
	// Reactivation lets members sign in again but brings no session back.
	for _, s := range []apptest.Session{firmAdmin, attorney} {
		getMe(t, env, s.Token).Problem(t, http.StatusUnauthorized)
		refresh(t, env, s.Refresh).Problem(t, http.StatusUnauthorized)
	}
	if r := getMe(t, env, env.Login(t, "priya.raman@hartwell.example", password).Token); r.Status != http.StatusOK {
		t.Fatalf("a token issued after reactivation must work: %d %s", r.Status, r.Body)
	}
	if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/invitations/lookup", Body: map[string]string{"token": invite}}); r.Status != http.StatusOK {
		t.Fatalf("a pending invitation works again after reactivation: %d %s", r.Status, r.Body)
	}
}

func TestDeactivateOrganization_WhoMayAndWhichOrganisations(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	platform := env.Login(t, "admin@probono.example", password)
	firmAdmin := env.Login(t, "admin@hartwell.example", password)
	nonprofitAdmin := env.Login(t, "admin@northside.example", password)
	firmID, platformID := orgOf(t, env, firmAdmin), orgOf(t, env, platform)
	for _, tc := range []struct {
		name   string
		caller apptest.Session
		orgID  string
		status int
	}{
		{"another organisation's admin", nonprofitAdmin, firmID, http.StatusNotFound},
		{"one of its own attorneys", env.Login(t, "priya.raman@hartwell.example", password), firmID, http.StatusForbidden},
		{"the platform's own organisation", platform, platformID, http.StatusUnprocessableEntity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/organizations/" + tc.orgID, Token: tc.caller.Token,
				Body: map[string]any{"active": false}}).Problem(t, tc.status)
		})
	}
	// A platform admin renames an organisation and changes its settings.
	var o organizationView
	r := env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/organizations/" + orgOf(t, env, nonprofitAdmin), Token: platform.Token,
		Body: map[string]any{"name": "Northside Legal Aid Society", "limited_scope_program": true}})
	r.JSON(t, &o)
	if r.Status != http.StatusOK || o.Name != "Northside Legal Aid Society" || !o.Active {
		t.Fatalf("platform admin edit: %d %s", r.Status, r.Body)
	}
}

func TestDeactivateOrganization_ParallelDeactivationsAllEndTheSessions(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	platform := env.Login(t, "admin@probono.example", password)
	attorney := env.Login(t, "priya.raman@hartwell.example", password)
	orgID := orgOf(t, env, attorney)
	statuses := make(chan int, 8)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses <- env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/organizations/" + orgID, Token: platform.Token,
				Body: map[string]any{"active": i%4 == 3}}).Status
		}()
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusOK {
			t.Fatalf("a parallel change answered %d", s)
		}
	}
	refresh(t, env, attorney.Refresh).Problem(t, http.StatusUnauthorized) // every deactivation revoked it
	var o organizationView
	env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/organizations/" + orgID, Token: platform.Token,
		Body: map[string]any{"active": false}}).JSON(t, &o)
	if o.Active || o.DeactivatedAt == nil {
		t.Fatalf("after the race the organisation can still be deactivated: %+v", o)
	}
}
