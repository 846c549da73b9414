package api_test

import (
	"bytes"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/config"
)

// quickProtection is the sign-in protection with delays short enough to wait out in a test; each
// test lowers the one limit it is about.
func quickProtection() auth.Protection {
	return auth.Protection{
		FreeFailures: 3, FirstDelay: 300 * time.Millisecond, MaxDelay: time.Second, FailureMemory: time.Minute,
		DeviceFailures: 100, AddressFailures: 100, Window: time.Minute,
		ResetsPerAddress: 100, ResetEmailsPerAccount: 100, DeviceTTL: time.Hour,
	}
}

// signIn attempts a sign-in, from the address in forwardedFor if it is not "", with the cookies given.
func signIn(t *testing.T, env *apptest.Env, email, pw, forwardedFor string, cookies ...*http.Cookie) *apptest.Response {
	t.Helper()
	var h http.Header
	if forwardedFor != "" {
		h = http.Header{"X-Forwarded-For": {forwardedFor}}
	}
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Header: h, Cookies: cookies,
		Body: map[string]string{"email": email, "password": pw}})
}

// deviceCookieOf returns the device cookie a successful sign-in set.
func deviceCookieOf(t *testing.T, r *apptest.Response) *http.Cookie {
	t.Helper()
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == "pm_device" {
			return c
		}
	}
	t.Fatalf("no device cookie set: %v", r.Header.Values("Set-Cookie"))
	return nil
}

// tooManyAttempts checks the answer is 429 problem+json with a Retry-After in whole seconds, and
// returns that wait.
func tooManyAttempts(t *testing.T, r *apptest.Response) time.Duration {
	t.Helper()
	p := r.Problem(t, http.StatusTooManyRequests)
	secs, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if err != nil || secs <= 0 {
		t.Fatalf("Retry-After = %q, want whole seconds", r.Header.Get("Retry-After"))
	}
	if !strings.HasSuffix(p.Type, "/rate-limited") || !strings.Contains(p.Detail, "Try again in") {
		t.Fatalf("problem %+v must be rate-limited and say when to try again", p)
	}
	return time.Duration(secs) * time.Second
}

func TestLogin_UnknownBrowsersAreSlowedDownExponentiallyNeverLockedOut(t *testing.T) {
	t.Parallel()
	p := quickProtection()
	env := apptest.New(t, apptest.WithProtection(p))
	for i := range p.FreeFailures {
		signIn(t, env, coordinator, "wrong-"+strconv.Itoa(int(i)), "").Problem(t, http.StatusUnauthorized)
	}
	// Each failure past the free ones blocks unknown browsers, for twice as long as the one before.
	for _, delay := range []time.Duration{p.FirstDelay, 2 * p.FirstDelay} {
		signIn(t, env, coordinator, "another wrong guess", "").Problem(t, http.StatusUnauthorized)
		if wait := tooManyAttempts(t, signIn(t, env, coordinator, password, "")); wait < delay {
			t.Fatalf("Retry-After %v is shorter than the delay %v", wait, delay)
		}
		time.Sleep(delay)
	}
	// Waited out, the right password signs in, and that forgets the failures.
	if r := signIn(t, env, coordinator, password, ""); r.Status != http.StatusOK {
		t.Fatalf("after the delay: %d %s", r.Status, r.Body)
	}
	signIn(t, env, coordinator, "wrong again", "").Problem(t, http.StatusUnauthorized)
	if r := signIn(t, env, coordinator, password, ""); r.Status != http.StatusOK {
		t.Fatalf("failures were not forgotten after a sign-in: %d %s", r.Status, r.Body)
	}
}

func TestLogin_UnknownEmailsAreSlowedDownLikeAccounts(t *testing.T) {
	t.Parallel()
	p := quickProtection()
	env := apptest.New(t, apptest.WithProtection(p))
	for _, email := range []string{coordinator, "nobody@nowhere.example"} {
		for range p.FreeFailures + 1 {
			signIn(t, env, email, "wrong password", "").Problem(t, http.StatusUnauthorized)
		}
		tooManyAttempts(t, signIn(t, env, email, "wrong password", ""))
	}
}

func TestLogin_ABrowserThatSignedInBeforeKeepsWorkingDuringAnAttack(t *testing.T) {
	t.Parallel()
	p := quickProtection()
	p.FirstDelay, p.MaxDelay, p.DeviceFailures = time.Minute, time.Hour, 2
	env := apptest.New(t, apptest.WithProtection(p))
	first := signIn(t, env, coordinator, password, "")
	device := deviceCookieOf(t, first)
	if !device.HttpOnly || device.SameSite != http.SameSiteStrictMode || device.Path != "/api/v1/auth/login" || device.MaxAge != int(p.DeviceTTL.Seconds()) {
		t.Fatalf("device cookie must be httpOnly, SameSite=Strict, for sign-in only, lasting DeviceTTL: %+v", device)
	}
	otherAccount := deviceCookieOf(t, signIn(t, env, "admin@hartwell.example", password, ""))

	// An attacker without the cookie makes unknown browsers wait.
	for range p.FreeFailures + 1 {
		signIn(t, env, coordinator, "attacker guess", "").Problem(t, http.StatusUnauthorized)
	}
	tooManyAttempts(t, signIn(t, env, coordinator, password, ""))

	tampered := *device
	tampered.Value = device.Value[:len(device.Value)-2] + "AA"
	for name, c := range map[string]*http.Cookie{"another account's cookie": otherAccount, "a tampered cookie": &tampered} {
		t.Run(name, func(t *testing.T) { tooManyAttempts(t, signIn(t, env, coordinator, password, "", c)) })
	}

	// The user's own browser signs in at once, and gets a fresh device cookie.
	r := signIn(t, env, coordinator, password, "", device)
	if r.Status != http.StatusOK {
		t.Fatalf("trusted browser refused during the attack: %d %s", r.Status, r.Body)
	}
	device = deviceCookieOf(t, r)

	// A stolen device cookie gets only a few guesses of its own, then counts as unknown.
	for range p.DeviceFailures {
		signIn(t, env, coordinator, "guess with a stolen cookie", "", device).Problem(t, http.StatusUnauthorized)
	}
	tooManyAttempts(t, signIn(t, env, coordinator, password, "", device))
}

func TestLogin_AnAddressSprayingPasswordsAcrossAccountsIsBlocked(t *testing.T) {
	t.Parallel()
	p := quickProtection()
	p.AddressFailures = 4
	env := apptest.New(t, apptest.WithProtection(p))
	device := deviceCookieOf(t, signIn(t, env, coordinator, password, ""))
	for _, email := range []string{"admin@hartwell.example", "priya.raman@hartwell.example", "nobody@nowhere.example", "staff@northside.example"} {
		signIn(t, env, email, "Summer2026!", "").Problem(t, http.StatusUnauthorized)
	}
	tooManyAttempts(t, signIn(t, env, "james.okafor@hartwell.example", "Summer2026!", ""))
	// A user whose browser signed in before is not held back by their neighbour on the address.
	if r := signIn(t, env, coordinator, password, "", device); r.Status != http.StatusOK {
		t.Fatalf("trusted browser refused on a blocked address: %d %s", r.Status, r.Body)
	}
}

func TestLogin_ForwardedForCountsOnlyBehindTrustedProxies(t *testing.T) {
	t.Parallel()
	p := quickProtection()
	p.AddressFailures = 2
	trustLocal := apptest.Configure(func(c *config.Config) {
		for _, cidr := range []string{"127.0.0.0/8", "::1/128"} {
			_, n, _ := net.ParseCIDR(cidr)
			c.TrustedProxies = append(c.TrustedProxies, n)
		}
	})
	emails := []string{"admin@hartwell.example", "priya.raman@hartwell.example", "nobody@nowhere.example"}

	t.Run("without trusted proxies the header is ignored", func(t *testing.T) {
		t.Parallel()
		env := apptest.New(t, apptest.WithProtection(p))
		for i, email := range emails[:2] {
			signIn(t, env, email, "wrong", "203.0.113."+strconv.Itoa(i+1)).Problem(t, http.StatusUnauthorized)
		}
		tooManyAttempts(t, signIn(t, env, emails[2], "wrong", "203.0.113.9"))
	})
	t.Run("behind a trusted proxy each forwarded client counts alone", func(t *testing.T) {
		t.Parallel()
		env := apptest.New(t, apptest.WithProtection(p), trustLocal)
		for i, email := range emails {
			signIn(t, env, email, "wrong", "203.0.113."+strconv.Itoa(i+1)).Problem(t, http.StatusUnauthorized)
		}
		// The client named by the proxy is counted, however many addresses it puts before it.
		for _, email := range emails[:2] {
			signIn(t, env, email, "wrong", "198.51.100.7").Problem(t, http.StatusUnauthorized)
		}
		tooManyAttempts(t, signIn(t, env, emails[2], "wrong", "192.0.2.1, 198.51.100.7"))
	})
}

func TestUpdateMe_WrongCurrentPasswordsCountAgainstTheAccount(t *testing.T) {
	t.Parallel()
	p := quickProtection()
	p.MaxDelay = time.Hour
	env := apptest.New(t, apptest.WithProtection(p))
	device := deviceCookieOf(t, signIn(t, env, coordinator, password, ""))
	s := env.Login(t, coordinator, password)
	change := func(current string) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/me", Token: s.Token,
			Body: map[string]string{"current_password": current, "new_password": "a brand new passphrase"}})
	}
	for range p.FreeFailures + 1 {
		change("a wrong guess").Problem(t, http.StatusUnprocessableEntity)
	}
	tooManyAttempts(t, change(password))
	tooManyAttempts(t, signIn(t, env, coordinator, password, ""))
	// The user's own browser still signs in.
	if r := signIn(t, env, coordinator, password, "", device); r.Status != http.StatusOK {
		t.Fatalf("trusted browser refused: %d %s", r.Status, r.Body)
	}
}

func TestPasswordReset_RequestsFromAnywhereNeverKeepTheUserFromALink(t *testing.T) {
	t.Parallel()
	p := quickProtection()
	p.ResetEmailsPerAccount, p.ResetsPerAddress = 2, 4
	env := apptest.New(t, apptest.WithProtection(p))
	ask := func(email string) {
		t.Helper()
		r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": email}})
		if r.Status != http.StatusAccepted || len(r.Body) != 0 {
			t.Fatalf("reset request for %s: %d %s, want a bare 202 whatever happens", email, r.Status, r.Body)
		}
	}
	for range p.ResetsPerAddress {
		ask(coordinator)
	}
	mails := env.MailTo(t, coordinator)
	if int64(len(mails)) != p.ResetEmailsPerAccount {
		t.Fatalf("%d reset emails, want the cap of %d", len(mails), p.ResetEmailsPerAccount)
	}
	// Past the address's limit nothing more is sent, still with the same answer.
	ask("admin@hartwell.example")
	if n := len(env.MailTo(t, "admin@hartwell.example")); n != 0 {
		t.Fatalf("%d emails sent past the address limit", n)
	}
	// The first link sent is still good: the flood did not cost the user their way back in.
	token := resetLink.FindStringSubmatch(mails[0].Text)[1]
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/password-reset/confirm",
		Body: map[string]string{"token": token, "password": "a brand new passphrase"}})
	if r.Status != http.StatusNoContent {
		t.Fatalf("first link after the flood: %d %s", r.Status, r.Body)
	}
}

// syncBuffer is a log destination safe for the application's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestLogin_WorksWhileRedisIsDownWithPerProcessLimits(t *testing.T) {
	t.Parallel()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	redisURL := "redis://" + closed.Addr().String() + "/0"
	closed.Close()
	logs := &syncBuffer{}
	p := quickProtection()
	env := apptest.New(t, apptest.WithProtection(p), apptest.WithLog(logs),
		apptest.Configure(func(c *config.Config) { c.RedisURL = redisURL }))

	if r := signIn(t, env, coordinator, password, ""); r.Status != http.StatusOK {
		t.Fatalf("login with Redis down: %d %s", r.Status, r.Body)
	}
	for range p.FreeFailures + 1 {
		signIn(t, env, coordinator, "wrong password", "").Problem(t, http.StatusUnauthorized)
	}
	tooManyAttempts(t, signIn(t, env, coordinator, password, ""))
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": "admin@hartwell.example"}})
	if r.Status != http.StatusAccepted {
		t.Fatalf("reset with Redis down: %d %s", r.Status, r.Body)
	}
	// The email waits in the outbox for Redis and the worker.
	if n := queryInt(t, sqlDB(t, env), `SELECT count(*) FROM outbox_events WHERE type = 'auth:password_reset_requested'`); n != 1 {
		t.Fatalf("%d reset events recorded with Redis down; want 1", n)
	}

	log := logs.String()
	if n := strings.Count(log, "rate limits fall back to per-process memory"); n != 1 {
		t.Fatalf("want the fallback logged once, got %d times in:\n%s", n, log)
	}
	if strings.Contains(log, "@") {
		t.Fatalf("the log holds an email address:\n%s", log)
	}
}
