package api_test

import (
	"net/http"
	"strings"
	"testing"

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
		Name string
		Why  *string
	}
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
