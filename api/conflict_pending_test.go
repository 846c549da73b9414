package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/platform/problem"
)

type pendingView struct {
	HitID          string    `json:"hit_id"`
	ReferralID     string    `json:"referral_id"`
	PracticeArea   string    `json:"practice_area"`
	Urgency        string    `json:"urgency"`
	Deadline       string    `json:"deadline"`
	FoundAt        time.Time `json:"found_at"`
	EntryName      string    `json:"entry_name"`
	EntryRole      string    `json:"entry_role"`
	PartyRole      string    `json:"party_role"`
	Match          string    `json:"match"`
	Reason         string    `json:"reason"`
	AwaitingAnswer bool      `json:"awaiting_answer"`
}

type pendingPage struct {
	Items      []pendingView `json:"items"`
	Total      int           `json:"total"`
	NextCursor string        `json:"next_cursor"`
}

func pending(t *testing.T, env *apptest.Env, s apptest.Session, query string) (pendingPage, *apptest.Response) {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/pending" + query, Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("pending: %d %s", r.Status, r.Body)
	}
	var p pendingPage
	r.JSON(t, &p)
	return p, r
}

// allPending reads the whole queue a page of limit at a time.
func allPending(t *testing.T, env *apptest.Env, s apptest.Session, limit int) []pendingView {
	t.Helper()
	var out []pendingView
	query := fmt.Sprintf("?limit=%d", limit)
	for pages := 0; ; pages++ {
		p, _ := pending(t, env, s, query)
		out = append(out, p.Items...)
		if p.NextCursor == "" {
			return out
		}
		if pages > 20 || len(p.Items) != limit {
			t.Fatalf("page %d holds %d items with a next cursor", pages, len(p.Items))
		}
		query = fmt.Sprintf("?limit=%d&cursor=%s", limit, p.NextCursor)
	}
}

func hitIDs(items []pendingView) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.HitID
	}
	return ids
}

// pendingReferrals gives the firm two potential hits on each of n referrals made one after the
// other: the registry's related party "Maria Gonzales" on the client, and "Lakeview Properties
// Group" on the adverse party.
func pendingReferrals(t *testing.T, env *apptest.Env, n int) (coord, staff apptest.Session, ids []string) {
	t.Helper()
	coord, staff = env.Login(t, coordinator, password), env.Login(t, nonprofitStaff, password)
	addEntry(t, env, coord, "Maria Gonzales", "person", "related")
	addEntry(t, env, coord, "Lakeview Properties Group", "organization", "related")
	for range n {
		ids = append(ids, createReferral(t, env, staff, referralBody(true)).ID)
	}
	return coord, staff, ids
}

func TestPendingConflicts_OldestFirstInPagesOfAFixedCost(t *testing.T) {
	t.Parallel()
	var queries apptest.QueryCounter
	env := apptest.New(t, apptest.WithQueryTracer(&queries))
	coord, _, referrals := pendingReferrals(t, env, 3)

	before := queries.Count()
	first, _ := pending(t, env, coord, "?limit=1")
	one := queries.Count() - before
	before = queries.Count()
	whole, r := pending(t, env, coord, "")
	all := queries.Count() - before
	if one != all {
		t.Fatalf("a page of 1 cost %d queries and a page of %d cost %d", one, len(whole.Items), all)
	}
	if first.Total != 6 || whole.Total != 6 || len(whole.Items) != 6 || whole.NextCursor != "" || first.NextCursor == "" {
		t.Fatalf("first page %+v, whole queue %s", first, r.Body)
	}
	var order []string
	for i, it := range whole.Items {
		if i > 0 && it.FoundAt.Before(whole.Items[i-1].FoundAt) {
			t.Fatalf("item %d was found before item %d: %s", i, i-1, r.Body)
		}
		if len(order) == 0 || order[len(order)-1] != it.ReferralID {
			order = append(order, it.ReferralID)
		}
		if it.PracticeArea != "housing.private_landlord_tenant" || it.Urgency != "urgent" || it.Deadline == "" ||
			it.EntryRole != "related" || it.Match != "similar" || it.Reason == "" || it.AwaitingAnswer {
			t.Fatalf("item %d: %+v", i, it)
		}
	}
	if !slices.Equal(order, referrals) {
		t.Fatalf("referrals in the queue %v, want those made, oldest first: %v", order, referrals)
	}

	// Pages of 4 and of 5 make up the same queue; a re-run of a check keeps when its hits were found.
	if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + referrals[0] + "/conflict-check", Token: coord.Token}); r.Status != http.StatusOK {
		t.Fatalf("re-run: %d %s", r.Status, r.Body)
	}
	for _, limit := range []int{4, 5} {
		if paged := allPending(t, env, coord, limit); !slices.Equal(hitIDs(paged), hitIDs(whole.Items)) {
			t.Fatalf("in pages of %d: %v, want %v", limit, hitIDs(paged), hitIDs(whole.Items))
		}
	}
}

func TestPendingConflicts_ClearedWithdrawnAndBlockedHitsLeaveTheQueue(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, staff, referrals := pendingReferrals(t, env, 3)
	queue := allPending(t, env, coord, 50)

	// One hit cleared leaves; its check still waits on the other.
	if r := clearHit(t, env, coord, queue[0].ReferralID, queue[0].HitID, "Different company: checked the state filings."); r.Status != http.StatusOK {
		t.Fatalf("clear: %d %s", r.Status, r.Body)
	}
	if left := allPending(t, env, coord, 50); !slices.Equal(hitIDs(left), hitIDs(queue[1:])) {
		t.Fatalf("after clearing one hit: %v, want %v", hitIDs(left), hitIDs(queue[1:]))
	}

	// The hits of a withdrawn referral leave.
	if r := transition(t, env, staff, referrals[1], map[string]string{"to": "withdrawn"}); r.Status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	for _, it := range allPending(t, env, coord, 50) {
		if it.ReferralID == referrals[1] {
			t.Fatalf("a withdrawn referral's hit is still waiting: %+v", it)
		}
	}

	// A question to the referring organisation is shown on its hit.
	var onClient pendingView
	for _, it := range allPending(t, env, coord, 50) {
		if it.ReferralID == referrals[2] && it.PartyRole == "client" {
			onClient = it
		}
	}
	if r := ask(t, env, coord, referrals[2], onClient.HitID, "same_person"); r.Status != http.StatusCreated {
		t.Fatalf("ask: %d %s", r.Status, r.Body)
	}
	for _, it := range allPending(t, env, coord, 50) {
		if it.AwaitingAnswer != (it.HitID == onClient.HitID) {
			t.Fatalf("awaiting an answer: %+v", it)
		}
	}

	// The firm's client as the adverse party blocks every referral: nothing is left to clear.
	addEntry(t, env, coord, "Lakeview Property Management LLC", "organization", "client")
	if p, r := pending(t, env, coord, ""); p.Total != 0 || len(p.Items) != 0 {
		t.Fatalf("blocked checks still in the queue: %s", r.Body)
	}
}

func TestPendingConflicts_OnlyTheFirmsCoordinatorsAndOrgAdminsSeeTheirOwn(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, _, _ := pendingReferrals(t, env, 1)

	// Hits on the client name the firm's entry and the roles, never the client.
	own, r := pending(t, env, coord, "")
	clientHits := 0
	for _, it := range own.Items {
		if it.PartyRole == "client" {
			clientHits++
			if it.EntryName != "Maria Gonzales" || !clientReasons.MatchString(it.Reason) {
				t.Fatalf("a hit on the client: %+v", it)
			}
		}
	}
	if own.Total != 2 || clientHits != 1 {
		t.Fatalf("want two hits, one on the client: %s", r.Body)
	}
	for _, f := range []string{"María", "González", "maria@example.org", "312-555-0100", "1985-04-12", "Prefers calls"} {
		if strings.Contains(string(r.Body), f) {
			t.Errorf("the queue reveals %q: %s", f, r.Body)
		}
	}

	if admin, _ := pending(t, env, env.Login(t, "admin@hartwell.example", password), ""); !slices.Equal(hitIDs(admin.Items), hitIDs(own.Items)) {
		t.Fatalf("the firm's org admin sees %+v", admin)
	}
	// Another firm's coordinator and org admin see their own firm's queue, which is empty, even
	// with this firm's position in theirs.
	first, _ := pending(t, env, coord, "?limit=1")
	for _, email := range []string{"coordinator@castellan.example", "admin@castellan.example"} {
		for _, query := range []string{"", "?cursor=" + first.NextCursor} {
			if p, r := pending(t, env, env.Login(t, email, password), query); p.Total != 0 || len(p.Items) != 0 {
				t.Fatalf("%s sees %s", email, r.Body)
			}
		}
	}
	for _, email := range []string{"priya.raman@hartwell.example", nonprofitStaff, "admin@northside.example", "staff@lakeshore-pd.example", platformAdmin} {
		r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/pending", Token: env.Login(t, email, password).Token})
		assertProblem(t, r, http.StatusForbidden, problem.Forbidden, "", "")
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/pending"}).Problem(t, http.StatusUnauthorized)
}
