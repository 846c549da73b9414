package notify_test

import (
	"strings"
	"testing"

	"github.com/probono-match/probono/internal/notify"
)

func TestEmails_SayTheSameInTextAndHTMLAndEscapeWhatTheyAreGiven(t *testing.T) {
	const link = "https://app.test/invite?token=abc_-123"
	invite := notify.Invitation{OrgName: `Smith & <b>Co</b>`, Role: "nonprofit staff", Link: link}
	registered := invite
	registered.HasAccount = true
	cases := []struct {
		name           string
		compose        func() (notify.Email, error)
		subject        string
		says, saysNot  []string
		htmlLinks      int
		htmlSaysEscape string
	}{
		{"invitation", func() (notify.Email, error) { return notify.InvitationEmail("invitation-1", "ana@example.org", invite) },
			"You are invited to join Smith & <b>Co</b> on Probono Match", []string{"as nonprofit staff", "within seven days", link}, nil, 2, "Smith &amp; &lt;b&gt;Co&lt;/b&gt;"},
		{"invitation to an address with an account", func() (notify.Email, error) {
			return notify.InvitationEmail("invitation-2", "ana@example.org", registered)
		}, "You are invited to join Smith & <b>Co</b> on Probono Match", []string{"already has a Probono Match account", "was not told"}, []string{link, "token"}, 0, "Smith &amp; &lt;b&gt;Co&lt;/b&gt;"},
		{"password reset", func() (notify.Email, error) {
			return notify.PasswordResetEmail("password-reset-1", "ana@example.org", notify.PasswordReset{Name: "Ana <Ruiz>", Link: "https://app.test/reset-password?token=xyz"})
		}, "Reset your Probono Match password", []string{"Hello Ana", "within one hour", "https://app.test/reset-password?token=xyz"}, nil, 2, "Ana &lt;Ruiz&gt;"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := c.compose()
			if err != nil {
				t.Fatal(err)
			}
			if e.Subject != c.subject || e.To != "ana@example.org" || e.ID == "" {
				t.Fatalf("email: %+v", e)
			}
			for _, s := range c.says {
				if !strings.Contains(e.Text, s) || !strings.Contains(e.HTML, strings.ReplaceAll(s, "&", "&amp;")) && !strings.Contains(e.HTML, s) {
					t.Errorf("text or HTML does not say %q:\n%s\n%s", s, e.Text, e.HTML)
				}
			}
			for _, s := range c.saysNot {
				if strings.Contains(e.Text, s) || strings.Contains(e.HTML, s) {
					t.Errorf("says %q", s)
				}
			}
			if n := strings.Count(e.HTML, `href="`); n != c.htmlLinks {
				t.Errorf("%d links in the HTML, want %d", n, c.htmlLinks)
			}
			if !strings.Contains(e.HTML, c.htmlSaysEscape) || strings.Contains(e.HTML, "<b>") || strings.Contains(e.HTML, "<Ruiz>") {
				t.Errorf("HTML does not escape what it is given:\n%s", e.HTML)
			}
		})
	}
}
