package api_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/uuid"

	probono "github.com/probono-match/probono"
	"github.com/probono-match/probono/internal/apptest"
)

// assertUnavailable checks that r is a 503 problem that asks the client to retry and says nothing of
// where the dependencies live.
func assertUnavailable(t *testing.T, r *apptest.Response, secrets ...string) {
	t.Helper()
	p := r.Problem(t, http.StatusServiceUnavailable)
	if !strings.HasSuffix(p.Type, "/service-unavailable") || p.Detail == "" {
		t.Fatalf("problem: %+v", p)
	}
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("503 without Retry-After")
	}
	assertNoneOf(t, r.Body, secrets...)
}

func assertNoneOf(t *testing.T, body []byte, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(string(body), s) {
			t.Fatalf("response gives away %q: %s", s, body)
		}
	}
}

// connectionDetails are the parts of a dependency's address a response must not show.
func connectionDetails(t *testing.T, env *apptest.Env, proxy *apptest.Proxy) []string {
	t.Helper()
	_, port, _ := strings.Cut(proxy.Addr(), ":")
	db := regexp.MustCompile(`/([a-z0-9_]+)\?`).FindStringSubmatch(env.App.Config.DatabaseURL)
	return []string{proxy.Addr(), port, "127.0.0.1", db[1], "user=", "root", "dial", "refused"}
}

type readiness struct {
	Detail string            `json:"detail"`
	Checks map[string]string `json:"checks"`
}

func TestOutage_PostgresDownAnswers503WithRetryAfterOnEveryCall(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.ProxyPostgres())
	coord := env.Login(t, coordinator, password)
	staff := env.Login(t, nonprofitStaff, password)
	referral := createReferral(t, env, staff, referralBody(true))
	env.Postgres.Cut()
	secrets := connectionDetails(t, env, env.Postgres)

	csv := http.Header{"Content-Type": {"text/csv"}}
	calls := []struct {
		name string
		req  apptest.Request
	}{
		{"sign in", apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": coordinator, "password": password}}},
		{"refresh", apptest.Request{Method: "POST", Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{coord.Refresh}}},
		{"password reset", apptest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": coordinator}}},
		{"me", apptest.Request{Method: "GET", Path: "/api/v1/me", Token: coord.Token}},
		{"referral list", apptest.Request{Method: "GET", Path: "/api/v1/referrals", Token: staff.Token}},
		{"referral", apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + referral.ID, Token: staff.Token}},
		{"new referral", apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: staff.Token, Body: referralBody(false)}},
		{"registry", apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries", Token: coord.Token}},
		{"registry entry", apptest.Request{Method: "POST", Path: "/api/v1/conflicts/entries", Token: coord.Token,
			Body: map[string]string{"name": "Harbor Freight Logistics Inc", "type": "organization", "role": "client"}}},
		{"registry import", apptest.Request{Method: "POST", Path: "/api/v1/conflicts/imports", Token: coord.Token, Header: csv,
			Body: "name,type,role,aliases,matter_ref\nAcme Widgets Inc,organization,client,,M-1\n"}},
		{"conflict check", apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + referral.ID + "/conflict-check", Token: coord.Token}},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			assertUnavailable(t, env.Do(t, c.req), secrets...)
		})
	}

	t.Run("no operation answers 500", func(t *testing.T) {
		for _, req := range everyOperation(t, coord.Token) {
			r := env.Do(t, req)
			if r.Status >= 500 && r.Status != http.StatusServiceUnavailable {
				t.Errorf("%s %s: %d %s", req.Method, req.Path, r.Status, r.Body)
			}
			if r.Status == http.StatusServiceUnavailable {
				assertUnavailable(t, r, secrets...)
			}
		}
	})

	t.Run("readyz names the database", func(t *testing.T) {
		r := env.Do(t, apptest.Request{Method: "GET", Path: "/readyz"})
		assertUnavailable(t, r, secrets...)
		var body readiness
		r.JSON(t, &body)
		if body.Checks["postgres"] != "unavailable" || body.Checks["redis"] != "ok" || !strings.Contains(body.Detail, "postgres") {
			t.Fatalf("readyz: %s", r.Body)
		}
	})
}

func TestOutage_RedisDownLeavesWhatDoesNotNeedItWorking(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.ProxyRedis())
	coord := env.Login(t, coordinator, password)
	env.Redis.Cut()
	secrets := []string{env.Redis.Addr(), "127.0.0.1", "dial", "refused"}

	r := env.Do(t, apptest.Request{Method: "GET", Path: "/readyz"})
	assertUnavailable(t, r, secrets...)
	var body readiness
	r.JSON(t, &body)
	if body.Checks["redis"] != "unavailable" || body.Checks["postgres"] != "ok" || body.Checks["migrations"] != "ok" {
		t.Fatalf("readyz: %s", r.Body)
	}
	for _, path := range []string{"/api/v1/me", "/api/v1/referrals", "/api/v1/conflicts/entries"} {
		if r := env.Do(t, apptest.Request{Method: "GET", Path: path, Token: coord.Token}); r.Status != http.StatusOK {
			t.Fatalf("GET %s with Redis down: %d %s", path, r.Status, r.Body)
		}
	}
	// Sign-in uses Redis only for its rate limits: it signs in, or asks the user to retry soon.
	r = env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": coordinator, "password": password}})
	if r.Status != http.StatusOK {
		assertUnavailable(t, r, secrets...)
	}
}

// everyOperation is one request for each operation of the spec, with random ids in the path and an
// empty body where one is taken, for sweeping the API as a whole.
func everyOperation(t *testing.T, token string) []apptest.Request {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(probono.OpenAPISpec)
	if err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`\{[^}]+\}`)
	var reqs []apptest.Request
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			req := apptest.Request{Method: method, Path: "/api/v1" + param.ReplaceAllStringFunc(path, func(string) string { return uuid.NewString() }), Token: token}
			if op.RequestBody != nil {
				req.Body = "{}"
				if op.RequestBody.Value.Content.Get("text/csv") != nil {
					req.Body, req.Header = "name,type,role,aliases,matter_ref\n", http.Header{"Content-Type": {"text/csv"}}
				}
			}
			reqs = append(reqs, req)
		}
	}
	return reqs
}
