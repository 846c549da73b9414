package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/platform/config"
	"github.com/probono-match/probono/internal/platform/problem"
)

// closedMatterView is a matter with its outcome fields.
type closedMatterView struct {
	ID           string   `json:"id"`
	Status       string   `json:"status"`
	EndedAt      string   `json:"ended_at"`
	Outcome      string   `json:"outcome"`
	GoalMet      *bool    `json:"goal_met"`
	ClosingHours *float64 `json:"closing_hours"`
	OutcomeNote  string   `json:"outcome_note"`
	ClosedBy     string   `json:"closed_by"`
	ClosedByName string   `json:"closed_by_name"`
	Referral     struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	} `json:"referral"`
}

type feedbackView struct {
	ID             string `json:"id"`
	Satisfaction   int    `json:"satisfaction"`
	Comment        string `json:"comment"`
	Source         string `json:"source"`
	RecordedByName string `json:"recorded_by_name"`
}

// northsideMatter has Hartwell's coordinator route a new Northside referral to Priya, who accepts:
// the referral's id and the matter's.
func northsideMatter(t *testing.T, env *apptest.Env) (referralID, matterID string) {
	t.Helper()
	staff, coord, priya := env.Login(t, nonprofitStaff, password), env.Login(t, coordinator, password), env.Login(t, priyaEmail, password)
	v := createReferral(t, env, staff, offerableBody())
	offers := routeOffers(t, env, coord, v.ID, userID(t, env, priyaEmail))
	var m matterView
	acceptOffer(t, env, priya, offers[0].ID).JSON(t, &m)
	return v.ID, m.ID
}

func closeMatter(t *testing.T, env *apptest.Env, s apptest.Session, matterID string, body any) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/matters/" + matterID + "/close", Token: s.Token, Body: body})
}

func closing(outcome string, goalMet bool, hours float64) map[string]any {
	return map[string]any{"outcome": outcome, "goal_met": goalMet, "hours": hours, "note": "Advised on the notice; landlord withdrew it."}
}

func TestOutcome_AttorneyClosesTheMatterTheReferralClosesWithItsOutcomeAndTheReferrerIsTold(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.StartWorker(t, jobs.Options{})
	staff, priya := env.Login(t, nonprofitStaff, password), env.Login(t, priyaEmail, password)
	referralID, matterID := northsideMatter(t, env)

	closeMatter(t, env, staff, matterID, closing("counsel_advice", true, 2.5)).Problem(t, http.StatusForbidden)
	r := closeMatter(t, env, priya, matterID, closing("counsel_advice", true, 2.5))
	if r.Status != http.StatusOK {
		t.Fatalf("close: %d %s", r.Status, r.Body)
	}
	var m closedMatterView
	r.JSON(t, &m)
	if m.Status != "closed" || m.Outcome != "counsel_advice" || m.GoalMet == nil || !*m.GoalMet || m.ClosingHours == nil ||
		*m.ClosingHours != 2.5 || m.EndedAt == "" || m.ClosedBy != userID(t, env, priyaEmail) || m.ClosedByName != "Priya Raman" ||
		m.OutcomeNote == "" || m.Referral.Status != "closed" {
		t.Fatalf("closed matter: %+v", m)
	}
	var ref struct{ Status, Outcome string }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + referralID, Token: staff.Token}).JSON(t, &ref)
	if ref.Status != "closed" || ref.Outcome != "counsel_and_advice" {
		t.Fatalf("referral after closing: %+v", ref)
	}
	if got := actions(timeline(t, env, staff, referralID, "")); got[len(got)-1] != "matter_closed" {
		t.Fatalf("timeline: %v", got)
	}
	closeMatter(t, env, priya, matterID, closing("other", false, 1)).Problem(t, http.StatusConflict)

	env.WaitForEvents(t)
	if told := notificationsOf(t, env, staff, "matter_closed"); len(told) != 1 || !strings.Contains(told[0], "was closed") {
		t.Fatalf("the referrer's notifications: %v", told)
	}
	if told := notificationsOf(t, env, env.Login(t, coordinator, password), "matter_closed"); len(told) != 1 {
		t.Fatalf("the coordinator's notifications: %v", told)
	}
	db := sqlDB(t, env)
	if n := queryInt(t, db, `SELECT count(*) FROM audit_log WHERE action = 'matter.closed' AND object_id = $1 AND actor_id = $2
		AND after->>'outcome' = 'counsel_advice'`, matterID, userID(t, env, priyaEmail)); n != 1 {
		t.Fatalf("%d audit rows for the closing", n)
	}
}

func TestOutcome_TheFirmsCoordinatorClosesAMatterWhoseWorkNeverStarted(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	_, matterID := northsideMatter(t, env)
	r := closeMatter(t, env, env.Login(t, coordinator, password), matterID, closing("limited_action", false, 0))
	var m closedMatterView
	r.JSON(t, &m)
	if r.Status != http.StatusOK || m.Status != "closed" || m.ClosedByName == "Priya Raman" || m.Referral.Status != "closed" {
		t.Fatalf("close by the coordinator: %d %s", r.Status, r.Body)
	}
}

func TestOutcome_CloseRejectsBadClosingsAndClosesOnlyActiveMattersOfTheCallersFirm(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya := env.Login(t, priyaEmail, password)
	_, matterID := northsideMatter(t, env)

	bad := []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"unknown category", closing("won_big", true, 1), "outcome"},
		{"hours not in tenths", closing("other", true, 1.25), "hours"},
		{"negative hours", closing("other", true, -1), "hours"},
		{"note too long", map[string]any{"outcome": "other", "goal_met": true, "hours": 1, "note": strings.Repeat("x", 2001)}, "note"},
		{"goal not said", map[string]any{"outcome": "other", "hours": 1}, "goal_met"},
	}
	for _, c := range bad {
		assertProblem(t, closeMatter(t, env, priya, matterID, c.body), http.StatusUnprocessableEntity, problem.Invalid, c.field, "")
	}

	// Another firm's coordinator, attorney and admin do not see the matter at all.
	for _, email := range []string{"coordinator@castellan.example", "wei.zhang@castellan.example", "admin@castellan.example"} {
		closeMatter(t, env, env.Login(t, email, password), matterID, closing("other", true, 1)).Problem(t, http.StatusNotFound)
	}

	// A withdrawn matter does not close.
	withdrawn := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/matters/" + matterID + "/withdraw", Token: priya.Token,
		Body: map[string]string{"reason": "no_capacity"}})
	if withdrawn.Status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", withdrawn.Status, withdrawn.Body)
	}
	closeMatter(t, env, priya, matterID, closing("other", true, 1)).Problem(t, http.StatusConflict)
	var m closedMatterView
	getMatter(t, env, priya, matterID).JSON(t, &m)
	if m.Status != "withdrawn" || m.Outcome != "" {
		t.Fatalf("the withdrawn matter changed: %+v", m)
	}
}

func TestOutcome_ParallelClosingsCloseOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, coord := env.Login(t, priyaEmail, password), env.Login(t, coordinator, password)
	_, matterID := northsideMatter(t, env)
	statuses := parallel(8, func(i int) int {
		s := priya
		if i%2 == 1 {
			s = coord
		}
		return closeMatter(t, env, s, matterID, closing("other", true, 1)).Status
	})
	if statuses[http.StatusOK] != 1 || statuses[http.StatusConflict] != 7 {
		t.Fatalf("8 parallel closings: %v", statuses)
	}
	db := sqlDB(t, env)
	if n := queryInt(t, db, `SELECT count(*) FROM audit_log WHERE action = 'matter.closed' AND object_id = $1`, matterID); n != 1 {
		t.Fatalf("%d closings audited", n)
	}
}

func recordFeedback(t *testing.T, env *apptest.Env, s apptest.Session, matterID string, body any) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/matters/" + matterID + "/feedback", Token: s.Token, Body: body})
}

func feedbackLink(t *testing.T, env *apptest.Env, s apptest.Session, matterID string) (token string) {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/matters/" + matterID + "/feedback-links", Token: s.Token})
	var l struct {
		URL       string `json:"url"`
		ExpiresAt string `json:"expires_at"`
	}
	r.JSON(t, &l)
	if r.Status != http.StatusCreated || !strings.HasPrefix(l.URL, "http://probono.test/feedback/") || l.ExpiresAt == "" {
		t.Fatalf("link: %d %s", r.Status, r.Body)
	}
	return strings.TrimPrefix(l.URL, "http://probono.test/feedback/")
}

func publicFeedback(t *testing.T, env *apptest.Env, method, token string, body any) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: method, Path: "/api/v1/feedback/" + token, Body: body})
}

func TestFeedback_ReferrersStaffRecordsFeedbackOnAClosedMatterItsCommentEncryptedAtRest(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff, priya := env.Login(t, nonprofitStaff, password), env.Login(t, priyaEmail, password)
	_, matterID := northsideMatter(t, env)
	comment := "Ms. Alvarez said the attorney explained everything in Spanish."

	recordFeedback(t, env, staff, matterID, map[string]any{"satisfaction": 5}).Problem(t, http.StatusConflict) // still active
	closeMatter(t, env, priya, matterID, closing("counsel_advice", true, 2))
	recordFeedback(t, env, priya, matterID, map[string]any{"satisfaction": 5}).Problem(t, http.StatusForbidden)
	recordFeedback(t, env, env.Login(t, "staff@riverbend.example", password), matterID, map[string]any{"satisfaction": 5}).Problem(t, http.StatusNotFound)
	assertProblem(t, recordFeedback(t, env, staff, matterID, map[string]any{"satisfaction": 6}), http.StatusUnprocessableEntity, problem.Invalid, "satisfaction", "")

	r := recordFeedback(t, env, staff, matterID, map[string]any{"satisfaction": 5, "comment": comment})
	var f feedbackView
	r.JSON(t, &f)
	if r.Status != http.StatusCreated || f.Satisfaction != 5 || f.Comment != comment || f.Source != "staff" || f.RecordedByName == "" {
		t.Fatalf("record: %d %s", r.Status, r.Body)
	}
	var list struct{ Items []feedbackView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/matters/" + matterID + "/feedback", Token: staff.Token}).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].Comment != comment {
		t.Fatalf("list: %+v", list.Items)
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/matters/" + matterID + "/feedback", Token: priya.Token}).Problem(t, http.StatusForbidden)

	var stored []byte
	if err := sqlDB(t, env).QueryRow(`SELECT comment FROM client_feedback WHERE id = $1`, f.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if len(stored) == 0 || bytes.Contains(stored, []byte("Alvarez")) {
		t.Fatalf("the comment is stored in the clear: %q", stored)
	}
}

func TestFeedback_ALinkShowsOnlyWhoAsksAndAnswersOnceEvenInParallel(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff, priya := env.Login(t, nonprofitStaff, password), env.Login(t, priyaEmail, password)
	_, matterID := northsideMatter(t, env)
	closeMatter(t, env, priya, matterID, closing("counsel_advice", true, 2))
	token := feedbackLink(t, env, staff, matterID)

	r := publicFeedback(t, env, "GET", token, nil)
	var ask map[string]any
	r.JSON(t, &ask)
	if r.Status != http.StatusOK || len(ask) != 2 || ask["organization_name"] != "Northside Legal Aid Society" || ask["expires_at"] == nil {
		t.Fatalf("the link shows more than who asks: %d %s", r.Status, r.Body)
	}
	assertProblem(t, publicFeedback(t, env, "POST", token, map[string]any{"satisfaction": 0}), http.StatusUnprocessableEntity, problem.Invalid, "satisfaction", "")

	statuses := parallel(10, func(int) int {
		return publicFeedback(t, env, "POST", token, map[string]any{"satisfaction": 4, "comment": "Thank you."}).Status
	})
	if statuses[http.StatusNoContent] != 1 || statuses[http.StatusGone] != 9 {
		t.Fatalf("10 parallel answers with one link: %v", statuses)
	}
	used := publicFeedback(t, env, "GET", token, nil).Problem(t, http.StatusGone)
	unknown := publicFeedback(t, env, "GET", "not-a-token-anyone-was-given", nil).Problem(t, http.StatusGone)
	if used.Type != unknown.Type || used.Detail != unknown.Detail {
		t.Fatalf("a used link and an unknown one answer differently: %+v / %+v", used, unknown)
	}
	var list struct{ Items []feedbackView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/matters/" + matterID + "/feedback", Token: staff.Token}).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].Source != "client_link" || list.Items[0].Satisfaction != 4 || list.Items[0].Comment != "Thank you." {
		t.Fatalf("feedback: %+v", list.Items)
	}
}

func TestFeedback_AnExpiredOrReplacedLinkIsGone(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff, priya := env.Login(t, nonprofitStaff, password), env.Login(t, priyaEmail, password)
	_, matterID := northsideMatter(t, env)
	closeMatter(t, env, priya, matterID, closing("counsel_advice", true, 2))

	first := feedbackLink(t, env, staff, matterID)
	second := feedbackLink(t, env, staff, matterID)
	publicFeedback(t, env, "GET", first, nil).Problem(t, http.StatusGone) // replaced by the second
	if r := publicFeedback(t, env, "GET", second, nil); r.Status != http.StatusOK {
		t.Fatalf("the new link: %d %s", r.Status, r.Body)
	}
	if _, err := sqlDB(t, env).Exec(`UPDATE feedback_links SET expires_at = now() - interval '1 second' WHERE matter_id = $1`, matterID); err != nil {
		t.Fatal(err)
	}
	publicFeedback(t, env, "GET", second, nil).Problem(t, http.StatusGone)
	publicFeedback(t, env, "POST", second, map[string]any{"satisfaction": 3}).Problem(t, http.StatusGone)
	if n := queryInt(t, sqlDB(t, env), `SELECT count(*) FROM client_feedback WHERE matter_id = $1`, matterID); n != 0 {
		t.Fatalf("%d feedback rows from expired links", n)
	}
}

func TestFeedback_PublicLinksAreRateLimitedPerAddress(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	var last *apptest.Response
	for range 31 {
		last = publicFeedback(t, env, "GET", "guess-"+strings.Repeat("a", 20), nil)
		if last.Status == http.StatusTooManyRequests {
			break
		}
	}
	last.Problem(t, http.StatusTooManyRequests)
	if last.Header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
}

type impactView struct {
	OrgID            string `json:"org_id"`
	From             string `json:"from"`
	To               string `json:"to"`
	Submitted        int    `json:"submitted"`
	TimeToFirstOffer struct {
		Count       int      `json:"count"`
		MedianHours *float64 `json:"median_hours"`
		P90Hours    *float64 `json:"p90_hours"`
	} `json:"time_to_first_offer"`
	TimeToAcceptance struct {
		Count       int      `json:"count"`
		MedianHours *float64 `json:"median_hours"`
		P90Hours    *float64 `json:"p90_hours"`
	} `json:"time_to_acceptance"`
	MatchesByMonth []struct {
		Month   string `json:"month"`
		Matters int    `json:"matters"`
	} `json:"matches_by_month"`
	Outcomes struct {
		Closed        int     `json:"closed"`
		GoalMet       int     `json:"goal_met"`
		ReportedHours float64 `json:"reported_hours"`
		ByCategory    []struct {
			Outcome string `json:"outcome"`
			Closed  int    `json:"closed"`
			GoalMet int    `json:"goal_met"`
		} `json:"by_category"`
	} `json:"outcomes"`
	Satisfaction struct {
		Count        int      `json:"count"`
		Average      *float64 `json:"average"`
		Distribution []int    `json:"distribution"`
	} `json:"satisfaction"`
	UnmetNeed []struct {
		PracticeArea string `json:"practice_area"`
		Jurisdiction string `json:"jurisdiction"`
		Count        int    `json:"count"`
		Expired      int    `json:"expired"`
		Withdrawn    int    `json:"withdrawn"`
		Open         int    `json:"open"`
	} `json:"unmet_need"`
	OpenAfterDays int     `json:"open_after_days"`
	ApprovedHours float64 `json:"approved_hours"`
}

func getImpact(t *testing.T, env *apptest.Env, s apptest.Session, query string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/impact" + query, Token: s.Token})
}

// backdate moves a referral's submission, offers, matters and feedback into the past: submitted
// at `at`, offered `offerAfter` later, taken `matterAfter` later, closed and asked on `closedOn`.
func backdate(t *testing.T, env *apptest.Env, referralID, at, offerAfter, matterAfter, closedOn string) {
	t.Helper()
	db := sqlDB(t, env)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE referrals SET submitted_at = $2 WHERE id = $1`, []any{referralID, at}},
		{`UPDATE offers SET created_at = $2::timestamptz + $3::interval WHERE referral_id = $1`, []any{referralID, at, offerAfter}},
		{`UPDATE matters SET started_at = $2::timestamptz + $3::interval, ended_at = $4 WHERE referral_id = $1`, []any{referralID, at, matterAfter, closedOn}},
		{`UPDATE client_feedback SET created_at = $2 WHERE referral_id = $1`, []any{referralID, closedOn}},
	} {
		if _, err := db.Exec(q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
}

func TestImpact_FiguresOfAKnownSetOfReferralsForTheReferrerAlone(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff, coord, priya := env.Login(t, nonprofitStaff, password), env.Login(t, coordinator, password), env.Login(t, priyaEmail, password)

	// Two referrals taken and closed, with feedback from staff and from a client's link.
	first, firstMatter := northsideMatter(t, env)
	closeMatter(t, env, priya, firstMatter, closing("counsel_advice", true, 3.5))
	recordFeedback(t, env, staff, firstMatter, map[string]any{"satisfaction": 5})
	if r := publicFeedback(t, env, "POST", feedbackLink(t, env, staff, firstMatter), map[string]any{"satisfaction": 4}); r.Status != http.StatusNoContent {
		t.Fatalf("answer: %d %s", r.Status, r.Body)
	}
	second, secondMatter := northsideMatter(t, env)
	closeMatter(t, env, priya, secondMatter, closing("court_contested", false, 12))
	recordFeedback(t, env, staff, secondMatter, map[string]any{"satisfaction": 2})
	// One offered, then withdrawn by the referrer without anyone taking it; one nobody was offered.
	withdrawn := createReferral(t, env, staff, offerableBody())
	routeOffers(t, env, coord, withdrawn.ID, userID(t, env, priyaEmail))
	if r := transition(t, env, staff, withdrawn.ID, map[string]string{"to": "withdrawn"}); r.Status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	open := createReferral(t, env, staff, offerableBody())

	backdate(t, env, first, "2025-01-10T00:00:00Z", "2 hours", "10 hours", "2025-01-20T00:00:00Z")
	backdate(t, env, second, "2025-02-05T00:00:00Z", "4 hours", "20 hours", "2025-03-01T00:00:00Z")
	backdate(t, env, withdrawn.ID, "2025-02-10T00:00:00Z", "6 hours", "0 hours", "2025-02-11T00:00:00Z")
	backdate(t, env, open.ID, "2025-03-01T00:00:00Z", "0 hours", "0 hours", "2025-03-02T00:00:00Z")

	r := getImpact(t, env, staff, "?from=2025-01-01&to=2025-03-31")
	if r.Status != http.StatusOK {
		t.Fatalf("impact: %d %s", r.Status, r.Body)
	}
	var im impactView
	r.JSON(t, &im)
	near := func(got *float64, want float64) bool { return got != nil && *got > want-1e-6 && *got < want+1e-6 }
	if im.From != "2025-01-01" || im.To != "2025-03-31" || im.Submitted != 4 || im.OrgID != orgOf(t, env, staff) {
		t.Fatalf("period and count: %+v", im)
	}
	// Offers after 2, 4 and 6 hours; matters after 10 and 20 (percentiles interpolated).
	if o := im.TimeToFirstOffer; o.Count != 3 || !near(o.MedianHours, 4) || !near(o.P90Hours, 5.6) {
		t.Fatalf("time to first offer: %+v (%v, %v)", o, *o.MedianHours, *o.P90Hours)
	}
	if a := im.TimeToAcceptance; a.Count != 2 || !near(a.MedianHours, 15) || !near(a.P90Hours, 19) {
		t.Fatalf("time to acceptance: %+v", a)
	}
	months := fmt.Sprint(im.MatchesByMonth)
	if months != "[{2025-01 1} {2025-02 1} {2025-03 0}]" {
		t.Fatalf("matches by month: %s", months)
	}
	o := im.Outcomes
	if o.Closed != 2 || o.GoalMet != 1 || o.ReportedHours != 15.5 || fmt.Sprint(o.ByCategory) != "[{counsel_advice 1 1} {court_contested 1 0}]" {
		t.Fatalf("outcomes: %+v", o)
	}
	if s := im.Satisfaction; s.Count != 3 || !near(s.Average, 11.0/3) || fmt.Sprint(s.Distribution) != "[0 1 0 1 1]" {
		t.Fatalf("satisfaction: %+v", s)
	}
	if fmt.Sprint(im.UnmetNeed) != "[{housing.private_landlord_tenant IL 2 0 1 1}]" || im.OpenAfterDays != 7 {
		t.Fatalf("unmet need: %+v", im.UnmetNeed)
	}

	// Platform admins see the same for the organisation, and every referrer's together (here the same).
	admin := env.Login(t, "admin@probono.example", password)
	for _, q := range []string{"?from=2025-01-01&to=2025-03-31&org_id=" + im.OrgID, "?from=2025-01-01&to=2025-03-31"} {
		var seen impactView
		getImpact(t, env, admin, q).JSON(t, &seen)
		if seen.Submitted != 4 || seen.Outcomes.Closed != 2 || seen.Satisfaction.Count != 3 {
			t.Fatalf("platform admin %s: %+v", q, seen)
		}
	}
	// Another referrer sees its own, none of these; naming Northside answers 404; firms get 403.
	riverbend := env.Login(t, "staff@riverbend.example", password)
	var theirs impactView
	getImpact(t, env, riverbend, "?from=2025-01-01&to=2025-03-31").JSON(t, &theirs)
	if theirs.Submitted != 0 || theirs.Outcomes.Closed != 0 || len(theirs.UnmetNeed) != 0 || theirs.OrgID == im.OrgID {
		t.Fatalf("Riverbend's impact holds Northside's referrals: %+v", theirs)
	}
	getImpact(t, env, riverbend, "?org_id="+im.OrgID).Problem(t, http.StatusNotFound)
	getImpact(t, env, coord, "").Problem(t, http.StatusForbidden)
	getImpact(t, env, priya, "?org_id="+im.OrgID).Problem(t, http.StatusForbidden)
}

func TestImpact_DefaultsToTheLastTwelveMonths(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	var im impactView
	r := getImpact(t, env, env.Login(t, nonprofitStaff, password), "")
	r.JSON(t, &im)
	today := time.Now().UTC()
	if r.Status != http.StatusOK || im.To != today.Format(time.DateOnly) || len(im.MatchesByMonth) != 12 ||
		im.MatchesByMonth[11].Month != today.Format("2006-01") || im.From != im.MatchesByMonth[0].Month+"-01" {
		t.Fatalf("default period: %d %+v", r.Status, im)
	}
}

func TestPartnership_DeliveredHoursAreTheApprovedHoursOfItsFirmReferrerAreasAndDates(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, firmAdmin := env.Login(t, coordinator, password), env.Login(t, "admin@hartwell.example", password)
	today := time.Now().UTC()
	body := partnershipBody(orgOf(t, env, firmAdmin), orgOf(t, env, env.Login(t, nonprofitStaff, password)))
	body["starts_on"], body["ends_on"] = today.Format("2006")+"-01-01", today.Format("2006")+"-12-31"
	createPartnership(t, env, firmAdmin, body)
	priya, housing := priyasMatter(t, env, 400)
	// Time approved on the housing matter: 2.5 hours today (within the partnership's year and its
	// housing area), 4 hours the December before it started; 1 hour submitted, not approved.
	lastDecember := time.Date(today.Year()-1, time.December, 15, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	for _, e := range []struct {
		day     string
		minutes int
	}{{attorneyDay(0), 150}, {lastDecember, 240}} {
		entry := logTime(t, env, priya, housing, e.day, e.minutes, true)
		if r := timeAction(t, env, coord, entry.ID, "approve", nil); r.Status != http.StatusOK {
			t.Fatalf("approve: %d %s", r.Status, r.Body)
		}
	}
	logTime(t, env, priya, housing, attorneyDay(0), 60, true)
	var list struct {
		Items []struct {
			ReferrerName   string  `json:"referrer_name"`
			PledgedHours   int     `json:"pledged_hours"`
			DeliveredHours float64 `json:"delivered_hours"`
			HoursLeft      float64 `json:"hours_left"`
		} `json:"items"`
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/partnerships", Token: coord.Token}).JSON(t, &list)
	found := false
	for _, p := range list.Items {
		if p.ReferrerName == "Northside Legal Aid Society" {
			found = true
			if p.DeliveredHours != 2.5 || p.HoursLeft != float64(p.PledgedHours)-2.5 {
				t.Fatalf("partnership: %+v", p)
			}
		}
	}
	if !found {
		t.Fatalf("no partnership with Northside: %+v", list.Items)
	}
}

func TestFeedback_ALinksTokenNeverReachesTheAccessLog(t *testing.T) {
	t.Parallel()
	logs := &lockedBuffer{}
	env := apptest.New(t, apptest.WithLog(logs), apptest.Configure(func(c *config.Config) { c.LogLevel = "info" }))
	staff, priya := env.Login(t, nonprofitStaff, password), env.Login(t, priyaEmail, password)
	_, matterID := northsideMatter(t, env)
	closeMatter(t, env, priya, matterID, closing("counsel_advice", true, 2))
	token := feedbackLink(t, env, staff, matterID)
	publicFeedback(t, env, "GET", token, nil)
	publicFeedback(t, env, "POST", token, map[string]any{"satisfaction": 5})
	if strings.Contains(logs.String(), token) || !strings.Contains(logs.String(), "/api/v1/feedback/{token}") {
		t.Fatalf("the access log: %s", logs.String())
	}
}

func TestImpact_CostsTheSameQueriesHoweverManyReferralsAndMatters(t *testing.T) {
	t.Parallel()
	var queries apptest.QueryCounter
	env := apptest.New(t, apptest.WithQueryTracer(&queries))
	staff, priya := env.Login(t, nonprofitStaff, password), env.Login(t, priyaEmail, password)
	cost := func() int64 {
		before := queries.Count()
		if r := getImpact(t, env, staff, ""); r.Status != http.StatusOK {
			t.Fatalf("impact: %d %s", r.Status, r.Body)
		}
		return queries.Count() - before
	}
	few := cost()
	for range 3 {
		_, matterID := northsideMatter(t, env)
		closeMatter(t, env, priya, matterID, closing("limited_action", true, 1))
		recordFeedback(t, env, staff, matterID, map[string]any{"satisfaction": 4})
		createReferral(t, env, staff, offerableBody())
	}
	if many := cost(); many != few {
		t.Fatalf("impact cost %d queries, then %d with more referrals", few, many)
	}
}

// While an attorney holds the referral, its referrer cannot close it from under them: the
// attorney closes the matter with its outcome, which closes the referral.
func TestOutcome_TheReferrerCannotCloseAReferralWhoseMatterIsActive(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff, priya := env.Login(t, nonprofitStaff, password), env.Login(t, priyaEmail, password)
	referralID, matterID := northsideMatter(t, env)

	p := transition(t, env, staff, referralID, map[string]string{"to": "closed", "outcome": "counsel_and_advice"}).Problem(t, http.StatusConflict)
	if !strings.Contains(p.Detail, "attorney closes it") {
		t.Fatalf("detail %q", p.Detail)
	}
	if s := referralStatus(t, env, staff, referralID); s != "accepted" {
		t.Fatalf("referral is %s, want still accepted", s)
	}
	if r := closeMatter(t, env, priya, matterID, closing("limited_action", true, 1)); r.Status != http.StatusOK {
		t.Fatalf("close: %d %s", r.Status, r.Body)
	}
	if s := referralStatus(t, env, staff, referralID); s != "closed" {
		t.Fatalf("referral is %s after its matter closed", s)
	}
}
