package api_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
)

const nonprofitStaff = "staff@northside.example"

// referralBody is a valid referral with one client party and one adverse party.
func referralBody(submit bool) map[string]any {
	return map[string]any{
		"practice_area":   "housing.private_landlord_tenant",
		"jurisdiction":    "IL",
		"language":        "es",
		"summary":         "Tenant facing eviction for non-payment after a rent increase; hearing set.",
		"urgency":         "urgent",
		"deadline":        time.Now().AddDate(0, 0, 14).Format(time.DateOnly),
		"estimated_hours": 20,
		"limited_scope":   false,
		"remote_allowed":  true,
		"eligibility":     map[string]any{"household_size": 3, "annual_income": 24000},
		"client": map[string]any{
			"name": "María González", "email": "maria@example.org", "phone": "312-555-0100",
			"date_of_birth": "1985-04-12", "notes": "Prefers calls after 5pm.",
		},
		"parties": []map[string]any{
			{"name": "María González", "role": "client", "kind": "person"},
			{"name": "Lakeview Property Management LLC", "role": "adverse", "kind": "organization", "aliases": []string{"Lakeview Properties"}},
		},
		"submit": submit,
	}
}

type referralView struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Redacted    bool   `json:"redacted"`
	Summary     string `json:"summary"`
	Eligibility struct {
		PovertyPercent  float64 `json:"poverty_percent"`
		AnnualIncome    *int    `json:"annual_income"`
		GuidelineYear   int     `json:"guideline_year"`
		GuidelineRegion string  `json:"guideline_region"`
	} `json:"eligibility"`
	Client *struct {
		Name  string `json:"name"`
		Email string `json:"email"`
	} `json:"client"`
	Parties []struct {
		Name string `json:"name"`
		Role string `json:"role"`
	} `json:"parties"`
}

func createReferral(t testing.TB, env *apptest.Env, s apptest.Session, body any) referralView {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: s.Token, Body: body})
	if r.Status != http.StatusCreated {
		t.Fatalf("create referral: %d %s", r.Status, r.Body)
	}
	var v referralView
	r.JSON(t, &v)
	return v
}

func TestReferral_CreateComputesEligibilityAndEncryptsTheClient(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	v := createReferral(t, env, staff, referralBody(false))
	if v.Status != "draft" || v.Redacted || v.Client == nil || v.Client.Name != "María González" {
		t.Fatalf("the referring organisation sees its draft in full: %+v", v)
	}
	// 2026 guideline (FR Doc 2026-00755), 48 states: 15,960 + 2 × 5,680 = 27,320; 24,000 / 27,320 = 87.8 %.
	if v.Eligibility.PovertyPercent != 87.8 || v.Eligibility.GuidelineYear != 2026 {
		t.Fatalf("eligibility: %+v", v.Eligibility)
	}

	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var stored []byte
	if err := db.QueryRowContext(context.Background(), "SELECT ciphertext FROM referral_clients WHERE referral_id = $1", v.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if len(stored) == 0 || strings.Contains(string(stored), "González") || strings.Contains(string(stored), "maria@example.org") {
		t.Fatal("client details stored in plaintext")
	}
	rows, err := db.QueryContext(context.Background(), "SELECT ciphertext FROM referral_parties WHERE referral_id = $1", v.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	parties := 0
	for rows.Next() {
		var sealed []byte
		if err := rows.Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		parties++
		if strings.Contains(string(sealed), "Lakeview") || strings.Contains(string(sealed), "González") {
			t.Fatal("party names stored in plaintext")
		}
	}
	if parties != 2 {
		t.Fatalf("want 2 stored parties, got %d", parties)
	}
}

func TestReferral_IdempotencyKeyCreatesOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	post := func(body any) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: staff.Token, Body: body,
			Header: http.Header{"Idempotency-Key": {"intake-form-7f3a9c"}}})
	}
	var first, second referralView
	post(referralBody(false)).JSON(t, &first)
	r := post(referralBody(false))
	r.JSON(t, &second)
	if r.Status != http.StatusCreated || second.ID != first.ID {
		t.Fatalf("repeat with the same key: %d, id %s vs %s", r.Status, second.ID, first.ID)
	}
	other := referralBody(false)
	other["summary"] = "A different matter entirely: wage theft by a former employer."
	p := post(other).Problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "Idempotency-Key" {
		t.Fatalf("same key, other body: %+v", p)
	}
	var list struct{ Items []referralView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals", Token: staff.Token}).JSON(t, &list)
	if len(list.Items) != 1 {
		t.Fatalf("want exactly one referral, got %d", len(list.Items))
	}
}

func TestReferral_OtherNonprofitGets404AndFirmsSeeARedactedView(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	v := createReferral(t, env, staff, referralBody(true))
	path := "/api/v1/referrals/" + v.ID

	other := env.Login(t, "staff@riverbend.example", password)
	env.Do(t, apptest.Request{Method: "GET", Path: path, Token: other.Token}).Problem(t, http.StatusNotFound)

	attorney := env.Login(t, "priya.raman@hartwell.example", password)
	r := env.Do(t, apptest.Request{Method: "GET", Path: path, Token: attorney.Token})
	var seen referralView
	r.JSON(t, &seen)
	if r.Status != http.StatusOK || !seen.Redacted || seen.Client != nil || seen.Eligibility.AnnualIncome != nil {
		t.Fatalf("attorney view must be redacted: %d %s", r.Status, r.Body)
	}
	for _, p := range seen.Parties {
		if p.Role == "client" || strings.Contains(p.Name, "González") {
			t.Fatalf("the client's party entry is visible: %s", r.Body)
		}
	}
	if strings.Contains(string(r.Body), "González") || strings.Contains(string(r.Body), "maria@") || strings.Contains(string(r.Body), "1985") {
		t.Fatalf("client details leak into the redacted view: %s", r.Body)
	}
	var list struct{ Items []referralView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals", Token: attorney.Token}).JSON(t, &list)
	if len(list.Items) != 1 || !list.Items[0].Redacted {
		t.Fatalf("attorneys browse open referrals, redacted: %+v", list.Items)
	}
	// Drafts are the referring organisation's alone.
	draft := createReferral(t, env, staff, referralBody(false))
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + draft.ID, Token: attorney.Token}).Problem(t, http.StatusNotFound)
}

func transition(t *testing.T, env *apptest.Env, s apptest.Session, id string, body any) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/transitions", Token: s.Token, Body: body})
}

func TestReferral_StatusMachine(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	v := createReferral(t, env, staff, referralBody(false))

	p := transition(t, env, staff, v.ID, map[string]string{"to": "closed", "outcome": "limited_action"}).Problem(t, http.StatusConflict)
	if !strings.Contains(p.Detail, "draft") {
		t.Fatalf("409 must name the current status: %q", p.Detail)
	}
	var moved referralView
	r := transition(t, env, staff, v.ID, map[string]string{"to": "submitted"})
	r.JSON(t, &moved)
	if r.Status != http.StatusOK || moved.Status != "submitted" {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	transition(t, env, staff, v.ID, map[string]string{"to": "submitted"}).Problem(t, http.StatusConflict)
	transition(t, env, staff, v.ID, map[string]string{"to": "matching"}).Problem(t, http.StatusForbidden) // matching's move, not the nonprofit's
	transition(t, env, staff, v.ID, map[string]string{"to": "withdrawn", "outcome": "other"}).Problem(t, http.StatusUnprocessableEntity)
	if r := transition(t, env, staff, v.ID, map[string]string{"to": "withdrawn"}); r.Status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	p = transition(t, env, staff, v.ID, map[string]string{"to": "submitted"}).Problem(t, http.StatusConflict)
	if !strings.Contains(p.Detail, "withdrawn") {
		t.Fatalf("409 must name the current status: %q", p.Detail)
	}
	// Nothing can be edited any more either.
	env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/referrals/" + v.ID, Token: staff.Token, Body: referralBody(false)}).Problem(t, http.StatusConflict)
}

func TestReferral_EditsAreRecordedByFieldName(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	v := createReferral(t, env, staff, referralBody(false))
	body := referralBody(false)
	body["urgency"] = "emergency"
	body["client"].(map[string]any)["phone"] = "312-555-0199"
	r := env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/referrals/" + v.ID, Token: staff.Token, Body: body})
	if r.Status != http.StatusOK {
		t.Fatalf("update: %d %s", r.Status, r.Body)
	}
	var history struct {
		Items []struct {
			Action   string   `json:"action"`
			Fields   []string `json:"fields"`
			UserName string   `json:"user_name"`
		}
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + v.ID + "/history", Token: staff.Token}).JSON(t, &history)
	if len(history.Items) != 2 || history.Items[0].Action != "created" || history.Items[1].Action != "updated" {
		t.Fatalf("history: %+v", history.Items)
	}
	got := strings.Join(history.Items[1].Fields, ",")
	if got != "urgency,client.phone" || history.Items[1].UserName != "Lena Ortiz" {
		t.Fatalf("changed fields = %q by %q", got, history.Items[1].UserName)
	}
	// Another organisation cannot edit it.
	other := env.Login(t, "staff@riverbend.example", password)
	env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/referrals/" + v.ID, Token: other.Token, Body: body}).Problem(t, http.StatusNotFound)
}

func TestReferral_BadInputNamesTheFields(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	body := referralBody(false)
	body["practice_area"] = "astrology"
	body["jurisdiction"] = "ZZ"
	body["deadline"] = "2001-01-01"
	body["parties"] = []map[string]any{{"name": "María González", "role": "client", "kind": "person"}, {"name": 7, "role": "adverse", "kind": "person"}}
	p := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: staff.Token, Body: body}).Problem(t, http.StatusUnprocessableEntity)
	fields := map[string]bool{}
	for _, e := range p.Errors {
		fields[e.Field] = true
	}
	if !fields["parties[1].name"] {
		t.Fatalf("schema errors name array items as the services do, parties[1].name: %+v", p.Errors)
	}
	body["parties"] = referralBody(false)["parties"]
	p = env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: staff.Token, Body: body}).Problem(t, http.StatusUnprocessableEntity)
	fields = map[string]bool{}
	for _, e := range p.Errors {
		fields[e.Field] = true
	}
	if !fields["practice_area"] || !fields["jurisdiction"] || !fields["deadline"] {
		t.Fatalf("want practice_area, jurisdiction and deadline errors: %+v", p.Errors)
	}
	coordinator := env.Login(t, coordinator, password)
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals", Token: coordinator.Token, Body: referralBody(false)}).Problem(t, http.StatusForbidden)
}

func TestReferral_ListFiltersSortsAndPages(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	urgencies := []string{"routine", "emergency", "soon", "urgent", "routine"}
	for i, u := range urgencies {
		body := referralBody(false)
		body["urgency"] = u
		body["deadline"] = time.Now().AddDate(0, 0, 30-i).Format(time.DateOnly)
		if i == 4 {
			body["practice_area"] = "family.custody_visitation"
			delete(body, "deadline")
		}
		createReferral(t, env, staff, body)
	}
	list := func(query string) (items []referralView, next string) {
		var page struct {
			Items      []referralView
			NextCursor string `json:"next_cursor"`
		}
		r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals?" + query, Token: staff.Token})
		if r.Status != http.StatusOK {
			t.Fatalf("list %s: %d %s", query, r.Status, r.Body)
		}
		r.JSON(t, &page)
		return page.Items, page.NextCursor
	}
	if items, _ := list("practice_area=housing"); len(items) != 4 {
		t.Fatalf("an area includes its sub-areas: got %d", len(items))
	}
	if items, _ := list("urgency=emergency"); len(items) != 1 {
		t.Fatalf("urgency filter: got %d", len(items))
	}
	// Pages of two, by urgency, visit every referral once, most urgent first.
	var seen []string
	cursor := ""
	for pages := 0; pages < 5; pages++ {
		items, next := list("sort=urgency&limit=2&cursor=" + cursor)
		for _, it := range items {
			seen = append(seen, it.ID)
		}
		if next == "" {
			break
		}
		cursor = next
	}
	if len(seen) != 5 {
		t.Fatalf("paging visited %d referrals, want 5", len(seen))
	}
	first, _ := list("sort=urgency&limit=1")
	if !strings.Contains(string(env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + first[0].ID, Token: staff.Token}).Body), `"urgency":"emergency"`) {
		t.Fatal("sort=urgency must put the emergency first")
	}
	byDeadline, _ := list("sort=deadline&limit=5")
	if len(byDeadline) != 5 || !strings.Contains(string(env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + byDeadline[4].ID, Token: staff.Token}).Body), "family.custody_visitation") {
		t.Fatal("sort=deadline must put the referral without a deadline last")
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals?cursor=garbage", Token: staff.Token}).Problem(t, http.StatusUnprocessableEntity)
}

func TestReferral_EligibilityUsesThe2026GuidelineOfTheRegion(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	for _, tc := range []struct {
		jurisdiction, region string
		household            int
		income               int64
		percent              float64
	}{
		{"IL", "contiguous", 1, 15960, 100}, // $15,960 for one person
		{"IL", "contiguous", 4, 33000, 100}, // + 3 × $5,680
		{"AK", "alaska", 4, 41250, 100},     // $19,950 + 3 × $7,100
		{"HI", "hawaii", 4, 37950, 100},     // $18,360 + 3 × $6,530
		{"HI", "hawaii", 2, 12445, 50},      // half of $24,890
		{"US-AKD", "alaska", 1, 19950, 100}, // Alaska's federal district
		{"DC", "contiguous", 9, 0, 0},       // no income
	} {
		t.Run(tc.jurisdiction+"/"+strconv.Itoa(tc.household), func(t *testing.T) {
			body := referralBody(false)
			body["jurisdiction"] = tc.jurisdiction
			body["eligibility"] = map[string]any{"household_size": tc.household, "annual_income": tc.income}
			e := createReferral(t, env, staff, body).Eligibility
			if e.GuidelineYear != 2026 || e.GuidelineRegion != tc.region || e.PovertyPercent != tc.percent {
				t.Fatalf("want 2026 %s %.1f %%, got %+v", tc.region, tc.percent, e)
			}
		})
	}
}
