package api_test

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/platform/problem"
)

// submittedTime logs n submitted entries of 30 minutes for Priya on her matter, a few a day back
// from yesterday, and returns their ids.
func submittedTime(t *testing.T, env *apptest.Env, priya apptest.Session, matterID string, n int) []string {
	t.Helper()
	var ids []string
	for start := 0; start < n; start += 40 {
		var entries []map[string]any
		for i := start; i < min(n, start+40); i++ {
			b := timeBody(matterID, attorneyDay(-1-i/40), 30)
			b["submit"] = true
			entries = append(entries, b)
		}
		r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/time-entries:batch", Token: priya.Token, Body: map[string]any{"entries": entries}})
		var created struct{ Items []timeEntryView }
		r.JSON(t, &created)
		if r.Status != http.StatusCreated {
			t.Fatalf("batch: %d %s", r.Status, r.Body)
		}
		for _, e := range created.Items {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

func TestHours_BulkApprovalIsAllOrNothing(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 30)
	coord := env.Login(t, coordinator, password)
	ids := submittedTime(t, env, priya, matterID, 10)
	draft := logTime(t, env, priya, matterID, attorneyDay(0), 30, false)
	db := sqlDB(t, env)

	// One draft among them and nothing is approved; the error names it.
	p := bulkDecide(t, env, coord, "approve", map[string]any{"ids": append(slices.Clone(ids), draft.ID)}).Problem(t, http.StatusConflict)
	if len(p.Errors) != 1 || p.Errors[0].Field != "ids[10]" || !strings.Contains(p.Errors[0].Message, "draft") {
		t.Fatalf("conflict: %+v", p)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM time_entries WHERE status = 'approved'"); n != 0 {
		t.Fatalf("%d approved by a refused bulk approval", n)
	}
	// One another firm's coordinator could not see among them, and nothing is approved either.
	missing := bulkDecide(t, env, coord, "approve", map[string]any{"ids": []string{ids[0], "00000000-0000-4000-8000-00000000000a"}}).Problem(t, http.StatusNotFound)
	if len(missing.Errors) != 1 || missing.Errors[0].Field != "ids[1]" {
		t.Fatalf("not found: %+v", missing)
	}

	r := bulkDecide(t, env, coord, "approve", map[string]any{"ids": ids})
	var approved struct{ Items []timeEntryView }
	r.JSON(t, &approved)
	if r.Status != http.StatusOK || len(approved.Items) != 10 {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	for i, e := range approved.Items {
		if e.ID != ids[i] || e.Status != "approved" {
			t.Fatalf("item %d: %+v", i, e)
		}
	}
	if n := queryInt(t, db, "SELECT count(*) FROM audit_log WHERE action = 'hours.approved'"); n != 10 {
		t.Fatalf("%d audit rows, want 10", n)
	}
	if n := queryInt(t, db, "SELECT sum(minutes) FROM hours_monthly"); n != 300 {
		t.Fatalf("roll-ups hold %d minutes, want 300", n)
	}
	bulkDecide(t, env, coord, "approve", map[string]any{"ids": ids[:1]}).Problem(t, http.StatusConflict)

	// Rejection in bulk takes a reason and returns each entry to the attorney.
	more := submittedTime(t, env, priya, matterID, 3)
	assertProblem(t, bulkDecide(t, env, coord, "reject", map[string]any{"ids": more, "reason": " "}), 422, problem.Invalid, "reason", "")
	r = bulkDecide(t, env, coord, "reject", map[string]any{"ids": more, "reason": "Add what each call was about."})
	if r.Status != http.StatusOK {
		t.Fatalf("reject: %d %s", r.Status, r.Body)
	}
	for _, id := range more {
		if s := entryStatus(t, env, priya, id); s != "rejected" {
			t.Fatalf("entry %s is %s", id, s)
		}
	}
}

func TestHours_TwoCoordinatorsApprovingTheSameEntriesAtOnceApproveEachOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 30)
	ids := submittedTime(t, env, priya, matterID, 60)
	approvers := []apptest.Session{env.Login(t, coordinator, password), env.Login(t, "admin@hartwell.example", password)}
	// Each names the entries in another order, so that their locks are taken in conflicting orders.
	reversed := slices.Clone(ids)
	slices.Reverse(reversed)
	lists := [][]string{ids, reversed}

	statuses := make([]int, len(approvers))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, s := range approvers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i] = bulkDecide(t, env, s, "approve", map[string]any{"ids": lists[i]}).Status
		}()
	}
	close(start)
	wg.Wait()
	slices.Sort(statuses)
	if !slices.Equal(statuses, []int{http.StatusOK, http.StatusConflict}) {
		t.Fatalf("statuses %v, want one approval and one conflict", statuses)
	}
	db := sqlDB(t, env)
	if n := queryInt(t, db, "SELECT count(*) FROM audit_log WHERE action = 'hours.approved'"); n != 60 {
		t.Fatalf("%d approvals audited, want 60", n)
	}
	if n := queryInt(t, db, "SELECT sum(entries) FROM hours_monthly"); n != 60 {
		t.Fatalf("roll-ups count %d entries, want 60", n)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM outbox_events WHERE type = 'hours:approved'"); n != 1 {
		t.Fatalf("%d approval events, want 1", n)
	}
	if n := queryInt(t, db, "SELECT count(*) - count(DISTINCT entry_id) FROM credit_ledger"); n != 0 {
		t.Fatalf("%d entries credited twice", n)
	}
}

func TestHours_AnotherFirmCannotSeeApproveOrRejectTheTime(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	e := logTime(t, env, priya, matterID, attorneyDay(-1), 60, true)
	for _, email := range foreigners {
		s := env.Login(t, email, password)
		getTimeEntry(t, env, s, e.ID).Problem(t, http.StatusNotFound)
		timeAction(t, env, s, e.ID, "approve", nil).Problem(t, http.StatusNotFound)
		timeAction(t, env, s, e.ID, "reject", map[string]string{"reason": "Not ours."}).Problem(t, http.StatusNotFound)
		bulkDecide(t, env, s, "approve", map[string]any{"ids": []string{e.ID}}).Problem(t, http.StatusNotFound)
		bulkDecide(t, env, s, "reject", map[string]any{"ids": []string{e.ID}, "reason": "Not ours."}).Problem(t, http.StatusNotFound)
	}
	// Priya's colleague sees nothing of it; a platform admin sees it but approves nothing.
	james := env.Login(t, jamesEmail, password)
	getTimeEntry(t, env, james, e.ID).Problem(t, http.StatusNotFound)
	admin := env.Login(t, "admin@probono.example", password)
	if r := getTimeEntry(t, env, admin, e.ID); r.Status != http.StatusOK {
		t.Fatalf("platform admin: %d", r.Status)
	}
	bulkDecide(t, env, admin, "approve", map[string]any{"ids": []string{e.ID}}).Problem(t, http.StatusForbidden)
	// Nor may another firm's attorney log time on her matter.
	wei := env.Login(t, "wei.zhang@castellan.example", password)
	assertProblem(t, postTime(t, env, wei, timeBody(matterID, attorneyDay(-1), 60)), 422, problem.Invalid, "matter_id", "not one of your matters")
	if s := entryStatus(t, env, priya, e.ID); s != "submitted" {
		t.Fatalf("the entry is %s", s)
	}
}

func TestHours_ApprovedTimeIsCorrectedByAdjustingEntriesThatNeverTakeItBelowZero(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	coord := env.Login(t, coordinator, password)
	e := logTime(t, env, priya, matterID, attorneyDay(-2), 120, true)
	adjust := func(body map[string]any) *apptest.Response { return timeAction(t, env, priya, e.ID, "adjust", body) }

	adjust(map[string]any{"minutes": -30, "narrative": "Too early."}).Problem(t, http.StatusConflict) // not approved yet
	timeAction(t, env, coord, e.ID, "approve", nil)
	assertProblem(t, adjust(map[string]any{"minutes": -126, "narrative": "Less than nothing."}), 422, problem.Invalid, "minutes", "below zero")
	assertProblem(t, adjust(map[string]any{"minutes": -30, "narrative": "Moved.", "work_date": attorneyDay(-1)}), 422, problem.Invalid, "work_date", "")
	timeAction(t, env, coord, e.ID, "adjust", map[string]any{"minutes": -30, "narrative": "Not mine."}).Problem(t, http.StatusForbidden)

	r := adjust(map[string]any{"minutes": -90, "narrative": "Half of it was travel, logged again."})
	var a timeEntryView
	r.JSON(t, &a)
	if r.Status != http.StatusCreated || a.AdjustsID != e.ID || a.Minutes != -90 || a.Status != "submitted" || a.WorkDate != e.WorkDate || a.Hours != -1.5 {
		t.Fatalf("adjustment: %d %s", r.Status, r.Body)
	}
	// A pending adjustment counts: only 30 minutes are left to take off.
	assertProblem(t, adjust(map[string]any{"minutes": -36, "narrative": "More."}), 422, problem.Invalid, "minutes", "0.5 hours")
	// An adjustment is not adjusted itself.
	timeAction(t, env, priya, a.ID, "adjust", map[string]any{"minutes": -6, "narrative": "Of an adjustment."}).Problem(t, http.StatusConflict)
	if r := timeAction(t, env, coord, a.ID, "approve", nil); r.Status != http.StatusOK {
		t.Fatalf("approve the adjustment: %d %s", r.Status, r.Body)
	}
	r = adjust(map[string]any{"minutes": 60, "narrative": "Forgot the call.", "activity": "client_meeting", "work_date": attorneyDay(-1)})
	var added timeEntryView
	r.JSON(t, &added)
	if r.Status != http.StatusCreated {
		t.Fatalf("adding time: %d %s", r.Status, r.Body)
	}
	// Time added counts once approved: until then only 30 minutes may be taken off.
	assertProblem(t, adjust(map[string]any{"minutes": -60, "narrative": "Less."}), 422, problem.Invalid, "minutes", "below zero")
	timeAction(t, env, coord, added.ID, "approve", nil)
	if r := adjust(map[string]any{"minutes": -60, "narrative": "Less."}); r.Status != http.StatusCreated {
		t.Fatalf("taking off approved added time: %d %s", r.Status, r.Body)
	}
	if n := queryInt(t, sqlDB(t, env), "SELECT sum(minutes) FROM hours_monthly WHERE activity = 'research'"); n != 30 {
		t.Fatalf("the roll-up holds %d research minutes, want 120 - 90 = 30", n)
	}
}

func TestHours_TheAttorneyIsToldOfApprovalsAndRejectionsOnceEachWithoutNarratives(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.StartWorker(t, jobs.Options{})
	priya, matterID := priyasMatter(t, env, 10)
	coord := env.Login(t, coordinator, password)
	ids := submittedTime(t, env, priya, matterID, 3)
	bulkDecide(t, env, coord, "approve", map[string]any{"ids": ids[:2]})
	timeAction(t, env, coord, ids[2], "reject", map[string]string{"reason": "Name the hearing this was for."})
	env.WaitForEvents(t)

	approved := notificationsOf(t, env, priya, string(notify.EventTimeApproved))
	rejected := notificationsOf(t, env, priya, string(notify.EventTimeRejected))
	if !slices.Equal(approved, []string{"Your time was approved: 1.0 hours in 2 entries"}) ||
		!slices.Equal(rejected, []string{"Your time was returned for changes: 0.5 hours in 1 entry"}) {
		t.Fatalf("approved %v, rejected %v", approved, rejected)
	}
	assertNoClientFacts(t, env, append(approved, rejected...)...)
	for _, text := range append(approved, rejected...) {
		if strings.Contains(text, "eviction") || strings.Contains(text, "hearing") {
			t.Fatalf("a notification tells the narrative or the reason: %q", text)
		}
	}
	// The coordinator hears nothing of their own decisions.
	if n := notificationsOf(t, env, coord, string(notify.EventTimeApproved)); len(n) != 0 {
		t.Fatalf("coordinator told: %v", n)
	}
}

func TestPeriodic_AnAttorneyWhoLogsNothingFor14DaysIsRemindedOncePerFortnight(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 0)
	db := sqlDB(t, env)
	var accepted time.Time
	if err := db.QueryRow("SELECT started_at FROM matters WHERE id = $1", matterID).Scan(&accepted); err != nil {
		t.Fatal(err)
	}
	days := func(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
	reminders := func(at time.Time) []string {
		t.Helper()
		runJob(t, env, "hours-reminders", at)
		return notificationsOf(t, env, priya, string(notify.EventTimeReminder))
	}
	if got := reminders(accepted.Add(days(13))); len(got) != 0 {
		t.Fatalf("reminded after 13 days: %v", got)
	}
	first := "You have logged no time on your matters for 14 days"
	for _, at := range []time.Duration{days(14) + time.Hour, days(15), days(27)} { // daily runs of the fortnight
		if got := reminders(accepted.Add(at)); !slices.Equal(got, []string{first}) {
			t.Fatalf("after %v: %v", at, got)
		}
	}
	if got := reminders(accepted.Add(days(28) + time.Hour)); len(got) != 2 || got[0] != "You have logged no time on your matters for 28 days" {
		t.Fatalf("after 28 days: %v", got)
	}

	// Time logged (recorded now) starts the count again; colleagues without matters hear nothing.
	logTime(t, env, priya, matterID, attorneyDay(0), 30, false)
	if got := reminders(time.Now().Add(days(13))); len(got) != 2 {
		t.Fatalf("reminded within 14 days of an entry: %v", got)
	}
	if got := reminders(time.Now().Add(days(14) + time.Hour)); len(got) != 3 {
		t.Fatalf("not reminded 14 days after the entry: %v", got)
	}
	if got := notificationsOf(t, env, env.Login(t, jamesEmail, password), string(notify.EventTimeReminder)); len(got) != 0 {
		t.Fatalf("James, without matters, reminded: %v", got)
	}
}

// hoursEvents makes an event of each kind time entries emit: one of Priya's entries approved, one
// rejected.
func hoursEvents(t *testing.T, env *apptest.Env, coord apptest.Session) {
	t.Helper()
	priya, matterID := priyasMatter(t, env, 10)
	ids := submittedTime(t, env, priya, matterID, 2)
	if r := timeAction(t, env, coord, ids[0], "approve", nil); r.Status != http.StatusOK {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	if r := timeAction(t, env, coord, ids[1], "reject", map[string]string{"reason": "Which hearing?"}); r.Status != http.StatusOK {
		t.Fatalf("reject: %d %s", r.Status, r.Body)
	}
}
