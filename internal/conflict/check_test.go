package conflict

import (
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// Rows that share a name are compared once but each is a hit of its own, and the hits come out
// most serious first, as a stored check is read back.
func TestMatchParties_EveryRowOfASharedNameIsAHitConflictsFirst(t *testing.T) {
	entry := func(name, role string) store.ConflictEntry {
		return store.ConflictEntry{ID: uuid.New(), EntryID: uuid.New(), Name: name, Normalized: Normalize(name), Kind: "organization", Role: role}
	}
	candidates := []store.ConflictEntry{
		entry("Lakeview Properties Group", "related"),
		entry("Lakeview Property Management, Inc.", "client"),
		entry("Lakeview Property Management LLC", "client"),
		entry("Unrelated Holdings", "client"),
	}
	parties := []referral.Party{
		{Name: "María González", Role: "client", Kind: "person"},
		{Name: "Lakeview Property Management LLC", Role: "adverse", Kind: "organization", Aliases: []string{"Lakeview Properties"}},
	}
	hits := matchParties(parties, candidates, false)
	if len(hits) != 3 {
		t.Fatalf("want 3 hits, got %d: %+v", len(hits), hits)
	}
	for i, want := range []Level{Conflict, Conflict, Potential} {
		if hits[i].Level != want || hits[i].position != 1 {
			t.Fatalf("hit %d: %+v", i, hits[i])
		}
	}
	if hits[0].EntryID == hits[1].EntryID {
		t.Fatal("two registry entries with one name are two hits")
	}

	// Under Rule 6.5 the same matches are potential, and say why.
	for _, h := range matchParties(parties, candidates, true) {
		if h.Level != Potential || (h.EntryRole == "client" && !strings.Contains(h.Reason, "Rule 6.5")) {
			t.Fatalf("limited scope: %+v", h)
		}
	}
}
