package notify_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/notify/smtptest"
)

const from = "Probono Match <no-reply@probono.test>"

func mailer(t *testing.T, smtpURL string) *notify.SMTPMailer {
	t.Helper()
	m, err := notify.NewSMTPMailer(smtpURL)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSMTPMailer_SendsTextAndHTMLWithAMessageIDFromTheEmailsID(t *testing.T) {
	t.Parallel()
	srv := smtptest.NewServer(t)
	m := mailer(t, srv.URL(from))
	e := notify.Email{ID: "invitation-42", To: "ana@example.org", Subject: "Héllo", Text: "Plain ünïcode\n", HTML: "<p>Rich</p>"}
	for range 2 {
		if err := m.Send(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	msgs := srv.Wait(t, 2)
	if msgs[0].From != "no-reply@probono.test" || len(msgs[0].To) != 1 || msgs[0].To[0] != "ana@example.org" {
		t.Fatalf("envelope: %+v", msgs[0])
	}
	p := msgs[0].Parse(t)
	date, err := p.Header.Date()
	if err != nil || time.Since(date) > time.Minute {
		t.Fatalf("Date %q: %v", p.Header.Get("Date"), err)
	}
	want := map[string]string{"From": `"Probono Match" <no-reply@probono.test>`, "To": "<ana@example.org>",
		"Message-Id": "<invitation-42@probono.test>", "Auto-Submitted": "auto-generated"}
	for h, v := range want {
		if got := p.Header.Get(h); got != v {
			t.Errorf("%s: %q, want %q", h, got, v)
		}
	}
	if got := p.Header.Get("Subject"); got == "Héllo" || !strings.HasPrefix(got, "=?UTF-8?") {
		t.Errorf("Subject %q is not encoded", got)
	}
	if strings.Join(p.Types, ",") != "text/plain,text/html" || p.Text != "Plain ünïcode\n" || p.HTML != "<p>Rich</p>" {
		t.Fatalf("parts %v: %q %q", p.Types, p.Text, p.HTML)
	}
	// The same email sent again is the same message to the recipient's mail reader.
	if again := msgs[1].Parse(t).Header.Get("Message-Id"); again != want["Message-Id"] {
		t.Fatalf("second Message-ID %q", again)
	}
}

func TestSMTPMailer_WithoutAnIDGivesEachMessageItsOwnMessageID(t *testing.T) {
	t.Parallel()
	srv := smtptest.NewServer(t)
	m := mailer(t, srv.URL(from))
	for range 2 {
		if err := m.Send(context.Background(), notify.Email{To: "ana@example.org", Subject: "Hi", Text: "Hi\n", HTML: "<p>Hi</p>"}); err != nil {
			t.Fatal(err)
		}
	}
	msgs := srv.Wait(t, 2)
	a, b := msgs[0].Parse(t).Header.Get("Message-Id"), msgs[1].Parse(t).Header.Get("Message-Id")
	if a == "" || a == b {
		t.Fatalf("Message-IDs %q and %q", a, b)
	}
}

func TestSMTPMailer_NothingInTheFieldsAddsAHeaderOrARecipient(t *testing.T) {
	t.Parallel()
	srv := smtptest.NewServer(t)
	m := mailer(t, srv.URL(from))
	ctx := context.Background()
	injected := "Hello\r\nBcc: eve@evil.example\r\n\r\nforged body"
	if err := m.Send(ctx, notify.Email{To: "ana@example.org", Subject: injected, Text: "Hi\n", HTML: "<p>Hi</p>"}); err != nil {
		t.Fatal(err)
	}
	msg := srv.Wait(t, 1)[0]
	p := msg.Parse(t)
	if len(msg.To) != 1 || p.Header.Get("Bcc") != "" || strings.Contains(string(msg.Data), "\r\nBcc:") || strings.Contains(p.Text, "forged") {
		t.Fatalf("the subject added a header or a recipient: %v\n%s", msg.To, msg.Data)
	}

	for _, e := range []notify.Email{
		{To: "ana@example.org\r\nBcc: eve@evil.example", Subject: "Hi", Text: "Hi\n"},
		{To: "ana@example.org, eve@evil.example", Subject: "Hi", Text: "Hi\n"},
		{ID: "id\r\nBcc: eve@evil.example", To: "ana@example.org", Subject: "Hi", Text: "Hi\n"},
		{ID: "<id@elsewhere>", To: "ana@example.org", Subject: "Hi", Text: "Hi\n"},
	} {
		if err := m.Send(ctx, e); err == nil {
			t.Errorf("sent %+v", e)
		}
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("%d messages arrived, want only the first", n)
	}
}

func TestSMTPMailer_ServerDownIsAnError(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there any more
	m := mailer(t, "smtp://"+addr)
	if err := m.Send(context.Background(), notify.Email{To: "ana@example.org", Subject: "Hi", Text: "Hi\n"}); err == nil {
		t.Fatal("sending to a server that is down succeeded")
	}
}

func TestSMTPMailer_ContextEndsASendToAServerThatHangs(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() { // accepts and never says a word, as a wedged server does
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { conn.Close() })
		}
	}()
	m := mailer(t, "smtp://"+ln.Addr().String())
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = m.Send(ctx, notify.Email{To: "ana@example.org", Subject: "Hi", Text: "Hi\n"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want the context's deadline, got %v", err)
	}
	// go-mail's own timeout is 15 s; the context's is what counts.
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("took %v", d)
	}
}

func TestSMTPMailer_MandatorySTARTTLSRefusesAServerWithoutIt(t *testing.T) {
	t.Parallel()
	srv := smtptest.NewServer(t)
	m := mailer(t, srv.URL(from)+"&starttls=mandatory")
	if err := m.Send(context.Background(), notify.Email{To: "ana@example.org", Subject: "Hi", Text: "Hi\n"}); err == nil {
		t.Fatal("sent in clear text")
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d messages arrived", n)
	}
}

func TestSMTPMailer_WrongCredentialsAreAnError(t *testing.T) {
	t.Parallel()
	srv := smtptest.NewServer(t)
	url := strings.Replace(srv.URL(from), "mailer:", "someone:", 1)
	if err := mailer(t, url).Send(context.Background(), notify.Email{To: "ana@example.org", Subject: "Hi", Text: "Hi\n"}); err == nil {
		t.Fatal("sent with wrong credentials")
	}
}

func TestNewSMTPMailer_RefusesWhatItCannotUse(t *testing.T) {
	for _, u := range []string{
		"http://mail.example:587",
		"smtp://:587",
		"smtp://mail.example:0",
		"smtp://mail.example:99999",
		"smtp://mail.example:587?starttls=sometimes",
		"smtp://mail.example:587?from=not-an-address",
		"smtps://mail.example?from=" + "a@b\r\nBcc: eve@evil.example",
	} {
		if _, err := notify.NewSMTPMailer(u); err == nil {
			t.Errorf("accepted %q", u)
		}
	}
	for _, u := range []string{"smtp://mailpit:1025", "smtps://user:pass@mail.example?from=Clinic%20%3Cclinic@example.org%3E", "smtp://mail.example?starttls=off"} {
		if _, err := notify.NewSMTPMailer(u); err != nil {
			t.Errorf("refused %q: %v", u, err)
		}
	}
}
