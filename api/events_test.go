package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
)

const castellanCoordinator = "coordinator@castellan.example"

// assertNoClientFacts fails the test if the texts or any email sent repeat what the referral says
// of its client.
func assertNoClientFacts(t *testing.T, env *apptest.Env, texts ...string) {
	t.Helper()
	for _, e := range env.Mail.All() {
		texts = append(texts, e.Subject, e.Text, e.HTML)
	}
	assertSaysNoClientData(t, texts...)
}

func TestEvents_ASubmittedReferralTellsTheFirmsCoordinators(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.StartWorker(t, jobs.Options{})
	hartwell := env.Login(t, coordinator, password)
	castellan := env.Login(t, castellanCoordinator, password)
	setPreferences(t, env, castellan, map[string]string{"referral_submitted": "immediate"}) // off unless asked for
	addEntry(t, env, hartwell, "Lakeview Properties Group", "organization", "related")

	v := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	env.WaitForEvents(t)

	toClear, mails := about(t, env, hartwell, coordinator, "conflict_to_clear", v.ID)
	if len(toClear) != 1 || len(mails) != 1 {
		t.Fatalf("Hartwell's coordinator: %d notifications, %d emails of the conflict to clear", len(toClear), len(mails))
	}
	if n, _ := about(t, env, hartwell, coordinator, "referral_submitted", v.ID); len(n) != 0 {
		t.Fatal("a firm that cannot see the referral yet was told it is open")
	}
	open, mails := about(t, env, castellan, castellanCoordinator, "referral_submitted", v.ID)
	if len(open) != 1 || len(mails) != 1 || !strings.Contains(open[0].Title, "A new referral in") {
		t.Fatalf("Castellan's coordinator: %+v, %d emails", open, len(mails))
	}
	assertNoClientFacts(t, env, toClear[0].Title, open[0].Title)
}

func TestEvents_AStatusChangeTellsTheOtherStaffOfTheOrganisation(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.StartWorker(t, jobs.Options{})
	staff := env.Login(t, nonprofitStaff, password)
	v := createReferral(t, env, staff, referralBody(true))
	if r := transition(t, env, staff, v.ID, map[string]string{"to": "withdrawn"}); r.Status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}
	env.WaitForEvents(t)
	admin := env.Login(t, "admin@northside.example", password)
	changed, mails := about(t, env, admin, "admin@northside.example", "referral_status_changed", v.ID)
	if len(changed) != 1 || len(mails) != 1 || !strings.HasSuffix(changed[0].Title, "is now withdrawn") {
		t.Fatalf("the organisation's admin: %+v, %d emails", changed, len(mails))
	}
	if mine, _ := about(t, env, staff, nonprofitStaff, "referral_status_changed", v.ID); len(mine) != 0 {
		t.Fatal("whoever changed the status was told of it")
	}
	assertNoClientFacts(t, env, changed[0].Title)
}

func TestEvents_AFinishedImportTellsWhoeverImported(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.StartWorker(t, jobs.Options{})
	coord := env.Login(t, coordinator, password)
	r := importCSV(t, env, coord, "partial", csvHeader+"Quinton Ashby,person,adverse,,M-1\nNobody,alien,adverse,,M-2\n")
	if r.Status != http.StatusOK {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	env.WaitForEvents(t)
	var finished []notificationView
	for _, n := range listNotifications(t, env, coord, "").Items {
		if n.EventType == "import_finished" {
			finished = append(finished, n)
		}
	}
	if len(finished) != 1 || !strings.Contains(finished[0].Title, "1 entries added, 1 rejected") || len(env.MailTo(t, coordinator)) != 1 {
		t.Fatalf("import finished: %+v", finished)
	}
}

// Every kind of event, handled, then each of its tasks delivered again (as when the relay hands an
// event over again because its task seemed lost): nothing is written or sent twice.
func TestEvents_EveryHandlerIgnoresARedeliveredTask(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	db := sqlDB(t, env)
	prefix := apptest.QueuePrefix()
	env.StartWorker(t, jobs.Options{QueuePrefix: prefix})
	staff := env.Login(t, nonprofitStaff, password)
	coord := env.Login(t, coordinator, password)
	admin := env.Login(t, "admin@northside.example", password)

	addEntry(t, env, coord, "Lakeview Properties Group", "organization", "related")
	v := createReferral(t, env, staff, referralBody(true))
	createFirm(t, env, "Redelivery LLP")
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations/" + orgOf(t, env, admin) + "/invitations", Token: admin.Token,
		Body: map[string]string{"email": "twice@northside.example", "role": "nonprofit_staff"}})
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": nonprofitStaff}})
	importCSV(t, env, coord, "partial", csvHeader+"Quinton Ashby,person,adverse,,M-1\n")
	transition(t, env, staff, v.ID, map[string]string{"to": "withdrawn"})
	offerEvents(t, env, staff, coord)
	hoursEvents(t, env, coord)
	env.WaitForEvents(t)

	state := func() string {
		var b strings.Builder
		for _, q := range []string{
			`SELECT count(*) FROM notifications`,
			`SELECT count(*) FROM notification_deliveries`,
			`SELECT count(*) FROM conflict_checks`,
			`SELECT count(*) FROM conflict_hits`,
			`SELECT count(*) FROM invitations`,
			`SELECT count(*) FROM password_resets`,
			`SELECT count(*) FROM conflict_imports WHERE status = 'done'`,
			`SELECT count(*) FROM offers WHERE status = 'pending'`,
		} {
			b.WriteString(strings.Fields(q)[3] + "=")
			b.WriteString(strings.Repeat("|", queryInt(t, db, q)) + " ")
		}
		return b.String()
	}
	before, mails := state(), len(env.Mail.All())
	types := map[string]bool{}
	rows, err := db.Query(`SELECT id, type, payload FROM outbox_events WHERE done_at IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	client := asynq.NewClient(env.App.RedisOpt)
	defer client.Close()
	queue := prefix + jobs.QueueDefault
	inspector := asynq.NewInspector(env.App.RedisOpt)
	defer inspector.Close()
	info, err := inspector.GetQueueInfo(queue)
	if err != nil {
		t.Fatal(err)
	}
	processed, sent := info.Processed, 0
	for rows.Next() {
		var id, eventType string
		var payload []byte
		if err := rows.Scan(&id, &eventType, &payload); err != nil {
			t.Fatal(err)
		}
		if _, err := client.Enqueue(asynq.NewTask(eventType, payload), asynq.TaskID(id), asynq.Queue(queue)); err != nil {
			t.Fatalf("enqueue %s again: %v", eventType, err)
		}
		types[eventType] = true
		sent++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"org:law_firm_created", "org:invitation_created", "auth:password_reset_requested",
		"referral:submitted", "referral:status_changed", "conflict:registry_imported",
		"offer:made", "offer:accepted", "offer:declined", "offer:expired", "offer:expiring", "offer:volunteered",
		"matter:started", "matter:withdrawn", "hours:approved", "hours:rejected"} {
		if !types[want] {
			t.Errorf("no %s event to deliver again", want)
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		info, err := inspector.GetQueueInfo(queue)
		if err != nil {
			t.Fatal(err)
		}
		if info.Processed-processed >= sent && info.Size == 0 {
			if info.Failed != 0 {
				t.Fatalf("%d redelivered tasks failed", info.Failed)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("redelivered tasks not all processed: %+v", info)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if after := state(); after != before || len(env.Mail.All()) != mails {
		t.Fatalf("redelivery changed something:\nbefore %s (%d emails)\nafter  %s (%d emails)", before, mails, after, len(env.Mail.All()))
	}
}

// offerEvents makes an event of each kind offers and matters emit: offers routed to Priya and
// James, one accepted, started and withdrawn, one declined, one expired, one about to expire, and
// an attorney's interest.
func offerEvents(t *testing.T, env *apptest.Env, staff, coord apptest.Session) {
	t.Helper()
	priya, james := env.Login(t, priyaEmail, password), env.Login(t, jamesEmail, password)
	priyaID, jamesID := userID(t, env, priyaEmail), userID(t, env, jamesEmail)
	taken := routeOffers(t, env, coord, createReferral(t, env, staff, offerableBody()).ID, priyaID)
	var m matterView
	acceptOffer(t, env, priya, taken[0].ID).JSON(t, &m)
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/matters/" + m.ID + "/start", Token: priya.Token})
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/matters/" + m.ID + "/withdraw", Token: priya.Token, Body: map[string]string{"reason": "no_capacity"}})
	declined := routeOffers(t, env, coord, createReferral(t, env, staff, offerableBody()).ID, jamesID)
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/offers/" + declined[0].ID + "/decline", Token: james.Token, Body: map[string]string{"reason": "conflict"}})
	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + createReferral(t, env, staff, offerableBody()).ID + "/interest", Token: priya.Token,
		Body: map[string]bool{"attest_no_conflict": true}})
	timed := routeOffers(t, env, coord, createReferral(t, env, staff, offerableBody()).ID, priyaID, jamesID)
	db := sqlDB(t, env)
	for i, shift := range []string{"-1 minute", "2 hours"} {
		if _, err := db.Exec(`UPDATE offers SET expires_at = now() + $2::interval WHERE id = $1`, timed[i].ID, shift); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	if _, err := env.App.Offers.ExpireDue(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Offers.RemindExpiring(ctx); err != nil {
		t.Fatal(err)
	}
}
