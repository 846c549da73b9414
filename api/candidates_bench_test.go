package api_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
)

// benchAttorneys are how many attorneys the candidates benchmark ranks, across benchFirms firms.
const (
	benchAttorneys = 50000
	benchFirms     = 100
)

// seedAttorneys adds firms and attorneys with full profiles in one INSERT ... SELECT per table.
// Attorney i: admitted in IL (nine in ten, the rest in IN) and one other state; an expert, experienced,
// some or learning in housing.private_landlord_tenant (three in five) and two other areas; Spanish
// (three in ten); two evening windows; a blackout (one in ten); budgets and goals that vary.
func seedAttorneys(tb testing.TB, env *apptest.Env, n, firms int) {
	tb.Helper()
	db, err := env.App.Store.SQLDB()
	if err != nil {
		tb.Fatal(err)
	}
	statements := []string{
		`INSERT INTO organizations (id, name, kind) SELECT md5('firm' || f)::uuid, 'Bench Firm ' || f, 'law_firm' FROM generate_series(1, {firms}) f`,
		`INSERT INTO users (id, email, name, password_hash) SELECT md5('att' || i)::uuid, 'att' || i || '@bench.example', 'Attorney ' || i, 'x'
			FROM generate_series(1, {n}) i`,
		`INSERT INTO memberships (user_id, org_id, role) SELECT md5('att' || i)::uuid, md5('firm' || (1 + i % {firms}))::uuid, 'attorney'
			FROM generate_series(1, {n}) i`,
		`INSERT INTO attorney_profiles (user_id, monthly_hour_budget, max_active_matters, annual_goal_hours, work_mode, accepts_mentored)
			SELECT md5('att' || i)::uuid, 5 + i % 40, 1 + i % 5, 20 + i % 200, (ARRAY['remote', 'in_person', 'either'])[1 + i % 3], i % 5 = 0
			FROM generate_series(1, {n}) i`,
		`INSERT INTO attorney_bar_admissions (user_id, jurisdiction, bar_number, status, admitted_on)
			SELECT md5('att' || i)::uuid, CASE WHEN i % 10 = 0 THEN 'IN' ELSE 'IL' END, 'B' || i, 'active', DATE '2015-01-01' + i % 3000
			FROM generate_series(1, {n}) i
			UNION ALL SELECT md5('att' || i)::uuid, (ARRAY['WI', 'MI', 'OH', 'NY'])[1 + i % 4], 'C' || i, CASE WHEN i % 7 = 0 THEN 'inactive' ELSE 'active' END, DATE '2012-01-01'
			FROM generate_series(1, {n}) i`,
		`INSERT INTO attorney_practice_areas (user_id, practice_area, experience)
			SELECT md5('att' || i)::uuid, 'housing.private_landlord_tenant', (ARRAY['learning', 'some', 'experienced', 'expert'])[1 + i % 4]
			FROM generate_series(1, {n}) i WHERE i % 5 < 3
			UNION ALL SELECT md5('att' || i)::uuid, (ARRAY['family.custody_visitation', 'consumer.collection', 'employment.wage_claims'])[1 + i % 3], 'some'
			FROM generate_series(1, {n}) i
			UNION ALL SELECT md5('att' || i)::uuid, (ARRAY['individual_rights.other', 'education', 'health'])[1 + i % 3], 'experienced'
			FROM generate_series(1, {n}) i`,
		`INSERT INTO attorney_languages (user_id, language) SELECT md5('att' || i)::uuid, 'en' FROM generate_series(1, {n}) i
			UNION ALL SELECT md5('att' || i)::uuid, 'es' FROM generate_series(1, {n}) i WHERE i % 10 < 3`,
		`INSERT INTO attorney_availability (user_id, position, weekday, starts_at, ends_at, time_zone)
			SELECT md5('att' || i)::uuid, p, (i + p * 2) % 7, TIME '18:00', TIME '21:00', 'America/Chicago'
			FROM generate_series(1, {n}) i, generate_series(0, 1) p`,
		`INSERT INTO attorney_blackouts (user_id, position, starts_on, ends_on)
			SELECT md5('att' || i)::uuid, 0, current_date + i % 20, current_date + i % 20 + 5 FROM generate_series(1, {n}) i WHERE i % 10 = 0`,
	}
	sizes := strings.NewReplacer("{n}", strconv.Itoa(n), "{firms}", strconv.Itoa(firms))
	ctx := context.Background()
	for _, s := range statements {
		if _, err := db.ExecContext(ctx, sizes.Replace(s)); err != nil {
			tb.Fatalf("%v\n%s", err, s)
		}
	}
	if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkCandidates_50000Attorneys times GET /referrals/{id}/candidates through HTTP, with
// 50,000 attorneys in Postgres, and reports the 50th and 95th percentiles of the requests' times.
func BenchmarkCandidates_50000Attorneys(b *testing.B) {
	env := apptest.New(b)
	seedAttorneys(b, env, benchAttorneys, benchFirms)
	staff := env.Login(b, nonprofitStaff, password)
	body := referralBody(true)
	body["parties"] = []map[string]any{{"name": "María González", "role": "client", "kind": "person"}}
	created := env.Do(b, apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: staff.Token, Body: body})
	var ref referralView
	created.JSON(b, &ref)
	id := ref.ID
	var times []time.Duration
	var eligible int
	for b.Loop() {
		start := time.Now()
		r := env.Do(b, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + id + "/candidates?limit=20", Token: staff.Token})
		times = append(times, time.Since(start))
		if r.Status != http.StatusOK {
			b.Fatalf("candidates: %d %s", r.Status, r.Body)
		}
		var v candidateListView
		r.JSON(b, &v)
		eligible = v.Eligible
	}
	slices.Sort(times)
	at := func(q float64) float64 { return float64(times[int(q*float64(len(times)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.5), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(float64(eligible), "eligible")
	b.Logf("%d requests, p50 %.1f ms, p95 %.1f ms, max %.1f ms", len(times), at(0.5), at(0.95), at(1))
}
