package api_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	probono "github.com/probono-match/probono"
	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/platform/problem"
)

// badInputFixture holds the users and objects the bad-input table's requests act on, each of which
// a well-formed request would change.
type badInputFixture struct {
	admin, firmAdmin, staff, coord, priya apptest.Session
	firmID, priyaID, referralID, hitPath  string
	entryPath                             string
	northsideID, partnershipPath          string
	firmCreditPath, attorneyCreditPath    string
	billablePath                          string // this year's billable hours of the firm
	offerID, matterID                     string
	inviteToken                           string
	// Priya's time entries on her matter: a draft, and one submitted for approval.
	draftEntryID, submittedEntryID string
	// feedbackPath is a public feedback link's (for a token nobody was given: the spec gate
	// refuses bad bodies before the token is looked up).
	feedbackPath string
}

func newBadInputFixture(t *testing.T, env *apptest.Env) *badInputFixture {
	t.Helper()
	f := &badInputFixture{
		admin:     env.Login(t, "admin@probono.example", password),
		firmAdmin: env.Login(t, "admin@hartwell.example", password),
		staff:     env.Login(t, nonprofitStaff, password),
		coord:     env.Login(t, coordinator, password),
	}
	f.priya, f.priyaID = signedInAttorney(t, env)
	f.firmID = orgOf(t, env, f.firmAdmin)
	addEntry(t, env, f.coord, "Lakeview Properties Group", "organization", "related")
	var registry struct{ Items []struct{ ID string } }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries", Token: f.coord.Token}).JSON(t, &registry)
	f.entryPath = "/api/v1/conflicts/entries/" + registry.Items[0].ID
	v := createReferral(t, env, f.staff, referralBody(true))
	check := getCheck(t, env, f.coord, v.ID)
	if check.Result != "potential" {
		t.Fatalf("check: %+v", check)
	}
	f.referralID = v.ID
	f.hitPath = "/api/v1/referrals/" + v.ID + "/conflict-check/hits/" + check.Hits[0].ID + "/clear"
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations/" + f.firmID + "/invitations", Token: f.firmAdmin.Token,
		Body: map[string]string{"email": "incoming@hartwell.example", "role": "attorney"}})
	if r.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	f.inviteToken = inviteLink.FindStringSubmatch(env.MailTo(t, "incoming@hartwell.example")[0].Text)[1]
	f.northsideID = orgOf(t, env, f.staff)
	f.partnershipPath = "/api/v1/partnerships/" + createPartnership(t, env, f.firmAdmin, partnershipBody(f.firmID, f.northsideID)).ID
	f.offerID, f.matterID = priyasOfferAndMatter(t, env)
	f.draftEntryID = logTime(t, env, f.priya, f.matterID, attorneyDay(0), 60, false).ID
	f.submittedEntryID = logTime(t, env, f.priya, f.matterID, attorneyDay(0), 60, true).ID
	f.firmCreditPath, f.attorneyCreditPath = "/api/v1/credit/firms/"+f.firmID, "/api/v1/credit/attorneys/"+f.priyaID
	f.billablePath = f.firmCreditPath + "/billable-hours/2026"
	f.feedbackPath = "/api/v1/feedback/a-token-nobody-was-given"
	env.WaitForEvents(t) // the offers' notifications, sent before any request is refused
	return f
}

// textKind is which rules a string field has beyond being valid text without control characters.
type textKind int

const (
	anyString textKind = iota // a code, token, password or address: checked further by its own rule
	freeText                  // format: text, which may hold line breaks, not be blank
	oneLine                   // format: name, one line, not blank
)

// textField is a string field of a request body, in one operation.
type textField struct {
	operation string
	as        apptest.Session
	method    string
	path      string
	field     string // as field errors name it
	kind      textKind
	body      func(string) any // a valid body with the field set to the value
}

func (f *badInputFixture) textFields() []textField {
	org := func(v string) any { return map[string]string{"name": v, "kind": "nonprofit"} }
	name := func(v string) any { return map[string]string{"name": v} }
	accept := func(v string) any {
		return map[string]string{"token": f.inviteToken, "name": v, "password": "a long enough passphrase"}
	}
	profile := func(v string) any {
		b := attorneyProfileBody()
		b["bar_admissions"].([]map[string]any)[0]["bar_number"] = v
		return b
	}
	entry := func(field string) func(string) any {
		return func(v string) any {
			b := map[string]any{"name": "Acme Holdings", "type": "organization", "role": "client", "aliases": []string{"Acme"}, "matter_ref": "M-1"}
			if field == "aliases" {
				b[field] = []string{v}
			} else {
				b[field] = v
			}
			return b
		}
	}
	partnership := func(field string) func(string) any {
		return func(v string) any {
			b := partnershipBody(f.firmID, f.northsideID)
			if field == "practice_areas[0]" {
				b["practice_areas"] = []string{v}
			} else {
				b[field] = v
			}
			return b
		}
	}
	timeEntry := func(v string) any {
		b := timeBody(f.matterID, attorneyDay(0), 60)
		b["narrative"] = v
		return b
	}
	draftPath, submittedPath := "/api/v1/time-entries/"+f.draftEntryID, "/api/v1/time-entries/"+f.submittedEntryID
	firmPath := "/api/v1/organizations/" + f.firmID
	fields := []textField{
		{"time entry", f.priya, "POST", "/api/v1/time-entries", "narrative", freeText, timeEntry},
		{"time entry batch", f.priya, "POST", "/api/v1/time-entries:batch", "entries[0].narrative", freeText, func(v string) any { return map[string]any{"entries": []any{timeEntry(v)}} }},
		{"time entry edit", f.priya, "PATCH", draftPath, "narrative", freeText, func(v string) any { return map[string]string{"narrative": v} }},
		{"time adjustment", f.priya, "POST", draftPath + "/adjust", "narrative", freeText, func(v string) any { return map[string]any{"minutes": 6, "narrative": v} }},
		{"time rejection", f.coord, "POST", submittedPath + "/reject", "reason", freeText, func(v string) any { return map[string]string{"reason": v} }},
		{"time rejection in bulk", f.coord, "POST", "/api/v1/time-entries/reject", "reason", freeText, func(v string) any {
			return map[string]any{"ids": []string{f.submittedEntryID}, "reason": v}
		}},
		{"own name", f.priya, "PATCH", "/api/v1/me", "name", oneLine, name},
		{"attorney's name", f.firmAdmin, "PATCH", firmPath + "/members/" + f.priyaID, "name", oneLine, name},
		{"invitee's name", apptest.Session{}, "POST", "/api/v1/invitations/accept", "name", oneLine, accept},
		{"new organisation", f.admin, "POST", "/api/v1/organizations", "name", oneLine, org},
		{"organisation rename", f.firmAdmin, "PATCH", firmPath, "name", oneLine, name},
		{"attorney profile", f.priya, "PUT", "/api/v1/attorneys/" + f.priyaID, "bar_admissions[0].bar_number", oneLine, profile},
		{"registry entry", f.coord, "POST", "/api/v1/conflicts/entries", "name", oneLine, entry("name")},
		{"registry entry", f.coord, "POST", "/api/v1/conflicts/entries", "aliases[0]", oneLine, entry("aliases")},
		{"registry entry", f.coord, "POST", "/api/v1/conflicts/entries", "matter_ref", oneLine, entry("matter_ref")},
		{"registry entry edit", f.coord, "PUT", f.entryPath, "name", oneLine, entry("name")},
		{"registry entry edit", f.coord, "PUT", f.entryPath, "aliases[0]", oneLine, entry("aliases")},
		{"registry entry edit", f.coord, "PUT", f.entryPath, "matter_ref", oneLine, entry("matter_ref")},
		{"new partnership", f.firmAdmin, "POST", "/api/v1/partnerships", "contact_name", oneLine, partnership("contact_name")},
		{"new partnership", f.firmAdmin, "POST", "/api/v1/partnerships", "notes", freeText, partnership("notes")},
		{"new partnership", f.firmAdmin, "POST", "/api/v1/partnerships", "practice_areas[0]", anyString, partnership("practice_areas[0]")},
		{"partnership edit", f.firmAdmin, "PUT", f.partnershipPath, "contact_name", oneLine, partnership("contact_name")},
		{"partnership edit", f.firmAdmin, "PUT", f.partnershipPath, "notes", freeText, partnership("notes")},
		{"partnership edit", f.firmAdmin, "PUT", f.partnershipPath, "practice_areas[0]", anyString, partnership("practice_areas[0]")},
		{"clearance", f.coord, "POST", f.hitPath, "reason", freeText, func(v string) any { return map[string]string{"reason": v} }},
		{"decline", f.priya, "POST", "/api/v1/offers/" + f.offerID + "/decline", "note", freeText, func(v string) any { return map[string]string{"reason": "other", "note": v} }},
		{"withdrawal", f.priya, "POST", "/api/v1/matters/" + f.matterID + "/withdraw", "note", freeText, func(v string) any { return map[string]string{"reason": "other", "note": v} }},
		{"closing", f.priya, "POST", "/api/v1/matters/" + f.matterID + "/close", "note", freeText, func(v string) any {
			return map[string]any{"outcome": "other", "goal_met": true, "hours": 1, "note": v}
		}},
		{"feedback", f.staff, "POST", "/api/v1/matters/" + f.matterID + "/feedback", "comment", freeText, func(v string) any {
			return map[string]any{"satisfaction": 4, "comment": v}
		}},
		{"client's feedback", apptest.Session{}, "POST", f.feedbackPath, "comment", freeText, func(v string) any {
			return map[string]any{"satisfaction": 4, "comment": v}
		}},
		{"sign-in", apptest.Session{}, "POST", "/api/v1/auth/login", "email", anyString, func(v string) any { return map[string]string{"email": v, "password": password} }},
		{"sign-in", apptest.Session{}, "POST", "/api/v1/auth/login", "password", anyString, func(v string) any { return map[string]string{"email": nonprofitStaff, "password": v} }},
		{"password reset", apptest.Session{}, "POST", "/api/v1/auth/password-reset/confirm", "token", anyString, func(v string) any { return map[string]string{"token": v, "password": "a long enough passphrase"} }},
		{"invitation lookup", apptest.Session{}, "POST", "/api/v1/invitations/lookup", "token", anyString, func(v string) any { return map[string]string{"token": v} }},
		{"attorney profile", f.priya, "PUT", "/api/v1/attorneys/" + f.priyaID, "availability[0].time_zone", anyString, func(v string) any {
			b := attorneyProfileBody()
			b["availability"].([]map[string]any)[0]["time_zone"] = v
			return b
		}},
	}
	referralFields := []struct {
		field string
		kind  textKind
		set   func(b map[string]any, v string)
	}{
		{"practice_area", anyString, func(b map[string]any, v string) { b["practice_area"] = v }},
		{"jurisdiction", anyString, func(b map[string]any, v string) { b["jurisdiction"] = v }},
		{"summary", freeText, func(b map[string]any, v string) { b["summary"] = v }},
		{"client.name", oneLine, func(b map[string]any, v string) { b["client"].(map[string]any)["name"] = v }},
		{"client.phone", oneLine, func(b map[string]any, v string) { b["client"].(map[string]any)["phone"] = v }},
		{"client.address", freeText, func(b map[string]any, v string) { b["client"].(map[string]any)["address"] = v }},
		{"client.notes", freeText, func(b map[string]any, v string) { b["client"].(map[string]any)["notes"] = v }},
		{"parties[0].name", oneLine, func(b map[string]any, v string) { b["parties"].([]map[string]any)[0]["name"] = v }},
		{"parties[1].name", oneLine, func(b map[string]any, v string) { b["parties"].([]map[string]any)[1]["name"] = v }},
		{"parties[1].aliases[0]", oneLine, func(b map[string]any, v string) { b["parties"].([]map[string]any)[1]["aliases"] = []string{v} }},
	}
	for _, op := range []struct{ name, method, path string }{
		{"new referral", "POST", "/api/v1/referrals"},
		{"referral edit", "PUT", "/api/v1/referrals/" + f.referralID},
	} {
		for _, rf := range referralFields {
			set := rf.set
			fields = append(fields, textField{op.name, f.staff, op.method, op.path, rf.field, rf.kind, func(v string) any {
				b := referralBody(true)
				set(b, v)
				return b
			}})
		}
	}
	return fields
}

// textCases puts each fault of text in each text field: inside a value that is otherwise good, or
// as the whole value.
func (f *badInputFixture) textCases(t *testing.T) []badCase {
	t.Helper()
	const good = "Acme @@ Legal Aid" // long enough for every field's minimum, short enough for its maximum
	faults := []struct {
		name      string
		raw       string // spliced into the JSON text in place of @@
		lineBreak bool   // a fault only in one-line values
		status    int
		kind      problem.Kind
		says      string
	}{
		{"an escaped NUL", `\u0000`, false, 422, problem.Invalid, "control character"},
		{"a raw NUL byte", "\x00", false, 400, problem.MalformedBody, "control character"},
		{"a raw 0xFF byte", "\xff", false, 422, problem.Invalid, "UTF-8"},
		{"Latin-1 text", "Jos\xe9", false, 422, problem.Invalid, "UTF-8"},
		{"a truncated UTF-8 sequence", "\xe2\x82", false, 422, problem.Invalid, "UTF-8"},
		{"an overlong UTF-8 encoding", "\xc0\xaf", false, 422, problem.Invalid, "UTF-8"},
		{"a lone surrogate", `\ud800`, false, 422, problem.Invalid, ""},
		{"a bell", `\u0007`, false, 422, problem.Invalid, "control character"},
		{"a raw C1 control", "\xc2\x85", false, 422, problem.Invalid, "control character"},
		{"DEL", "\x7f", false, 422, problem.Invalid, "control character"},
		{"CR LF", `\r\n`, true, 422, problem.Invalid, "single line"},
		{"a tab", `\t`, true, 422, problem.Invalid, "single line"},
	}
	wholes := []struct{ name, value string }{
		{"only zero-width and format characters", strings.Repeat("\u200b\u2060\ufeff\u200d", 3)},
		{"only spaces", strings.Repeat(" ", 12)},
		{"only spaces, no-break spaces and line breaks", "  \u00a0 \n \u3000\r\n\t  \u2003 "},
		{"only fillers and variation selectors", "\u3164\ufe0f\u115f\u2800\u3164\ufe0f\u115f\u2800\u3164\ufe0f"},
	}
	var cases []badCase
	for _, tf := range f.textFields() {
		req := func(body any) apptest.Request {
			return apptest.Request{Method: tf.method, Path: tf.path, Token: tf.as.Token, Body: body}
		}
		prefix := tf.operation + ", " + tf.field + ": "
		for _, fault := range faults {
			if fault.lineBreak && tf.kind != oneLine {
				continue
			}
			field := tf.field
			if fault.kind == problem.MalformedBody {
				field = "" // the body is not JSON, so no field can be named
			}
			cases = append(cases, badCase{prefix + fault.name, req(spliced(t, tf.body(good), fault.raw)), fault.status, fault.kind, field, fault.says})
		}
		for _, w := range wholes {
			if tf.kind == anyString || strings.ContainsAny(w.value, "\t\n\r") && tf.kind == oneLine {
				continue // blank is its own rule's concern, or refused as more than one line, above
			}
			cases = append(cases, badCase{prefix + w.name, req(tf.body(w.value)), 422, problem.Invalid, tf.field, "blank"})
		}
	}
	return cases
}

// paramCase is a parameter that parameterCases puts text faults in.
type paramCase struct {
	as         apptest.Session
	method     string
	path       string // with {} where the value goes
	param      string
	body       any
	csvRequest bool
}

// parameterCases puts text faults in every query and header parameter, and in path parameters.
func (f *badInputFixture) parameterCases() []badCase {
	csv := csvHeader + "Acme Widgets Inc,organization,client,,M-1\n"
	params := []paramCase{
		{f.staff, "GET", "/api/v1/referrals?practice_area={}", "practice_area", nil, false},
		{f.coord, "GET", "/api/v1/referrals?practice_area=housing&jurisdiction={}", "jurisdiction", nil, false},
		{f.staff, "GET", "/api/v1/referrals?status={}", "status", nil, false},
		{f.staff, "GET", "/api/v1/referrals?urgency={}", "urgency", nil, false},
		{f.staff, "GET", "/api/v1/referrals?sort={}", "sort", nil, false},
		{f.staff, "GET", "/api/v1/referrals?limit={}", "limit", nil, false},
		{f.staff, "GET", "/api/v1/referrals?cursor={}", "cursor", nil, false},
		{f.coord, "GET", "/api/v1/conflicts/entries?q={}", "q", nil, false},
		{f.coord, "GET", "/api/v1/conflicts/entries?cursor={}", "cursor", nil, false},
		{f.coord, "GET", "/api/v1/conflicts/entries?limit={}", "limit", nil, false},
		{f.coord, "GET", "/api/v1/conflicts/pending?cursor={}", "cursor", nil, false},
		{f.coord, "GET", "/api/v1/conflicts/pending?limit={}", "limit", nil, false},
		{f.coord, "POST", "/api/v1/conflicts/imports?mode={}", "mode", csv, true},
		{f.coord, "POST", "/api/v1/referrals/" + f.referralID + "/conflict-check?firm={}", "firm", nil, false},
		{f.coord, "GET", "/api/v1/referrals/" + f.referralID + "/conflict-check?firm={}", "firm", nil, false},
		{f.priya, "GET", "/api/v1/offers?status={}", "status", nil, false},
		{f.priya, "GET", "/api/v1/offers?referral_id={}", "referral_id", nil, false},
		{f.coord, "GET", "/api/v1/offers?cursor={}", "cursor", nil, false},
		{f.staff, "GET", "/api/v1/offers?limit={}", "limit", nil, false},
		{f.priya, "GET", "/api/v1/matters?status={}", "status", nil, false},
		{f.staff, "GET", "/api/v1/matters?referral_id={}", "referral_id", nil, false},
		{f.coord, "GET", "/api/v1/matters?cursor={}", "cursor", nil, false},
		{f.priya, "GET", "/api/v1/matters?limit={}", "limit", nil, false},
		{f.coord, "GET", "/api/v1/proposals?status={}", "status", nil, false},
		{f.coord, "POST", "/api/v1/proposals/{}/send", "proposalId", nil, false},
		{f.coord, "POST", "/api/v1/proposals/{}/dismiss", "proposalId", nil, false},
		{f.staff, "GET", "/api/v1/referrals/" + f.referralID + "/timeline?cursor={}", "cursor", nil, false},
		{f.staff, "GET", "/api/v1/referrals/" + f.referralID + "/timeline?limit={}", "limit", nil, false},
		{f.staff, "GET", "/api/v1/me?unknown={}", "unknown", nil, false},
		{f.coord, "GET", "/api/v1/notifications?unread={}", "unread", nil, false},
		{f.coord, "GET", "/api/v1/notifications?cursor={}", "cursor", nil, false},
		{f.coord, "GET", "/api/v1/notifications?limit={}", "limit", nil, false},
		{f.coord, "POST", "/api/v1/notifications/{}/read", "notificationId", nil, false},
		{f.admin, "GET", "/api/v1/admin/dev-mailbox?unknown={}", "unknown", nil, false},
		{f.admin, "POST", "/api/v1/admin/queues/session?unknown={}", "unknown", nil, false},
		{f.staff, "GET", "/api/v1/referrals/{}", "referralId", nil, false},
		{f.staff, "GET", "/api/v1/referrals/" + f.referralID + "/candidates?limit={}", "limit", nil, false},
		{f.priya, "GET", "/api/v1/opportunities?limit={}", "limit", nil, false},
		{f.staff, "GET", "/api/v1/referrals/" + f.referralID + "/candidates/{}", "attorneyId", nil, false},
		{f.coord, "GET", "/api/v1/conflicts/imports/{}", "id", nil, false},
		{f.staff, "PUT", "/api/v1/referrals/{}", "referralId", referralBody(true), false},
		{f.firmAdmin, "PATCH", "/api/v1/organizations/{}", "orgId", map[string]string{"name": "Renamed LLP"}, false},
		{f.staff, "GET", "/api/v1/partnerships?firm_id={}", "firm_id", nil, false},
		{f.coord, "GET", "/api/v1/partnerships?referrer_id={}", "referrer_id", nil, false},
		{f.staff, "GET", "/api/v1/partnerships?cursor={}", "cursor", nil, false},
		{f.admin, "GET", "/api/v1/partnerships?limit={}", "limit", nil, false},
		{f.coord, "GET", "/api/v1/partnerships/{}", "partnershipId", nil, false},
		{f.firmAdmin, "PUT", "/api/v1/partnerships/{}", "partnershipId", partnershipBody(f.firmID, f.northsideID), false},
		{f.firmAdmin, "DELETE", "/api/v1/partnerships/{}", "partnershipId", nil, false},
		{f.coord, "GET", "/api/v1/time-entries?attorney_id={}", "attorney_id", nil, false},
		{f.priya, "GET", "/api/v1/time-entries?matter_id={}", "matter_id", nil, false},
		{f.coord, "GET", "/api/v1/time-entries?status={}", "status", nil, false},
		{f.coord, "GET", "/api/v1/time-entries?from={}", "from", nil, false},
		{f.priya, "GET", "/api/v1/time-entries?to={}", "to", nil, false},
		{f.coord, "GET", "/api/v1/time-entries?cursor={}", "cursor", nil, false},
		{f.admin, "GET", "/api/v1/time-entries?limit={}", "limit", nil, false},
		{f.coord, "GET", "/api/v1/time-entries/{}", "timeEntryId", nil, false},
		{f.coord, "POST", "/api/v1/time-entries/{}/approve", "timeEntryId", nil, false},
		{f.priya, "PATCH", "/api/v1/time-entries/{}", "timeEntryId", map[string]int{"minutes": 60}, false},
		{f.firmAdmin, "GET", "/api/v1/audit?action={}", "action", nil, false},
		{f.firmAdmin, "GET", "/api/v1/audit?actor_id={}", "actor_id", nil, false},
		{f.coord, "GET", "/api/v1/audit?object_type={}", "object_type", nil, false},
		{f.admin, "GET", "/api/v1/audit?object_id={}", "object_id", nil, false},
		{f.firmAdmin, "GET", "/api/v1/audit?from={}", "from", nil, false},
		{f.firmAdmin, "GET", "/api/v1/audit?to={}", "to", nil, false},
		{f.firmAdmin, "GET", "/api/v1/audit?cursor={}", "cursor", nil, false},
		{f.firmAdmin, "GET", "/api/v1/audit?limit={}", "limit", nil, false},
		{f.firmAdmin, "GET", "/api/v1/audit/export?action={}", "action", nil, false},
		{f.firmAdmin, "GET", "/api/v1/audit/export?object_id={}", "object_id", nil, false},
		{f.firmAdmin, "GET", "/api/v1/audit/export?from={}", "from", nil, false},
		{f.firmAdmin, "GET", "/api/v1/audit/export?to={}", "to", nil, false},
		{f.firmAdmin, "GET", "/api/v1/audit/export?actor_id={}", "actor_id", nil, false},
		{f.coord, "GET", "/api/v1/audit/export?object_type={}", "object_type", nil, false},
		{f.admin, "GET", "/api/v1/audit/verify?unknown={}", "unknown", nil, false},
		{f.coord, "GET", "/api/v1/credit-policies?firm_id={}", "firm_id", nil, false},
		{f.coord, "GET", f.firmCreditPath + "?fiscal_year={}", "fiscal_year", nil, false},
		{f.priya, "GET", f.attorneyCreditPath + "?fiscal_year={}", "fiscal_year", nil, false},
		{f.coord, "GET", "/api/v1/credit/ledger?attorney_id={}", "attorney_id", nil, false},
		{f.priya, "GET", "/api/v1/credit/ledger?fiscal_year={}", "fiscal_year", nil, false},
		{f.coord, "GET", "/api/v1/credit/ledger?cursor={}", "cursor", nil, false},
		{f.admin, "GET", "/api/v1/credit/ledger?limit={}", "limit", nil, false},
		{f.coord, "GET", "/api/v1/credit/attorneys/{}", "attorneyId", nil, false},
		{f.coord, "GET", "/api/v1/credit/firms/{}", "firmId", nil, false},
		{f.staff, "GET", "/api/v1/impact?from={}", "from", nil, false},
		{f.staff, "GET", "/api/v1/impact?to={}", "to", nil, false},
		{f.admin, "GET", "/api/v1/impact?org_id={}", "org_id", nil, false},
		{f.staff, "POST", "/api/v1/matters/{}/close", "matterId", map[string]any{"outcome": "other", "goal_met": true, "hours": 1}, false},
		{f.staff, "POST", "/api/v1/matters/{}/feedback-links", "matterId", nil, false},
		{f.coord, "GET", "/api/v1/time-entries/export?format={}", "format", nil, false},
		{f.coord, "GET", "/api/v1/time-entries/export?from={}", "from", nil, false},
		{f.coord, "GET", "/api/v1/time-entries/export?to={}", "to", nil, false},
		{f.coord, "GET", "/api/v1/time-entries/export?attorney_id={}", "attorney_id", nil, false},
		{f.coord, "GET", "/api/v1/time-entries/export?matter_id={}", "matter_id", nil, false},
		{f.coord, "GET", "/api/v1/time-entries/export?narratives={}", "narratives", nil, false},
	}
	// Every parameter of every report, as the platform admin, who may read them all.
	for report, query := range map[string][]string{
		"hours":         {"group_by", "from", "to", "firm_id", "org_id", "format"},
		"matters":       {"from", "to", "firm_id", "org_id", "format"},
		"time-to-match": {"from", "to", "firm_id", "org_id", "format"},
		"unmet-need":    {"from", "to", "firm_id", "org_id", "format"},
	} {
		for _, name := range query {
			params = append(params, paramCase{f.admin, "GET", "/api/v1/reports/" + report + "?" + name + "={}", name, nil, false})
		}
	}
	values := []struct{ name, escaped, says string }{
		{"NUL", "%00", "control character"},
		{"NUL after text", "housing%00", "control character"},
		{"0xFF", "%FF", "UTF-8"},
		{"Latin-1", "Jos%E9", "UTF-8"},
		{"C1 control", "%C2%85", "control character"},
		{"CR LF", "a%0D%0Ab", "single line"},
	}
	var cases []badCase
	for _, p := range params {
		for _, v := range values {
			req := apptest.Request{Method: p.method, Path: strings.Replace(p.path, "{}", v.escaped, 1), Token: p.as.Token, Body: p.body}
			if p.csvRequest {
				req.Header = http.Header{"Content-Type": {"text/csv"}}
			}
			says := v.says
			if !strings.Contains(p.path, "?") {
				says = "" // a path parameter is an id, refused as not one whatever its fault
			}
			cases = append(cases, badCase{p.method + " " + p.path + ": " + v.name, req, 422, problem.Invalid, p.param, says})
		}
	}
	// Header parameters: invalid UTF-8 and C1 controls are all a client can send in a header.
	headers := []struct {
		as                   apptest.Session
		method, path, header string
		body                 any
	}{
		{f.staff, "POST", "/api/v1/referrals", "Idempotency-Key", referralBody(true)},
		{f.staff, "PUT", "/api/v1/referrals/" + f.referralID, "If-Match", referralBody(true)},
		{f.staff, "POST", "/api/v1/referrals/" + f.referralID + "/transitions", "If-Match", map[string]string{"to": "withdrawn"}},
		{f.priya, "PUT", "/api/v1/attorneys/" + f.priyaID, "If-Match", attorneyProfileBody()},
		{f.firmAdmin, "PUT", f.partnershipPath, "If-Match", partnershipBody(f.firmID, f.northsideID)},
		{f.firmAdmin, "DELETE", f.partnershipPath, "If-Match", nil},
		{f.admin, "PUT", "/api/v1/matching/settings", "If-Match", matchingSettingsBody()},
		{f.priya, "PATCH", "/api/v1/time-entries/" + f.draftEntryID, "If-Match", map[string]int{"minutes": 60}},
		{f.priya, "DELETE", "/api/v1/time-entries/" + f.draftEntryID, "If-Match", nil},
		{f.coord, "PUT", f.billablePath, "If-Match", map[string]any{"billable_hours": 1000, "attorneys": 10}},
	}
	for _, h := range headers {
		for _, v := range []struct{ name, value, says string }{
			{"0xFF", "key-\xff-0001", "UTF-8"},
			{"Latin-1", "key-Jos\xe9-0001", "UTF-8"},
			{"C1 control", "key-\u0085-0001", "control character"},
		} {
			req := apptest.Request{Method: h.method, Path: h.path, Token: h.as.Token, Body: h.body, Header: http.Header{h.header: {v.value}}}
			cases = append(cases, badCase{h.method + " " + h.path + ": " + h.header + " with " + v.name, req, 422, problem.Invalid, h.header, v.says})
		}
	}
	return cases
}

// cursorCases sends forged cursors to every list that takes one, as every role that lists it and
// in every order.
func (f *badInputFixture) cursorCases() []badCase {
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	huge := b64(`{"s":"created","k":["` + strings.Repeat("9", 600) + `","x"]}`)
	anyList := []struct{ name, cursor, says string }{
		{"not base64", "!!!", "cursor"},
		{"base64 of one byte too few", "A", "cursor"},
		{"padded standard base64", base64.StdEncoding.EncodeToString([]byte(`["a","b"]`)), "cursor"},
		{"base64 of text that is not JSON", b64("not json at all"), "cursor"},
		{"base64 of JSON null", b64("null"), "cursor"},
		{"base64 of a number", b64("12345678901234567890"), "cursor"},
		{"base64 of an empty object", b64("{}"), "cursor"},
		{"base64 of invalid UTF-8", b64("[\"\xff\xfe\",\"x\"]"), "cursor"},
		{"the issue's forged cursor", b64(`{"s":"created","k":["not-a-date","x"]}`), "cursor"},
		{"longer than 500 characters", huge, "500"},
		{"10 KB long", strings.Repeat("A", 10<<10), ""},
	}
	var cases []badCase
	add := func(as apptest.Session, path, name, cursor, says string) {
		cases = append(cases, badCase{"GET " + path + " with a cursor " + name,
			apptest.Request{Method: "GET", Path: path + "cursor=" + cursor, Token: as.Token}, 422, problem.Invalid, "cursor", says})
	}
	roles := map[string]apptest.Session{"as staff": f.staff, "as a coordinator": f.coord, "as an attorney": f.priya, "as a platform admin": f.admin}
	sorts := map[string]int{"created": 2, "deadline": 2, "urgency": 3} // how many keys a cursor of each order holds
	for roleName, as := range roles {
		for sort, keys := range sorts {
			path := "/api/v1/referrals?sort=" + sort + "&"
			key := func(values ...string) string {
				return b64(fmt.Sprintf(`{"s":%q,"k":[%s]}`, sort, strings.Join(values, ",")))
			}
			xs := strings.TrimSuffix(strings.Repeat(`"x",`, keys), ",")
			forged := []struct{ name, cursor string }{
				{"of keys of the wrong kind", key(xs)},
				{"of numbers", key(strings.TrimSuffix(strings.Repeat(`1,`, keys), ","))},
				{"of nulls", key(strings.TrimSuffix(strings.Repeat(`null,`, keys), ","))},
				{"of too few keys", key(`"x"`)},
				{"of too many keys", key(xs + `,"x","x"`)},
				{"with a NUL in a key", key(strings.Replace(xs, `"x"`, `"2026-01-01\u0000"`, 1))},
				{"with a date out of range", key(strings.Replace(xs, `"x"`, `"99999-12-31"`, 1))},
				{"with a huge number", key(strings.Replace(xs, `"x"`, `"1e999"`, 1))},
				{"of an unknown sort", b64(`{"s":"bogus","k":[` + xs + `]}`)},
				{"of another sort", b64(`{"s":"` + map[string]string{"created": "deadline", "deadline": "urgency", "urgency": "created"}[sort] + `","k":[` + xs + `]}`)},
				{"of an array, not an object", b64(`[` + xs + `]`)},
			}
			for _, c := range forged {
				add(as, path, c.name+" "+roleName, c.cursor, "cursor")
			}
			for _, c := range anyList {
				add(as, path, c.name+" "+roleName, c.cursor, c.says)
			}
		}
	}
	for roleName, as := range roles {
		for _, path := range []string{"/api/v1/notifications?", "/api/v1/notifications?unread=true&"} {
			for _, c := range []struct{ name, cursor string }{
				{"with a time that is not one", b64(`{"s":"created","k":["not-a-time","00000000-0000-0000-0000-000000000000"]}`)},
				{"with an id that is not a uuid", b64(`{"s":"created","k":["2026-01-01 10:00:00+00","not-a-uuid"]}`)},
				{"with a NUL in the time", b64(`{"s":"created","k":["2026-01-01\u0000","00000000-0000-0000-0000-000000000000"]}`)},
				{"with a year beyond timestamps", b64(`{"s":"created","k":["300000-12-31","00000000-0000-0000-0000-000000000000"]}`)},
				{"of one key", b64(`{"s":"created","k":["2026-01-01 10:00:00+00"]}`)},
				{"of another sort", b64(`{"s":"deadline","k":["2026-01-01","00000000-0000-0000-0000-000000000000"]}`)},
				{"of a registry list", b64(`["acme","00000000-0000-0000-0000-000000000000"]`)},
			} {
				add(as, path, c.name+" "+roleName, c.cursor, "cursor")
			}
			for _, c := range anyList {
				add(as, path, c.name+" "+roleName, c.cursor, c.says)
			}
		}
	}
	for _, path := range []string{"/api/v1/conflicts/entries?", "/api/v1/conflicts/entries?q=lakeview&"} {
		for _, c := range []struct{ name, cursor string }{
			{"with an id that is not a uuid", b64(`["acme","not-a-uuid"]`)},
			{"with a NUL in the name", b64(`["a\u0000","00000000-0000-0000-0000-000000000000"]`)},
			{"of one key", b64(`["acme"]`)},
			{"of three keys", b64(`["acme","00000000-0000-0000-0000-000000000000","x"]`)},
			{"of numbers", b64(`[1,2]`)},
			{"of a referral list", b64(`{"s":"created","k":["2026-01-01","00000000-0000-0000-0000-000000000000"]}`)},
		} {
			add(f.coord, path, c.name, c.cursor, "cursor")
		}
		for _, c := range anyList {
			add(f.coord, path, c.name, c.cursor, c.says)
		}
	}
	// The lists read newest first hold a position: a time and an id, under the list's name.
	zero := "00000000-0000-0000-0000-000000000000"
	for _, list := range []struct {
		sort, time string
		paths      []string
		// extra are the forged positions of this list alone.
		extra []struct{ name, cursor string }
	}{
		{"partnerships", "2026-01-01T10:00:00Z", []string{"/api/v1/partnerships?", "/api/v1/partnerships?firm_id=" + f.firmID + "&"},
			[]struct{ name, cursor string }{{"with a time in Postgres' own form", b64(`{"s":"partnerships","k":["2026-01-01 10:00:00+00","` + zero + `"]}`)}}},
		{"hours_by_work_date", "2026-12-01T00:00:00Z", []string{"/api/v1/time-entries?", "/api/v1/time-entries?status=submitted&"},
			[]struct{ name, cursor string }{{"with a date without its time", b64(`{"s":"hours_by_work_date","k":["2026-12-01","` + zero + `"]}`)}}},
		{"offers-newest", "2026-12-01T10:00:00Z", []string{"/api/v1/offers?", "/api/v1/offers?status=pending&referral_id=" + f.referralID + "&"}, nil},
		{"matters-newest", "2026-12-01T10:00:00Z", []string{"/api/v1/matters?", "/api/v1/matters?status=active&"}, nil},
	} {
		key := func(values ...string) string {
			return b64(fmt.Sprintf(`{"s":%q,"k":[%s]}`, list.sort, strings.Join(values, ",")))
		}
		other := "partnerships"
		if list.sort == other {
			other = "hours_by_work_date"
		}
		forged := append([]struct{ name, cursor string }{
			{"with a time that is not one", key(`"not-a-time"`, `"`+zero+`"`)},
			{"with an id that is not a uuid", key(`"`+list.time+`"`, `"not-a-uuid"`)},
			{"with a NUL in the time", key(`"`+list.time+`\u0000"`, `"`+zero+`"`)},
			{"with a year beyond timestamps", key(`"300000-12-31T00:00:00Z"`, `"`+zero+`"`)},
			{"of one key", key(`"` + list.time + `"`)},
			{"of three keys", key(`"`+list.time+`"`, `"`+zero+`"`, `"x"`)},
			{"of another list", b64(`{"s":"` + other + `","k":["` + list.time + `","` + zero + `"]}`)},
			{"of a referral list", b64(`{"s":"created","k":["` + list.time + `","` + zero + `"]}`)},
		}, list.extra...)
		for roleName, as := range roles {
			for _, path := range list.paths {
				for _, c := range forged {
					add(as, path, c.name+" "+roleName, c.cursor, "cursor")
				}
				for _, c := range anyList {
					add(as, path, c.name+" "+roleName, c.cursor, c.says)
				}
			}
		}
	}
	// A timeline's position is the last step's id.
	timeline := "/api/v1/referrals/" + f.referralID + "/timeline?"
	for _, c := range []struct{ name, cursor string }{
		{"with an id that is not a number", b64(`{"s":"id","k":["x"]}`)},
		{"with a negative id", b64(`{"s":"id","k":["-1"]}`)},
		{"with an id beyond int64", b64(`{"s":"id","k":["99999999999999999999"]}`)},
		{"of two keys", b64(`{"s":"id","k":["1","2"]}`)},
		{"of a referral list", b64(`{"s":"created","k":["2026-12-01 10:00:00+00","00000000-0000-0000-0000-000000000000"]}`)},
	} {
		add(f.staff, timeline, c.name, c.cursor, "cursor")
	}
	for _, c := range anyList {
		add(f.staff, timeline, c.name, c.cursor, c.says)
	}
	// The audit trail's position is the last entry's id, newest first.
	for roleName, as := range map[string]apptest.Session{"as an org admin": f.firmAdmin, "as a coordinator": f.coord, "as a platform admin": f.admin} {
		for _, path := range []string{"/api/v1/audit?", "/api/v1/audit?action=auth.signed_in&"} {
			for _, c := range []struct{ name, cursor string }{
				{"with an id that is not a number", b64(`{"s":"id_desc","k":["x"]}`)},
				{"with id 0", b64(`{"s":"id_desc","k":["0"]}`)},
				{"with a negative id", b64(`{"s":"id_desc","k":["-1"]}`)},
				{"with an id beyond int64", b64(`{"s":"id_desc","k":["99999999999999999999"]}`)},
				{"with a NUL after the id", b64(`{"s":"id_desc","k":["12\u0000"]}`)},
				{"of two keys", b64(`{"s":"id_desc","k":["1","2"]}`)},
				{"of a timeline", b64(`{"s":"id","k":["1"]}`)},
			} {
				add(as, path, c.name+" "+roleName, c.cursor, "cursor")
			}
			for _, c := range anyList {
				add(as, path, c.name+" "+roleName, c.cursor, c.says)
			}
		}
	}
	// A ledger page's position is the last row's id, newest first.
	for roleName, as := range roles {
		for _, path := range []string{"/api/v1/credit/ledger?", "/api/v1/credit/ledger?fiscal_year=2026&"} {
			for _, c := range []struct{ name, cursor string }{
				{"with an id that is not a number", b64(`{"s":"ledger","k":["x"]}`)},
				{"with a negative id", b64(`{"s":"ledger","k":["-1"]}`)},
				{"with an id of zero", b64(`{"s":"ledger","k":["0"]}`)},
				{"with an id beyond int64", b64(`{"s":"ledger","k":["99999999999999999999"]}`)},
				{"with a NUL in the id", b64(`{"s":"ledger","k":["1\u0000"]}`)},
				{"of two keys", b64(`{"s":"ledger","k":["1","2"]}`)},
				{"of a timeline", b64(`{"s":"id","k":["1"]}`)},
				{"of a partnership list", b64(`{"s":"partnerships","k":["2026-01-01T10:00:00Z","00000000-0000-0000-0000-000000000000"]}`)},
			} {
				add(as, path, c.name+" "+roleName, c.cursor, "cursor")
			}
			for _, c := range anyList {
				add(as, path, c.name+" "+roleName, c.cursor, c.says)
			}
		}
	}
	// The queue's position is when a hit was found and its id.
	for _, c := range []struct{ name, cursor string }{
		{"with a time that is not one", b64(`{"s":"found","k":["not-a-date","00000000-0000-0000-0000-000000000000"]}`)},
		{"with a time out of range", b64(`{"s":"found","k":["300000-01-01 00:00:00+00","00000000-0000-0000-0000-000000000000"]}`)},
		{"with an id that is not a uuid", b64(`{"s":"found","k":["2026-12-01 10:00:00+00","not-a-uuid"]}`)},
		{"with a NUL in a key", b64(`{"s":"found","k":["2026-12-01\u0000","00000000-0000-0000-0000-000000000000"]}`)},
		{"of one key", b64(`{"s":"found","k":["2026-12-01 10:00:00+00"]}`)},
		{"of three keys", b64(`{"s":"found","k":["2026-12-01 10:00:00+00","00000000-0000-0000-0000-000000000000","x"]}`)},
		{"of numbers", b64(`{"s":"found","k":[1,2]}`)},
		{"of a referral list", b64(`{"s":"created","k":["2026-12-01 10:00:00+00","00000000-0000-0000-0000-000000000000"]}`)},
		{"of the registry", b64(`{"s":"name","k":["acme","00000000-0000-0000-0000-000000000000"]}`)},
	} {
		add(f.coord, "/api/v1/conflicts/pending?", c.name, c.cursor, "cursor")
	}
	for _, c := range anyList {
		add(f.coord, "/api/v1/conflicts/pending?", c.name, c.cursor, c.says)
	}
	return cases
}

// otherCases are the refusals that are not a fault of one string: the document's form, the spec's
// bounds, impossible dates, aliases beyond the limit.
func (f *badInputFixture) otherCases(t *testing.T) []badCase {
	t.Helper()
	edited := func(b map[string]any, edit func(b map[string]any)) map[string]any {
		edit(b)
		return b
	}
	aliases := numberedAliases(21)
	withAliases := edited(referralBody(true), func(b map[string]any) { b["parties"].([]map[string]any)[1]["aliases"] = aliases })
	profilePath := "/api/v1/attorneys/" + f.priyaID
	organizations := func(body any) apptest.Request {
		return apptest.Request{Method: "POST", Path: "/api/v1/organizations", Token: f.admin.Token, Body: body}
	}
	offers := func(body any) apptest.Request {
		return apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + f.referralID + "/offers", Token: f.coord.Token, Body: body}
	}
	preferences := func(items []map[string]string) apptest.Request {
		return apptest.Request{Method: "PUT", Path: "/api/v1/me/notification-preferences", Token: f.coord.Token, Body: map[string]any{"items": items}}
	}
	report := func(pathAndQuery string) apptest.Request {
		return apptest.Request{Method: "GET", Path: "/api/v1/reports/" + pathAndQuery, Token: f.coord.Token}
	}
	partnerships := func(method, path string, edit func(b map[string]any)) apptest.Request {
		return apptest.Request{Method: method, Path: path, Token: f.admin.Token, Body: edited(partnershipBody(f.firmID, f.northsideID), edit)}
	}
	newPartnership := func(edit func(b map[string]any)) apptest.Request {
		return partnerships("POST", "/api/v1/partnerships", edit)
	}
	editPartnership := func(edit func(b map[string]any)) apptest.Request {
		r := partnerships("PUT", f.partnershipPath, edit)
		r.Header = http.Header{"If-Match": {`"1"`}}
		return r
	}
	policy := func(edit func(b map[string]any)) apptest.Request {
		return apptest.Request{Method: "POST", Path: "/api/v1/credit-policies", Token: f.coord.Token, Body: creditPolicyBody(edit)}
	}
	billable := func(year string, body any) apptest.Request {
		return apptest.Request{Method: "PUT", Path: f.firmCreditPath + "/billable-hours/" + year, Token: f.coord.Token, Body: body}
	}
	newTime := func(edit func(b map[string]any)) apptest.Request {
		return apptest.Request{Method: "POST", Path: "/api/v1/time-entries", Token: f.priya.Token, Body: edited(timeBody(f.matterID, attorneyDay(0), 60), edit)}
	}
	timeBatch := func(entries ...any) apptest.Request {
		return apptest.Request{Method: "POST", Path: "/api/v1/time-entries:batch", Token: f.priya.Token, Body: map[string]any{"entries": entries}}
	}
	bulk := func(action string, body any) apptest.Request {
		return apptest.Request{Method: "POST", Path: "/api/v1/time-entries/" + action, Token: f.coord.Token, Body: body}
	}
	ids := func(n int) []string { return slices.Repeat([]string{f.submittedEntryID}, n) }
	closeReq := func(body any) apptest.Request {
		return apptest.Request{Method: "POST", Path: "/api/v1/matters/" + f.matterID + "/close", Token: f.priya.Token, Body: body}
	}
	feedbackReq := func(as apptest.Session, path string, body any) apptest.Request {
		return apptest.Request{Method: "POST", Path: path, Token: as.Token, Body: body}
	}
	return []badCase{
		// Time entries: the schema's bounds, then what the service checks.
		{"minutes that are not 6-minute units", newTime(func(b map[string]any) { b["minutes"] = 7 }), 422, problem.Invalid, "minutes", ""},
		{"no minutes", newTime(func(b map[string]any) { b["minutes"] = 0 }), 422, problem.Invalid, "minutes", ""},
		{"25 hours in one entry", newTime(func(b map[string]any) { b["minutes"] = 1500 }), 422, problem.Invalid, "minutes", ""},
		{"minutes as text", newTime(func(b map[string]any) { b["minutes"] = "60" }), 422, problem.Invalid, "minutes", ""},
		{"time on February 30", newTime(func(b map[string]any) { b["work_date"] = "2027-02-30" }), 422, problem.Invalid, "work_date", "date"},
		{"time tomorrow", newTime(func(b map[string]any) { b["work_date"] = attorneyDay(1) }), 422, problem.Invalid, "work_date", "future"},
		{"time before the matter was accepted", newTime(func(b map[string]any) { b["work_date"] = attorneyDay(-3) }), 422, problem.Invalid, "work_date", "accepted"},
		{"an activity that is not one", newTime(func(b map[string]any) { b["activity"] = "golf" }), 422, problem.Invalid, "activity", ""},
		{"a negative rate", newTime(func(b map[string]any) { b["rate_cents"] = -1 }), 422, problem.Invalid, "rate_cents", ""},
		{"a matter id that is not one", newTime(func(b map[string]any) { b["matter_id"] = "matter-1" }), 422, problem.Invalid, "matter_id", ""},
		{"a matter that does not exist", newTime(func(b map[string]any) { b["matter_id"] = "00000000-0000-4000-8000-000000000009" }), 422, problem.Invalid, "matter_id", "not one of your matters"},
		{"an unknown field of a time entry", newTime(func(b map[string]any) { b["status"] = "approved" }), 422, problem.Invalid, "status", ""},
		{"an empty batch", timeBatch(), 422, problem.Invalid, "entries", ""},
		{"a batch of 501", timeBatch(slices.Repeat([]any{timeBody(f.matterID, attorneyDay(0), 6)}, 501)...), 422, problem.Invalid, "entries", ""},
		{"a batch with a future entry", timeBatch(timeBody(f.matterID, attorneyDay(0), 6), timeBody(f.matterID, attorneyDay(2), 6)), 422, problem.Invalid, "entries[1].work_date", "future"},
		{"an empty edit", apptest.Request{Method: "PATCH", Path: "/api/v1/time-entries/" + f.draftEntryID, Token: f.priya.Token, Body: map[string]any{}}, 422, problem.Invalid, "body", ""},
		{"an edit to minutes that are not units", apptest.Request{Method: "PATCH", Path: "/api/v1/time-entries/" + f.draftEntryID, Token: f.priya.Token,
			Body: map[string]int{"minutes": 61}}, 422, problem.Invalid, "minutes", ""},
		{"an adjustment of more than 24 hours off", apptest.Request{Method: "POST", Path: "/api/v1/time-entries/" + f.submittedEntryID + "/adjust", Token: f.priya.Token,
			Body: map[string]any{"minutes": -1446, "narrative": "Too much."}}, 422, problem.Invalid, "minutes", ""},
		{"a bulk approval of none", bulk("approve", map[string]any{"ids": []string{}}), 422, problem.Invalid, "ids", ""},
		{"a bulk approval of 1,001", bulk("approve", map[string]any{"ids": ids(1001)}), 422, problem.Invalid, "ids", ""},
		{"a bulk approval of an id that is not one", bulk("approve", map[string]any{"ids": []string{"x"}}), 422, problem.Invalid, "ids[0]", ""},
		{"a bulk approval naming an entry twice", bulk("approve", map[string]any{"ids": ids(2)}), 422, problem.Invalid, "ids[1]", "listed before"},
		{"a bulk rejection without a reason", bulk("reject", map[string]any{"ids": ids(1)}), 422, problem.Invalid, "reason", ""},
		{"a rejection reason over 1000 characters", bulk("reject", map[string]any{"ids": ids(1), "reason": strings.Repeat("a", 1001)}), 422, problem.Invalid, "reason", ""},
		{"a time list that ends before it starts", apptest.Request{Method: "GET", Path: "/api/v1/time-entries?from=2026-12-02&to=2026-12-01", Token: f.coord.Token}, 422, problem.Invalid, "to", ""},
		{"a time list page over the maximum", apptest.Request{Method: "GET", Path: "/api/v1/time-entries?limit=201", Token: f.coord.Token}, 422, problem.Invalid, "limit", ""},
		{"a time entry id that is not one", apptest.Request{Method: "GET", Path: "/api/v1/time-entries/42", Token: f.coord.Token}, 422, problem.Invalid, "timeEntryId", ""},
		// Credit policies and billable hours: the schema's bounds, then what the service checks.
		{"a credit ratio of 0", policy(func(b map[string]any) { b["credit_ratio"] = 0 }), 422, problem.Invalid, "credit_ratio", "more than 0"},
		{"a credit ratio over 2", policy(func(b map[string]any) { b["credit_ratio"] = 2.5 }), 422, problem.Invalid, "credit_ratio", "at most 2"},
		{"a credit ratio of three decimals", policy(func(b map[string]any) { b["credit_ratio"] = 1.125 }), 422, problem.Invalid, "credit_ratio", "two decimals"},
		{"a credit ratio that is not a number", policy(func(b map[string]any) { b["credit_ratio"] = "1" }), 422, problem.Invalid, "credit_ratio", ""},
		{"an annual cap of 0 hours", policy(func(b map[string]any) { b["annual_cap_hours"] = 0 }), 422, problem.Invalid, "annual_cap_hours", "more than 0"},
		{"a negative annual cap", policy(func(b map[string]any) { b["annual_cap_hours"] = -50 }), 422, problem.Invalid, "annual_cap_hours", ""},
		{"an annual cap in hundredths", policy(func(b map[string]any) { b["annual_cap_hours"] = 50.25 }), 422, problem.Invalid, "annual_cap_hours", "tenths"},
		{"an annual cap over 5,000 hours", policy(func(b map[string]any) { b["annual_cap_hours"] = 5000.1 }), 422, problem.Invalid, "annual_cap_hours", "5000"},
		{"a fiscal year starting in month 13", policy(func(b map[string]any) { b["fiscal_year_start_month"] = 13 }), 422, problem.Invalid, "fiscal_year_start_month", ""},
		{"a fiscal year starting in month 0", policy(func(b map[string]any) { b["fiscal_year_start_month"] = 0 }), 422, problem.Invalid, "fiscal_year_start_month", ""},
		{"training listed among the activities", policy(func(b map[string]any) { b["eligible_activities"] = []string{"drafting", "training"} }), 422, problem.Invalid, "eligible_activities[1]", "training_counts"},
		{"an activity listed twice", policy(func(b map[string]any) { b["eligible_activities"] = []string{"drafting", "drafting"} }), 422, problem.Invalid, "eligible_activities[1]", "twice"},
		{"an activity that is not one", policy(func(b map[string]any) { b["eligible_activities"] = []string{"lunch"} }), 422, problem.Invalid, "eligible_activities[0]", ""},
		{"nine activities", policy(func(b map[string]any) { b["eligible_activities"] = slices.Repeat([]string{"drafting"}, 9) }), 422, problem.Invalid, "eligible_activities", ""},
		{"a matter eligibility that is not one", policy(func(b map[string]any) { b["matter_eligibility"] = "poor" }), 422, problem.Invalid, "matter_eligibility", ""},
		{"a Challenge measure that is not one", policy(func(b map[string]any) { b["challenge_measure"] = "pledge" }), 422, problem.Invalid, "challenge_measure", ""},
		{"a policy without its measure", policy(func(b map[string]any) { delete(b, "challenge_measure") }), 422, problem.Invalid, "challenge_measure", ""},
		{"a policy from February 30", policy(func(b map[string]any) { b["effective_from"] = "2027-02-30" }), 422, problem.Invalid, "effective_from", "date"},
		{"a policy from 1999", policy(func(b map[string]any) { b["effective_from"] = "1999-12-31" }), 422, problem.Invalid, "effective_from", "2000"},
		{"a policy for a firm id that is not one", policy(func(b map[string]any) { b["firm_id"] = "hartwell" }), 422, problem.Invalid, "firm_id", ""},
		{"an unknown field of a policy", policy(func(b map[string]any) { b["version"] = 2 }), 422, problem.Invalid, "version", ""},
		{"negative billable hours", billable("2026", map[string]any{"billable_hours": -1, "attorneys": 10}), 422, problem.Invalid, "billable_hours", ""},
		{"billable hours in hundredths", billable("2026", map[string]any{"billable_hours": 1000.05, "attorneys": 10}), 422, problem.Invalid, "billable_hours", "tenths"},
		{"billable hours over 100 million", billable("2026", map[string]any{"billable_hours": 100000001, "attorneys": 10}), 422, problem.Invalid, "billable_hours", ""},
		{"a negative attorney count", billable("2026", map[string]any{"billable_hours": 1000, "attorneys": -1}), 422, problem.Invalid, "attorneys", ""},
		{"a fractional attorney count", billable("2026", map[string]any{"billable_hours": 1000, "attorneys": 1.5}), 422, problem.Invalid, "attorneys", ""},
		{"billable hours without the attorneys", billable("2026", map[string]any{"billable_hours": 1000}), 422, problem.Invalid, "attorneys", ""},
		{"billable hours of 1999", billable("1999", map[string]any{"billable_hours": 1000, "attorneys": 10}), 422, problem.Invalid, "year", ""},
		{"billable hours of a year that is not one", billable("last", map[string]any{"billable_hours": 1000, "attorneys": 10}), 422, problem.Invalid, "year", ""},
		{"billable hours of a year beyond int64", billable("99999999999999999999", map[string]any{"billable_hours": 1000, "attorneys": 10}), 422, problem.Invalid, "year", ""},
		{"an attorney's fiscal year 1999", apptest.Request{Method: "GET", Path: f.attorneyCreditPath + "?fiscal_year=1999", Token: f.priya.Token}, 422, problem.Invalid, "fiscal_year", ""},
		{"a firm's fiscal year 2101", apptest.Request{Method: "GET", Path: f.firmCreditPath + "?fiscal_year=2101", Token: f.coord.Token}, 422, problem.Invalid, "fiscal_year", ""},
		{"a ledger page over the maximum", apptest.Request{Method: "GET", Path: "/api/v1/credit/ledger?limit=101", Token: f.coord.Token}, 422, problem.Invalid, "limit", ""},
		// Partnerships: the schema's bounds, then what the service checks.
		{"pledged hours below zero", newPartnership(func(b map[string]any) { b["pledged_hours"] = -1 }), 422, problem.Invalid, "pledged_hours", ""},
		{"pledged hours over 100,000, edited", editPartnership(func(b map[string]any) { b["pledged_hours"] = 100001 }), 422, problem.Invalid, "pledged_hours", ""},
		{"pledged hours that are not a number", newPartnership(func(b map[string]any) { b["pledged_hours"] = "500" }), 422, problem.Invalid, "pledged_hours", ""},
		{"a partnership without dates", newPartnership(func(b map[string]any) { delete(b, "starts_on") }), 422, problem.Invalid, "starts_on", ""},
		{"a partnership from February 30", newPartnership(func(b map[string]any) { b["starts_on"] = "2027-02-30" }), 422, problem.Invalid, "starts_on", "date"},
		{"a partnership that ends before it starts", newPartnership(func(b map[string]any) { b["ends_on"] = "2025-12-31" }), 422, problem.Invalid, "ends_on", "before"},
		{"a partnership that ends before it starts, edited", editPartnership(func(b map[string]any) { b["starts_on"] = "2027-01-01" }), 422, problem.Invalid, "ends_on", "before"},
		{"a practice area that is not one", newPartnership(func(b map[string]any) { b["practice_areas"] = []string{"housing", "astrology"} }), 422, problem.Invalid, "practice_areas[1]", "not a known practice area"},
		{"a practice area listed twice, edited", editPartnership(func(b map[string]any) { b["practice_areas"] = []string{"housing", "housing"} }), 422, problem.Invalid, "practice_areas[1]", "twice"},
		{"51 practice areas", newPartnership(func(b map[string]any) { b["practice_areas"] = slices.Repeat([]string{"housing"}, 51) }), 422, problem.Invalid, "practice_areas", ""},
		{"a contact email that is not one", newPartnership(func(b map[string]any) { b["contact_email"] = "dana at hartwell" }), 422, problem.Invalid, "contact_email", ""},
		{"a firm id that is not a uuid", newPartnership(func(b map[string]any) { b["firm_id"] = "hartwell" }), 422, problem.Invalid, "firm_id", ""},
		{"a nonprofit as the firm", newPartnership(func(b map[string]any) { b["firm_id"], b["referrer_id"] = f.northsideID, f.firmID }), 422, problem.Invalid, "firm_id", "law firm"},
		{"the firm as its own referrer", newPartnership(func(b map[string]any) { b["referrer_id"] = f.firmID }), 422, problem.Invalid, "referrer_id", ""},
		{"a partnership moved to another referrer", editPartnership(func(b map[string]any) { b["referrer_id"] = f.firmID }), 422, problem.Invalid, "referrer_id", ""},
		{"an unknown field of a partnership", newPartnership(func(b map[string]any) { b["hours_left"] = 3 }), 422, problem.Invalid, "hours_left", ""},
		{"a page of partnerships over the maximum", apptest.Request{Method: "GET", Path: "/api/v1/partnerships?limit=101", Token: f.admin.Token}, 422, problem.Invalid, "limit", ""},
		// One JSON document, each key once, with a real body.
		{"data after the document", organizations(`{"name":"Acme Legal","kind":"nonprofit"} x`), 400, problem.MalformedBody, "", "after the JSON document"},
		{"two documents", organizations(`{"name":"Acme Legal","kind":"nonprofit"}{"name":"Acme Two","kind":"nonprofit"}`), 400, problem.MalformedBody, "", "after the JSON document"},
		{"duplicate key", organizations(`{"name":"Acme Legal","kind":"nonprofit","name":"Acme Evil"}`), 400, problem.MalformedBody, "", "twice"},
		{"duplicate key in a nested object", apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: f.staff.Token,
			Body: spliced(t, edited(referralBody(true), func(b map[string]any) { b["client"].(map[string]any)["name"] = "Ana@@" }), `","name":"Other`)}, 400, problem.MalformedBody, "", "twice"},
		// The schema's bounds.
		{"malformed JSON", organizations(`{"name": "Acme",`), 400, problem.MalformedBody, "", ""},
		{"unknown field", organizations(`{"name":"Acme Legal","kind":"nonprofit","color":"red"}`), 422, problem.Invalid, "color", ""},
		{"wrong type", organizations(`{"name":42,"kind":"nonprofit"}`), 422, problem.Invalid, "name", ""},
		{"missing field", organizations(`{"name":"Acme Legal"}`), 422, problem.Invalid, "kind", ""},
		{"bad enum", organizations(`{"name":"Acme Legal","kind":"bank"}`), 422, problem.Invalid, "kind", ""},
		{"a page of none", apptest.Request{Method: "GET", Path: "/api/v1/conflicts/pending?limit=0", Token: f.coord.Token}, 422, problem.Invalid, "limit", ""},
		{"a page over the maximum", apptest.Request{Method: "GET", Path: "/api/v1/conflicts/pending?limit=101", Token: f.coord.Token}, 422, problem.Invalid, "limit", ""},
		{"too short", organizations(`{"name":"A","kind":"nonprofit"}`), 422, problem.Invalid, "name", ""},
		{"no body", organizations(""), 422, problem.Invalid, "body", ""},
		{"body over 1 MiB", organizations(`{"name":"` + strings.Repeat("a", 2<<20) + `","kind":"nonprofit"}`), 413, problem.TooLarge, "", ""},
		{"bad email", apptest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: `{"email":"not-an-email"}`}, 422, problem.Invalid, "email", ""},
		{"bad uuid in path", apptest.Request{Method: "GET", Path: "/api/v1/organizations/not-a-uuid", Token: f.admin.Token}, 422, problem.Invalid, "orgId", ""},
		{"unknown route", apptest.Request{Method: "GET", Path: "/api/v1/no-such-thing", Token: f.admin.Token}, 404, problem.NotFound, "", ""},
		{"wrong method", apptest.Request{Method: "DELETE", Path: "/api/v1/me", Token: f.admin.Token}, 405, problem.NotAllowed, "", ""},
		{"dev mailbox, wrong method", apptest.Request{Method: "DELETE", Path: "/api/v1/admin/dev-mailbox", Token: f.admin.Token}, 405, problem.NotAllowed, "", ""},
		{"dev mailbox, a body it does not take", apptest.Request{Method: "POST", Path: "/api/v1/admin/dev-mailbox", Token: f.admin.Token,
			Body: map[string]string{"to": "eve@evil.example"}}, 405, problem.NotAllowed, "", ""},
		// The console session takes no body and no parameters.
		{"a body for the console session", apptest.Request{Method: "POST", Path: "/api/v1/admin/queues/session", Token: f.admin.Token, Body: `{"ttl":86400}`}, 422, problem.Invalid, "body", ""},
		{"the console session by GET", apptest.Request{Method: "GET", Path: "/api/v1/admin/queues/session", Token: f.admin.Token}, 405, problem.NotAllowed, "", ""},
		{"the console session with a forged token", apptest.Request{Method: "POST", Path: "/api/v1/admin/queues/session", Token: f.admin.Token + "x"}, 401, problem.Unauthenticated, "", ""},
		// Reports: groupings and formats they do not have, periods back to front or too long.
		{"a grouping reports do not have", report("hours?group_by=client&format=csv"), 422, problem.Invalid, "group_by", ""},
		{"a format reports do not have", report("matters?format=xlsx"), 422, problem.Invalid, "format", ""},
		{"a period that ends before it starts", report("hours?format=csv&from=2026-06-01&to=2026-05-31"), 422, problem.Invalid, "from", "after to"},
		{"a period of 11 years", report("time-to-match?from=2015-01-01&to=2026-01-02"), 422, problem.Invalid, "to", "10 years"},
		{"a period from year 1 to 9999", report("unmet-need?format=csv&from=0001-01-01&to=9999-12-31"), 422, problem.Invalid, "to", "10 years"},
		{"a report from February 30", report("hours?from=2027-02-30"), 422, problem.Invalid, "from", "date"},
		{"a report to a date that is not one", report("matters?to=yesterday"), 422, problem.Invalid, "to", ""},
		{"a firm that is not an id", report("hours?firm_id=hartwell"), 422, problem.Invalid, "firm_id", ""},
		// Dates the calendar does not have.
		{"deadline of February 30", apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: f.staff.Token,
			Body: edited(referralBody(true), func(b map[string]any) { b["deadline"] = "2027-02-30" })}, 422, problem.Invalid, "deadline", "date"},
		{"deadline of February 29 in a common year, edited", apptest.Request{Method: "PUT", Path: "/api/v1/referrals/" + f.referralID, Token: f.staff.Token,
			Body: edited(referralBody(true), func(b map[string]any) { b["deadline"] = "2027-02-29" })}, 422, problem.Invalid, "deadline", "date"},
		{"date of birth of April 31", apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: f.staff.Token,
			Body: edited(referralBody(true), func(b map[string]any) { b["client"].(map[string]any)["date_of_birth"] = "1985-04-31" })}, 422, problem.Invalid, "client.date_of_birth", "date"},
		{"admission on February 29, 1900", apptest.Request{Method: "PUT", Path: profilePath, Token: f.priya.Token,
			Body: edited(attorneyProfileBody(), func(b map[string]any) { b["bar_admissions"].([]map[string]any)[0]["admitted_on"] = "1900-02-29" })}, 422, problem.Invalid, "bar_admissions[0].admitted_on", "date"},
		{"unavailable until June 31", apptest.Request{Method: "PUT", Path: profilePath, Token: f.priya.Token,
			Body: edited(attorneyProfileBody(), func(b map[string]any) {
				b["blackouts"] = []map[string]any{{"start": "2027-06-01", "end": "2027-06-31"}}
			})}, 422, problem.Invalid, "blackouts[0].end", "date"},
		// More than 20 aliases, for a party and for a registry entry (by CSV: TestBadInput_RegistryFiles).
		{"21 aliases of a party", apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: f.staff.Token, Body: withAliases}, 422, problem.Invalid, "parties[1].aliases", ""},
		{"21 aliases of a party, edited", apptest.Request{Method: "PUT", Path: "/api/v1/referrals/" + f.referralID, Token: f.staff.Token, Body: withAliases}, 422, problem.Invalid, "parties[1].aliases", ""},
		{"21 aliases of a registry entry", apptest.Request{Method: "POST", Path: "/api/v1/conflicts/entries", Token: f.coord.Token,
			Body: map[string]any{"name": "Acme Holdings", "type": "organization", "role": "client", "aliases": aliases}}, 422, problem.Invalid, "aliases", ""},
		{"21 aliases of a registry entry, edited", apptest.Request{Method: "PUT", Path: f.entryPath, Token: f.coord.Token,
			Body: map[string]any{"name": "Acme Holdings", "type": "organization", "role": "client", "aliases": aliases}}, 422, problem.Invalid, "aliases", ""},
		// Offers and matters: the modes, sizes and reasons there are, and the attestation.
		{"an offer of a mode that is not one", offers(map[string]any{"mode": "lottery"}), 422, problem.Invalid, "mode", ""},
		{"a broadcast to 21", offers(map[string]any{"mode": "broadcast", "count": 21}), 422, problem.Invalid, "count", ""},
		{"a routed offer to an id that is not one", offers(map[string]any{"mode": "routed", "attorney_ids": []string{"x"}}), 422, problem.Invalid, "attorney_ids[0]", ""},
		{"a routed offer to nobody", offers(map[string]any{"mode": "routed", "attorney_ids": []string{}}), 422, problem.Invalid, "attorney_ids", ""},
		{"an acceptance without the attestation", apptest.Request{Method: "POST", Path: "/api/v1/offers/" + f.offerID + "/accept", Token: f.priya.Token,
			Body: map[string]any{}}, 422, problem.Invalid, "attest_no_conflict", ""},
		{"an acceptance attesting nothing", apptest.Request{Method: "POST", Path: "/api/v1/offers/" + f.offerID + "/accept", Token: f.priya.Token,
			Body: map[string]any{"attest_no_conflict": false}}, 422, problem.Invalid, "attest_no_conflict", ""},
		{"a decline for a reason that is not one", apptest.Request{Method: "POST", Path: "/api/v1/offers/" + f.offerID + "/decline", Token: f.priya.Token,
			Body: map[string]string{"reason": "bored"}}, 422, problem.Invalid, "reason", ""},
		{"a decline for another reason, unsaid", apptest.Request{Method: "POST", Path: "/api/v1/offers/" + f.offerID + "/decline", Token: f.priya.Token,
			Body: map[string]string{"reason": "other"}}, 422, problem.Invalid, "note", ""},
		{"a withdrawal without a reason", apptest.Request{Method: "POST", Path: "/api/v1/matters/" + f.matterID + "/withdraw", Token: f.priya.Token,
			Body: map[string]string{}}, 422, problem.Invalid, "reason", ""},
		{"a note over 1000 characters", apptest.Request{Method: "POST", Path: "/api/v1/matters/" + f.matterID + "/withdraw", Token: f.priya.Token,
			Body: map[string]string{"reason": "other", "note": strings.Repeat("a", 1001)}}, 422, problem.Invalid, "note", ""},
		// Closing a matter: the categories there are, hours in tenths within bounds, a bounded note.
		{"a closing category that is not one", closeReq(map[string]any{"outcome": "won", "goal_met": true, "hours": 1}), 422, problem.Invalid, "outcome", ""},
		{"the referral's name of a category", closeReq(map[string]any{"outcome": "counsel_and_advice", "goal_met": true, "hours": 1}), 422, problem.Invalid, "outcome", ""},
		{"a closing without hours", closeReq(map[string]any{"outcome": "other", "goal_met": true}), 422, problem.Invalid, "hours", ""},
		{"hours in hundredths", closeReq(map[string]any{"outcome": "other", "goal_met": true, "hours": 2.25}), 422, problem.Invalid, "hours", "tenths"},
		{"hours over the maximum", closeReq(map[string]any{"outcome": "other", "goal_met": true, "hours": 100000}), 422, problem.Invalid, "hours", ""},
		{"hours as text", closeReq(map[string]any{"outcome": "other", "goal_met": true, "hours": "2.5"}), 422, problem.Invalid, "hours", ""},
		{"a goal met as text", closeReq(map[string]any{"outcome": "other", "goal_met": "yes", "hours": 1}), 422, problem.Invalid, "goal_met", ""},
		{"a closing note over 2000 characters", closeReq(map[string]any{"outcome": "other", "goal_met": true, "hours": 1, "note": strings.Repeat("a", 2001)}), 422, problem.Invalid, "note", ""},
		// Feedback: scores from 1 to 5, a bounded comment, tokens of a bounded length.
		{"a satisfaction of 0", feedbackReq(f.staff, "/api/v1/matters/"+f.matterID+"/feedback", map[string]any{"satisfaction": 0}), 422, problem.Invalid, "satisfaction", ""},
		{"a satisfaction of 6 through a link", feedbackReq(apptest.Session{}, f.feedbackPath, map[string]any{"satisfaction": 6}), 422, problem.Invalid, "satisfaction", ""},
		{"a satisfaction of 4.5", feedbackReq(f.staff, "/api/v1/matters/"+f.matterID+"/feedback", map[string]any{"satisfaction": 4.5}), 422, problem.Invalid, "satisfaction", ""},
		{"a comment over 2000 characters", feedbackReq(apptest.Session{}, f.feedbackPath, map[string]any{"satisfaction": 3, "comment": strings.Repeat("a", 2001)}), 422, problem.Invalid, "comment", ""},
		{"feedback without a score", feedbackReq(apptest.Session{}, f.feedbackPath, map[string]any{"comment": "Fine."}), 422, problem.Invalid, "satisfaction", ""},
		{"a token over 100 characters", apptest.Request{Method: "GET", Path: "/api/v1/feedback/" + strings.Repeat("a", 101)}, 422, problem.Invalid, "token", ""},
		{"a NUL in a token", apptest.Request{Method: "GET", Path: "/api/v1/feedback/abc%00def"}, 422, problem.Invalid, "token", ""},
		{"a token that is not URL-safe base64", apptest.Request{Method: "GET", Path: "/api/v1/feedback/abc.def"}, 422, problem.Invalid, "token", ""},
		// Impact: a period in order, of at most five years, of days the calendar has.
		{"an impact period that ends before it starts", apptest.Request{Method: "GET", Path: "/api/v1/impact?from=2026-03-01&to=2026-02-01", Token: f.staff.Token}, 422, problem.Invalid, "from", "after"},
		{"an impact period of six years", apptest.Request{Method: "GET", Path: "/api/v1/impact?from=2020-01-01&to=2026-01-01", Token: f.staff.Token}, 422, problem.Invalid, "from", "five years"},
		{"an impact period to February 30", apptest.Request{Method: "GET", Path: "/api/v1/impact?to=2026-02-30", Token: f.staff.Token}, 422, problem.Invalid, "to", "date"},
		{"an organisation that is not a uuid", apptest.Request{Method: "GET", Path: "/api/v1/impact?org_id=northside", Token: f.admin.Token}, 422, problem.Invalid, "org_id", ""},
		// Proposals: the statuses there are, and ids.
		{"a proposal status that is not one", apptest.Request{Method: "GET", Path: "/api/v1/proposals?status=pending", Token: f.coord.Token}, 422, problem.Invalid, "status", ""},
		{"a proposal id that is not one", apptest.Request{Method: "POST", Path: "/api/v1/proposals/42/send", Token: f.coord.Token}, 422, problem.Invalid, "proposalId", ""},
		{"a dismissal of an id that is not one", apptest.Request{Method: "POST", Path: "/api/v1/proposals/x/dismiss", Token: f.coord.Token}, 422, problem.Invalid, "proposalId", ""},
		// Notification preferences: a security email stays on, and the list is bounded.
		{"password reset turned off", preferences([]map[string]string{{"event_type": "password_reset", "delivery": "off"}}), 422, problem.Invalid, "items[0].delivery", "security email"},
		{"a delivery that is not one", preferences([]map[string]string{{"event_type": "conflict_to_clear", "delivery": "hourly"}}), 422, problem.Invalid, "items[0].delivery", ""},
		{"51 preferences", preferences(slices.Repeat([]map[string]string{{"event_type": "conflict_to_clear", "delivery": "off"}}, 51)), 422, problem.Invalid, "items", ""},
		{"a preference without a delivery", preferences([]map[string]string{{"event_type": "conflict_to_clear"}}), 422, problem.Invalid, "items[0].delivery", ""},
	}
}

// specTextFields lists, for every operation of the spec, the request body's string fields of format
// name or text, as "METHOD /path field" with array indexes written [].
func specTextFields(t *testing.T) []string {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(probono.OpenAPISpec)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(prefix, field string, s *openapi3.SchemaRef)
	walk = func(prefix, field string, s *openapi3.SchemaRef) {
		switch v := s.Value; {
		case v.Type.Is("string") && (v.Format == "name" || v.Format == "text"):
			out = append(out, prefix+" "+field)
		case v.Type.Is("array"):
			walk(prefix, field+"[]", v.Items)
		default:
			for name, p := range v.Properties {
				walk(prefix, strings.TrimPrefix(field+"."+name, "."), p)
			}
		}
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody == nil {
				continue
			}
			if body := op.RequestBody.Value.Content.Get("application/json"); body != nil {
				walk(method+" "+path, "", body.Schema)
			}
		}
	}
	return out
}

// The tables above name their operations by concrete paths; filled with the spec's parameter names
// instead, they can be held against the spec, so a new text field or cursor joins the tests.
var templateFixture = &badInputFixture{firmID: "{orgId}", priyaID: "{userId}", referralID: "{referralId}", offerID: "{offerId}", matterID: "{matterId}",
	hitPath: "/api/v1/referrals/{referralId}/conflict-check/hits/{hitId}/clear", entryPath: "/api/v1/conflicts/entries/{entryId}",
	partnershipPath: "/api/v1/partnerships/{partnershipId}", draftEntryID: "{timeEntryId}", submittedEntryID: "{timeEntryId}",
	firmCreditPath: "/api/v1/credit/firms/{firmId}", attorneyCreditPath: "/api/v1/credit/attorneys/{attorneyId}",
	billablePath: "/api/v1/credit/firms/{firmId}/billable-hours/{year}", feedbackPath: "/api/v1/feedback/{token}"}

func TestBadInput_CoversEveryTextFieldParameterAndCursorOfTheSpec(t *testing.T) {
	index := regexp.MustCompile(`\[\d+\]`)
	covered := map[string]bool{}
	for _, tf := range templateFixture.textFields() {
		covered[tf.method+" "+strings.TrimPrefix(tf.path, "/api/v1")+" "+index.ReplaceAllString(tf.field, "[]")] = true
	}
	for _, field := range specTextFields(t) {
		if !covered[field] {
			t.Errorf("add %s to textFields", field)
		}
	}

	listed := map[string]bool{}
	for _, c := range templateFixture.cursorCases() {
		path, _, _ := strings.Cut(c.req.Path, "?")
		listed[strings.TrimPrefix(path, "/api/v1")] = true
	}
	doc, err := openapi3.NewLoader().LoadFromData(probono.OpenAPISpec)
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]bool{}
	for _, c := range templateFixture.parameterCases() {
		path, query, _ := strings.Cut(c.req.Path, "?")
		in := openapi3.ParameterInPath
		if c.req.Header.Get(c.field) != "" {
			in = openapi3.ParameterInHeader
		} else if query != "" {
			in = openapi3.ParameterInQuery
		}
		params[c.req.Method+" "+strings.TrimPrefix(path, "/api/v1")+" "+in+" "+c.field] = true
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.Parameters.GetByInAndName("query", "cursor") != nil && !listed[path] {
				t.Errorf("add %s %s to cursorCases", method, path)
			}
			for _, p := range slices.Concat(item.Parameters, op.Parameters) {
				// Path parameters are ids, refused as not uuids whatever their fault: a few stand for all.
				if in := p.Value.In; in != openapi3.ParameterInPath && !params[method+" "+path+" "+in+" "+p.Value.Name] {
					t.Errorf("add the %s parameter %s of %s %s to parameterCases", in, p.Value.Name, method, path)
				}
			}
		}
	}
}
