package api_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/config"
)

type auditEntry struct {
	ID         int64          `json:"id"`
	At         string         `json:"at"`
	ActorID    string         `json:"actor_id"`
	ActorName  string         `json:"actor_name"`
	OrgID      string         `json:"org_id"`
	OrgName    string         `json:"org_name"`
	Action     string         `json:"action"`
	ObjectType string         `json:"object_type"`
	ObjectID   string         `json:"object_id"`
	Before     map[string]any `json:"before"`
	After      map[string]any `json:"after"`
	RequestID  string         `json:"request_id"`
	IP         string         `json:"ip"`
}

type auditVerification struct {
	OK            bool   `json:"ok"`
	Checked       int64  `json:"checked"`
	FirstBrokenID *int64 `json:"first_broken_id"`
	Reason        string `json:"reason"`
	Detail        string `json:"detail"`
}

// auditPage lists one page of the trail as s sees it.
func auditPage(t *testing.T, env *apptest.Env, s apptest.Session, query url.Values) ([]auditEntry, string) {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/audit?" + query.Encode(), Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("audit?%s: %d %s", query.Encode(), r.Status, r.Body)
	}
	var page struct {
		Items      []auditEntry `json:"items"`
		NextCursor string       `json:"next_cursor"`
	}
	r.JSON(t, &page)
	return page.Items, page.NextCursor
}

// auditEntries lists every entry s sees that the query selects, newest first.
func auditEntries(t *testing.T, env *apptest.Env, s apptest.Session, query url.Values) []auditEntry {
	t.Helper()
	var all []auditEntry
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("limit", "200")
	for {
		page, next := auditPage(t, env, s, q)
		all = append(all, page...)
		if next == "" {
			return all
		}
		q.Set("cursor", next)
	}
}

func verifyAudit(t *testing.T, env *apptest.Env, s apptest.Session) auditVerification {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/audit/verify", Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("verify: %d %s", r.Status, r.Body)
	}
	var v auditVerification
	r.JSON(t, &v)
	return v
}

// withRequestID is a header naming the request.
func withRequestID(id string) http.Header { return http.Header{"X-Request-Id": {id}} }

// tamper runs statements on audit_log with its append-only trigger switched off, as someone with
// the database owner's rights could.
func tamper(t *testing.T, env *apptest.Env, statements ...string) {
	t.Helper()
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	all := append([]string{"ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"}, statements...)
	all = append(all, "ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
	for _, s := range all {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestAudit_SignInsAreRecordedWithActorOrganisationRequestIDAndAddress(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Header: withRequestID("signin-ok-1"),
		Body: map[string]string{"email": "Priya.Raman@hartwell.example", "password": password}})
	if r.Status != http.StatusOK {
		t.Fatalf("login: %d %s", r.Status, r.Body)
	}
	r = env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Header: withRequestID("signin-bad-1"),
		Body: map[string]string{"email": "priya.raman@hartwell.example", "password": "not-her-password-at-all"}})
	r.Problem(t, http.StatusUnauthorized)
	r = env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Header: withRequestID("signin-bad-2"),
		Body: map[string]string{"email": "nobody@elsewhere.example", "password": "whatever-they-tried"}})
	r.Problem(t, http.StatusUnauthorized)

	admin := env.Login(t, "admin@probono.example", password)
	priya := env.Principal(t, "priya.raman@hartwell.example")
	byRequest := map[string]auditEntry{}
	for _, e := range auditEntries(t, env, admin, url.Values{}) {
		byRequest[e.RequestID] = e
	}
	ok, bad, unknown := byRequest["signin-ok-1"], byRequest["signin-bad-1"], byRequest["signin-bad-2"]
	if ok.Action != "auth.signed_in" || ok.ActorID != priya.UserID.String() || ok.ActorName != "Priya Raman" ||
		ok.OrgID != priya.OrgID.String() || ok.OrgName == "" || ok.ObjectType != "user" || ok.ObjectID != priya.UserID.String() ||
		ok.IP != "127.0.0.1" || ok.After["role"] != "attorney" || ok.After["session_id"] == nil || ok.At == "" {
		t.Errorf("sign-in: %+v", ok)
	}
	if bad.Action != "auth.sign_in_failed" || bad.ActorID != "" || bad.OrgID != priya.OrgID.String() ||
		bad.ObjectID != priya.UserID.String() || bad.After["reason"] != "wrong_password" ||
		bad.After["email"] != "priya.raman@hartwell.example" || bad.IP != "127.0.0.1" {
		t.Errorf("failed sign-in: %+v", bad)
	}
	if unknown.Action != "auth.sign_in_failed" || unknown.OrgID != "" || unknown.ObjectID != "" ||
		unknown.After["reason"] != "unknown_email" || unknown.After["email"] != "nobody@elsewhere.example" {
		t.Errorf("sign-in of an unknown email: %+v", unknown)
	}
	for _, e := range []auditEntry{ok, bad, unknown} {
		for _, secret := range []string{password, "not-her-password-at-all", "whatever-they-tried"} {
			if strings.Contains(fmt.Sprint(e.After), secret) {
				t.Errorf("entry %d holds the password tried: %+v", e.ID, e)
			}
		}
	}
	if v := verifyAudit(t, env, admin); !v.OK || v.Checked < 4 || v.FirstBrokenID != nil {
		t.Errorf("verify: %+v", v)
	}
}

func TestAudit_AddressIsTheOneTrustedProxiesReport(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.Configure(func(c *config.Config) {
		_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
		c.TrustedProxies = []*net.IPNet{loopback}
	}))
	// Addresses as Postgres's inet holds them: IPv6 in its shortest form, IPv4 mapped into IPv6 as IPv4.
	forwarded := map[string]string{"203.0.113.9": "203.0.113.9", "2001:db8:0:0:1:0:0:1": "2001:db8::1:0:0:1", "::ffff:198.51.100.7": "198.51.100.7"}
	for from := range forwarded {
		r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
			Header: http.Header{"X-Request-Id": {"via-proxy-" + strings.ReplaceAll(from, ":", "-")}, "X-Forwarded-For": {from}},
			Body:   map[string]string{"email": coordinator, "password": password}})
		if r.Status != http.StatusOK {
			t.Fatalf("login from %s: %d %s", from, r.Status, r.Body)
		}
	}
	admin := env.Login(t, "admin@probono.example", password)
	seen := map[string]string{}
	for _, e := range auditEntries(t, env, admin, url.Values{"action": {"auth.signed_in"}}) {
		seen[e.RequestID] = e.IP
	}
	for from, want := range forwarded {
		if got := seen["via-proxy-"+strings.ReplaceAll(from, ":", "-")]; got != want {
			t.Errorf("signed in from %s behind the proxy: recorded %q, want %q", from, got, want)
		}
	}
	if v := verifyAudit(t, env, admin); !v.OK {
		t.Errorf("verify: %+v", v)
	}
}

func TestAudit_OrgAdminsAndCoordinatorsReadTheirOrganisationsEntriesOnly(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	for _, email := range []string{coordinator, "priya.raman@hartwell.example", "wei.zhang@castellan.example", "admin@northside.example"} {
		env.Login(t, email, password)
	}
	hartwell := env.Principal(t, coordinator).OrgID.String()
	castellanAttorney := env.Principal(t, "wei.zhang@castellan.example").UserID.String()
	for _, email := range []string{"admin@hartwell.example", coordinator} {
		s := env.Login(t, email, password)
		entries := auditEntries(t, env, s, url.Values{})
		if len(entries) < 3 {
			t.Errorf("%s sees %d entries", email, len(entries))
		}
		for _, e := range entries {
			if e.OrgID != hartwell {
				t.Errorf("%s sees another organisation's entry: %+v", email, e)
			}
		}
		// Another organisation's actor and object give an empty page, as if they had no entries.
		for _, q := range []url.Values{{"actor_id": {castellanAttorney}}, {"object_id": {castellanAttorney}}} {
			if got := auditEntries(t, env, s, q); len(got) != 0 {
				t.Errorf("%s filtering by %v sees %+v", email, q, got)
			}
		}
		env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/audit/verify", Token: s.Token}).Problem(t, http.StatusForbidden)
	}
	for _, email := range []string{"priya.raman@hartwell.example", nonprofitStaff} {
		s := env.Login(t, email, password)
		for _, path := range []string{"/api/v1/audit", "/api/v1/audit/export", "/api/v1/audit/verify"} {
			env.Do(t, apptest.Request{Method: "GET", Path: path, Token: s.Token}).Problem(t, http.StatusForbidden)
		}
	}
	admin := env.Login(t, "admin@probono.example", password)
	orgs := map[string]bool{}
	for _, e := range auditEntries(t, env, admin, url.Values{"action": {"auth.signed_in"}}) {
		orgs[e.OrgID] = true
	}
	if len(orgs) < 4 {
		t.Errorf("the platform admin sees sign-ins of %d organisations", len(orgs))
	}
}

func TestAudit_PagesFilterAndCostAFixedNumberOfQueries(t *testing.T) {
	t.Parallel()
	var queries apptest.QueryCounter
	env := apptest.New(t, apptest.WithQueryTracer(&queries))
	for range 7 {
		env.Login(t, coordinator, password)
	}
	admin := env.Login(t, "admin@hartwell.example", password)
	coord := env.Principal(t, coordinator).UserID.String()
	q := url.Values{"action": {"auth.signed_in"}, "actor_id": {coord}, "limit": {"3"}}
	var seen []int64
	var costs []int64
	for {
		before := queries.Count()
		page, next := auditPage(t, env, admin, q)
		costs = append(costs, queries.Count()-before)
		for _, e := range page {
			if e.Action != "auth.signed_in" || e.ActorID != coord || e.ActorName != "Dana Whitfield" {
				t.Errorf("filtered page holds %+v", e)
			}
			if len(seen) > 0 && e.ID >= seen[len(seen)-1] {
				t.Errorf("entry %d after %d: not newest first", e.ID, seen[len(seen)-1])
			}
			seen = append(seen, e.ID)
		}
		if next == "" {
			break
		}
		q.Set("cursor", next)
	}
	if len(seen) != 7 {
		t.Errorf("pages held %d sign-ins, want 7: %v", len(seen), seen)
	}
	for _, c := range costs[1:] {
		if c != costs[0] {
			t.Errorf("pages cost %v queries each, not the same", costs)
		}
	}
	all := auditEntries(t, env, admin, url.Values{"action": {"auth.signed_in"}, "actor_id": {coord}})
	latest := all[0].At
	if got := auditEntries(t, env, admin, url.Values{"action": {"auth.signed_in"}, "actor_id": {coord}, "to": {latest}}); len(got) != 6 {
		t.Errorf("before the latest sign-in: %d entries, want 6", len(got))
	}
	if got := auditEntries(t, env, admin, url.Values{"action": {"auth.signed_in"}, "actor_id": {coord}, "from": {latest}}); len(got) != 1 {
		t.Errorf("from the latest sign-in: %d entries, want 1", len(got))
	}
}

func TestAudit_VerifyFindsAChangedRowByItsID(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	for range 5 {
		env.Login(t, coordinator, password)
	}
	admin := env.Login(t, "admin@probono.example", password)
	before := verifyAudit(t, env, admin)
	if !before.OK {
		t.Fatalf("untouched trail: %+v", before)
	}
	victim := auditEntries(t, env, env.Login(t, "admin@hartwell.example", password), url.Values{"action": {"auth.signed_in"}})[3]
	tamper(t, env, fmt.Sprintf(`UPDATE audit_log SET after = jsonb_set(after, '{role}', '"org_admin"') WHERE id = %d`, victim.ID))
	v := verifyAudit(t, env, admin)
	if v.OK || v.FirstBrokenID == nil || *v.FirstBrokenID != victim.ID || v.Reason != "hash_mismatch" || v.Checked != victim.ID-1 {
		t.Errorf("after changing row %d: %+v", victim.ID, v)
	}

	// Rewriting the row's hash too moves the break to the next row, which no longer follows it.
	tamper(t, env, fmt.Sprintf(`UPDATE audit_log SET hash = sha256(hash) WHERE id = %d`, victim.ID))
	v = verifyAudit(t, env, admin)
	if v.OK || v.FirstBrokenID == nil || *v.FirstBrokenID != victim.ID {
		t.Errorf("after rewriting row %d's hash: %+v", victim.ID, v)
	}
}

func TestAudit_VerifyFindsDeletedRows(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	for range 5 {
		env.Login(t, coordinator, password)
	}
	admin := env.Login(t, "admin@probono.example", password)
	entries := auditEntries(t, env, admin, url.Values{"action": {"auth.signed_in"}})
	middle := entries[2].ID
	tamper(t, env, fmt.Sprintf(`DELETE FROM audit_log WHERE id = %d`, middle))
	v := verifyAudit(t, env, admin)
	if v.OK || v.FirstBrokenID == nil || *v.FirstBrokenID != middle || v.Reason != "gap" || v.Checked != middle-1 {
		t.Errorf("after deleting row %d: %+v", middle, v)
	}

	// The newest rows have no successor to betray them; the chain's head does.
	env2 := apptest.New(t)
	for range 3 {
		env2.Login(t, coordinator, password)
	}
	admin2 := env2.Login(t, "admin@probono.example", password)
	newest := auditEntries(t, env2, admin2, url.Values{})[0].ID
	tamper(t, env2, fmt.Sprintf(`DELETE FROM audit_log WHERE id >= %d`, newest-1))
	v = verifyAudit(t, env2, admin2)
	if v.OK || v.FirstBrokenID == nil || *v.FirstBrokenID != newest-1 || v.Reason != "gap" {
		t.Errorf("after deleting rows %d and %d: %+v", newest-1, newest, v)
	}
}

func TestAudit_TriggerRefusesChangesAndDeletions(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.Login(t, coordinator, password)
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`UPDATE audit_log SET action = 'x'`, `DELETE FROM audit_log`} {
		if _, err := db.ExecContext(context.Background(), stmt); err == nil {
			t.Errorf("%s succeeded", stmt)
		}
	}
}

func TestAudit_ParallelSignInsKeepTheChainGaplessAndWhole(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@probono.example", password)
	start := verifyAudit(t, env, admin)
	emails := []string{coordinator, "admin@hartwell.example", "priya.raman@hartwell.example", "james.okafor@hartwell.example",
		"coordinator@castellan.example"}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Header: withRequestID(fmt.Sprintf("parallel-%d", i)),
				Body: map[string]string{"email": emails[i%len(emails)], "password": password}})
			if r.Status != http.StatusOK {
				t.Errorf("login %d: %d %s", i, r.Status, r.Body)
			}
		}()
	}
	wg.Wait()
	v := verifyAudit(t, env, admin)
	if !v.OK || v.Checked != start.Checked+20 {
		t.Errorf("after 20 parallel sign-ins (from %d rows): %+v", start.Checked, v)
	}
	seen := map[string]bool{}
	for _, e := range auditEntries(t, env, admin, url.Values{"action": {"auth.signed_in"}}) {
		seen[e.RequestID] = true
	}
	for i := range 20 {
		if !seen[fmt.Sprintf("parallel-%d", i)] {
			t.Errorf("sign-in parallel-%d has no entry", i)
		}
	}
}

func TestAudit_StatesHashAsPostgresRendersThem(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ctx := context.Background()
	states := []any{
		map[string]any{"z": 1, "a": []any{3, 2, 1}, "m": map[string]any{"y": true, "b": nil}},
		map[string]any{"amount": 1.50, "big": 12345678901234567, "tiny": 1e-7, "neg": -12.25},
		map[string]any{"text": "Zoë <b>&amp;</b> \"quoted\" \\ tab\t line\n ☃ 𝄞", "empty": ""},
		struct {
			B string `json:"b"`
			A int    `json:"a"`
		}{"second", 1},
		map[string]any{},
		[]byte(`{"z":  1,"a" : "written already"}`),
		json.RawMessage(`{"b":[1, 2.50, 1E3]}`),
	}
	for i, s := range states {
		if err := env.App.Store.Audit(ctx, audit.Record{Action: "test.state", ObjectType: "state", ObjectID: fmt.Sprint(i), Before: s, After: s}); err != nil {
			t.Fatalf("state %d: %v", i, err)
		}
	}
	admin := env.Login(t, "admin@probono.example", password)
	if v := verifyAudit(t, env, admin); !v.OK {
		t.Errorf("verify: %+v", v)
	}
	// JSON written already is stored as the document it is, not as a string of its bytes.
	for _, e := range auditEntries(t, env, admin, url.Values{"action": {"test.state"}}) {
		if e.ObjectID == "5" && e.After["a"] != "written already" || e.ObjectID == "6" && len(e.Before["b"].([]any)) != 3 {
			t.Errorf("state %s: %+v", e.ObjectID, e)
		}
	}
}

func TestAudit_ExportIsCSVOfTheCallersEntriesAndIsItselfRecorded(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.Login(t, "wei.zhang@castellan.example", password)
	admin := env.Login(t, "admin@hartwell.example", password)
	hartwell := env.Principal(t, "admin@hartwell.example").OrgID.String()
	// A name a spreadsheet would run as a formula is exported as text.
	if r := env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/me", Token: admin.Token, Body: map[string]string{"name": "=HYPERLINK(\"x\")"}}); r.Status != http.StatusOK {
		t.Fatalf("rename: %d %s", r.Status, r.Body)
	}
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/audit/export?action=auth.signed_in", Token: admin.Token, Header: withRequestID("export-1")})
	if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %v %s", r.Status, r.Header, r.Body)
	}
	lines, err := csv.NewReader(strings.NewReader(string(r.Body))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(lines[0], ",") != "id,at,actor_id,actor_name,org_id,org_name,action,object_type,object_id,before,after,request_id,ip" {
		t.Errorf("header: %v", lines[0])
	}
	if len(lines) < 2 {
		t.Fatalf("no entries exported: %v", lines)
	}
	for _, l := range lines[1:] {
		if l[4] != hartwell || l[6] != "auth.signed_in" || l[3] != `'=HYPERLINK("x")` || !strings.HasPrefix(l[10], "{") {
			t.Errorf("exported line: %v", l)
		}
	}
	exports := auditEntries(t, env, admin, url.Values{"action": {"audit.exported"}})
	if len(exports) != 1 || exports[0].RequestID != "export-1" || exports[0].After["action"] != "auth.signed_in" ||
		exports[0].OrgID != hartwell || exports[0].ActorName != "=HYPERLINK(\"x\")" {
		t.Errorf("the export's entry: %+v", exports)
	}
}
