package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/probono-match/probono/internal/auth"
)

// Response is a finished HTTP exchange.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test if it is not JSON.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("response body is not JSON (%v): %s", err, r.Body)
	}
}

// Problem is an RFC 9457 problem body.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
	Errors   []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

// Problem checks that the response is application/problem+json with the given status and returns it.
func (r *Response) Problem(t testing.TB, status int) Problem {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status = %d, want %d; body: %s", r.Status, status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var p Problem
	r.JSON(t, &p)
	if p.Status != status || p.Type == "" || p.Title == "" || p.Instance == "" {
		t.Fatalf("incomplete problem: %+v", p)
	}
	return p
}

// Request describes one call; Body is sent as is if it is a string or []byte, else as JSON.
type Request struct {
	Method  string
	Path    string
	Body    any
	Token   string
	Cookies []*http.Cookie
	Header  http.Header
}

// Do sends the request to the application.
func (e *Env) Do(t testing.TB, r Request) *Response {
	t.Helper()
	var body io.Reader
	switch b := r.Body.(type) {
	case nil:
	case string:
		body = bytes.NewBufferString(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequest(r.Method, e.Server.URL+r.Path, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, vs := range r.Header {
		req.Header[k] = vs
	}
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	for _, c := range r.Cookies {
		req.AddCookie(c)
	}
	res, err := e.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: data}
}

// Session is a signed-in user: their access token and refresh cookie.
type Session struct {
	Token   string
	Refresh *http.Cookie
}

// TokenFrom reads the access token and the refresh cookie of a sign-in response.
func TokenFrom(t testing.TB, r *Response) Session {
	t.Helper()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	r.JSON(t, &body)
	if body.AccessToken == "" {
		t.Fatalf("no access token in %s", r.Body)
	}
	s := Session{Token: body.AccessToken}
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == "pm_refresh" {
			s.Refresh = c
		}
	}
	if s.Refresh == nil {
		t.Fatalf("no refresh cookie set: %v", r.Header.Values("Set-Cookie"))
	}
	return s
}

// Login signs in with email and password and fails the test unless it succeeds.
func (e *Env) Login(t testing.TB, email, password string) Session {
	t.Helper()
	r := e.Do(t, Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": email, "password": password}})
	if r.Status != http.StatusOK {
		t.Fatalf("login %s: status %d: %s", email, r.Status, r.Body)
	}
	return TokenFrom(t, r)
}

// Principal is the authenticated caller a demo account is, for calling services directly.
func (e *Env) Principal(t testing.TB, email string) auth.Principal {
	t.Helper()
	a, err := e.App.Store.AccountByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return auth.Principal{UserID: a.ID, OrgID: a.OrgID, OrgKind: auth.OrgKind(a.OrgKind), Role: auth.Role(a.Role)}
}
