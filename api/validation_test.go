package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

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
