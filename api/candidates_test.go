package api_test

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/seed"
)

type candidateView struct {
	AttorneyID    string `json:"attorney_id"`
	AttorneyName  string `json:"attorney_name"`
	FirmName      string `json:"firm_name"`
	Score         float64
	Mentored      bool
	PracticeAreas []struct{ Code, Experience string } `json:"practice_areas"`
	Factors       []struct {
		Name          string
		Weight, Value float64
		Why           *string
	}
	Capacity *struct {
		ActiveMatters     int     `json:"active_matters"`
		MonthlyHourBudget float64 `json:"monthly_hour_budget"`
	}
}

type candidateListView struct {
	Detail   string
	Items    []candidateView
	Eligible int
	Excluded map[string]int
}

type explanationView struct {
	Candidate candidateView
	Detail    string
	Eligible  bool
	Failures  []struct{ Constraint, Why string }
}

// withSamples adds the demo's sample profiles, registries and referrals, and returns the ids of the
// submitted referrals by practice area.
func withSamples(t *testing.T, env *apptest.Env) map[string]string {
	t.Helper()
	services := seed.Services{Attorneys: env.App.Attorneys, Referrals: env.App.Referrals, Conflicts: env.App.Conflicts, Partnerships: env.App.Partnerships, Credit: env.App.Credit, Offers: env.App.Offers, Hours: env.App.Hours, Outcomes: env.App.Outcomes}
	if err := seed.Samples(context.Background(), env.App.Store, services, time.Now()); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, staff := range []string{nonprofitStaff, "staff@riverbend.example", "staff@lakeshore-pd.example"} {
		var page struct{ Items []referralView }
		s := env.Login(t, staff, password)
		env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals?status=submitted", Token: s.Token}).JSON(t, &page)
		for _, r := range page.Items {
			var full struct {
				ID           string
				PracticeArea string `json:"practice_area"`
			}
			env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + r.ID, Token: s.Token}).JSON(t, &full)
			ids[full.PracticeArea] = r.ID
		}
	}
	return ids
}

func listCandidates(t *testing.T, env *apptest.Env, s apptest.Session, referralID, query string) candidateListView {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + referralID + "/candidates" + query, Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("candidates: %d %s", r.Status, r.Body)
	}
	var v candidateListView
	r.JSON(t, &v)
	return v
}

func explainCandidate(t *testing.T, env *apptest.Env, s apptest.Session, referralID, attorneyID string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + referralID + "/candidates/" + attorneyID, Token: s.Token})
}

// attorneyIDs are the demo attorneys' user ids by first name.
func attorneyIDs(t *testing.T, env *apptest.Env) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, email := range []string{"priya.raman@hartwell.example", "james.okafor@hartwell.example", "elena.vasquez@hartwell.example",
		"wei.zhang@castellan.example", "grace.mwangi@castellan.example"} {
		out[strings.SplitN(email, ".", 2)[0]] = env.Principal(t, email).UserID.String()
	}
	return out
}

func names(items []candidateView) []string {
	out := make([]string, len(items))
	for i, c := range items {
		out[i] = c.AttorneyName
	}
	return out
}

func factor(t *testing.T, c candidateView, name string) (value float64, why *string) {
	t.Helper()
	for _, f := range c.Factors {
		if f.Name == name {
			return f.Value, f.Why
		}
	}
	t.Fatalf("%s has no %s factor: %+v", c.AttorneyName, name, c.Factors)
	return 0, nil
}

// Riverbend's collection referral: Castellan Brooks represents the collector (a conflict), so only
// Hartwell's attorneys are candidates; Elena (expert) ranks above Priya (some experience), James
// (family law) is left out on the practice area.
func TestCandidates_RankTheDemoReferralWithReasons(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ids := withSamples(t, env)
	collection := ids["consumer.collection"]
	staff := env.Login(t, "staff@riverbend.example", password)

	list := listCandidates(t, env, staff, collection, "")
	if got := names(list.Items); !slices.Equal(got, []string{"Elena Vasquez", "Priya Raman"}) {
		t.Fatalf("candidates = %v", got)
	}
	if list.Detail != "summary" || list.Eligible != 2 || list.Excluded["practice_area"] != 1 || list.Excluded["conflict"] != 0 {
		t.Fatalf("detail %s, eligible %d, excluded %v", list.Detail, list.Eligible, list.Excluded)
	}
	elena, priya := list.Items[0], list.Items[1]
	if elena.Score <= priya.Score || elena.FirmName != "Hartwell & Pierce LLP" || len(elena.Factors) != 8 {
		t.Fatalf("Elena %+v, Priya %+v", elena, priya)
	}
	if v, why := factor(t, elena, "experience"); v != 1 || why == nil || !strings.Contains(*why, "Expert") {
		t.Fatalf("Elena's experience: %v %v", v, why)
	}
	if v, _ := factor(t, priya, "experience"); v >= 1 {
		t.Fatalf("Priya's experience: %v", v)
	}
	if !slices.ContainsFunc(elena.PracticeAreas, func(a struct{ Code, Experience string }) bool {
		return a.Code == "consumer.collection" && a.Experience == "expert"
	}) {
		t.Fatalf("Elena's areas: %+v", elena.PracticeAreas)
	}

	// The firm's coordinator sees the same ranking of its attorneys, with every reason and the figures.
	coord := listCandidates(t, env, env.Login(t, coordinator, password), collection, "")
	if got := names(coord.Items); !slices.Equal(got, []string{"Elena Vasquez", "Priya Raman"}) || coord.Detail != "full" {
		t.Fatalf("coordinator's candidates = %v (%s)", got, coord.Detail)
	}
	for _, c := range coord.Items {
		if c.Capacity == nil || c.Capacity.MonthlyHourBudget == 0 {
			t.Fatalf("%s without capacity: %+v", c.AttorneyName, c)
		}
		for _, f := range c.Factors {
			if f.Why == nil || *f.Why == "" {
				t.Fatalf("%s's %s factor without a reason", c.AttorneyName, f.Name)
			}
		}
	}

	// Why not: James is not a family lawyer's candidate for a collection suit; Wei's firm has a
	// conflict, which a platform admin is told and the referring organisation is not.
	people := attorneyIDs(t, env)
	var james explanationView
	explainCandidate(t, env, staff, collection, people["james"]).JSON(t, &james)
	if james.Eligible || len(james.Failures) == 0 || james.Failures[0].Constraint != "practice_area" || james.Candidate.AttorneyName != "James Okafor" {
		t.Fatalf("James: %+v", james)
	}
	explainCandidate(t, env, staff, collection, people["wei"]).Problem(t, http.StatusNotFound)
	var wei explanationView
	explainCandidate(t, env, env.Login(t, platformAdmin, password), collection, people["wei"]).JSON(t, &wei)
	constraints := make([]string, len(wei.Failures))
	for i, f := range wei.Failures {
		constraints[i] = f.Constraint
	}
	if wei.Eligible || !slices.Contains(constraints, "conflict") || !slices.Contains(constraints, "practice_area") || wei.Detail != "full" {
		t.Fatalf("Wei: %+v", wei)
	}
	var el explanationView
	explainCandidate(t, env, staff, collection, people["elena"]).JSON(t, &el)
	if !el.Eligible || len(el.Failures) != 0 || el.Candidate.Score != elena.Score {
		t.Fatalf("Elena explained: %+v", el)
	}
}

// digits finds figures in a text.
var digits = regexp.MustCompile(`[0-9]`)

// The referring organisation sees no attorney's capacity, hours or goal: neither as numbers nor in
// the reasons, for candidates and for those who fail on capacity.
func TestCandidates_TheReferrerSeesNoCapacityNumbers(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ids := withSamples(t, env)
	custody := ids["family.custody_visitation"] // 35 hours; James has 8 a month
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, coordinator, password)
	people := attorneyIDs(t, env)

	// Hartwell's check found a possible match to clear: until then its attorneys are not Northside's to see.
	explainCandidate(t, env, staff, custody, people["james"]).Problem(t, http.StatusNotFound)
	check := getCheck(t, env, coord, custody)
	for _, h := range check.Hits {
		if r := clearHit(t, env, coord, custody, h.ID, "Different person: another Kessler."); r.Status != http.StatusOK {
			t.Fatalf("clear: %d %s", r.Status, r.Body)
		}
	}
	r := explainCandidate(t, env, staff, custody, people["james"])
	var james explanationView
	r.JSON(t, &james)
	if james.Eligible || james.Detail != "summary" || len(james.Failures) == 0 {
		t.Fatalf("James: %s", r.Body)
	}
	for _, f := range james.Failures {
		if f.Constraint == "capacity_hours" && digits.MatchString(f.Why) {
			t.Fatalf("the referrer is told James's hours: %q", f.Why)
		}
	}
	if !slices.ContainsFunc(james.Failures, func(f struct{ Constraint, Why string }) bool { return f.Constraint == "capacity_hours" }) {
		t.Fatalf("James's failures: %+v", james.Failures)
	}
	var coordView explanationView
	explainCandidate(t, env, coord, custody, people["james"]).JSON(t, &coordView)
	if coordView.Candidate.Capacity == nil || !slices.ContainsFunc(coordView.Failures, func(f struct{ Constraint, Why string }) bool {
		return f.Constraint == "capacity_hours" && digits.MatchString(f.Why)
	}) {
		t.Fatalf("the coordinator's view of James: %+v", coordView)
	}

	for _, referral := range ids {
		for _, who := range []string{nonprofitStaff, "staff@riverbend.example", "staff@lakeshore-pd.example"} {
			res := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + referral + "/candidates", Token: env.Login(t, who, password).Token})
			if res.Status == http.StatusNotFound {
				continue // another organisation's
			}
			var list candidateListView
			res.JSON(t, &list)
			for _, word := range []string{"capacity\":{", "monthly_hour_budget", "hours_this", "annual_goal", "active_matters", "recent_offers"} {
				if strings.Contains(string(res.Body), word) {
					t.Fatalf("%s sees %s: %s", who, word, res.Body)
				}
			}
			for _, c := range list.Items {
				for _, f := range c.Factors {
					private := f.Name == "availability" || f.Name == "capacity" || f.Name == "goal" || f.Name == "fairness"
					if private && f.Why != nil {
						t.Fatalf("%s reads why %s's %s: %q", who, c.AttorneyName, f.Name, *f.Why)
					}
				}
			}
		}
	}
}

// A firm's coordinator ranks only the firm's own attorneys, and explains no other firm's.
func TestCandidates_ACoordinatorSeesOnlyTheFirmsAttorneys(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ids := withSamples(t, env)
	sealing := ids["individual_rights.other"] // Wei and Grace practise it; nobody at Hartwell does
	people := attorneyIDs(t, env)
	castellan := env.Login(t, castellanCoordinator, password)

	list := listCandidates(t, env, castellan, sealing, "")
	if len(list.Items) == 0 || list.Detail != "full" {
		t.Fatalf("Castellan's candidates: %+v", list)
	}
	for _, c := range list.Items {
		if c.FirmName != "Castellan Brooks LLP" {
			t.Fatalf("Castellan's coordinator sees %s of %s", c.AttorneyName, c.FirmName)
		}
	}
	explainCandidate(t, env, castellan, sealing, people["priya"]).Problem(t, http.StatusNotFound)
	hartwell := listCandidates(t, env, env.Login(t, coordinator, password), sealing, "")
	if len(hartwell.Items) != 0 || hartwell.Excluded["practice_area"] != 3 {
		t.Fatalf("Hartwell's candidates: %+v", hartwell)
	}
	all := listCandidates(t, env, env.Login(t, platformAdmin, password), sealing, "?limit=1")
	if len(all.Items) != 1 || all.Eligible != len(list.Items) {
		t.Fatalf("the platform admin's first candidate: %+v", all)
	}
}

// Nobody outside the referring organisation, the platform and the firms that cleared the referral
// sees its candidates; a referral no longer open has none.
func TestCandidates_OthersGet404AndAClosedReferral409(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ids := withSamples(t, env)
	collection := ids["consumer.collection"]
	people := attorneyIDs(t, env)
	for _, who := range []string{nonprofitStaff, "admin@lakeshore-pd.example", "priya.raman@hartwell.example", castellanCoordinator} {
		s := env.Login(t, who, password)
		env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + collection + "/candidates", Token: s.Token}).Problem(t, http.StatusNotFound)
		explainCandidate(t, env, s, collection, people["elena"]).Problem(t, http.StatusNotFound)
	}
	staff := env.Login(t, "staff@riverbend.example", password)
	unknown := "00000000-0000-4000-8000-00000000abcd"
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + unknown + "/candidates", Token: staff.Token}).Problem(t, http.StatusNotFound)
	explainCandidate(t, env, staff, collection, unknown).Problem(t, http.StatusNotFound)
	explainCandidate(t, env, staff, collection, env.Principal(t, "staff@riverbend.example").UserID.String()).Problem(t, http.StatusNotFound)

	if r := transition(t, env, staff, collection, map[string]string{"to": "withdrawn"}); r.Status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	p := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + collection + "/candidates", Token: staff.Token}).Problem(t, http.StatusConflict)
	if !strings.Contains(p.Detail, "withdrawn") {
		t.Fatalf("detail: %q", p.Detail)
	}
	explainCandidate(t, env, env.Login(t, platformAdmin, password), collection, people["elena"]).Problem(t, http.StatusConflict)
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + collection + "/candidates", Token: env.Login(t, coordinator, password).Token}).Problem(t, http.StatusNotFound)

	// A draft is its organisation's alone: 409 for them (submit it first), 404 for the platform.
	draft := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(false))
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + draft.ID + "/candidates", Token: env.Login(t, nonprofitStaff, password).Token}).Problem(t, http.StatusConflict)
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + draft.ID + "/candidates", Token: env.Login(t, platformAdmin, password).Token}).Problem(t, http.StatusNotFound)
}

// The ranking reads a fixed number of queries however many attorneys it ranks.
func TestCandidates_QueriesDoNotGrowWithTheAttorneys(t *testing.T) {
	t.Parallel()
	counter := &apptest.QueryCounter{}
	env := apptest.New(t, apptest.WithQueryTracer(counter))
	ids := withSamples(t, env)
	admin := env.Login(t, platformAdmin, password) // every firm's attorneys
	path := "/api/v1/referrals/" + ids["consumer.collection"] + "/candidates"
	count := func() int64 {
		before := counter.Count()
		env.Do(t, apptest.Request{Method: "GET", Path: path, Token: admin.Token})
		return counter.Count() - before
	}
	few := count()
	seedAttorneys(t, env, 500, 5)
	if many := count(); many != few {
		t.Fatalf("%d queries with the demo's attorneys, %d with 500 more", few, many)
	}
}
