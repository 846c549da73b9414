package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
)

// editBody is referralBody with a summary of its own, so every edit changes something.
func editBody(summary string) map[string]any {
	b := referralBody(false)
	delete(b, "submit")
	b["summary"] = summary
	return b
}

func putReferral(t *testing.T, env *apptest.Env, token, id string, body any, ifMatch string) *apptest.Response {
	t.Helper()
	h := http.Header{}
	if ifMatch != "" {
		h.Set("If-Match", ifMatch)
	}
	return env.Do(t, apptest.Request{Method: "PUT", Path: "/api/v1/referrals/" + id, Token: token, Body: body, Header: h})
}

func historyLength(t *testing.T, env *apptest.Env, token, id string) int {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + id + "/history", Token: token})
	var h struct {
		Items []any `json:"items"`
	}
	r.JSON(t, &h)
	return len(h.Items)
}

func TestReferralEdit_ParallelEditsOfOneReferralFinishWhileReadyzAnswers(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	id := createReferral(t, env, staff, referralBody(true)).ID

	// Each edit gets a deadline far above what it needs: an edit that waits on a pool used up by
	// transactions queued behind one row lock would never finish.
	client := &http.Client{Timeout: 20 * time.Second}
	send := func(method, path string, body string) (int, error) {
		req, err := http.NewRequest(method, env.Server.URL+path, strings.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Authorization", "Bearer "+staff.Token)
		req.Header.Set("Content-Type", "application/json")
		res, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		res.Body.Close()
		return res.StatusCode, nil
	}

	done := make(chan struct{})
	var readyz sync.WaitGroup
	readyz.Add(1)
	go func() {
		defer readyz.Done()
		probe := &http.Client{Timeout: 2 * time.Second}
		for {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
			res, err := probe.Get(env.Server.URL + "/readyz")
			if err != nil {
				t.Errorf("/readyz during the edits: %v", err)
				return
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("/readyz during the edits: %d", res.StatusCode)
			}
		}
	}()

	var wg sync.WaitGroup
	for i := range 25 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf(`{"practice_area":"housing.private_landlord_tenant","jurisdiction":"IL","summary":"Edit %d of the tenant's eviction matter.","urgency":"urgent","limited_scope":false,"remote_allowed":true,"eligibility":{"household_size":3,"annual_income":24000},"client":{"name":"María González"},"parties":[{"name":"María González","role":"client","kind":"person"}]}`, i)
			status, err := send("PUT", "/api/v1/referrals/"+id, body)
			if err != nil || status != http.StatusOK {
				t.Errorf("edit %d: status %d, %v", i, status, err)
			}
		}()
	}
	wg.Wait()
	close(done)
	readyz.Wait()

	if n := historyLength(t, env, staff.Token, id); n != 26 {
		t.Fatalf("history holds %d changes, want the creation and 25 edits", n)
	}
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: staff.Token})
	if tag := r.Header.Get("ETag"); tag != `"26"` {
		t.Fatalf("ETag after 25 edits of a new referral = %s, want \"26\"", tag)
	}
}

func TestReferralEdit_IfMatchRefusesAStaleWriteAndKeepsTheOther(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	colleague := env.Login(t, "admin@northside.example", password)
	id := createReferral(t, env, staff, referralBody(true)).ID

	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: staff.Token})
	opened := r.Header.Get("ETag")
	var v struct {
		Version int `json:"version"`
	}
	r.JSON(t, &v)
	if opened != `"1"` || v.Version != 1 {
		t.Fatalf("a new referral reads as ETag %s, version %d", opened, v.Version)
	}

	// Both open the referral; the colleague saves first.
	first := putReferral(t, env, colleague.Token, id, editBody("The colleague's summary of the eviction."), opened)
	if first.Status != http.StatusOK || first.Header.Get("ETag") != `"2"` {
		t.Fatalf("first write: %d, ETag %s: %s", first.Status, first.Header.Get("ETag"), first.Body)
	}
	p := putReferral(t, env, staff.Token, id, editBody("The second summary, written on a stale page."), opened).Problem(t, http.StatusPreconditionFailed)
	if !strings.HasSuffix(p.Type, "/precondition-failed") || !strings.Contains(p.Detail, "Someone else changed this referral") {
		t.Fatalf("stale write: %+v", p)
	}
	r = env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + id, Token: staff.Token})
	var after referralView
	r.JSON(t, &after)
	if after.Summary != "The colleague's summary of the eviction." || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("the stale write changed the referral: %q, ETag %s", after.Summary, r.Header.Get("ETag"))
	}
	if n := historyLength(t, env, staff.Token, id); n != 2 {
		t.Fatalf("history holds %d changes, want the creation and the one accepted edit", n)
	}

	// Reloaded, the second write goes through.
	if r := putReferral(t, env, staff.Token, id, editBody("The second summary, after a reload."), `"2"`); r.Status != http.StatusOK {
		t.Fatalf("write after reload: %d %s", r.Status, r.Body)
	}

	// A status change is a write too.
	tr := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/transitions", Token: staff.Token,
		Body: map[string]any{"to": "withdrawn"}, Header: http.Header{"If-Match": {`"2"`}}})
	tr.Problem(t, http.StatusPreconditionFailed)
	tr = env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + id + "/transitions", Token: staff.Token,
		Body: map[string]any{"to": "withdrawn"}, Header: http.Header{"If-Match": {`"3"`}}})
	if tr.Status != http.StatusOK || tr.Header.Get("ETag") != `"4"` {
		t.Fatalf("withdraw with the current ETag: %d, ETag %s: %s", tr.Status, tr.Header.Get("ETag"), tr.Body)
	}
}

func TestReferralEdit_IfMatchForms(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	id := createReferral(t, env, staff, referralBody(false)).ID
	for i, tt := range []struct {
		ifMatch string
		status  int
	}{
		{`W/"1"`, http.StatusPreconditionFailed}, // If-Match compares strongly
		{`1`, http.StatusPreconditionFailed},
		{`"1`, http.StatusPreconditionFailed},
		{`"abc"`, http.StatusPreconditionFailed},
		{`"9", "1"`, http.StatusOK},
		{`*`, http.StatusOK},
		{``, http.StatusOK}, // without If-Match the last write wins
	} {
		r := putReferral(t, env, staff.Token, id, editBody(fmt.Sprintf("Summary number %d of the matter.", i)), tt.ifMatch)
		if r.Status != tt.status {
			t.Errorf("If-Match %q: %d, want %d: %s", tt.ifMatch, r.Status, tt.status, r.Body)
		}
	}
	// A redacted reader gets no tag to write with.
	staffPublic := createReferral(t, env, staff, referralBody(true)).ID
	admin := env.Login(t, "admin@probono.example", password)
	if r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + staffPublic, Token: admin.Token}); r.Status != http.StatusOK || r.Header.Get("ETag") != "" {
		t.Fatalf("platform admin's redacted read: %d, ETag %q", r.Status, r.Header.Get("ETag"))
	}
}

func TestReferralEdit_ConcurrentWritesWithOneETagAcceptExactlyOne(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	id := createReferral(t, env, staff, referralBody(true)).ID
	var mu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := putReferral(t, env, staff.Token, id, editBody(fmt.Sprintf("Parallel summary %d of the matter.", i)), `"1"`)
			mu.Lock()
			statuses[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if statuses[http.StatusOK] != 1 || statuses[http.StatusPreconditionFailed] != 7 {
		t.Fatalf("statuses of 8 writes naming version 1: %v, want one 200 and seven 412", statuses)
	}
	if n := historyLength(t, env, staff.Token, id); n != 2 {
		t.Fatalf("history holds %d changes, want 2", n)
	}
}

func TestReferralEdit_ARowLockHeldElsewhereEndsIn503NotAHang(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	id := createReferral(t, env, staff, referralBody(false)).ID

	// Another session (a batch job, a DBA's console) holds the referral's row lock.
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET idle_in_transaction_session_timeout = 0"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "SELECT 1 FROM referrals WHERE id = $1 FOR UPDATE", id); err != nil {
		t.Fatal(err)
	}
	r := putReferral(t, env, staff.Token, id, editBody("An edit that meets someone else's lock."), "")
	p := r.Problem(t, http.StatusServiceUnavailable)
	if !strings.HasSuffix(p.Type, "/service-unavailable") || r.Header.Get("Retry-After") == "" {
		t.Fatalf("edit behind a held lock: %+v, Retry-After %q", p, r.Header.Get("Retry-After"))
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if r := putReferral(t, env, staff.Token, id, editBody("The same edit once the lock is gone."), ""); r.Status != http.StatusOK {
		t.Fatalf("edit after the lock was released: %d %s", r.Status, r.Body)
	}
	if n := historyLength(t, env, staff.Token, id); n != 2 {
		t.Fatalf("history holds %d changes, want the creation and the edit after the lock", n)
	}
}

func TestAttorneyProfileEdit_IfMatchRefusesTheCoordinatorsStaleSave(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya := env.Login(t, "priya.raman@hartwell.example", password)
	coord := env.Login(t, coordinator, password)
	var m me
	getMe(t, env, priya.Token).JSON(t, &m)
	path := "/api/v1/attorneys/" + m.ID
	put := func(token string, budget int, ifMatch string) *apptest.Response {
		body := attorneyProfileBody()
		body["monthly_hour_budget"] = budget
		return env.Do(t, apptest.Request{Method: "PUT", Path: path, Token: token, Body: body, Header: http.Header{"If-Match": {ifMatch}}})
	}

	// Both open the profile before either saves.
	opened := env.Do(t, apptest.Request{Method: "GET", Path: path, Token: coord.Token}).Header.Get("ETag")
	if opened == "" {
		t.Fatal("the profile is read without an ETag")
	}
	// Of the first saves made in parallel from that one view, one wins.
	var mu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := put(priya.Token, 11+i, opened)
			mu.Lock()
			statuses[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if statuses[http.StatusOK] != 1 || statuses[http.StatusPreconditionFailed] != 5 {
		t.Fatalf("statuses of 6 saves naming %s: %v, want one 200 and five 412", opened, statuses)
	}
	var saved attorneyView
	r := env.Do(t, apptest.Request{Method: "GET", Path: path, Token: coord.Token})
	r.JSON(t, &saved)

	p := put(coord.Token, 40, opened).Problem(t, http.StatusPreconditionFailed)
	if !strings.HasSuffix(p.Type, "/precondition-failed") || !strings.Contains(p.Detail, "Someone else changed this profile") {
		t.Fatalf("stale save: %+v", p)
	}
	var after attorneyView
	env.Do(t, apptest.Request{Method: "GET", Path: path, Token: coord.Token}).JSON(t, &after)
	if after.MonthlyBudget != saved.MonthlyBudget {
		t.Fatalf("the stale save changed the budget from %d to %d", saved.MonthlyBudget, after.MonthlyBudget)
	}
	if r := put(coord.Token, 40, r.Header.Get("ETag")); r.Status != http.StatusOK {
		t.Fatalf("save after reloading: %d %s", r.Status, r.Body)
	}
}
