// Package notify delivers messages to people. For now it sends email; in-app notifications and
// preferences join it later.
package notify

import (
	"context"
	"fmt"
	"log/slog"
	"net/smtp"
	"net/url"
	"strings"
	"time"

	"github.com/probono-match/probono/internal/platform/metrics"
)

// Email is one plain-text message. Bodies never carry client information: they point to the app.
type Email struct {
	To      string
	Subject string
	Text    string
}

// Mailer sends email.
type Mailer interface {
	Send(ctx context.Context, e Email) error
}

// NewMailer returns an SMTP mailer for smtpURL (smtp://user:pass@host:port?from=addr), counting what
// it sends and fails to send in m, or, when smtpURL is empty, one that writes messages to the log in
// development and drops them with a warning otherwise.
func NewMailer(smtpURL string, dev bool, log *slog.Logger, m *metrics.Metrics) (Mailer, error) {
	if smtpURL == "" {
		return logMailer{log: log, dev: dev}, nil
	}
	u, err := url.Parse(smtpURL)
	if err != nil {
		return nil, fmt.Errorf("SMTP_URL: %w", err)
	}
	from := u.Query().Get("from")
	if from == "" {
		from = "Probono Match <no-reply@probono-match.org>"
	}
	mailer := &smtpMailer{addr: u.Host, from: from, metrics: m}
	if pass, ok := u.User.Password(); ok {
		mailer.auth = smtp.PlainAuth("", u.User.Username(), pass, u.Hostname())
	}
	return mailer, nil
}

// logMailer stands in when no SMTP server is configured. In development the whole message is logged
// so links (password reset, invitation) can be followed; elsewhere only the fact that nothing was sent.
type logMailer struct {
	log *slog.Logger
	dev bool
}

func (m logMailer) Send(ctx context.Context, e Email) error {
	if m.dev {
		m.log.InfoContext(ctx, "email (development: not sent)", "subject", e.Subject, "text", e.Text)
		return nil
	}
	m.log.WarnContext(ctx, "email not sent: SMTP_URL is not configured", "subject", e.Subject)
	return nil
}

type smtpMailer struct {
	addr    string
	from    string
	auth    smtp.Auth
	metrics *metrics.Metrics
}

func (m *smtpMailer) Send(ctx context.Context, e Email) error {
	if err := m.send(ctx, e); err != nil {
		m.metrics.EmailFailed()
		return err
	}
	m.metrics.EmailSent()
	return nil
}

func (m *smtpMailer) send(ctx context.Context, e Email) error {
	if strings.ContainsAny(e.To, "\r\n") || strings.ContainsAny(e.Subject, "\r\n") {
		return fmt.Errorf("email header contains a line break")
	}
	msg := strings.Join([]string{
		"From: " + m.from,
		"To: " + e.To,
		"Subject: " + e.Subject,
		"Date: " + time.Now().UTC().Format(time.RFC1123Z),
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=UTF-8",
		"",
		e.Text,
	}, "\r\n")
	fromAddr := m.from
	if i := strings.LastIndex(fromAddr, "<"); i >= 0 {
		fromAddr = strings.Trim(fromAddr[i:], "<>")
	}
	done := make(chan error, 1)
	go func() { done <- smtp.SendMail(m.addr, m.auth, fromAddr, []string{e.To}, []byte(msg)) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
