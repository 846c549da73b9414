package api_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/platform/problem"
)

// Coordinators clearing the hits of one check at the same moment must leave it cleared: each clear
// sums up the check with every clearance, its own and the others'.
func TestConflict_HitsClearedInParallelLeaveTheCheckClearedAndTheReferralVisible(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	staff := env.Login(t, nonprofitStaff, password)
	priya := env.Login(t, "priya.raman@hartwell.example", password)
	addEntry(t, env, coord, "Lakeview Properties Group", "organization", "related")
	addEntry(t, env, coord, "Maria Gonzales", "person", "related")

	for run := range 8 {
		v := createReferral(t, env, staff, referralBody(true))
		c := getCheck(t, env, coord, v.ID)
		if c.Result != "potential" || len(c.Hits) < 2 {
			t.Fatalf("run %d: want two potential hits: %+v", run, c)
		}
		var wg sync.WaitGroup
		statuses := make([]int, len(c.Hits))
		for i, h := range c.Hits {
			wg.Go(func() {
				statuses[i] = clearHit(t, env, coord, v.ID, h.ID, "Different people and companies: checked the addresses.").Status
			})
		}
		wg.Wait()
		for i, s := range statuses {
			if s != http.StatusOK {
				t.Fatalf("run %d: clearing hit %d answered %d", run, i, s)
			}
		}
		if after := getCheck(t, env, coord, v.ID); after.Result != "cleared" {
			t.Fatalf("run %d: after clearing every hit in parallel the check is %q", run, after.Result)
		}
		if !canSee(t, env, priya, v.ID) {
			t.Fatalf("run %d: the firm's attorney cannot see the cleared referral", run)
		}
	}
}

func TestConflict_ClearingAClearedHitIs409(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	addEntry(t, env, coord, "Lakeview Properties Group", "organization", "related")
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	hit := getCheck(t, env, coord, v.ID).Hits[0]
	if r := clearHit(t, env, coord, v.ID, hit.ID, "Different company: a Wisconsin REIT."); r.Status != http.StatusOK {
		t.Fatalf("clear: %d %s", r.Status, r.Body)
	}
	again := apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + v.ID + "/conflict-check/hits/" + hit.ID + "/clear",
		Token: coord.Token, Body: map[string]string{"reason": "Cleared again by someone else."}}
	badCase{"clearing a cleared hit", again, http.StatusConflict, problem.Conflict, "", ""}.refused(t, env)
	clearHit(t, env, coord, v.ID, "00000000-0000-0000-0000-000000000000", "No such hit at all.").Problem(t, http.StatusNotFound)
}
