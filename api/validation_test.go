package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

func TestBadInput_AnswersProblemJSONWithFieldErrors(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@probono.example", password)

	cases := []struct {
		name   string
		method string
		path   string
		body   any
		status int
		field  string // the field error expected, if any
	}{
		{"malformed JSON", "POST", "/api/v1/organizations", `{"name": "Acme",`, http.StatusBadRequest, ""},
		{"unknown field", "POST", "/api/v1/organizations", `{"name":"Acme Legal","kind":"nonprofit","color":"red"}`, http.StatusUnprocessableEntity, "color"},
		{"wrong type", "POST", "/api/v1/organizations", `{"name":42,"kind":"nonprofit"}`, http.StatusUnprocessableEntity, "name"},
		{"missing field", "POST", "/api/v1/organizations", `{"name":"Acme Legal"}`, http.StatusUnprocessableEntity, "kind"},
		{"bad enum", "POST", "/api/v1/organizations", `{"name":"Acme Legal","kind":"bank"}`, http.StatusUnprocessableEntity, "kind"},
		{"too short", "POST", "/api/v1/organizations", `{"name":"A","kind":"nonprofit"}`, http.StatusUnprocessableEntity, "name"},
		{"bad email", "POST", "/api/v1/auth/password-reset", `{"email":"not-an-email"}`, http.StatusUnprocessableEntity, "email"},
		{"bad uuid in path", "GET", "/api/v1/organizations/not-a-uuid", nil, http.StatusUnprocessableEntity, "orgId"},
		{"no body", "POST", "/api/v1/organizations", "", http.StatusUnprocessableEntity, "body"},
		{"body over 1 MiB", "POST", "/api/v1/organizations", `{"name":"` + strings.Repeat("a", 2<<20) + `","kind":"nonprofit"}`, http.StatusRequestEntityTooLarge, ""},
		{"unknown route", "GET", "/api/v1/no-such-thing", nil, http.StatusNotFound, ""},
		{"wrong method", "DELETE", "/api/v1/me", nil, http.StatusMethodNotAllowed, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := env.Do(t, apptest.Request{Method: c.method, Path: c.path, Body: c.body, Token: admin.Token})
			p := r.Problem(t, c.status)
			if p.Detail == "" {
				t.Fatalf("problem without detail: %+v", p)
			}
			if c.field == "" {
				return
			}
			for _, e := range p.Errors {
				if e.Field == c.field && e.Message != "" {
					return
				}
			}
			t.Fatalf("no error for field %q in %+v", c.field, p.Errors)
		})
	}

	// Nothing above was written.
	var list struct {
		Items []struct{ Name string } `json:"items"`
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/organizations", Token: admin.Token}).JSON(t, &list)
	for _, o := range list.Items {
		if strings.HasPrefix(o.Name, "Acme") || strings.HasPrefix(o.Name, "aaaa") {
			t.Fatalf("bad input created %q", o.Name)
		}
	}
}

func TestDuplicateOrganizationName_Is409OnTheNameField(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@probono.example", password)
	p := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations", Token: admin.Token,
		Body: map[string]string{"name": "hartwell & pierce llp", "kind": "law_firm"}}).Problem(t, http.StatusConflict)
	if len(p.Errors) != 1 || p.Errors[0].Field != "name" {
		t.Fatalf("want a name field error, got %+v", p)
	}
}

func TestHealth_ReadyWhenPostgresRedisAndMigrationsAre(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	if r := env.Do(t, apptest.Request{Method: "GET", Path: "/healthz"}); r.Status != http.StatusOK {
		t.Fatalf("healthz: %d", r.Status)
	}
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/readyz"})
	var body struct {
		Checks map[string]string `json:"checks"`
	}
	r.JSON(t, &body)
	if r.Status != http.StatusOK || body.Checks["postgres"] != "ok" || body.Checks["redis"] != "ok" || body.Checks["migrations"] != "ok" {
		t.Fatalf("readyz: %d %s", r.Status, r.Body)
	}
	if r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/openapi.yaml"}); r.Status != http.StatusOK || !strings.Contains(string(r.Body), "openapi: 3") {
		t.Fatalf("spec not served: %d", r.Status)
	}
	if r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/docs/"}); r.Status != http.StatusOK || !strings.Contains(string(r.Body), "swagger") {
		t.Fatalf("docs not served: %d", r.Status)
	}
}
