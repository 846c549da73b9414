// Package auth owns identity: who the caller is (access tokens, refresh-token sessions), their
// credentials (passwords, resets) and their own profile. Roles and organisation kinds, the vocabulary
// every other service authorizes with, are defined here too; organisations themselves are the org
// domain's, which builds on this one.
package auth

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/notify"
)

// Account is a user as they see themselves: profile, and their role in their organisation. The
// organisation itself is the org domain's.
type Account struct {
	ID      uuid.UUID
	Email   string
	Name    string
	Role    Role
	Active  bool
	OrgID   uuid.UUID
	OrgKind OrgKind
	// CreatedAt is when the user joined.
	CreatedAt time.Time
}

// Session is what a successful sign-in returns: a short-lived access token for the Authorization
// header and a refresh token for the httpOnly cookie.
type Session struct {
	AccessToken  string
	ExpiresIn    time.Duration
	RefreshToken string
	RefreshTTL   time.Duration
	// DeviceToken, set by a sign-in with a password, marks the browser as one that has signed in to
	// the account (see Protection); it goes in an httpOnly cookie valid for DeviceTTL.
	DeviceToken string
	DeviceTTL   time.Duration
}

// LoginAttempt is a sign-in with a password from a client address, with the device token the
// browser holds ("" if none).
type LoginAttempt struct {
	Email       string
	Password    string
	ClientIP    string
	DeviceToken string
}

// ProfileUpdate changes the caller's own profile; nil fields stay as they are. Changing the password
// requires the current one.
type ProfileUpdate struct {
	Name            *string
	CurrentPassword *string
	NewPassword     *string
}

// Service is the contract of the auth domain.
type Service interface {
	// Login checks the credentials and starts a session. Returns Unauthenticated for an unknown
	// email, a wrong password or a deactivated account alike, and RateLimited while the client is
	// slowed down after failures (see Protection); never a lock that a browser which signed in to the
	// account before cannot pass.
	Login(ctx context.Context, in LoginAttempt) (Session, error)
	// Refresh exchanges a refresh token for a new session in the same family. Returns Unauthenticated
	// if the token is unknown, expired, revoked or already used, or was issued before the user was
	// last deactivated; reuse also revokes the whole family.
	Refresh(ctx context.Context, refreshToken string) (Session, error)
	// Logout revokes the family of the refresh token. Unknown tokens are ignored.
	Logout(ctx context.Context, refreshToken string) error
	// StartSession signs in a user whose identity was proven some other way (an accepted invitation).
	StartSession(ctx context.Context, userID uuid.UUID) (Session, error)
	// Authenticate turns an access token into the caller's Principal and own account, read fresh for
	// every request. Returns Unauthenticated for a bad or expired token and for a deactivated user,
	// whose tokens stop working at once and stay void after a reactivation.
	Authenticate(ctx context.Context, accessToken string) (Principal, Account, error)
	// Account returns a user's account, without authorization: for other domains' services, which
	// decide who may see it. NotFound if there is none.
	Account(ctx context.Context, userID uuid.UUID) (Account, error)
	// OrgAccounts lists an organisation's accounts by name, without authorization, as Account.
	OrgAccounts(ctx context.Context, orgID uuid.UUID) ([]Account, error)
	// UpdateMe changes the caller's name or password. Returns Invalid for a weak new password or a
	// wrong current password, RateLimited while the account is slowed down after wrong passwords. A
	// new password signs out every other session.
	UpdateMe(ctx context.Context, p Principal, u ProfileUpdate) (Account, error)
	// RequestPasswordReset records a single-use reset valid for one hour if the email belongs to an
	// active account, whose event's job emails the link, and says nothing either way; past the
	// limits of Protection it quietly records nothing.
	RequestPasswordReset(ctx context.Context, email, clientIP string) error
	// PasswordResetEmail makes the reset's link with a new token (one sent before stops working)
	// and composes its email, for the job of EventPasswordResetRequested. NotFound once the reset
	// is used or expired.
	PasswordResetEmail(ctx context.Context, resetID uuid.UUID) (notify.Email, error)
	// ResetPassword sets a new password with a reset token and signs out every session. Returns Gone
	// if the token is unknown, expired or used, Invalid for a weak password.
	ResetPassword(ctx context.Context, token, newPassword string) error
	// OpenQueueConsole gives a platform admin a pass to the job queue console, valid for
	// ConsolePassTTL, for a cookie. Returns Forbidden for anyone else.
	OpenQueueConsole(ctx context.Context, p Principal) (pass string, err error)
	// QueueConsoleAdmin returns the holder of a console pass. Returns Forbidden for a forged or
	// expired pass, and for one whose holder has since been deactivated, signed out everywhere, or
	// is no longer a platform admin.
	QueueConsoleAdmin(ctx context.Context, pass string) (Principal, error)
}

// EventPasswordResetRequested is emitted with a password reset; its job emails the link.
const EventPasswordResetRequested = "auth:password_reset_requested"

// PasswordResetRequested is the payload of EventPasswordResetRequested.
type PasswordResetRequested struct {
	ResetID uuid.UUID `json:"reset_id"`
	UserID  uuid.UUID `json:"user_id"`
}
