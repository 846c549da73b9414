package api_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/notify"
)

// demoAttorneys are the demo firms' attorneys.
const graceEmail = "grace.mwangi@castellan.example"

var demoAttorneys = []string{priyaEmail, jamesEmail, "elena.vasquez@hartwell.example", "wei.zhang@castellan.example", graceEmail}

// newOpportunities returns s's notifications of new referrals that fit them.
func newOpportunities(t *testing.T, env *apptest.Env, s apptest.Session) []notificationView {
	t.Helper()
	var out []notificationView
	for _, n := range listNotifications(t, env, s, "?limit=100").Items {
		if n.EventType == string(notify.EventNewOpportunities) {
			out = append(out, n)
		}
	}
	return out
}

func TestPeriodic_NewOpportunitiesTellTheBestFitsOnceADayThroughTheirDigest(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	withSamples(t, env)
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, castellanCoordinator, password)
	admin := env.Login(t, platformAdmin, password)
	mine := createReferral(t, env, staff, offerableBody())
	graceID := userID(t, env, graceEmail)
	if c := listCandidates(t, env, admin, mine.ID, "?limit=25"); !slices.ContainsFunc(c.Items, func(c candidateView) bool { return c.AttorneyID == graceID }) {
		t.Fatalf("Grace is not a candidate for the demo referral: %+v", c.Items)
	}
	// Grace is offered it: her offer told her of it, the digest does not again.
	routeOffers(t, env, coord, mine.ID, graceID)
	now := submittedAt(t, env, staff, mine.ID).Add(time.Hour)

	// What each attorney should hear: how many of the open referrals (all opened within the
	// hour) have them among their 25 best candidates, not counting the one Grace was offered.
	var open struct{ Items []referralView }
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals?limit=100", Token: admin.Token}).JSON(t, &open)
	fits := map[string]int{}
	for _, r := range open.Items {
		if r.Status != "submitted" && r.Status != "offered" && r.Status != "matching" {
			continue
		}
		for _, c := range listCandidates(t, env, admin, r.ID, "?limit=25").Items {
			if r.ID != mine.ID || c.AttorneyID != graceID {
				fits[c.AttorneyID]++
			}
		}
	}
	if len(fits) < 2 {
		t.Fatalf("too few attorneys fit the demo referrals to tell anything: %v", fits)
	}
	runJob(t, env, "new-opportunities", now)
	runJob(t, env, "new-opportunities", now.Add(time.Minute)) // the same day again tells nobody twice

	told := map[string][]notificationView{}
	for _, email := range demoAttorneys {
		s := env.Login(t, email, password)
		told[email] = newOpportunities(t, env, s)
		want := ""
		if n := fits[userID(t, env, email)]; n > 0 {
			want = "New referrals that fit you: " + strconv.Itoa(n)
		}
		ns := told[email]
		if want == "" {
			if len(ns) != 0 {
				t.Fatalf("%s is not a candidate and was told %+v", email, ns)
			}
			continue
		}
		if len(ns) != 1 || ns[0].Title != want || ns[0].Link != "/opportunities" {
			t.Fatalf("%s: %+v, want one %q", email, ns, want)
		}
		// Daily by default: no email until the digest.
		for _, e := range env.Mail.To(email) {
			if strings.Contains(e.Subject, "New referrals that fit you") {
				t.Fatalf("%s was emailed at once: %+v", email, e)
			}
		}
	}

	// The next day's run finds nothing new opened in its window.
	runJob(t, env, "new-opportunities", now.Add(25*time.Hour))
	if ns := newOpportunities(t, env, env.Login(t, graceEmail, password)); len(ns) != len(told[graceEmail]) {
		t.Fatalf("the next day told Grace again: %+v", ns)
	}
	if len(told[graceEmail]) == 0 {
		t.Fatal("Grace fits none of the other demo referrals, so her digest shows nothing")
	}
	runJob(t, env, "digest-daily", now.Add(2*time.Hour))
	digested := false
	for _, e := range env.Mail.To(graceEmail) {
		digested = digested || (strings.Contains(e.Text, "since your last digest") && strings.Contains(e.Text, told[graceEmail][0].Title))
	}
	if !digested {
		t.Fatalf("Grace's daily digest does not carry the new referrals: %+v", env.Mail.To(graceEmail))
	}
	// Nobody but attorneys hears of it.
	if ns := newOpportunities(t, env, coord); len(ns) != 0 {
		t.Fatalf("the coordinator was told %+v", ns)
	}
	if r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/me/notification-preferences", Token: staff.Token}); r.Status != http.StatusOK ||
		strings.Contains(string(r.Body), string(notify.EventNewOpportunities)) {
		t.Fatalf("nonprofit staff are offered the attorneys' preference: %d %s", r.Status, r.Body)
	}
}
