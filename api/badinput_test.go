package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/platform/problem"
)

// badCase is one request of the bad-input tables and the answer it must get.
type badCase struct {
	name    string
	req     apptest.Request
	status  int
	kind    problem.Kind
	field   string // the field an error must name; "" for none
	message string // what that error's message (or, with no field, the detail) must contain; "" for anything
}

// refused sends c's request, checks that it is answered with c's problem and wrote nothing, and
// returns the answer.
func (c badCase) refused(t *testing.T, env *apptest.Env) *apptest.Response {
	t.Helper()
	before := writtenState(t, env)
	r := env.Do(t, c.req)
	assertProblem(t, r, c.status, c.kind, c.field, c.message)
	if after := writtenState(t, env); after != before {
		t.Fatalf("a refused request wrote:\nbefore %s\nafter  %s", before, after)
	}
	return r
}

// assertProblem checks that r is a problem of the given status and kind with a detail and, unless
// field is "", an error naming field whose message contains message; with no field, message is
// looked for in the detail.
func assertProblem(t *testing.T, r *apptest.Response, status int, kind problem.Kind, field, message string) {
	t.Helper()
	p := r.Problem(t, status)
	if !strings.HasSuffix(p.Type, "/"+string(kind)) || p.Detail == "" {
		t.Fatalf("want a %s problem with a detail, got %+v", kind, p)
	}
	if field == "" {
		if !strings.Contains(p.Detail, message) {
			t.Fatalf("detail %q does not say %q", p.Detail, message)
		}
		return
	}
	for _, e := range p.Errors {
		if e.Field == field && e.Message != "" && strings.Contains(e.Message, message) {
			return
		}
	}
	t.Fatalf("no error for field %q saying %q in %+v", field, message, p.Errors)
}

// writtenState fingerprints the rows of every table of the application's database, so a test can
// assert that a refused request wrote nothing anywhere.
func writtenState(t *testing.T, env *apptest.Env) string {
	t.Helper()
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'goose_db_version' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var sums []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			t.Fatal(err)
		}
		sums = append(sums, fmt.Sprintf(`SELECT '%[1]s=' || count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM %[1]q t`, table))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var state string
	if err := db.QueryRow("SELECT concat_ws(' ', (" + strings.Join(sums, "), (") + "))").Scan(&state); err != nil {
		t.Fatal(err)
	}
	return state
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

// numberedAliases returns n distinct aliases, for bodies and files with more than an entry may have.
func numberedAliases(n int) []string {
	a := make([]string, n)
	for i := range a {
		a[i] = fmt.Sprintf("Alias %d", i)
	}
	return a
}

// signedInAttorney signs in Priya Raman, an attorney of Hartwell & Pierce, and returns her session
// and user id.
func signedInAttorney(t *testing.T, env *apptest.Env) (apptest.Session, string) {
	t.Helper()
	s := env.Login(t, "priya.raman@hartwell.example", password)
	var m me
	getMe(t, env, s.Token).JSON(t, &m)
	return s, m.ID
}

func TestDeepJSON_IsRefusedInMillisecondsOnPublicAndAuthenticatedOperations(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, priyaID := signedInAttorney(t, env)
	deep := strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000)

	for _, c := range []badCase{
		{name: "sign-in", req: apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: deep}},
		{name: "attorney profile", req: apptest.Request{Method: "PUT", Path: "/api/v1/attorneys/" + priyaID, Token: priya.Token, Body: deep}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.status, c.kind, c.message = http.StatusBadRequest, problem.MalformedBody, "deeper than 32"
			start := time.Now()
			c.refused(t, env)
			// It takes milliseconds; a second leaves room for a busy shared machine.
			if d := time.Since(start); d > time.Second {
				t.Fatalf("took %v", d)
			}
		})
	}
}

func TestBadInput_EveryJSONOperationRefusesWhatIsNotOneShallowDocument(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@probono.example", password)
	bodies := []struct{ name, body, says string }{
		{"data after the document", `{} x`, "data after the JSON document"},
		{"two documents", `{}{}`, "data after the JSON document"},
		{"duplicate key", `{"a":1,"a":2}`, "twice"},
		{"33 levels of nesting", strings.Repeat(`{"a":`, 33) + "1" + strings.Repeat("}", 33), "deeper than 32"},
		{"10,000 levels of arrays", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), "deeper than 32"},
	}
	operations := 0
	for _, req := range everyOperation(t, admin.Token) {
		if req.Body != "{}" {
			continue // no body, or a CSV file
		}
		operations++
		for _, b := range bodies {
			req.Body = b.body
			c := badCase{req.Method + " " + req.Path + ": " + b.name, req, http.StatusBadRequest, problem.MalformedBody, "", b.says}
			t.Run(c.name, func(t *testing.T) { c.refused(t, env) })
		}
	}
	if operations < 15 {
		t.Fatalf("only %d operations take a JSON body", operations)
	}
}

func TestBadInput_TextParametersCursorsAndBoundsAnswer4xxAndWriteNothing(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	f := newBadInputFixture(t, env)
	var cases []badCase
	cases = append(cases, f.textCases(t)...)
	cases = append(cases, f.parameterCases()...)
	cases = append(cases, f.cursorCases()...)
	cases = append(cases, f.otherCases(t)...)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.refused(t, env) })
	}
}

func TestBadInput_RegistryFilesAnswer422OrRejectTheRowAndWriteNothing(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	good := "Acme Widgets Inc,organization,client,,M-1\n"
	aliases := func(n int) string { return strings.Join(numberedAliases(n), ";") }
	// A fault of the file as a whole refuses it, naming the line, whatever the mode.
	files := []struct{ name, csv, says string }{
		{"NUL byte", csvHeader + good + "Jane\x00Roe,person,adverse,,M-2\n", "line 3 holds a NUL byte"},
		{"0xFF byte", csvHeader + good + "Jane \xffRoe,person,adverse,,M-2\n", "line 3 is not UTF-8"},
		{"Latin-1 é", csvHeader + good + "Ren\xe9 Dupont,person,adverse,,M-2\n", "the file must be UTF-8"},
		{"Latin-1 in an alias", csvHeader + good + "Rene Dupont,person,adverse,Ren\xe9,M-2\n", "line 3 is not UTF-8"},
		{"Latin-1 header", "n\xe9me,type,role,aliases,matter_ref\n" + good, "line 1 is not UTF-8"},
		{"Windows-1252 quotes", csvHeader + "\x93Acme\x94 Widgets,organization,client,,M-1\n", "line 2 is not UTF-8"},
		{"UTF-16", "\xff\xfen\x00a\x00m\x00e\x00\n\x00", "line 1 is not UTF-8"},
		{"10 MB field", csvHeader + good + strings.Repeat("a", 10<<20) + ",person,adverse,,M-2\n", "line 3 is longer than 64 KiB"},
		{"line one byte over 64 KiB", csvHeader + "Jane Roe,person,adverse," + strings.Repeat("b", 64<<10) + ",M-2\n", "line 2 is longer than 64 KiB"},
		{"no header", "", "the first line must be the header"},
		{"another header", "name,kind,role\n" + good, "the first line must be the header"},
	}
	// A fault of one row rejects the row; the report names its line.
	rows := []struct{ name, row, says string }{
		{"name of zero-width characters", "\u200b\u2060\ufeff,person,adverse,,M-2\n", "name must not be blank"},
		{"name of spaces", "   ,person,adverse,,M-2\n", "name is empty"},
		{"name with a control character", "Jane\x07Roe,person,adverse,,M-2\n", "name contains a control character"},
		{"name with a C1 control", "Jane\u0085Roe,person,adverse,,M-2\n", "name contains a control character"},
		{"name with CR LF", "\"Jane\r\nRoe\",person,adverse,,M-2\n", "name must be a single line"},
		{"alias with a control character", "Jane Roe,person,adverse,Jay\x1bRoe,M-2\n", "an alias contains a control character"},
		{"alias with a line break", "Jane Roe,person,adverse,\"Jay\nRoe\",M-2\n", "an alias must be a single line"},
		{"matter ref with CR LF", "Jane Roe,person,adverse,,\"M-2\r\nM-3\"\n", "matter_ref must be a single line"},
		{"matter ref with a control character", "Jane Roe,person,adverse,,M\x01-2\n", "matter_ref contains a control character"},
		{"21 aliases", "Jane Roe,person,adverse," + aliases(21) + ",M-2\n", "21 aliases; an entry has at most 20"},
		{"1,000 aliases", "Jane Roe,person,adverse," + aliases(1000) + ",M-2\n", "1000 aliases"},
	}
	for _, mode := range []string{"all_or_nothing", "partial"} {
		req := func(csv string) apptest.Request {
			return apptest.Request{Method: "POST", Path: "/api/v1/conflicts/imports?mode=" + mode, Token: coord.Token, Body: csv,
				Header: http.Header{"Content-Type": {"text/csv"}}}
		}
		for _, f := range files {
			t.Run(mode+" "+f.name, func(t *testing.T) {
				if r := (badCase{f.name, req(f.csv), 422, problem.Invalid, "body", f.says}).refused(t, env); len(r.Body) > 2000 {
					t.Fatalf("a %d-byte answer: %.300s", len(r.Body), r.Body)
				}
			})
		}
		for _, row := range rows {
			t.Run(mode+" "+row.name, func(t *testing.T) {
				before := writtenState(t, env)
				var report importReport
				r := env.Do(t, req(csvHeader+row.row))
				r.JSON(t, &report)
				if r.Status != http.StatusOK || report.Committed || report.Accepted != 0 || report.Rejected != 1 ||
					report.Errors[0].Line != 2 || !strings.Contains(report.Errors[0].Reason, row.says) || len(r.Body) > 2000 {
					t.Fatalf("report: %d %.500s", r.Status, r.Body)
				}
				if after := writtenState(t, env); after != before {
					t.Fatalf("a rejected row was written:\nbefore %s\nafter  %s", before, after)
				}
			})
		}
	}
	t.Run("not CSV", func(t *testing.T) {
		badCase{"JSON", apptest.Request{Method: "POST", Path: "/api/v1/conflicts/imports", Token: coord.Token, Body: `{"name":"Acme"}`},
			415, problem.UnsupportedType, "", ""}.refused(t, env)
	})
}
