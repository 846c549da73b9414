package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/jobs"
)

type checkView struct {
	Result    string    `json:"result"`
	CheckedAt time.Time `json:"checked_at"`
	Hits      []struct {
		ID            string       `json:"id"`
		EntryName     string       `json:"entry_name"`
		EntryRole     string       `json:"entry_role"`
		PartyName     string       `json:"party_name"`
		PartyRole     string       `json:"party_role"`
		PartyWithheld bool         `json:"party_withheld"`
		Match         string       `json:"match"`
		Inquiry       *inquiryView `json:"inquiry"`
		Level         string       `json:"level"`
		Reason        string       `json:"reason"`
		Cleared       bool         `json:"cleared"`
		ClearedBy     string       `json:"cleared_by"`
		ClearReason   string       `json:"clear_reason"`
	} `json:"hits"`
}

func addEntry(t *testing.T, env *apptest.Env, s apptest.Session, name, kind, role string, aliases ...string) {
	t.Helper()
	if aliases == nil {
		aliases = []string{}
	}
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/conflicts/entries", Token: s.Token,
		Body: map[string]any{"name": name, "type": kind, "role": role, "aliases": aliases}})
	if r.Status != http.StatusCreated {
		t.Fatalf("add entry: %d %s", r.Status, r.Body)
	}
}

func removeEntry(t *testing.T, env *apptest.Env, s apptest.Session, id string) {
	t.Helper()
	if r := env.Do(t, apptest.Request{Method: "DELETE", Path: "/api/v1/conflicts/entries/" + id, Token: s.Token}); r.Status != http.StatusNoContent {
		t.Fatalf("delete entry: %d %s", r.Status, r.Body)
	}
}

func getCheck(t *testing.T, env *apptest.Env, s apptest.Session, referralID string) checkView {
	t.Helper()
	var c checkView
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + referralID + "/conflict-check", Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("conflict check: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &c)
	return c
}

// canSee reports whether the attorney finds the referral both by id and in their list.
func canSee(t *testing.T, env *apptest.Env, s apptest.Session, referralID string) bool {
	t.Helper()
	byID := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + referralID, Token: s.Token}).Status == http.StatusOK
	var list struct{ Items []referralView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals", Token: s.Token}).JSON(t, &list)
	inList := false
	for _, r := range list.Items {
		inList = inList || r.ID == referralID
	}
	if byID != inList {
		t.Fatalf("visible by id: %v, in list: %v", byID, inList)
	}
	return byID
}

func TestConflict_FirmsClientAsAdversePartyBlocksTheWholeFirm(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	addEntry(t, env, coord, "Lakeview Property Management, Inc.", "organization", "client")
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))

	c := getCheck(t, env, coord, v.ID)
	if c.Result != "conflict" || len(c.Hits) != 1 || c.Hits[0].Level != "conflict" ||
		c.Hits[0].EntryName != "Lakeview Property Management, Inc." || c.Hits[0].PartyName != "Lakeview Property Management LLC" {
		t.Fatalf("check: %+v", c)
	}
	if !strings.Contains(c.Hits[0].Reason, "current client") {
		t.Fatalf("the reason must say why: %q", c.Hits[0].Reason)
	}
	// Imputed to every attorney of the firm; another firm is not affected.
	for _, email := range []string{"priya.raman@hartwell.example", "james.okafor@hartwell.example"} {
		if canSee(t, env, env.Login(t, email, password), v.ID) {
			t.Fatalf("%s sees a matter their firm is conflicted on", email)
		}
	}
	if !canSee(t, env, env.Login(t, "wei.zhang@castellan.example", password), v.ID) {
		t.Fatal("an unconflicted firm's attorney must see the open referral")
	}
}

func TestConflict_FirmsAdversePartyAsOurClientBlocks(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	addEntry(t, env, coord, "Maria Gonzalez", "person", "adverse")
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	c := getCheck(t, env, coord, v.ID)
	if c.Result != "conflict" || c.Hits[0].PartyRole != "client" || c.Hits[0].PartyName != "" || !c.Hits[0].PartyWithheld || c.Hits[0].Match != "exact" {
		t.Fatalf("a hit on the client shows the firm's entry and the kind of match, not the client's name: %+v", c)
	}
}

func clearHit(t *testing.T, env *apptest.Env, s apptest.Session, referralID, hitID, reason string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + referralID + "/conflict-check/hits/" + hitID + "/clear",
		Token: s.Token, Body: map[string]string{"reason": reason}})
}

func TestConflict_PotentialHitIsClearedWithAReason(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	addEntry(t, env, coord, "Lakeview Properties Group", "organization", "related")
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	priya := env.Login(t, "priya.raman@hartwell.example", password)

	c := getCheck(t, env, coord, v.ID)
	if c.Result != "potential" || len(c.Hits) == 0 || c.Hits[0].Level != "potential" {
		t.Fatalf("check: %+v", c)
	}
	if canSee(t, env, priya, v.ID) {
		t.Fatal("an uncleared potential conflict must hide the referral")
	}
	clear := func(s apptest.Session, hitID, reason string) *apptest.Response {
		return clearHit(t, env, s, v.ID, hitID, reason)
	}
	clear(priya, c.Hits[0].ID, "Not the same company.").Problem(t, http.StatusNotFound) // attorneys see no checks
	clear(coord, c.Hits[0].ID, "no").Problem(t, http.StatusUnprocessableEntity)
	for _, h := range c.Hits {
		if r := clear(coord, h.ID, "Different company: Lakeview Properties Group is a Wisconsin REIT."); r.Status != http.StatusOK {
			t.Fatalf("clear: %d %s", r.Status, r.Body)
		}
	}
	clear(coord, c.Hits[0].ID, "Cleared twice.").Problem(t, http.StatusConflict)
	c = getCheck(t, env, coord, v.ID)
	var m me
	getMe(t, env, coord.Token).JSON(t, &m)
	if c.Result != "cleared" || !c.Hits[0].Cleared || c.Hits[0].ClearedBy != m.ID || !strings.Contains(c.Hits[0].ClearReason, "REIT") {
		t.Fatalf("after clearing: %+v", c)
	}
	if !canSee(t, env, priya, v.ID) {
		t.Fatal("a cleared check must show the referral")
	}
}

func TestConflict_LimitedScopeProgramMakesFirmConflictsPotential(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@northside.example", password)
	r := env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/organizations/" + orgOf(t, env, admin), Token: admin.Token,
		Body: map[string]any{"limited_scope_program": true}})
	if r.Status != http.StatusOK {
		t.Fatalf("program setting: %d %s", r.Status, r.Body)
	}
	coord := env.Login(t, coordinator, password)
	addEntry(t, env, coord, "Lakeview Property Management, Inc.", "organization", "client")
	staff := env.Login(t, nonprofitStaff, password)

	full := createReferral(t, env, staff, referralBody(true)) // full representation: normal rules
	limited := referralBody(true)
	limited["limited_scope"] = true
	brief := createReferral(t, env, staff, limited)

	if c := getCheck(t, env, coord, full.ID); c.Result != "conflict" {
		t.Fatalf("full representation: %s", c.Result)
	}
	c := getCheck(t, env, coord, brief.ID)
	if c.Result != "potential" || !strings.Contains(c.Hits[0].Reason, "6.5") {
		t.Fatalf("limited scope under Rule 6.5: %+v", c)
	}
}

func TestConflict_RegistryChangesRecheckOpenReferrals(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	priya := env.Login(t, "priya.raman@hartwell.example", password)
	if !canSee(t, env, priya, v.ID) {
		t.Fatal("no registry entries: the referral is open to the firm")
	}
	coord := env.Login(t, coordinator, password)
	csv := "name,type,role,aliases,matter_ref\nLakeview Property Management Inc,organization,client,Lakeview Properties,M-2291\n"
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/conflicts/imports", Token: coord.Token, Body: csv,
		Header: http.Header{"Content-Type": {"text/csv"}}})
	if r.Status != http.StatusOK {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	if canSee(t, env, priya, v.ID) {
		t.Fatal("after the registry names the adverse party as a client, the firm must lose the referral")
	}
	// A run on demand gives the same answer.
	var c checkView
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + v.ID + "/conflict-check", Token: coord.Token}).JSON(t, &c)
	if c.Result != "conflict" {
		t.Fatalf("on-demand check: %+v", c)
	}
}

type importReport struct {
	Committed bool `json:"committed"`
	Accepted  int  `json:"accepted"`
	Rejected  int  `json:"rejected"`
	Errors    []struct {
		Line   int    `json:"line"`
		Reason string `json:"reason"`
	} `json:"errors"`
}

func importCSV(t *testing.T, env *apptest.Env, s apptest.Session, mode, csv string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/conflicts/imports?mode=" + mode, Token: s.Token, Body: csv,
		Header: http.Header{"Content-Type": {"text/csv"}}})
}

func registrySize(t *testing.T, env *apptest.Env, s apptest.Session) int {
	t.Helper()
	var page struct{ Total int }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries", Token: s.Token}).JSON(t, &page)
	return page.Total
}

func TestConflictImport_ReportsBadRowsByLineAndHonoursTheMode(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	csv := "name,type,role,aliases,matter_ref\n" +
		"Acme Widgets Inc,organization,client,Acme;Acme Widget Co,M-1\n" +
		",person,client,,M-2\n" + // line 3: no name
		"Jane Roe,alien,adverse,,M-3\n" + // line 4: bad type
		"John Doe,person,adverse,,M-4\n" +
		"Too,Many,Fields,Here,M-5,extra\n" // line 6

	var report importReport
	r := importCSV(t, env, coord, "all_or_nothing", csv)
	r.JSON(t, &report)
	if r.Status != http.StatusOK || report.Committed || report.Accepted != 2 || report.Rejected != 3 {
		t.Fatalf("all or nothing: %d %s", r.Status, r.Body)
	}
	lines := []int{report.Errors[0].Line, report.Errors[1].Line, report.Errors[2].Line}
	if lines[0] != 3 || lines[1] != 4 || lines[2] != 6 || !strings.Contains(report.Errors[1].Reason, "alien") {
		t.Fatalf("rejected lines: %+v", report.Errors)
	}
	if n := registrySize(t, env, coord); n != 0 {
		t.Fatalf("all_or_nothing with bad rows imported %d entries", n)
	}

	importCSV(t, env, coord, "partial", csv).JSON(t, &report)
	if !report.Committed || report.Accepted != 2 || report.Rejected != 3 {
		t.Fatalf("partial: %+v", report)
	}
	if n := registrySize(t, env, coord); n != 2 {
		t.Fatalf("partial import kept %d entries, want 2", n)
	}
	var found struct {
		Items []struct {
			Name    string   `json:"name"`
			Aliases []string `json:"aliases"`
		}
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries?q=acme+widget", Token: coord.Token}).JSON(t, &found)
	if len(found.Items) != 1 || found.Items[0].Name != "Acme Widgets Inc" || len(found.Items[0].Aliases) != 2 {
		t.Fatalf("search: %+v", found.Items)
	}
}

func TestConflictImport_UnreadableFileChangesNothing(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	for name, csv := range map[string]string{
		"no header":  "Acme Widgets Inc,organization,client,,M-1\n",
		"empty":      "",
		"bare quote": "name,type,role,aliases,matter_ref\nAcme,organization,client,,M-1\nBro\"ken,person,client,,M-2\n",
	} {
		t.Run(name, func(t *testing.T) {
			importCSV(t, env, coord, "partial", csv).Problem(t, http.StatusUnprocessableEntity)
		})
	}
	if n := registrySize(t, env, coord); n != 0 {
		t.Fatalf("a bad file imported %d entries", n)
	}
	attorney := env.Login(t, "priya.raman@hartwell.example", password)
	importCSV(t, env, attorney, "partial", "name,type,role,aliases,matter_ref\n").Problem(t, http.StatusForbidden)
}

func TestConflict_NewLawFirmIsCheckedAgainstOpenReferrals(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.StartWorker(t, jobs.Options{})
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	admin := env.Login(t, "admin@probono.example", password)
	var firm struct{ ID string }
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations", Token: admin.Token,
		Body: map[string]string{"name": "Okafor & Lin LLP", "kind": "law_firm"}})
	r.JSON(t, &firm)
	if r.Status != http.StatusCreated {
		t.Fatalf("create firm: %d %s", r.Status, r.Body)
	}
	env.WaitForEvents(t) // the firm's checks run in the worker
	var c checkView
	r = env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + v.ID + "/conflict-check?firm=" + firm.ID, Token: admin.Token})
	r.JSON(t, &c)
	if r.Status != http.StatusOK || c.Result != "clear" {
		t.Fatalf("the new firm's check: %d %s", r.Status, r.Body)
	}
}

func TestConflict_NicknameOfTheFirmsClientIsAPotentialConflict(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	addEntry(t, env, coord, "Robert J. Smith", "person", "client")
	body := referralBody(true)
	body["parties"] = []map[string]any{
		{"name": "María González", "role": "client", "kind": "person"},
		{"name": "Bob Smith", "role": "adverse", "kind": "person"},
	}
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), body)
	c := getCheck(t, env, coord, v.ID)
	if c.Result != "potential" || len(c.Hits) != 1 || !strings.Contains(c.Hits[0].Reason, "bob = robert") {
		t.Fatalf("check: %+v", c)
	}
}

func TestConflict_ManySubmissionsAtOnceAllGetChecked(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	const n = 25 // more than the connection pool holds, so checks must not wait on each other's connections
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: staff.Token, Body: referralBody(true)})
			if r.Status != http.StatusCreated {
				errs <- fmt.Errorf("status %d: %s", r.Status, r.Body)
				return
			}
			errs <- nil
		}()
	}
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	var list struct{ Items []referralView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals?limit=100", Token: env.Login(t, "wei.zhang@castellan.example", password).Token}).JSON(t, &list)
	if len(list.Items) != n {
		t.Fatalf("the other firm sees %d of %d checked referrals", len(list.Items), n)
	}
}

// A name shared by several registry entries, here two of one firm and one of another, keeps
// matching until the last entry with it is removed, and each firm's check sees only its own.
func TestConflict_SharedNameMatchesUntilItsLastEntryIsRemoved(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	hartwell := env.Login(t, coordinator, password)
	castellan := env.Login(t, "coordinator@castellan.example", password)
	for _, s := range []apptest.Session{hartwell, hartwell, castellan} {
		addEntry(t, env, s, "Lakeview Property Management Inc", "organization", "client")
	}
	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	if c := getCheck(t, env, hartwell, v.ID); c.Result != "conflict" || len(c.Hits) != 2 {
		t.Fatalf("two entries of the firm, two hits: %+v", c)
	}
	if c := getCheck(t, env, castellan, v.ID); c.Result != "conflict" || len(c.Hits) != 1 {
		t.Fatalf("the other firm sees its own entry only: %+v", c)
	}

	var page struct {
		Items []struct{ ID string }
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries", Token: hartwell.Token}).JSON(t, &page)
	if len(page.Items) != 2 {
		t.Fatalf("registry: %+v", page)
	}
	removeEntry(t, env, hartwell, page.Items[0].ID)
	if c := getCheck(t, env, hartwell, v.ID); c.Result != "conflict" || len(c.Hits) != 1 {
		t.Fatalf("the remaining entry still matches: %+v", c)
	}
	removeEntry(t, env, hartwell, page.Items[1].ID)
	if c := getCheck(t, env, hartwell, v.ID); c.Result != "clear" || len(c.Hits) != 0 {
		t.Fatalf("no entry left, no hit: %+v", c)
	}
	// The other firm's entry keeps the name searchable.
	var c checkView
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + v.ID + "/conflict-check", Token: castellan.Token}).JSON(t, &c)
	if c.Result != "conflict" || len(c.Hits) != 1 {
		t.Fatalf("the other firm's check after the deletions: %+v", c)
	}
	named := func() (n int) {
		db, err := env.App.Store.SQLDB()
		if err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow("SELECT count(*) FROM conflict_names WHERE normalized = $1",
			conflict.Normalize("Lakeview Property Management Inc")).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if named() != 1 {
		t.Fatal("a name with an entry left must stay searchable")
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries", Token: castellan.Token}).JSON(t, &page)
	removeEntry(t, env, castellan, page.Items[0].ID)
	if named() != 0 {
		t.Fatal("the name of the last removed entry must leave the search table")
	}
}

// A clearance is a decision about one match: running the check again keeps it, a new match still
// needs its own, and changing the referral's parties asks the coordinators again.
func TestConflict_ClearanceSurvivesARerunButNotAPartyChange(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	staff := env.Login(t, nonprofitStaff, password)
	priya := env.Login(t, "priya.raman@hartwell.example", password)
	addEntry(t, env, coord, "Lakeview Properties Group", "organization", "related")
	v := createReferral(t, env, staff, referralBody(true))
	c := getCheck(t, env, coord, v.ID)
	for _, h := range c.Hits {
		if r := clearHit(t, env, coord, v.ID, h.ID, "Different company: a Wisconsin REIT."); r.Status != http.StatusOK {
			t.Fatalf("clear: %d %s", r.Status, r.Body)
		}
	}
	cleared := getCheck(t, env, coord, v.ID)

	var rerun checkView
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + v.ID + "/conflict-check", Token: coord.Token}).JSON(t, &rerun)
	if rerun.Result != "cleared" || len(rerun.Hits) != len(cleared.Hits) || rerun.Hits[0].ID != cleared.Hits[0].ID || !rerun.Hits[0].Cleared {
		t.Fatalf("re-run after clearing: %+v, before: %+v", rerun, cleared)
	}
	if !canSee(t, env, priya, v.ID) {
		t.Fatal("a re-run must not hide a cleared referral again")
	}

	// A new registry entry matching the same party is a new potential conflict; the old clearance stays.
	addEntry(t, env, coord, "Lakeview Property Management Group", "organization", "related")
	c = getCheck(t, env, coord, v.ID)
	var open, kept int
	for _, h := range c.Hits {
		if h.Cleared {
			kept++
		} else {
			open++
		}
	}
	if c.Result != "potential" || kept != len(cleared.Hits) || open == 0 {
		t.Fatalf("after a new entry: %+v", c)
	}

	// Other parties: nothing decided before applies.
	body := referralBody(false)
	delete(body, "submit")
	body["parties"] = []map[string]any{
		{"name": "María González", "role": "client", "kind": "person"},
		{"name": "Lakeview Properties Group Ltd", "role": "adverse", "kind": "organization"},
	}
	if r := env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/referrals/" + v.ID, Token: staff.Token, Body: body}); r.Status != http.StatusOK {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	c = getCheck(t, env, coord, v.ID)
	if c.Result != "potential" || len(c.Hits) == 0 {
		t.Fatalf("after the parties changed: %+v", c)
	}
	for _, h := range c.Hits {
		if h.Cleared {
			t.Fatalf("a clearance outlived the parties it was about: %+v", c)
		}
	}
}

// twoReferrals submits two referrals that share the client and differ in the adverse party:
// Lakeview Property Management LLC (alias Lakeview Properties) and Riverside Towing Company.
func twoReferrals(t *testing.T, env *apptest.Env) (lakeview, riverside referralView) {
	t.Helper()
	staff := env.Login(t, nonprofitStaff, password)
	other := referralBody(true)
	other["parties"] = []map[string]any{
		{"name": "María González", "role": "client", "kind": "person"},
		{"name": "Riverside Towing Company", "role": "adverse", "kind": "organization"},
	}
	return createReferral(t, env, staff, referralBody(true)), createReferral(t, env, staff, other)
}

// Adding or removing one entry re-runs the checks it can change; every other open referral's check
// holds as it is and is dated anew, as a full re-run would find the same.
func TestConflict_SingleEntryChangeRechecksWhatItMatches(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	lakeview, riverside := twoReferrals(t, env)
	addEntry(t, env, coord, "Riverside Towing Co", "organization", "client")
	before := getCheck(t, env, coord, riverside.ID)
	if before.Result != "conflict" || len(before.Hits) != 1 {
		t.Fatalf("riverside before: %+v", before)
	}
	if c := getCheck(t, env, coord, lakeview.ID); c.Result != "clear" {
		t.Fatalf("lakeview before: %+v", c)
	}

	// Matched through its alias only.
	addEntry(t, env, coord, "Harbor Point Holdings", "organization", "client", "Lakeview Properties")
	if c := getCheck(t, env, coord, lakeview.ID); c.Result != "conflict" || len(c.Hits) != 1 || c.Hits[0].EntryName != "Lakeview Properties" {
		t.Fatalf("the new entry's alias names the adverse party: %+v", c)
	}
	after := getCheck(t, env, coord, riverside.ID)
	if after.Result != "conflict" || len(after.Hits) != 1 || after.Hits[0].ID != before.Hits[0].ID || !after.CheckedAt.After(before.CheckedAt) {
		t.Fatalf("riverside keeps its hit and is dated anew: before %+v, after %+v", before, after)
	}

	var page struct {
		Items []struct{ ID, Name string }
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries", Token: coord.Token}).JSON(t, &page)
	for _, e := range page.Items {
		if e.Name == "Harbor Point Holdings" {
			removeEntry(t, env, coord, e.ID)
		}
	}
	if c := getCheck(t, env, coord, lakeview.ID); c.Result != "clear" || len(c.Hits) != 0 {
		t.Fatalf("lakeview after its entry is removed: %+v", c)
	}
	if c := getCheck(t, env, coord, riverside.ID); c.Result != "conflict" || len(c.Hits) != 1 || !c.CheckedAt.After(after.CheckedAt) {
		t.Fatalf("riverside after another entry is removed: %+v", c)
	}
}

// A committed import hides the firm's open referrals from its attorneys until the worker has
// checked each again under the new registry, and shows the coordinator how far it has got.
func TestConflictImport_RechecksOpenReferralsInTheWorker(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	attorney := env.Login(t, "priya.raman@hartwell.example", password)
	lakeview, riverside := twoReferrals(t, env)
	before := getCheck(t, env, coord, riverside.ID)
	seen := func(id string) int {
		return env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: attorney.Token}).Status
	}
	if seen(riverside.ID) != http.StatusOK {
		t.Fatal("the attorney does not see a referral the firm's check cleared")
	}

	csv := "name,type,role,aliases,matter_ref\nLakeview Properties,organization,client,,M-1\nQuinton Ashby,person,adverse,,M-2\n"
	var report struct {
		Recheck struct {
			ID      string
			Status  string
			Checked int
			ToCheck int `json:"to_check"`
		}
	}
	r := importCSV(t, env, coord, "partial", csv)
	r.JSON(t, &report)
	if r.Status != http.StatusOK || report.Recheck.Status != "queued" {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	if seen(riverside.ID) != http.StatusNotFound || seen(lakeview.ID) != http.StatusNotFound {
		t.Fatal("the attorney sees a referral not yet checked against the imported names")
	}

	progressPath := "/api/v1/conflicts/imports/" + report.Recheck.ID
	env.StartWorker(t, jobs.Options{})
	env.WaitForEvents(t)
	env.Do(t, apptest.Request{Method: "GET", Path: progressPath, Token: coord.Token}).JSON(t, &report.Recheck)
	if report.Recheck.Status != "done" || report.Recheck.ToCheck < 2 || report.Recheck.Checked != report.Recheck.ToCheck {
		t.Fatalf("progress after the re-check: %+v", report.Recheck)
	}
	if c := getCheck(t, env, coord, lakeview.ID); c.Result != "conflict" {
		t.Fatalf("lakeview after the import: %+v", c)
	}
	if after := getCheck(t, env, coord, riverside.ID); after.Result != "clear" || !after.CheckedAt.After(before.CheckedAt) {
		t.Fatalf("riverside after the import: before %+v, after %+v", before, after)
	}
	if seen(riverside.ID) != http.StatusOK || seen(lakeview.ID) != http.StatusNotFound {
		t.Fatal("after the re-check the attorney should see riverside (clear) and not lakeview (conflict)")
	}

	env.Do(t, apptest.Request{Method: "GET", Path: progressPath, Token: attorney.Token}).Problem(t, http.StatusForbidden)
	other := env.Login(t, "coordinator@castellan.example", password)
	env.Do(t, apptest.Request{Method: "GET", Path: progressPath, Token: other.Token}).Problem(t, http.StatusNotFound)
}
