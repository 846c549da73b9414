package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

// auditedCall makes one request named by its request id, and fails the test unless it answers want.
func auditedCall(t *testing.T, env *apptest.Env, requestID string, want int, r apptest.Request) *apptest.Response {
	t.Helper()
	if r.Header == nil {
		r.Header = http.Header{}
	}
	r.Header.Set("X-Request-Id", requestID)
	res := env.Do(t, r)
	if res.Status != want {
		t.Fatalf("%s: %s %s: %d %s", requestID, r.Method, r.Path, res.Status, res.Body)
	}
	return res
}

// auditedFlow does every audited action once through the API, a referral from submission to its
// client's details read by the attorney included, each request with its own request id, and
// returns who was to be recorded for which request.
func auditedFlow(t *testing.T, env *apptest.Env) map[string]auditWant {
	t.Helper()
	firmAdmin, coord, staff := env.Login(t, "admin@hartwell.example", password), env.Login(t, coordinator, password), env.Login(t, nonprofitStaff, password)
	priya := env.Login(t, priyaEmail, password)
	hartwell, northside := orgOf(t, env, firmAdmin), orgOf(t, env, staff)
	want := map[string]auditWant{}

	// Invitations and members.
	var inv struct{ ID string }
	auditedCall(t, env, "invite", http.StatusCreated, apptest.Request{Method: "POST", Path: "/api/v1/organizations/" + hartwell + "/invitations",
		Token: firmAdmin.Token, Body: map[string]string{"email": "revoked@hartwell.example", "role": "attorney"}}).JSON(t, &inv)
	want["invite"] = auditWant{"org.invitation_created", "admin@hartwell.example", hartwell, "invitation", inv.ID}
	auditedCall(t, env, "revoke", http.StatusNoContent, apptest.Request{Method: "DELETE",
		Path: "/api/v1/organizations/" + hartwell + "/invitations/" + inv.ID, Token: firmAdmin.Token})
	want["revoke"] = auditWant{"org.invitation_revoked", "admin@hartwell.example", hartwell, "invitation", inv.ID}
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations/" + hartwell + "/invitations", Token: firmAdmin.Token,
		Body: map[string]string{"email": "newcomer@hartwell.example", "role": "attorney"}}).JSON(t, &inv)
	token := inviteLink.FindStringSubmatch(env.MailTo(t, "newcomer@hartwell.example")[0].Text)[1]
	auditedCall(t, env, "accept-invitation", http.StatusCreated, apptest.Request{Method: "POST", Path: "/api/v1/invitations/accept",
		Body: map[string]string{"token": token, "name": "Nia Newcomer", "password": "a long enough passphrase 42"}})
	want["accept-invitation"] = auditWant{"org.invitation_accepted", "newcomer@hartwell.example", hartwell, "invitation", inv.ID}
	james := userID(t, env, jamesEmail)
	auditedCall(t, env, "role", http.StatusOK, apptest.Request{Method: "PATCH", Path: "/api/v1/organizations/" + hartwell + "/members/" + james,
		Token: firmAdmin.Token, Body: map[string]string{"role": "coordinator"}})
	want["role"] = auditWant{"org.member_updated", "admin@hartwell.example", hartwell, "user", james}
	auditedCall(t, env, "rename", http.StatusOK, apptest.Request{Method: "PATCH", Path: "/api/v1/organizations/" + hartwell,
		Token: firmAdmin.Token, Body: map[string]string{"name": "Hartwell Pierce & Co LLP"}})
	want["rename"] = auditWant{"org.updated", "admin@hartwell.example", hartwell, "organization", hartwell}

	// The registry: an entry added, edited, exported, imported.
	auditedCall(t, env, "add-entry", http.StatusCreated, apptest.Request{Method: "POST", Path: "/api/v1/conflicts/entries", Token: coord.Token,
		Body: map[string]any{"name": "Lakeview Properties Group", "type": "organization", "role": "related", "aliases": []string{}}})
	var registry struct{ Items []struct{ ID, Name string } }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries?q=lakeview", Token: coord.Token}).JSON(t, &registry)
	entry := registry.Items[0].ID
	want["add-entry"] = auditWant{"conflict.entry_added", coordinator, hartwell, "conflict_entry", entry}
	auditedCall(t, env, "edit-entry", http.StatusOK, apptest.Request{Method: "PUT", Path: "/api/v1/conflicts/entries/" + entry, Token: coord.Token,
		Body: map[string]any{"name": "Lakeview Properties Group Inc", "type": "organization", "role": "related", "aliases": []string{"Lakeview Properties Grp"}}})
	want["edit-entry"] = auditWant{"conflict.entry_updated", coordinator, hartwell, "conflict_entry", entry}
	auditedCall(t, env, "export-registry", http.StatusOK, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries/export", Token: coord.Token})
	want["export-registry"] = auditWant{"conflict.registry_exported", coordinator, hartwell, "conflict_registry", hartwell}
	auditedCall(t, env, "import", http.StatusOK, apptest.Request{Method: "POST", Path: "/api/v1/conflicts/imports", Token: coord.Token,
		Header: http.Header{"Content-Type": {"text/csv"}}, Body: csvHeader + "Acme Widgets Inc,organization,client,,M-1\n"})
	want["import"] = auditWant{"conflict.registry_imported", coordinator, hartwell, "conflict_import", ""}

	// A potential hit cleared, with a reason that names the client.
	r1 := createReferral(t, env, staff, referralBody(true))
	hit := getCheck(t, env, coord, r1.ID).Hits[0].ID
	auditedCall(t, env, "clear", http.StatusOK, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + r1.ID + "/conflict-check/hits/" + hit + "/clear",
		Token: coord.Token, Body: map[string]string{"reason": "Not María González's landlord: checked with her advocate."}})
	want["clear"] = auditWant{"conflict.hit_cleared", coordinator, hartwell, "conflict_hit", hit}

	// An offer accepted, and the client's details read.
	offer := routeOffers(t, env, coord, createReferral(t, env, staff, offerableBody()).ID, userID(t, env, priyaEmail))[0].ID
	var m matterView
	auditedCall(t, env, "accept", http.StatusCreated, apptest.Request{Method: "POST", Path: "/api/v1/offers/" + offer + "/accept",
		Token: priya.Token, Body: map[string]bool{"attest_no_conflict": true}}).JSON(t, &m)
	want["accept"] = auditWant{"offer.accepted", priyaEmail, hartwell, "offer", offer}
	auditedCall(t, env, "reveal", http.StatusOK, apptest.Request{Method: "GET", Path: "/api/v1/matters/" + m.ID, Token: priya.Token}).JSON(t, &m)
	if m.Client == nil || m.Client.Name != "María González" {
		t.Fatalf("the matter shows no client: %+v", m)
	}
	want["reveal"] = auditWant{"matter.client_revealed", priyaEmail, hartwell, "matter", m.ID}

	// The referring organisation discloses its client's name to the coordinator who asked.
	_, r3, clientHit := withheldHit(t, env)
	var q inquiryView
	ask(t, env, coord, r3.ID, clientHit, "disclose_name").JSON(t, &q)
	auditedCall(t, env, "disclose", http.StatusOK, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + r3.ID + "/conflict-inquiries/" + q.ID + "/answer",
		Token: staff.Token, Body: map[string]string{"answer": "disclose"}})
	want["disclose"] = auditWant{"conflict.inquiry_answered", nonprofitStaff, northside, "conflict_inquiry", q.ID}

	auditedCall(t, env, "delete-entry", http.StatusNoContent, apptest.Request{Method: "DELETE", Path: "/api/v1/conflicts/entries/" + entry, Token: coord.Token})
	want["delete-entry"] = auditWant{"conflict.entry_deleted", coordinator, hartwell, "conflict_entry", entry}
	auditedCall(t, env, "sign-out", http.StatusNoContent, apptest.Request{Method: "POST", Path: "/api/v1/auth/logout", Cookies: []*http.Cookie{priya.Refresh}})
	want["sign-out"] = auditWant{"auth.signed_out", priyaEmail, hartwell, "user", userID(t, env, priyaEmail)}
	return want
}

// auditWant is the entry one request of auditedFlow must have left.
type auditWant struct{ action, actor, org, objectType, objectID string }

func TestAudit_EveryAuditedActionIsRecordedWithActorOrganisationRequestAndAddress(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	wants := auditedFlow(t, env)
	admin := env.Login(t, "admin@probono.example", password)
	got := map[string][]auditEntry{}
	for _, e := range auditEntries(t, env, admin, url.Values{}) {
		got[e.RequestID] = append(got[e.RequestID], e)
	}
	for requestID, w := range wants {
		entries := got[requestID]
		if len(entries) != 1 {
			t.Errorf("%s: %d entries, want 1: %+v", requestID, len(entries), entries)
			continue
		}
		e := entries[0]
		if e.Action != w.action || e.ActorID != userID(t, env, w.actor) || e.OrgID != w.org || e.ObjectType != w.objectType ||
			(w.objectID != "" && e.ObjectID != w.objectID) || e.ObjectID == "" || e.IP != "127.0.0.1" {
			t.Errorf("%s: %+v, want %+v", requestID, e, w)
		}
	}
	role := got["role"][0]
	if role.Before["role"] != "attorney" || role.After["role"] != "coordinator" || role.After["active"] != true {
		t.Errorf("role change: %+v", role)
	}
	if edit := got["edit-entry"][0]; edit.After["names_changed"] != true || edit.After["aliases"] != float64(1) || edit.Before["aliases"] != float64(0) {
		t.Errorf("entry edit: %+v", edit)
	}
	if accept := got["accept"][0]; accept.Before["status"] != "pending" || accept.After["status"] != "accepted" || accept.After["matter_id"] == nil {
		t.Errorf("acceptance: %+v", accept)
	}
	if disclose := got["disclose"][0]; disclose.After["answer"] != "disclose" || disclose.After["question"] != "disclose_name" {
		t.Errorf("disclosure: %+v", disclose)
	}
	if v := verifyAudit(t, env, admin); !v.OK {
		t.Errorf("verify: %+v", v)
	}

	// Other organisations' admins and coordinators see none of it, even asking for its objects.
	for _, email := range []string{"admin@castellan.example", "coordinator@castellan.example", "admin@riverbend.example", "admin@lakeshore-pd.example"} {
		s := env.Login(t, email, password)
		own := env.Principal(t, email).OrgID.String()
		for _, e := range auditEntries(t, env, s, url.Values{}) {
			if _, flow := wants[e.RequestID]; flow || e.OrgID != own {
				t.Errorf("%s sees %+v", email, e)
			}
		}
		for requestID, w := range wants {
			if w.objectID == "" {
				continue
			}
			if seen := auditEntries(t, env, s, url.Values{"object_id": {w.objectID}, "object_type": {w.objectType}}); len(seen) > 0 {
				t.Errorf("%s sees the entries of %s's object: %+v", email, requestID, seen)
			}
		}
	}
}

func TestAudit_NoClientOrPartyNameIsInTheTrail(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	auditedFlow(t, env)
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var trail string
	if err := db.QueryRowContext(context.Background(), `SELECT string_agg(t::text, '|') FROM audit_log t`).Scan(&trail); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(trail, "offer.accepted") || !strings.Contains(trail, "matter.client_revealed") {
		t.Fatalf("the flow left no trail: %.300s", trail)
	}
	lower := strings.ToLower(trail)
	for _, secret := range []string{"maría", "maria", "gonzález", "gonzalez", "gonzales", "maria@example.org", "312-555-0100",
		"1985-04-12", "prefers calls", "lakeview", "granite", "acme widgets", "eviction", "advocate"} {
		if strings.Contains(lower, secret) {
			t.Errorf("the trail holds %q", secret)
		}
	}
}

func TestAudit_SessionsEndingAndPasswordsChangingAreRecorded(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	s := env.Login(t, coordinator, password)
	auditedCall(t, env, "refresh", http.StatusOK, apptest.Request{Method: "POST", Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{s.Refresh}})
	// The first refresh token comes back once it was used: someone holds a copy.
	auditedCall(t, env, "reuse", http.StatusUnauthorized, apptest.Request{Method: "POST", Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{s.Refresh}})
	s = env.Login(t, coordinator, password)
	auditedCall(t, env, "password", http.StatusOK, apptest.Request{Method: "PATCH", Path: "/api/v1/me", Token: s.Token,
		Body: map[string]string{"current_password": password, "new_password": "a brand new passphrase"}})

	dana := env.Principal(t, coordinator)
	got := map[string][]auditEntry{}
	for _, e := range auditEntries(t, env, env.Login(t, "admin@hartwell.example", password), url.Values{"object_id": {dana.UserID.String()}}) {
		got[e.RequestID] = append(got[e.RequestID], e)
	}
	if len(got["refresh"]) != 0 {
		t.Errorf("an ordinary refresh is recorded: %+v", got["refresh"])
	}
	for id, action := range map[string]string{"reuse": "auth.refresh_token_reused", "password": "auth.password_changed"} {
		if len(got[id]) != 1 || got[id][0].Action != action || got[id][0].ActorID != dana.UserID.String() || got[id][0].OrgID != dana.OrgID.String() {
			t.Errorf("%s: %+v", id, got[id])
		}
	}
	if strings.Contains(fmt.Sprint(got["password"]), "passphrase") {
		t.Errorf("the new password is in the trail: %+v", got["password"])
	}
}
