package api_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
)

func TestDeepJSON_IsRefusedInMillisecondsOnPublicAndAuthenticatedOperations(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya := env.Login(t, "priya.raman@hartwell.example", password)
	var m me
	getMe(t, env, priya.Token).JSON(t, &m)
	deep := strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000)

	for _, c := range []struct{ name, method, path, token string }{
		{"sign-in", "POST", "/api/v1/auth/login", ""},
		{"attorney profile", "PUT", "/api/v1/attorneys/" + m.ID, priya.Token},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			r := env.Do(t, apptest.Request{Method: c.method, Path: c.path, Token: c.token, Body: deep})
			// It takes milliseconds; a second leaves room for a busy shared machine.
			if d := time.Since(start); d > time.Second {
				t.Fatalf("took %v", d)
			}
			p := r.Problem(t, http.StatusBadRequest)
			if !strings.HasSuffix(p.Type, "/malformed-request") || !strings.Contains(p.Detail, "deeper than 32") {
				t.Fatalf("problem: %+v", p)
			}
		})
	}
	var after attorneyView
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/attorneys/" + m.ID, Token: priya.Token}).JSON(t, &after)
	if after.UpdatedAt != nil {
		t.Fatalf("the refused body changed the profile: %+v", after)
	}
}

// spliced marshals body and puts raw in place of every "@@": bytes encoding/json would not write,
// such as invalid UTF-8 (which it would replace) or escapes it would spell differently.
func spliced(t *testing.T, body any, raw string) []byte {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.ReplaceAll(b, []byte("@@"), []byte(raw))
}

// writtenState fingerprints every table a request in the bad-input table could write to, so a test
// can assert that a refused request wrote nothing.
func writtenState(t *testing.T, env *apptest.Env) string {
	t.Helper()
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, table := range []string{"organizations", "users", "attorney_profiles", "attorney_bar_admissions", "referrals",
		"referral_clients", "referral_parties", "conflict_entries", "conflict_checks", "conflict_hits"} {
		var sum string
		q := "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM " + table + " t"
		if err := db.QueryRow(q).Scan(&sum); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, table+"="+sum)
	}
	return strings.Join(parts, " ")
}

func TestBadInput_TextAndDocumentFaultsAnswer4xxAndWriteNothing(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@probono.example", password)
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, coordinator, password)
	priya := env.Login(t, "priya.raman@hartwell.example", password)
	var priyaMe me
	getMe(t, env, priya.Token).JSON(t, &priyaMe)
	addEntry(t, env, coord, "Lakeview Properties Group", "organization", "related")
	v := createReferral(t, env, staff, referralBody(true))
	check := getCheck(t, env, coord, v.ID)
	if check.Result != "potential" {
		t.Fatalf("check: %+v", check)
	}
	hitPath := "/api/v1/referrals/" + v.ID + "/conflict-check/hits/" + check.Hits[0].ID + "/clear"
	cursor := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

	org := func(name string) map[string]string { return map[string]string{"name": name, "kind": "nonprofit"} }
	referral := func(edit func(map[string]any)) map[string]any {
		b := referralBody(true)
		edit(b)
		return b
	}
	client := func(field, value string) map[string]any {
		return referral(func(b map[string]any) { b["client"].(map[string]any)[field] = value })
	}
	party := func(edit func(map[string]any)) map[string]any {
		return referral(func(b map[string]any) { edit(b["parties"].([]map[string]any)[1]) })
	}
	profile := func(barNumber string) map[string]any {
		b := attorneyProfileBody()
		b["bar_admissions"].([]map[string]any)[0]["bar_number"] = barNumber
		return b
	}
	entry := func(field string, value any) map[string]any {
		b := map[string]any{"name": "Acme Holdings", "type": "organization", "role": "client", "aliases": []string{}, "matter_ref": "M-1"}
		b[field] = value
		return b
	}
	const (
		malformed = "malformed-request"
		invalid   = "validation-error"
	)
	cases := []struct {
		name    string
		as      apptest.Session
		method  string
		path    string
		body    any
		status  int
		problem string
		field   string // the field error expected; "" for none
	}{
		// One JSON document, each key once.
		{"data after the document", admin, "POST", "/api/v1/organizations", `{"name":"Acme Legal","kind":"nonprofit"} x`, 400, malformed, ""},
		{"two documents", admin, "POST", "/api/v1/organizations", `{"name":"Acme Legal","kind":"nonprofit"}{"name":"Acme Two","kind":"nonprofit"}`, 400, malformed, ""},
		{"duplicate key", admin, "POST", "/api/v1/organizations", `{"name":"Acme Legal","kind":"nonprofit","name":"Acme Evil"}`, 400, malformed, ""},
		{"duplicate key in a nested object", staff, "POST", "/api/v1/referrals", spliced(t, client("name", "Ana@@"), `","name":"Other`), 400, malformed, ""},
		// Organisation names.
		{"organisation name with NUL", admin, "POST", "/api/v1/organizations", spliced(t, org("Acme@@Legal"), `\u0000`), 422, invalid, "name"},
		{"organisation name with invalid UTF-8", admin, "POST", "/api/v1/organizations", spliced(t, org("Acme@@Legal"), "\xff"), 422, invalid, "name"},
		{"organisation name with a lone surrogate", admin, "POST", "/api/v1/organizations", spliced(t, org("Acme@@Legal"), `\ud800`), 422, invalid, "name"},
		{"organisation name with CR LF", admin, "POST", "/api/v1/organizations", org("Acme\r\nLegal"), 422, invalid, "name"},
		{"organisation name with a C1 control", admin, "POST", "/api/v1/organizations", org("Acme\u0085Legal"), 422, invalid, "name"},
		{"organisation name of zero-width spaces", admin, "POST", "/api/v1/organizations", org("\u200b\u200b\u200b"), 422, invalid, "name"},
		{"organisation name of spaces and bidi controls", admin, "POST", "/api/v1/organizations", org(" \u202e \u2066\u00a0"), 422, invalid, "name"},
		{"own name with NUL", admin, "PATCH", "/api/v1/me", spliced(t, map[string]string{"name": "Ada@@"}, `\u0000`), 422, invalid, "name"},
		// Referrals.
		{"summary with NUL", staff, "POST", "/api/v1/referrals", spliced(t, referral(func(b map[string]any) { b["summary"] = "Tenant facing eviction @@ now." }), `\u0000`), 422, invalid, "summary"},
		{"summary with invalid UTF-8", staff, "POST", "/api/v1/referrals", spliced(t, referral(func(b map[string]any) { b["summary"] = "Tenant facing eviction @@ now." }), "\xc3\x28"), 422, invalid, "summary"},
		{"summary of spaces and line breaks", staff, "POST", "/api/v1/referrals", referral(func(b map[string]any) { b["summary"] = "  \n\t  \u3000\u200b   \n" }), 422, invalid, "summary"},
		{"client name with invalid UTF-8", staff, "POST", "/api/v1/referrals", spliced(t, client("name", "Jos@@ Ruiz"), "\xe9"), 422, invalid, "client.name"},
		{"client name with a line break", staff, "POST", "/api/v1/referrals", client("name", "José\nRuiz"), 422, invalid, "client.name"},
		{"client notes with a control character", staff, "POST", "/api/v1/referrals", client("notes", "Calls\u0007 after 5pm"), 422, invalid, "client.notes"},
		{"party name of invisible characters", staff, "POST", "/api/v1/referrals", party(func(p map[string]any) { p["name"] = "\u2060\u200d\ufeff" }), 422, invalid, "parties[1].name"},
		{"alias with NUL", staff, "POST", "/api/v1/referrals", spliced(t, party(func(p map[string]any) { p["aliases"] = []string{"ok", "Lake@@view"} }), `\u0000`), 422, invalid, "parties[1].aliases[1]"},
		{"referral edit with NUL", staff, "PUT", "/api/v1/referrals/" + v.ID, spliced(t, client("name", "Ana@@"), `\u0000`), 422, invalid, "client.name"},
		{"practice area filter with NUL", staff, "GET", "/api/v1/referrals?practice_area=%00", nil, 422, invalid, "practice_area"},
		{"practice area filter with invalid UTF-8", staff, "GET", "/api/v1/referrals?practice_area=%FF", nil, 422, invalid, "practice_area"},
		// Attorney profiles.
		{"bar number with NUL", priya, "PUT", "/api/v1/attorneys/" + priyaMe.ID, spliced(t, profile("62@@81"), `\u0000`), 422, invalid, "bar_admissions[0].bar_number"},
		{"bar number with invalid UTF-8", priya, "PUT", "/api/v1/attorneys/" + priyaMe.ID, spliced(t, profile("62@@81"), "\x80"), 422, invalid, "bar_admissions[0].bar_number"},
		{"bar number of spaces", priya, "PUT", "/api/v1/attorneys/" + priyaMe.ID, profile("   "), 422, invalid, "bar_admissions[0].bar_number"},
		// The conflict registry.
		{"registry name with NUL", coord, "POST", "/api/v1/conflicts/entries", spliced(t, entry("name", "Acme@@"), `\u0000`), 422, invalid, "name"},
		{"registry name with invalid UTF-8", coord, "POST", "/api/v1/conflicts/entries", spliced(t, entry("name", "Acme@@"), "\xfe"), 422, invalid, "name"},
		{"registry name of spaces", coord, "POST", "/api/v1/conflicts/entries", entry("name", "\u00a0\u2003 "), 422, invalid, "name"},
		{"registry alias with invalid UTF-8", coord, "POST", "/api/v1/conflicts/entries", spliced(t, entry("aliases", []string{"A@@"}), "\xff"), 422, invalid, "aliases[0]"},
		{"matter ref with NUL", coord, "POST", "/api/v1/conflicts/entries", spliced(t, entry("matter_ref", "M@@1"), `\u0000`), 422, invalid, "matter_ref"},
		{"matter ref with CR LF", coord, "POST", "/api/v1/conflicts/entries", entry("matter_ref", "M-1\r\nM-2"), 422, invalid, "matter_ref"},
		{"registry search with NUL", coord, "GET", "/api/v1/conflicts/entries?q=%00", nil, 422, invalid, "q"},
		// Clearances.
		{"clearance reason of spaces", coord, "POST", hitPath, map[string]string{"reason": "          "}, 422, invalid, "reason"},
		{"clearance reason with NUL", coord, "POST", hitPath, spliced(t, map[string]string{"reason": "Not the@@ same company."}, `\u0000`), 422, invalid, "reason"},
		{"clearance reason with invalid UTF-8", coord, "POST", hitPath, spliced(t, map[string]string{"reason": "Not the@@ same company."}, "\xff"), 422, invalid, "reason"},
		// Forged pagination cursors, on every paginated list and every sort.
		{"forged cursor, sort created", staff, "GET", "/api/v1/referrals?cursor=" + cursor(`{"s":"created","k":["not-a-date","x"]}`), nil, 422, invalid, "cursor"},
		{"forged cursor, sort deadline", staff, "GET", "/api/v1/referrals?sort=deadline&cursor=" + cursor(`{"s":"deadline","k":["2026-13-45","x"]}`), nil, 422, invalid, "cursor"},
		{"forged cursor, sort urgency", staff, "GET", "/api/v1/referrals?sort=urgency&cursor=" + cursor(`{"s":"urgency","k":["high","2026-01-01","x"]}`), nil, 422, invalid, "cursor"},
		{"forged cursor with NUL", coord, "GET", "/api/v1/referrals?cursor=" + cursor(`{"s":"created","k":["2026-01-01 00:00:00+00","\u0000"]}`), nil, 422, invalid, "cursor"},
		{"forged cursor of another sort", staff, "GET", "/api/v1/referrals?sort=deadline&cursor=" + cursor(`{"s":"created","k":["2026-01-01","x"]}`), nil, 422, invalid, "cursor"},
		{"forged registry cursor, bad id", coord, "GET", "/api/v1/conflicts/entries?cursor=" + cursor(`["acme","not-a-uuid"]`), nil, 422, invalid, "cursor"},
		{"forged registry cursor with NUL", coord, "GET", "/api/v1/conflicts/entries?cursor=" + cursor(`["a\u0000","00000000-0000-0000-0000-000000000000"]`), nil, 422, invalid, "cursor"},
		{"registry cursor not base64", coord, "GET", "/api/v1/conflicts/entries?cursor=!!!", nil, 422, invalid, "cursor"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := writtenState(t, env)
			r := env.Do(t, apptest.Request{Method: c.method, Path: c.path, Body: c.body, Token: c.as.Token})
			p := r.Problem(t, c.status)
			if !strings.HasSuffix(p.Type, "/"+c.problem) || p.Detail == "" {
				t.Fatalf("problem: %+v", p)
			}
			named := c.field == ""
			for _, e := range p.Errors {
				named = named || e.Field == c.field && e.Message != ""
			}
			if !named {
				t.Fatalf("no error for field %q in %+v", c.field, p.Errors)
			}
			if after := writtenState(t, env); after != before {
				t.Fatalf("a refused request wrote:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}
