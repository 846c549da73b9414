package seed_test

import (
	"context"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/hours"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/outcome"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/seed"
)

// The samples go through the services, so they must pass their validation; they are added once, and
// the demo shows a conflict, a potential conflict and clear checks.
func TestSamples_AreAddedOnceAndShowEachCheckResult(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ctx := context.Background()
	services := seed.Services{Attorneys: env.App.Attorneys, Referrals: env.App.Referrals, Conflicts: env.App.Conflicts, Partnerships: env.App.Partnerships, Credit: env.App.Credit, Offers: env.App.Offers, Hours: env.App.Hours, Outcomes: env.App.Outcomes}
	for range 2 {
		if err := seed.Samples(ctx, env.App.Store, services, time.Now()); err != nil {
			t.Fatal(err)
		}
	}

	northside := env.Principal(t, "staff@northside.example")
	refs, _, err := env.App.Referrals.List(ctx, northside, referral.ListFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[referral.Status]int{}
	for _, r := range refs {
		statuses[r.Status]++
	}
	if len(refs) != 5 || statuses[referral.Submitted] != 2 || statuses[referral.Draft] != 1 ||
		statuses[referral.Accepted] != 1 || statuses[referral.Closed] != 1 {
		t.Fatalf("Northside's sample referrals, after seeding twice: %v", statuses)
	}

	results := map[string]conflict.Result{}
	for _, coordinator := range []string{"coordinator@hartwell.example", "coordinator@castellan.example"} {
		for _, staff := range []string{"staff@northside.example", "staff@riverbend.example"} {
			refs, _, err := env.App.Referrals.List(ctx, env.Principal(t, staff), referral.ListFilter{Status: "submitted", Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range refs {
				c, err := env.App.Conflicts.Get(ctx, env.Principal(t, coordinator), r.ID, nil)
				if err != nil {
					t.Fatal(err)
				}
				results[coordinator+" "+r.PracticeArea] = c.Result
			}
		}
	}
	want := map[string]conflict.Result{
		"coordinator@hartwell.example housing.private_landlord_tenant":  conflict.ResultConflict,
		"coordinator@hartwell.example family.custody_visitation":        conflict.ResultPotential,
		"coordinator@hartwell.example consumer.collection":              conflict.ResultClear,
		"coordinator@castellan.example housing.private_landlord_tenant": conflict.ResultClear,
		"coordinator@castellan.example family.custody_visitation":       conflict.ResultClear,
		"coordinator@castellan.example consumer.collection":             conflict.ResultConflict,
	}
	for k, w := range want {
		if results[k] != w {
			t.Errorf("%s: %q, want %q", k, results[k], w)
		}
	}

	for _, email := range []string{"priya.raman@hartwell.example", "grace.mwangi@castellan.example"} {
		p := env.Principal(t, email)
		a, err := env.App.Attorneys.Get(ctx, p, p.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if a.UpdatedAt == nil || len(a.BarAdmissions) == 0 || len(a.PracticeAreas) == 0 {
			t.Errorf("%s has no sample profile: %+v", email, a)
		}
	}

	active, err := env.App.Partnerships.ActiveFor(ctx, northside.OrgID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	hartwell := env.Principal(t, "admin@hartwell.example").OrgID
	// Priya's approved housing time (48 and 30 minutes) counts towards the pledge.
	if p, ok := active[hartwell]; len(active) != 1 || !ok || p.PledgedHours != 500 || p.HoursLeft != 500-p.DeliveredHours || p.DeliveredHours < 1.29 || p.DeliveredHours > 1.31 || len(p.PracticeAreas) != 1 || p.PracticeAreas[0] != "housing" {
		t.Errorf("Northside's active partnerships after seeding twice: %+v", active)
	}
	// Each demo firm has one credit policy and this fiscal year's billable hours.
	for _, coordinator := range []string{"coordinator@hartwell.example", "coordinator@castellan.example"} {
		p := env.Principal(t, coordinator)
		policies, err := env.App.Credit.Policies(ctx, p, nil)
		if err != nil || len(policies) != 1 {
			t.Errorf("%s's credit policies after seeding twice: %+v, %v", coordinator, policies, err)
		}
		year, err := env.App.Credit.Firm(ctx, p, p.OrgID, nil)
		if err != nil || year.Challenge.BillableHours == nil || year.Challenge.Attorneys == nil {
			t.Errorf("%s's billable hours: %+v, %v", coordinator, year.Challenge, err)
		}
	}

	// Hartwell has an active matter and a closed one, with time approved, waiting and in draft, and
	// Northside's impact shows the closed matter's outcome and the client's feedback.
	hartwellCoordinator := env.Principal(t, "coordinator@hartwell.example")
	matters, _, err := env.App.Offers.Matters(ctx, hartwellCoordinator, offer.ListFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	matterStatuses := map[string]int{}
	for _, m := range matters {
		matterStatuses[m.Status]++
	}
	if len(matters) != 2 || matterStatuses["active"] != 1 || matterStatuses["closed"] != 1 {
		t.Errorf("Hartwell's matters after seeding twice: %v", matterStatuses)
	}
	entries, _, err := env.App.Hours.List(ctx, hartwellCoordinator, hours.ListFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	entryStatuses := map[hours.Status]int{}
	for _, e := range entries {
		entryStatuses[e.Status]++
	}
	if entryStatuses[hours.StatusApproved] != 4 || entryStatuses[hours.StatusSubmitted] != 1 || entryStatuses[hours.StatusDraft] != 1 || len(entries) != 6 {
		t.Errorf("Hartwell's time entries after seeding twice: %v", entryStatuses)
	}
	priya := env.Principal(t, "priya.raman@hartwell.example")
	drafts := hours.StatusDraft
	own, _, err := env.App.Hours.List(ctx, priya, hours.ListFilter{Status: &drafts, Limit: 50})
	if err != nil || len(own) != 1 {
		t.Errorf("Priya's drafts: %d, %v", len(own), err)
	}
	now := time.Now().UTC()
	impact, err := env.App.Outcomes.Impact(ctx, northside, outcome.ImpactFilter{From: now.AddDate(0, 0, -30), To: now})
	if err != nil {
		t.Fatal(err)
	}
	if impact.Outcomes.Closed != 1 || impact.Outcomes.GoalMet != 1 || impact.Satisfaction.Count != 1 || impact.ApprovedHours <= 0 {
		t.Errorf("Northside's impact: %+v", impact)
	}
}
