package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
)

type entryView struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Type          string    `json:"type"`
	Role          string    `json:"role"`
	Aliases       []string  `json:"aliases"`
	MatterRef     string    `json:"matter_ref"`
	CreatedAt     time.Time `json:"created_at"`
	CreatedBy     string    `json:"created_by"`
	CreatedByName string    `json:"created_by_name"`
}

func createEntry(t *testing.T, env *apptest.Env, s apptest.Session, body map[string]any) entryView {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/conflicts/entries", Token: s.Token, Body: body})
	if r.Status != http.StatusCreated {
		t.Fatalf("add entry: %d %s", r.Status, r.Body)
	}
	var e entryView
	r.JSON(t, &e)
	return e
}

func editEntry(t *testing.T, env *apptest.Env, s apptest.Session, id string, body any) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/conflicts/entries/" + id, Token: s.Token, Body: body})
}

// registryEntries lists the whole registry of the caller's firm.
func registryEntries(t *testing.T, env *apptest.Env, s apptest.Session) []entryView {
	t.Helper()
	var page struct{ Items []entryView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries?limit=200", Token: s.Token}).JSON(t, &page)
	return page.Items
}

func TestConflictEntry_EditKeepsWhoAddedItAndRechecksOpenReferrals(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	admin := env.Login(t, "admin@hartwell.example", password)
	priya := env.Login(t, "priya.raman@hartwell.example", password)
	added := createEntry(t, env, coord, map[string]any{"name": "Quinton Ashby", "type": "person", "role": "adverse", "matter_ref": "M-1"})
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	if !canSee(t, env, priya, v.ID) {
		t.Fatal("an entry matching no party must leave the referral open to the firm")
	}

	// Now it names the referral's adverse party as the firm's client: the referral is checked again.
	r := editEntry(t, env, admin, added.ID, map[string]any{"name": "Lakeview Property Management LLC", "type": "organization",
		"role": "client", "aliases": []string{"Lakeview Holdings"}, "matter_ref": "M-2"})
	if r.Status != http.StatusOK {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	var edited entryView
	r.JSON(t, &edited)
	if edited.ID != added.ID || edited.Name != "Lakeview Property Management LLC" || edited.Type != "organization" || edited.Role != "client" ||
		!slices.Equal(edited.Aliases, []string{"Lakeview Holdings"}) || edited.MatterRef != "M-2" {
		t.Fatalf("edited entry: %+v", edited)
	}
	if edited.CreatedBy != added.CreatedBy || !edited.CreatedAt.Equal(added.CreatedAt) || edited.CreatedByName != added.CreatedByName {
		t.Fatalf("who added the entry and when must stay: before %+v, after %+v", added, edited)
	}
	if c := getCheck(t, env, coord, v.ID); c.Result != "conflict" || len(c.Hits) != 1 || c.Hits[0].EntryName != "Lakeview Property Management LLC" {
		t.Fatalf("check after the edit: %+v", c)
	}
	if canSee(t, env, priya, v.ID) {
		t.Fatal("the edited entry conflicts the firm off the referral")
	}

	// Back to a name that matches nothing: the referral it matched before is checked again.
	if r := editEntry(t, env, coord, added.ID, map[string]any{"name": "Quinton Ashby", "type": "person", "role": "adverse"}); r.Status != http.StatusOK {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	if c := getCheck(t, env, coord, v.ID); c.Result != "clear" || len(c.Hits) != 0 {
		t.Fatalf("check after the second edit: %+v", c)
	}
	if !canSee(t, env, priya, v.ID) {
		t.Fatal("the referral must be open to the firm again")
	}
	if got := registryEntries(t, env, coord); len(got) != 1 || got[0].ID != added.ID || len(got[0].Aliases) != 0 || got[0].MatterRef != "" {
		t.Fatalf("registry after the edits: %+v", got)
	}
}

// A clearance is a coordinator's decision about an entry's names: it survives an edit of the
// matter reference, not one of the names.
func TestConflictEntry_EditOfTheNamesAsksForANewClearance(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	added := createEntry(t, env, coord, map[string]any{"name": "Lakeview Properties Group", "type": "organization", "role": "related"})
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	c := getCheck(t, env, coord, v.ID)
	if c.Result != "potential" {
		t.Fatalf("check: %+v", c)
	}
	for _, h := range c.Hits {
		if r := clearHit(t, env, coord, v.ID, h.ID, "Different company: a Wisconsin REIT."); r.Status != http.StatusOK {
			t.Fatalf("clear: %d %s", r.Status, r.Body)
		}
	}
	body := map[string]any{"name": "Lakeview Properties Group", "type": "organization", "role": "related", "matter_ref": "M-77"}
	if r := editEntry(t, env, coord, added.ID, body); r.Status != http.StatusOK {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	if c := getCheck(t, env, coord, v.ID); c.Result != "cleared" || !c.Hits[0].Cleared {
		t.Fatalf("a new matter reference keeps the clearance: %+v", c)
	}
	body["name"] = "Lakeview Properties Grp"
	if r := editEntry(t, env, coord, added.ID, body); r.Status != http.StatusOK {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	c = getCheck(t, env, coord, v.ID)
	if c.Result != "potential" || len(c.Hits) == 0 || c.Hits[0].Cleared || c.Hits[0].EntryName != "Lakeview Properties Grp" {
		t.Fatalf("a new name is a new hit, to be cleared again: %+v", c)
	}
}

func TestConflictEntry_BadEditIs422AndChangesNothing(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	original := map[string]any{"name": "Harbor Freight Logistics Inc", "type": "organization", "role": "client",
		"aliases": []string{"Harbor Freight"}, "matter_ref": "M-9"}
	added := createEntry(t, env, coord, original)
	valid := func(change func(b map[string]any)) map[string]any {
		b := map[string]any{}
		for k, v := range original {
			b[k] = v
		}
		change(b)
		return b
	}
	many := make([]string, 21)
	for i := range many {
		many[i] = fmt.Sprintf("Harbor %d", i)
	}
	cases := []struct {
		name  string
		body  any
		field string
	}{
		{"name without letters", valid(func(b map[string]any) { b["name"] = "!!!" }), "name"},
		{"empty name", valid(func(b map[string]any) { b["name"] = "" }), "name"},
		{"name with a line break", valid(func(b map[string]any) { b["name"] = "Harbor\r\nFreight" }), "name"},
		{"unknown type", valid(func(b map[string]any) { b["type"] = "ship" }), "type"},
		{"unknown role", valid(func(b map[string]any) { b["role"] = "friend" }), "role"},
		{"21 aliases", valid(func(b map[string]any) { b["aliases"] = many }), "aliases"},
		{"alias holding the separator", valid(func(b map[string]any) { b["aliases"] = []string{"Harbor; Freight"} }), "aliases[0]"},
		{"unknown field", valid(func(b map[string]any) { b["created_by"] = "00000000-0000-4000-8000-000000000001" }), ""},
		{"missing role", valid(func(b map[string]any) { delete(b, "role") }), "role"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := editEntry(t, env, coord, added.ID, tc.body).Problem(t, http.StatusUnprocessableEntity)
			if tc.field != "" && !slices.ContainsFunc(p.Errors, func(e struct {
				Field   string `json:"field"`
				Message string `json:"message"`
			}) bool {
				return e.Field == tc.field
			}) {
				t.Fatalf("want an error on %s: %+v", tc.field, p)
			}
		})
	}
	got := registryEntries(t, env, coord)
	if len(got) != 1 || got[0].Name != "Harbor Freight Logistics Inc" || !slices.Equal(got[0].Aliases, []string{"Harbor Freight"}) || got[0].MatterRef != "M-9" {
		t.Fatalf("a refused edit changed the registry: %+v", got)
	}
	editEntry(t, env, coord, "00000000-0000-4000-8000-000000000009", original).Problem(t, http.StatusNotFound)
	editEntry(t, env, env.Login(t, "priya.raman@hartwell.example", password), added.ID, original).Problem(t, http.StatusForbidden)
}

// Parallel edits of one entry are applied one after the other: each answers 200 and the entry ends
// up as exactly one of them left it, never a mixture.
func TestConflictEntry_ConcurrentEditsOfOneEntryAreAppliedInTurn(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	added := createEntry(t, env, coord, map[string]any{"name": "Quinton Ashby", "type": "person", "role": "adverse"})
	const n = 12
	bodies := make([]map[string]any, n)
	for i := range bodies {
		bodies[i] = map[string]any{"name": fmt.Sprintf("Quinton Ashby %d", i), "type": "person", "role": "adverse",
			"aliases": []string{fmt.Sprintf("Q. Ashby %d", i), fmt.Sprintf("Quin Ashby %d", i)}, "matter_ref": fmt.Sprintf("M-%d", i)}
	}
	errs := make(chan error, n)
	for _, b := range bodies {
		go func() {
			if r := editEntry(t, env, coord, added.ID, b); r.Status != http.StatusOK {
				errs <- fmt.Errorf("status %d: %s", r.Status, r.Body)
				return
			}
			errs <- nil
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	got := registryEntries(t, env, coord)
	if len(got) != 1 {
		t.Fatalf("one entry edited %d times in parallel became %d: %+v", n, len(got), got)
	}
	i := slices.IndexFunc(bodies, func(b map[string]any) bool { return b["name"] == got[0].Name })
	if i < 0 {
		t.Fatalf("the entry's name is none of the edits': %+v", got[0])
	}
	want := slices.Clone(bodies[i]["aliases"].([]string))
	slices.Sort(want)
	if !slices.Equal(got[0].Aliases, want) || got[0].MatterRef != bodies[i]["matter_ref"] {
		t.Fatalf("the entry mixes edits: %+v, want the aliases and matter of %+v", got[0], bodies[i])
	}
}

func exportRegistry(t *testing.T, env *apptest.Env, s apptest.Session) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries/export", Token: s.Token})
}

// csvLines splits an export into its header and its sorted rows.
func csvLines(t *testing.T, r *apptest.Response) (header string, rows []string) {
	t.Helper()
	if r.Status != http.StatusOK {
		t.Fatalf("export: %d %s", r.Status, r.Body)
	}
	body, ok := strings.CutPrefix(string(r.Body), "\ufeff")
	if !ok {
		t.Fatalf("the export must start with a byte-order mark for spreadsheets: %q", r.Body)
	}
	// RFC 4180 ends records with CRLF.
	lines := strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n")
	rows = lines[1:]
	slices.Sort(rows)
	return lines[0], rows
}

func TestConflictExport_RoundTripsThroughImportWithFormulasEscaped(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	entries := []map[string]any{
		{"name": "=HYPERLINK(\"http://evil.example\",\"Acme\")", "type": "organization", "role": "client", "aliases": []string{"+Acme", "Acme Corp"}, "matter_ref": "-42"},
		{"name": "@Home Holdings", "type": "organization", "role": "adverse", "aliases": []string{}, "matter_ref": "M-1"},
		{"name": "'=Already Quoted", "type": "organization", "role": "related", "aliases": []string{"Quoted, \"Inc\""}},
		{"name": "O'Brien, Patrick", "type": "person", "role": "former_client", "aliases": []string{"Pat O'Brien", "-A. O'Brien"}, "matter_ref": "'M-2"},
		{"name": "María González", "type": "person", "role": "adverse"},
	}
	for _, e := range entries {
		createEntry(t, env, coord, e)
	}
	r := exportRegistry(t, env, coord)
	if ct := r.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Fatalf("Content-Type = %q", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="conflict-registry-`) || !strings.HasSuffix(cd, `.csv"`) {
		t.Fatalf("Content-Disposition = %q", cd)
	}
	header, rows := csvLines(t, r)
	if header != "name,type,role,aliases,matter_ref" {
		t.Fatalf("header %q", header)
	}
	want := []string{
		`"'=HYPERLINK(""http://evil.example"",""Acme"")",organization,client,'+Acme;Acme Corp,'-42`,
		`''=Already Quoted,organization,related,"Quoted, ""Inc""",`,
		`'@Home Holdings,organization,adverse,,M-1`,
		`María González,person,adverse,,`,
		`"O'Brien, Patrick",person,former_client,'-A. O'Brien;Pat O'Brien,'M-2`,
	}
	slices.Sort(want)
	if !slices.Equal(rows, want) {
		t.Fatalf("rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}

	// Another firm imports the file and exports the same entries; its own export had none of them.
	other := env.Login(t, "coordinator@castellan.example", password)
	if _, rows := csvLines(t, exportRegistry(t, env, other)); len(rows) != 0 {
		t.Fatalf("another firm's export shows %d rows: %v", len(rows), rows)
	}
	var report struct{ Accepted, Rejected int }
	importCSV(t, env, other, "all_or_nothing", string(r.Body)).JSON(t, &report)
	if report.Accepted != len(entries) || report.Rejected != 0 {
		t.Fatalf("import of the export: %+v", report)
	}
	if _, again := csvLines(t, exportRegistry(t, env, other)); !slices.Equal(again, rows) {
		t.Fatalf("after the round trip:\n%s\nwant:\n%s", strings.Join(again, "\n"), strings.Join(rows, "\n"))
	}
	imported := map[string]entryView{}
	for _, e := range registryEntries(t, env, other) {
		imported[e.Name] = e
	}
	for _, e := range entries {
		got, ok := imported[e["name"].(string)]
		wantAliases, _ := e["aliases"].([]string)
		wantAliases = slices.Clone(wantAliases)
		slices.Sort(wantAliases)
		wantRef, _ := e["matter_ref"].(string)
		if !ok || !slices.Equal(got.Aliases, wantAliases) || got.MatterRef != wantRef {
			t.Fatalf("imported %+v, want %+v", got, e)
		}
	}
}

func TestConflictExport_OnlyTheFirmsRegistryManagers(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	createEntry(t, env, env.Login(t, coordinator, password), map[string]any{"name": "Harbor Freight Logistics Inc", "type": "organization", "role": "client"})
	for _, email := range []string{"priya.raman@hartwell.example", nonprofitStaff, "staff@lakeshore-pd.example"} {
		p := exportRegistry(t, env, env.Login(t, email, password)).Problem(t, http.StatusForbidden)
		if strings.Contains(p.Detail, "Harbor") {
			t.Fatalf("%s: %+v", email, p)
		}
	}
	for _, email := range []string{"coordinator@castellan.example", "admin@castellan.example"} {
		r := exportRegistry(t, env, env.Login(t, email, password))
		if _, rows := csvLines(t, r); len(rows) != 0 || strings.Contains(string(r.Body), "Harbor") {
			t.Fatalf("%s exports another firm's registry: %s", email, r.Body)
		}
	}
	if _, rows := csvLines(t, exportRegistry(t, env, env.Login(t, "admin@hartwell.example", password))); len(rows) != 1 {
		t.Fatalf("the firm's admin exports %d rows", len(rows))
	}
}
