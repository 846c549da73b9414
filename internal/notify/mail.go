// Package notify tells people what happened: in-app notifications, their preferences, and email,
// each email sent once per event and recipient.
package notify

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	netmail "net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	gomail "github.com/wneessen/go-mail"

	"github.com/probono-match/probono/internal/platform/metrics"
)

// Email is one message with a plain-text and an HTML body saying the same. Bodies never carry client
// information: they point to the app, which checks who may see what.
type Email struct {
	// ID names the message for good: its Message-ID is built from it, so a copy sent again (a retried
	// task) is recognisably the same message. Letters, digits, '.', '_' and '-' only; empty gives a
	// random Message-ID.
	ID      string
	To      string
	Subject string
	Text    string
	HTML    string
}

// Mailer sends email. Send returns an error when the message was not handed to the mail server;
// the caller decides whether to retry.
type Mailer interface {
	Send(ctx context.Context, e Email) error
}

// DefaultFrom is the sender when SMTP_URL names none.
const DefaultFrom = "Probono Match <no-reply@probono-match.org>"

// NewMailer returns a mailer for smtpURL, counting what it sends and fails to send in m. When
// smtpURL is empty, in development the mailer is a new DevMailbox, also returned so its emails can
// be shown; elsewhere it drops messages with a warning.
func NewMailer(smtpURL string, dev bool, log *slog.Logger, m *metrics.Metrics) (Mailer, *DevMailbox, error) {
	switch {
	case smtpURL != "":
		smtp, err := NewSMTPMailer(smtpURL)
		if err != nil {
			return nil, nil, err
		}
		return countedMailer{smtp, m}, nil, nil
	case dev:
		b := NewDevMailbox(log)
		return b, b, nil
	default:
		return dropMailer{log: log}, nil, nil
	}
}

// dropMailer stands in outside development when no SMTP server is configured: it says that nothing
// was sent, and never logs the message (it may hold a token).
type dropMailer struct{ log *slog.Logger }

func (m dropMailer) Send(ctx context.Context, e Email) error {
	m.log.WarnContext(ctx, "email not sent: SMTP_URL is not configured", "subject", e.Subject)
	return nil
}

// countedMailer counts the emails the mail server took and those it did not.
type countedMailer struct {
	Mailer
	metrics *metrics.Metrics
}

func (m countedMailer) Send(ctx context.Context, e Email) error {
	if err := m.Mailer.Send(ctx, e); err != nil {
		m.metrics.EmailFailed()
		return err
	}
	m.metrics.EmailSent()
	return nil
}

// SMTPMailer hands messages to one SMTP server.
type SMTPMailer struct {
	host        string
	port        int
	implicitTLS bool
	starttls    gomail.TLSPolicy
	user, pass  string
	from        *netmail.Address
}

// NewSMTPMailer parses smtpURL: smtp://user:pass@host:port?from=addr&starttls=policy for a server
// that may upgrade the connection with STARTTLS (port 587 by default), or smtps://… for one spoken
// to over TLS from the start (port 465 by default). starttls is "opportunistic" (the default: used
// when the server offers it, as Mailpit and local relays do not), "mandatory" or "off". With a user,
// the mailer authenticates (PLAIN or LOGIN, never over an unencrypted connection except to localhost).
func NewSMTPMailer(smtpURL string) (*SMTPMailer, error) {
	u, err := url.Parse(smtpURL)
	if err != nil {
		return nil, fmt.Errorf("SMTP_URL is not a valid URL")
	}
	m := &SMTPMailer{host: u.Hostname(), starttls: gomail.TLSOpportunistic, port: gomail.DefaultPortTLS}
	switch u.Scheme {
	case "smtp":
	case "smtps":
		m.implicitTLS, m.port = true, gomail.DefaultPortSSL
	default:
		return nil, fmt.Errorf("SMTP_URL must start with smtp:// or smtps://")
	}
	if m.host == "" {
		return nil, fmt.Errorf("SMTP_URL names no host")
	}
	if p := u.Port(); p != "" {
		if m.port, err = strconv.Atoi(p); err != nil || m.port < 1 || m.port > 65535 {
			return nil, fmt.Errorf("SMTP_URL has an invalid port %q", p)
		}
	}
	q := u.Query()
	switch q.Get("starttls") {
	case "", "opportunistic":
	case "mandatory":
		m.starttls = gomail.TLSMandatory
	case "off":
		m.starttls = gomail.NoTLS
	default:
		return nil, fmt.Errorf("SMTP_URL: starttls must be opportunistic, mandatory or off")
	}
	from := q.Get("from")
	if from == "" {
		from = DefaultFrom
	}
	if m.from, err = netmail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("SMTP_URL: from is not an email address: %w", err)
	}
	if u.User != nil {
		m.user = u.User.Username()
		m.pass, _ = u.User.Password()
	}
	return m, nil
}

// messageIDPart is what Email.ID may hold: it goes verbatim into the Message-ID's left-hand side.
var messageIDPart = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// message builds e as a multipart/alternative MIME message. go-mail parses the addresses and encodes
// the subject, so nothing a caller puts in them can add a header.
func (m *SMTPMailer) message(e Email) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(m.from)
	if err := msg.To(e.To); err != nil {
		return nil, fmt.Errorf("email recipient: %w", err)
	}
	msg.Subject(e.Subject)
	msg.SetDate()
	switch {
	case e.ID == "":
		msg.SetMessageID()
	case messageIDPart.MatchString(e.ID):
		msg.SetMessageIDWithValue(e.ID + "@" + m.from.Address[strings.LastIndex(m.from.Address, "@")+1:])
	default:
		return nil, fmt.Errorf("email id %q may hold only letters, digits, '.', '_' and '-'", e.ID)
	}
	// Automatic mail: out-of-office replies are not wanted (RFC 3834).
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, e.Text)
	if e.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, e.HTML)
	}
	return msg, nil
}

// Send delivers e over one connection. ctx bounds the whole exchange, not only the dial: when it
// ends, the connection is closed and Send returns.
func (m *SMTPMailer) Send(ctx context.Context, e Email) error {
	msg, err := m.message(e)
	if err != nil {
		return err
	}
	var stop func() bool
	dial := func(dialCtx context.Context, network, addr string) (net.Conn, error) {
		var d interface {
			DialContext(context.Context, string, string) (net.Conn, error)
		} = &net.Dialer{}
		if m.implicitTLS {
			d = &tls.Dialer{Config: &tls.Config{ServerName: m.host, MinVersion: tls.VersionTLS12}}
		}
		conn, err := d.DialContext(dialCtx, network, addr)
		if err == nil {
			stop = context.AfterFunc(ctx, func() { conn.Close() })
		}
		return conn, err
	}
	opts := []gomail.Option{gomail.WithPort(m.port), gomail.WithTLSPolicy(m.starttls), gomail.WithDialContextFunc(dial)}
	if m.implicitTLS {
		// Tells go-mail not to attempt STARTTLS on the connection dial has already encrypted.
		opts = append(opts, gomail.WithSSL())
	}
	if m.user != "" {
		opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(m.user), gomail.WithPassword(m.pass))
	}
	client, err := gomail.NewClient(m.host, opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	err = client.DialAndSendWithContext(ctx, msg)
	if stop != nil {
		stop()
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("sending email: %w (%w)", context.Cause(ctx), err)
		}
		return fmt.Errorf("sending email: %w", err)
	}
	return nil
}
