package conflict_test

import (
	"context"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/referral"
)

// Registry rows written before match keys existed have none (NULL), so a variant that only a key
// finds misses them, until FillMatchKeys, run at start, fills them in.
func TestFillMatchKeys_RowsWrittenBeforeTheKeysAreFoundOnceFilledIn(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ctx := context.Background()
	coordinator := env.Principal(t, "coordinator@hartwell.example")
	staff := env.Principal(t, "staff@northside.example")
	if _, err := env.App.Conflicts.AddEntry(ctx, coordinator, conflict.Entry{Name: "Sergei Kuznetsoff", Kind: "person", Role: "adverse"}); err != nil {
		t.Fatal(err)
	}
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "UPDATE conflict_entries SET match_keys = NULL"); err != nil { // as before migration 00013
		t.Fatal(err)
	}
	ref, err := env.App.Referrals.Create(ctx, staff, referral.Input{
		PracticeArea: "housing.private_landlord_tenant", Jurisdiction: "IL", Summary: "Eviction defence for a family of four.",
		Urgency: "urgent", HouseholdSize: 4, AnnualIncome: 30000, Client: referral.Client{Name: "Ana Lucia Torres"},
		Parties: []referral.Party{{Name: "Ana Lucia Torres", Role: "client", Kind: "person"}, {Name: "Sergey Kuznetsov", Role: "adverse", Kind: "person"}},
	}, true, "")
	if err != nil {
		t.Fatal(err)
	}
	hits := func() int {
		c, err := env.App.Conflicts.Run(ctx, coordinator, ref.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		return len(c.Hits)
	}
	if n := hits(); n != 0 {
		t.Fatalf("a row without keys was found by its keys: %d hits", n)
	}
	if n, err := env.App.Conflicts.FillMatchKeys(ctx); err != nil || n == 0 {
		t.Fatalf("filled %d rows: %v", n, err)
	}
	if n := hits(); n != 1 {
		t.Fatalf("after filling in the keys: %d hits, want the one on Sergei Kuznetsoff", n)
	}
	if n, err := env.App.Conflicts.FillMatchKeys(ctx); err != nil || n != 0 {
		t.Fatalf("a second run filled %d rows: %v", n, err)
	}
}
