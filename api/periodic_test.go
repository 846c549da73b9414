package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/notify"
)

// runJob runs the periodic job once, as its schedule would, with the clock at now.
func runJob(t *testing.T, env *apptest.Env, name string, now time.Time) {
	t.Helper()
	deps := env.App.WorkerDeps()
	deps.Now = func() time.Time { return now }
	if err := jobs.RunPeriodic(context.Background(), deps, name); err != nil {
		t.Fatalf("%s at %s: %v", name, now, err)
	}
}

// about returns s's notifications of the event type that link to the referral, and the emails to
// address whose subject is such a notification's title.
func about(t *testing.T, env *apptest.Env, s apptest.Session, address, eventType, referralID string) ([]notificationView, []notify.Email) {
	t.Helper()
	var ns []notificationView
	titles := map[string]bool{}
	for _, n := range listNotifications(t, env, s, "?limit=100").Items {
		if n.EventType == eventType && n.Link == "/referrals/"+referralID {
			ns = append(ns, n)
			titles[n.Title] = true
		}
	}
	var emails []notify.Email
	for _, e := range env.Mail.To(address) {
		if titles[e.Subject] && strings.Contains(e.Text, "/referrals/"+referralID) {
			emails = append(emails, e)
		}
	}
	return ns, emails
}

// foundAt is when the firm's check of the referral found its (first) potential hit.
func foundAt(t *testing.T, env *apptest.Env, coord apptest.Session, referralID string) time.Time {
	t.Helper()
	for _, p := range allPending(t, env, coord, 100) {
		if p.ReferralID == referralID {
			return p.FoundAt
		}
	}
	t.Fatalf("referral %s has no conflict to clear", referralID)
	return time.Time{}
}

func TestPeriodic_SendDueSendsTheEmailsThatWereNotSent(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	// Recorded with its email due, which nobody sent (as when the mail server was down).
	e := conflictEvent(t, env, coordinator)
	notifyEvent(t, env, e)
	if n := len(env.Mail.To(coordinator)); n != 0 {
		t.Fatalf("%d emails before the sweep", n)
	}

	env.StartWorker(t, jobs.Options{Schedules: map[string]string{"notify-send-due": "@every 1s"}})
	deadline := time.Now().Add(20 * time.Second)
	for len(env.Mail.To(coordinator)) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the sweep sent nothing")
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(2500 * time.Millisecond) // two more sweeps
	sent := env.Mail.To(coordinator)
	if len(sent) != 1 || !strings.Contains(sent[0].Text, "/referrals/"+e.Params["referral"]) {
		t.Fatalf("after three sweeps: %+v", sent)
	}
}

func TestPeriodic_ClearanceReminderAfter48HoursThenDaily(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	staff := env.Login(t, nonprofitStaff, password)
	addEntry(t, env, coord, "Lakeview Properties Group", "organization", "related")
	waiting := createReferral(t, env, staff, referralBody(true))
	cleared := createReferral(t, env, staff, referralBody(true))
	for _, h := range getCheck(t, env, coord, cleared.ID).Hits {
		if r := clearHit(t, env, coord, cleared.ID, h.ID, "Different company: a Wisconsin REIT."); r.Status != http.StatusOK {
			t.Fatalf("clear: %d %s", r.Status, r.Body)
		}
	}
	found := foundAt(t, env, coord, waiting.ID)

	expect := func(hours, want int) {
		t.Helper()
		runJob(t, env, "clearance-reminders", found.Add(time.Duration(hours)*time.Hour))
		ns, emails := about(t, env, coord, coordinator, string(notify.EventClearanceReminder), waiting.ID)
		if len(ns) != want || len(emails) != want {
			t.Fatalf("at +%dh: %d reminders and %d emails, want %d", hours, len(ns), len(emails), want)
		}
		if want > 0 && !strings.Contains(ns[0].Title, "Private Landlord/Tenant, Illinois") {
			t.Fatalf("title %q names no area and jurisdiction", ns[0].Title)
		}
		if ns, emails := about(t, env, coord, coordinator, string(notify.EventClearanceReminder), cleared.ID); len(ns)+len(emails) != 0 {
			t.Fatalf("at +%dh a cleared check reminded: %v %v", hours, ns, emails)
		}
	}
	expect(47, 0)
	expect(49, 1)
	expect(49, 1) // the same run again
	expect(60, 1) // a later run the same day
	expect(73, 2)
	expect(73, 2)

	// Another firm's coordinator, whose check found nothing, is reminded of nothing.
	castellan := "coordinator@castellan.example"
	if ns, emails := about(t, env, env.Login(t, castellan, password), castellan, string(notify.EventClearanceReminder), waiting.ID); len(ns)+len(emails) != 0 {
		t.Fatalf("another firm reminded: %v %v", ns, emails)
	}

	// Cleared, it reminds no more.
	for _, h := range getCheck(t, env, coord, waiting.ID).Hits {
		clearHit(t, env, coord, waiting.ID, h.ID, "Different company: a Wisconsin REIT.")
	}
	expect(97, 2)
}

// submittedAt is when the referral was submitted, as its organisation sees it.
func submittedAt(t *testing.T, env *apptest.Env, s apptest.Session, referralID string) time.Time {
	t.Helper()
	var v struct {
		SubmittedAt *time.Time `json:"submitted_at"`
	}
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + referralID, Token: s.Token})
	r.JSON(t, &v)
	if r.Status != http.StatusOK || v.SubmittedAt == nil {
		t.Fatalf("referral: %d %s", r.Status, r.Body)
	}
	return *v.SubmittedAt
}

func TestPeriodic_StaleReferralTellsItsOrganisationOncePerPeriod(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	setPreferences(t, env, staff, map[string]string{string(notify.EventReferralStale): "immediate"}) // daily by default
	waiting := createReferral(t, env, staff, referralBody(true))
	withdrawn := createReferral(t, env, staff, referralBody(true))
	if r := transition(t, env, staff, withdrawn.ID, map[string]string{"to": "withdrawn"}); r.Status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	draft := createReferral(t, env, staff, referralBody(false))
	submitted := submittedAt(t, env, staff, waiting.ID)
	days := time.Duration(env.App.Config.StaleReferralDays) * 24 * time.Hour

	expect := func(after time.Duration, want int, title string) {
		t.Helper()
		runJob(t, env, "stale-referrals", submitted.Add(after))
		ns, emails := about(t, env, staff, nonprofitStaff, string(notify.EventReferralStale), waiting.ID)
		if len(ns) != want || len(emails) != want {
			t.Fatalf("after %s: %d alerts and %d emails, want %d", after, len(ns), len(emails), want)
		}
		if want > 0 && ns[0].Title != title {
			t.Fatalf("newest title %q, want %q", ns[0].Title, title)
		}
		for _, other := range []string{withdrawn.ID, draft.ID} {
			if ns, emails := about(t, env, staff, nonprofitStaff, string(notify.EventReferralStale), other); len(ns)+len(emails) != 0 {
				t.Fatalf("after %s a referral not waiting was called stale: %v %v", after, ns, emails)
			}
		}
	}
	expect(days-time.Hour, 0, "")
	first := "No firm has taken your referral in Private Landlord/Tenant, Illinois after 7 days"
	expect(days+time.Hour, 1, first)
	expect(days+time.Hour, 1, first) // the same run again
	expect(2*days-time.Hour, 1, first)
	expect(2*days+time.Hour, 2, "No firm has taken your referral in Private Landlord/Tenant, Illinois after 14 days")
	expect(2*days+2*time.Hour, 2, "No firm has taken your referral in Private Landlord/Tenant, Illinois after 14 days")

	// Another organisation's staff hear nothing of it.
	riverbend := "staff@riverbend.example"
	if ns, emails := about(t, env, env.Login(t, riverbend, password), riverbend, string(notify.EventReferralStale), waiting.ID); len(ns)+len(emails) != 0 {
		t.Fatalf("another organisation told: %v %v", ns, emails)
	}
}

func TestPeriodic_DailyDigestIsOneEmailOfTheDaysEvents(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	staff := env.Login(t, nonprofitStaff, password)
	setPreferences(t, env, coord, map[string]string{string(notify.EventClearanceReminder): "daily"})
	addEntry(t, env, coord, "Lakeview Properties Group", "organization", "related")
	first := createReferral(t, env, staff, referralBody(true))
	second := createReferral(t, env, staff, referralBody(true))
	now := foundAt(t, env, coord, second.ID).Add(49 * time.Hour)

	runJob(t, env, "clearance-reminders", now)
	for _, id := range []string{first.ID, second.ID} {
		if ns, emails := about(t, env, coord, coordinator, string(notify.EventClearanceReminder), id); len(ns) != 1 || len(emails) != 0 {
			t.Fatalf("on the digest: %d reminders and %d emails of %s, want 1 and none", len(ns), len(emails), id)
		}
	}
	digests := func() []notify.Email {
		var out []notify.Email
		for _, e := range env.Mail.To(coordinator) {
			if strings.Contains(e.Text, "since your last digest") {
				out = append(out, e)
			}
		}
		return out
	}
	runJob(t, env, "digest-weekly", now)
	if d := digests(); len(d) != 0 {
		t.Fatalf("the weekly digest sent the daily one's notifications: %+v", d)
	}
	runJob(t, env, "digest-daily", now)
	d := digests()
	if len(d) != 1 || d[0].Subject != "Probono Match: 2 notifications" ||
		!strings.Contains(d[0].Text, "/referrals/"+first.ID) || !strings.Contains(d[0].Text, "/referrals/"+second.ID) {
		t.Fatalf("digest: %+v", d)
	}
	runJob(t, env, "digest-daily", now.Add(24*time.Hour))
	runJob(t, env, "clearance-reminders", now) // nothing new either
	runJob(t, env, "digest-daily", now.Add(24*time.Hour))
	if n := len(env.Mail.To(coordinator)); n != 1 {
		t.Fatalf("%d emails after the digest ran again, want the one digest", n)
	}
}
