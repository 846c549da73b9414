package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

const (
	priyaEmail = "priya.raman@hartwell.example"
	jamesEmail = "james.okafor@hartwell.example"
)

// offerableBody is a submitted referral Hartwell & Pierce's registry has nothing on, so its
// attorneys may be offered it.
func offerableBody() map[string]any {
	b := referralBody(true)
	b["parties"] = []map[string]any{
		{"name": "María González", "role": "client", "kind": "person"},
		{"name": "Granite Property Group LLC", "role": "adverse", "kind": "organization"},
	}
	return b
}

type offerView struct {
	ID            string `json:"id"`
	Status        string `json:"status"`
	Mode          string `json:"mode"`
	AttorneyID    string `json:"attorney_id"`
	AttorneyName  string `json:"attorney_name"`
	FirmName      string `json:"firm_name"`
	DeclineReason string `json:"decline_reason"`
	ViewedAt      string `json:"viewed_at"`
	ExpiresAt     string `json:"expires_at"`
	Referral      struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	} `json:"referral"`
}

type matterView struct {
	ID           string `json:"id"`
	Status       string `json:"status"`
	AttorneyID   string `json:"attorney_id"`
	AttorneyName string `json:"attorney_name"`
	FirmName     string `json:"firm_name"`
	Client       *struct {
		Name  string `json:"name"`
		Email string `json:"email"`
		Phone string `json:"phone"`
	} `json:"client"`
	Referral struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	} `json:"referral"`
}

func userID(t testing.TB, env *apptest.Env, email string) string {
	t.Helper()
	return env.Principal(t, email).UserID.String()
}

// routeOffers has a coordinator route a referral to attorneys of their firm.
func routeOffers(t testing.TB, env *apptest.Env, coord apptest.Session, referralID string, attorneyIDs ...string) []offerView {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + referralID + "/offers", Token: coord.Token,
		Body: map[string]any{"mode": "routed", "attorney_ids": attorneyIDs}})
	if r.Status != http.StatusCreated {
		t.Fatalf("route: %d %s", r.Status, r.Body)
	}
	var page struct{ Items []offerView }
	r.JSON(t, &page)
	return page.Items
}

func acceptOffer(t testing.TB, env *apptest.Env, s apptest.Session, offerID string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/offers/" + offerID + "/accept", Token: s.Token,
		Body: map[string]bool{"attest_no_conflict": true}})
}

func getOffer(t *testing.T, env *apptest.Env, s apptest.Session, id string) offerView {
	t.Helper()
	var o offerView
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/offers/" + id, Token: s.Token}).JSON(t, &o)
	return o
}

func getMatter(t *testing.T, env *apptest.Env, s apptest.Session, id string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/matters/" + id, Token: s.Token})
}

func referralStatus(t *testing.T, env *apptest.Env, staff apptest.Session, id string) string {
	t.Helper()
	var v referralView
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: staff.Token}).JSON(t, &v)
	return v.Status
}

func TestOffer_RoutedOfferAcceptedOpensTheMatterAndRevealsTheClientToItsAttorneyAlone(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, coordinator, password)
	priya := env.Login(t, priyaEmail, password)
	v := createReferral(t, env, staff, offerableBody())

	offers := routeOffers(t, env, coord, v.ID, userID(t, env, priyaEmail))
	if len(offers) != 1 || offers[0].Status != "pending" || offers[0].Mode != "routed" || offers[0].ExpiresAt == "" {
		t.Fatalf("offers: %+v", offers)
	}
	if s := referralStatus(t, env, staff, v.ID); s != "offered" {
		t.Fatalf("referral is %s, want offered", s)
	}
	var inbox struct{ Items []offerView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/offers?status=pending", Token: priya.Token}).JSON(t, &inbox)
	if len(inbox.Items) != 1 || inbox.Items[0].ID != offers[0].ID {
		t.Fatalf("inbox: %+v", inbox.Items)
	}
	if o := getOffer(t, env, priya, offers[0].ID); o.ViewedAt == "" {
		t.Fatal("the attorney's read was not recorded as viewed")
	}

	noAttest := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/offers/" + offers[0].ID + "/accept", Token: priya.Token,
		Body: map[string]bool{"attest_no_conflict": false}})
	assertProblem(t, noAttest, http.StatusUnprocessableEntity, problem.Invalid, "attest_no_conflict", "")

	r := acceptOffer(t, env, priya, offers[0].ID)
	if r.Status != http.StatusCreated {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	var m matterView
	r.JSON(t, &m)
	if m.Status != "active" || m.Client != nil || m.FirmName != "Hartwell & Pierce LLP" {
		t.Fatalf("matter as accepted: %+v", m)
	}
	if s := referralStatus(t, env, staff, v.ID); s != "accepted" {
		t.Fatalf("referral is %s, want accepted", s)
	}

	// The attorney and the firm's coordinator see the client; each read is recorded.
	for _, s := range []apptest.Session{priya, coord} {
		var full matterView
		getMatter(t, env, s, m.ID).JSON(t, &full)
		if full.Client == nil || full.Client.Name != "María González" || full.Client.Phone != "312-555-0100" {
			t.Fatalf("client not shown: %+v", full)
		}
	}
	if n := queryInt(t, sqlDB(t, env), "SELECT count(*) FROM client_reveals WHERE matter_id = $1", m.ID); n != 2 {
		t.Fatalf("%d reveals recorded, want 2", n)
	}
	// The referrer sees who took it, not the client again.
	var seen matterView
	getMatter(t, env, staff, m.ID).JSON(t, &seen)
	if seen.Client != nil || seen.AttorneyName != "Priya Raman" {
		t.Fatalf("referrer's view: %+v", seen)
	}
}

func TestOffer_DeclineNeedsAReasonAndTheLastDeclineSendsTheReferralBackToMatching(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, coordinator, password)
	priya, james := env.Login(t, priyaEmail, password), env.Login(t, jamesEmail, password)
	v := createReferral(t, env, staff, offerableBody())
	offers := routeOffers(t, env, coord, v.ID, userID(t, env, priyaEmail), userID(t, env, jamesEmail))
	byAttorney := map[string]string{}
	for _, o := range offers {
		byAttorney[o.AttorneyID] = o.ID
	}
	decline := func(s apptest.Session, id string, body any) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/offers/" + id + "/decline", Token: s.Token, Body: body})
	}
	priyaOffer, jamesOffer := byAttorney[userID(t, env, priyaEmail)], byAttorney[userID(t, env, jamesEmail)]

	assertProblem(t, decline(priya, priyaOffer, map[string]string{"reason": "other"}), 422, problem.Invalid, "note", "")
	assertProblem(t, decline(priya, priyaOffer, map[string]string{"reason": "busy"}), 422, problem.Invalid, "reason", "")
	decline(james, priyaOffer, map[string]string{"reason": "no_capacity"}).Problem(t, http.StatusNotFound) // a colleague's offer

	r := decline(priya, priyaOffer, map[string]string{"reason": "no_capacity"})
	var o offerView
	r.JSON(t, &o)
	if r.Status != 200 || o.Status != "declined" || o.DeclineReason != "no_capacity" {
		t.Fatalf("decline: %d %s", r.Status, r.Body)
	}
	if s := referralStatus(t, env, staff, v.ID); s != "offered" {
		t.Fatalf("with James's offer pending the referral is %s", s)
	}
	decline(priya, priyaOffer, map[string]string{"reason": "no_capacity"}).Problem(t, http.StatusConflict)
	if r := decline(james, jamesOffer, map[string]string{"reason": "other", "note": "On trial all month."}); r.Status != 200 {
		t.Fatalf("decline: %d %s", r.Status, r.Body)
	}
	if s := referralStatus(t, env, staff, v.ID); s != "matching" {
		t.Fatalf("after the last decline the referral is %s, want matching", s)
	}
	acceptOffer(t, env, james, jamesOffer).Problem(t, http.StatusConflict)
}

func TestOffer_AcceptReRunsTheConflictCheckAndRefusesWhileItIsNotClear(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, coordinator, password)
	priya := env.Login(t, priyaEmail, password)
	v := createReferral(t, env, staff, offerableBody())
	offers := routeOffers(t, env, coord, v.ID, userID(t, env, priyaEmail))

	// An entry added after the offer was made names the adverse party as a related one. The
	// firm's stored check is set back to what it was before the entry (as when the acceptance
	// comes before the re-check the entry set off), so only the acceptance's own check finds it.
	addEntry(t, env, coord, "Granite Property Group", "organization", "related")
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DELETE FROM conflict_hits WHERE check_id IN (SELECT id FROM conflict_checks WHERE referral_id = $1)`,
		`UPDATE conflict_checks SET result = 'clear', recheck_pending = false WHERE referral_id = $1`,
	} {
		if _, err := db.ExecContext(context.Background(), q, v.ID); err != nil {
			t.Fatal(err)
		}
	}
	p := acceptOffer(t, env, priya, offers[0].ID).Problem(t, http.StatusConflict)
	if !strings.HasSuffix(p.Type, "/conflict-not-cleared") {
		t.Fatalf("type %s", p.Type)
	}
	if o := getOffer(t, env, priya, offers[0].ID); o.Status != "pending" {
		t.Fatalf("offer is %s, want still pending", o.Status)
	}
	// The check that refused the acceptance is the firm's check now, for the coordinator to clear.
	var check struct{ Result string }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + v.ID + "/conflict-check", Token: coord.Token}).JSON(t, &check)
	if check.Result != "potential" {
		t.Fatalf("the firm's check is %q after the refused acceptance, want potential", check.Result)
	}
}

// addAttorneys adds n attorneys to the firm of the account given, each able to sign in with the
// demo password.
func addAttorneys(t *testing.T, env *apptest.Env, colleague string, n int) []string {
	t.Helper()
	ctx := context.Background()
	a, err := env.App.Store.AccountByEmail(ctx, colleague)
	if err != nil {
		t.Fatal(err)
	}
	emails := make([]string, n)
	for i := range n {
		emails[i] = fmt.Sprintf("attorney%02d@hartwell.example", i)
		u := store.User{ID: uuid.New(), Email: emails[i], Name: fmt.Sprintf("Attorney %02d", i), PasswordHash: a.PasswordHash, Active: true}
		if err := env.App.Store.CreateAccount(ctx, u, a.OrgID, "attorney"); err != nil {
			t.Fatal(err)
		}
	}
	return emails
}

func TestOffer_FiftyParallelAcceptsOfABroadcastOpenOneMatterAndRefuseTheOthersClearly(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	v := createReferral(t, env, staff, offerableBody())
	emails := addAttorneys(t, env, priyaEmail, 50)
	db := sqlDB(t, env)
	// The broadcast's 50 offers, as the ranking would have made them.
	sessions := make([]apptest.Session, len(emails))
	offerIDs := make([]string, len(emails))
	for i, email := range emails {
		sessions[i] = env.Login(t, email, password)
		offerIDs[i] = uuid.NewString()
		if _, err := db.Exec(`INSERT INTO offers (id, referral_id, attorney_id, firm_id, mode, status, rank, expires_at)
			SELECT $1, $2, u.id, m.org_id, 'broadcast', 'pending', $3, now() + interval '1 day'
			FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = $4`, offerIDs[i], v.ID, i+1, email); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`UPDATE referrals SET status = 'offered' WHERE id = $1`, v.ID); err != nil {
		t.Fatal(err)
	}

	statuses := make([]*apptest.Response, len(emails))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range emails {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i] = acceptOffer(t, env, sessions[i], offerIDs[i])
		}()
	}
	began := time.Now()
	close(start)
	wg.Wait()
	t.Logf("50 parallel acceptances answered in %v", time.Since(began))

	won := 0
	for i, r := range statuses {
		switch r.Status {
		case http.StatusCreated:
			won++
		case http.StatusConflict:
			p := r.Problem(t, http.StatusConflict)
			if !strings.HasSuffix(p.Type, "/offer-taken") || p.Detail != "Another attorney has already accepted this referral." {
				t.Errorf("accept %d: %+v", i, p)
			}
		default:
			t.Errorf("accept %d: %d %s", i, r.Status, r.Body)
		}
	}
	if won != 1 {
		t.Fatalf("%d acceptances won, want 1", won)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM matters WHERE referral_id = $1", v.ID); n != 1 {
		t.Fatalf("%d matters, want 1", n)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM offers WHERE referral_id = $1 AND status = 'accepted'", v.ID); n != 1 {
		t.Fatalf("%d offers accepted, want 1", n)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM offers WHERE referral_id = $1 AND status = 'closed'", v.ID); n != 49 {
		t.Fatalf("%d offers closed, want 49", n)
	}
	if s := referralStatus(t, env, staff, v.ID); s != "accepted" {
		t.Fatalf("referral is %s", s)
	}
}

func TestOffer_AWithdrawnReferralClosesItsPendingOffers(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, coordinator, password)
	priya := env.Login(t, priyaEmail, password)
	v := createReferral(t, env, staff, offerableBody())
	offers := routeOffers(t, env, coord, v.ID, userID(t, env, priyaEmail))
	if r := transition(t, env, staff, v.ID, map[string]string{"to": "withdrawn"}); r.Status != 200 {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	if o := getOffer(t, env, priya, offers[0].ID); o.Status != "closed" {
		t.Fatalf("the withdrawn referral's offer is %q, want closed", o.Status)
	}
	acceptOffer(t, env, priya, offers[0].ID).Problem(t, http.StatusConflict)
}
