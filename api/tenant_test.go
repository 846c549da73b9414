package api_test

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/uuid"

	probono "github.com/probono-match/probono"
	"github.com/probono-match/probono/internal/apptest"
)

// foreigners are users of every role in organisations other than the owners of the objects under
// test: Hartwell & Pierce LLP (a law firm) and Northside Legal Aid Society (a nonprofit).
var foreigners = []string{
	"wei.zhang@castellan.example",   // attorney, another law firm
	"coordinator@castellan.example", // coordinator, another law firm
	"admin@castellan.example",       // org admin, another law firm
	"staff@riverbend.example",       // nonprofit staff, another nonprofit
	"admin@riverbend.example",       // org admin, another nonprofit
	"staff@lakeshore-pd.example",    // public defender staff
	"admin@lakeshore-pd.example",    // org admin, public defender
}

// objectRoute is one operation on an object that belongs to an organisation. Every operation in
// openapi.yaml with a path parameter must be listed here, so each new endpoint joins the test.
type objectRoute struct {
	method, template string
	body             any
}

// northsideDraft is the referral the routes act on: a draft, which only its own organisation sees.
var northsideDraft = referralBody(false)

var objectRoutes = []objectRoute{
	{"GET", "/organizations/{orgId}", nil},
	{"PATCH", "/organizations/{orgId}", map[string]string{"name": "Taken Over LLP"}},
	{"GET", "/organizations/{orgId}/members", nil},
	{"PATCH", "/organizations/{orgId}/members/{userId}", map[string]any{"active": false}},
	{"GET", "/organizations/{orgId}/invitations", nil},
	{"POST", "/organizations/{orgId}/invitations", map[string]string{"email": "mole@elsewhere.example", "role": "attorney"}},
	{"DELETE", "/organizations/{orgId}/invitations/{invitationId}", nil},
	{"GET", "/attorneys/{userId}", nil},
	{"PUT", "/attorneys/{userId}", attorneyProfileBody()},
	{"PUT", "/conflicts/entries/{entryId}", map[string]string{"name": "Taken Over Inc", "type": "organization", "role": "adverse"}},
	{"DELETE", "/conflicts/entries/{entryId}", nil},
	{"GET", "/referrals/{referralId}", nil},
	{"PUT", "/referrals/{referralId}", northsideDraft},
	{"POST", "/referrals/{referralId}/transitions", map[string]string{"to": "submitted"}},
	{"GET", "/referrals/{referralId}/history", nil},
	{"GET", "/referrals/{referralId}/candidates", nil},
	{"GET", "/referrals/{referralId}/candidates/{attorneyId}", nil},
	{"GET", "/referrals/{referralId}/conflict-check", nil},
	{"POST", "/referrals/{referralId}/conflict-check", nil},
	{"POST", "/referrals/{referralId}/conflict-check/hits/{hitId}/clear", map[string]string{"reason": "Different person: checked the date of birth."}},
	{"POST", "/referrals/{referralId}/conflict-check/hits/{hitId}/inquiries", map[string]string{"question": "disclose_name"}},
	{"GET", "/referrals/{referralId}/conflict-inquiries", nil},
	{"POST", "/referrals/{referralId}/conflict-inquiries/{inquiryId}/answer", map[string]string{"answer": "disclose"}},
	{"POST", "/referrals/{referralId}/offers", map[string]any{"mode": "routed", "attorney_ids": []string{"00000000-0000-4000-8000-000000000003"}}},
	{"POST", "/referrals/{referralId}/interest", map[string]bool{"attest_no_conflict": true}},
	{"GET", "/referrals/{referralId}/timeline", nil},
	{"GET", "/offers/{offerId}", nil},
	{"POST", "/offers/{offerId}/accept", map[string]bool{"attest_no_conflict": true}},
	{"POST", "/offers/{offerId}/decline", map[string]string{"reason": "no_capacity"}},
	{"POST", "/offers/{offerId}/confirm", nil},
	{"GET", "/matters/{matterId}", nil},
	{"POST", "/matters/{matterId}/start", nil},
	{"POST", "/matters/{matterId}/withdraw", map[string]string{"reason": "no_capacity"}},
	{"POST", "/matters/{matterId}/close", map[string]any{"outcome": "counsel_advice", "goal_met": true, "hours": 1.5}},
	{"GET", "/matters/{matterId}/feedback", nil},
	{"POST", "/matters/{matterId}/feedback", map[string]any{"satisfaction": 1, "comment": "Planted."}},
	{"POST", "/matters/{matterId}/feedback-links", nil},
	{"POST", "/notifications/{notificationId}/read", nil},
	{"GET", "/conflicts/imports/{id}", nil},
	{"GET", "/partnerships/{partnershipId}", nil},
	{"PUT", "/partnerships/{partnershipId}", partnershipBody(uuid.NewString(), uuid.NewString())},
	{"DELETE", "/partnerships/{partnershipId}", nil},
	{"POST", "/proposals/{proposalId}/send", nil},
	{"POST", "/proposals/{proposalId}/dismiss", nil},
	{"GET", "/time-entries/{timeEntryId}", nil},
	{"PATCH", "/time-entries/{timeEntryId}", map[string]int{"minutes": 60}},
	{"DELETE", "/time-entries/{timeEntryId}", nil},
	{"POST", "/time-entries/{timeEntryId}/submit", nil},
	{"POST", "/time-entries/{timeEntryId}/approve", nil},
	{"POST", "/time-entries/{timeEntryId}/reject", map[string]string{"reason": "Taken over."}},
	{"POST", "/time-entries/{timeEntryId}/adjust", map[string]any{"minutes": -6, "narrative": "Taken over."}},
	{"GET", "/credit/attorneys/{attorneyId}", nil},
	{"GET", "/credit/firms/{firmId}", nil},
	{"PUT", "/credit/firms/{firmId}/billable-hours/{year}", map[string]any{"billable_hours": 1, "attorneys": 1}},
}

// hartwellObjects signs in Hartwell's org admin and creates one object of each kind the routes
// name: the firm, a member who is an attorney, a pending invitation, a conflict registry entry, an import,
// a notification of the admin's, Northside's draft referral, the firm's partnership with Northside,
// a pending offer to Priya of another Northside referral, Priya's matter of a third with a
// submitted time entry of hers, and the nightly matching's proposal of a fourth to James. The replacer fills a route's template with them.
func hartwellObjects(t *testing.T, env *apptest.Env) (owner apptest.Session, orgID string, ids *strings.Replacer) {
	t.Helper()
	owner = env.Login(t, "admin@hartwell.example", password)
	orgID = orgOf(t, env, owner)
	member := members(t, env, owner, orgID)["priya.raman@hartwell.example"]
	var inv, entry struct{ ID string }
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations/" + orgID + "/invitations", Token: owner.Token,
		Body: map[string]string{"email": "incoming@hartwell.example", "role": "attorney"}}).JSON(t, &inv)
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/conflicts/entries", Token: owner.Token,
		Body: map[string]string{"name": "Harbor Freight Logistics Inc", "type": "organization", "role": "client"}}).JSON(t, &entry)
	northside := env.Login(t, nonprofitStaff, password)
	draft := createReferral(t, env, northside, northsideDraft)
	partnership := createPartnership(t, env, owner, partnershipBody(orgID, orgOf(t, env, northside)))
	var imported struct{ Recheck struct{ ID string } }
	importCSV(t, env, owner, "partial", csvHeader+"Harbor Point Holdings,organization,adverse,,M-9\n").JSON(t, &imported)
	notifyEvent(t, env, conflictEvent(t, env, "admin@hartwell.example"))
	notification := listNotifications(t, env, owner, "").Items[0]
	offerID, matterID := priyasOfferAndMatter(t, env)
	timeEntry := logTime(t, env, env.Login(t, priyaEmail, password), matterID, attorneyDay(0), 60, true)
	_, proposal := jamesProposal(t, env)
	return owner, orgID, strings.NewReplacer("{notificationId}", notification.ID, "{orgId}", orgID, "{userId}", member.ID, "{invitationId}", inv.ID,
		"{entryId}", entry.ID, "{referralId}", draft.ID, "{hitId}", "00000000-0000-4000-8000-000000000001",
		"{inquiryId}", "00000000-0000-4000-8000-000000000002", "{id}", imported.Recheck.ID, "{partnershipId}", partnership.ID,
		"{offerId}", offerID, "{matterId}", matterID, "{attorneyId}", member.ID, "{proposalId}", proposal.ID,
		"{timeEntryId}", timeEntry.ID, "{firmId}", orgID, "{year}", "2026")
}

// callRoute runs each object route as s, in a subtest named after the user and the route.
func callRoute(t *testing.T, env *apptest.Env, email string, ids *strings.Replacer, check func(t *testing.T, key string, res *apptest.Response)) {
	t.Helper()
	s := env.Login(t, email, password)
	for _, r := range objectRoutes {
		key := r.method + " " + r.template
		t.Run(email+" "+key, func(t *testing.T) {
			check(t, key, env.Do(t, apptest.Request{Method: r.method, Path: "/api/v1" + ids.Replace(r.template), Token: s.Token, Body: r.body}))
		})
	}
}

// roleGated are the routes a role either may use in its own organisation or never: a caller without
// the role gets 403 whatever the object, which reveals nothing about it.
var roleGated = map[string]bool{"PUT /conflicts/entries/{entryId}": true, "DELETE /conflicts/entries/{entryId}": true,
	"GET /conflicts/imports/{id}": true}

func TestCrossTenant_EveryObjectEndpointAnswers404ToEveryForeignRole(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	owner, orgID, ids := hartwellObjects(t, env)
	for _, email := range foreigners {
		callRoute(t, env, email, ids, func(t *testing.T, key string, res *apptest.Response) {
			if roleGated[key] && res.Status == http.StatusForbidden {
				res.Problem(t, http.StatusForbidden)
				return
			}
			res.Problem(t, http.StatusNotFound)
		})
	}

	// Nothing changed.
	var o struct{ Name string }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/organizations/" + orgID, Token: owner.Token}).JSON(t, &o)
	if o.Name != "Hartwell & Pierce LLP" {
		t.Fatalf("organisation renamed to %q", o.Name)
	}
	if !members(t, env, owner, orgID)["priya.raman@hartwell.example"].Active {
		t.Fatal("member deactivated by a foreigner")
	}
	var pending struct{ Items []struct{ Email string } }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/organizations/" + orgID + "/invitations", Token: owner.Token}).JSON(t, &pending)
	if len(pending.Items) != 1 || pending.Items[0].Email != "incoming@hartwell.example" {
		t.Fatalf("invitations changed: %+v", pending.Items)
	}
	var registry struct {
		Total int
		Items []struct{ Name string }
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries", Token: owner.Token}).JSON(t, &registry)
	if registry.Total != 2 || !slices.ContainsFunc(registry.Items, func(e struct{ Name string }) bool { return e.Name == "Harbor Freight Logistics Inc" }) {
		t.Fatalf("registry changed: %+v", registry)
	}
	var draft referralView
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1" + ids.Replace("/referrals/{referralId}"),
		Token: env.Login(t, nonprofitStaff, password).Token}).JSON(t, &draft)
	if draft.Status != "draft" {
		t.Fatalf("the draft was moved to %s", draft.Status)
	}
	var profile struct {
		UpdatedAt *string `json:"updated_at"`
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1" + ids.Replace("/attorneys/{userId}"), Token: owner.Token}).JSON(t, &profile)
	if profile.UpdatedAt != nil {
		t.Fatal("the attorney's profile was written")
	}
	if n := unreadCount(t, env, owner); n != 1 {
		t.Fatalf("the admin's notification was marked read: %d unread", n)
	}
	if r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1" + ids.Replace("/partnerships/{partnershipId}"), Token: owner.Token}); r.Status != http.StatusOK || r.Header.Get("ETag") != `"1"` {
		t.Fatalf("the partnership was changed: %d, ETag %q", r.Status, r.Header.Get("ETag"))
	}
	priya := env.Login(t, priyaEmail, password)
	if o := getOffer(t, env, priya, ids.Replace("{offerId}")); o.Status != "pending" {
		t.Fatalf("Priya's offer is %s", o.Status)
	}
	var m matterView
	getMatter(t, env, priya, ids.Replace("{matterId}")).JSON(t, &m)
	if m.Status != "active" || m.Referral.Status != "accepted" {
		t.Fatalf("Priya's matter changed: %+v", m)
	}
	if live := listProposals(t, env, owner, ""); len(live) != 1 || live[0].ID != ids.Replace("{proposalId}") {
		t.Fatalf("the proposal was sent or dismissed: %+v", live)
	}
	var entry timeEntryView
	getTimeEntry(t, env, priya, ids.Replace("{timeEntryId}")).JSON(t, &entry)
	if entry.Status != "submitted" || entry.Minutes != 60 || entry.Version != 1 {
		t.Fatalf("Priya's time entry changed: %+v", entry)
	}
	if ch := firmCredit(t, env, owner, orgID, "?fiscal_year=2026").Challenge; ch.BillableHours != nil {
		t.Fatalf("billable hours were entered: %+v", ch)
	}
}

// priyasOfferAndMatter routes two Northside referrals to Priya and accepts the second: a pending
// offer, and a matter.
func priyasOfferAndMatter(t *testing.T, env *apptest.Env) (offerID, matterID string) {
	t.Helper()
	staff, coord, priya := env.Login(t, nonprofitStaff, password), env.Login(t, coordinator, password), env.Login(t, priyaEmail, password)
	priyaID := userID(t, env, priyaEmail)
	pending := routeOffers(t, env, coord, createReferral(t, env, staff, offerableBody()).ID, priyaID)
	taken := routeOffers(t, env, coord, createReferral(t, env, staff, offerableBody()).ID, priyaID)
	var m matterView
	acceptOffer(t, env, priya, taken[0].ID).JSON(t, &m)
	return pending[0].ID, m.ID
}

func TestSameTenant_RolesWithoutTheRightGet403(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	_, _, ids := hartwellObjects(t, env)

	// An attorney may read their own firm but manage nothing, not even a colleague's profile; a
	// coordinator may also list members and manage attorneys and the registry.
	readable := map[string]map[string]bool{
		jamesEmail: {"GET /organizations/{orgId}": true},
		coordinator: {"GET /organizations/{orgId}": true, "GET /organizations/{orgId}/members": true,
			"GET /offers/{offerId}": true, "GET /matters/{matterId}": true,
			"GET /attorneys/{userId}": true, "PUT /attorneys/{userId}": true,
			"PUT /conflicts/entries/{entryId}": true, "DELETE /conflicts/entries/{entryId}": true,
			"GET /conflicts/imports/{id}": true, "GET /partnerships/{partnershipId}": true,
			"POST /proposals/{proposalId}/send": true,
			"GET /time-entries/{timeEntryId}":   true, "POST /time-entries/{timeEntryId}/approve": true,
			"GET /credit/attorneys/{attorneyId}": true, "GET /credit/firms/{firmId}": true,
			"PUT /credit/firms/{firmId}/billable-hours/{year}": true, "POST /matters/{matterId}/close": true},
	}
	for email, allowed := range readable {
		callRoute(t, env, email, ids, func(t *testing.T, key string, res *apptest.Response) {
			switch {
			case strings.Contains(key, " /referrals/"):
				res.Problem(t, http.StatusNotFound) // Northside's draft: not this firm's to see
			case strings.Contains(key, " /notifications/"):
				res.Problem(t, http.StatusNotFound) // the admin's own
			case strings.Contains(key, " /partnerships/") && email != coordinator:
				res.Problem(t, http.StatusNotFound) // attorneys see no partnerships
			case email == jamesEmail && (strings.Contains(key, " /offers/") || strings.Contains(key, " /matters/")):
				res.Problem(t, http.StatusNotFound) // a colleague's
			case email == jamesEmail && strings.Contains(key, " /credit/attorneys/"):
				res.Problem(t, http.StatusNotFound) // a colleague's credit
			case email == jamesEmail && strings.Contains(key, " /proposals/"):
				res.Problem(t, http.StatusNotFound) // attorneys see no proposals, their own neither
			case key == "POST /proposals/{proposalId}/dismiss":
				res.Problem(t, http.StatusConflict) // the coordinator sent it just before
			case email == jamesEmail && strings.Contains(key, " /time-entries/"):
				res.Problem(t, http.StatusNotFound) // a colleague's time
			case key == "POST /time-entries/{timeEntryId}/reject":
				res.Problem(t, http.StatusConflict) // the coordinator approved it just before
			case !allowed[key]:
				res.Problem(t, http.StatusForbidden)
			case res.Status >= 300:
				t.Fatalf("status %d: %s", res.Status, res.Body)
			}
		})
	}
}

func TestCrossTenant_CoversEveryObjectOperationOfTheSpec(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(probono.OpenAPISpec)
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, r := range objectRoutes {
		covered[r.method+" "+r.template] = true
	}
	var missing []string
	for path, item := range doc.Paths.Map() {
		if !strings.Contains(path, "{") {
			continue
		}
		for method, op := range item.Operations() {
			// A public operation (a feedback link's) answers whoever holds its token, whatever
			// their organisation; its own tests cover what it reveals.
			if op.Security != nil && len(*op.Security) == 0 {
				continue
			}
			if !covered[method+" "+path] {
				missing = append(missing, method+" "+path)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Fatalf("add these operations to objectRoutes: %v", missing)
	}
}
