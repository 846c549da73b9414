package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/platform/problem"
)

type timeEntryView struct {
	ID            string  `json:"id"`
	MatterID      string  `json:"matter_id"`
	AttorneyID    string  `json:"attorney_id"`
	AttorneyName  string  `json:"attorney_name"`
	WorkDate      string  `json:"work_date"`
	Minutes       int     `json:"minutes"`
	Hours         float64 `json:"hours"`
	Activity      string  `json:"activity"`
	Narrative     string  `json:"narrative"`
	RateCents     *int    `json:"rate_cents"`
	Status        string  `json:"status"`
	AdjustsID     string  `json:"adjusts_id"`
	Source        string  `json:"source"`
	DecidedByName string  `json:"decided_by_name"`
	RejectReason  string  `json:"reject_reason"`
	Version       int     `json:"version"`
	Matter        struct {
		ReferralID   string `json:"referral_id"`
		PracticeArea string `json:"practice_area"`
		ReferrerName string `json:"referrer_name"`
	} `json:"matter"`
}

// attorneyDay is a day counted from today in Priya's time zone (her availability is Chicago's),
// which is the day the service calls today.
func attorneyDay(days int) string {
	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		panic(err)
	}
	return time.Now().In(chicago).AddDate(0, 0, days).Format(time.DateOnly)
}

// priyasMatter routes a Northside referral to Priya, who accepts it, and dates its acceptance
// acceptedDaysAgo days back so that time can be logged on the days since.
func priyasMatter(t testing.TB, env *apptest.Env, acceptedDaysAgo int) (priya apptest.Session, matterID string) {
	t.Helper()
	return matterFor(t, env, offerableBody(), acceptedDaysAgo)
}

func timeBody(matterID, day string, minutes int) map[string]any {
	return map[string]any{"matter_id": matterID, "work_date": day, "minutes": minutes, "activity": "research",
		"narrative": "Researched the eviction notice requirements."}
}

func postTime(t *testing.T, env *apptest.Env, s apptest.Session, body any) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/time-entries", Token: s.Token, Body: body})
}

// logTime records an entry, submitted unless draft, and returns it.
func logTime(t *testing.T, env *apptest.Env, s apptest.Session, matterID, day string, minutes int, submit bool) timeEntryView {
	t.Helper()
	body := timeBody(matterID, day, minutes)
	body["submit"] = submit
	return logEntry(t, env, s, body)
}

// logEntry records the entry body describes and returns it.
func logEntry(t *testing.T, env *apptest.Env, s apptest.Session, body map[string]any) timeEntryView {
	t.Helper()
	r := postTime(t, env, s, body)
	if r.Status != http.StatusCreated {
		t.Fatalf("log time: %d %s", r.Status, r.Body)
	}
	var e timeEntryView
	r.JSON(t, &e)
	return e
}

func timeAction(t *testing.T, env *apptest.Env, s apptest.Session, id, action string, body any) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/time-entries/" + id + "/" + action, Token: s.Token, Body: body})
}

func bulkDecide(t *testing.T, env *apptest.Env, s apptest.Session, action string, body any) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/time-entries/" + action, Token: s.Token, Body: body})
}

func getTimeEntry(t *testing.T, env *apptest.Env, s apptest.Session, id string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/time-entries/" + id, Token: s.Token})
}

func listTime(t *testing.T, env *apptest.Env, s apptest.Session, query string) (items []timeEntryView, next string) {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/time-entries" + query, Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("list: %d %s", r.Status, r.Body)
	}
	var page struct {
		Items      []timeEntryView `json:"items"`
		NextCursor string          `json:"next_cursor"`
	}
	r.JSON(t, &page)
	return page.Items, page.NextCursor
}

func entryStatus(t *testing.T, env *apptest.Env, s apptest.Session, id string) string {
	t.Helper()
	var e timeEntryView
	getTimeEntry(t, env, s, id).JSON(t, &e)
	return e.Status
}

func TestHours_AttorneyLogsAndSubmitsAndTheFirmsCoordinatorApproves(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	coord := env.Login(t, coordinator, password)

	body := timeBody(matterID, attorneyDay(-1), 150)
	body["rate_cents"] = 45000
	r := postTime(t, env, priya, body)
	var e timeEntryView
	r.JSON(t, &e)
	if r.Status != http.StatusCreated || e.Status != "draft" || e.Minutes != 150 || e.Hours != 2.5 || e.Source != "manual" ||
		e.AttorneyName != "Priya Raman" || e.RateCents == nil || *e.RateCents != 45000 || e.Matter.ReferrerName != "Northside Legal Aid Society" ||
		e.Matter.PracticeArea == "" || r.Header.Get("ETag") != `"1"` {
		t.Fatalf("created: %d %s", r.Status, r.Body)
	}
	// A draft is the attorney's alone to send: the coordinator cannot approve it yet.
	timeAction(t, env, coord, e.ID, "approve", nil).Problem(t, http.StatusConflict)
	timeAction(t, env, coord, e.ID, "submit", nil).Problem(t, http.StatusForbidden)

	if r := timeAction(t, env, priya, e.ID, "submit", nil); r.Status != http.StatusOK || entryStatus(t, env, priya, e.ID) != "submitted" {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	queue, _ := listTime(t, env, coord, "?status=submitted")
	if len(queue) != 1 || queue[0].ID != e.ID {
		t.Fatalf("coordinator's queue: %+v", queue)
	}
	timeAction(t, env, priya, e.ID, "approve", nil).Problem(t, http.StatusForbidden) // not her own

	r = timeAction(t, env, coord, e.ID, "approve", nil)
	var approved timeEntryView
	r.JSON(t, &approved)
	if r.Status != http.StatusOK || approved.Status != "approved" || approved.DecidedByName == "" {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	// Approved time is locked.
	edit := env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/time-entries/" + e.ID, Token: priya.Token, Body: map[string]int{"minutes": 60}})
	edit.Problem(t, http.StatusConflict)
	env.Do(t, apptest.Request{Method: "DELETE", Path: "/api/v1/time-entries/" + e.ID, Token: priya.Token}).Problem(t, http.StatusConflict)
	timeAction(t, env, coord, e.ID, "approve", nil).Problem(t, http.StatusConflict)

	db := sqlDB(t, env)
	if n := queryInt(t, db, `SELECT count(*) FROM audit_log WHERE action = 'hours.approved' AND object_id = $1
		AND after->>'minutes' = '150' AND after::text NOT LIKE '%eviction%'`, e.ID); n != 1 {
		t.Fatalf("%d audit rows of the approval (without the narrative), want 1", n)
	}
	if n := queryInt(t, db, `SELECT minutes FROM hours_monthly WHERE attorney_id = $1`, e.AttorneyID); n != 150 {
		t.Fatalf("roll-up holds %d minutes, want 150", n)
	}
}

func TestHours_ARejectedEntryIsEditedAndSubmittedAgain(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	coord := env.Login(t, coordinator, password)
	e := logTime(t, env, priya, matterID, attorneyDay(-2), 120, true)

	assertProblem(t, timeAction(t, env, coord, e.ID, "reject", map[string]string{"reason": "   "}), 422, problem.Invalid, "reason", "")
	r := timeAction(t, env, coord, e.ID, "reject", map[string]string{"reason": "Split the research from the drafting."})
	var rejected timeEntryView
	r.JSON(t, &rejected)
	if r.Status != http.StatusOK || rejected.Status != "rejected" || rejected.RejectReason != "Split the research from the drafting." {
		t.Fatalf("reject: %d %s", r.Status, r.Body)
	}
	timeAction(t, env, coord, e.ID, "approve", nil).Problem(t, http.StatusConflict)

	// The attorney edits it with the version she read; an older one is refused.
	patch := func(ifMatch string, body any) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/time-entries/" + e.ID, Token: priya.Token, Body: body,
			Header: http.Header{"If-Match": {ifMatch}}})
	}
	patch(`"1"`, map[string]int{"minutes": 60}).Problem(t, http.StatusPreconditionFailed)
	r = patch(fmt.Sprintf(`"%d"`, rejected.Version), map[string]any{"minutes": 60, "narrative": "Research only.", "rate_cents": nil})
	var edited timeEntryView
	r.JSON(t, &edited)
	if r.Status != http.StatusOK || edited.Status != "rejected" || edited.Minutes != 60 || edited.Narrative != "Research only." {
		t.Fatalf("edit: %d %s", r.Status, r.Body)
	}
	if r := timeAction(t, env, priya, e.ID, "submit", nil); r.Status != http.StatusOK {
		t.Fatalf("resubmit: %d %s", r.Status, r.Body)
	}
	var again timeEntryView
	getTimeEntry(t, env, priya, e.ID).JSON(t, &again)
	if again.Status != "submitted" || again.RejectReason != "" {
		t.Fatalf("resubmitted: %+v", again)
	}
	if r := timeAction(t, env, coord, e.ID, "approve", nil); r.Status != http.StatusOK {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	if n := queryInt(t, sqlDB(t, env), `SELECT count(*) FROM audit_log WHERE object_id = $1 AND action IN ('hours.rejected', 'hours.approved')
		AND after::text NOT LIKE '%Split%'`, e.ID); n != 2 {
		t.Fatalf("%d audit rows (without the reason), want the rejection and the approval", n)
	}
}

func TestHours_WorkDatesFallWithinTheMatterAndNotInTheFuture(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)

	for _, day := range []string{attorneyDay(1), attorneyDay(30), attorneyDay(-12)} {
		assertProblem(t, postTime(t, env, priya, timeBody(matterID, day, 60)), 422, problem.Invalid, "work_date", "")
	}
	logTime(t, env, priya, matterID, attorneyDay(0), 60, false)
	logTime(t, env, priya, matterID, attorneyDay(-10), 60, false)

	// Once she withdrew (five days ago) nothing is dated after that day.
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/matters/" + matterID + "/withdraw", Token: priya.Token,
		Body: map[string]string{"reason": "no_capacity"}})
	if r.Status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	if _, err := sqlDB(t, env).Exec(`UPDATE matters SET ended_at = now() - interval '5 days' WHERE id = $1`, matterID); err != nil {
		t.Fatal(err)
	}
	assertProblem(t, postTime(t, env, priya, timeBody(matterID, attorneyDay(-3), 60)), 422, problem.Invalid, "work_date", "")
	logTime(t, env, priya, matterID, attorneyDay(-7), 60, true)
}

func TestHours_MinutesArePositiveSixMinuteUnits(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	for _, minutes := range []int{0, -6, 5, 100, 1446} {
		assertProblem(t, postTime(t, env, priya, timeBody(matterID, attorneyDay(-1), minutes)), 422, problem.Invalid, "minutes", "")
	}
	if e := logTime(t, env, priya, matterID, attorneyDay(-1), 6, false); e.Hours != 0.1 {
		t.Fatalf("6 minutes are %v hours", e.Hours)
	}
}

func TestHours_NoMoreThan24HoursADayAcrossEntries(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	coord := env.Login(t, coordinator, password)
	day := attorneyDay(-1)

	first := logTime(t, env, priya, matterID, day, 20*60, true)
	logTime(t, env, priya, matterID, day, 4*60, false) // a draft counts too
	p := postTime(t, env, priya, timeBody(matterID, day, 6)).Problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "minutes" || !strings.Contains(p.Errors[0].Message, "24.1 hours") {
		t.Fatalf("over the day: %+v", p)
	}
	logTime(t, env, priya, matterID, attorneyDay(-2), 6, false) // another day is its own

	// Rejected time does not count, until it is submitted again.
	if r := timeAction(t, env, coord, first.ID, "reject", map[string]string{"reason": "Too much for one day."}); r.Status != http.StatusOK {
		t.Fatalf("reject: %d %s", r.Status, r.Body)
	}
	logTime(t, env, priya, matterID, day, 12*60, false)
	assertProblem(t, timeAction(t, env, priya, first.ID, "submit", nil), 422, problem.Invalid, "minutes", "")
}

func TestHours_ParallelPostsNeverTakeADayPast24Hours(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	day := attorneyDay(-1)
	const posts = 30 // of an hour each: 24 fit
	statuses := make([]int, posts)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range posts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i] = postTime(t, env, priya, timeBody(matterID, day, 60)).Status
		}()
	}
	close(start)
	wg.Wait()
	created := 0
	for _, s := range statuses {
		switch s {
		case http.StatusCreated:
			created++
		case http.StatusUnprocessableEntity:
		default:
			t.Fatalf("statuses %v", statuses)
		}
	}
	if created != 24 {
		t.Fatalf("%d of %d parallel hours were recorded, want 24", created, posts)
	}
	if n := queryInt(t, sqlDB(t, env), "SELECT sum(minutes) FROM time_entries WHERE matter_id = $1", matterID); n != 24*60 {
		t.Fatalf("%d minutes on the day", n)
	}
}

func TestHours_BatchAtItsExactPathIsAllOrNothingWithEachEntrysErrors(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	batch := func(entries ...map[string]any) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/time-entries:batch", Token: priya.Token,
			Body: map[string]any{"entries": entries}})
	}
	day := attorneyDay(-1)
	p := batch(timeBody(matterID, day, 60), timeBody("00000000-0000-4000-8000-000000000009", day, 60),
		timeBody(matterID, attorneyDay(2), 60), timeBody(matterID, day, 23*60)).Problem(t, http.StatusUnprocessableEntity)
	var fields []string
	for _, e := range p.Errors {
		fields = append(fields, e.Field)
	}
	slices.Sort(fields)
	if !slices.Equal(fields, []string{"entries[1].matter_id", "entries[2].work_date"}) {
		t.Fatalf("errors %+v", p.Errors)
	}
	// The day's limit counts the batch's own entries.
	assertProblem(t, batch(timeBody(matterID, day, 60), timeBody(matterID, day, 23*60+6)), 422, problem.Invalid, "entries[1].minutes", "")
	// The spec's own checks name the entries the same way.
	assertProblem(t, batch(timeBody(matterID, day, 60), timeBody(matterID, day, 7)), 422, problem.Invalid, "entries[1].minutes", "")
	if n := queryInt(t, sqlDB(t, env), "SELECT count(*) FROM time_entries"); n != 0 {
		t.Fatalf("%d entries written by refused batches", n)
	}

	r := batch(timeBody(matterID, day, 60), timeBody(matterID, attorneyDay(-2), 90))
	var created struct{ Items []timeEntryView }
	r.JSON(t, &created)
	if r.Status != http.StatusCreated || len(created.Items) != 2 || created.Items[1].Minutes != 90 || created.Items[0].Source != "batch" {
		t.Fatalf("batch: %d %s", r.Status, r.Body)
	}
	// The colon is part of the path, not a parameter: anything else after time-entries is not found.
	for _, path := range []string{"/api/v1/time-entries:batches", "/api/v1/time-entriesbatch", "/api/v1/time-entries:"} {
		env.Do(t, apptest.Request{Method: "POST", Path: path, Token: priya.Token, Body: map[string]any{"entries": []any{timeBody(matterID, day, 6)}}}).
			Problem(t, http.StatusNotFound)
	}
}

func TestHours_ListsPageByCursorWithFiltersAtAFixedCostAndShowEachRoleItsOwn(t *testing.T) {
	t.Parallel()
	var queries apptest.QueryCounter
	env := apptest.New(t, apptest.WithQueryTracer(&queries))
	priya, matterID := priyasMatter(t, env, 10)
	coord := env.Login(t, coordinator, password)
	var made []string
	for i := range 5 {
		made = append(made, logTime(t, env, priya, matterID, attorneyDay(-i), 30, i%2 == 0).ID)
	}

	var paged []string
	var costOfPage int64
	cursor := ""
	for pages := 0; ; pages++ {
		query := "?limit=2"
		if cursor != "" {
			query += "&cursor=" + cursor
		}
		before := queries.Count()
		items, next := listTime(t, env, coord, query)
		if pages > 0 && queries.Count()-before != costOfPage {
			t.Fatalf("page %d cost %d queries, the first %d", pages, queries.Count()-before, costOfPage)
		}
		if pages == 0 {
			costOfPage = queries.Count() - before
		}
		for _, e := range items {
			paged = append(paged, e.ID)
		}
		if next == "" {
			break
		}
		cursor = next
	}
	if !slices.Equal(paged, made) { // newest work date first: made from today backwards
		t.Fatalf("pages %v, want %v", paged, made)
	}
	before := queries.Count()
	all, _ := listTime(t, env, coord, "?limit=200")
	if queries.Count()-before != costOfPage || len(all) != 5 {
		t.Fatalf("a page of %d cost %d queries, a page of 2 cost %d", len(all), queries.Count()-before, costOfPage)
	}

	filtered := func(s apptest.Session, query string) []string {
		items, _ := listTime(t, env, s, query)
		var ids []string
		for _, e := range items {
			ids = append(ids, e.ID)
		}
		return ids
	}
	if got := filtered(coord, "?status=submitted"); !slices.Equal(got, []string{made[0], made[2], made[4]}) {
		t.Fatalf("submitted: %v", got)
	}
	if got := filtered(coord, "?from="+attorneyDay(-3)+"&to="+attorneyDay(-1)); !slices.Equal(got, made[1:4]) {
		t.Fatalf("period: %v", got)
	}
	if got := filtered(coord, "?matter_id="+matterID+"&attorney_id="+userID(t, env, priyaEmail)); len(got) != 5 {
		t.Fatalf("by matter and attorney: %v", got)
	}
	if got := filtered(priya, ""); len(got) != 5 {
		t.Fatalf("Priya's own: %v", got)
	}
	// Colleagues, other firms and referrers see none of it, whatever they ask for.
	for _, email := range []string{jamesEmail, "coordinator@castellan.example", "admin@castellan.example", nonprofitStaff} {
		s := env.Login(t, email, password)
		if got := filtered(s, "?attorney_id="+userID(t, env, priyaEmail)); len(got) != 0 {
			t.Fatalf("%s sees %v", email, got)
		}
	}
	if got := filtered(env.Login(t, "admin@probono.example", password), ""); len(got) != 5 {
		t.Fatalf("platform admin sees %v", got)
	}
}
