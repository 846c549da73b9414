package api_test

import (
	"context"
	"math"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/platform/problem"
)

type proposalView struct {
	ID           string  `json:"id"`
	RunID        string  `json:"run_id"`
	AttorneyID   string  `json:"attorney_id"`
	AttorneyName string  `json:"attorney_name"`
	FirmID       string  `json:"firm_id"`
	Score        float64 `json:"score"`
	Status       string  `json:"status"`
	OfferID      string  `json:"offer_id"`
	DecidedAt    string  `json:"decided_at"`
	Referral     struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	} `json:"referral"`
}

func listProposals(t *testing.T, env *apptest.Env, s apptest.Session, query string) []proposalView {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/proposals" + query, Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("proposals: %d %s", r.Status, r.Body)
	}
	var page struct{ Items []proposalView }
	r.JSON(t, &page)
	return page.Items
}

func proposalAction(t *testing.T, env *apptest.Env, s apptest.Session, id, action string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/proposals/" + id + "/" + action, Token: s.Token})
}

func runNightly(t *testing.T, env *apptest.Env) {
	t.Helper()
	runJob(t, env, "match-nightly", time.Now())
}

// proposalOf returns the live proposal of the referral among the list; it fails if there is none.
func proposalOf(t *testing.T, list []proposalView, referralID string) proposalView {
	t.Helper()
	for _, p := range list {
		if p.Referral.ID == referralID {
			return p
		}
	}
	t.Fatalf("no proposal of referral %s among %+v", referralID, list)
	return proposalView{}
}

// jamesProposal makes James Okafor a candidate for a new Northside referral (the only one open
// and not yet offered), runs the nightly matching and returns the referral and its proposal, to James.
func jamesProposal(t *testing.T, env *apptest.Env) (referralID string, p proposalView) {
	t.Helper()
	coord := env.Login(t, coordinator, password)
	profile := attorneyProfileBody()
	profile["monthly_hour_budget"] = 40 // room for the referral's 20 hours
	r := env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/attorneys/" + userID(t, env, jamesEmail), Token: coord.Token, Body: profile})
	if r.Status != http.StatusOK {
		t.Fatalf("James's profile: %d %s", r.Status, r.Body)
	}
	referralID = createReferral(t, env, env.Login(t, nonprofitStaff, password), offerableBody()).ID
	runNightly(t, env)
	p = proposalOf(t, listProposals(t, env, coord, ""), referralID)
	if p.AttorneyName != "James Okafor" || p.Status != "proposed" || p.Score <= 0 || p.Score > 1 {
		t.Fatalf("proposal: %+v", p)
	}
	return referralID, p
}

// expectedAssignment solves, with matching.Solve, the batch the candidates endpoint describes:
// each referral's 50 best eligible candidates (as a platform admin sees them), each attorney's room
// being their maximum active matters less their active ones.
func expectedAssignment(t *testing.T, env *apptest.Env, admin apptest.Session, referralIDs []string) matching.BatchResult {
	t.Helper()
	var b matching.Batch
	room := map[string]int{}
	for _, id := range referralIDs {
		b.Referrals = append(b.Referrals, matching.BatchReferral{ID: id})
		r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + id + "/candidates?limit=50", Token: admin.Token})
		if r.Status != http.StatusOK {
			t.Fatalf("candidates: %d %s", r.Status, r.Body)
		}
		var list struct {
			Items []struct {
				AttorneyID string `json:"attorney_id"`
				Score      float64
				Capacity   struct {
					Active int `json:"active_matters"`
					Max    int `json:"max_active_matters"`
				}
			}
		}
		r.JSON(t, &list)
		for _, c := range list.Items {
			room[c.AttorneyID] = c.Capacity.Max - c.Capacity.Active
			b.Edges = append(b.Edges, matching.BatchEdge{Referral: id, Attorney: c.AttorneyID, Score: min(max(c.Score, matching.ScoreUnit), 1)})
		}
	}
	for id, n := range room {
		b.Attorneys = append(b.Attorneys, matching.BatchAttorney{ID: id, Capacity: n})
	}
	want, err := matching.Solve(b)
	if err != nil {
		t.Fatal(err)
	}
	return want
}

func TestProposals_NightlyRunProposesTheOptimalAssignmentAndTheNextSupersedesIt(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	submitted := withSamples(t, env)
	admin := env.Login(t, "admin@probono.example", password)
	var referralIDs []string
	for _, id := range submitted {
		referralIDs = append(referralIDs, id)
	}
	want := expectedAssignment(t, env, admin, referralIDs)
	if want.Matched < 2 {
		t.Fatalf("the samples should place at least two referrals: %+v", want)
	}

	runNightly(t, env)
	first := listProposals(t, env, admin, "")
	total, placed, perAttorney := 0.0, map[string]bool{}, map[string]int{}
	for _, p := range first {
		if !slices.Contains(referralIDs, p.Referral.ID) || placed[p.Referral.ID] || p.Status != "proposed" || p.RunID != first[0].RunID {
			t.Fatalf("proposal %+v: not one open referral's, or twice, or not of the run", p)
		}
		placed[p.Referral.ID] = true
		perAttorney[p.AttorneyID]++
		total += p.Score
	}
	if len(first) != want.Matched || math.Abs(total-want.TotalScore) > 1e-6 {
		t.Fatalf("the run placed %d referrals with total score %.9f; Solve places %d with %.9f", len(first), total, want.Matched, want.TotalScore)
	}
	t.Logf("placed %d of %d referrals, total score %.6f", len(first), len(referralIDs), total)

	// Each firm's coordinators see their own attorneys' proposals only.
	hartwell := listProposals(t, env, env.Login(t, coordinator, password), "")
	for _, p := range hartwell {
		if p.FirmID != orgOf(t, env, env.Login(t, "admin@hartwell.example", password)) {
			t.Fatalf("Hartwell's coordinator sees another firm's proposal: %+v", p)
		}
	}
	for _, email := range []string{priyaEmail, nonprofitStaff, "staff@riverbend.example"} {
		if list := listProposals(t, env, env.Login(t, email, password), ""); len(list) != 0 {
			t.Fatalf("%s sees proposals: %+v", email, list)
		}
	}

	// The next run proposes again and supersedes the first run's.
	runNightly(t, env)
	second := listProposals(t, env, admin, "")
	if len(second) != len(first) || second[0].RunID == first[0].RunID {
		t.Fatalf("second run: %+v", second)
	}
	superseded := listProposals(t, env, admin, "?status=superseded")
	if len(superseded) != len(first) {
		t.Fatalf("superseded %d of the first run's %d proposals", len(superseded), len(first))
	}
	r := proposalAction(t, env, env.Login(t, coordinator, password), superseded[0].ID, "send")
	if superseded[0].FirmID == orgOf(t, env, env.Login(t, "admin@hartwell.example", password)) {
		assertProblem(t, r, http.StatusConflict, problem.Conflict, "", "superseded")
	}
}

func TestProposals_RunWithTheSameIDWritesNothingTwice(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	_, p := jamesProposal(t, env)
	id := uuid.New()
	for i := range 2 {
		run, err := env.App.Proposals.Propose(context.Background(), id)
		if err != nil || run.Repeat != (i == 1) || run.Matched != 1 {
			t.Fatalf("run %d: %+v, %v", i, run, err)
		}
	}
	admin := env.Login(t, "admin@probono.example", password)
	if live := listProposals(t, env, admin, ""); len(live) != 1 || live[0].RunID != id.String() || live[0].ID == p.ID {
		t.Fatalf("live proposals after the repeated run: %+v", live)
	}
}

func TestProposals_SendMakesARoutedOfferInTheAttorneysInbox(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	referralID, p := jamesProposal(t, env)
	coord, james := env.Login(t, coordinator, password), env.Login(t, jamesEmail, password)

	r := proposalAction(t, env, coord, p.ID, "send")
	if r.Status != http.StatusCreated {
		t.Fatalf("send: %d %s", r.Status, r.Body)
	}
	var o offerView
	r.JSON(t, &o)
	if o.Mode != "routed" || o.Status != "pending" || o.AttorneyName != "James Okafor" || o.Referral.ID != referralID {
		t.Fatalf("offer: %+v", o)
	}
	var inbox struct{ Items []offerView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/offers?status=pending", Token: james.Token}).JSON(t, &inbox)
	if len(inbox.Items) != 1 || inbox.Items[0].ID != o.ID {
		t.Fatalf("James's inbox: %+v", inbox.Items)
	}
	sent := proposalOf(t, listProposals(t, env, coord, "?status=sent"), referralID)
	if sent.ID != p.ID || sent.OfferID != o.ID || sent.DecidedAt == "" {
		t.Fatalf("sent proposal: %+v", sent)
	}
	assertProblem(t, proposalAction(t, env, coord, p.ID, "send"), http.StatusConflict, problem.Conflict, "", "sent")
	assertProblem(t, proposalAction(t, env, coord, p.ID, "dismiss"), http.StatusConflict, problem.Conflict, "", "sent")

	// The referral now has a pending offer: the next run leaves it, and the sent proposal, alone.
	runNightly(t, env)
	if live := listProposals(t, env, coord, ""); len(live) != 0 {
		t.Fatalf("proposals after the offer: %+v", live)
	}
	if again := proposalOf(t, listProposals(t, env, coord, "?status=sent"), referralID); again.Status != "sent" {
		t.Fatalf("the sent proposal became %s", again.Status)
	}
}

func TestProposals_ParallelSendsOfOneProposalMakeOneOffer(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	_, p := jamesProposal(t, env)
	coord := env.Login(t, coordinator, password)
	const n = 20
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { statuses[i] = proposalAction(t, env, coord, p.ID, "send").Status })
	}
	wg.Wait()
	created := 0
	for _, s := range statuses {
		switch s {
		case http.StatusCreated:
			created++
		case http.StatusConflict:
		default:
			t.Fatalf("statuses: %v", statuses)
		}
	}
	var inbox struct{ Items []offerView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/offers", Token: env.Login(t, jamesEmail, password).Token}).JSON(t, &inbox)
	if created != 1 || len(inbox.Items) != 1 {
		t.Fatalf("%d sends succeeded, James has %d offers: %v", created, len(inbox.Items), statuses)
	}
}

func TestProposals_DismissedAttorneyIsNotProposedAgain(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	referralID, p := jamesProposal(t, env)
	coord := env.Login(t, coordinator, password)
	r := proposalAction(t, env, coord, p.ID, "dismiss")
	var dismissed proposalView
	r.JSON(t, &dismissed)
	if r.Status != http.StatusOK || dismissed.Status != "dismissed" || dismissed.DecidedAt == "" {
		t.Fatalf("dismiss: %d %s", r.Status, r.Body)
	}
	assertProblem(t, proposalAction(t, env, coord, p.ID, "send"), http.StatusConflict, problem.Conflict, "", "dismissed")
	runNightly(t, env)
	for _, live := range listProposals(t, env, coord, "") {
		if live.Referral.ID == referralID && live.AttorneyID == p.AttorneyID {
			t.Fatalf("James was proposed again: %+v", live)
		}
	}
}

func TestProposals_SendConflictsOnceTheAttorneyIsNoLongerEligibleOrTheReferralTaken(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	referralID, p := jamesProposal(t, env)
	coord := env.Login(t, coordinator, password)

	// James's active admission in Illinois lapses: he no longer qualifies.
	profile := attorneyProfileBody()
	profile["monthly_hour_budget"] = 40
	profile["bar_admissions"] = []map[string]any{{"jurisdiction": "IN", "bar_number": "1234-49", "status": "active", "admitted_on": "2016-11-10"}}
	env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/attorneys/" + p.AttorneyID, Token: coord.Token, Body: profile})
	assertProblem(t, proposalAction(t, env, coord, p.ID, "send"), http.StatusConflict, problem.Conflict, "", "no longer eligible")

	// Back in Illinois, but Priya took the referral meanwhile.
	profile["bar_admissions"] = attorneyProfileBody()["bar_admissions"]
	env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/attorneys/" + p.AttorneyID, Token: coord.Token, Body: profile})
	offers := routeOffers(t, env, coord, referralID, userID(t, env, priyaEmail))
	if r := acceptOffer(t, env, env.Login(t, priyaEmail, password), offers[0].ID); r.Status != http.StatusCreated {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	assertProblem(t, proposalAction(t, env, coord, p.ID, "send"), http.StatusConflict, problem.Conflict, "", "no longer open")
	if still := proposalOf(t, listProposals(t, env, coord, ""), referralID); still.Status != "proposed" {
		t.Fatalf("a refused send changed the proposal: %+v", still)
	}
}

func TestProposals_OnlyTheFirmsManagersDecide(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	_, p := jamesProposal(t, env)
	admin := env.Login(t, "admin@probono.example", password)
	if list := listProposals(t, env, admin, ""); len(list) != 1 || list[0].ID != p.ID {
		t.Fatalf("the platform admin's list: %+v", list)
	}
	assertProblem(t, proposalAction(t, env, admin, p.ID, "send"), http.StatusForbidden, problem.Forbidden, "", "coordinators")
	for _, email := range []string{jamesEmail, "coordinator@castellan.example", nonprofitStaff} {
		s := env.Login(t, email, password)
		if list := listProposals(t, env, s, ""); len(list) != 0 {
			t.Fatalf("%s sees %+v", email, list)
		}
		proposalAction(t, env, s, p.ID, "dismiss").Problem(t, http.StatusNotFound)
	}
	firmAdmin := env.Login(t, "admin@hartwell.example", password)
	if r := proposalAction(t, env, firmAdmin, p.ID, "dismiss"); r.Status != http.StatusOK {
		t.Fatalf("the firm's org admin dismisses: %d %s", r.Status, r.Body)
	}
}

// The run reads the same number of queries however many referrals it places (partnerships are
// read once per referring organisation).
func TestProposals_QueriesDoNotGrowWithTheReferrals(t *testing.T) {
	t.Parallel()
	counter := &apptest.QueryCounter{}
	env := apptest.New(t, apptest.WithQueryTracer(counter))
	withSamples(t, env)
	count := func() int64 {
		before := counter.Count()
		runNightly(t, env)
		return counter.Count() - before
	}
	count() // the first run reads the attorneys into the pool, which later runs reuse
	few := count()
	staff := env.Login(t, nonprofitStaff, password)
	for range 8 {
		createReferral(t, env, staff, offerableBody())
	}
	if many := count(); many != few {
		t.Fatalf("%d queries for the samples' referrals, %d with 8 more", few, many)
	}
}
