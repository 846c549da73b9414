package auth

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/platform/crypto"
	"github.com/probono-match/probono/internal/platform/ratelimit"
)

// Protection says how sign-in and password resets are protected from guessing without letting anyone
// lock a user out, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies":
//   - a browser that signed in to the account before presents its device token and is limited only
//     on its own (DeviceFailures per Window; past that it counts as unknown);
//   - unknown clients share a per-account back-off: after FreeFailures, each failure blocks them
//     for twice as long as the one before, from FirstDelay up to MaxDelay, and a successful sign-in
//     from an unknown client forgets the failures; a wrong current password when changing it counts too;
//   - an address sending unknown clients' failures is blocked after AddressFailures per Window,
//     whatever accounts they try (password spraying);
//   - password reset requests are always answered alike; past ResetsPerAddress per Window from one
//     address, or ResetEmailsPerAccount within an hour for one account, no email is sent. The links
//     already sent stay valid for that hour, so the real user always has one.
type Protection struct {
	FreeFailures          int64
	FirstDelay            time.Duration
	MaxDelay              time.Duration
	FailureMemory         time.Duration
	DeviceFailures        int64
	AddressFailures       int64
	Window                time.Duration
	ResetsPerAddress      int64
	ResetEmailsPerAccount int64
	// DeviceTTL is how long a device token is valid; each sign-in issues a fresh one.
	DeviceTTL time.Duration
}

// DefaultProtection is the protection of a running service.
func DefaultProtection() Protection {
	return Protection{
		FreeFailures: 5, FirstDelay: 2 * time.Second, MaxDelay: 15 * time.Minute, FailureMemory: 24 * time.Hour,
		DeviceFailures: 10, AddressFailures: 30, Window: 15 * time.Minute,
		ResetsPerAddress: 10, ResetEmailsPerAccount: 3,
		DeviceTTL: 180 * 24 * time.Hour,
	}
}

// guard applies a Protection with counters shared by every API process.
type guard struct {
	p            Protection
	account      ratelimit.Backoff
	device       ratelimit.Window
	address      ratelimit.Window
	resetAddress ratelimit.Window
	resetEmails  ratelimit.Window
}

func newGuard(c *ratelimit.Counters, p Protection) *guard {
	return &guard{
		p:            p,
		account:      ratelimit.Backoff{Counters: c, Name: "signin:account:", Free: p.FreeFailures, First: p.FirstDelay, Max: p.MaxDelay, Memory: p.FailureMemory},
		device:       ratelimit.Window{Counters: c, Name: "signin:device:", Max: p.DeviceFailures, Per: p.Window},
		address:      ratelimit.Window{Counters: c, Name: "signin:address:", Max: p.AddressFailures, Per: p.Window},
		resetAddress: ratelimit.Window{Counters: c, Name: "reset:address:", Max: p.ResetsPerAddress, Per: p.Window},
		resetEmails:  ratelimit.Window{Counters: c, Name: "reset:account:", Max: p.ResetEmailsPerAccount, Per: passwordResetTTL},
	}
}

// accountKey identifies an account by a digest of its email, so the counters never hold an email and
// an email without an account is counted exactly like one with.
func accountKey(email string) string { return crypto.TokenDigest(NormalizeEmail(email)) }

// signinAttempt is one sign-in attempt as the guard sees it.
type signinAttempt struct {
	account string
	address string
	// device is the id of the attempt's valid, unblocked device token for the account; "" for an
	// unknown client.
	device string
}

// admit refuses an attempt with RateLimited while the client is blocked.
func (g *guard) admit(ctx context.Context, a signinAttempt) error {
	if a.device != "" {
		return nil // a trusted device that is blocked is not trusted: see trustDevice
	}
	return ratelimit.TooMany(max(g.address.Wait(ctx, a.address), g.account.Wait(ctx, a.account)), "Too many failed sign-in attempts.")
}

// failed counts a failed attempt.
func (g *guard) failed(ctx context.Context, a signinAttempt) {
	if a.device != "" {
		g.device.Hit(ctx, a.device)
		return
	}
	g.address.Hit(ctx, a.address)
	g.account.Fail(ctx, a.account)
}

// succeeded forgets the account's failures from unknown clients once one of them proves it knows the
// password; a trusted device signing in leaves them, or it would hand an attacker free guesses.
func (g *guard) succeeded(ctx context.Context, a signinAttempt) {
	if a.device == "" {
		g.account.Reset(ctx, a.account)
	}
}

// trustDevice returns the device id of token if it is a valid device token of the account of userID
// that is not blocked, and "" otherwise.
func (g *guard) trustDevice(ctx context.Context, signer *Signer, token string, userID uuid.UUID, now time.Time) string {
	d, ok := signer.verifyDevice(token, now)
	if !ok || d.UserID != userID || g.device.Wait(ctx, d.ID.String()) > 0 {
		return ""
	}
	return d.ID.String()
}

// passwordCheck guards checking the current password of a signed-in user, which counts against the
// account like a sign-in from an unknown client.
func (g *guard) passwordCheck(ctx context.Context, email string) error {
	return ratelimit.TooMany(g.account.Wait(ctx, accountKey(email)), "Too many wrong passwords.")
}

func (g *guard) wrongPassword(ctx context.Context, email string) {
	g.account.Fail(ctx, accountKey(email))
}

// mayEmailReset counts a reset request and reports whether it may send an email to the account of
// email, if there is one.
func (g *guard) mayEmailReset(ctx context.Context, email, clientIP string) bool {
	address := ratelimit.AddressKey(clientIP)
	if g.resetAddress.Wait(ctx, address) > 0 {
		return false
	}
	g.resetAddress.Hit(ctx, address)
	return g.resetEmails.Wait(ctx, accountKey(email)) == 0
}

// resetEmailed counts a reset email sent to the account of email.
func (g *guard) resetEmailed(ctx context.Context, email string) {
	g.resetEmails.Hit(ctx, accountKey(email))
}
