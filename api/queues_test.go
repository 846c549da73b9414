package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/config"
	"github.com/probono-match/probono/internal/platform/problem"
)

// consolePaths are the console's page, one of its assets' paths and its own API, all of which the
// gate keeps.
var consolePaths = []string{"/admin/queues", "/admin/queues/", "/admin/queues/api/queues", "/admin/queues/static/../api/servers"}

// openConsole trades s's access token for the console cookie.
func openConsole(t *testing.T, env *apptest.Env, s apptest.Session) *http.Cookie {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/admin/queues/session", Token: s.Token})
	if r.Status != http.StatusNoContent {
		t.Fatalf("open the console: %d %s", r.Status, r.Body)
	}
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == "pm_queues" {
			return c
		}
	}
	t.Fatalf("no console cookie: %v", r.Header.Values("Set-Cookie"))
	return nil
}

// refusedAtTheConsole checks that every console path answers 403 with cookies, and that nothing of
// asynqmon came back.
func refusedAtTheConsole(t *testing.T, env *apptest.Env, cookies ...*http.Cookie) {
	t.Helper()
	for _, path := range consolePaths {
		for _, method := range []string{"GET", "POST", "DELETE"} {
			r := env.Do(t, apptest.Request{Method: method, Path: path, Cookies: cookies})
			p := r.Problem(t, http.StatusForbidden)
			if !strings.HasSuffix(p.Type, "/"+string(problem.Forbidden)) || strings.Contains(string(r.Body), "Asynq") {
				t.Fatalf("%s %s: %+v %s", method, path, p, r.Body)
			}
		}
	}
}

func TestQueueConsole_APlatformAdminOpensItThroughTheSessionCookie(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	cookie := openConsole(t, env, env.Login(t, platformAdmin, password))
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/admin/queues" || cookie.MaxAge != 600 {
		t.Fatalf("cookie: %+v", cookie)
	}

	page := env.Do(t, apptest.Request{Method: "GET", Path: "/admin/queues", Cookies: []*http.Cookie{cookie}})
	if page.Status != http.StatusOK || !strings.Contains(string(page.Body), "Asynq - Monitoring") ||
		!strings.Contains(string(page.Body), `src="/admin/queues/static/js/`) {
		t.Fatalf("console page: %d %.300s", page.Status, page.Body)
	}
	if csp := page.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self' 'unsafe-inline'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Fatalf("the console's page cannot run its inline scripts, or may be framed: %s", csp)
	}
	queues := env.Do(t, apptest.Request{Method: "GET", Path: "/admin/queues/api/queues", Cookies: []*http.Cookie{cookie}})
	if queues.Status != http.StatusOK || !strings.Contains(string(queues.Body), `"queues"`) {
		t.Fatalf("console API: %d %s", queues.Status, queues.Body)
	}
	// The relaxed policy is the console's alone.
	me := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/me", Token: env.Login(t, platformAdmin, password).Token})
	if csp := me.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") && strings.Contains(csp, "script-src") {
		t.Fatalf("the API's policy allows inline scripts: %s", csp)
	}
}

func TestQueueConsole_RefusesWithoutAValidPassOfAnActivePlatformAdmin(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	ctx := context.Background()
	admin, err := env.App.Store.AccountByEmail(ctx, platformAdmin)
	if err != nil {
		t.Fatal(err)
	}
	coord, err := env.App.Store.AccountByEmail(ctx, coordinator)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := auth.NewSigner([]config.Key{apptest.SigningKey})
	if err != nil {
		t.Fatal(err)
	}
	otherKey, err := auth.NewSigner([]config.Key{{ID: apptest.SigningKey.ID, Secret: []byte("another-signing-key-of-thirty-two-bytes")}})
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(5 * time.Minute)
	pass := func(value string) *http.Cookie { return &http.Cookie{Name: "pm_queues", Value: value} }
	genuine := openConsole(t, env, env.Login(t, platformAdmin, password))

	cases := map[string][]*http.Cookie{
		"no cookie":                       nil,
		"an empty cookie":                 {pass("")},
		"a made-up cookie":                {pass("k1.bm90aGluZw.c2lnbmF0dXJl")},
		"a pass signed with another key":  {pass(otherKey.SignConsolePass(admin.ID, admin.TokenGeneration, later))},
		"an expired pass":                 {pass(signer.SignConsolePass(admin.ID, admin.TokenGeneration, time.Now().Add(-time.Second)))},
		"a pass of an earlier generation": {pass(signer.SignConsolePass(admin.ID, admin.TokenGeneration-1, later))},
		"a pass of a coordinator":         {pass(signer.SignConsolePass(coord.ID, coord.TokenGeneration, later))},
		"a pass of nobody":                {pass(signer.SignConsolePass(uuid.New(), 0, later))},
		"a genuine pass, tampered":        {pass(genuine.Value[:len(genuine.Value)-2] + "AA")},
		"the refresh cookie instead":      {{Name: "pm_refresh", Value: genuine.Value}},
		"an access token as the pass":     {pass(env.Login(t, platformAdmin, password).Token)},
	}
	for name, cookies := range cases {
		t.Run(name, func(t *testing.T) { refusedAtTheConsole(t, env, cookies...) })
	}

	// The genuine pass stops working once its holder is deactivated.
	if r := env.Do(t, apptest.Request{Method: "GET", Path: "/admin/queues/api/queues", Cookies: []*http.Cookie{genuine}}); r.Status != http.StatusOK {
		t.Fatalf("genuine pass: %d %s", r.Status, r.Body)
	}
	if err := env.App.Store.UpdateUser(ctx, admin.ID, map[string]any{"active": false}); err != nil {
		t.Fatal(err)
	}
	t.Run("a deactivated admin's pass", func(t *testing.T) { refusedAtTheConsole(t, env, genuine) })
}

func TestQueueConsole_OnlyAPlatformAdminGetsAPass(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/admin/queues/session"})
	r.Problem(t, http.StatusUnauthorized)
	for _, email := range []string{coordinator, nonprofitStaff, "admin@hartwell.example", "priya.raman@hartwell.example"} {
		r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/admin/queues/session", Token: env.Login(t, email, password).Token})
		r.Problem(t, http.StatusForbidden)
		if cookies := r.Header.Values("Set-Cookie"); len(cookies) > 0 {
			t.Fatalf("%s was given cookies: %v", email, cookies)
		}
	}
}

func TestQueueConsole_TheCookieIsSecureOutsideDevelopment(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.Configure(func(c *config.Config) { c.Env = config.Production }))
	if cookie := openConsole(t, env, env.Login(t, platformAdmin, password)); !cookie.Secure {
		t.Fatalf("cookie: %+v", cookie)
	}
}
