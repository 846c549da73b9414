package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
)

type opportunityView struct {
	Referral struct {
		ID           string
		PracticeArea string `json:"practice_area"`
		Redacted     bool
		Client       *struct{ Name string }
		Eligibility  struct {
			AnnualIncome *int `json:"annual_income"`
		}
		Parties []struct{ Role string }
	}
	Score   float64
	Factors []struct {
		Name  string
		Value float64
		Why   *string
	}
}

// factor returns o's factor of the name and its why.
func (o opportunityView) factor(t *testing.T, name string) (float64, string) {
	t.Helper()
	for _, f := range o.Factors {
		if f.Name == name && f.Why != nil {
			return f.Value, *f.Why
		}
	}
	t.Fatalf("no %s factor with a why: %+v", name, o.Factors)
	return 0, ""
}

func opportunities(t *testing.T, env *apptest.Env, email, query string) ([]opportunityView, *apptest.Response) {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/opportunities" + query, Token: env.Login(t, email, password).Token})
	var page struct{ Items []opportunityView }
	if r.Status == http.StatusOK {
		r.JSON(t, &page)
	}
	return page.Items, r
}

// An attorney sees the open referrals they may take, best fit first, redacted, each with why it fits.
func TestOpportunities_AnAttorneySeesTheReferralsTheyFitRedactedWithWhy(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ids := withSamples(t, env)

	elena, r := opportunities(t, env, "elena.vasquez@hartwell.example", "")
	if r.Status != http.StatusOK || len(elena) != 1 || elena[0].Referral.ID != ids["consumer.collection"] {
		t.Fatalf("Elena's opportunities: %s", r.Body)
	}
	o := elena[0]
	if !o.Referral.Redacted || o.Referral.Client != nil || o.Referral.Eligibility.AnnualIncome != nil || o.Score <= 0 || len(o.Factors) != 8 {
		t.Fatalf("Elena's opportunity: %s", r.Body)
	}
	for _, p := range o.Referral.Parties {
		if p.Role == "client" {
			t.Fatalf("the client party is shown: %s", r.Body)
		}
	}
	for _, f := range o.Factors {
		if f.Why == nil || *f.Why == "" {
			t.Fatalf("no why for %s: %s", f.Name, r.Body)
		}
	}
	if strings.Contains(string(r.Body), "Helen") || strings.Contains(string(r.Body), "15000") {
		t.Fatalf("client details: %s", r.Body)
	}

	// Castellan represents the collector: Wei sees the sealing petition only, which he practises.
	wei, r := opportunities(t, env, "wei.zhang@castellan.example", "")
	for _, o := range wei {
		if o.Referral.ID == ids["consumer.collection"] {
			t.Fatalf("Wei is offered a referral his firm has a conflict with: %s", r.Body)
		}
	}
	if len(wei) != 1 || wei[0].Referral.PracticeArea != "individual_rights.other" {
		t.Fatalf("Wei's opportunities: %s", r.Body)
	}
	if _, r := opportunities(t, env, coordinator, ""); r.Status != http.StatusForbidden {
		t.Fatalf("a coordinator's opportunities: %d %s", r.Status, r.Body)
	}
	if _, r := opportunities(t, env, nonprofitStaff, "?limit=5"); r.Status != http.StatusForbidden {
		t.Fatalf("staff's opportunities: %d %s", r.Status, r.Body)
	}
}

// Each opportunity's partnership factor counts the attorney's firm's partnership in force with the
// referral's referrer when it covers the referral's practice area; another referrer's referral, or
// one in an area the partnership does not cover, counts none.
func TestOpportunities_CountTheFirmsPartnershipWithEachReferralsReferrer(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ids := withSamples(t, env)
	collection := func(staff string) string {
		body := referralBody(true)
		body["practice_area"], body["language"], body["estimated_hours"] = "consumer.collection", "en", 5
		body["parties"] = []map[string]any{{"name": "Ada Client", "role": "client", "kind": "person"}}
		return createReferral(t, env, env.Login(t, staff, password), body).ID
	}
	riverbend := ids["consumer.collection"]
	northside := collection(nonprofitStaff)               // Hartwell's partnership with Northside covers housing only
	lakeshore := collection("staff@lakeshore-pd.example") // Hartwell has no partnership with Lakeshore
	partnershipFactors := func() map[string]float64 {
		t.Helper()
		list, r := opportunities(t, env, "elena.vasquez@hartwell.example", "")
		out := map[string]float64{}
		for _, o := range list {
			value, why := o.factor(t, "partnership")
			if value > 0 != strings.Contains(why, "100 of 100 pledged hours left") {
				t.Fatalf("referral %s: partnership %v, %q: %s", o.Referral.ID, value, why, r.Body)
			}
			out[o.Referral.ID] = value
		}
		for _, id := range []string{riverbend, northside, lakeshore} {
			if _, ok := out[id]; !ok {
				t.Fatalf("referral %s is not among Elena's opportunities: %s", id, r.Body)
			}
		}
		return out
	}
	for id, value := range partnershipFactors() {
		if value != 0 {
			t.Fatalf("referral %s counts a partnership before there is one: %v", id, value)
		}
	}

	hartwellAdmin := env.Login(t, "admin@hartwell.example", password)
	body := partnershipBody(orgOf(t, env, hartwellAdmin), orgOf(t, env, env.Login(t, "staff@riverbend.example", password)))
	today := time.Now().UTC()
	body["practice_areas"], body["pledged_hours"] = []string{"consumer"}, 100
	body["starts_on"], body["ends_on"] = today.AddDate(0, -1, 0).Format(time.DateOnly), today.AddDate(1, 0, 0).Format(time.DateOnly)
	createPartnership(t, env, hartwellAdmin, body)

	after := partnershipFactors()
	if after[riverbend] <= 0 || after[northside] != 0 || after[lakeshore] != 0 {
		t.Fatalf("partnership factors: Riverbend's %v, Northside's %v, Lakeshore's %v", after[riverbend], after[northside], after[lakeshore])
	}
}

// The list reads a fixed number of queries however many referrals are open.
func TestOpportunities_QueriesDoNotGrowWithTheReferrals(t *testing.T) {
	t.Parallel()
	counter := &apptest.QueryCounter{}
	env := apptest.New(t, apptest.WithQueryTracer(counter))
	withSamples(t, env)
	priya := env.Login(t, "priya.raman@hartwell.example", password)
	count := func() int64 {
		before := counter.Count()
		env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/opportunities", Token: priya.Token})
		return counter.Count() - before
	}
	count() // the first run reads the attorneys into the pool, which later runs reuse
	few := count()
	staff := env.Login(t, "staff@riverbend.example", password)
	for range 5 {
		body := referralBody(true)
		body["practice_area"], body["language"], body["estimated_hours"] = "consumer.collection", "en", 5
		body["parties"] = []map[string]any{{"name": "Ada Client", "role": "client", "kind": "person"}}
		createReferral(t, env, staff, body)
	}
	list, _ := opportunities(t, env, "priya.raman@hartwell.example", "")
	if many := count(); many != few || len(list) < 5 {
		t.Fatalf("%d queries with the demo's referrals, %d with %d opportunities", few, many, len(list))
	}
}
