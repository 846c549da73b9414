package api_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

// Candidates are ranked from attorneys kept in memory between requests: every change to who the
// attorneys are shows in the very next ranking.
func TestCandidates_ThePoolFollowsEveryChangeAtOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	collection := withSamples(t, env)["consumer.collection"]
	staff := env.Login(t, "staff@riverbend.example", password)
	ranked := func() []string {
		t.Helper()
		return names(listCandidates(t, env, staff, collection, "").Items)
	}
	if got := ranked(); !slices.Equal(got, []string{"Elena Vasquez", "Priya Raman"}) {
		t.Fatalf("candidates = %v", got)
	}

	// A new attorney of the firm saves a profile that fits: they are a candidate.
	newcomer := addAttorneys(t, env, priyaEmail, 1)[0]
	s := env.Login(t, newcomer, password)
	body := attorneyProfileBody()
	body["practice_areas"] = []map[string]any{{"code": "consumer.collection", "experience": "experienced"}}
	if r := env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/attorneys/" + userID(t, env, newcomer), Token: s.Token, Body: body}); r.Status != http.StatusOK {
		t.Fatalf("profile: %d %s", r.Status, r.Body)
	}
	if got := ranked(); !slices.Contains(got, "Attorney 00") || len(got) != 3 {
		t.Fatalf("after the newcomer's profile: %v", got)
	}

	// They change their areas: no longer a candidate, and counted as failing on the practice area.
	body["practice_areas"] = []map[string]any{{"code": "family", "experience": "expert"}}
	if r := env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/attorneys/" + userID(t, env, newcomer), Token: s.Token, Body: body}); r.Status != http.StatusOK {
		t.Fatalf("profile: %d %s", r.Status, r.Body)
	}
	list := listCandidates(t, env, staff, collection, "")
	if got := names(list.Items); !slices.Equal(got, []string{"Elena Vasquez", "Priya Raman"}) || list.Excluded["practice_area"] != 2 {
		t.Fatalf("after the change of areas: %v, excluded %v", got, list.Excluded)
	}

	// The firm deactivates Priya: she is nobody's candidate until reactivated.
	admin := env.Login(t, "admin@hartwell.example", password)
	activate := memberActivation(t, env, admin, orgOf(t, env, admin), priyaEmail)
	activate(false)
	if got := ranked(); !slices.Equal(got, []string{"Elena Vasquez"}) {
		t.Fatalf("with Priya deactivated: %v", got)
	}
	activate(true)
	if got := ranked(); !slices.Equal(got, []string{"Elena Vasquez", "Priya Raman"}) {
		t.Fatalf("with Priya back: %v", got)
	}
}
