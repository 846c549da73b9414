package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
)

const platformAdmin = "admin@probono.example"

func TestConflictCheck_WithdrawnReferralIsGoneForFirms(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	addEntry(t, env, coord, "Lakeview Properties Group", "organization", "related")
	staff := env.Login(t, nonprofitStaff, password)
	v := createReferral(t, env, staff, referralBody(true))
	hit := getCheck(t, env, coord, v.ID).Hits[0]

	if r := transition(t, env, staff, v.ID, map[string]string{"to": "withdrawn"}); r.Status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	admin := env.Login(t, platformAdmin, password)
	hartwell := orgOf(t, env, coord)
	for _, c := range []struct {
		who          apptest.Session
		method, path string
		body         any
	}{
		{coord, "GET", "/conflict-check", nil},
		{coord, "POST", "/conflict-check", nil},
		{coord, "POST", "/conflict-check/hits/" + hit.ID + "/clear", map[string]string{"reason": "Not the same company."}},
		{admin, "GET", "/conflict-check?firm=" + hartwell, nil},
		{admin, "POST", "/conflict-check?firm=" + hartwell, nil},
	} {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			env.Do(t, apptest.Request{Method: c.method, Path: "/api/v1/referrals/" + v.ID + c.path, Token: c.who.Token, Body: c.body}).
				Problem(t, http.StatusNotFound)
		})
	}
}

// TestReferral_AttorneysCannotTellHiddenReferralsFromMissingOnes sends every referral operation as
// an attorney whose firm is conflicted off a referral, and with an id that does not exist: the
// answers must be the same.
func TestReferral_AttorneysCannotTellHiddenReferralsFromMissingOnes(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	addEntry(t, env, coord, "Lakeview Property Management LLC", "organization", "client")
	hidden := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	attorney := env.Login(t, "priya.raman@hartwell.example", password)
	hit := "00000000-0000-4000-8000-000000000001"

	for _, r := range objectRoutes {
		if !strings.HasPrefix(r.template, "/referrals/") {
			continue
		}
		t.Run(r.method+" "+r.template, func(t *testing.T) {
			answer := func(id string) apptest.Problem {
				path := strings.NewReplacer("{referralId}", id, "{hitId}", hit, "{inquiryId}", hit, "{attorneyId}", hit).Replace(r.template)
				return env.Do(t, apptest.Request{Method: r.method, Path: "/api/v1" + path, Token: attorney.Token, Body: r.body}).
					Problem(t, http.StatusNotFound)
			}
			if a, b := answer(hidden.ID), answer(uuid.NewString()); a.Type != b.Type || a.Detail != b.Detail {
				t.Fatalf("a hidden referral answers %+v, a missing one %+v", a, b)
			}
		})
	}
}

func TestReferral_DraftsAreVisibleOnlyToTheReferringOrganisation(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	draft := createReferral(t, env, staff, referralBody(false))
	submitted := createReferral(t, env, staff, referralBody(true))
	admin := env.Login(t, platformAdmin, password)

	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + draft.ID, Token: admin.Token}).Problem(t, http.StatusNotFound)
	for _, query := range []string{"", "?status=draft"} {
		var list struct{ Items []referralView }
		env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals" + query, Token: admin.Token}).JSON(t, &list)
		for _, r := range list.Items {
			if r.Status == "draft" {
				t.Fatalf("the platform admin's list%s shows a draft: %+v", query, r)
			}
		}
		if query == "" && (len(list.Items) != 1 || list.Items[0].ID != submitted.ID || !list.Items[0].Redacted) {
			t.Fatalf("the platform admin sees the submitted referral, redacted: %+v", list.Items)
		}
	}
}

func TestInvitation_AnAccountElsewhereIsNotRevealedToTheInviter(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@northside.example", password)
	invitations := "/api/v1/organizations/" + orgOf(t, env, admin) + "/invitations"
	invite := func(email string) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: invitations, Token: admin.Token,
			Body: map[string]string{"email": email, "role": "nonprofit_staff"}})
	}

	fresh, elsewhere := invite("someone.new@example.org"), invite("staff@riverbend.example")
	if fresh.Status != http.StatusCreated || elsewhere.Status != fresh.Status {
		t.Fatalf("a new address answers %d, one with an account elsewhere %d: %s", fresh.Status, elsewhere.Status, elsewhere.Body)
	}
	var a, b map[string]any
	fresh.JSON(t, &a)
	elsewhere.JSON(t, &b)
	for k := range a {
		if _, ok := b[k]; !ok {
			t.Fatalf("the answers differ in their fields: %v and %v", a, b)
		}
	}
	var pending struct{ Items []struct{ Email string } }
	env.Do(t, apptest.Request{Method: "GET", Path: invitations, Token: admin.Token}).JSON(t, &pending)
	if len(pending.Items) != 2 {
		t.Fatalf("both invitations are pending alike: %+v", pending.Items)
	}
	mails := env.MailTo(t, "staff@riverbend.example")
	if len(mails) != 1 || inviteLink.MatchString(mails[0].Text) || !strings.Contains(mails[0].Text, "already has a Probono Match account") {
		t.Fatalf("the account's owner is told, without a link that cannot work: %+v", mails)
	}
	// A member of the inviting organisation is listed to its admins anyway.
	invite(nonprofitStaff).Problem(t, http.StatusConflict)
}

func TestConflict_TheClientIsCheckedWhenTheFormListsNoParties(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	addEntry(t, env, coord, "Maria Gonzalez", "person", "adverse")
	body := referralBody(true)
	body["parties"] = []map[string]any{}
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), body)

	c := getCheck(t, env, coord, v.ID)
	if c.Result != "conflict" || len(c.Hits) != 1 || c.Hits[0].PartyRole != "client" {
		t.Fatalf("the client's name is a party: %+v", c)
	}
	if canSee(t, env, env.Login(t, "priya.raman@hartwell.example", password), v.ID) {
		t.Fatal("the firm's attorneys must not see a referral whose client the firm is adverse to")
	}
}
