package notify

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

// Each email is a pair of templates in templates/: NAME.txt defines its "subject" and its plain-text
// "body", NAME.html its HTML "body", each set inside the layout of its kind. Adding an email is one
// such pair, a struct of what it says and a function like InvitationEmail. What an email says is
// never client data: it names the event and links into the app, which checks who may see what.
//
//go:embed templates
var templateFiles embed.FS

// emailTemplate is one email's pair of templates.
type emailTemplate struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

// action is a call to action for the HTML layout's "button": (action "Label" .Link).
type action struct{ Label, URL string }

var htmlFuncs = htmltemplate.FuncMap{"action": func(label, url string) action { return action{label, url} }}

// mustTemplate parses the pair called name with the layouts; a template that does not parse stops
// the program at start, not at the first email.
func mustTemplate(name string) *emailTemplate {
	return &emailTemplate{
		text: texttemplate.Must(texttemplate.New(name).ParseFS(templateFiles, "templates/layout.txt", "templates/"+name+".txt")),
		html: htmltemplate.Must(htmltemplate.New(name).Funcs(htmlFuncs).ParseFS(templateFiles, "templates/layout.html", "templates/"+name+".html")),
	}
}

// compose renders t with data into the email with the given id (see Email.ID) to the address to.
func (t *emailTemplate) compose(id, to string, data any) (Email, error) {
	var subject, text, html bytes.Buffer
	if err := t.text.ExecuteTemplate(&subject, "subject", data); err != nil {
		return Email{}, fmt.Errorf("email subject: %w", err)
	}
	if err := t.text.ExecuteTemplate(&text, "layout", data); err != nil {
		return Email{}, fmt.Errorf("email text: %w", err)
	}
	if err := t.html.ExecuteTemplate(&html, "layout", data); err != nil {
		return Email{}, fmt.Errorf("email HTML: %w", err)
	}
	return Email{ID: id, To: to, Subject: strings.TrimSpace(subject.String()), Text: text.String(), HTML: html.String()}, nil
}

var (
	invitationTemplate    = mustTemplate("invitation")
	passwordResetTemplate = mustTemplate("password_reset")
)

// Invitation is what an invitation to join an organisation says.
type Invitation struct {
	OrgName string
	Role    string // as people read it, e.g. "nonprofit staff"
	// HasAccount is set when the address already has an account: an account belongs to one
	// organisation, so the email explains that instead of offering a link that cannot work.
	HasAccount bool
	Link       string // the app's page that accepts the invitation
}

// InvitationEmail is the invitation v to the address to; id names the invitation (see Email.ID).
func InvitationEmail(id, to string, v Invitation) (Email, error) {
	return invitationTemplate.compose(id, to, v)
}

// PasswordReset is what a password reset email says.
type PasswordReset struct {
	Name string // the account holder's
	Link string // the app's page that sets the new password
}

// PasswordResetEmail is the reset v to the address to; id names the reset (see Email.ID).
func PasswordResetEmail(id, to string, v PasswordReset) (Email, error) {
	return passwordResetTemplate.compose(id, to, v)
}
