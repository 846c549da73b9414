package auth

import (
	"strconv"
	"time"

	"github.com/google/uuid"
)

// A device token is the value of the device cookie a browser receives on each successful sign-in
// (OWASP's "device cookie"): it names the account and a random device id, until an expiry, signed
// with a key derived from the access-token signing key of its kid. It proves only that this browser
// signed in to this account before, which exempts it from the account's back-off for unknown clients.
type device struct {
	UserID  uuid.UUID
	ID      uuid.UUID
	Expires time.Time
}

// deviceKeyLabel separates the device-token keys from the access-token keys they are derived from.
const deviceKeyLabel = "probono-match device token v1"

// signDevice returns the device token of d.
func (s *Signer) signDevice(d device) string {
	return s.signFields(deviceKeyLabel, d.UserID.String(), d.ID.String(), strconv.FormatInt(d.Expires.Unix(), 10))
}

// verifyDevice returns the device a token names if its signature holds and it has not expired.
func (s *Signer) verifyDevice(token string, now time.Time) (device, bool) {
	parts, ok := s.verifyFields(deviceKeyLabel, token, 3)
	if !ok {
		return device{}, false
	}
	userID, userErr := uuid.Parse(parts[0])
	id, idErr := uuid.Parse(parts[1])
	exp, expErr := strconv.ParseInt(parts[2], 10, 64)
	if userErr != nil || idErr != nil || expErr != nil || !now.Before(time.Unix(exp, 0)) {
		return device{}, false
	}
	return device{UserID: userID, ID: id, Expires: time.Unix(exp, 0)}, true
}
