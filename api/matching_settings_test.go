package api_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

// matchingSettingsBody is the settings as the schema starts them.
func matchingSettingsBody() map[string]any {
	return map[string]any{
		"weights": map[string]float64{"experience": 3, "availability": 2, "capacity": 2, "goal": 1, "partnership": 1,
			"language": 1, "fairness": 2, "urgency": 1},
		"offer_windows": map[string]int{"routine": 4320, "soon": 2880, "urgent": 1440, "emergency": 240},
	}
}

type settingsView struct {
	Weights      map[string]float64
	OfferWindows map[string]int `json:"offer_windows"`
	Version      int
}

func putSettings(t *testing.T, env *apptest.Env, s apptest.Session, body any, etag string) *apptest.Response {
	t.Helper()
	req := apptest.Request{Method: "PUT", Path: "/api/v1/matching/settings", Token: s.Token, Body: body}
	if etag != "" {
		req.Header = http.Header{"If-Match": {etag}}
	}
	return env.Do(t, req)
}

func TestMatchingSettings_PlatformAdminsTuneTheWeightsAndWindows(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, platformAdmin, password)
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/matching/settings", Token: admin.Token})
	var got settingsView
	r.JSON(t, &got)
	if r.Status != http.StatusOK || r.Header.Get("ETag") != `"1"` || got.Weights["experience"] != 3 || got.OfferWindows["emergency"] != 240 {
		t.Fatalf("settings: %d %s %s", r.Status, r.Header.Get("ETag"), r.Body)
	}
	for _, who := range []string{nonprofitStaff, coordinator, "priya.raman@hartwell.example", "admin@hartwell.example"} {
		s := env.Login(t, who, password)
		env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/matching/settings", Token: s.Token}).Problem(t, http.StatusForbidden)
		putSettings(t, env, s, matchingSettingsBody(), "").Problem(t, http.StatusForbidden)
	}

	// Only experience counts: a candidate's score is then their experience.
	body := matchingSettingsBody()
	body["weights"] = map[string]float64{"experience": 1, "availability": 0, "capacity": 0, "goal": 0, "partnership": 0, "language": 0, "fairness": 0, "urgency": 0}
	body["offer_windows"] = map[string]int{"routine": 2880, "soon": 1440, "urgent": 60, "emergency": 15}
	r = putSettings(t, env, admin, body, `"1"`)
	r.JSON(t, &got)
	if r.Status != http.StatusOK || r.Header.Get("ETag") != `"2"` || got.Version != 2 || got.OfferWindows["emergency"] != 15 {
		t.Fatalf("put: %d %s", r.Status, r.Body)
	}
	putSettings(t, env, admin, matchingSettingsBody(), `"1"`).Problem(t, http.StatusPreconditionFailed)
	ids := withSamples(t, env)
	list := listCandidates(t, env, env.Login(t, "staff@riverbend.example", password), ids["consumer.collection"], "")
	for _, c := range list.Items {
		if v, _ := factor(t, c, "experience"); c.Score != v {
			t.Fatalf("%s scores %v with experience %v as the only weight", c.AttorneyName, c.Score, v)
		}
	}
}

func TestMatchingSettings_BadSettingsNameTheFieldAndChangeNothing(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, platformAdmin, password)
	with := func(f func(b map[string]any)) map[string]any { b := matchingSettingsBody(); f(b); return b }
	weights := func(name string, v float64) map[string]any {
		return with(func(b map[string]any) { b["weights"].(map[string]float64)[name] = v })
	}
	windows := func(name string, v int) map[string]any {
		return with(func(b map[string]any) { b["offer_windows"].(map[string]int)[name] = v })
	}
	zero := with(func(b map[string]any) {
		for k := range b["weights"].(map[string]float64) {
			b["weights"].(map[string]float64)[k] = 0
		}
	})
	cases := []struct {
		name  string
		body  any
		field string
	}{
		{"a negative weight", weights("goal", -1), "weights.goal"},
		{"a weight over 100", weights("fairness", 100.5), "weights.fairness"},
		{"every weight 0", zero, "weights"},
		{"a window under 15 minutes", windows("emergency", 14), "offer_windows.emergency"},
		{"a window over two weeks", windows("routine", 20161), "offer_windows.routine"},
		{"an urgent window longer than a soon one", windows("urgent", 3000), "offer_windows.urgent"},
		{"an emergency window longer than an urgent one", windows("emergency", 1500), "offer_windows.emergency"},
		{"a window missing", with(func(b map[string]any) { delete(b["offer_windows"].(map[string]int), "soon") }), "offer_windows.soon"},
		{"an unknown weight", with(func(b map[string]any) { b["weights"].(map[string]float64)["seniority"] = 1 }), "weights.seniority"},
		{"a weight as text", with(func(b map[string]any) { b["weights"] = map[string]any{"experience": "high"} }), "weights.experience"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := putSettings(t, env, admin, c.body, "").Problem(t, http.StatusUnprocessableEntity)
			found := false
			for _, e := range p.Errors {
				found = found || e.Field == c.field
			}
			if !found {
				t.Fatalf("errors %+v, want one on %s", p.Errors, c.field)
			}
		})
	}
	var got settingsView
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/matching/settings", Token: admin.Token}).JSON(t, &got)
	if got.Version != 1 {
		t.Fatalf("settings written: version %d", got.Version)
	}
}

// Of admins saving the settings they all read at once, one wins and the others are told.
func TestMatchingSettings_ParallelSavesOfOneVersionOneWins(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, platformAdmin, password)
	const n = 10
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := matchingSettingsBody()
			body["weights"].(map[string]float64)["goal"] = float64(i)
			statuses[i] = putSettings(t, env, admin, body, `"1"`).Status
		}()
	}
	wg.Wait()
	won := 0
	for _, s := range statuses {
		switch s {
		case http.StatusOK:
			won++
		case http.StatusPreconditionFailed:
		default:
			t.Fatalf("status %d", s)
		}
	}
	var got settingsView
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/matching/settings", Token: admin.Token}).JSON(t, &got)
	if won != 1 || got.Version != 2 {
		t.Fatalf("%d saves won, version %d", won, got.Version)
	}
}
