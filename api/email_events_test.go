package api_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/platform/config"
)

// stallingMailer holds its first email until the sender gives up (a mail server that never
// answers, and a worker stopped meanwhile); it records every other one.
type stallingMailer struct {
	stalled chan struct{}
	once    sync.Once
	apptest.Mailbox
}

func (m *stallingMailer) Send(ctx context.Context, e notify.Email) error {
	first := false
	m.once.Do(func() { first = true })
	if first {
		close(m.stalled)
		<-ctx.Done()
		return ctx.Err()
	}
	return m.Mailbox.Send(ctx, e)
}

func TestEmailEvents_AWorkerStoppedMidSendLeavesOneEmailToTheNextWorker(t *testing.T) {
	t.Parallel()
	mailer := &stallingMailer{stalled: make(chan struct{})}
	env := apptest.New(t, apptest.WithMailer(mailer))
	db := sqlDB(t, env)
	prefix := apptest.QueuePrefix()
	stop := env.StartWorker(t, jobs.Options{QueuePrefix: prefix, ShutdownTimeout: 200 * time.Millisecond})
	admin := env.Login(t, "admin@northside.example", password)
	if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations/" + orgOf(t, env, admin) + "/invitations", Token: admin.Token,
		Body: map[string]string{"email": "patient@northside.example", "role": "nonprofit_staff"}}); r.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	select {
	case <-mailer.stalled:
	case <-time.After(20 * time.Second):
		t.Fatal("the worker never started sending the invitation")
	}
	stop() // mid-send: the task goes back to the queue, the send is abandoned
	deadline := time.Now().Add(10 * time.Second)
	for queryInt(t, db, `SELECT count(*) FROM notification_deliveries WHERE user_id IS NULL AND status = 'failed'`) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the abandoned send was not recorded as failed")
		}
		time.Sleep(20 * time.Millisecond)
	}

	env.StartWorker(t, jobs.Options{QueuePrefix: prefix})
	env.WaitForEvents(t)
	mails := mailer.To("patient@northside.example")
	if len(mails) != 1 {
		t.Fatalf("%d invitation emails after the worker was stopped mid-send; want 1", len(mails))
	}
	token := inviteLink.FindStringSubmatch(mails[0].Text)[1]
	if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/invitations/accept",
		Body: map[string]string{"token": token, "name": "Pat Patient", "password": "a long enough passphrase"}}); r.Status != http.StatusCreated && r.Status != http.StatusOK {
		t.Fatalf("accepting the emailed invitation: %d %s", r.Status, r.Body)
	}
}

func TestEmailEvents_AMailOutageFailsNeitherTheInvitationNorTheReset(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.MailerFromConfig(), apptest.Configure(func(c *config.Config) {
		c.SMTPURL = "smtp://127.0.0.1:1" // nothing listens there
	}))
	db := sqlDB(t, env)
	env.StartWorker(t, jobs.Options{})
	admin := env.Login(t, "admin@northside.example", password)
	invitations := "/api/v1/organizations/" + orgOf(t, env, admin) + "/invitations"
	if r := env.Do(t, apptest.Request{Method: "POST", Path: invitations, Token: admin.Token,
		Body: map[string]string{"email": "unlucky@northside.example", "role": "nonprofit_staff"}}); r.Status != http.StatusCreated {
		t.Fatalf("invite while mail is down: %d %s", r.Status, r.Body)
	}
	for _, email := range []string{nonprofitStaff, "nobody@nowhere.example"} {
		if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": email}}); r.Status != http.StatusAccepted {
			t.Fatalf("reset for %s while mail is down: %d %s", email, r.Status, r.Body)
		}
	}
	var pending struct{ Items []struct{ Email string } }
	env.Do(t, apptest.Request{Method: "GET", Path: invitations, Token: admin.Token}).JSON(t, &pending)
	if len(pending.Items) != 1 || pending.Items[0].Email != "unlucky@northside.example" {
		t.Fatalf("pending invitations: %+v", pending.Items)
	}
	// The worker tried and failed; the invitation and the reset wait for mail to work again.
	deadline := time.Now().Add(20 * time.Second)
	for queryInt(t, db, `SELECT count(*) FROM notification_deliveries WHERE status = 'failed'`) != 2 {
		if time.Now().After(deadline) {
			t.Fatal("the failed sends were not recorded")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM outbox_events WHERE type IN ('org:invitation_created', 'auth:password_reset_requested') AND done_at IS NULL`); n != 2 {
		t.Fatalf("%d email events still to do; want both", n)
	}
}
