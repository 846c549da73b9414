package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/notify/smtptest"
	"github.com/probono-match/probono/internal/platform/config"
)

const devMailbox = "/api/v1/admin/dev-mailbox"

type devEmail struct {
	To      string    `json:"to"`
	Subject string    `json:"subject"`
	SentAt  time.Time `json:"sent_at"`
	Text    string    `json:"text"`
}

func TestDevMailbox_PlatformAdminReadsTheInvitationAnyoneElseGets403(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.MailerFromConfig()) // development without SMTP_URL
	firmAdmin := env.Login(t, "admin@hartwell.example", password)
	if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations/" + orgOf(t, env, firmAdmin) + "/invitations", Token: firmAdmin.Token,
		Body: map[string]string{"email": "lateral@hartwell.example", "role": "attorney"}}); r.Status != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Status, r.Body)
	}
	env.MailTo(t, "lateral@hartwell.example") // the worker has sent it

	admin := env.Login(t, platformAdmin, password)
	r := env.Do(t, apptest.Request{Method: "GET", Path: devMailbox, Token: admin.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("dev mailbox: %d %s", r.Status, r.Body)
	}
	var box struct{ Items []devEmail }
	r.JSON(t, &box)
	if len(box.Items) != 1 {
		t.Fatalf("want the invitation, got %+v", box.Items)
	}
	e := box.Items[0]
	if e.To != "lateral@hartwell.example" || e.Subject != "You are invited to join Hartwell & Pierce LLP on Probono Match" ||
		time.Since(e.SentAt).Abs() > time.Minute || !mailedLink("/invite").MatchString(e.Text) {
		t.Fatalf("email: %+v", e)
	}

	for _, email := range []string{"admin@hartwell.example", coordinator, "priya.raman@hartwell.example", nonprofitStaff, "admin@northside.example"} {
		s := env.Login(t, email, password)
		env.Do(t, apptest.Request{Method: "GET", Path: devMailbox, Token: s.Token}).Problem(t, http.StatusForbidden)
	}
	env.Do(t, apptest.Request{Method: "GET", Path: devMailbox}).Problem(t, http.StatusUnauthorized)
}

func TestDevMailbox_IsNotFoundWhenTheServerSendsEmailOrRunsInProduction(t *testing.T) {
	t.Parallel()
	srv := smtptest.NewServer(t)
	for name, configure := range map[string]func(*config.Config){
		"SMTP_URL set": func(c *config.Config) { c.SMTPURL = srv.URL("Probono Match <no-reply@probono.test>") },
		"production":   func(c *config.Config) { c.Env = config.Production },
	} {
		t.Run(name, func(t *testing.T) {
			env := apptest.New(t, apptest.MailerFromConfig(), apptest.Configure(configure))
			admin := env.Login(t, platformAdmin, password)
			p := env.Do(t, apptest.Request{Method: "GET", Path: devMailbox, Token: admin.Token}).Problem(t, http.StatusNotFound)
			if !strings.HasSuffix(p.Type, "/not-found") || p.Detail == "" {
				t.Fatalf("problem: %+v", p)
			}
		})
	}
}
