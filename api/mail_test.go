package api_test

import (
	"context"
	"mime"
	"net/http"
	"net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/notify/smtptest"
	"github.com/probono-match/probono/internal/platform/config"
)

// mailedLink finds a link into the app (the test application's BASE_URL) in an email body.
func mailedLink(path string) *regexp.Regexp {
	return regexp.MustCompile(`http://probono\.test` + regexp.QuoteMeta(path) + `\?token=([A-Za-z0-9_-]+)`)
}

// assertMailHeaders checks the headers every email of the application carries.
func assertMailHeaders(t *testing.T, p smtptest.Parsed, to, subject, messageID string) {
	t.Helper()
	from, err := mail.ParseAddress(p.Header.Get("From"))
	if err != nil || from.Name != "Probono Match" || from.Address != "no-reply@probono.test" {
		t.Errorf("From %q: %v", p.Header.Get("From"), err)
	}
	rcpt, err := mail.ParseAddress(p.Header.Get("To"))
	if err != nil || rcpt.Address != to {
		t.Errorf("To %q, want %s: %v", p.Header.Get("To"), to, err)
	}
	if got, err := new(mime.WordDecoder).DecodeHeader(p.Header.Get("Subject")); err != nil || got != subject {
		t.Errorf("Subject %q, want %q: %v", got, subject, err)
	}
	if date, err := p.Header.Date(); err != nil || time.Since(date).Abs() > time.Minute {
		t.Errorf("Date %q: %v", p.Header.Get("Date"), err)
	}
	if got := p.Header.Get("Message-Id"); got != messageID {
		t.Errorf("Message-ID %q, want %q", got, messageID)
	}
	if strings.Join(p.Types, ",") != "text/plain,text/html" {
		t.Errorf("parts %v, want text/plain and text/html", p.Types)
	}
}

// clientData is what referralBody says about its client and parties, which no email may repeat.
var clientData = []string{"María", "González", "Gonz", "maria@example.org", "312-555-0100", "1985-04-12", "Prefers calls",
	"Lakeview", "Tenant facing eviction", "24000"}

func assertNoClientData(t *testing.T, msg smtptest.Message, p smtptest.Parsed) {
	t.Helper()
	assertSaysNoClientData(t, string(msg.Data), p.Text, p.HTML)
}

// assertSaysNoClientData fails the test for each text that repeats something of clientData.
func assertSaysNoClientData(t *testing.T, texts ...string) {
	t.Helper()
	for _, text := range texts {
		for _, s := range clientData {
			if strings.Contains(text, s) {
				t.Errorf("%q is said in:\n%s", s, text)
			}
		}
	}
}

func TestMail_InvitationAndResetArriveOverSMTPWithWorkingLinksAndNoClientData(t *testing.T) {
	t.Parallel()
	srv := smtptest.NewServer(t)
	env := apptest.New(t, apptest.MailerFromConfig(), apptest.Configure(func(c *config.Config) {
		c.SMTPURL = srv.URL("Probono Match <no-reply@probono.test>")
	}))
	env.StartWorker(t, jobs.Options{}) // which sends the emails
	staff := env.Login(t, nonprofitStaff, password)
	createReferral(t, env, staff, referralBody(true)) // client data the emails must keep out
	admin := env.Login(t, "admin@northside.example", password)

	var inv struct{ ID string }
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations/" + orgOf(t, env, admin) + "/invitations", Token: admin.Token,
		Body: map[string]string{"email": "new.staff@northside.example", "role": "nonprofit_staff"}})
	if r.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &inv)
	msg := srv.Wait(t, 1)[0]
	if len(msg.To) != 1 || msg.To[0] != "new.staff@northside.example" || msg.From != "no-reply@probono.test" {
		t.Fatalf("envelope from %s to %v", msg.From, msg.To)
	}
	p := msg.Parse(t)
	assertMailHeaders(t, p, "new.staff@northside.example", "You are invited to join Northside Legal Aid Society on Probono Match",
		"<invitation-"+inv.ID+"@probono.test>")
	assertNoClientData(t, msg, p)
	link := mailedLink("/invite")
	m := link.FindStringSubmatch(p.Text)
	if m == nil || !strings.Contains(p.HTML, `href="`+m[0]+`"`) {
		t.Fatalf("no invitation link in both parts:\n%s\n%s", p.Text, p.HTML)
	}
	r = env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/invitations/accept",
		Body: map[string]string{"token": m[1], "name": "Noor Haddad", "password": "a long enough passphrase"}})
	if r.Status != http.StatusCreated {
		t.Fatalf("accepting with the emailed token: %d %s", r.Status, r.Body)
	}
	env.Login(t, "new.staff@northside.example", "a long enough passphrase")

	if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": nonprofitStaff}}); r.Status != http.StatusAccepted {
		t.Fatalf("reset: %d %s", r.Status, r.Body)
	}
	msg = srv.Wait(t, 2)[1]
	p = msg.Parse(t)
	if id := p.Header.Get("Message-Id"); !regexp.MustCompile(`^<password-reset-[0-9a-f-]{36}@probono\.test>$`).MatchString(id) {
		t.Errorf("reset Message-ID %q", id)
	}
	assertMailHeaders(t, p, nonprofitStaff, "Reset your Probono Match password", p.Header.Get("Message-Id"))
	assertNoClientData(t, msg, p)
	m = mailedLink("/reset-password").FindStringSubmatch(p.Text)
	if m == nil || !strings.Contains(p.HTML, `href="`+m[0]+`"`) {
		t.Fatalf("no reset link in both parts:\n%s\n%s", p.Text, p.HTML)
	}
	if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/password-reset/confirm",
		Body: map[string]string{"token": m[1], "password": "a brand new passphrase"}}); r.Status != http.StatusNoContent {
		t.Fatalf("confirming with the emailed token: %d %s", r.Status, r.Body)
	}
	env.Login(t, nonprofitStaff, "a brand new passphrase")
}

func TestMail_NotificationAndDigestArriveOverSMTPWithALinkAndNoClientData(t *testing.T) {
	t.Parallel()
	srv := smtptest.NewServer(t)
	env := apptest.New(t, apptest.MailerFromConfig(), apptest.Configure(func(c *config.Config) {
		c.SMTPURL = srv.URL("Probono Match <no-reply@probono.test>")
	}))
	ctx := context.Background()
	referral := createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	const digested = "admin@hartwell.example"
	setPreferences(t, env, env.Login(t, digested, password), map[string]string{"conflict_to_clear": "daily"})

	// A potential conflict on the referral, as its event names it: by area and place, never by client.
	e := notify.Event{ID: uuid.New(), Type: notify.EventConflictToClear, To: userIDs(t, env, coordinator, digested),
		Params: notify.Params{"referral": referral.ID, "area": "Housing", "jurisdiction": "Illinois"}}
	notifyEvent(t, env, e)
	if err := env.App.Notify.SendDue(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := env.App.Notify.SendDigests(ctx, notify.Daily); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Wait(t, 2)
	byRecipient := map[string]smtptest.Message{}
	for _, m := range msgs {
		byRecipient[m.To[0]] = m
	}
	for _, who := range []string{coordinator, digested} {
		msg, ok := byRecipient[who]
		if !ok {
			t.Fatalf("no email to %s among %d", who, len(msgs))
		}
		p := msg.Parse(t)
		subject, _ := new(mime.WordDecoder).DecodeHeader(p.Header.Get("Subject"))
		assertMailHeaders(t, p, who, subject, p.Header.Get("Message-Id"))
		if subject == "" || !strings.HasSuffix(p.Header.Get("Message-Id"), "@probono.test>") {
			t.Errorf("Subject %q, Message-ID %q", subject, p.Header.Get("Message-Id"))
		}
		assertNoClientData(t, msg, p)
		link := "http://probono.test/referrals/" + referral.ID
		if !strings.Contains(p.Text, link) || !strings.Contains(p.HTML, `href="`+link) {
			t.Errorf("no link to the referral in both parts:\n%s\n%s", p.Text, p.HTML)
		}
	}
}
