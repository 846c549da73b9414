// Package smtptest runs a real SMTP server inside a test, as net/http/httptest runs an HTTP one: it
// requires authentication with its own credentials, accepts every message and keeps it for the
// test to read.
package smtptest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Credentials the server accepts, as URL puts them in SMTP_URL.
const (
	User     = "mailer"
	Password = "s3cret pass/word"
)

// Message is one message the server accepted.
type Message struct {
	From string   // the envelope sender (MAIL FROM)
	To   []string // the envelope recipients (RCPT TO)
	Data []byte   // the message as it came, headers and body
}

// Server is an SMTP server on a local port, closed when the test ends.
type Server struct {
	addr    string
	mu      sync.Mutex
	kept    []Message
	arrived chan struct{} // signalled when a message arrives
}

// NewServer starts a server on 127.0.0.1.
func NewServer(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{addr: ln.Addr().String(), arrived: make(chan struct{}, 1)}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{server: s}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true // plain text on the loopback interface, as the mailer allows for localhost
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 1 << 20
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return s
}

// URL is an SMTP_URL for the server, sending as from.
func (s *Server) URL(from string) string {
	u := url.URL{Scheme: "smtp", User: url.UserPassword(User, Password), Host: s.addr, RawQuery: url.Values{"from": {from}}.Encode()}
	return u.String()
}

// Messages returns the messages accepted so far, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.kept...)
}

// Wait returns the messages once at least n have arrived, failing the test after 10 seconds.
func (s *Server) Wait(t testing.TB, n int) []Message {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		if m := s.Messages(); len(m) >= n {
			return m
		}
		select {
		case <-s.arrived:
		case <-deadline:
			t.Fatalf("want %d messages, %d arrived in 10 seconds", n, len(s.Messages()))
		}
	}
}

// Parsed is a multipart/alternative message read with net/mail and mime/multipart.
type Parsed struct {
	Header mail.Header
	// Types are the parts' media types in order; Text and HTML their decoded bodies, with the
	// CRLF line ends of mail read as "\n".
	Types      []string
	Text, HTML string
}

// Parse reads m as a multipart/alternative message, failing the test if it is not one.
func (m Message) Parse(t testing.TB) Parsed {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatalf("reading message: %v\n%s", err, m.Data)
	}
	p := Parsed{Header: msg.Header}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	parts := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := parts.NextPart() // undoes quoted-printable itself
		if err == io.EOF {
			return p
		}
		if err != nil {
			t.Fatalf("reading part: %v", err)
		}
		partType, _, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil {
			t.Fatalf("part Content-Type %q: %v", part.Header.Get("Content-Type"), err)
		}
		body, err := io.ReadAll(part)
		if err != nil {
			t.Fatalf("reading %s part: %v", partType, err)
		}
		p.Types = append(p.Types, partType)
		text := strings.ReplaceAll(string(body), "\r\n", "\n")
		switch partType {
		case "text/plain":
			p.Text = text
		case "text/html":
			p.HTML = text
		}
	}
}

type session struct {
	server *Server
	authed bool
	msg    Message
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != User || password != Password {
			return errors.New("invalid credentials")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.msg = Message{From: from}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.msg.To = append(s.msg.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("reading message: %w", err)
	}
	s.msg.Data = data
	s.server.mu.Lock()
	s.server.kept = append(s.server.kept, s.msg)
	s.server.mu.Unlock()
	select {
	case s.server.arrived <- struct{}{}:
	default: // a signal is already waiting: Wait counts the messages anyway
	}
	return nil
}

func (s *session) Reset() { s.msg = Message{} }

func (s *session) Logout() error { return nil }
