package api_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/seed"
)

// scrape reads the application's metrics the way Prometheus does, from their own listener.
func scrape(t *testing.T, env *apptest.Env) string {
	t.Helper()
	srv := httptest.NewServer(env.App.Metrics.Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("metrics: status %d: %s", res.StatusCode, body)
	}
	return string(body)
}

func TestMetrics_CountRequestsByRouteTemplateAndStatus(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	s := env.Login(t, "coordinator@hartwell.example", seed.DemoPassword)
	id := uuid.NewString()
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: s.Token})
	r.Problem(t, http.StatusNotFound)

	out := scrape(t, env)
	for _, want := range []string{
		`probono_http_requests_total{method="GET",route="/api/v1/referrals/:referralId",status="404"} 1`,
		`probono_http_requests_total{method="POST",route="/api/v1/auth/login",status="200"} 1`,
		`probono_http_request_duration_seconds_count{method="GET",route="/api/v1/referrals/:referralId"} 1`,
		`probono_emails_sent_total 0`, `go_goroutines`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(out, id) {
		t.Errorf("metrics name the raw URL with its id %s", id)
	}
}

func TestMetrics_AreNotServedByTheAPI(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	for _, path := range []string{"/metrics", "/api/v1/metrics"} {
		r := env.Do(t, apptest.Request{Method: "GET", Path: path})
		if strings.Contains(string(r.Body), "probono_http_requests_total") {
			t.Errorf("GET %s on the API answers the metrics", path)
		}
	}
}
