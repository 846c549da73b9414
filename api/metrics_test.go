package api_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/org"
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

// gauge reads the value of a metric without labels from a scrape.
func gauge(t *testing.T, out, name string) float64 {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + name + ` (\S+)$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("metrics lack %s", name)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMetrics_ShowTheOutboxBacklogAndTheJobsThatDrainIt(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	createFirm(t, env, "Metrics & Gauges LLP")
	out := scrape(t, env)
	if backlog := gauge(t, out, "probono_outbox_backlog"); backlog < 1 {
		t.Fatalf("backlog %v with the new firm's event waiting", backlog)
	}
	if lag := gauge(t, out, "probono_outbox_lag_seconds"); lag <= 0 {
		t.Fatalf("lag %v with an event waiting", lag)
	}

	env.StartWorker(t, jobs.Options{})
	env.WaitForEvents(t)
	out = scrape(t, env)
	if backlog, lag := gauge(t, out, "probono_outbox_backlog"), gauge(t, out, "probono_outbox_lag_seconds"); backlog != 0 || lag != 0 {
		t.Fatalf("backlog %v, lag %v once every event is done", backlog, lag)
	}
	// The handler marks its event done before it returns to the middleware that counts it. The demo
	// data's firms have events of their own, so the counts are at least one.
	ok := regexp.MustCompile(`(?m)^probono_jobs_total\{result="ok",type="` + org.EventLawFirmCreated + `"\} [1-9]`)
	for deadline := time.Now().Add(5 * time.Second); !ok.MatchString(out); out = scrape(t, env) {
		if time.Now().After(deadline) {
			t.Fatalf("metrics lack the handled firm event:\n%s", out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(out, `probono_job_duration_seconds_count{type="`+org.EventLawFirmCreated+`"}`) {
		t.Error("metrics lack the firm event's duration")
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
