package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

func attorneyProfileBody() map[string]any {
	return map[string]any{
		"bar_admissions": []map[string]any{
			{"jurisdiction": "IL", "bar_number": "6281234", "status": "active", "admitted_on": "2016-11-10"},
			{"jurisdiction": "US-ILND", "bar_number": "6281234", "status": "active", "admitted_on": "2017-02-01"},
		},
		"practice_areas": []map[string]any{
			{"code": "housing.private_landlord_tenant", "experience": "experienced"},
			{"code": "family", "experience": "learning"},
		},
		"languages":           []string{"en", "es"},
		"availability":        []map[string]any{{"weekday": 2, "start": "18:00", "end": "21:00", "time_zone": "America/Chicago"}},
		"blackouts":           []map[string]any{{"start": "2026-12-20", "end": "2027-01-03"}},
		"monthly_hour_budget": 12, "max_active_matters": 3, "annual_goal_hours": 60,
		"work_mode": "either", "accepts_mentored": true,
	}
}

type attorneyView struct {
	UserID        string `json:"user_id"`
	Name          string `json:"name"`
	UpdatedAt     *string
	Languages     []string                                `json:"languages"`
	Availability  []struct{ Start, End, TimeZone string } `json:"availability"`
	PracticeAreas []struct{ Code, Experience string }     `json:"practice_areas"`
	MonthlyBudget int                                     `json:"monthly_hour_budget"`
}

func TestAttorneyProfile_AttorneyEditsOwnAndCoordinatorSeesIt(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, priyaID := signedInAttorney(t, env)
	path := "/api/v1/attorneys/" + priyaID

	var before attorneyView
	env.Do(t, apptest.Request{Method: "GET", Path: path, Token: priya.Token}).JSON(t, &before)
	if before.Name != "Priya Raman" || before.MonthlyBudget != 10 || len(before.Languages) != 0 {
		t.Fatalf("a new profile has defaults: %+v", before)
	}
	r := env.Do(t, apptest.Request{Method: "PUT", Path: path, Token: priya.Token, Body: attorneyProfileBody()})
	if r.Status != http.StatusOK {
		t.Fatalf("put: %d %s", r.Status, r.Body)
	}
	coord := env.Login(t, coordinator, password)
	var list struct{ Items []attorneyView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/attorneys", Token: coord.Token}).JSON(t, &list)
	if len(list.Items) != 3 {
		t.Fatalf("the coordinator lists the firm's three attorneys, got %d", len(list.Items))
	}
	var saved attorneyView
	env.Do(t, apptest.Request{Method: "GET", Path: path, Token: coord.Token}).JSON(t, &saved)
	if strings.Join(saved.Languages, ",") != "en,es" || len(saved.Availability) != 1 || saved.Availability[0].Start != "18:00" ||
		len(saved.PracticeAreas) != 2 || saved.MonthlyBudget != 12 {
		t.Fatalf("saved profile: %+v", saved)
	}
	// The coordinator edits it too; an attorney of another firm cannot see it.
	body := attorneyProfileBody()
	body["monthly_hour_budget"] = 20
	if r := env.Do(t, apptest.Request{Method: "PUT", Path: path, Token: coord.Token, Body: body}); r.Status != http.StatusOK {
		t.Fatalf("coordinator put: %d %s", r.Status, r.Body)
	}
	wei := env.Login(t, "wei.zhang@castellan.example", password)
	env.Do(t, apptest.Request{Method: "GET", Path: path, Token: wei.Token}).Problem(t, http.StatusNotFound)
}

func TestAttorneyProfile_RejectsUnknownCodesBadTimesAndDuplicates(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, priyaID := signedInAttorney(t, env)
	body := attorneyProfileBody()
	body["languages"] = []string{"en", "xx", "en"}
	body["availability"] = []map[string]any{{"weekday": 1, "start": "18:00", "end": "09:00", "time_zone": "Mars/Olympus"}}
	body["practice_areas"] = []map[string]any{{"code": "astrology", "experience": "expert"}}
	body["blackouts"] = []map[string]any{{"start": "2027-01-03", "end": "2026-12-20"}}
	p := env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/attorneys/" + priyaID, Token: priya.Token, Body: body}).Problem(t, http.StatusUnprocessableEntity)
	want := []string{"languages[1]", "languages[2]", "availability[0].time_zone", "availability[0].end", "practice_areas[0].code", "blackouts[0].end"}
	got := map[string]bool{}
	for _, e := range p.Errors {
		got[e.Field] = true
	}
	for _, f := range want {
		if !got[f] {
			t.Errorf("no error for %s in %+v", f, p.Errors)
		}
	}
	var after attorneyView
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/attorneys/" + priyaID, Token: priya.Token}).JSON(t, &after)
	if after.UpdatedAt != nil {
		t.Fatal("a rejected profile was saved")
	}
}

func TestReference_ListsAreSeeded(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	s := env.Login(t, nonprofitStaff, password)
	for path, min := range map[string]int{"/api/v1/practice-areas": 80, "/api/v1/languages": 180, "/api/v1/jurisdictions": 150} {
		var list struct{ Items []struct{ Code, Name string } }
		r := env.Do(t, apptest.Request{Method: "GET", Path: path, Token: s.Token})
		r.JSON(t, &list)
		if r.Status != http.StatusOK || len(list.Items) < min {
			t.Fatalf("%s: %d with %d items", path, r.Status, len(list.Items))
		}
	}
}

func TestAttorneyProfile_RejectsIdenticalAndOverlappingUnavailablePeriods(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, priyaID := signedInAttorney(t, env)
	path := "/api/v1/attorneys/" + priyaID
	period := func(start, end string) map[string]any { return map[string]any{"start": start, "end": end} }
	for _, tc := range []struct {
		name      string
		blackouts []map[string]any
		field     string // "" when the profile is accepted
	}{
		{"identical", []map[string]any{period("2026-12-20", "2027-01-03"), period("2026-12-20", "2027-01-03")}, "blackouts[1].start"},
		{"one inside another", []map[string]any{period("2026-12-20", "2027-01-03"), period("2026-12-24", "2026-12-26")}, "blackouts[1].start"},
		{"sharing the last day", []map[string]any{period("2026-12-20", "2026-12-24"), period("2026-12-24", "2026-12-31")}, "blackouts[1].start"},
		{"third overlaps the first", []map[string]any{period("2026-07-01", "2026-07-10"), period("2026-08-01", "2026-08-02"), period("2026-06-25", "2026-07-01")}, "blackouts[2].start"},
		{"back to back", []map[string]any{period("2026-12-20", "2026-12-24"), period("2026-12-25", "2026-12-31")}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := attorneyProfileBody()
			body["blackouts"] = tc.blackouts
			r := env.Do(t, apptest.Request{Method: "PUT", Path: path, Token: priya.Token, Body: body})
			if tc.field == "" {
				if r.Status != http.StatusOK {
					t.Fatalf("accepted periods: %d %s", r.Status, r.Body)
				}
				return
			}
			p := r.Problem(t, http.StatusUnprocessableEntity)
			if len(p.Errors) != 1 || p.Errors[0].Field != tc.field || !strings.Contains(p.Errors[0].Message, "overlaps") {
				t.Fatalf("want one overlap error on %s, got %+v", tc.field, p.Errors)
			}
		})
	}
}
