package seed_test

import (
	"context"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/seed"
)

// Generated referrals pass the services' validation, are spread over the referring organisations,
// and are checked against every firm's registry, so that coordinators see the ones that cleared.
func TestGenerated_SubmitsCheckedReferralsForEveryReferrer(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ctx := context.Background()
	services := seed.Services{Attorneys: env.App.Attorneys, Referrals: env.App.Referrals, Conflicts: env.App.Conflicts}
	if err := seed.Generated(ctx, env.App.Store, services, time.Now(), seed.Volume{Referrals: 9, RegistryEntries: 40}); err != nil {
		t.Fatal(err)
	}

	cleared := map[string]int{}
	for _, staff := range []string{"staff@northside.example", "staff@riverbend.example", "staff@lakeshore-pd.example"} {
		refs, _, err := env.App.Referrals.List(ctx, env.Principal(t, staff), referral.ListFilter{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(refs) != 3 {
			t.Fatalf("%s has %d referrals, want 3", staff, len(refs))
		}
		for _, r := range refs {
			if r.Status != referral.Submitted || r.Client == nil || len(r.Parties) < 2 {
				t.Errorf("%s: referral %s is %s with client %v and %d parties", staff, r.ID, r.Status, r.Client, len(r.Parties))
			}
			for _, coordinator := range []string{"coordinator@hartwell.example", "coordinator@castellan.example"} {
				c, err := env.App.Conflicts.Get(ctx, env.Principal(t, coordinator), r.ID, nil)
				if err != nil {
					t.Fatalf("%s's check of %s: %v", coordinator, r.ID, err)
				}
				if c.Result == conflict.ResultClear {
					cleared[coordinator]++
				}
			}
		}
	}
	for coordinator, n := range cleared {
		refs, _, err := env.App.Referrals.List(ctx, env.Principal(t, coordinator), referral.ListFilter{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(refs) != n {
			t.Errorf("%s sees %d referrals, want the %d that cleared", coordinator, len(refs), n)
		}
	}
	if cleared["coordinator@hartwell.example"] == 0 || cleared["coordinator@castellan.example"] == 0 {
		t.Errorf("too few generated referrals cleared: %v", cleared)
	}
}
