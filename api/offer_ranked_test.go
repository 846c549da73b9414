package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
)

// candidateIDs are the attorneys ranked for a referral, best first, as the referrer reads them.
func candidateIDs(t *testing.T, env *apptest.Env, staff apptest.Session, referralID string) []string {
	t.Helper()
	var list struct {
		Items []struct {
			AttorneyID string `json:"attorney_id"`
		} `json:"items"`
	}
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + referralID + "/candidates?limit=100", Token: staff.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("candidates: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &list)
	ids := make([]string, len(list.Items))
	for i, c := range list.Items {
		ids[i] = c.AttorneyID
	}
	return ids
}

// profiled gives the attorneys a profile that fits offerableBody's referral.
func profiled(t *testing.T, env *apptest.Env, emails ...string) {
	t.Helper()
	for _, email := range emails {
		s := env.Login(t, email, password)
		if r := env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/attorneys/" + userID(t, env, email), Token: s.Token, Body: attorneyProfileBody()}); r.Status != http.StatusOK {
			t.Fatalf("profile of %s: %d %s", email, r.Status, r.Body)
		}
	}
}

// rankableBody is offerableBody within the monthly hours of attorneyProfileBody.
func rankableBody() map[string]any {
	b := offerableBody()
	b["estimated_hours"] = 8
	return b
}

func makeOffers(t *testing.T, env *apptest.Env, s apptest.Session, referralID string, body map[string]any) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + referralID + "/offers", Token: s.Token, Body: body})
}

// sessionOf signs in the demo account whose id is given.
func sessionOf(t *testing.T, env *apptest.Env, id string) apptest.Session {
	t.Helper()
	var email string
	if err := sqlDB(t, env).QueryRow("SELECT email FROM users WHERE id = $1", id).Scan(&email); err != nil {
		t.Fatal(err)
	}
	return env.Login(t, email, password)
}

func pendingOffersOf(t *testing.T, env *apptest.Env, staff apptest.Session, referralID string) []offerView {
	t.Helper()
	var page struct{ Items []offerView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/offers?status=pending", Token: staff.Token}).JSON(t, &page)
	var out []offerView
	for _, o := range page.Items {
		if o.Referral.ID == referralID {
			out = append(out, o)
		}
	}
	return out
}

func TestOffer_SequentialOffersGoToTheBestCandidateThenTheNext(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.StartWorker(t, jobs.Options{})
	profiled(t, env, priyaEmail, jamesEmail, "wei.zhang@castellan.example")
	staff := env.Login(t, nonprofitStaff, password)
	v := createReferral(t, env, staff, rankableBody())
	ranked := candidateIDs(t, env, staff, v.ID)
	if len(ranked) == 0 {
		t.Fatal("no candidates for the referral")
	}
	makeOffers(t, env, env.Login(t, coordinator, password), v.ID, map[string]any{"mode": "sequential"}).Problem(t, http.StatusForbidden)

	r := makeOffers(t, env, staff, v.ID, map[string]any{"mode": "sequential"})
	var made struct{ Items []offerView }
	r.JSON(t, &made)
	if r.Status != http.StatusCreated || len(made.Items) != 1 || made.Items[0].AttorneyID != ranked[0] {
		t.Fatalf("sequential offer: %d %s; ranking %v", r.Status, r.Body, ranked)
	}
	makeOffers(t, env, staff, v.ID, map[string]any{"mode": "sequential"}).Problem(t, http.StatusConflict)

	first := sessionOf(t, env, ranked[0])
	if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/offers/" + made.Items[0].ID + "/decline", Token: first.Token,
		Body: map[string]string{"reason": "no_capacity"}}); r.Status != http.StatusOK {
		t.Fatalf("decline: %d %s", r.Status, r.Body)
	}
	env.WaitForEvents(t)
	next := pendingOffersOf(t, env, staff, v.ID)
	// The next candidate, or none left: the referral waits in matching.
	if len(ranked) > 1 {
		if len(next) != 1 || next[0].AttorneyID == ranked[0] || next[0].Mode != "sequential" {
			t.Fatalf("after the decline: %+v (ranking %v)", next, ranked)
		}
	} else if len(next) != 0 || referralStatus(t, env, staff, v.ID) != "matching" {
		t.Fatalf("after the last candidate declined: %+v", next)
	}
	// The job ran once however often its event is handled.
	if err := env.App.Offers.Advance(context.Background(), uuid.MustParse(v.ID)); err != nil {
		t.Fatal(err)
	}
	if again := pendingOffersOf(t, env, staff, v.ID); len(again) != len(next) {
		t.Fatalf("advancing again made offers: %+v", again)
	}
}

func TestOffer_BroadcastGoesToTheTopCandidatesAndTheFirstAcceptanceClosesTheRest(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	profiled(t, env, priyaEmail, jamesEmail, "wei.zhang@castellan.example")
	staff := env.Login(t, nonprofitStaff, password)
	v := createReferral(t, env, staff, rankableBody())
	ranked := candidateIDs(t, env, staff, v.ID)
	if len(ranked) < 2 {
		t.Fatalf("the demo data ranks %d candidates for the referral; the broadcast needs two", len(ranked))
	}
	// Named candidates must be eligible.
	coordinatorID := userID(t, env, coordinator)
	p := makeOffers(t, env, staff, v.ID, map[string]any{"mode": "broadcast", "attorney_ids": []string{coordinatorID}}).Problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "attorney_ids[0]" {
		t.Fatalf("problem: %+v", p)
	}
	r := makeOffers(t, env, staff, v.ID, map[string]any{"mode": "broadcast", "count": 2})
	var made struct{ Items []offerView }
	r.JSON(t, &made)
	if r.Status != http.StatusCreated || len(made.Items) != 2 || made.Items[0].AttorneyID != ranked[0] || made.Items[1].AttorneyID != ranked[1] {
		t.Fatalf("broadcast: %d %s; ranking %v", r.Status, r.Body, ranked)
	}
	if r := acceptOffer(t, env, sessionOf(t, env, ranked[1]), made.Items[1].ID); r.Status != http.StatusCreated {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	if o := getOffer(t, env, staff, made.Items[0].ID); o.Status != "closed" {
		t.Fatalf("the other offer is %s", o.Status)
	}
	acceptOffer(t, env, sessionOf(t, env, ranked[0]), made.Items[0].ID).Problem(t, http.StatusConflict)
}
