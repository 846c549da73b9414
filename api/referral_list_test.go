package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

// listQueryBudget is what one page of the referral list may cost: the caller's account, the page,
// and the parties and clients of all its rows.
const listQueryBudget = 3

// The list reads the parties and clients of a whole page at once, so a page of many referrals costs
// the same queries as a page of one, for every role that sees referrals.
func TestReferralList_QueriesDoNotGrowWithThePageSize(t *testing.T) {
	t.Parallel()
	var queries apptest.QueryCounter
	env := apptest.New(t, apptest.WithQueryTracer(&queries))
	const referrals = 8
	staff := env.Login(t, nonprofitStaff, password)
	for range referrals {
		createReferral(t, env, staff, referralBody(true))
	}
	roles := []struct {
		name, email string
		full        bool
	}{
		{"nonprofit staff", nonprofitStaff, true},
		{"coordinator", coordinator, false},
		{"attorney", "priya.raman@hartwell.example", false},
		{"platform admin", "admin@probono.example", false},
	}
	for _, role := range roles {
		t.Run(role.name, func(t *testing.T) {
			s := env.Login(t, role.email, password)
			page := func(limit int) (items []referralView, cost int64) {
				before := queries.Count()
				r := env.Do(t, apptest.Request{Method: "GET", Path: fmt.Sprintf("/api/v1/referrals?limit=%d", limit), Token: s.Token})
				cost = queries.Count() - before
				if r.Status != http.StatusOK {
					t.Fatalf("list: %d %s", r.Status, r.Body)
				}
				var body struct{ Items []referralView }
				r.JSON(t, &body)
				if len(body.Items) != limit {
					t.Fatalf("a page of %d holds %d referrals", limit, len(body.Items))
				}
				return body.Items, cost
			}
			_, one := page(1)
			items, all := page(referrals)
			if one != all || all > listQueryBudget {
				t.Fatalf("a page of 1 cost %d queries and a page of %d cost %d; want the same, at most %d", one, referrals, all, listQueryBudget)
			}
			for _, it := range items {
				wantParties := 1 // the client party is shown only to the referring organisation
				if role.full {
					wantParties = 2
				}
				if len(it.Parties) != wantParties || (it.Client != nil) != role.full || it.Redacted == role.full {
					t.Fatalf("%s sees %+v", role.name, it)
				}
				if role.full && it.Client.Name != "María González" {
					t.Fatalf("client of %s decrypted as %q", it.ID, it.Client.Name)
				}
			}
		})
	}
}

// BenchmarkReferralList_PageOf50 measures a page of 50 referrals through the HTTP API as each role
// that sees them; make bench-http measures the same under concurrent load.
func BenchmarkReferralList_PageOf50(b *testing.B) {
	env := apptest.New(b)
	staff := env.Login(b, nonprofitStaff, password)
	for range 50 {
		r := env.Do(b, apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: staff.Token, Body: referralBody(true)})
		if r.Status != http.StatusCreated {
			b.Fatalf("create referral: %d %s", r.Status, r.Body)
		}
	}
	for _, role := range []struct{ name, email string }{
		{"nonprofit staff", nonprofitStaff},
		{"coordinator", coordinator},
		{"attorney", "priya.raman@hartwell.example"},
		{"platform admin", "admin@probono.example"},
	} {
		b.Run(role.name, func(b *testing.B) {
			s := env.Login(b, role.email, password)
			for b.Loop() {
				r := env.Do(b, apptest.Request{Method: "GET", Path: "/api/v1/referrals?limit=50", Token: s.Token})
				if r.Status != http.StatusOK {
					b.Fatalf("list: %d %s", r.Status, r.Body)
				}
			}
		})
	}
}
