package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

// A submitted referral's parties meet the firm's registry entries, added one by one and imported by
// CSV, as spelling variants (romanised names, joined particles), trading names and acronyms; names
// that share only common words with an entry do not.
func TestConflict_NameVariantsAreHitsAndCommonWordLookAlikesAreNot(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	tests := []struct {
		entry, kind string
		imported    bool
		party       string
		hit         bool
	}{
		{"Sergei Kuznetsoff", "person", true, "Sergey Kuznetsov", true},
		{"Mikhail Gorbachev", "person", false, "Michail Gorbatschow", true},
		{"Juan Delacruz", "person", true, "Juan de la Cruz", true},
		{"Moustafa Yilmaz", "person", false, "Mustafa Yilmaz", true},
		{"K-Mart Corporation", "organization", false, "Kmart", true},
		{"Wal-Mart Stores, Inc.", "organization", true, "Walmart", true},
		{"American Civil Liberties Union", "organization", false, "ACLU", true},
		{"NAACP", "organization", true, "National Association for the Advancement of Colored People", true},
		{"Northside Legal Services", "organization", false, "Southside Legal Services", false},
		{"Lakeside Property Management", "organization", true, "Lakeview Property Management", false},
		{"Sergey Isakov", "person", false, "Sergey Ivanov", false},
		{"Jane Kuznetsova", "person", true, "John Kuznetsov", false},
	}
	csv := "name,type,role,aliases,matter_ref\n"
	parties := []map[string]any{{"name": "Ana Lucia Torres", "role": "client", "kind": "person"}}
	var want []string
	for _, tt := range tests {
		if tt.imported {
			csv += `"` + tt.entry + `",` + tt.kind + ",adverse,,\n"
		} else {
			addEntry(t, env, coord, tt.entry, tt.kind, "adverse")
		}
		parties = append(parties, map[string]any{"name": tt.party, "role": "adverse", "kind": tt.kind})
		if tt.hit {
			want = append(want, tt.entry)
		}
	}
	if r := importCSV(t, env, coord, "all_or_nothing", csv); r.Status != http.StatusOK {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	body := referralBody(true)
	body["parties"] = parties
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), body)

	c := getCheck(t, env, coord, v.ID)
	var got []string
	for _, h := range c.Hits {
		got = append(got, h.EntryName)
		if h.Level != "potential" || h.Reason == "" {
			t.Errorf("hit on %q: level %q, reason %q; a variant is a potential conflict with its reason", h.EntryName, h.Level, h.Reason)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if c.Result != "potential" || !slices.Equal(got, want) {
		t.Fatalf("result %q, hits on\n  %s\nwant\n  %s", c.Result, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
