package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
)

type creditPolicyView struct {
	ID                   string   `json:"id"`
	FirmID               string   `json:"firm_id"`
	EffectiveFrom        string   `json:"effective_from"`
	FiscalYearStartMonth int      `json:"fiscal_year_start_month"`
	AnnualCapHours       *float64 `json:"annual_cap_hours"`
	CreditRatio          float64  `json:"credit_ratio"`
	EligibleActivities   []string `json:"eligible_activities"`
	TrainingCounts       bool     `json:"training_counts"`
	SupervisionCounts    bool     `json:"supervision_counts"`
	MatterEligibility    string   `json:"matter_eligibility"`
	ChallengeMeasure     string   `json:"challenge_measure"`
	CreatedByName        string   `json:"created_by_name"`
}

type creditMonthView struct {
	Month         string  `json:"month"`
	Hours         float64 `json:"hours"`
	CreditedHours float64 `json:"credited_hours"`
}

type attorneyCreditView struct {
	AttorneyID      string            `json:"attorney_id"`
	AttorneyName    string            `json:"attorney_name"`
	FiscalYear      int               `json:"fiscal_year"`
	StartsOn        string            `json:"starts_on"`
	EndsOn          string            `json:"ends_on"`
	ApprovedHours   float64           `json:"approved_hours"`
	CreditedHours   float64           `json:"credited_hours"`
	AnnualCapHours  *float64          `json:"annual_cap_hours"`
	RemainingCap    *float64          `json:"remaining_cap"`
	AnnualGoalHours int               `json:"annual_goal_hours"`
	GoalProgress    *float64          `json:"goal_progress"`
	ByMonth         []creditMonthView `json:"by_month"`
	ByPracticeArea  []struct {
		PracticeArea string  `json:"practice_area"`
		Hours        float64 `json:"hours"`
	} `json:"by_practice_area"`
}

type firmCreditView struct {
	FirmID        string               `json:"firm_id"`
	FirmName      string               `json:"firm_name"`
	FiscalYear    int                  `json:"fiscal_year"`
	StartsOn      string               `json:"starts_on"`
	EndsOn        string               `json:"ends_on"`
	ApprovedHours float64              `json:"approved_hours"`
	CreditedHours float64              `json:"credited_hours"`
	Attorneys     []attorneyCreditView `json:"attorneys"`
	ByMonth       []creditMonthView    `json:"by_month"`
	Challenge     struct {
		Measure          string    `json:"measure"`
		BillableHours    *float64  `json:"billable_hours"`
		Attorneys        *int      `json:"attorneys"`
		ProBonoHours     float64   `json:"pro_bono_hours"`
		Percentage       *float64  `json:"percentage"`
		HoursPerAttorney *float64  `json:"hours_per_attorney"`
		Marks            []float64 `json:"marks"`
		MetMark          *float64  `json:"met_mark"`
		ShareWith20Hours *float64  `json:"share_with_20_hours"`
	} `json:"challenge"`
}

// creditPolicyBody is a policy from today: calendar fiscal year, no cap, one credit hour an hour,
// every activity, for all matters, measured as a percentage of billable hours.
func creditPolicyBody(edit func(b map[string]any)) map[string]any {
	b := map[string]any{
		"effective_from": today(), "fiscal_year_start_month": 1, "credit_ratio": 1,
		"eligible_activities": []string{"client_meeting", "research", "drafting", "court_appearance", "travel", "administrative"},
		"training_counts":     true, "supervision_counts": true, "matter_eligibility": "all", "challenge_measure": "percentage",
	}
	if edit != nil {
		edit(b)
	}
	return b
}

func today() string { return time.Now().UTC().Format(time.DateOnly) }

func createCreditPolicy(t *testing.T, env *apptest.Env, s apptest.Session, body any) creditPolicyView {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/credit-policies", Token: s.Token, Body: body})
	if r.Status != http.StatusCreated {
		t.Fatalf("create credit policy: %d %s", r.Status, r.Body)
	}
	var v creditPolicyView
	r.JSON(t, &v)
	return v
}

func listCreditPolicies(t *testing.T, env *apptest.Env, s apptest.Session, query string) []creditPolicyView {
	t.Helper()
	var page struct{ Items []creditPolicyView }
	readOK(t, env, s, "/api/v1/credit-policies"+query, &page)
	return page.Items
}

// readOK GETs path as s into v, failing the test unless it answers 200.
func readOK(t *testing.T, env *apptest.Env, s apptest.Session, path string, v any) {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "GET", Path: path, Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, r.Status, r.Body)
	}
	r.JSON(t, v)
}

func attorneyCredit(t *testing.T, env *apptest.Env, s apptest.Session, attorneyID, query string) attorneyCreditView {
	t.Helper()
	var v attorneyCreditView
	readOK(t, env, s, "/api/v1/credit/attorneys/"+attorneyID+query, &v)
	return v
}

func firmCredit(t *testing.T, env *apptest.Env, s apptest.Session, firmID, query string) firmCreditView {
	t.Helper()
	var v firmCreditView
	readOK(t, env, s, "/api/v1/credit/firms/"+firmID+query, &v)
	return v
}

func putBillableHours(env *apptest.Env, t *testing.T, s apptest.Session, firmID string, year int, hours float64, attorneys int, ifMatch string) *apptest.Response {
	t.Helper()
	h := http.Header{}
	if ifMatch != "" {
		h.Set("If-Match", ifMatch)
	}
	return env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/credit/firms/" + firmID + "/billable-hours/" + strconv.Itoa(year),
		Token: s.Token, Body: map[string]any{"billable_hours": hours, "attorneys": attorneys}, Header: h})
}

// auditRows returns the audit trail's rows of an action, oldest first, as action, object id,
// before and after.
func auditRows(t *testing.T, env *apptest.Env, action string) [][4]string {
	t.Helper()
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(context.Background(), `SELECT action, object_id, coalesce(before::text, ''), coalesce(after::text, '')
		FROM audit_log WHERE action = $1 ORDER BY id`, action)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][4]string
	for rows.Next() {
		var r [4]string
		if err := rows.Scan(&r[0], &r[1], &r[2], &r[3]); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestCreditPolicy_CoordinatorsAndOrgAdminsRecordVersionsTheirFirmReads(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, firmAdmin := env.Login(t, coordinator, password), env.Login(t, "admin@hartwell.example", password)
	priya, staff := env.Login(t, priyaEmail, password), env.Login(t, nonprofitStaff, password)
	castellan := env.Login(t, "coordinator@castellan.example", password)
	admin := env.Login(t, platformAdmin, password)
	firmID := orgOf(t, env, coord)

	first := createCreditPolicy(t, env, coord, creditPolicyBody(func(b map[string]any) {
		b["effective_from"], b["annual_cap_hours"], b["credit_ratio"] = "2026-01-01", 100, 1.5
		b["eligible_activities"], b["training_counts"] = []string{"drafting", "research"}, false
	}))
	if first.FirmID != firmID || first.EffectiveFrom != "2026-01-01" || first.AnnualCapHours == nil || *first.AnnualCapHours != 100 ||
		first.CreditRatio != 1.5 || strings.Join(first.EligibleActivities, ",") != "drafting,research" || first.TrainingCounts ||
		!first.SupervisionCounts || first.CreatedByName != "Dana Whitfield" {
		t.Fatalf("first version: %+v", first)
	}
	second := createCreditPolicy(t, env, firmAdmin, creditPolicyBody(func(b map[string]any) {
		b["effective_from"], b["fiscal_year_start_month"], b["annual_cap_hours"] = "2026-07-01", 7, nil
		b["matter_eligibility"], b["challenge_measure"] = "limited_means", "per_attorney"
	}))
	if second.AnnualCapHours != nil || second.FiscalYearStartMonth != 7 || second.MatterEligibility != "limited_means" || second.ChallengeMeasure != "per_attorney" {
		t.Fatalf("second version: %+v", second)
	}
	// The firm's members read the versions, newest first; nobody else sees them.
	for _, s := range []apptest.Session{coord, firmAdmin, priya} {
		if got := listCreditPolicies(t, env, s, ""); len(got) != 2 || got[0].ID != second.ID || got[1].ID != first.ID || got[1].CreditRatio != 1.5 {
			t.Fatalf("versions: %+v", got)
		}
	}
	for _, s := range []apptest.Session{staff, castellan, admin} {
		if got := listCreditPolicies(t, env, s, ""); len(got) != 0 {
			t.Fatalf("another organisation lists %+v", got)
		}
	}
	if got := listCreditPolicies(t, env, castellan, "?firm_id="+firmID); len(got) != 0 {
		t.Fatalf("another firm naming Hartwell lists %+v", got)
	}
	if got := listCreditPolicies(t, env, admin, "?firm_id="+firmID); len(got) != 2 {
		t.Fatalf("a platform admin naming the firm lists %+v", got)
	}

	// A version is never replaced: a second one from the same date is refused.
	p := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/credit-policies", Token: coord.Token,
		Body: creditPolicyBody(func(b map[string]any) { b["effective_from"] = "2026-07-01" })}).Problem(t, http.StatusConflict)
	if len(p.Errors) != 1 || p.Errors[0].Field != "effective_from" {
		t.Fatalf("same date: %+v", p)
	}
	// Attorneys and referring organisations record none; another firm's is not found.
	for _, s := range []apptest.Session{priya, staff} {
		env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/credit-policies", Token: s.Token, Body: creditPolicyBody(nil)}).Problem(t, http.StatusForbidden)
	}
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/credit-policies", Token: castellan.Token,
		Body: creditPolicyBody(func(b map[string]any) { b["firm_id"] = firmID })}).Problem(t, http.StatusNotFound)
	// A platform admin names the firm.
	p = env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/credit-policies", Token: admin.Token, Body: creditPolicyBody(nil)}).Problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "firm_id" {
		t.Fatalf("a platform admin naming no firm: %+v", p)
	}
	createCreditPolicy(t, env, admin, creditPolicyBody(func(b map[string]any) { b["firm_id"] = firmID }))

	// Each version is in the audit trail with its terms, the first with its cap and ratio.
	rows := auditRows(t, env, "credit.policy_created")
	if len(rows) != 3 || rows[0][1] != first.ID || rows[1][1] != second.ID {
		t.Fatalf("audit trail: %v", rows)
	}
	var terms map[string]any
	if err := json.Unmarshal([]byte(rows[0][3]), &terms); err != nil || terms["annual_cap_hours"] != 100.0 || terms["credit_ratio"] != 1.5 ||
		terms["effective_from"] != "2026-01-01" {
		t.Fatalf("audited terms: %s (%v)", rows[0][3], err)
	}
}

func TestCreditPolicy_AFiscalYearIsNamedAfterTheYearItEndsIn(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	priyaID := userID(t, env, priyaEmail)
	// Without a policy the fiscal year is the calendar year.
	year := time.Now().UTC().Year()
	v := attorneyCredit(t, env, coord, priyaID, "")
	if v.FiscalYear != year || v.StartsOn != strconv.Itoa(year)+"-01-01" || v.EndsOn != strconv.Itoa(year)+"-12-31" || len(v.ByMonth) != 12 ||
		v.ByMonth[0].Month != strconv.Itoa(year)+"-01" || v.AnnualCapHours != nil || v.RemainingCap != nil {
		t.Fatalf("calendar year: %+v", v)
	}
	createCreditPolicy(t, env, coord, creditPolicyBody(func(b map[string]any) {
		b["effective_from"], b["fiscal_year_start_month"], b["annual_cap_hours"] = "2020-01-01", 7, 50
	}))
	v = attorneyCredit(t, env, coord, priyaID, "?fiscal_year=2026")
	if v.FiscalYear != 2026 || v.StartsOn != "2025-07-01" || v.EndsOn != "2026-06-30" || len(v.ByMonth) != 12 || v.ByMonth[0].Month != "2025-07" ||
		v.ByMonth[11].Month != "2026-06" || v.AnnualCapHours == nil || *v.AnnualCapHours != 50 || *v.RemainingCap != 50 {
		t.Fatalf("fiscal year from July: %+v", v)
	}
	if v.AnnualGoalHours != 0 || v.GoalProgress != nil {
		t.Fatalf("Priya has no profile, so no goal: %+v", v)
	}
}

func TestBillableHours_TheFirmsCoordinatorsEnterThemForTheChallenge(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, priya := env.Login(t, coordinator, password), env.Login(t, priyaEmail, password)
	castellan, staff := env.Login(t, "coordinator@castellan.example", password), env.Login(t, nonprofitStaff, password)
	firmID, northsideID := orgOf(t, env, coord), orgOf(t, env, staff)

	r := putBillableHours(env, t, coord, firmID, 2026, 412000.5, 240, "")
	var b struct {
		FiscalYear    int     `json:"fiscal_year"`
		BillableHours float64 `json:"billable_hours"`
		Attorneys     int     `json:"attorneys"`
		Version       int     `json:"version"`
	}
	r.JSON(t, &b)
	if r.Status != http.StatusOK || r.Header.Get("ETag") != `"1"` || b.FiscalYear != 2026 || b.BillableHours != 412000.5 || b.Attorneys != 240 || b.Version != 1 {
		t.Fatalf("first entry: %d %q %+v", r.Status, r.Header.Get("ETag"), b)
	}
	if r := putBillableHours(env, t, coord, firmID, 2026, 400000, 230, `"1"`); r.Status != http.StatusOK || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("correction: %d %s", r.Status, r.Body)
	}
	putBillableHours(env, t, coord, firmID, 2026, 1, 1, `"1"`).Problem(t, http.StatusPreconditionFailed)
	putBillableHours(env, t, priya, firmID, 2026, 1, 1, "").Problem(t, http.StatusForbidden)
	putBillableHours(env, t, castellan, firmID, 2026, 1, 1, "").Problem(t, http.StatusNotFound)
	putBillableHours(env, t, staff, northsideID, 2026, 1, 1, "").Problem(t, http.StatusNotFound)
	putBillableHours(env, t, env.Login(t, platformAdmin, password), northsideID, 2026, 1, 1, "").Problem(t, http.StatusNotFound)

	f := firmCredit(t, env, coord, firmID, "?fiscal_year=2026")
	ch := f.Challenge
	if f.FirmName != "Hartwell & Pierce LLP" || ch.Measure != "percentage" || *ch.BillableHours != 400000 || *ch.Attorneys != 230 ||
		ch.ProBonoHours != 0 || *ch.Percentage != 0 || *ch.HoursPerAttorney != 0 || ch.MetMark != nil || *ch.ShareWith20Hours != 0 ||
		len(ch.Marks) != 2 || ch.Marks[0] != 3 || ch.Marks[1] != 5 || len(f.Attorneys) != 3 {
		t.Fatalf("the firm's year without hours: %+v", f)
	}
	// Another year has nothing entered.
	if other := firmCredit(t, env, coord, firmID, "?fiscal_year=2025").Challenge; other.BillableHours != nil || other.Percentage != nil || other.Attorneys != nil {
		t.Fatalf("2025: %+v", other)
	}

	rows := auditRows(t, env, "credit.billable_hours_set")
	if len(rows) != 2 || rows[0][1] != firmID+"/2026" || rows[0][2] != "" || !strings.Contains(rows[1][2], `"attorneys": 240`) ||
		!strings.Contains(rows[1][3], `"billable_hours": 400000`) {
		t.Fatalf("audit trail: %v", rows)
	}
}

func TestBillableHours_ParallelFirstEntriesWriteOneAfterTheOther(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, firmAdmin := env.Login(t, coordinator, password), env.Login(t, "admin@hartwell.example", password)
	firmID := orgOf(t, env, coord)
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i, s := range []apptest.Session{coord, firmAdmin} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = putBillableHours(env, t, s, firmID, 2026, float64(1000*(i+1)), 10, `"0"`).Status
		}()
	}
	wg.Wait()
	// Both asked to write the first entry: one did, the other is told someone came first.
	if !(statuses[0] == 200 && statuses[1] == 412 || statuses[0] == 412 && statuses[1] == 200) {
		t.Fatalf("statuses %v", statuses)
	}
	if rows := auditRows(t, env, "credit.billable_hours_set"); len(rows) != 1 {
		t.Fatalf("audited %d writes", len(rows))
	}
}

func TestCreditAttorney_TheAttorneyTheirFirmsCoordinatorsAndPlatformAdminsSeeIt(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priyaID := userID(t, env, priyaEmail)
	for _, email := range []string{priyaEmail, coordinator, "admin@hartwell.example", platformAdmin} {
		if v := attorneyCredit(t, env, env.Login(t, email, password), priyaID, ""); v.AttorneyID != priyaID || v.AttorneyName != "Priya Raman" {
			t.Fatalf("as %s: %+v", email, v)
		}
	}
	coordID := userID(t, env, coordinator)
	for _, c := range []struct{ email, id string }{
		{jamesEmail, priyaID},     // a colleague
		{nonprofitStaff, priyaID}, // a referring organisation
		{castellanCoordinator, priyaID},
		{platformAdmin, coordID}, // a coordinator is not an attorney
		{coordinator, "00000000-0000-4000-8000-000000000001"},
	} {
		env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/credit/attorneys/" + c.id, Token: env.Login(t, c.email, password).Token}).Problem(t, http.StatusNotFound)
	}
	// The firm's view is its coordinators' and admins'.
	firmID := orgOf(t, env, env.Login(t, coordinator, password))
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/credit/firms/" + firmID, Token: env.Login(t, priyaEmail, password).Token}).Problem(t, http.StatusForbidden)
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/credit/firms/" + firmID, Token: env.Login(t, castellanCoordinator, password).Token}).Problem(t, http.StatusNotFound)
	firmCredit(t, env, env.Login(t, platformAdmin, password), firmID, "")
}
