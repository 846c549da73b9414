package api_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
)

type timelineView struct {
	Items []struct {
		Action       string   `json:"action"`
		ActorName    string   `json:"actor_name"`
		AttorneyName string   `json:"attorney_name"`
		FirmName     string   `json:"firm_name"`
		Reason       string   `json:"reason"`
		Fields       []string `json:"fields"`
		ToStatus     string   `json:"to_status"`
	} `json:"items"`
	NextCursor string `json:"next_cursor"`
}

func timeline(t *testing.T, env *apptest.Env, s apptest.Session, referralID, query string) timelineView {
	t.Helper()
	var tl timelineView
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + referralID + "/timeline" + query, Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("timeline: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &tl)
	return tl
}

func actions(tl timelineView) []string {
	var out []string
	for _, s := range tl.Items {
		out = append(out, s.Action)
	}
	return out
}

func TestMatter_StartedThenWithdrawnTheReferralGoesBackToMatchingAndTheTimelineTellsItAll(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, coordinator, password)
	priya := env.Login(t, priyaEmail, password)
	v := createReferral(t, env, staff, offerableBody())
	b := offerableBody()
	b["summary"] = "Tenant facing eviction for non-payment after a rent increase; hearing moved."
	putReferral(t, env, staff.Token, v.ID, b, "")
	offers := routeOffers(t, env, coord, v.ID, userID(t, env, priyaEmail))
	getOffer(t, env, priya, offers[0].ID)
	var m matterView
	acceptOffer(t, env, priya, offers[0].ID).JSON(t, &m)

	start := func(s apptest.Session) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/matters/" + m.ID + "/start", Token: s.Token})
	}
	start(coord).Problem(t, http.StatusForbidden)
	if r := start(priya); r.Status != http.StatusOK {
		t.Fatalf("start: %d %s", r.Status, r.Body)
	}
	if s := referralStatus(t, env, staff, v.ID); s != "in_progress" {
		t.Fatalf("referral is %s", s)
	}
	start(priya).Problem(t, http.StatusConflict)

	var mine struct{ Items []matterView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/matters", Token: priya.Token}).JSON(t, &mine)
	var theirs struct{ Items []matterView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/matters", Token: staff.Token}).JSON(t, &theirs)
	if len(mine.Items) != 1 || len(theirs.Items) != 1 || theirs.Items[0].AttorneyName != "Priya Raman" || theirs.Items[0].Client != nil {
		t.Fatalf("lists: %+v / %+v", mine.Items, theirs.Items)
	}

	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/matters/" + m.ID + "/withdraw", Token: priya.Token,
		Body: map[string]string{"reason": "client_unreachable"}})
	r.JSON(t, &m)
	if r.Status != http.StatusOK || m.Status != "withdrawn" {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	if s := referralStatus(t, env, staff, v.ID); s != "matching" {
		t.Fatalf("referral is %s, want matching", s)
	}
	// A withdrawn matter shows its client to nobody.
	var after matterView
	getMatter(t, env, priya, m.ID).JSON(t, &after)
	if after.Client != nil {
		t.Fatal("the client is shown after the withdrawal")
	}

	tl := timeline(t, env, staff, v.ID, "")
	want := []string{"created", "updated", "offered", "viewed", "accepted", "matter_started", "matter_withdrawn"}
	if got := actions(tl); !slices.Equal(got, want) {
		t.Fatalf("timeline %v, want %v", got, want)
	}
	offered, withdrawn := tl.Items[2], tl.Items[6]
	if offered.AttorneyName != "Priya Raman" || offered.FirmName != "Hartwell & Pierce LLP" || offered.ToStatus != "offered" {
		t.Fatalf("offered step: %+v", offered)
	}
	if withdrawn.Reason != "client_unreachable" || withdrawn.ToStatus != "matching" || !slices.Equal(tl.Items[1].Fields, []string{"summary"}) {
		t.Fatalf("steps: %+v", tl.Items)
	}
	// Pages of two walk the same steps.
	var paged []string
	for q := "?limit=2"; ; {
		page := timeline(t, env, staff, v.ID, q)
		paged = append(paged, actions(page)...)
		if page.NextCursor == "" {
			break
		}
		q = "?limit=2&cursor=" + page.NextCursor
	}
	if !slices.Equal(paged, want) {
		t.Fatalf("paged timeline %v", paged)
	}
	// The timeline is the referrer's and platform admins'.
	timeline(t, env, env.Login(t, platformAdmin, password), v.ID, "")
	for _, s := range []apptest.Session{priya, coord} {
		env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + v.ID + "/timeline", Token: s.Token}).Problem(t, http.StatusNotFound)
	}
}

func TestOffer_AVolunteerTheReferrerConfirmsGetsTheMatter(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	priya := env.Login(t, priyaEmail, password)
	v := createReferral(t, env, staff, offerableBody())

	interest := func(s apptest.Session, attest bool) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + v.ID + "/interest", Token: s.Token,
			Body: map[string]bool{"attest_no_conflict": attest}})
	}
	interest(env.Login(t, coordinator, password), true).Problem(t, http.StatusForbidden)
	interest(env.Login(t, "staff@riverbend.example", password), true).Problem(t, http.StatusNotFound)
	interest(priya, false).Problem(t, http.StatusUnprocessableEntity)
	r := interest(priya, true)
	var o offerView
	r.JSON(t, &o)
	if r.Status != http.StatusCreated || o.Mode != "volunteer" || o.ExpiresAt != "" {
		t.Fatalf("interest: %d %s", r.Status, r.Body)
	}
	interest(priya, true).Problem(t, http.StatusConflict)

	var waiting struct{ Items []offerView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/offers?status=pending", Token: staff.Token}).JSON(t, &waiting)
	if len(waiting.Items) != 1 || waiting.Items[0].ID != o.ID || waiting.Items[0].AttorneyName != "Priya Raman" {
		t.Fatalf("the referrer's offers: %+v", waiting.Items)
	}
	confirm := func(s apptest.Session) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/offers/" + o.ID + "/confirm", Token: s.Token})
	}
	confirm(priya).Problem(t, http.StatusForbidden)
	r = confirm(staff)
	var m matterView
	r.JSON(t, &m)
	if r.Status != http.StatusCreated || m.AttorneyID != userID(t, env, priyaEmail) || m.Client != nil {
		t.Fatalf("confirm: %d %s", r.Status, r.Body)
	}
	if s := referralStatus(t, env, staff, v.ID); s != "accepted" {
		t.Fatalf("referral is %s", s)
	}
	if got := actions(timeline(t, env, staff, v.ID, "")); !slices.Equal(got, []string{"created", "interested", "accepted"}) {
		t.Fatalf("timeline %v", got)
	}
}

func TestOffer_ExpiryJobExpiresOnceAndRemindsOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.StartWorker(t, jobs.Options{})
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, coordinator, password)
	priya, james := env.Login(t, priyaEmail, password), env.Login(t, jamesEmail, password)
	v := createReferral(t, env, staff, offerableBody())
	offers := routeOffers(t, env, coord, v.ID, userID(t, env, priyaEmail), userID(t, env, jamesEmail))
	db := sqlDB(t, env)
	soon, late := offers[0].ID, offers[1].ID
	if _, err := db.Exec(`UPDATE offers SET expires_at = now() + interval '2 hours' WHERE id = $1`, soon); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE offers SET expires_at = now() - interval '1 minute' WHERE id = $1`, late); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for run, want := range []int{1, 0} {
		expired, err := env.App.Offers.ExpireDue(ctx)
		if err != nil || expired != want {
			t.Fatalf("run %d: expired %d, %v; want %d", run, expired, err, want)
		}
		reminded, err := env.App.Offers.RemindExpiring(ctx)
		if err != nil || reminded != want {
			t.Fatalf("run %d: reminded %d, %v; want %d", run, reminded, err, want)
		}
	}
	env.WaitForEvents(t)
	expiredOffer := offers[1]
	if expiredOffer.AttorneyID == userID(t, env, priyaEmail) {
		priya, james = james, priya // the sessions of whoever got each offer
	}
	if o := getOffer(t, env, james, late); o.Status != "expired" {
		t.Fatalf("offer is %s", o.Status)
	}
	acceptOffer(t, env, james, late).Problem(t, http.StatusConflict)
	if s := referralStatus(t, env, staff, v.ID); s != "offered" {
		t.Fatalf("with one offer pending the referral is %s", s)
	}
	expiring := notificationsOf(t, env, priya, "offer_expiring")
	if len(expiring) != 1 || !strings.Contains(expiring[0], "expires within 24 hours") {
		t.Fatalf("reminders: %v", expiring)
	}
	if n := len(notificationsOf(t, env, james, "offer_expired")); n != 1 {
		t.Fatalf("%d expiry notifications", n)
	}
	assertNoClientFacts(t, env, expiring...)
	if got := actions(timeline(t, env, staff, v.ID, "")); !slices.Equal(got, []string{"created", "offered", "offered", "expired"}) {
		t.Fatalf("timeline %v", got)
	}
}

// notificationsOf returns the titles of the user's notifications of one event type.
func notificationsOf(t *testing.T, env *apptest.Env, s apptest.Session, eventType string) []string {
	t.Helper()
	var titles []string
	for _, n := range listNotifications(t, env, s, "?limit=100").Items {
		if n.EventType == eventType {
			titles = append(titles, n.Title)
		}
	}
	return titles
}

func TestOffer_NotificationsTellEachSideAndNameNoClient(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.StartWorker(t, jobs.Options{})
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, coordinator, password)
	priya, james := env.Login(t, priyaEmail, password), env.Login(t, jamesEmail, password)
	v := createReferral(t, env, staff, offerableBody()) // urgent
	offers := routeOffers(t, env, coord, v.ID, userID(t, env, priyaEmail), userID(t, env, jamesEmail))
	env.WaitForEvents(t)
	made := notificationsOf(t, env, priya, "urgent_offer_made")
	if len(made) != 1 || len(env.MailTo(t, priyaEmail)) != 1 {
		t.Fatalf("urgent offer notifications: %v", made)
	}
	mine := offers[0]
	if mine.AttorneyID != userID(t, env, priyaEmail) {
		mine = offers[1]
	}
	var m matterView
	acceptOffer(t, env, priya, mine.ID).JSON(t, &m)
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/matters/" + m.ID + "/start", Token: priya.Token})
	env.WaitForEvents(t)

	accepted := notificationsOf(t, env, staff, "offer_accepted")
	if len(accepted) != 1 || !strings.Contains(accepted[0], "Hartwell & Pierce LLP") {
		t.Fatalf("the referrer's: %v", accepted)
	}
	if n := len(notificationsOf(t, env, coord, "offer_accepted")); n != 1 {
		t.Fatalf("the coordinator got %d", n)
	}
	closed := notificationsOf(t, env, james, "offer_closed")
	if len(closed) != 1 {
		t.Fatalf("the other attorney's: %v", closed)
	}
	started := slices.Concat(notificationsOf(t, env, staff, "matter_started"), notificationsOf(t, env, coord, "matter_started"))
	if len(started) != 2 {
		t.Fatalf("matter started: %v", started)
	}
	assertNoClientFacts(t, env, slices.Concat(made, accepted, closed, started)...)
}
