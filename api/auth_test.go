package api_test

import (
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/seed"
)

const (
	coordinator = "coordinator@hartwell.example"
	password    = seed.DemoPassword
)

type me struct {
	ID           string `json:"id"`
	Email        string `json:"email"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	Organization struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Kind string `json:"kind"`
	} `json:"organization"`
}

func getMe(t *testing.T, env *apptest.Env, token string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/me", Token: token})
}

func TestLogin_ThenMeShowsUserOrganizationAndRole(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	s := env.Login(t, "Coordinator@Hartwell.Example", password)

	r := getMe(t, env, s.Token)
	if r.Status != http.StatusOK {
		t.Fatalf("GET /me: %d %s", r.Status, r.Body)
	}
	var m me
	r.JSON(t, &m)
	if m.Name != "Dana Whitfield" || m.Role != "coordinator" || m.Organization.Name != "Hartwell & Pierce LLP" || m.Organization.Kind != "law_firm" {
		t.Fatalf("unexpected /me: %+v", m)
	}
	if !s.Refresh.HttpOnly || s.Refresh.SameSite != http.SameSiteStrictMode || s.Refresh.Path != "/api/v1/auth" {
		t.Fatalf("refresh cookie must be httpOnly, SameSite=Strict, scoped to /api/v1/auth: %+v", s.Refresh)
	}
}

func TestLogin_UnknownEmailAndWrongPasswordAnswerAlike(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	wrong := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": coordinator, "password": "not-the-password"}}).Problem(t, http.StatusUnauthorized)
	unknown := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": "nobody@nowhere.example", "password": "not-the-password"}}).Problem(t, http.StatusUnauthorized)
	if wrong.Detail != unknown.Detail || wrong.Type != unknown.Type {
		t.Fatalf("answers differ: %+v vs %+v", wrong, unknown)
	}
}

// forge signs claims with a key of our choosing.
func forge(t *testing.T, method jwt.SigningMethod, kid string, key any, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestMe_RejectsBadTokens(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	s := env.Login(t, coordinator, password)
	parts := strings.Split(s.Token, ".")
	var m me
	getMe(t, env, s.Token).JSON(t, &m)

	now := time.Now()
	claims := func(exp time.Time) jwt.MapClaims {
		return jwt.MapClaims{"iss": "probono-match", "aud": "probono-match-api", "sub": m.ID,
			"sid": uuid.NewString(), "iat": now.Add(-time.Hour).Unix(), "exp": exp.Unix()}
	}
	key := apptest.SigningKey
	noneHeader := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT","kid":"` + key.ID + `"}`))

	cases := map[string]string{
		"expired":      forge(t, jwt.SigningMethodHS256, key.ID, key.Secret, claims(now.Add(-time.Minute))),
		"no expiry":    forge(t, jwt.SigningMethodHS256, key.ID, key.Secret, jwt.MapClaims{"iss": "probono-match", "aud": "probono-match-api", "sub": m.ID, "sid": uuid.NewString()}),
		"tampered":     parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"`+uuid.NewString()+`"}`)) + "." + parts[2],
		"bad sig":      parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2])),
		"alg none":     noneHeader + "." + parts[1] + ".",
		"wrong kid":    forge(t, jwt.SigningMethodHS256, "other", []byte("another-key-of-thirty-two-bytes-long!"), claims(now.Add(time.Minute))),
		"no kid":       forge(t, jwt.SigningMethodHS256, "", key.Secret, claims(now.Add(time.Minute))),
		"wrong issuer": forge(t, jwt.SigningMethodHS256, key.ID, key.Secret, jwt.MapClaims{"iss": "elsewhere", "aud": "probono-match-api", "sub": m.ID, "sid": uuid.NewString(), "exp": now.Add(time.Minute).Unix()}),
		"garbage":      "not-a-jwt",
	}
	for name, token := range cases {
		t.Run(name, func(t *testing.T) {
			getMe(t, env, token).Problem(t, http.StatusUnauthorized)
		})
	}
	// The forging helper is sound: the same claims with the right key and a future expiry pass.
	good := forge(t, jwt.SigningMethodHS256, key.ID, key.Secret, claims(now.Add(time.Minute)))
	if r := getMe(t, env, good); r.Status != http.StatusOK {
		t.Fatalf("well-formed token refused: %d %s", r.Status, r.Body)
	}
}

func refresh(t *testing.T, env *apptest.Env, c *http.Cookie) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{c}})
}

func TestRefresh_RotatesAndReuseRevokesTheFamily(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	first := env.Login(t, coordinator, password)

	r := refresh(t, env, first.Refresh)
	if r.Status != http.StatusOK {
		t.Fatalf("refresh: %d %s", r.Status, r.Body)
	}
	second := apptest.TokenFrom(t, r)
	if second.Refresh.Value == first.Refresh.Value {
		t.Fatal("refresh token did not rotate")
	}
	if getMe(t, env, second.Token).Status != http.StatusOK {
		t.Fatal("new access token does not work")
	}

	// Replaying the first token is detected: it fails, and so does the newest one of its family.
	refresh(t, env, first.Refresh).Problem(t, http.StatusUnauthorized)
	refresh(t, env, second.Refresh).Problem(t, http.StatusUnauthorized)

	// Another login of the same user is a different family and keeps working.
	other := env.Login(t, coordinator, password)
	if refresh(t, env, other.Refresh).Status != http.StatusOK {
		t.Fatal("an unrelated session was revoked")
	}
}

func TestLogout_RevokesTheRefreshToken(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	s := env.Login(t, coordinator, password)
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/logout", Cookies: []*http.Cookie{s.Refresh}})
	if r.Status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", r.Status, r.Body)
	}
	refresh(t, env, s.Refresh).Problem(t, http.StatusUnauthorized)
	refresh(t, env, &http.Cookie{Name: "pm_refresh", Value: "made-up"}).Problem(t, http.StatusUnauthorized)
}

var resetLink = regexp.MustCompile(`/reset-password\?token=([A-Za-z0-9_-]+)`)

func TestPasswordReset_EmailedSingleUseTokenSetsNewPassword(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	old := env.Login(t, coordinator, password)
	for _, email := range []string{coordinator, "nobody@nowhere.example"} {
		r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": email}})
		if r.Status != http.StatusAccepted {
			t.Fatalf("reset request for %s: %d %s", email, r.Status, r.Body)
		}
	}
	if n := len(env.MailTo(t, "nobody@nowhere.example")); n != 0 {
		t.Fatalf("mail sent to an unknown address: %d", n)
	}
	mails := env.MailTo(t, coordinator)
	if len(mails) != 1 {
		t.Fatalf("want one reset email, got %d", len(mails))
	}
	m := resetLink.FindStringSubmatch(mails[0].Text)
	if m == nil {
		t.Fatalf("no reset link in %q", mails[0].Text)
	}
	confirm := func(token, pw string) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/password-reset/confirm",
			Body: map[string]string{"token": token, "password": pw}})
	}
	p := confirm(m[1], "password1234").Problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "password" {
		t.Fatalf("common password: want a password field error, got %+v", p)
	}
	if r := confirm(m[1], "a brand new passphrase"); r.Status != http.StatusNoContent {
		t.Fatalf("confirm: %d %s", r.Status, r.Body)
	}
	confirm(m[1], "another new passphrase").Problem(t, http.StatusGone)
	confirm("made-up-token", "another new passphrase").Problem(t, http.StatusGone)

	env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": coordinator, "password": password}}).Problem(t, http.StatusUnauthorized)
	env.Login(t, coordinator, "a brand new passphrase")
	refresh(t, env, old.Refresh).Problem(t, http.StatusUnauthorized) // sessions from before the reset ended
}

func TestUpdateMe_PasswordChangeNeedsCurrentPasswordAndKeepsThisSession(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	s := env.Login(t, coordinator, password)
	other := env.Login(t, coordinator, password)
	patch := func(body any) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/me", Token: s.Token, Body: body})
	}
	p := patch(map[string]string{"current_password": "wrong-password!", "new_password": "a brand new passphrase"}).Problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "current_password" {
		t.Fatalf("want current_password error, got %+v", p)
	}
	p = patch(map[string]string{"new_password": "short"}).Problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) == 0 || p.Errors[0].Field != "new_password" {
		t.Fatalf("want new_password error, got %+v", p)
	}
	r := patch(map[string]string{"name": "Dana W. Whitfield", "current_password": password, "new_password": "a brand new passphrase"})
	if r.Status != http.StatusOK {
		t.Fatalf("update: %d %s", r.Status, r.Body)
	}
	var m me
	r.JSON(t, &m)
	if m.Name != "Dana W. Whitfield" {
		t.Fatalf("name not changed: %+v", m)
	}
	if refresh(t, env, s.Refresh).Status != http.StatusOK {
		t.Fatal("the session that changed the password was ended")
	}
	refresh(t, env, other.Refresh).Problem(t, http.StatusUnauthorized)
}
