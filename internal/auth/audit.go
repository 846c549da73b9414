package auth

import (
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/crypto"
	"github.com/probono-match/probono/internal/store"
)

// The actions the auth service records in the audit trail, each on the user's account.
const (
	ActionSignedIn        = "auth.signed_in"
	ActionSignInFailed    = "auth.sign_in_failed"
	ActionSignedOut       = "auth.signed_out"
	ActionRefreshReused   = "auth.refresh_token_reused"
	ActionPasswordChanged = "auth.password_changed"
	ActionPasswordReset   = "auth.password_reset"
)

// Why a sign-in with a password was refused, as the trail records it.
const (
	refusedUnknownEmail = "unknown_email"
	refusedPassword     = "wrong_password"
	refusedDeactivated  = "user_deactivated"
	refusedOrganization = "organization_deactivated"
)

// signInRefusal says why a sign-in with password to acct (known: the email has an account) is
// refused, or "" when it is not. The password is checked even for an unknown email (against no
// hash), so that the answer takes as long either way.
func signInRefusal(known bool, password string, acct store.Account) string {
	switch {
	case !known:
		crypto.BurnPasswordCheck(password)
		return refusedUnknownEmail
	case !crypto.CheckPassword(password, acct.PasswordHash):
		return refusedPassword
	case !acct.Active:
		return refusedDeactivated
	case !acct.OrgActive:
		return refusedOrganization
	}
	return ""
}

// accountRecord is the trail's record of action by a user on their own account.
func accountRecord(action string, a store.Account, after map[string]any) audit.Record {
	user, org := a.ID, a.OrgID
	return audit.Record{ActorID: &user, OrgID: &org, Action: action, ObjectType: "user", ObjectID: user.String(), After: after}
}

// signInFailed is the trail's record of a refused sign-in. Nobody is signed in, so it has no
// actor; it belongs to the account's organisation when the email has one. The email tried is kept
// (it is what an attack on an account is traced by), the password never.
func signInFailed(email string, acct store.Account, why string) audit.Record {
	r := audit.Record{Action: ActionSignInFailed, ObjectType: "user", After: map[string]any{"email": email, "reason": why}}
	if why != refusedUnknownEmail {
		org := acct.OrgID
		r.OrgID, r.ObjectID = &org, acct.ID.String()
	}
	return r
}
